#include <scarplan/load/busy_calendar.hpp>
#include <scarplan/load/settings_files.hpp>
#include <scarplan/util/text.hpp>

#include <libical/ical.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <utility>

namespace scarplan {

namespace {

using Calendar = std::unique_ptr<icalcomponent, void (*)(icalcomponent*)>;

// A room name as written in LOCATION or RESOURCES, compared without case or outer spaces.
std::string
folded(std::string_view text)
{
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  });
  return out;
}

date::local_seconds
wall_time(const icaltimetype& time)
{
  return date::local_days{date::year{time.year} / time.month / time.day} +
         std::chrono::hours{time.hour} + std::chrono::minutes{time.minute} +
         std::chrono::seconds{time.second};
}

// The lines on which each VEVENT begins, in order: libical keeps no positions, so problems are
// placed by counting.
std::vector<unsigned>
event_lines(std::string_view text)
{
  std::vector<unsigned> lines;
  unsigned line = 1;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    end = end == std::string_view::npos ? text.size() : end;
    std::string_view content = text.substr(begin, end - begin);
    if (!content.empty() && content.back() == '\r') {
      content.remove_suffix(1);
    }
    if (content == "BEGIN:VEVENT") {
      lines.push_back(line);
    }
    ++line;
    begin = end + 1;
  }
  return lines;
}

class BusyReader
{
public:
  BusyReader(icalcomponent* calendar,
             const Clinic& clinic,
             date::sys_days from,
             date::sys_days to,
             Diagnostics& diagnostics)
      : m_calendar(calendar), m_clinic(clinic), m_from(from), m_to(to), m_diagnostics(diagnostics)
  {
  }

  void event(icalcomponent* event, SourcePos pos);
  std::vector<BusyEvent> take() { return std::move(m_events); }

private:
  // A wall time of the event to UTC: its TZID's zone, UTC, or the clinic's (floating).
  std::optional<date::sys_seconds>
  to_utc(icalproperty* property, const icaltimetype& time, SourcePos pos);
  std::optional<std::size_t> room_of(icalcomponent* event) const;
  icaltimetype near_horizon(const icalrecurrencetype& rule,
                            const icaltimetype& start,
                            const icaldurationtype& duration) const;

  icalcomponent* m_calendar;
  const Clinic& m_clinic;
  date::sys_days m_from;
  date::sys_days m_to;
  Diagnostics& m_diagnostics;
  std::vector<BusyEvent> m_events;
  bool m_too_many = false;
  std::size_t m_steps = 0; // recurrence steps over the whole file
  bool m_too_many_steps = false;
};

// Whether every observance of a file's VTIMEZONE recurs at most yearly, as clocks change: libical
// expands each rule from its start to the year asked about, so a rule every minute since 1900
// grew past 2 GB.
bool
yearly_observances(icaltimezone* zone)
{
  icalcomponent* definition = icaltimezone_get_component(zone);
  if (!definition) {
    return true;
  }
  for (icalcomponent* observance =
           icalcomponent_get_first_component(definition, ICAL_ANY_COMPONENT);
       observance;
       observance = icalcomponent_get_next_component(definition, ICAL_ANY_COMPONENT)) {
    for (icalproperty* rule = icalcomponent_get_first_property(observance, ICAL_RRULE_PROPERTY);
         rule;
         rule = icalcomponent_get_next_property(observance, ICAL_RRULE_PROPERTY)) {
      if (icalproperty_get_rrule(rule).freq != ICAL_YEARLY_RECURRENCE) {
        return false;
      }
    }
  }
  return true;
}

