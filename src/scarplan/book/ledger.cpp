#include <scarplan/book/ledger.hpp>
#include <scarplan/schedule/schedule.hpp>

#include <algorithm>

namespace scarplan {

Ledger::Ledger(const Clinic& clinic, std::vector<BusyEvent> busy)
    : m_clinic(clinic), m_rooms(clinic.capacity.rooms.size()),
      m_practitioners(clinic.capacity.practitioners.size()), m_day_rooms(m_rooms.size()),
      m_day_practitioners(m_practitioners.size())
{
  const auto buffer = m_clinic.capacity.buffer;
  std::stable_sort(busy.begin(), busy.end(), [](const BusyEvent& a, const BusyEvent& b) {
    return a.start < b.start;
  });
  // Named rooms first, so an unnamed event never takes a room a named one needs.
  for (const bool named : {true, false}) {
    for (const BusyEvent& event : busy) {
      if (event.room.has_value() != named || m_rooms.empty()) {
        continue;
      }
      const date::sys_seconds to = event.end + buffer;
      if (named) {
        // Two events of one room may overlap in the clinic's own calendar: their union is taken.
        Intervals& room = m_rooms[*event.room];
        date::sys_seconds from = event.start;
        date::sys_seconds until = to;
        for (auto found = clash(room, from, until); found != room.end();
             found = clash(room, from, until)) {
          from = std::min(from, found->first);
          until = std::max(until, found->second.end);
          room.erase(found);
        }
        room.emplace(from, Taken{until, true});
        continue;
      }
      auto free = std::find_if(m_rooms.begin(), m_rooms.end(), [&](Intervals& room) {
        return clash(room, event.start, to) == room.end();
      });
      if (free == m_rooms.end()) {
        ++m_overbooked; // more existing appointments at once than rooms: said, not hidden
        continue;
      }
      free->emplace(event.start, Taken{to, true});
    }
  }
}

Ledger::Intervals::iterator
Ledger::clash(Intervals& taken, date::sys_seconds from, date::sys_seconds to)
{
  // The intervals are disjoint and ordered: only the one starting last before `to` can reach in.
  auto after = taken.lower_bound(to);
  if (after == taken.begin()) {
    return taken.end();
  }
  const auto before = std::prev(after);
  return before->second.end > from ? before : taken.end();
}

const Ledger::Span*
Ledger::overlap(const std::vector<Span>& spans, date::sys_seconds from, date::sys_seconds to)
{
  for (const Span& span : spans) {
    if (span.start < to && span.end > from) {
      return &span;
    }
  }
  return nullptr;
}

date::sys_seconds
Ledger::day_start(date::sys_days day) const
{
  const date::local_days midnight{day.time_since_epoch()};
  return date::sys_seconds{midnight.time_since_epoch() -
                           m_clinic.zone->get_info(midnight).first.offset};
}

const std::vector<Ledger::Span>&
Ledger::spans_on(const Intervals& taken,
                 DaySpans& cache,
                 date::sys_days day,
                 date::sys_seconds from) const
{
  const auto [entry, inserted] = cache.try_emplace(day);
  if (!inserted) {
    return entry->second;
  }
  const date::sys_seconds to = from + std::chrono::hours{25}; // a DST day's extra hour
  auto it = taken.lower_bound(from);
  if (it != taken.begin()) {
    --it; // one that starts before the day may reach into it
  }
  for (; it != taken.end() && it->first < to; ++it) {
    if (it->second.end > from) {
      entry->second.push_back({it->first, it->second.end, it->second.busy});
    }
  }
  return entry->second;
}

void
Ledger::forget(DaySpans& cache, date::sys_seconds from, date::sys_seconds to)
{
  // The UTC days around the interval: every clinic day it can reach, in any zone.
  const auto first = date::floor<date::days>(from) - date::days{1};
  const auto last = date::floor<date::days>(to) + date::days{1};
  cache.erase(cache.lower_bound(first), cache.upper_bound(last));
}

Availability::Answer
Ledger::ask(date::sys_days day,
            const ClinicTime& arrive,
            const ClinicTime& start,
            const ClinicTime& end) const
{
  const Capacity& capacity = m_clinic.capacity;
  Answer answer;
  if (m_rooms.empty()) { // no rooms listed: capacity is unlimited
    answer.booking = Booking{};
    return answer;
  }
  const date::sys_seconds until = end.utc + capacity.buffer;
  if (m_asked != day) {
    const date::sys_seconds from = day_start(day);
    m_asked_rooms.resize(m_rooms.size());
    for (std::size_t r = 0; r < m_rooms.size(); ++r) {
      m_asked_rooms[r] = &spans_on(m_rooms[r], m_day_rooms[r], day, from);
    }
    m_asked_practitioners.resize(m_practitioners.size());
    for (std::size_t p = 0; p < m_practitioners.size(); ++p) {
      m_asked_practitioners[p] = &spans_on(m_practitioners[p], m_day_practitioners[p], day, from);
    }
    m_asked = day;
  }
  std::optional<std::size_t> room;
  bool busy = false;
  for (std::size_t r = 0; r < m_rooms.size() && !room; ++r) {
    if (const Span* clash = overlap(*m_asked_rooms[r], arrive.utc, until)) {
      busy = busy || clash->busy;
    } else {
      room = r;
    }
  }
  if (!room) {
    answer.why = busy ? "busy: the clinic's existing appointments" : "room full";
    return answer;
  }
  std::optional<std::size_t> practitioner;
  if (!capacity.practitioners.empty()) {
    const auto weekday = static_cast<std::size_t>(date::weekday{day}.c_encoding());
    bool working = false;
    for (std::size_t p = 0; p < capacity.practitioners.size() && !practitioner; ++p) {
      const OpeningHours& hours = capacity.practitioners[p].hours[weekday];
      if (!hours.open || minutes_into_day(start, day) < hours.from ||
          minutes_into_day(end, day) > hours.to) {
        continue;
      }
      working = true;
      if (!overlap(*m_asked_practitioners[p], start.utc, end.utc)) {
        practitioner = p;
      }
    }
    if (!practitioner) {
      answer.why = working ? "practitioner booked" : "practitioner off";
      return answer;
    }
  }
  Booking booking;
  booking.room = capacity.rooms[*room];
  if (practitioner) {
    booking.practitioner = capacity.practitioners[*practitioner].id;
  }
  answer.booking = std::move(booking);
  return answer;
}

void
Ledger::reserve(const Booking& booking,
                const ClinicTime& arrive,
                const ClinicTime& start,
                const ClinicTime& end)
{
  const Capacity& capacity = m_clinic.capacity;
  m_asked.reset(); // its spans may be the ones that change
  const auto room = std::find(capacity.rooms.begin(), capacity.rooms.end(), booking.room);
  if (room != capacity.rooms.end()) {
    const auto r = static_cast<std::size_t>(room - capacity.rooms.begin());
    m_rooms[r].emplace(arrive.utc, Taken{end.utc + capacity.buffer, false});
    forget(m_day_rooms[r], arrive.utc, end.utc + capacity.buffer);
  }
  const auto practitioner =
      std::find_if(capacity.practitioners.begin(),
                   capacity.practitioners.end(),
                   [&](const Practitioner& p) { return p.id == booking.practitioner; });
  if (practitioner != capacity.practitioners.end()) {
    const auto p = static_cast<std::size_t>(practitioner - capacity.practitioners.begin());
    m_practitioners[p].emplace(start.utc, Taken{end.utc, false});
    forget(m_day_practitioners[p], start.utc, end.utc);
  }
}

} // namespace scarplan
