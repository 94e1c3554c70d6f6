#pragma once

#include <scarplan/model/plan.hpp>

#include <string>
#include <vector>

namespace scarplan {

struct Pricing
{
  Costs costs;
  std::vector<std::string> notes;
};

// Prices each session (zone prices, the adjuncts given in it, the package discount, then tax,
// each a line rounded half-up once) into `sessions[].cost`, and the course: totals that are
// exact sums of the session totals, the deposit and the dated installments.
Pricing price_course(std::vector<Session>& sessions,
                     const Patient& patient,
                     const Clinic& clinic,
                     date::sys_days today);

} // namespace scarplan
