// libFuzzer target: any bytes as a patient file, through the loader and, when it loads, the
// whole pipeline and every renderer, against the built-in settings. Under AddressSanitizer and
// UndefinedBehaviorSanitizer every crash, leak, overflow or hang is a finding.
#include <scarplan/app/pipeline.hpp>
#include <scarplan/load/builtin_data.hpp>
#include <scarplan/load/patient_file.hpp>
#include <scarplan/load/settings_files.hpp>
#include <scarplan/render/render.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "render_all.hpp"

namespace {

const scarplan::Settings&
settings()
{
  static const scarplan::Settings k_settings = [] {
    scarplan::Diagnostics clinic_errors("clinic");
    scarplan::Diagnostics protocol_errors("protocol");
    auto clinic = scarplan::load_clinic(scarplan::builtin_file("clinic.toml"), clinic_errors);
    auto protocol =
        scarplan::load_protocol(scarplan::builtin_file("protocol.toml"), protocol_errors);
    if (!clinic || !protocol) {
      std::abort();
    }
    return scarplan::Settings{std::move(*clinic), std::move(*protocol)};
  }();
  return k_settings;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const date::sys_days today = date::sys_days{date::year{2026} / 11 / 22};
  scarplan::Diagnostics diagnostics("fuzz.toml");
  auto patient = scarplan::load_patient(text, today, diagnostics);
  for (const auto& item : diagnostics.items()) {
    (void)scarplan::format_diagnostic(item);
  }
  if (!patient) {
    return 0;
  }
  const scarplan::Plan plan =
      scarplan::make_plan(std::move(*patient), settings(), {today, today, std::nullopt});
  scarplan::RenderOptions options;
  options.explain = true;
  options.with_name = true;
  scarplan::fuzz::render_every_format(plan, options);
  return 0;
}