std::optional<date::sys_seconds>
BusyReader::to_utc(icalproperty* property, const icaltimetype& time, SourcePos pos)
{
  if (icaltime_is_utc(time)) {
    return date::sys_seconds{wall_time(time).time_since_epoch()};
  }
  const char* tzid = property ? icalproperty_get_parameter_as_string(property, "TZID") : nullptr;
  const date::time_zone* zone = m_clinic.zone;
  if (tzid) {
    // The zone file is checked before the date library reads it: one that is not TZif data
    // aborts the library (an assertion), which no exception catches.
    if (const std::string problem =
            is_zone_name(tzid) ? time_zone_file_problem(k_zoneinfo_folder, tzid) : "";
        !problem.empty()) {
      m_diagnostics.installation_error(
          pos,
          "TZID",
          problem + ": the time-zone database of this installation is broken (reinstall tzdata)");
      return std::nullopt;
    }
    try {
      zone = is_zone_name(tzid) ? date::locate_zone(tzid) : nullptr;
    } catch (const std::exception&) {
      zone = nullptr;
    }
    if (!zone) {
      // Not a tz database name (Outlook writes "Eastern Standard Time"): the file's VTIMEZONE
      // of that TZID, converted by libical, is the only definition there is.
      icaltimezone* own = icalcomponent_get_timezone(m_calendar, tzid);
      if (!own) {
        m_diagnostics.error(pos,
                            "TZID",
                            "expected a time zone of the tz database or a VTIMEZONE of the file, "
                            "found " +
                                quote_for_message(tzid));
        return std::nullopt;
      }
      if (!yearly_observances(own)) {
        m_diagnostics.error(pos,
                            "TZID",
                            "expected a VTIMEZONE whose observances recur yearly at most (as "
                            "clocks change), found a more frequent rule in " +
                                quote_for_message(tzid));
        return std::nullopt;
      }
      return date::sys_seconds{std::chrono::seconds{icaltime_as_timet_with_zone(time, own)}};
    }
  }
  const date::local_seconds local = wall_time(time);
  const date::local_info info = zone->get_info(local);
  return date::sys_seconds{local.time_since_epoch() - info.first.offset};
}

std::optional<std::size_t>
BusyReader::room_of(icalcomponent* event) const
{
  const auto& rooms = m_clinic.capacity.rooms;
  const auto match = [&](std::string_view name) -> std::optional<std::size_t> {
    const std::string wanted = folded(name);
    for (std::size_t r = 0; r < rooms.size(); ++r) {
      if (folded(rooms[r]) == wanted) {
        return r;
      }
    }
    return std::nullopt;
  };
  if (const char* location = icalcomponent_get_location(event)) {
    if (auto room = match(location)) {
      return room;
    }
  }
  for (icalproperty* resources = icalcomponent_get_first_property(event, ICAL_RESOURCES_PROPERTY);
       resources;
       resources = icalcomponent_get_next_property(event, ICAL_RESOURCES_PROPERTY)) {
    const std::string list = icalproperty_get_resources(resources);
    std::size_t begin = 0;
    while (begin <= list.size()) {
      const std::size_t end = std::min(list.find(',', begin), list.size());
      if (auto room = match(std::string_view(list).substr(begin, end - begin))) {
        return room;
      }
      begin = end + 1;
    }
  }
  return std::nullopt;
}

