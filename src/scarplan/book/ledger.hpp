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
  // The interval of `taken` that overlaps [from, to), or end().
  static Intervals::iterator clash(Intervals& taken, date::sys_seconds from, date::sys_seconds to);

  // The schedule asks about a day dozens of times (each grid time, nearest the preferred first)
  // and moves between the days of a window: each room's and practitioner's intervals by day,
  // copied into short vectors when first asked about and dropped for the days a reservation
  // touches, answer them. A lookup in the whole ledger's maps per question was a fifth of a
  // 10,000-patient booking, a single cached day reloaded at nearly every question (perf).
  struct Span
  {
    date::sys_seconds start;
    date::sys_seconds end;
    bool busy;
  };
  using DaySpans = std::map<date::sys_days, std::vector<Span>>;
  const std::vector<Span>& spans_on(const Intervals& taken,
                                    DaySpans& cache,
                                    date::sys_days day,
                                    date::sys_seconds from) const;
  date::sys_seconds day_start(date::sys_days day) const; // the clinic's local midnight, in UTC
  static void forget(DaySpans& cache, date::sys_seconds from, date::sys_seconds to);
  static const Span*
  overlap(const std::vector<Span>& spans, date::sys_seconds from, date::sys_seconds to);

  const Clinic& m_clinic;
  std::vector<Intervals> m_rooms;
  std::vector<Intervals> m_practitioners;
  std::size_t m_overbooked = 0;
  mutable std::vector<DaySpans> m_day_rooms;
  mutable std::vector<DaySpans> m_day_practitioners;
  // The day asked about last, its start and its spans: most questions in a row are about it.
  mutable std::optional<date::sys_days> m_asked;
  mutable std::vector<const std::vector<Span>*> m_asked_rooms;
  mutable std::vector<const std::vector<Span>*> m_asked_practitioners;
};

} // namespace scarplan
