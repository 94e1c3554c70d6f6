#pragma once

#include <scarplan/model/plan.hpp>
#include <scarplan/util/dates.hpp>

#include <array>
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace scarplan {

// Formatting shared by the renderers.

std::string weekday_date(date::sys_days day); // Tue 2027-01-12
std::string clock(const ClinicTime& time);    // 17:30 (local)

// A date and time with its UTC offset, held by value: three per session, as strings they were
// the plan's most frequent allocation (heaptrack).
struct IsoDateTime
{
  std::array<char, 25> chars; // 2027-01-12T17:30:00-05:00
  operator std::string_view() const { return {chars.data(), chars.size()}; }
};
IsoDateTime iso_datetime(const ClinicTime& time);

std::string money(const Plan& plan, MinorUnits amount); // 457.65
std::string phototype_roman(int phototype);             // IV
std::string class_label(ScarClass scar_class);          // "boxcar (deep)"
std::string scar_where(const ScarGroup& scar);          // "cheek (left)"
std::string visit_name(std::string_view kind);          // "test_spot_review": "test spot review"
// The needle depth of each area: "cheek 1.5 mm, forehead 0.75 mm".
std::string depths_text(const std::vector<AreaDepth>& depths);

// The days a month calendar of the course marks: each session's day (with its number), the
// recovery days after it, and the months from the first session to the last marked day.
struct CourseCalendar
{
  std::map<date::sys_days, int> sessions; // day -> session number
  std::set<date::sys_days> recovery;
  date::year_month first;
  date::year_month last;
};
CourseCalendar course_calendar(const Plan& plan); // the plan has at least one session

// Where a booked session is: "Room 1, dr-a"; empty when the plan was not booked.
std::string where_booked(const Session& session);

// The days after each session marked as recovery in calendars: the span of the protocol's
// first [[recovery]] entry (the expected downtime).
int downtime_days(const Protocol& protocol);

} // namespace scarplan
