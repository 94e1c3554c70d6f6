#include <scarplan/render/format.hpp>
#include <scarplan/render/output_buffer.hpp>
#include <scarplan/render/render.hpp>
#include <scarplan/util/byte_scan.hpp>
#include <scarplan/util/text.hpp>
#include <scarplan/util/uuid.hpp>

#include <algorithm>
#include <array>

namespace scarplan {

namespace {

// What a TEXT value cannot carry as it is (RFC 5545 §3.3.11): backslash, semicolon and comma
// are escaped, line breaks become "\n", and other control characters are dropped, so no input
// can start a property or component of its own. Tab is allowed.
constexpr std::array<bool, 256>
make_text_specials()
{
  std::array<bool, 256> special{};
  for (int c = 0; c < 0x20; ++c) {
    special[c] = c != '\t';
  }
  special['\\'] = special[';'] = special[','] = true;
  return special;
}
constexpr std::array<bool, 256> k_text_specials = make_text_specials();

bool
may_need_escape(ByteWord word)
{
  return word.has_below(0x20) || word.has('\\') || word.has(';') || word.has(',');
}

class Calendar
{
public:
  Calendar() : m_out(32 * 1024) {}

  // One content line "NAME:VALUE" from the concatenation of `value`, folded by end_line().
  void property(std::string_view name, std::initializer_list<std::string_view> value)
  {
    start_line(name);
    for (const std::string_view part : value) {
      put(part);
    }
    end_line();
  }
  void property(std::string_view name, std::string_view value) { property(name, {value}); }

  // A TEXT property whose value is the concatenation of `parts`, escaped. Runs of characters
  // that need nothing are copied whole: escaping character by character, and building each
  // line as a string of its own, were most of export time (bench/README.md).
  void text(std::string_view name, std::initializer_list<std::string_view> parts)
  {
    start_line(name);
    for (const std::string_view part : parts) {
      std::size_t run = 0; // start of the current run of characters that need no escape
      for (std::size_t i = 0; i < part.size(); ++i) {
        // Eight at a time past words with no candidate (a tab is one, then looked at alone).
        while (i + 8 <= part.size() && !may_need_escape(ByteWord::load(&part[i]))) {
          i += 8;
        }
        if (i == part.size()) {
          break;
        }
        const char c = part[i];
        if (!k_text_specials[static_cast<unsigned char>(c)]) {
          continue;
        }
        put(part.substr(run, i - run));
        run = i + 1;
        if (c == '\\' || c == ';' || c == ',') {
          const char escaped[] = {'\\', c};
          put({escaped, 2});
        } else if (c == '\n' || (c == '\r' && (i + 1 == part.size() || part[i + 1] != '\n'))) {
          put("\\n");
        }
      }
      put(part.substr(run));
    }
    end_line();
  }
  void text(std::string_view name, std::string_view value) { text(name, {value}); }

  std::string take() { return m_out.take(); }

private:
  void put(std::string_view piece) { m_out.put(piece); }
  void start_line(std::string_view name)
  {
    m_line_start = m_out.size();
    put(name);
    put(":");
  }
  // Folds the line just written at 75 octets (RFC 5545 §3.1) without splitting a UTF-8
  // sequence; the space that starts a continuation line counts towards its 75.
  void end_line()
  {
    if (m_out.size() - m_line_start > 75) {
      m_fold = m_out.written().substr(m_line_start);
      m_out.cut(m_line_start);
      std::string_view rest = m_fold;
      std::size_t room = 75;
      while (rest.size() > room) {
        std::size_t cut = room;
        while (cut > 1 && (static_cast<unsigned char>(rest[cut]) & 0xC0) == 0x80) {
          --cut;
        }
        put(rest.substr(0, cut));
        put("\r\n ");
        rest.remove_prefix(cut);
        room = 74;
      }
      put(rest);
    }
    put("\r\n");
  }

