#include <scarplan/classify/grade.hpp>

#include <algorithm>
#include <map>

namespace scarplan {

int
count_factor(int lesions, const GradingRules& rules)
{
  for (const auto& [up_to, factor] : rules.count_factors) {
    if (lesions <= up_to) {
      return factor;
    }
  }
  return static_cast<int>(rules.count_factors.size()) + 1;
}

Severity
grade_severity(const Patient& patient,
               const std::vector<ScarAssessment>& scars,
               const Protocol& protocol)
{
  Severity severity;
  const GradingRules& rules = protocol.grading;

  // Quantitative: one line per lesion type present, in protocol class order.
  std::vector<ScoreItem> items;
  for (std::size_t i = 0; i < scars.size(); ++i) {
    const ClassRule& rule = protocol.classes[static_cast<std::size_t>(scars[i].scar_class)];
    auto item = std::find_if(items.begin(), items.end(), [&](const ScoreItem& s) {
      return s.lesion == rule.score_lesion;
    });
    if (item == items.end()) {
      items.push_back({rule.score_lesion, rule.score_points, 0, 1, rule.score_by_area, 0});
      item = items.end() - 1;
    }
    item->lesions += patient.scars[i].count;
  }
  for (auto& item : items) {
    // The file records no affected area, so hyperplastic lesions take the smallest area factor.
    item.factor = item.by_area ? 1 : count_factor(item.lesions, rules);
    item.score = item.points * item.factor;
    severity.score += item.score;
  }
  severity.score_items = std::move(items);
  severity.reasons.push_back({"score",
                              "quantitative score " + std::to_string(severity.score) +
                                  ": points per lesion type present times its count factor" +
                                  (std::any_of(severity.score_items.begin(),
                                               severity.score_items.end(),
                                               [](const ScoreItem& s) { return s.by_area; })
                                       ? "; raised lesions at area factor x1 (area not recorded)"
                                       : ""),
                              rules.source});

  // Qualitative: the worst grade any group implies. The atrophic groups' grade is weighed by
  // their load; the others (raised scars, a keloid is 4; flat marks) stand as they are.
  std::optional<int> atrophic_estimate;
  std::optional<int> other_estimate;
  int atrophic_lesions = 0;
  for (std::size_t i = 0; i < scars.size(); ++i) {
    const ScarClass scar_class = scars[i].scar_class;
    int grade = protocol.classes[static_cast<std::size_t>(scar_class)].grade;
    const bool atrophic = scar_class != ScarClass::macular &&
                          scar_class != ScarClass::hypertrophic && scar_class != ScarClass::keloid;
    if (atrophic && patient.scars[i].distensible == false) {
      grade = std::max(grade, rules.non_distensible_grade);
    }
    auto& estimate = atrophic ? atrophic_estimate : other_estimate;
    estimate = std::max(estimate.value_or(0), grade);
    if (atrophic) {
      atrophic_lesions += patient.scars[i].count;
    }
  }
  // Goodman-Baron grade morphology and load together: a handful of lesions is not a severe or
  // moderate disease however deep they are. A grade 4 lowered this way must be confirmed.
  std::optional<int> lowered_from;
  if (atrophic_estimate && *atrophic_estimate >= 3 && atrophic_lesions <= rules.mild_max_lesions) {
    lowered_from = atrophic_estimate;
    atrophic_estimate = *atrophic_estimate - 1;
  }
  std::optional<int> estimate = atrophic_estimate;
  if (other_estimate) {
    estimate = std::max(estimate.value_or(0), *other_estimate);
  }
  if (estimate != atrophic_estimate) {
    lowered_from.reset(); // a raised group decides the grade: nothing was lowered
  }
  if (patient.goodman_grade) {
    severity.grade = patient.goodman_grade;
    severity.grade_from_file = true;
    std::string text =
        "grade " + std::to_string(*patient.goodman_grade) + " from the practitioner's assessment";
    if (estimate && *estimate != *patient.goodman_grade) {
      text += " (the scar mix alone suggests grade " + std::to_string(*estimate) + ")";
    }
    severity.reasons.push_back({"grade_from_file", text, "patient file"});
  } else if (estimate) {
    severity.grade = estimate;
    severity.reasons.push_back(
        {"grade_estimated",
         "grade " + std::to_string(*estimate) +
             " estimated: the worst class present, 4 for scars that do not flatten on "
             "stretching, one grade less when there are at most " +
             std::to_string(rules.mild_max_lesions) + " atrophic lesions",
         rules.source});
    if (lowered_from == 4) {
      severity.needs_confirmation = true;
      severity.reasons.push_back(
          {"grade_needs_confirmation",
           "only " + std::to_string(atrophic_lesions) + " atrophic lesion" +
               (atrophic_lesions == 1 ? "" : "s") +
               " of a grade 4 kind: estimated grade 3, not severe; record the practitioner's "
               "grade ([assessment] goodman_grade) to confirm",
           rules.source});
    }
  }
  return severity;
}

} // namespace scarplan
