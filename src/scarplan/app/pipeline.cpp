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

namespace scarplan {

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
    plan.previous_events = *options.previous_events;
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