  OutputBuffer m_out;
  std::size_t m_line_start = 0; // where the current content line begins
  std::string m_fold;           // a long line being folded
};

std::string
local_stamp(date::local_seconds time)
{
  const auto day = date::floor<date::days>(time);
  return compact_date(date::sys_days{day.time_since_epoch()}) + compact_time(time - day);
}

std::string
utc_stamp(date::sys_seconds time)
{
  return local_stamp(date::local_seconds{time.time_since_epoch()}) + 'Z';
}

std::string
date_stamp(date::sys_days day)
{
  return compact_date(day);
}

std::string
utc_offset(std::chrono::seconds offset)
{
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(offset).count();
  const auto magnitude = minutes < 0 ? -minutes : minutes;
  char buffer[8];
  std::snprintf(buffer,
                sizeof buffer,
                "%c%02d%02d",
                minutes < 0 ? '-' : '+',
                static_cast<int>(magnitude / 60),
                static_cast<int>(magnitude % 60));
  return buffer;
}

// A VTIMEZONE with one observance per offset change of the zone between `from` and `to`,
// read from the tz database, so importers need no zone knowledge of their own.
void
timezone_component(Calendar& calendar,
                   const date::time_zone& zone,
                   date::sys_seconds from,
                   date::sys_seconds to)
{
  calendar.property("BEGIN", "VTIMEZONE");
  calendar.property("TZID", zone.name());
  date::sys_info info = zone.get_info(from);
  std::chrono::seconds previous_offset = info.offset;
  const date::sys_seconds floor = date::sys_days{date::year{1970} / 1 / 1};
  if (info.begin > floor) {
    previous_offset = zone.get_info(info.begin - std::chrono::seconds{1}).offset;
  }
  while (true) {
    const bool daylight = info.save != std::chrono::minutes{0};
    calendar.property("BEGIN", daylight ? "DAYLIGHT" : "STANDARD");
    // DTSTART is the local time at which the observance begins, in the offset before it.
    const date::sys_seconds begin = std::max(info.begin, floor);
    calendar.property(
        "DTSTART", local_stamp(date::local_seconds{(begin + previous_offset).time_since_epoch()}));
    calendar.property("TZOFFSETFROM", utc_offset(previous_offset));
    calendar.property("TZOFFSETTO", utc_offset(info.offset));
    if (!info.abbrev.empty() && info.abbrev[0] != '+' && info.abbrev[0] != '-') {
      calendar.text("TZNAME", info.abbrev);
    }
    calendar.property("END", daylight ? "DAYLIGHT" : "STANDARD");
    if (info.end >= to) {
      break;
    }
    previous_offset = info.offset;
    info = zone.get_info(info.end);
  }
  calendar.property("END", "VTIMEZONE");
}

class EventWriter
{
public:
  EventWriter(Calendar& calendar, const Plan& plan, const RenderOptions& options)
      : m_calendar(calendar), m_plan(plan), m_options(options),
        // The patient's own key is for the patient's calendar; the clinic calendar (every
        // patient's) names them only with --with-name.
        m_with_name(options.with_name ||
                    (!options.clinic_calendar && plan.patient.preferences.with_name_in_calendar)),
        m_stamp(utc_stamp(plan.reference_time)),
        // Derived, so the same input gives the same bytes: a re-plan on a later day has a
        // higher SEQUENCE, and calendars take its events as updates of the earlier ones.
        m_sequence(std::to_string((plan.today - date::sys_days{date::year{2000} / 1 / 1}).count())),
        m_dtstart("DTSTART;TZID=" + plan.clinic->timezone_name),
        m_dtend("DTEND;TZID=" + plan.clinic->timezone_name)
  {
  }

  void session(const Session& session)
  {
    begin({"session", std::to_string(session.number)});
    m_calendar.property(m_dtstart, local_stamp(session.start.local));
    m_calendar.property(m_dtend, local_stamp(session.end.local));
    if (m_options.clinic_calendar) { // the clinic's calendar: whose session, not whose name
      m_calendar.text("SUMMARY",
                      {m_plan.patient.id,
                       ": microneedling session ",
                       std::to_string(session.number),
                       " of ",
                       std::to_string(m_plan.recommendation.sessions),
                       name_separator(),
                       name()});
    } else {
      m_calendar.text("SUMMARY",
                      {"Microneedling session ",
                       std::to_string(session.number),
                       " of ",
                       std::to_string(m_plan.recommendation.sessions),
                       name_separator(),
                       name()});
    }
    std::string& text = m_description; // appended to, not concatenated: one buffer per plan
    text.assign("Arrive at ").append(clock(session.arrive));
    text.append(" for the numbing cream; needling ").append(clock(session.start));
    text.append("-").append(clock(session.end)).append(".\nNeedle depth: ");
    text.append(depths_text(session.depths)).append(".");
    if (!session.depends_on.empty()) {
      text.append("\nDepends on the ").append(visit_name(session.depends_on)).append(".");
    }
    for (const Adjunct adjunct : session.adjuncts) {
      text.append("\nWith ").append(human_name(adjunct)).append(".");
    }
    text.append("\nCost: ").append(money(m_plan, session.cost.total));
    text.append(" ").append(m_plan.costs.currency).append(".");
    m_calendar.text("DESCRIPTION", text);
    if (!m_plan.clinic->name.empty()) {
      m_calendar.text("LOCATION", m_plan.clinic->name);
    }
    if (session.booking && !session.booking->room.empty()) {
      m_calendar.text("RESOURCES", session.booking->room);
    }
    m_calendar.property("CATEGORIES", "scarplan,session");
    m_calendar.property("TRANSP", "OPAQUE");
    if (m_options.clinic_calendar) {
      end();
      return;
    }
    m_calendar.property("BEGIN", "VALARM");
    m_calendar.property("ACTION", "DISPLAY");
    m_calendar.text("DESCRIPTION",
                    "Microneedling tomorrow at " + clock(session.start) + ": arrive at " +
                        clock(session.arrive) + ", no makeup");
    m_calendar.property("TRIGGER", "-P1D");
    m_calendar.property("END", "VALARM");
    end();
  }