// Where to start expanding a rule repeating daily or more often: its last occurrence that
// ends well before the horizon, instead of DTSTART (a daily rule from 1900 takes 46,000 steps to
// reach 2027, an hourly one a million). That is DTSTART plus whole INTERVALs, so the
// occurrences are the rule's own. Not with COUNT, which counts from DTSTART, nor for weeks,
// months or years (few steps, and BY rules that align on them). A new DTSTART rather than
// icalrecur_iterator_set_start(), which aligns INTERVAL on its own (libical 3.0.16: every
// 7 hours from 1900, set to 23:00, goes on at 04:00).
icaltimetype
BusyReader::near_horizon(const icalrecurrencetype& rule,
                         const icaltimetype& start,
                         const icaldurationtype& duration) const
{
  std::int64_t unit = 0;
  switch (rule.freq) {
  case ICAL_SECONDLY_RECURRENCE:
    unit = 1;
    break;
  case ICAL_MINUTELY_RECURRENCE:
    unit = 60;
    break;
  case ICAL_HOURLY_RECURRENCE:
    unit = 3600;
    break;
  case ICAL_DAILY_RECURRENCE:
    unit = 86400;
    break;
  default:
    return start;
  }
  if (rule.count != 0 || icaltime_is_date(start)) {
    return start;
  }
  // A day of margin for any zone's offset (at most 14 hours), and the event's length: one that
  // started before the horizon may still last into it.
  const std::int64_t period = unit * std::max<std::int64_t>(1, rule.interval);
  const date::local_seconds first = wall_time(start);
  const date::local_seconds target = date::local_seconds{m_from.time_since_epoch()} -
                                     date::days{1} -
                                     std::chrono::seconds{icaldurationtype_as_int(duration)};
  if (target <= first + std::chrono::seconds{period}) {
    return start;
  }
  const std::int64_t periods = (target - first).count() / period;
  const date::local_seconds later = first + std::chrono::seconds{periods * period};
  const date::local_days day = date::floor<date::days>(later);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::seconds> time{later - day};
  icaltimetype moved = start; // its zone and kind kept
  moved.year = static_cast<int>(ymd.year());
  moved.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  moved.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  moved.hour = static_cast<int>(time.hours().count());
  moved.minute = static_cast<int>(time.minutes().count());
  moved.second = static_cast<int>(time.seconds().count());
  return moved;
}

