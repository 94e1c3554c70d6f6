#include <scarplan/eligibility/eligibility.hpp>
#include <scarplan/read/free_text.hpp>
#include <scarplan/util/dates.hpp>
#include <scarplan/util/text.hpp>

#include <algorithm>

namespace scarplan {

namespace {

std::vector<TextMatch>
read_all(const std::vector<std::string>& entries,
         const std::vector<VocabularyClass>& vocabulary,
         const ReadingRules& rules)
{
  std::vector<TextMatch> out;
  out.reserve(entries.size());
  for (const auto& entry : entries) {
    out.push_back(read_free_text(entry, vocabulary, rules));
  }
  return out;
}

// "'Acutane' read as Accutane (isotretinoin)": what an approximate reading assumed.
std::string
read_as(const TextMatch& match, const Reading& reading)
{
  return "\"" + reading.written + "\" in \"" + match.text + "\" read as " +
         std::string(reading.matched) + " (" + std::string(reading.class_name) + ")";
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
        const Eligibility& read,
        const Protocol& protocol,
        date::sys_days today)
{
  const History& history = patient.history;
  const std::vector<TextMatch>& medications = read.medications;
  const auto when = [](bool applied, std::string detail = "") -> std::optional<Trigger> {
    if (!applied) {
      return std::nullopt;
    }
    return Trigger{detail.empty() ? std::vector<std::string>{} : std::vector<std::string>{detail},
                   std::nullopt};
  };
  if (!rule.flag.empty()) {
    // The [history] boolean, or a skin condition written in words that stand for it.
    std::vector<std::string> written;
    for (const TextMatch& condition : read.conditions) {
      if (std::any_of(
              condition.readings.begin(), condition.readings.end(), [&](const Reading& reading) {
                const VocabularyClass* c = find_class(protocol.conditions, reading.class_name);
                return c && c->flag == rule.flag;
              })) {
        written.push_back(condition.text);
      }
    }
    if (written.empty()) {
      return when(history.has(rule.flag));
    }
    return when(true, join(written, ", "));
  }
  if (rule.approximate_reading) {
    std::vector<std::string> details;
    for (const auto* list : {&read.medications, &read.conditions}) {
      for (const TextMatch& match : *list) {
        for (const Reading& reading : match.readings) {
          if (reading.how == How::approximate) {
            details.push_back(read_as(match, reading));
          }
        }
      }
    }
    return details.empty() ? std::nullopt : std::optional<Trigger>(Trigger{details, std::nullopt});
  }
  if (!rule.medication_class.empty() || rule.unknown_medication) {
    if (!rule.unless_date.empty() && history.date_of(rule.unless_date)) {
      return std::nullopt; // a course with its last dose recorded: the rules of that date apply
    }
    std::string after;
    if (!rule.after_date.empty()) {
      const auto& day = history.date_of(rule.after_date);
      if (!day || waiting_after(protocol, history, rule.after_date, today)) {
        return std::nullopt; // no date, or its wait still runs: the date's own rule applies
      }
      after = rule.after_date + " " + iso_date(*day);
    }
    std::vector<std::string> matches;
    for (const auto& medication : medications) {
      const bool hit = rule.unknown_medication ? medication.readings.empty()
                                               : medication.names(rule.medication_class);
      if (hit) {
        matches.push_back(medication.text);
      }
      if (rule.unknown_medication) { // a part of a list that no class names
        for (const auto& part : medication.unknown_parts) {
          matches.push_back("\"" + part + "\" in \"" + medication.text + "\"");
        }
      }
    }
    if (matches.empty()) {
      return std::nullopt;
    }
    if (rule.unknown_medication) {
      return Trigger{matches, std::nullopt}; // one finding each: each is its own question
    }
    return when(true, join(matches, ", ") + (after.empty() ? "" : "; " + after));
  }
  if (rule.any_skin_condition) {
    // Entries with a part read as no flagged condition: eczema, psoriasis, rosacea, vitiligo, or
    // a word the vocabulary does not know ("psoriasis on elbows; cold sores" keeps the psoriasis).
    std::vector<std::string> generic;
    for (const TextMatch& condition : read.conditions) {
      const bool all_flagged =
          !condition.readings.empty() && condition.unknown_parts.empty() &&
          std::all_of(
              condition.readings.begin(), condition.readings.end(), [&](const Reading& reading) {
                const VocabularyClass* c = find_class(protocol.conditions, reading.class_name);
                return c && !c->flag.empty();
              });
      if (!all_flagged) {
        generic.push_back(condition.text);
      }
    }
    return when(!generic.empty(), join(generic, ", "));
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
    const bool in_area =
        rule.areas.empty() ||
        std::any_of(patient.scars.begin(), patient.scars.end(), [&](const ScarGroup& group) {
          return std::find(rule.areas.begin(), rule.areas.end(), group.area) != rule.areas.end();
        });
    return when(patient.phototype >= rule.phototype_at_least && in_area);
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
  result.medications =
      read_all(patient.history.medications, protocol.medications, protocol.reading);
  result.conditions =
      read_all(patient.history.skin_conditions, protocol.conditions, protocol.reading);
  bool absolute = false;
  bool temporary = false;
  bool start_unknown = false;
  for (const auto& rule : protocol.contraindications) {
    const auto trigger = applies(rule, patient, age, scars, result, protocol, today);
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
