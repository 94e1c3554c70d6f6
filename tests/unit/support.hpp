#pragma once

#include <scarplan/app/pipeline.hpp>
#include <scarplan/load/patient_file.hpp>

#include <string>

namespace scarplan::test {

// The built-in clinic and protocol (data/), loaded once: tests read the real defaults, so a
// changed threshold in data/ changes the outcome and the test says why.
const Settings& builtin_settings();

// Settings with another clinic file (other zones, currencies, hours), e.g.
// settings_with_clinic(replace(builtin_clinic_text(), "America/Toronto", "Asia/Kolkata")).
Settings settings_with_clinic(const std::string& clinic_toml);
std::string builtin_clinic_text();
// `text` with the first `from` replaced by `to`; fails the test if `from` is absent.
std::string replace(std::string text, const std::string& from, const std::string& to);

date::sys_days day(const std::string& iso);

// A patient from TOML text; fails the test with the diagnostics if it does not load.
Patient patient_from(const std::string& toml, const std::string& today = "2026-11-22");

// Diagnostics of an invalid patient file, formatted.
std::vector<std::string> errors_of(const std::string& toml,
                                   const std::string& today = "2026-11-22");

Plan plan_of(const std::string& toml,
             const std::string& today = "2026-11-22",
             const Settings& settings = builtin_settings());

// A minimal valid patient with one scar group given as TOML lines.
std::string patient_with_scar(const std::string& scar_lines, const std::string& extra = "");

} // namespace scarplan::test
