#include <scarplan/model/patient.hpp>

#include <algorithm>

namespace scarplan {

bool
History::has(std::string_view flag) const
{
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

} // namespace scarplan
