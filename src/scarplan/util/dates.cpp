#include <scarplan/util/dates.hpp>

#include <charconv>

namespace scarplan {

namespace {

// YYYY, MM and DD with `separator` between them (none when it is '\0'). Written into a buffer
// and copied once: plans format a hundred dates each.
std::string
date_text(date::sys_days day, char separator)
{
  const date::year_month_day ymd{day};
  const std::size_t step = separator ? 1 : 0;
  char out[10] = {0, 0, 0, 0, separator, 0, 0, separator};
  write_digits(&out[0], static_cast<int>(ymd.year()), 4);
  write_digits(&out[4 + step], static_cast<int>(static_cast<unsigned>(ymd.month())), 2);
  write_digits(&out[6 + 2 * step], static_cast<int>(static_cast<unsigned>(ymd.day())), 2);
  return std::string(out, 8 + 2 * step);
}

} // namespace

std::optional<date::sys_days>
parse_iso_date(std::string_view text)
{
  const auto number = [&](std::size_t at, std::size_t length) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data() + at, text.data() + at + length, value);
    return error == std::errc{} && end == text.data() + at + length ? value : -1;
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  const date::year_month_day day{date::year{number(0, 4)},
                                 date::month(static_cast<unsigned>(number(5, 2))),
                                 date::day(static_cast<unsigned>(number(8, 2)))};
  if (!day.ok() || day.year() < date::year{1900} || day.year() > date::year{2200}) {
    return std::nullopt;
  }
  return date::sys_days{day};
}

std::string
iso_date(date::sys_days day)
{
  return date_text(day, '-');
}

std::string
compact_date(date::sys_days day)
{
  return date_text(day, '\0');
}

std::string
compact_time(std::chrono::seconds time_of_day)
{
  const date::hh_mm_ss<std::chrono::seconds> hms{time_of_day};
  std::string out = "T000000";
  write_digits(&out[1], static_cast<int>(hms.hours().count()), 2);
  write_digits(&out[3], static_cast<int>(hms.minutes().count()), 2);
  write_digits(&out[5], static_cast<int>(hms.seconds().count()), 2);
  return out;
}

int
age_on(const date::year_month_day& birth, date::sys_days day)
{
  const date::year_month_day today{day};
  int age = static_cast<int>(today.year()) - static_cast<int>(birth.year());
  if (date::month_day{today.month(), today.day()} < date::month_day{birth.month(), birth.day()}) {
    --age;
  }
  return age;
}

date::sys_days
add_months(date::sys_days day, int months)
{
  const date::year_month_day start{day};
  const date::year_month_day moved = start + date::months{months};
  if (moved.ok()) {
    return moved;
  }
  return date::year_month_day_last{moved.year(), date::month_day_last{moved.month()}};
}

} // namespace scarplan
