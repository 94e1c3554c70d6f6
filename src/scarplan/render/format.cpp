#include <scarplan/render/format.hpp>
#include <scarplan/util/text.hpp>

#include <algorithm>
#include <cstring>

namespace scarplan {

std::string
weekday_date(date::sys_days day)
{
  static constexpr std::string_view k_names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  return std::string(k_names[date::weekday{day}.c_encoding()]) + ' ' + iso_date(day);
}

std::string
clock(const ClinicTime& time)
{
  const auto day = date::floor<date::days>(time.local);
  const date::hh_mm_ss<std::chrono::seconds> hms{time.local - day};
  std::string out = "00:00";
  write_digits(&out[0], static_cast<int>(hms.hours().count()), 2);
  write_digits(&out[3], static_cast<int>(hms.minutes().count()), 2);
  return out;
}

IsoDateTime
iso_datetime(const ClinicTime& time)
{
  const auto day = date::floor<date::days>(time.local);
  const date::hh_mm_ss<std::chrono::seconds> hms{time.local - day};
  const auto offset = std::chrono::duration_cast<std::chrono::minutes>(
      time.local - date::local_seconds{time.utc.time_since_epoch()});
  const int minutes = static_cast<int>(offset.count() < 0 ? -offset.count() : offset.count());
  IsoDateTime out;
  char* text = out.chars.data();
  std::memcpy(text, "0000-00-00T00:00:00+00:00", out.chars.size());
  const date::year_month_day ymd{date::sys_days{day.time_since_epoch()}};
  write_digits(&text[0], static_cast<int>(ymd.year()), 4);
  write_digits(&text[5], static_cast<int>(static_cast<unsigned>(ymd.month())), 2);
  write_digits(&text[8], static_cast<int>(static_cast<unsigned>(ymd.day())), 2);
  write_digits(&text[11], static_cast<int>(hms.hours().count()), 2);
  write_digits(&text[14], static_cast<int>(hms.minutes().count()), 2);
  write_digits(&text[17], static_cast<int>(hms.seconds().count()), 2);
  text[19] = offset.count() < 0 ? '-' : '+';
  write_digits(&text[20], minutes / 60, 2);
  write_digits(&text[23], minutes % 60, 2);
  return out;
}

std::string
money(const Plan& plan, MinorUnits amount)
{
  return format_money(amount, plan.costs.digits);
}

std::string
phototype_roman(int phototype)
{
  static constexpr std::string_view k_roman[] = {"I", "II", "III", "IV", "V", "VI"};
  return std::string(k_roman[phototype - 1]);
}

std::string
class_label(ScarClass scar_class)
{
  const std::string_view subtype = subtype_name(scar_class);
  if (subtype.empty() || subtype == type_name(scar_class)) {
    return std::string(type_name(scar_class));
  }
  return std::string(type_name(scar_class)) + " (" + std::string(subtype) + ")";
}

std::string
scar_where(const ScarGroup& scar)
{
  std::string out(name_of(scar.area));
  if (scar.side != Side::unspecified) {
    out += " (" + std::string(name_of(scar.side)) + ")";
  }
  return out;
}

CourseCalendar
course_calendar(const Plan& plan)
{
  CourseCalendar calendar;
  const int downtime = downtime_days(*plan.protocol);
  for (const auto& session : plan.sessions) {
    calendar.sessions.emplace(session.date, session.number);
    for (int d = 1; d <= downtime; ++d) {
      calendar.recovery.insert(session.date + date::days{d});
    }
  }
  const date::year_month_day first{plan.sessions.front().date};
  const date::year_month_day last{
      calendar.recovery.empty() ? plan.sessions.back().date
                                : std::max(*calendar.recovery.rbegin(), plan.sessions.back().date)};
  calendar.first = first.year() / first.month();
  calendar.last = last.year() / last.month();
  return calendar;
}

std::string
where_booked(const Session& session)
{
  if (!session.booking || session.booking->room.empty()) {
    return "";
  }
  return printable(session.booking->room) + (session.booking->practitioner.empty()
                                                 ? ""
                                                 : ", " + printable(session.booking->practitioner));
}

int
downtime_days(const Protocol& protocol)
{
  return protocol.recovery.empty() ? 0 : protocol.recovery.front().through;
}

std::string
visit_name(std::string_view kind)
{
  std::string out(kind);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

std::string
depths_text(const std::vector<AreaDepth>& depths)
{
  return join(depths, ", ", [](const AreaDepth& depth) {
    return std::string(name_of(depth.area)) + " " + format_number(depth.depth_mm) + " mm";
  });
}

} // namespace scarplan
