#pragma once

#include <scarplan/model/plan.hpp>

namespace scarplan {

// What the measurements alone say about a scar group (Jacob, Dover & Kaminer morphology with
// the protocol's thresholds); nullopt when the file has too few measurements to decide.
std::optional<ScarAssessment> classify_by_measurements(const ScarGroup& scar,
                                                       const Protocol& protocol);

// The class of a scar group (the practitioner's `type` wins over the measurements), its
// expected response to microneedling, suggested adjuncts and needle depth.
ScarAssessment classify_scar(const ScarGroup& scar, const Protocol& protocol);

} // namespace scarplan
