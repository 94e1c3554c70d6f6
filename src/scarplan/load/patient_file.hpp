#pragma once

#include <scarplan/model/patient.hpp>
#include <scarplan/util/diagnostics.hpp>

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>

namespace scarplan {

// Limits that keep hostile input bounded (documented in scarplan-patient(5)).
constexpr std::size_t k_max_scar_groups = 200;
constexpr std::size_t k_max_sessions_done = 50;
constexpr std::size_t k_max_assessments = 50;
constexpr std::size_t k_max_name_length = 200;
constexpr std::size_t k_max_note_length = 1000;
constexpr std::size_t k_max_list_items = 50;

// Validates a patient file (format 1) against spec/patient-file.md. Every problem goes to
// `diagnostics`; a patient is returned only when there are none. `today` is the plan's
// reference day, against which "in the past" is checked.
std::optional<Patient>
load_patient(std::string_view text, date::sys_days today, Diagnostics& diagnostics);

// The [history] booleans of format 1.
const std::vector<std::string_view>& history_flag_names();

} // namespace scarplan
