#include <scarplan/app/pipeline.hpp>
#include <scarplan/classify/classify.hpp>
#include <scarplan/classify/grade.hpp>
#include <scarplan/eligibility/eligibility.hpp>
#include <scarplan/load/builtin_data.hpp>
#include <scarplan/price/price.hpp>
#include <scarplan/progress/progress.hpp>
#include <scarplan/recommend/recommend.hpp>
#include <scarplan/schedule/schedule.hpp>
#include <scarplan/util/dates.hpp>
#include <scarplan/util/uuid.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace scarplan {

namespace {

// The events of an earlier calendar that this patient's plan could have written, the only ones
// a re-plan may cancel: another patient's (a calendar given to the wrong file) or another
// program's stay as they are. render/ics.cpp names each event by a name-based UUID of the
// patient id and its place in the plan ("session/3", "session/3/prep/5", "follow_up/0"),
// which cannot be read back: every such place is tried, within bounds no plan reaches
// (tests/unit/app_test.cpp checks that a plan's calendar stays within them).
std::vector<PreviousEvent>
own_previous_events(const std::string& patient_id, const std::vector<PreviousEvent>& events)
{
  constexpr int k_sessions = 100;
  constexpr int k_rules = 64;
  constexpr int k_follow_ups = 64;
  std::vector<std::string> uids;
  const auto add = [&](const std::string& key) {
    const UuidText uid = name_based_uuid(patient_id + "/" + key);
    uids.emplace_back(uid.data(), uid.size());
  };
  for (int n = 1; n <= k_sessions; ++n) {
    const std::string session = "session/" + std::to_string(n);
    add(session);
    for (const char* kind : {"/prep/", "/recovery/"}) {
      for (int rule = 0; rule < k_rules; ++rule) {
        add(session + kind + std::to_string(rule));
      }
    }
  }
  for (int i = 0; i < k_follow_ups; ++i) {
    add("follow_up/" + std::to_string(i));
  }
  std::sort(uids.begin(), uids.end());
  std::vector<PreviousEvent> own;
  for (const PreviousEvent& event : events) {
    if (std::binary_search(uids.begin(), uids.end(), event.uid)) {
      own.push_back(event);
    }
  }
  return own;
}

} // namespace

Plan
make_classification(Patient patient, const Settings& settings, const PlanOptions& options)
{
  Plan plan;
  plan.patient = std::move(patient);
  plan.today = options.today;
  plan.reference_time = options.reference_time;
  plan.clinic = &settings.clinic;
  plan.protocol = &settings.protocol;
  plan.age = age_on(plan.patient.birth_date, options.today);
  for (const auto& scar : plan.patient.scars) {
    plan.scars.push_back(classify_scar(scar, settings.protocol));
  }
  plan.severity = grade_severity(plan.patient, plan.scars, settings.protocol);
  return plan;
}

Plan
make_plan(Patient patient, const Settings& settings, const PlanOptions& options)
{
  Plan plan = make_classification(std::move(patient), settings, options);
  plan.eligibility =
      assess_eligibility(plan.patient, plan.age, plan.scars, settings.protocol, options.today);
  plan.recommendation =
      recommend(plan.patient, plan.scars, plan.severity, plan.eligibility, settings.protocol);
  plan.progress = follow_course(plan.patient, plan.severity.score, settings.protocol);
  // The verdict adapts a course that can go on; one that cannot (not eligible) keeps its reasons.
  const Status status = plan.eligibility.status;
  if (plan.progress.followed && (status == Status::eligible || status == Status::deferred)) {
    adapt_to_progress(plan.progress, settings.protocol, plan.eligibility, plan.recommendation);
  }
  Schedule schedule = schedule_course(
      plan.patient,
      plan.recommendation,
      plan.eligibility,
      settings.clinic,
      settings.protocol,
      {options.today, options.start, options.short_prep, options.availability, options.booked});
  plan.sessions = std::move(schedule.sessions);
  plan.follow_up = std::move(schedule.follow_up);
  plan.notes = std::move(schedule.notes);
  // What the schedule had to change about the course is a notice, shown in every format.
  plan.recommendation.notices.insert(plan.recommendation.notices.end(),
                                     std::make_move_iterator(schedule.findings.begin()),
                                     std::make_move_iterator(schedule.findings.end()));
  Pricing pricing = price_course(plan.sessions, plan.patient, settings.clinic, options.today);
  plan.costs = std::move(pricing.costs);
  plan.notes.insert(plan.notes.end(), pricing.notes.begin(), pricing.notes.end());
  if (options.previous_events) {
    plan.previous_events = own_previous_events(plan.patient.id, *options.previous_events);
  }
  if (plan.patient.id == k_template_patient_id) {
    plan.notes.insert(plan.notes.begin(),
                      "the file still holds the template's values (patient id " +
                          std::string(k_template_patient_id) +
                          "): fill in the patient before relying on this plan");
  }
  return plan;
}

} // namespace scarplan
