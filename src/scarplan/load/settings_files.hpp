#pragma once

#include <scarplan/model/settings.hpp>
#include <scarplan/util/diagnostics.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace scarplan {

// Validate the clinic and protocol files (spec/clinic-file.md, scarplan-settings(5)) the same
// way as patient files: every problem to `diagnostics`, a value only when there are none.
std::optional<Clinic> load_clinic(std::string_view text, Diagnostics& diagnostics);
std::optional<Protocol> load_protocol(std::string_view text, Diagnostics& diagnostics);

} // namespace scarplan
