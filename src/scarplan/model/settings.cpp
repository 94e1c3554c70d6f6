#include <scarplan/model/settings.hpp>

#include <algorithm>

namespace scarplan {

bool
Clinic::closed(date::sys_days day) const
{
  return std::binary_search(closed_on.begin(), closed_on.end(), day);
}

bool
Clinic::open_on(date::sys_days day) const
{
  return hours[date::weekday{day}.c_encoding()].open && !closed(day);
}

int
Protocol::longest_prep_lead_days() const
{
  int lead = 0;
  for (const auto& rule : prep) {
    lead = std::max(lead, -rule.day);
  }
  return lead;
}

} // namespace scarplan
