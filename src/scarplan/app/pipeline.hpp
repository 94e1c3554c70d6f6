#pragma once

#include <scarplan/model/plan.hpp>
#include <scarplan/schedule/schedule.hpp>

#include <optional>

namespace scarplan {

struct Settings
{
  Clinic clinic;
  Protocol protocol;
};

struct PlanOptions
{
  date::sys_days today;
  date::sys_seconds reference_time;    // SOURCE_DATE_EPOCH, else midnight UTC of `today`
  std::optional<date::sys_days> start; // --start
  const std::vector<PreviousEvent>* previous_events = nullptr; // --previous
  const Availability* availability = nullptr;                  // book: schedule against the ledger
  const std::vector<BookedSession>* booked = nullptr;          // book: the sessions as placed
  bool short_prep = false; // --short-prep: keep a start too soon for the preparation
};

// The whole planning pipeline for one validated patient:
// classify and grade -> eligibility -> recommend -> progress -> schedule -> price.
Plan make_plan(Patient patient, const Settings& settings, const PlanOptions& options);

// Only the first two stages, for `scarplan classify`.
Plan make_classification(Patient patient, const Settings& settings, const PlanOptions& options);

} // namespace scarplan
