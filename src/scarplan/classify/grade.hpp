#pragma once

#include <scarplan/model/plan.hpp>

namespace scarplan {

// Goodman–Baron severity: the qualitative grade (from the file, else estimated from the scar
// mix) and the quantitative score (points per lesion type present times its count factor).
Severity grade_severity(const Patient& patient,
                        const std::vector<ScarAssessment>& scars,
                        const Protocol& protocol);

// Quantitative count factor for `lesions` lesions of one type (1–10 x1, 11–20 x2, more x3).
int count_factor(int lesions, const GradingRules& rules);

} // namespace scarplan
