#pragma once

// Every format of a plan, for the fuzz targets: a format added to render.hpp is fuzzed too.
#include <scarplan/render/render.hpp>

#include <iterator>

namespace scarplan::fuzz {

inline void
render_every_format(const Plan& plan, const RenderOptions& options)
{
  for (std::size_t i = 0; i < std::size(k_format_names); ++i) {
    (void)render(static_cast<Format>(i), plan, options);
  }
  (void)render_classification_text(plan, options);
  (void)render_classification_json(plan, options);
  (void)render_next_text(plan, options);
  (void)render_next_json(plan, options);
  for (std::size_t i = 0; i < std::size(k_format_names); ++i) {
    (void)render_progress(static_cast<Format>(i), plan, options);
  }
}

} // namespace scarplan::fuzz
