#pragma once

#include <scarplan/book/ledger.hpp>
#include <scarplan/schedule/schedule.hpp>

#include <functional>
#include <map>
#include <vector>

namespace scarplan {

// Booking a whole clinic: every patient's sessions placed so that no room or practitioner is
// double-booked and no existing appointment is overlapped, each patient's interval window kept
// where it can be (a session that cannot be placed inside it goes after it, flagged).

// A session as the plan alone placed it: the target the booking is measured against.
struct SessionTime
{
  date::sys_days day;
  ClinicTime arrive;
  ClinicTime start;
  ClinicTime end;
};

struct PatientToBook
{
  std::vector<SessionTime> targets; // the remaining sessions, planned alone
  int interval_min_days = 28;
  int interval_max_days = 42;
  std::optional<date::sys_days> last_given; // the last session given: a fixed point
};

enum class BookingMethod
{
  nearest_target, // patients in input order; each session on the free day nearest its target
  first_free      // the baseline: input order, the first free time at or after the target
};

// The booked sessions per room and day, and how close the sessions stayed to their targets.
struct RoomDay
{
  date::sys_days day;
  std::string room;
  int sessions = 0;
  int session_minutes = 0; // arrival to end
  int open_minutes = 0;    // the clinic's hours that day
};

struct CapacityReport
{
  int patients = 0;
  int sessions = 0;
  int on_target_day = 0;
  int inside_window = 0;
  int outside_window = 0;
  int not_placed = 0;              // no free time within a year: the plan says so
  std::size_t overbooked_busy = 0; // existing appointments beyond the rooms at their time
  std::vector<RoomDay> room_days;  // by day, then room
};

struct BookResult
{
  std::vector<std::vector<BookedSession>> booked; // per patient, the remaining sessions
  CapacityReport report;
};

// Books patients one after another, in the order they are given (input order: booking whole
// courses earliest-start first was measured worse, bench/book.sh: 16% of sessions on their target
// day against 57%, early courses taking the days later ones aimed at). One patient at a time, so
// the caller can book each as soon as it is planned, while the next ones are being planned.
class Booker
{
public:
  Booker(const Clinic& clinic, std::vector<BusyEvent> busy, BookingMethod method);

  // `schedule` is the patient's schedule against an availability (the pipeline, the caller's).
  std::vector<BookedSession>
  book(const PatientToBook& patient,
       const std::function<std::vector<Session>(const Availability&)>& schedule);
  CapacityReport report() const;

private:
  const Clinic& m_clinic;
  Ledger m_ledger;
  BookingMethod m_method;
  CapacityReport m_report;
  std::map<std::pair<date::sys_days, std::string>, RoomDay> m_room_days; // by day, then room
};

// The schedule of patient `index` against `availability` (the pipeline, run by the caller).
using ScheduleAgainst = std::function<std::vector<Session>(std::size_t index, const Availability&)>;

BookResult book_clinic(const std::vector<PatientToBook>& patients,
                       const ScheduleAgainst& schedule,
                       const Clinic& clinic,
                       std::vector<BusyEvent> busy,
                       BookingMethod method);

} // namespace scarplan
