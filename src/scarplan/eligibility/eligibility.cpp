#include <scarplan/eligibility/eligibility.hpp>
#include <scarplan/util/dates.hpp>
#include <scarplan/util/text.hpp>

#include <algorithm>

namespace scarplan {

namespace {

// Whether `words` holds `name` (itself words) as a run: "warfarin 5 mg" holds "warfarin".
bool
contains_run(const std::vector<std::string>& words, const std::vector<std::string>& name)
{
  return std::search(words.begin(), words.end(), name.begin(), name.end()) != words.end();
}

// Matches every listed medication against the vocabulary, by words, ignoring dose, units,
// frequency and punctuation.
std::vector<MedicationMatch>
match_medications(const History& history, const Protocol& protocol)
{
  std::vector<MedicationMatch> out;
  for (const auto& medication : history.medications) {
    MedicationMatch match{medication, {}};
    const auto text_words = words(medication);
    for (const auto& medication_class : protocol.medications) {
      if (std::any_of(medication_class.members.begin(),
                      medication_class.members.end(),
                      [&](const auto& name) { return contains_run(text_words, name); })) {
        match.classes.push_back(medication_class.name);
      }
    }
    out.push_back(std::move(match));
  }
  return out;
}

// What triggered a rule (its detail) and, for a wait, when it ends; nullopt when it does not
// apply. Rules that find several items (medications) give one detail per item.
struct Trigger
{
  std::vector<std::string> details;
  std::optional<date::sys_days> until;
};

// The end of a date rule's period from `day`: its wait (in days or months) or its window.
date::sys_days
period_end(const ContraRule& rule, const date::year_month_day& day)
{
  return rule.wait_days > 0 ? date::sys_days{day} + date::days{rule.wait_days}
                            : add_months(day, std::max(rule.wait_months, rule.within_months));
}

// The end of a wait of `date_key` (as a temporary rule of the protocol gives it) that is still
// running on `today`, if any. A medication listed with a last dose long past is taken again.
std::optional<date::sys_days>
waiting_after(const Protocol& protocol,
              const History& history,
              const std::string& date_key,
              date::sys_days today)
{
  const auto& day = history.date_of(date_key);
  if (!day) {
    return std::nullopt;
  }
  for (const auto& rule : protocol.contraindications) {
    if (rule.date_key == date_key && (rule.wait_months > 0 || rule.wait_days > 0)) {
      const date::sys_days end = period_end(rule, *day);
      if (end > today) {
        return end;
      }
    }
  }
  return std::nullopt;
}

std::optional<Trigger>
applies(const ContraRule& rule,
        const Patient& patient,
        int age,
        const std::vector<ScarAssessment>& scars,
        const std::vector<MedicationMatch>& medications,
        const Protocol& protocol,
        date::sys_days today)
{
  const History& history = patient.history;
  const auto when = [](bool applied, std::string detail = "") -> std::optional<Trigger> {
    if (!applied) {
      return std::nullopt;
    }
    return Trigger{detail.empty() ? std::vector<std::string>{} : std::vector<std::string>{detail},
                   std::nullopt};
  };
  if (!rule.flag.empty()) {
    return when(history.has(rule.flag));
  }
  if (!rule.medication_class.empty() || rule.unknown_medication) {
    if (!rule.unless_date.empty() && waiting_after(protocol, history, rule.unless_date, today)) {
      return std::nullopt; // a course that ended recently: the wait after it applies instead
    }
    std::vector<std::string> matches;
    for (const auto& medication : medications) {
      const bool hit = rule.unknown_medication
                           ? medication.classes.empty()
                           : std::find(medication.classes.begin(),
                                       medication.classes.end(),
                                       rule.medication_class) != medication.classes.end();
      if (hit) {
        matches.push_back(medication.text);
      }
    }
    if (matches.empty()) {
      return std::nullopt;
    }
    if (rule.unknown_medication) {
      return Trigger{matches, std::nullopt}; // one finding each: each is its own question
    }
    return when(true, join(matches, ", "));
  }
  if (rule.any_skin_condition) {
    return when(!history.skin_conditions.empty(), join(history.skin_conditions, ", "));
  }
  if (!rule.date_key.empty()) {
    const auto& day = history.date_of(rule.date_key);
    if (!day) {
      return std::nullopt;
    }
    Trigger trigger{{rule.date_key + " " + iso_date(*day)}, std::nullopt};
    if (rule.wait_months == 0 && rule.wait_days == 0 && rule.within_months == 0) {
      return trigger; // whenever the date is recorded
    }
    const date::sys_days end = period_end(rule, *day);
    if (end <= today) {
      return std::nullopt;
    }
    if (rule.within_months == 0) {
      trigger.until = end;
    }
    return trigger;
  }
  if (rule.phototype_at_least > 0) {
    return when(patient.phototype >= rule.phototype_at_least);
  }
  if (rule.age_under > 0) {
    return when(age < rule.age_under, "age " + std::to_string(age));
  }
  if (rule.scar_present) {
    return when(std::any_of(scars.begin(), scars.end(), [&](const ScarAssessment& s) {
      return s.scar_class == *rule.scar_present;
    }));
  }
  return std::nullopt;
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
  result.medications = match_medications(patient.history, protocol);
  bool absolute = false;
  bool temporary = false;
  bool start_unknown = false;
  for (const auto& rule : protocol.contraindications) {
    const auto trigger = applies(rule, patient, age, scars, result.medications, protocol, today);
    if (!trigger) {
      continue;
    }
    result.applied_rules.push_back(rule.id);
    const std::optional<date::sys_days>& until = trigger->until;
    std::vector<std::string> details = trigger->details;
    if (details.empty()) {
      details.emplace_back();
    }
    for (const auto& detail : details) {
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