  // An all-day event from `first` to `last` inclusive; its summary is `prefix` + `text`.
  void all_day(std::initializer_list<std::string_view> key,
               date::sys_days first,
               date::sys_days last,
               std::string_view prefix,
               std::string_view text,
               std::string_view description,
               std::string_view category,
               bool remind = false)
  {
    begin(key);
    m_calendar.property("DTSTART;VALUE=DATE", date_stamp(first));
    m_calendar.property("DTEND;VALUE=DATE", date_stamp(last + date::days{1})); // exclusive
    m_calendar.text("SUMMARY", {prefix, text, name_separator(), name()});
    if (!description.empty()) {
      m_calendar.text("DESCRIPTION", description);
    }
    m_calendar.property("CATEGORIES", {"scarplan,", category});
    m_calendar.property("TRANSP", "TRANSPARENT");
    if (remind) { // an action on its first day: at 09:00 of that day
      m_calendar.property("BEGIN", "VALARM");
      m_calendar.property("ACTION", "DISPLAY");
      m_calendar.text("DESCRIPTION", {prefix, text});
      m_calendar.property("TRIGGER", "PT9H");
      m_calendar.property("END", "VALARM");
    }
    end();
  }

private:
  // `key` is the item's place in the plan, its parts joined by "/" ("session/2/prep/0").
  void begin(std::initializer_list<std::string_view> key)
  {
    m_calendar.property("BEGIN", "VEVENT");
    // Stable across re-exports (a re-import updates, never duplicates) and free of personal
    // data: a name-based UUID of the patient id and the item's place in the plan.
    m_uid_name = m_plan.patient.id;
    for (const std::string_view part : key) {
      m_uid_name += '/';
      m_uid_name += part;
    }
    const UuidText uid = name_based_uuid(m_uid_name);
    m_calendar.property("UID", {uid.data(), uid.size()});
    if (!m_plan.previous_events.empty()) {
      m_uids.emplace_back(uid.data(), uid.size());
    }
    m_calendar.property("DTSTAMP", m_stamp);
    m_calendar.property("LAST-MODIFIED", m_stamp); // RFC 5545: equal to DTSTAMP with no METHOD
    m_calendar.property("SEQUENCE", m_sequence);
    m_calendar.property("CLASS", "PRIVATE"); // health data: shared calendars show it as busy
  }
  void end() { m_calendar.property("END", "VEVENT"); }

public:
  // The earlier calendar's events this plan no longer has, sent again as cancelled (RFC 5545
  // STATUS:CANCELLED, a higher SEQUENCE) so calendars remove them instead of keeping them.
  void cancelled()
  {
    for (const PreviousEvent& event : m_plan.previous_events) {
      if (std::find(m_uids.begin(), m_uids.end(), event.uid) != m_uids.end()) {
        continue;
      }
      m_calendar.property("BEGIN", "VEVENT");
      m_calendar.text("UID", event.uid);
      m_calendar.property("DTSTAMP", m_stamp);
      m_calendar.property("LAST-MODIFIED", m_stamp);
      m_calendar.property("SEQUENCE", m_sequence);
      m_calendar.property("CLASS", "PRIVATE");
      const auto colon = event.dtstart_line.find(':');
      m_calendar.property(std::string_view(event.dtstart_line).substr(0, colon),
                          std::string_view(event.dtstart_line).substr(colon + 1));
      m_calendar.text("SUMMARY", {"Cancelled: ", event.summary});
      m_calendar.property("STATUS", "CANCELLED");
      m_calendar.property("TRANSP", "TRANSPARENT");
      m_calendar.property("END", "VEVENT");
    }
  }

private:
  // The patient's name, only when the file or a flag asks for it.
  std::string_view name() const { return m_with_name ? m_plan.patient.name : std::string_view(); }
  std::string_view name_separator() const { return name().empty() ? "" : " - "; }

