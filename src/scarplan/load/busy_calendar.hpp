#pragma once

#include <scarplan/model/plan.hpp>
#include <scarplan/util/diagnostics.hpp>

#include <optional>
#include <string_view>
#include <vector>

namespace scarplan {

// Limits that keep a hostile calendar bounded (documented in scarplan(1)).
constexpr std::size_t k_max_busy_events = 100000; // occurrences, recurrences expanded

// The clinic's existing appointments (`book --busy FILE.ics`), read with libical: every timed
// VEVENT that is not cancelled or transparent, its times in its TZID (a tz database name, or
// the file's own VTIMEZONE), UTC, or floating (clinic time); a recurring one (RRULE, less its
// EXDATEs) expanded over [from, to). Its room: the first of LOCATION, then RESOURCES, naming
// one of the clinic's rooms. All-day events take no room. Problems name the event's line.
std::optional<std::vector<BusyEvent>> load_busy_calendar(std::string_view text,
                                                         const Clinic& clinic,
                                                         date::sys_days from,
                                                         date::sys_days to,
                                                         Diagnostics& diagnostics);

} // namespace scarplan
