#include <scarplan/load/previous_calendar.hpp>

#include <libical/ical.h>

#include <memory>
#include <string>

namespace scarplan {

namespace {

// A property as one unfolded content line without its line break: "DTSTART;TZID=Z:2027...".
std::string
content_line(icalproperty* property)
{
  std::string text = icalproperty_as_ical_string(property); // libical owns the buffer
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\r\n ") == 0) {
      i += 2; // a folded line continues
    } else if (text[i] != '\r' && text[i] != '\n') {
      out += text[i];
    }
  }
  return out;
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
    const char* summary = icalcomponent_get_summary(event);
    events.push_back({icalproperty_get_uid(uid), content_line(start), summary ? summary : ""});
  }
  if (!diagnostics.empty()) {
    return std::nullopt;
  }
  return events;
}

} // namespace scarplan
