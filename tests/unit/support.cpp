#include "support.hpp"

#include <scarplan/load/builtin_data.hpp>
#include <scarplan/load/settings_files.hpp>
#include <scarplan/util/dates.hpp>

#include <catch2/catch.hpp>

namespace scarplan::test {

namespace {

Settings
load_settings(const std::string& clinic_text)
{
  Diagnostics clinic_errors("clinic");
  Diagnostics protocol_errors("protocol");
  auto clinic = load_clinic(clinic_text, clinic_errors);
  auto protocol = load_protocol(builtin_file("protocol.toml"), protocol_errors);
  for (const auto& item : clinic_errors.items()) {
    FAIL(format_diagnostic(item));
  }
  for (const auto& item : protocol_errors.items()) {
    FAIL(format_diagnostic(item));
  }
  return Settings{std::move(*clinic), std::move(*protocol)};
}

} // namespace

const Settings&
builtin_settings()
{
  static const Settings settings = load_settings(builtin_clinic_text());
  return settings;
}

Settings
settings_with_clinic(const std::string& clinic_toml)
{
  return load_settings(clinic_toml);
}

std::string
builtin_clinic_text()
{
  return std::string(builtin_file("clinic.toml"));
}

std::string
replace(std::string text, const std::string& from, const std::string& to)
{
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

date::sys_days
day(const std::string& iso)
{
  const auto parsed = parse_iso_date(iso);
  REQUIRE(parsed);
  return *parsed;
}

Patient
patient_from(const std::string& toml, const std::string& today)
{
  Diagnostics diagnostics("test.toml");
  auto patient = load_patient(toml, day(today), diagnostics);
  for (const auto& item : diagnostics.items()) {
    FAIL(format_diagnostic(item));
  }
  REQUIRE(patient);
  return *patient;
}

std::vector<std::string>
errors_of(const std::string& toml, const std::string& today)
{
  Diagnostics diagnostics("test.toml");
  const auto patient = load_patient(toml, day(today), diagnostics);
  CHECK(!patient);
  std::vector<std::string> out;
  for (const auto& item : diagnostics.items()) {
    out.push_back(format_diagnostic(item));
  }
  return out;
}

Plan
plan_of(const std::string& toml, const std::string& today, const Settings& settings)
{
  const date::sys_days reference = day(today);
  return make_plan(patient_from(toml, today), settings, {reference, reference, std::nullopt});
}

std::string
patient_with_scar(const std::string& scar_lines, const std::string& extra)
{
  return "[patient]\nid = \"T-1\"\nbirth_date = 1990-05-05\nphototype = 3\n" + extra +
         "\n[[scars]]\n" + scar_lines + "\n";
}

} // namespace scarplan::test
