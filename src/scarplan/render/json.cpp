#include <scarplan/render/format.hpp>
#include <scarplan/render/render.hpp>

#include <nlohmann/json.hpp>

namespace scarplan {

namespace {

using Json = nlohmann::ordered_json;

Json
findings(const std::vector<Finding>& items)
{
  Json out = Json::array();
  for (const auto& item : items) {
    out.push_back({{"code", item.code}, {"text", item.text}, {"source", item.source}});
  }
  return out;
}

template<typename Enum>
Json
names(const std::vector<Enum>& values)
{
  Json out = Json::array();
  for (const auto value : values) {
    out.push_back(name_of(value));
  }
  return out;
}

Json
nullable(const std::optional<double>& value)
{
  return value ? Json(*value) : Json(nullptr);
}

Json
class_json(ScarClass scar_class)
{
  const auto subtype = subtype_name(scar_class);
  return {{"type", type_name(scar_class)}, {"subtype", subtype.empty() ? Json(nullptr) : Json(subtype)}};
}

Json
patient_json(const Plan& plan, const RenderOptions& options)
{
  Json patient = {{"id", plan.patient.id}};
  if (options.with_name && !plan.patient.name.empty()) {
    patient["name"] = plan.patient.name;
  }
  patient["age"] = plan.age;
  patient["phototype"] = plan.patient.phototype;
  return patient;
}

Json
scars_json(const Plan& plan)
{
  Json scars = Json::array();
  for (std::size_t i = 0; i < plan.scars.size(); ++i) {
    const ScarGroup& group = plan.patient.scars[i];
    const ScarAssessment& scar = plan.scars[i];
    Json item = {{"area", name_of(group.area)},
                 {"side", group.side == Side::unspecified ? Json(nullptr) : Json(name_of(group.side))},
                 {"count", group.count},
                 {"width_mm", nullable(group.width_mm)},
                 {"depth_mm", nullable(group.depth_mm)},
                 {"raised_mm", group.raised_mm}};
    item.update(class_json(scar.scar_class));
    item["class_source"] = scar.from_file ? "file" : "measurements";
    item["measured"] = scar.measured ? class_json(*scar.measured) : Json(nullptr);
    item["confidence"] = scar.borderline ? "borderline" : "high";
    item["alternative"] = scar.alternative ? class_json(*scar.alternative) : Json(nullptr);
    item["settle_test"] = scar.settle_test.empty() ? Json(nullptr) : Json(scar.settle_test);
    item["response"] = name_of(scar.response);
    item["adjuncts"] = names(scar.adjuncts);
    item["referral"] = scar.adjunct_note.empty() ? Json(nullptr) : Json(scar.adjunct_note);
    item["needle_depth_mm"] = scar.needle_depth_mm > 0 ? Json(scar.needle_depth_mm) : Json(nullptr);
    item["reasons"] = findings(scar.reasons);
    scars.push_back(std::move(item));
  }
  return scars;
}

Json
severity_json(const Plan& plan)
{
  const Severity& severity = plan.severity;
  Json items = Json::array();
  for (const auto& item : severity.score_items) {
    items.push_back({{"lesion", item.lesion},
                     {"points", item.points},
                     {"lesions", item.lesions},
                     {"factor", item.factor},
                     {"factor_basis", item.by_area ? "area" : "count"},
                     {"score", item.score}});
  }
  return {{"grade", severity.grade ? Json(*severity.grade) : Json(nullptr)},
          {"grade_source", severity.grade_from_file ? "file" : "estimated"},
          {"score", severity.score},
          {"score_items", items},
          {"reasons", findings(severity.reasons)}};
}

Json
recommendation_json(const Plan& plan)
{
  const Recommendation& r = plan.recommendation;
  Json depths = Json::array();
  for (const auto& depth : r.depths) {
    depths.push_back({{"zone", name_of(depth.zone)}, {"depth_mm", depth.depth_mm}});
  }
  Json suggested = Json::array();
  for (const auto& advice : r.suggested) {
    suggested.push_back({{"adjunct", name_of(advice.adjunct)}, {"why", advice.why}, {"source", advice.source}});
  }
  return {{"sessions", r.sessions},
          {"sessions_done", r.done},
          {"sessions_remaining", r.remaining},
          {"interval_days", r.interval_days},
          {"interval_window_days", {r.interval_min_days, r.interval_max_days}},
          {"zones", names(r.zones)},
          {"depths", depths},
          {"adjuncts", names(r.requested)},
          {"suggested_adjuncts", suggested},
          {"reasons", findings(r.reasons)}};
}

Json
dated_items(const std::vector<DatedItem>& items)
{
  Json out = Json::array();
  for (const auto& item : items) {
    out.push_back({{"date", iso_date(item.first)}, {"through", iso_date(item.last)}, {"text", item.text}, {"source", item.source}});
  }
  return out;
}

Json
sessions_json(const Plan& plan)
{
  Json sessions = Json::array();
  for (const auto& session : plan.sessions) {
    Json items = Json::array();
    for (const auto& line : session.cost.items) {
      items.push_back({{"code", line.code}, {"label", line.label}, {"amount", money(plan, line.amount)}});
    }
    sessions.push_back({{"number", session.number},
                        {"date", iso_date(session.date)},
                        {"arrive", iso_datetime(session.arrive)},
                        {"start", iso_datetime(session.start)},
                        {"end", iso_datetime(session.end)},
                        {"zones", names(session.zones)},
                        {"depth_mm", session.depth_mm},
                        {"adjuncts", names(session.adjuncts)},
                        {"prep", dated_items(session.prep)},
                        {"recovery", dated_items(session.recovery)},
                        {"cost",
                         {{"items", items},
                          {"subtotal", money(plan, session.cost.subtotal)},
                          {"discount", money(plan, session.cost.discount)},
                          {"tax", money(plan, session.cost.tax)},
                          {"total", money(plan, session.cost.total)}}},
                        {"notes", session.notes}});
  }
  return sessions;
}

Json
costs_json(const Plan& plan)
{
  const Costs& costs = plan.costs;
  Json installments = Json::array();
  for (const auto& installment : costs.installments) {
    installments.push_back({{"due", iso_date(installment.due)}, {"amount", money(plan, installment.amount)}});
  }
  return {{"currency", costs.currency},
          {"package", costs.package},
          {"subtotal", money(plan, costs.subtotal)},
          {"discount", money(plan, costs.discount)},
          {"tax", money(plan, costs.tax)},
          {"total", money(plan, costs.total)},
          {"deposit", money(plan, costs.deposit)},
          {"deposit_due", costs.deposit > 0 ? Json(iso_date(costs.deposit_due)) : Json(nullptr)},
          {"installments", installments}};
}

std::string
dump(const Json& json, const RenderOptions& options)
{
  // Invalid UTF-8 cannot reach here (inputs are checked), but never throw while rendering.
  return json.dump(options.compact ? -1 : 2, ' ', false, Json::error_handler_t::replace) + "\n";
}

} // namespace

std::string
render_json(const Plan& plan, const RenderOptions& options)
{
  Json follow_up = Json::array();
  for (const auto& item : plan.follow_up) {
    follow_up.push_back({{"date", iso_date(item.date)}, {"kind", item.kind}, {"text", item.text}, {"source", item.source}});
  }
  Json json = {{"schema", "scarplan-plan/1"},
               {"reference_day", iso_date(plan.today)},
               {"patient", patient_json(plan, options)},
               {"clinic", {{"name", plan.clinic->name}, {"timezone", plan.clinic->timezone_name}}},
               {"protocol", plan.protocol->name},
               {"scars", scars_json(plan)},
               {"severity", severity_json(plan)},
               {"eligibility",
                {{"status", name_of(plan.eligibility.status)},
                 {"earliest_start", plan.eligibility.earliest_start ? Json(iso_date(*plan.eligibility.earliest_start)) : Json(nullptr)},
                 {"reasons", findings(plan.eligibility.reasons)},
                 {"precautions", findings(plan.eligibility.precautions)}}},
               {"recommendation", recommendation_json(plan)},
               {"sessions", sessions_json(plan)},
               {"follow_up", follow_up},
               {"costs", costs_json(plan)},
               {"notes", plan.notes}};
  return dump(json, options);
}

std::string
render_classification_json(const Plan& plan, const RenderOptions& options)
{
  const Json json = {{"schema", "scarplan-classification/1"},
                     {"reference_day", iso_date(plan.today)},
                     {"patient", patient_json(plan, options)},
                     {"scars", scars_json(plan)},
                     {"severity", severity_json(plan)}};
  return dump(json, options);
}

} // namespace scarplan
