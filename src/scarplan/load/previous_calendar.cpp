#include <scarplan/load/previous_calendar.hpp>
#include <scarplan/util/text.hpp>

#include <libical/ical.h>

#include <memory>
#include <string>
#include <string_view>

namespace scarplan {

namespace {

// DTSTART as scarplan writes it, made from the value libical read, not copied: no parameter
// but VALUE=DATE and a TZID of tz database characters, so nothing of another program's (or a
// hostile file's) reaches the new calendar. Empty when the TZID is not of that kind.
std::string
dtstart_line(icalproperty* property)
{
  const icaltimetype start = icalproperty_get_dtstart(property);
  std::string line = "DTSTART";
  if (icaltime_is_date(start)) {
    line += ";VALUE=DATE";
  } else if (const char* tzid = icalproperty_get_parameter_as_string(property, "TZID")) {
    const std::string_view zone = tzid;
    if (zone.empty() || zone.size() > 64 ||
        zone.find_first_not_of(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+-") !=
            std::string_view::npos) {
      return {};
    }
    line += ";TZID=";
    line += zone;
  }
  return line + ":" + icaltime_as_ical_string(start); // libical owns the buffer
}

// The summary of a cancelled event, "Cancelled: <summary>": the earlier one when it is what
// scarplan writes (clean UTF-8, no control character, one line of sane length), else nothing.
std::string
clean_summary(const char* summary)
{
  const std::string_view text = summary ? summary : "";
  if (text.size() > 500 || find_invalid_utf8(text) || has_control_characters(text)) {
    return {};
  }
  return std::string(text);
}

} // namespace

std::optional<std::vector<PreviousEvent>>
load_previous_calendar(std::string_view text, Diagnostics& diagnostics)
{
  const std::string copy(text);
  const std::unique_ptr<icalcomponent, void (*)(icalcomponent*)> calendar(
      icalparser_parse_string(copy.c_str()), icalcomponent_free);
  if (!calendar || icalcomponent_isa(calendar.get()) != ICAL_VCALENDAR_COMPONENT) {
    diagnostics.error({}, "", "expected an iCalendar file (BEGIN:VCALENDAR), found none");
    return std::nullopt;
  }
  std::vector<PreviousEvent> events;
  for (icalcomponent* event =
           icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
       event;
       event = icalcomponent_get_next_component(calendar.get(), ICAL_VEVENT_COMPONENT)) {
    for (icalproperty* error = icalcomponent_get_first_property(event, ICAL_XLICERROR_PROPERTY);
         error;
         error = icalcomponent_get_next_property(event, ICAL_XLICERROR_PROPERTY)) {
      diagnostics.error({}, "", std::string("libical: ") + icalproperty_get_xlicerror(error));
    }
    icalproperty* uid = icalcomponent_get_first_property(event, ICAL_UID_PROPERTY);
    icalproperty* start = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
    if (!uid || !start) {
      diagnostics.error({}, "", "expected every VEVENT to have a UID and a DTSTART");
      continue;
    }
    std::string line = dtstart_line(start);
    if (line.empty()) {
      diagnostics.error({}, "", "expected a DTSTART in a time zone of the tz database");
      continue;
    }
    events.push_back({icalproperty_get_uid(uid),
                      std::move(line),
                      clean_summary(icalcomponent_get_summary(event))});
  }
  if (!diagnostics.empty()) {
    return std::nullopt;
  }
  return events;
}

} // namespace scarplan
