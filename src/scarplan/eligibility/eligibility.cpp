#include <scarplan/eligibility/eligibility.hpp>
#include <scarplan/util/dates.hpp>
#include <scarplan/util/text.hpp>

#include <algorithm>

namespace scarplan {

namespace {

// Whether `rule` applies; `detail` gets what triggered it, `until` the end of a waiting period.
bool
applies(const ContraRule& rule,
        const Patient& patient,
        int age,
        const std::vector<ScarAssessment>& scars,
        const Protocol& protocol,
        date::sys_days today,
        std::string& detail,
        std::optional<date::sys_days>& until)
{
  const History& history = patient.history;
  if (!rule.flag.empty()) {
    return history.has(rule.flag);
  }
  if (!rule.medication_class.empty()) {
    const auto medication_class =
        std::find_if(protocol.medications.begin(),
                     protocol.medications.end(),
                     [&](const MedicationClass& m) { return m.name == rule.medication_class; });
    std::vector<std::string> matches;
    for (const auto& medication : history.medications) {
      const auto& members = medication_class->members;
      if (std::find(members.begin(), members.end(), lower(medication)) != members.end()) {
        matches.push_back(medication);
      }
    }
    detail = join(matches, ", ");
    return !matches.empty();
  }
  if (rule.any_skin_condition) {
    detail = join(history.skin_conditions, ", ");
    return !history.skin_conditions.empty();
  }
  if (!rule.date_key.empty()) {
    const auto& day =
        rule.date_key == "radiation_on" ? history.radiation_on : history.isotretinoin_last_dose;
    if (!day) {
      return false;
    }
    detail = rule.date_key + " " + iso_date(*day);
    const date::sys_days end =
        add_months(*day, rule.wait_months > 0 ? rule.wait_months : rule.within_months);
    if (end <= today) {
      return false;
    }
    if (rule.wait_months > 0) {
      until = end;
    }
    return true;
  }
  if (rule.phototype_at_least > 0) {
    return patient.phototype >= rule.phototype_at_least;
  }
  if (rule.age_under > 0) {
    detail = "age " + std::to_string(age);
    return age < rule.age_under;
  }
  if (rule.scar_present) {
    return std::any_of(scars.begin(), scars.end(), [&](const ScarAssessment& s) {
      return s.scar_class == *rule.scar_present;
    });
  }
  return false;
}

} // namespace

Eligibility
assess_eligibility(const Patient& patient,
                   int age,
                   const std::vector<ScarAssessment>& scars,
                   const Protocol& protocol,
                   date::sys_days today)
{
  Eligibility result;
  bool absolute = false;
  bool temporary = false;
  bool start_unknown = false;
  for (const auto& rule : protocol.contraindications) {
    std::string detail;
    std::optional<date::sys_days> until;
    if (!applies(rule, patient, age, scars, protocol, today, detail, until)) {
      continue;
    }
    result.applied_rules.push_back(rule.id);
    std::string text = rule.reason + (detail.empty() ? "" : " (" + detail + ")");
    switch (rule.level) {
    case Level::absolute:
      absolute = true;
      result.reasons.push_back({rule.id, "contraindicated: " + text, rule.source});
      break;
    case Level::temporary:
      temporary = true;
      if (until) {
        text += ": not before " + iso_date(*until);
        result.earliest_start = std::max(result.earliest_start.value_or(*until), *until);
      } else {
        start_unknown = true;
      }
      if (!rule.precaution.empty()) {
        text += "; " + rule.precaution;
      }
      result.reasons.push_back({rule.id, "deferred: " + text, rule.source});
      break;
    case Level::relative:
      result.precautions.push_back({rule.id, text + ": " + rule.precaution, rule.source});
      break;
    }
  }
  if (start_unknown) {
    result.earliest_start.reset(); // one open-ended deferral makes the start unknowable
  }

  const bool treatable = std::any_of(scars.begin(), scars.end(), [](const ScarAssessment& s) {
    return s.response != Response::not_indicated;
  });
  if (!treatable) {
    std::string text = "microneedling is not indicated: ";
    if (scars.empty()) {
      text += "no scars are recorded";
    } else {
      text += "no scar group is a depressed (atrophic) scar";
      for (const auto& scar : scars) {
        if (!scar.adjunct_note.empty() && text.find(scar.adjunct_note) == std::string::npos) {
          text += "; " + std::string(human_name(scar.scar_class)) + ": " + scar.adjunct_note;
        }
      }
    }
    result.reasons.push_back(
        {"not_indicated",
         text,
         protocol.classes[static_cast<std::size_t>(ScarClass::macular)].source});
  }

  if (absolute) {
    result.status = Status::not_eligible;
  } else if (!treatable) {
    result.status = Status::not_indicated;
  } else if (temporary) {
    result.status = Status::deferred;
  }
  if (result.status != Status::deferred) {
    result.earliest_start.reset();
  }
  return result;
}

} // namespace scarplan
