#include <scarplan/render/format.hpp>

namespace scarplan {

// The fixed numeric layouts below are written digit by digit from the date library's fields:
// date::format builds an ostringstream and imbues a locale on every call, which was a fifth of
// the whole batch's time (callgrind, 10,000 plans).

namespace {

void
put_digits(char* out, int value, int width)
{
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

} // namespace

std::string
compact_date(date::sys_days day)
{
  const date::year_month_day ymd{day};
  std::string out(8, '0');
  put_digits(&out[0], static_cast<int>(ymd.year()), 4);
  put_digits(&out[4], static_cast<int>(static_cast<unsigned>(ymd.month())), 2);
  put_digits(&out[6], static_cast<int>(static_cast<unsigned>(ymd.day())), 2);
  return out;
}

std::string
compact_time(std::chrono::seconds time_of_day)
{
  const date::hh_mm_ss<std::chrono::seconds> hms{time_of_day};
  std::string out = "T000000";
  put_digits(&out[1], static_cast<int>(hms.hours().count()), 2);
  put_digits(&out[3], static_cast<int>(hms.minutes().count()), 2);
  put_digits(&out[5], static_cast<int>(hms.seconds().count()), 2);
  return out;
}

std::string
iso_date(date::sys_days day)
{
  const date::year_month_day ymd{day};
  std::string out = "0000-00-00";
  put_digits(&out[0], static_cast<int>(ymd.year()), 4);
  put_digits(&out[5], static_cast<int>(static_cast<unsigned>(ymd.month())), 2);
  put_digits(&out[8], static_cast<int>(static_cast<unsigned>(ymd.day())), 2);
  return out;
}

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
  const std::string compact = compact_time(time.local - day);
  return compact.substr(1, 2) + ':' + compact.substr(3, 2);
}

std::string
iso_datetime(const ClinicTime& time)
{
  const auto day = date::floor<date::days>(time.local);
  const date::hh_mm_ss<std::chrono::seconds> hms{time.local - day};
  const auto offset = std::chrono::duration_cast<std::chrono::minutes>(
      time.local - date::local_seconds{time.utc.time_since_epoch()});
  const int minutes = static_cast<int>(offset.count() < 0 ? -offset.count() : offset.count());
  std::string out = iso_date(date::sys_days{day.time_since_epoch()}) + "T00:00:00+00:00";
  put_digits(&out[11], static_cast<int>(hms.hours().count()), 2);
  put_digits(&out[14], static_cast<int>(hms.minutes().count()), 2);
  put_digits(&out[17], static_cast<int>(hms.seconds().count()), 2);
  out[19] = offset.count() < 0 ? '-' : '+';
  put_digits(&out[20], minutes / 60, 2);
  put_digits(&out[23], minutes % 60, 2);
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

int
downtime_days(const Protocol& protocol)
{
  return protocol.recovery.empty() ? 0 : protocol.recovery.front().through;
}

} // namespace scarplan
