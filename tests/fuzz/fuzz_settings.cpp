// libFuzzer target: any bytes as a clinic file and as a protocol file, through their loaders;
// whichever loads is used, beside the other built-in file, to plan the bundled example patient
// and render it in every format. Under ASan and UBSan every crash, leak or overflow is a finding.
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

const date::sys_days k_today = date::sys_days{date::year{2026} / 11 / 22};

template<typename Value, typename Load>
Value
builtin(std::string_view name, Load load)
{
  scarplan::Diagnostics errors(std::string{name});
  auto value = load(scarplan::builtin_file(name), errors);
  if (!value) {
    std::abort();
  }
  return std::move(*value);
}

void
plan_with(const scarplan::Settings& settings)
{
  static const std::string k_patient = R"([patient]
id = "F-1"
birth_date = 1990-01-01
phototype = 4
[history]
herpes_simplex = true
keloid_history = true
medications = ["Warfarin 5 mg", "Metformin"]
[[scars]]
area = "cheek"
count = 12
width_mm = 5
depth_mm = 0.4
edges = "sloped"
[[scars]]
area = "temple"
count = 2
width_mm = 1.2
depth_mm = 1.1
[preferences]
adjuncts = ["prp", "subcision"]
package = true
)";
  scarplan::Diagnostics diagnostics("patient");
  auto patient = scarplan::load_patient(k_patient, k_today, diagnostics);
  if (!patient) {
    std::abort();
  }
  const scarplan::Plan plan =
      scarplan::make_plan(std::move(*patient), settings, {k_today, k_today, std::nullopt});
  scarplan::RenderOptions options;
  options.explain = true;
  scarplan::fuzz::render_every_format(plan, options);
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  static const auto k_clinic = builtin<scarplan::Clinic>("clinic.toml", scarplan::load_clinic);
  static const auto k_protocol =
      builtin<scarplan::Protocol>("protocol.toml", scarplan::load_protocol);
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  scarplan::Diagnostics clinic_errors("clinic.toml");
  if (auto clinic = scarplan::load_clinic(text, clinic_errors)) {
    plan_with(scarplan::Settings{std::move(*clinic), k_protocol});
  }
  for (const auto& item : clinic_errors.items()) {
    (void)scarplan::format_diagnostic(item);
  }
  scarplan::Diagnostics protocol_errors("protocol.toml");
  if (auto protocol = scarplan::load_protocol(text, protocol_errors)) {
    plan_with(scarplan::Settings{k_clinic, std::move(*protocol)});
  }
  for (const auto& item : protocol_errors.items()) {
    (void)scarplan::format_diagnostic(item);
  }
  return 0;
}
