#pragma once

#include <scarplan/model/plan.hpp>
#include <scarplan/util/diagnostics.hpp>

#include <optional>
#include <string_view>
#include <vector>

namespace scarplan {

// The events of a plan's earlier calendar (`plan --previous FILE.ics`), read with libical, so a
// re-plan can cancel the ones it no longer has. Problems (not iCalendar, a libical parse error,
// an event without UID or DTSTART) go to `diagnostics`.
std::optional<std::vector<PreviousEvent>> load_previous_calendar(std::string_view text,
                                                                 Diagnostics& diagnostics);

} // namespace scarplan
