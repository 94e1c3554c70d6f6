#include <scarplan/model/patient.hpp>

#include <algorithm>

namespace scarplan {

bool
History::has(std::string_view flag) const
{
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
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
