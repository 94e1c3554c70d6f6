#include <scarplan/classify/classify.hpp>
#include <scarplan/classify/grade.hpp>
#include <scarplan/progress/progress.hpp>
#include <scarplan/util/dates.hpp>
#include <scarplan/util/text.hpp>

#include <algorithm>
#include <cmath>

namespace scarplan {

namespace {

// The score of the groups measured at a visit, graded as the plan's own groups are.
int
computed_score(const std::vector<ScarGroup>& groups, const Protocol& protocol)
{
  Patient measured;
  measured.scars = groups;
  std::vector<ScarAssessment> classified;
  classified.reserve(groups.size());
  for (const auto& group : groups) {
    classified.push_back(classify_scar(group, protocol));
  }
  return grade_severity(measured, classified, protocol).score;
}

int
sessions_before(const Patient& patient, std::optional<date::sys_days> day)
{
  if (!day) {
    return 0;
  }
  // A session on an assessment's day is given after it: the visit measures before needling.
  return static_cast<int>(std::count_if(
      patient.sessions_done.begin(), patient.sessions_done.end(), [&](const SessionDone& s) {
        return date::sys_days{s.date} < *day;
      }));
}

std::string
points(int value)
{
  return std::to_string(value) + (value == 1 || value == -1 ? " point" : " points");
}

std::string
change_text(const VisitScore& from, const VisitScore& to)
{
  return "score " + std::to_string(from.score) + " to " + std::to_string(to.score) + " (" +
         (to.score <= from.score ? "-" : "+") + points(std::abs(to.score - from.score)) + ")";
}

void
judge(Progress& progress,
      const Patient& patient,
      const ProgressRules& rules,
      const std::string& no_baseline)
{
  const auto& visits = progress.visits;
  if (!no_baseline.empty()) {
    progress.verdict = Verdict::not_judged;
    progress.reasons.push_back({"progress_no_baseline", no_baseline, "protocol"});
    return;
  }
  if (visits.size() < 2) {
    progress.verdict = Verdict::baseline;
    progress.reasons.push_back(
        {"progress_baseline", "one score so far: the next assessment is compared with it", ""});
    return;
  }
  if (!rules.present) {
    progress.verdict = Verdict::not_judged;
    progress.reasons.push_back({"progress_not_judged",
                                "the protocol has no [progress] rules: scores shown, no verdict",
                                "protocol"});
    return;
  }
  const VisitScore& base = visits.front();
  const VisitScore& previous = visits[visits.size() - 2];
  const VisitScore& latest = visits.back();
  const int meaningful = rules.meaningful_change_points;
  const std::string meaningful_text =
      points(meaningful) + " (the raters' disagreement on one patient)";
  const auto rule = [&](Verdict verdict, std::string text) {
    progress.verdict = verdict;
    progress.reasons.push_back(
        {"progress_" + std::string(name_of(verdict)), std::move(text), rules.source});
  };

  if (latest.score - base.score >= meaningful || latest.score - previous.score >= meaningful) {
    const VisitScore& from = latest.score - base.score >= meaningful ? base : previous;
    rule(Verdict::worsening,
         "worse: " + change_text(from, latest) + " since " +
             (&from == &base ? "the baseline" : "the previous visit") + ", a rise of at least " +
             meaningful_text + ": stop and review before another session");
    return;
  }
  if (latest.sessions_before == base.sessions_before) {
    rule(Verdict::too_early,
         "no session was given between the baseline and the latest assessment (" +
             change_text(base, latest) + "): the change is not the treatment's");
    return;
  }
  if ((base.score - latest.score) * 100 >= rules.goal_improvement_percent * base.score) {
    rule(Verdict::goal_reached,
         "goal reached: " + change_text(base, latest) + " since the baseline, at least " +
             std::to_string(rules.goal_improvement_percent) +
             "% better: the course may stop early");
    return;
  }
  if (latest.sessions_before >= rules.plateau_after_sessions) {
    // The gain over the last sessions: from the latest visit that came before them.
    const VisitScore* reference = &base;
    for (auto it = visits.rbegin() + 1; it != visits.rend(); ++it) {
      if (it->sessions_before <= latest.sessions_before - rules.plateau_window_sessions) {
        reference = &*it;
        break;
      }
    }
    const int sessions = latest.sessions_before - reference->sessions_before;
    if (reference->score - latest.score < meaningful) {
      rule(Verdict::plateau,
           "plateau: " + change_text(*reference, latest) + " over the last " +
               std::to_string(sessions) + " session" + (sessions == 1 ? "" : "s") + " (" +
               std::to_string(latest.sessions_before) + " given before it), less than " +
               meaningful_text);
      // The gain of needling grows for months after a session: a plateau called soon after one
      // may be premature. Said, not decided: the verdict stands and the practitioner confirms.
      const auto last_session =
          std::find_if(patient.sessions_done.rbegin(),
                       patient.sessions_done.rend(),
                       [&](const SessionDone& s) { return date::sys_days{s.date} < *latest.date; });
      if (last_session != patient.sessions_done.rend()) {
        const int days = (*latest.date - date::sys_days{last_session->date}).count();
        if (days < rules.full_effect_days) {
          progress.reasons.push_back(
              {"progress_plateau_early",
               "judged " + std::to_string(days) +
                   " days after the last session: the gain of needling grows for months, "
                   "confirm at a visit " +
                   std::to_string(rules.full_effect_days) +
                   " days after a session before ending the course",
               rules.source});
        }
      }
      return;
    }
    rule(Verdict::improving,
         "improving: " + change_text(*reference, latest) + " over the last " +
             std::to_string(sessions) + " session" + (sessions == 1 ? "" : "s"));
    return;
  }
  if (base.score - latest.score >= meaningful) {
    rule(Verdict::improving, "improving: " + change_text(base, latest) + " since the baseline");
    return;
  }
  rule(Verdict::too_early,
       "no change beyond " + meaningful_text + " yet (" + change_text(base, latest) +
           "); a plateau is judged after " + std::to_string(rules.plateau_after_sessions) +
           " sessions");
}

} // namespace

Progress
follow_course(const Patient& patient, int plan_score, const Protocol& protocol)
{
  Progress progress;
  progress.followed = !patient.assessments.empty();
  const bool assessed_before_course =
      progress.followed &&
      (patient.sessions_done.empty() || date::sys_days{patient.assessments.front().date} <=
                                            date::sys_days{patient.sessions_done.front().date});
  if (!assessed_before_course) {
    progress.baseline_from_plan = true;
    VisitScore baseline;
    if (patient.assessed_on) {
      baseline.date = date::sys_days{*patient.assessed_on};
    }
    baseline.score = plan_score;
    baseline.computed = true;
    baseline.grade = patient.goodman_grade;
    baseline.sessions_before = sessions_before(patient, baseline.date);
    progress.visits.push_back(baseline);
  }
  for (const auto& assessment : patient.assessments) {
    VisitScore visit;
    visit.date = date::sys_days{assessment.date};
    visit.computed = !assessment.goodman_score;
    visit.score = assessment.goodman_score.value_or(0);
    if (visit.computed) {
      visit.score = computed_score(assessment.scars, protocol);
    }
    visit.grade = assessment.goodman_grade;
    visit.rating = assessment.patient_rating;
    visit.sessions_before = sessions_before(patient, visit.date);
    visit.note = assessment.note;
    progress.visits.push_back(std::move(visit));
  }
  const int base = progress.visits.front().score;
  for (std::size_t i = 0; i < progress.visits.size(); ++i) {
    VisitScore& visit = progress.visits[i];
    visit.sessions_since_previous =
        visit.sessions_before - (i == 0 ? 0 : progress.visits[i - 1].sessions_before);
    visit.change_points = visit.score - base;
    if (base > 0) { // one decimal, as every format shows it
      visit.change_percent = std::round(1000.0 * visit.change_points / base) / 10.0;
    }
  }
  // A change needs a baseline taken before the course, with something to measure.
  std::string no_baseline;
  const auto& done = patient.sessions_done;
  if (progress.baseline_from_plan && !done.empty() &&
      (!patient.assessed_on ||
       date::sys_days{*patient.assessed_on} > date::sys_days{done.front().date})) {
    no_baseline = "no assessment before the first session: record one, or date the plan's "
                  "[[scars]] ([assessment] assessed_on) on or before " +
                  iso_date(done.front().date);
  } else if (base == 0 && progress.visits.size() > 1) {
    no_baseline = "the baseline scores 0: there is no change to measure against it";
  }
  judge(progress, patient, protocol.progress, no_baseline);
  // A score given by a rater and one computed from measured groups may not agree on the same
  // skin: a change between the two kinds is flagged, never taken silently.
  const auto given = [](const VisitScore& v) { return !v.computed; };
  if (progress.visits.size() > 1 &&
      std::any_of(progress.visits.begin(), progress.visits.end(), given) &&
      !std::all_of(progress.visits.begin(), progress.visits.end(), given)) {
    progress.reasons.push_back({"progress_mixed_scores",
                                "some scores were given and some computed from the groups "
                                "measured: confirm the change with scores taken the same way",
                                protocol.progress.source});
  }
  return progress;
}

void
adapt_to_progress(const Progress& progress,
                  const Protocol& protocol,
                  Eligibility& eligibility,
                  Recommendation& recommendation)
{
  const ProgressRules& rules = protocol.progress;
  const Finding& verdict = progress.reasons.front();
  switch (progress.verdict) {
  case Verdict::worsening:
    // Deferred with no date: no session until a practitioner has reviewed the course.
    eligibility.status = Status::deferred;
    eligibility.earliest_start.reset();
    eligibility.reasons.push_back(verdict);
    break;
  case Verdict::goal_reached:
    recommendation.notices.push_back({verdict.code,
                                      verdict.text + ": no further session planned (" +
                                          std::to_string(recommendation.done) + " of " +
                                          std::to_string(recommendation.sessions) + " given)",
                                      verdict.source});
    recommendation.remaining = 0;
    recommendation.sessions = recommendation.done;
    break;
  case Verdict::plateau: {
    const int kept = std::min(recommendation.remaining, rules.plateau_further_sessions);
    std::string text = verdict.text;
    if (recommendation.remaining > 0) {
      text += ": " + std::to_string(kept) + " further session" + (kept == 1 ? "" : "s") +
              " planned of " + std::to_string(recommendation.remaining) + ", then review";
    }
    const bool adjunct_given = !rules.plateau_adjunct ||
                               std::find(recommendation.requested.begin(),
                                         recommendation.requested.end(),
                                         *rules.plateau_adjunct) != recommendation.requested.end();
    if (adjunct_given || kept == 0) { // an adjunct needs a session left to be given in
      text += "; " + rules.referral_text;
      recommendation.notices.push_back({verdict.code, text, rules.referral_source});
    } else {
      text += "; consider adding " + std::string(human_name(*rules.plateau_adjunct));
      recommendation.notices.push_back({verdict.code, text, verdict.source});
      if (std::none_of(
              recommendation.suggested.begin(),
              recommendation.suggested.end(),
              [&](const AdjunctAdvice& a) { return a.adjunct == *rules.plateau_adjunct; })) {
        recommendation.suggested.push_back({*rules.plateau_adjunct,
                                            "the course has reached a plateau without it",
                                            rules.plateau_adjunct_source});
      }
    }
    recommendation.remaining = kept;
    recommendation.sessions = recommendation.done + kept;
    break;
  }
  case Verdict::baseline:
  case Verdict::too_early:
  case Verdict::improving:
  case Verdict::not_judged:
    return; // the plan goes on unchanged
  }
  // The verdict changed the plan: its caveats (judged too soon, scores of two kinds) go with it.
  recommendation.notices.insert(
      recommendation.notices.end(), progress.reasons.begin() + 1, progress.reasons.end());
}

} // namespace scarplan
