#include <scarplan/book/ledger.hpp>

#include <algorithm>

namespace scarplan {

Ledger::Ledger(const Clinic& clinic, std::vector<BusyEvent> busy)
    : m_clinic(clinic), m_rooms(clinic.capacity.rooms.size()),
      m_practitioners(clinic.capacity.practitioners.size())
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
        while (const Taken* clash = overlap(room, from, until)) {
          const auto found = std::find_if(
              room.begin(), room.end(), [&](const auto& entry) { return &entry.second == clash; });
          from = std::min(from, found->first);
          until = std::max(until, found->second.end);
          room.erase(found);
        }
        insert(room, from, until, true);
        continue;
      }
      auto free = std::find_if(m_rooms.begin(), m_rooms.end(), [&](const Intervals& room) {
        return !overlap(room, event.start, to);
      });
      if (free == m_rooms.end()) {
        ++m_overbooked; // more existing appointments at once than rooms: said, not hidden
        continue;
      }
      insert(*free, event.start, to, true);
    }
  }
}

const Ledger::Taken*
Ledger::overlap(const Intervals& taken, date::sys_seconds from, date::sys_seconds to)
{
  // The intervals are disjoint and ordered: only the one starting last before `to` can reach in.
  auto after = taken.lower_bound(to);
  if (after == taken.begin()) {
    return nullptr;
  }
  const auto& [start, entry] = *std::prev(after);
  return entry.end > from && start < to ? &entry : nullptr;
}

void
Ledger::insert(Intervals& taken, date::sys_seconds from, date::sys_seconds to, bool busy)
{
  taken.emplace(from, Taken{to, busy});
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

void
Ledger::load_day(date::sys_days day) const
{
  if (m_day == day) {
    return;
  }
  // A clinic day in any zone lies within 14 hours either side of its UTC date.
  const date::sys_seconds from{day.time_since_epoch() - std::chrono::hours{14}};
  const date::sys_seconds to{day.time_since_epoch() + std::chrono::hours{38}};
  const auto copy = [&](const std::vector<Intervals>& all, DaySpans& spans) {
    spans.resize(all.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
      spans[i].clear();
      auto it = all[i].lower_bound(from);
      if (it != all[i].begin()) {
        --it; // one that starts before the day may reach into it
      }
      for (; it != all[i].end() && it->first < to; ++it) {
        if (it->second.end > from) {
          spans[i].push_back({it->first, it->second.end, it->second.busy});
        }
      }
    }
  };
  copy(m_rooms, m_day_rooms);
  copy(m_practitioners, m_day_practitioners);
  m_day = day;
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
  load_day(day);
  const date::sys_seconds until = end.utc + capacity.buffer;
  std::optional<std::size_t> room;
  bool busy = false;
  for (std::size_t r = 0; r < m_rooms.size() && !room; ++r) {
    if (const Span* clash = overlap(m_day_rooms[r], arrive.utc, until)) {
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
    const auto local_minutes = [&](const ClinicTime& time) {
      return std::chrono::duration_cast<std::chrono::minutes>(
          time.local - date::local_days{day.time_since_epoch()});
    };
    bool working = false;
    for (std::size_t p = 0; p < capacity.practitioners.size() && !practitioner; ++p) {
      const OpeningHours& hours = capacity.practitioners[p].hours[weekday];
      if (!hours.open || local_minutes(start) < hours.from || local_minutes(end) > hours.to) {
        continue;
      }
      working = true;
      if (!overlap(m_day_practitioners[p], start.utc, end.utc)) {
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
  m_day.reset();
  const auto room = std::find(capacity.rooms.begin(), capacity.rooms.end(), booking.room);
  if (room != capacity.rooms.end()) {
    insert(m_rooms[static_cast<std::size_t>(room - capacity.rooms.begin())],
           arrive.utc,
           end.utc + capacity.buffer,
           false);
  }
  const auto practitioner =
      std::find_if(capacity.practitioners.begin(),
                   capacity.practitioners.end(),
                   [&](const Practitioner& p) { return p.id == booking.practitioner; });
  if (practitioner != capacity.practitioners.end()) {
    insert(m_practitioners[static_cast<std::size_t>(practitioner - capacity.practitioners.begin())],
           start.utc,
           end.utc,
           false);
  }
}

} // namespace scarplan
