#pragma once

#include <scarplan/model/plan.hpp>
#include <scarplan/util/diagnostics.hpp>

#include <optional>
#include <string_view>
#include <vector>

namespace scarplan {

// Limits that keep a hostile calendar bounded (documented in scarplan(1)).
constexpr std::size_t k_max_busy_events = 100000; // occurrences, recurrences expanded
// Steps of libical's recurrence iterator (occurrences before the horizon included): per
// RRULE and per file, so a FREQ=SECONDLY from 1900 is an error, not hours of expansion.
constexpr std::size_t k_max_recurrence_steps = 250000;
constexpr std::size_t k_max_recurrence_steps_per_file = 2000000;

// The clinic's existing appointments (`book --busy FILE.ics`), read with libical: every timed
// VEVENT that is not cancelled or transparent, its times in its TZID (a tz database name, or
// the file's own VTIMEZONE), UTC, or floating (clinic time); a recurring one (RRULE, less its
// EXDATEs) expanded over [from, to), a rule of days or shorter from its first occurrence near
// `from` (without COUNT). Its room: the first of LOCATION, then RESOURCES, naming
// one of the clinic's rooms. All-day events take no room. Problems name the event's line.
std::optional<std::vector<BusyEvent>> load_busy_calendar(std::string_view text,
                                                         const Clinic& clinic,
                                                         date::sys_days from,
                                                         date::sys_days to,
                                                         Diagnostics& diagnostics);

} // namespace scarplan
