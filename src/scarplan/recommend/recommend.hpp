#pragma once

#include <scarplan/model/plan.hpp>

namespace scarplan {

// The course: sessions from the grade adjusted by the scar mix, less the sessions already
// given; the interval and its window; needle depth per zone; requested adjuncts and the ones
// the scars call for, kept apart. Empty (0 sessions) when the patient is not eligible or
// nothing is treatable.
Recommendation recommend(const Patient& patient,
                         const std::vector<ScarAssessment>& scars,
                         const Severity& severity,
                         const Eligibility& eligibility,
                         const Protocol& protocol);

} // namespace scarplan
