#pragma once

#include <scarplan/model/plan.hpp>

namespace scarplan {

// Following a course over its assessments: the Goodman–Baron quantitative score at each visit
// (given, or computed from the groups measured that day), the change from the baseline, and the
// protocol's [progress] verdict. The baseline is the first assessment, or the plan's [[scars]]
// (`plan_score`) when no assessment precedes the first session.
Progress follow_course(const Patient& patient, int plan_score, const Protocol& protocol);

// What the verdict changes in the plan, each change stated with its rule: worsening defers the
// plan (stop and review), a goal reached leaves no session to give, a plateau keeps at most the
// protocol's further sessions and suggests its adjunct, or a referral when it is already given.
void adapt_to_progress(const Progress& progress,
                       const Protocol& protocol,
                       Eligibility& eligibility,
                       Recommendation& recommendation);

} // namespace scarplan
