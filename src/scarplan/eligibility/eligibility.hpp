#pragma once

#include <scarplan/model/plan.hpp>

namespace scarplan {

// Who may be treated, and when: the protocol's absolute (not eligible), temporary (deferred,
// with the earliest start when a date gives it) and relative (precaution) rules, and whether
// any scar group is a microneedling indication at all.
Eligibility assess_eligibility(const Patient& patient,
                               int age,
                               const std::vector<ScarAssessment>& scars,
                               const Protocol& protocol,
                               date::sys_days today);

} // namespace scarplan
