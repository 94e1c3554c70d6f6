// Reads a .ics file with libical (an independent C parser) and prints what it understood, one
// line per event: "<start>|<end>|<summary>", times converted to UTC through the calendar's own
// VTIMEZONE, all-day events as dates; then "libical: N events, E errors". Exit 1 on any parse
// error libical reports (X-LIC-ERROR) or an unresolved TZID.
#include <libical/ical.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace {

std::string
describe(icaltimetype time, bool& unresolved)
{
  char buffer[32];
  if (icaltime_is_date(time)) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", time.year, time.month, time.day);
    return buffer;
  }
  if (!icaltime_is_utc(time) && !time.zone) {
    unresolved = true;
  }
  const icaltimetype utc = icaltime_convert_to_zone(time, icaltimezone_get_utc_timezone());
  std::snprintf(buffer,
                sizeof buffer,
                "%04d-%02d-%02dT%02d:%02d:%02dZ",
                utc.year,
                utc.month,
                utc.day,
                utc.hour,
                utc.minute,
                utc.second);
  return buffer;
}

} // namespace

int
main(int argc, char** argv)
{
  if (argc != 2) {
    std::fprintf(stderr, "usage: check_libical FILE.ics\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  icalcomponent* calendar = icalparser_parse_string(text.str().c_str());
  if (!calendar) {
    std::printf("libical: could not parse %s\n", argv[1]);
    return 1;
  }
  const int errors = icalcomponent_count_errors(calendar);
  int events = 0;
  bool unresolved = false;
  for (icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
       event;
       event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
    ++events;
    const char* summary = icalcomponent_get_summary(event);
    std::printf("%s|%s|%s\n",
                describe(icalcomponent_get_dtstart(event), unresolved).c_str(),
                describe(icalcomponent_get_dtend(event), unresolved).c_str(),
                summary ? summary : "");
  }
  std::printf(
      "libical: %d events, %d errors%s\n", events, errors, unresolved ? ", unresolved TZID" : "");
  icalcomponent_free(calendar);
  return errors == 0 && !unresolved ? 0 : 1;
}
