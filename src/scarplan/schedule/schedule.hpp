#pragma once

#include <scarplan/model/plan.hpp>
#include <scarplan/schedule/availability.hpp>

#include <optional>

namespace scarplan {

// A session already booked for the clinic as a whole (book): its day and start, kept as they are.
struct BookedSession
{
  date::sys_days day;
  std::chrono::minutes start; // local time of day
  Booking booking;
  std::vector<std::string> notes;
};

struct ScheduleRequest
{
  date::sys_days today;
  std::optional<date::sys_days> start; // --start, overriding the file's preferences.start
  bool short_prep = false; // --short-prep: keep a start too soon for the preparation, and say so
  const Availability* availability = nullptr;         // book: rooms, practitioners, busy times
  const std::vector<BookedSession>* booked = nullptr; // book: the sessions as placed
};

struct Schedule
{
  std::vector<Session> sessions;
  std::vector<FollowUp> follow_up;
  std::vector<std::string> notes;
  std::vector<Finding> findings; // coded: a start moved for the preparation, a step shortened
};

// Dates the remaining sessions: each on an open clinic day (not a closure, on a preferred
// weekday), at the preferred time with arrival and end inside opening hours, spaced at the
// target interval when possible and always inside the window unless no day fits; then the prep
// and recovery milestones of each session and the follow-up visits after the course. No step is
// dated before the reference day: a first session too soon for its preparation moves (unless
// short_prep), and a step that can no longer be complete starts on the reference day and is
// listed as shortened.
Schedule schedule_course(const Patient& patient,
                         const Recommendation& recommendation,
                         const Eligibility& eligibility,
                         const Clinic& clinic,
                         const Protocol& protocol,
                         const ScheduleRequest& request);

// How far ahead the schedule (and a booking) looks for a free day before it gives up and says so.
inline constexpr int k_search_days = 366;

// The local time of day of `time`, counted from the start of `day` (the clinic day it is on).
inline std::chrono::minutes
minutes_into_day(const ClinicTime& time, date::sys_days day)
{
  return std::chrono::duration_cast<std::chrono::minutes>(time.local -
                                                          date::local_days{day.time_since_epoch()});
}

// The UTC instant of a clinic-local wall time. A time that does not exist (skipped by a
// daylight-saving change) moves forward by the gap; an ambiguous one takes its first occurrence.
ClinicTime to_clinic_time(const date::time_zone& zone, date::local_seconds local);
ClinicTime to_clinic_time(const date::time_zone& zone, date::sys_seconds utc);

} // namespace scarplan
