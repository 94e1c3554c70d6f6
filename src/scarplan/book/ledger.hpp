#pragma once

#include <scarplan/model/settings.hpp>
#include <scarplan/schedule/availability.hpp>

#include <date/date.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace scarplan {

// What is taken, in UTC instants: each room's appointments (with the turnover buffer after
// each) and each practitioner's sessions. Answers the schedule's questions as it books.
class Ledger : public Availability
{
public:
  Ledger(const Clinic& clinic, std::vector<BusyEvent> busy);

  std::chrono::minutes grid() const override { return m_clinic.capacity.slot; }
  Answer ask(date::sys_days day,
             const ClinicTime& arrive,
             const ClinicTime& start,
             const ClinicTime& end) const override;
  // Takes what `ask` offered for this session.
  void reserve(const Booking& booking,
               const ClinicTime& arrive,
               const ClinicTime& start,
               const ClinicTime& end);

  // Busy events no room could hold at their time (more at once than there are rooms).
  std::size_t overbooked_busy() const { return m_overbooked; }

private:
  struct Taken
  {
    date::sys_seconds end;
    bool busy; // an existing appointment, not a session booked here
  };
  using Intervals = std::map<date::sys_seconds, Taken>; // by start; never overlapping
  static const Taken* overlap(const Intervals& taken, date::sys_seconds from, date::sys_seconds to);
  static void insert(Intervals& taken, date::sys_seconds from, date::sys_seconds to, bool busy);

  // The schedule asks about one day dozens of times (each grid time, nearest the preferred
  // first): that day's intervals of each room and practitioner, copied once into short vectors,
  // answer them. A lookup in the whole ledger's maps per question was a fifth of a 10,000-patient
  // booking (perf); the copy is dropped when the day changes or something is reserved.
  struct Span
  {
    date::sys_seconds start;
    date::sys_seconds end;
    bool busy;
  };
  using DaySpans = std::vector<std::vector<Span>>;
  void load_day(date::sys_days day) const;
  static const Span*
  overlap(const std::vector<Span>& spans, date::sys_seconds from, date::sys_seconds to);

  const Clinic& m_clinic;
  std::vector<Intervals> m_rooms;
  std::vector<Intervals> m_practitioners;
  std::size_t m_overbooked = 0;
  mutable std::optional<date::sys_days> m_day; // the day m_day_rooms and m_day_practitioners hold
  mutable DaySpans m_day_rooms;
  mutable DaySpans m_day_practitioners;
};

} // namespace scarplan
