// `scarplan agenda`: the clinic's days in time order, for the front desk.
#include <scarplan/render/format.hpp>
#include <scarplan/render/json_writer.hpp>
#include <scarplan/render/render.hpp>
#include <scarplan/util/text.hpp>

#include <algorithm>

namespace scarplan {

namespace {

bool
inside(date::sys_days day, std::optional<date::sys_days> from, std::optional<date::sys_days> to)
{
  return (!from || day >= *from) && (!to || day <= *to);
}

// Sessions by start time, then the steps and visits, then by patient: a stable, readable day.
void
sort_entries(std::vector<AgendaEntry>& entries)
{
  std::stable_sort(entries.begin(), entries.end(), [](const AgendaEntry& a, const AgendaEntry& b) {
    if (a.day != b.day) {
      return a.day < b.day;
    }
    if (a.start.has_value() != b.start.has_value()) {
      return a.start.has_value();
    }
    if (a.start && a.start->utc != b.start->utc) {
      return a.start->utc < b.start->utc;
    }
    return a.patient_id < b.patient_id;
  });
}

} // namespace

std::vector<AgendaEntry>
agenda_entries(const Plan& plan,
               std::optional<date::sys_days> from,
               std::optional<date::sys_days> to)
{
  std::vector<AgendaEntry> out;
  const std::string& id = plan.patient.id;
  for (const Session& session : plan.sessions) {
    if (inside(session.date, from, to)) {
      std::string text = "session " + std::to_string(session.number) + " of " +
                         std::to_string(plan.recommendation.sessions) + ": " +
                         join(session.zones, ", ", [](Zone zone) { return name_of(zone); });
      out.push_back({session.date,
                     session.start,
                     session.arrive,
                     id,
                     session.booking ? session.booking->room : "",
                     session.booking ? session.booking->practitioner : "",
                     "session",
                     std::move(text)});
    }
    for (const DatedItem& item : session.prep) {
      if (item.remind && inside(item.first, from, to)) {
        out.push_back(
            {item.first, std::nullopt, std::nullopt, id, "", "", "prep", std::string(item.text)});
      }
    }
  }
  for (const FollowUp& visit : plan.follow_up) {
    if (inside(visit.date, from, to)) {
      out.push_back({visit.date, std::nullopt, std::nullopt, id, "", "", "follow_up", visit.text});
    }
  }
  return out;
}

std::string
render_agenda_text(std::vector<AgendaEntry> entries, const Clinic& clinic, const RenderOptions&)
{
  sort_entries(entries);
  std::string out =
      "scarplan agenda: " + printable(clinic.name) + " (times in " + clinic.timezone_name + ")\n";
  std::optional<date::sys_days> day;
  for (const AgendaEntry& entry : entries) {
    if (entry.day != day) {
      day = entry.day;
      out += "\n" + weekday_date(entry.day) + "\n";
    }
    if (entry.start) {
      out += "  " + clock(*entry.start) + "  " +
             (entry.room.empty() ? "-" : printable(entry.room)) +
             (entry.practitioner.empty() ? "" : " (" + printable(entry.practitioner) + ")") + "  " +
             entry.patient_id + "  " + entry.text + ", arrive " + clock(*entry.arrive) + "\n";
    } else {
      out += "         " + entry.patient_id + ": " +
             (entry.kind == "prep" ? "from today, " : "visit: ") + printable(entry.text) + "\n";
    }
  }
  if (entries.empty()) {
    out += "\nnothing planned in these days\n";
  }
  return out;
}

std::string
render_agenda_json(std::vector<AgendaEntry> entries,
                   const Clinic& clinic,
                   const RenderOptions& options)
{
  sort_entries(entries);
  return write_json(options, [&](auto& writer) {
    const auto string = [&](std::string_view value) { write_string(writer, value); };
    const auto key = [&](std::string_view name) { write_key(writer, name); };
    const auto nullable = [&](std::string_view value) {
      value.empty() ? (void)writer.Null() : string(value);
    };
    writer.StartObject();
    key("schema");
    string("scarplan-agenda/1");
    key("clinic");
    string(clinic.name);
    key("timezone");
    string(clinic.timezone_name);
    key("entries");
    writer.StartArray();
    for (const AgendaEntry& entry : entries) {
      writer.StartObject();
      key("date");
      string(iso_date(entry.day));
      key("kind");
      string(entry.kind);
      key("patient_id");
      string(entry.patient_id);
      key("start");
      entry.start ? string(iso_datetime(*entry.start)) : (void)writer.Null();
      key("arrive");
      entry.arrive ? string(iso_datetime(*entry.arrive)) : (void)writer.Null();
      key("room");
      nullable(entry.room);
      key("practitioner");
      nullable(entry.practitioner);
      key("text");
      string(entry.text);
      writer.EndObject();
    }
    writer.EndArray();
    writer.EndObject();
  });
}

} // namespace scarplan
