#include <scarplan/model/patient.hpp>

#include <algorithm>

namespace scarplan {

bool
History::has(std::string_view flag) const
{
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

const std::optional<date::year_month_day>&
History::date_of(std::string_view name) const
{
  const auto found =
      std::find(std::begin(k_history_date_names), std::end(k_history_date_names), name);
  return dates.at(static_cast<std::size_t>(found - std::begin(k_history_date_names)));
}

} // namespace scarplan