void
BusyReader::event(icalcomponent* event, SourcePos pos)
{
  for (icalproperty* error = icalcomponent_get_first_property(event, ICAL_XLICERROR_PROPERTY);
       error;
       error = icalcomponent_get_next_property(event, ICAL_XLICERROR_PROPERTY)) {
    m_diagnostics.error(
        pos, "VEVENT", std::string("libical: ") + icalproperty_get_xlicerror(error));
  }
  if (icalcomponent_get_status(event) == ICAL_STATUS_CANCELLED) {
    return;
  }
  if (icalproperty* transp = icalcomponent_get_first_property(event, ICAL_TRANSP_PROPERTY);
      transp && icalproperty_get_transp(transp) == ICAL_TRANSP_TRANSPARENT) {
    return; // free time, by the calendar's own word
  }
  icalproperty* start_property = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
  const icaltimetype start = icalcomponent_get_dtstart(event);
  if (!start_property || icaltime_is_null_time(start)) {
    m_diagnostics.error(pos, "DTSTART", "expected every VEVENT to have a DTSTART, found none");
    return;
  }
  if (icaltime_is_date(start)) {
    return; // all day: no room's time (a closure belongs in the clinic file's closed_on)
  }
  icaltimetype end = icalcomponent_get_dtend(event); // DTEND, or DTSTART plus DURATION
  if (icaltime_is_null_time(end)) {
    end = start; // neither: an instant, which takes no time
  }
  if (wall_time(end) < wall_time(start)) {
    m_diagnostics.error(pos, "DTEND", "expected DTEND after DTSTART, found it before");
    return;
  }
  const std::optional<std::size_t> room = room_of(event);
  // From the wall times, as icaltime_subtract() would, but it takes any time before 1902 as 0
  // (libical 3.0.16): an hour's event from 1900 would take no time.
  const auto length = std::min<std::int64_t>((wall_time(end) - wall_time(start)).count(),
                                             std::numeric_limits<int>::max());
  const icaldurationtype duration = icaldurationtype_from_int(static_cast<int>(length));
  const auto add = [&](const icaltimetype& occurrence) {
    // Both ends in the start's zone: a DST change inside the event shows in its UTC length.
    const auto begin = to_utc(start_property, occurrence, pos);
    if (!begin) {
      return false; // said once, for its start
    }
    const auto finish = to_utc(start_property, icaltime_add(occurrence, duration), pos);
    if (!finish) {
      return false;
    }
    if (*finish > date::sys_seconds{m_from} && *begin < date::sys_seconds{m_to}) {
      if (m_events.size() >= k_max_busy_events) {
        if (!m_too_many) {
          m_too_many = true;
          m_diagnostics.error(pos,
                              "RRULE",
                              "expected at most " + std::to_string(k_max_busy_events) +
                                  " appointments in the planning horizon, found more");
        }
        return false;
      }
      m_events.push_back({*begin, *finish, room});
    }
    return true;
  };
  icalproperty* rule = icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY);
  if (!rule) {
    add(start);
    return;
  }
  std::vector<icaltimetype> excluded;
  for (icalproperty* exdate = icalcomponent_get_first_property(event, ICAL_EXDATE_PROPERTY); exdate;
       exdate = icalcomponent_get_next_property(event, ICAL_EXDATE_PROPERTY)) {
    excluded.push_back(icalproperty_get_exdate(exdate));
  }
  const icalrecurrencetype recurrence = icalproperty_get_rrule(rule);
  const std::unique_ptr<icalrecur_iterator, void (*)(icalrecur_iterator*)> occurrences(
      icalrecur_iterator_new(recurrence, near_horizon(recurrence, start, duration)),
      icalrecur_iterator_free);
  if (!occurrences) {
    m_diagnostics.error(pos, "RRULE", "expected a recurrence rule libical can expand, found none");
    return;
  }
  const date::local_seconds horizon{m_to.time_since_epoch() + date::days{1}};
  std::size_t steps = 0;
  // Every step counts, those before the horizon too: they are what costs.
  const auto next_step = [&]() {
    ++steps;
    ++m_steps;
    return icalrecur_iterator_next(occurrences.get());
  };
  for (icaltimetype next = next_step(); !icaltime_is_null_time(next); next = next_step()) {
    if (wall_time(next) >= horizon) {
      break;
    }
    if (steps > k_max_recurrence_steps || m_steps > k_max_recurrence_steps_per_file) {
      const bool file = m_steps > k_max_recurrence_steps_per_file;
      if (file && std::exchange(m_too_many_steps, true)) {
        return; // said once, at the event that went over
      }
      m_diagnostics.error(
          pos,
          "RRULE",
          file ? "expected the file's recurrences to reach the planning horizon within " +
                     std::to_string(k_max_recurrence_steps_per_file) +
                     " steps in all, found more at this event (rules this frequent: expand them)"
               : "expected a recurrence that reaches the planning horizon within " +
                     std::to_string(k_max_recurrence_steps) + " steps, found more (from " +
                     std::to_string(start.year) + ", this frequent: start it later)");
      return;
    }
    const bool skip = std::any_of(excluded.begin(), excluded.end(), [&](const icaltimetype& e) {
      return icaltime_is_date(e) ? icaltime_compare_date_only(e, next) == 0
                                 : wall_time(e) == wall_time(next);
    });
    if (!skip && !add(next)) {
      return;
    }
  }
}

} // namespace

std::optional<std::vector<BusyEvent>>
load_busy_calendar(std::string_view text,
                   const Clinic& clinic,
                   date::sys_days from,
                   date::sys_days to,
                   Diagnostics& diagnostics)
{
  const std::string copy(text);
  const Calendar calendar(icalparser_parse_string(copy.c_str()), icalcomponent_free);
  if (!calendar || icalcomponent_isa(calendar.get()) != ICAL_VCALENDAR_COMPONENT) {
    diagnostics.error({}, "", "expected an iCalendar file (BEGIN:VCALENDAR), found none");
    return std::nullopt;
  }
  const std::vector<unsigned> lines = event_lines(text);
  BusyReader reader(calendar.get(), clinic, from, to, diagnostics);
  std::size_t index = 0;
  for (icalcomponent* event =
           icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
       event;
       event = icalcomponent_get_next_component(calendar.get(), ICAL_VEVENT_COMPONENT), ++index) {
    reader.event(event, {index < lines.size() ? lines[index] : 0u, 1});
  }
  if (!diagnostics.empty()) {
    return std::nullopt;
  }
  return reader.take();
}

} // namespace scarplan
