// `book --report`: how the clinic's capacity was used and how close sessions stayed to their
// targets.
#include <scarplan/render/format.hpp>
#include <scarplan/render/json_writer.hpp>
#include <scarplan/render/render.hpp>
#include <scarplan/util/text.hpp>

#include <cstdio>

namespace scarplan {

std::string
render_capacity_text(const CapacityReport& report, const Clinic& clinic)
{
  const auto percent = [&](int part) {
    return report.sessions == 0
               ? std::string("-")
               : std::to_string((200 * part + report.sessions) / (2 * report.sessions)) + "%";
  };
  std::string out = "scarplan capacity: " + printable(clinic.name) + ", " +
                    std::to_string(clinic.capacity.rooms.size()) + " rooms\n";
  out += "  patients booked          " + std::to_string(report.patients) + "\n";
  out += "  sessions                 " + std::to_string(report.sessions) + "\n";
  out += "  on their target day      " + std::to_string(report.on_target_day) + " (" +
         percent(report.on_target_day) + ")\n";
  out += "  inside their window      " + std::to_string(report.inside_window) + " (" +
         percent(report.inside_window) + ")\n";
  out += "  after it (flagged)       " + std::to_string(report.outside_window) + "\n";
  out += "  not placed within a year " + std::to_string(report.not_placed) + "\n";
  if (report.overbooked_busy > 0) {
    out +=
        "  existing appointments beyond the rooms " + std::to_string(report.overbooked_busy) + "\n";
  }
  out += "\n  day             room              sessions  booked  open  used\n";
  for (const RoomDay& day : report.room_days) {
    char line[160];
    std::snprintf(line,
                  sizeof line,
                  "  %-14s  %-16s  %8d  %6d  %4d  %3d%%\n",
                  weekday_date(day.day).c_str(),
                  printable(day.room).c_str(),
                  day.sessions,
                  day.session_minutes,
                  day.open_minutes,
                  day.open_minutes > 0 ? 100 * day.session_minutes / day.open_minutes : 0);
    out += line;
  }
  return out;
}

std::string
render_capacity_json(const CapacityReport& report,
                     const Clinic& clinic,
                     const RenderOptions& options)
{
  return write_json(options, [&](auto& writer) {
    const auto key = [&](std::string_view name) { write_key(writer, name); };
    const auto number = [&](std::string_view name, int value) {
      key(name);
      writer.Int(value);
    };
    writer.StartObject();
    key("schema");
    write_string(writer, "scarplan-capacity/1");
    key("clinic");
    write_string(writer, clinic.name);
    key("rooms");
    writer.StartArray();
    for (const auto& room : clinic.capacity.rooms) {
      write_string(writer, room);
    }
    writer.EndArray();
    number("patients", report.patients);
    number("sessions", report.sessions);
    number("on_target_day", report.on_target_day);
    number("inside_window", report.inside_window);
    number("outside_window", report.outside_window);
    number("not_placed", report.not_placed);
    number("busy_beyond_rooms", static_cast<int>(report.overbooked_busy));
    key("room_days");
    writer.StartArray();
    for (const RoomDay& day : report.room_days) {
      writer.StartObject();
      key("date");
      write_string(writer, iso_date(day.day));
      key("room");
      write_string(writer, day.room);
      number("sessions", day.sessions);
      number("session_minutes", day.session_minutes);
      number("open_minutes", day.open_minutes);
      writer.EndObject();
    }
    writer.EndArray();
    writer.EndObject();
  });
}

} // namespace scarplan