  Calendar& m_calendar;
  const Plan& m_plan;
  const RenderOptions& m_options;
  bool m_with_name;
  std::string m_stamp; // DTSTAMP
  std::string m_sequence;
  std::string m_dtstart; // "DTSTART;TZID=<zone>"
  std::string m_dtend;
  std::string m_uid_name;          // reused for every event
  std::vector<std::string> m_uids; // written, when there are previous events to compare
  std::string m_description;       // reused for every session
};

// The calendar's opening lines: a name, and the VTIMEZONE of `zone` from `from` to `to`.
void
calendar_start(Calendar& calendar,
               std::string_view name,
               const date::time_zone* zone,
               date::sys_seconds from,
               date::sys_seconds to)
{
  calendar.property("BEGIN", "VCALENDAR");
  calendar.property("VERSION", "2.0");
  calendar.property("PRODID", "-//scarplan//scarplan " SCARPLAN_VERSION "//EN");
  calendar.property("CALSCALE", "GREGORIAN");
  calendar.text("NAME", name); // RFC 7986
  calendar.text("X-WR-CALNAME", name);
  if (zone) {
    calendar.property("X-WR-TIMEZONE", zone->name());
    timezone_component(calendar, *zone, from, to);
  }
}

void
plan_events(Calendar& calendar, const Plan& plan, const RenderOptions& options)
{
  EventWriter events(calendar, plan, options);
  if (options.clinic_calendar) {
    for (const auto& session : plan.sessions) {
      events.session(session);
    }
    return;
  }
  for (const auto& session : plan.sessions) {
    const std::string number = std::to_string(session.number);
    const std::string when = number + " on " + iso_date(session.date) + ".";
    // Keyed by the rule's place in the protocol, so a milestone keeps its UID whatever else
    // the patient's history adds.
    const auto milestones = [&](const std::vector<DatedItem>& items,
                                std::string_view kind,
                                std::string_view summary,
                                const std::string& description) {
      for (const DatedItem& item : items) {
        events.all_day({"session", number, kind, std::to_string(item.rule)},
                       item.first,
                       item.last,
                       summary,
                       item.text,
                       description,
                       kind,
                       item.remind);
      }
    };
    milestones(session.prep, "prep", "Before microneedling: ", "Preparation for session " + when);
    events.session(session);
    milestones(
        session.recovery, "recovery", "After microneedling: ", "Recovery after session " + when);
  }
  for (std::size_t i = 0; i < plan.follow_up.size(); ++i) {
    const FollowUp& item = plan.follow_up[i];
    events.all_day({"follow_up", std::to_string(i)},
                   item.date,
                   item.date,
                   "",
                   item.text,
                   "Book this visit with the clinic.",
                   item.kind);
  }
  events.cancelled();
}

} // namespace

bool
has_calendar_events(const Plan& plan)
{
  return !plan.sessions.empty() || !plan.follow_up.empty() || !plan.previous_events.empty();
}

std::string
render_ics(const Plan& plan, const RenderOptions& options)
{
  Calendar calendar;
  const std::string name = "Microneedling plan " + plan.patient.id;
  if (plan.sessions.empty()) {
    calendar_start(calendar, name, nullptr, {}, {});
  } else {
    calendar_start(calendar,
                   name,
                   plan.clinic->zone,
                   plan.sessions.front().start.utc - date::days{1},
                   plan.sessions.back().end.utc + date::days{1});
  }
  plan_events(calendar, plan, options);
  calendar.property("END", "VCALENDAR");
  return calendar.take();
}

std::string
ics_stream_start(const Clinic& clinic, date::sys_days today)
{
  // The plans of a stream are not known yet: the zone's changes over the planning horizon (a
  // year to find every session, the reviews and maintenance a year or more after the course).
  Calendar calendar;
  calendar_start(calendar,
                 "Microneedling plans",
                 clinic.zone,
                 today - date::days{1},
                 today + date::days{k_ics_stream_horizon_days});
  return calendar.take();
}

std::string
render_ics_events(const Plan& plan, const RenderOptions& options)
{
  Calendar calendar;
  plan_events(calendar, plan, options);
  return calendar.take();
}

std::string
ics_stream_end()
{
  return "END:VCALENDAR\r\n";
}

} // namespace scarplan
