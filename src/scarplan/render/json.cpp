#include <scarplan/render/format.hpp>
#include <scarplan/render/json_writer.hpp>
#include <scarplan/render/render.hpp>
#include <scarplan/util/byte_scan.hpp>

#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace scarplan {

namespace {

// A streaming writer (RapidJSON's SAX Writer): values go straight into the output buffer with
// no document tree. Building an nlohmann::json tree first cost one heap node per value and made
// up two thirds of a batch's time (callgrind, 10,000 plans); see bench/README.md.
template<typename Writer>
class JsonPlan
{
public:
  JsonPlan(Writer& writer, const Plan& plan, const RenderOptions& options)
      : m_writer(writer), m_plan(plan), m_options(options)
  {
  }

  void plan();
  void classification();
  void progress_document();

private:
  // ---- scalar and structural helpers ----
  void key(std::string_view name) { write_key(m_writer, name); }
  void string(std::string_view text) { write_string(m_writer, text); }
  void nullable(std::string_view text) { text.empty() ? (void)m_writer.Null() : string(text); }
  void nullable(const std::optional<double>& value)
  {
    value ? (void)m_writer.Double(*value) : (void)m_writer.Null();
  }
  template<typename Value>
  void nullable_field(std::string_view name, const Value& value)
  {
    key(name);
    nullable(value);
  }
  void number(int value) { m_writer.Int(value); }
  void number(double value) { m_writer.Double(value); }
  void boolean(bool value) { m_writer.Bool(value); }
  void money_field(std::string_view name, MinorUnits amount)
  {
    key(name);
    string(scarplan::money(m_plan, amount));
  }
  // subtotal, discount, tax and total: a session's or the course's.
  template<typename Amounts>
  void totals(const Amounts& amounts)
  {
    money_field("subtotal", amounts.subtotal);
    money_field("discount", amounts.discount);
    money_field("tax", amounts.tax);
    money_field("total", amounts.total);
  }
  template<typename Value>
  void field(std::string_view name, const Value& value)
  {
    key(name);
    write(value);
  }
  void write(std::string_view text) { string(text); }
  void write(const std::string& text) { string(text); }
  void write(const char* text) { string(text); }
  void write(int value) { number(value); }
  void write(double value) { number(value); }
  void write(bool value) { boolean(value); }
  template<typename Enum>
  void names(std::string_view name, const std::vector<Enum>& values)
  {
    key(name);
    m_writer.StartArray();
    for (const auto value : values) {
      string(name_of(value));
    }
    m_writer.EndArray();
  }
  void texts(std::string_view name, const std::vector<std::string>& values)
  {
    key(name);
    m_writer.StartArray();
    for (const auto& value : values) {
      string(value);
    }
    m_writer.EndArray();
  }
  void source(std::string_view text)
  {
    if (m_options.explain) {
      field("source", text);
    }
  }
  void scar_class(std::string_view name, const std::optional<ScarClass>& value)
  {
    key(name);
    if (!value) {
      m_writer.Null();
      return;
    }
    m_writer.StartObject();
    field("type", type_name(*value));
    nullable_field("subtype", subtype_name(*value));
    m_writer.EndObject();
  }

  // ---- parts of the plan ----
  void findings(std::string_view name, const std::vector<Finding>& items);
  void text_matches(std::string_view name, const std::vector<TextMatch>& items);
  void area_depths(const std::vector<AreaDepth>& depths)
  {
    key("depths");
    m_writer.StartArray();
    for (const auto& depth : depths) {
      m_writer.StartObject();
      field("area", name_of(depth.area));
      field("zone", name_of(zone_of(depth.area)));
      field("depth_mm", depth.depth_mm);
      m_writer.EndObject();
    }
    m_writer.EndArray();
  }
  void dated_items(std::string_view name, const std::vector<DatedItem>& items);
  void input()
  {
    if (!m_options.input.empty()) {
      field("input", m_options.input);
    }
  }
  void patient();
  void scars();
  void sessions_done();
  void severity();
  void eligibility();
  void recommendation();
  void sessions();
  void follow_up();
  void costs();
  void progress();

  Writer& m_writer;
  const Plan& m_plan;
  const RenderOptions& m_options;
};

template<typename Writer>
void
JsonPlan<Writer>::findings(std::string_view name, const std::vector<Finding>& items)
{
  key(name);
  m_writer.StartArray();
  for (const auto& item : items) {
    m_writer.StartObject();
    field("code", item.code);
    field("text", item.text);
    source(item.source);
    m_writer.EndObject();
  }
  m_writer.EndArray();
}

template<typename Writer>
void
JsonPlan<Writer>::dated_items(std::string_view name, const std::vector<DatedItem>& items)
{
  key(name);
  m_writer.StartArray();
  for (const auto& item : items) {
    m_writer.StartObject();
    field("date", iso_date(item.first));
    field("through", iso_date(item.last));
    field("text", item.text);
    source(item.source);
    m_writer.EndObject();
  }
  m_writer.EndArray();
}

template<typename Writer>
void
JsonPlan<Writer>::patient()
{
  key("patient");
  m_writer.StartObject();
  field("id", m_plan.patient.id);
  if (m_options.with_name && !m_plan.patient.name.empty()) {
    field("name", m_plan.patient.name);
  }
  field("age", m_plan.age);
  field("phototype", m_plan.patient.phototype);
  m_writer.EndObject();
}

template<typename Writer>
void
JsonPlan<Writer>::scars()
{
  key("scars");
  m_writer.StartArray();
  for (std::size_t i = 0; i < m_plan.scars.size(); ++i) {
    const ScarGroup& group = m_plan.patient.scars[i];
    const ScarAssessment& scar = m_plan.scars[i];
    m_writer.StartObject();
    field("area", name_of(group.area));
    nullable_field("side", name_of(group.side));
    field("count", group.count);
    nullable_field("width_mm", group.width_mm);
    nullable_field("depth_mm", group.depth_mm);
    field("raised_mm", group.raised_mm);
    field("type", type_name(scar.scar_class));
    nullable_field("subtype", subtype_name(scar.scar_class));
    field("class_source", scar.from_file ? "file" : "measurements");
    scar_class("measured", scar.measured);
    field("confidence", scar.borderline ? "borderline" : "high");
    scar_class("alternative", scar.alternative);
    nullable_field("settle_test", scar.settle_test);
    field("response", name_of(scar.response));
    names("adjuncts", scar.adjuncts);
    nullable_field("referral", scar.adjunct_note);
    nullable_field("needle_depth_mm",
                   scar.needle_depth_mm > 0 ? std::optional<double>(scar.needle_depth_mm)
                                            : std::nullopt);
    nullable_field("note", group.note);
    findings("reasons", scar.reasons);
    m_writer.EndObject();
  }
  m_writer.EndArray();
}

template<typename Writer>
void
JsonPlan<Writer>::sessions_done()
{
  key("sessions_done");
  m_writer.StartArray();
  for (const auto& done : m_plan.patient.sessions_done) {
    m_writer.StartObject();
    field("date", iso_date(done.date));
    nullable_field("depth_mm", done.depth_mm);
    nullable_field("note", done.note);
    m_writer.EndObject();
  }
  m_writer.EndArray();
}

template<typename Writer>
void
JsonPlan<Writer>::severity()
{
  const Severity& severity = m_plan.severity;
  key("severity");
  m_writer.StartObject();
  key("grade");
  severity.grade ? (void)number(*severity.grade) : (void)m_writer.Null();
  field("grade_source", severity.grade_from_file ? "file" : "estimated");
  field("needs_confirmation", severity.needs_confirmation);
  field("score", severity.score);
  key("score_items");
  m_writer.StartArray();
  for (const auto& item : severity.score_items) {
    m_writer.StartObject();
    field("lesion", item.lesion);
    field("points", item.points);
    field("lesions", item.lesions);
    field("factor", item.factor);
    field("factor_basis", item.by_area ? "area" : "count");
    field("score", item.score);
    m_writer.EndObject();
  }
  m_writer.EndArray();
  findings("reasons", severity.reasons);
  m_writer.EndObject();
}

// Free-text entries and what they were read as; `matched` and `how` are the least certain
// reading (an approximate one first), for scripts that look at one.
template<typename Writer>
void
JsonPlan<Writer>::text_matches(std::string_view name, const std::vector<TextMatch>& items)
{
  key(name);
  m_writer.StartArray();
  for (const auto& item : items) {
    m_writer.StartObject();
    field("text", item.text);
    key("classes");
    m_writer.StartArray();
    for (const auto& reading : item.readings) {
      string(reading.class_name);
    }
    m_writer.EndArray();
    const auto least =
        std::max_element(item.readings.begin(),
                         item.readings.end(),
                         [](const Reading& a, const Reading& b) { return a.how < b.how; });
    nullable_field("matched", least == item.readings.end() ? std::string_view() : least->matched);
    nullable_field("how", least == item.readings.end() ? std::string_view() : name_of(least->how));
    key("readings");
    m_writer.StartArray();
    for (const auto& reading : item.readings) {
      m_writer.StartObject();
      field("class", reading.class_name);
      field("matched", reading.matched);
      field("written", reading.written);
      field("how", name_of(reading.how));
      m_writer.EndObject();
    }
    m_writer.EndArray();
    key("unknown_parts");
    m_writer.StartArray();
    for (const auto& part : item.unknown_parts) {
      string(part);
    }
    m_writer.EndArray();
    m_writer.EndObject();
  }
  m_writer.EndArray();
}

template<typename Writer>
void
JsonPlan<Writer>::eligibility()
{
  const Eligibility& eligibility = m_plan.eligibility;
  key("eligibility");
  m_writer.StartObject();
  field("status", name_of(eligibility.status));
  nullable_field("earliest_start",
                 eligibility.earliest_start ? iso_date(*eligibility.earliest_start)
                                            : std::string());
  findings("reasons", eligibility.reasons);
  findings("precautions", eligibility.precautions);
  text_matches("medications", eligibility.medications);
  text_matches("conditions", eligibility.conditions);
  m_writer.EndObject();
}

template<typename Writer>
void
JsonPlan<Writer>::recommendation()
{
  const Recommendation& r = m_plan.recommendation;
  key("recommendation");
  m_writer.StartObject();
  field("sessions", r.sessions);
  field("sessions_done", r.done);
  field("sessions_remaining", r.remaining);
  field("interval_days", r.interval_days);
  key("interval_window_days");
  m_writer.StartArray();
  number(r.interval_min_days);
  number(r.interval_max_days);
  m_writer.EndArray();
  names("zones", r.zones());
  area_depths(r.depths);
  field("approach", name_of(r.approach));
  names("adjuncts", r.requested);
  key("suggested_adjuncts");
  m_writer.StartArray();
  for (const auto& advice : r.suggested) {
    m_writer.StartObject();
    field("adjunct", name_of(advice.adjunct));
    field("why", advice.why);
    source(advice.source);
    m_writer.EndObject();
  }
  m_writer.EndArray();
  findings("notices", r.notices);
  findings("reasons", r.reasons);
  m_writer.EndObject();
}

template<typename Writer>
void
JsonPlan<Writer>::sessions()
{
  key("sessions");
  m_writer.StartArray();
  for (const auto& session : m_plan.sessions) {
    m_writer.StartObject();
    field("number", session.number);
    field("date", iso_date(session.date));
    field("arrive", iso_datetime(session.arrive));
    field("start", iso_datetime(session.start));
    field("end", iso_datetime(session.end));
    names("zones", session.zones);
    area_depths(session.depths);
    names("adjuncts", session.adjuncts);
    nullable_field("depends_on", session.depends_on);
    dated_items("prep", session.prep);
    dated_items("recovery", session.recovery);
    key("cost");
    m_writer.StartObject();
    key("items");
    m_writer.StartArray();
    for (const auto& line : session.cost.items) {
      m_writer.StartObject();
      field("code", line.code);
      field("label", line.label);
      money_field("amount", line.amount);
      m_writer.EndObject();
    }
    m_writer.EndArray();
    totals(session.cost);
    m_writer.EndObject();
    texts("notes", session.notes);
    if (session.booking) { // scarplan book: where it is, and how far it moved
      const Booking& booking = *session.booking;
      key("booking");
      m_writer.StartObject();
      nullable_field("room", booking.room);
      nullable_field("practitioner", booking.practitioner);
      field("target_date", iso_date(booking.target));
      field("moved_days", booking.moved_days);
      field("inside_window", booking.inside_window);
      nullable_field("why", booking.why);
      m_writer.EndObject();
    }
    m_writer.EndObject();
  }
  m_writer.EndArray();
}

template<typename Writer>
void
JsonPlan<Writer>::follow_up()
{
  key("follow_up");
  m_writer.StartArray();
  for (const auto& visit : m_plan.follow_up) {
    m_writer.StartObject();
    field("date", iso_date(visit.date));
    field("kind", visit.kind);
    field("text", visit.text);
    source(visit.source);
    m_writer.EndObject();
  }
  m_writer.EndArray();
}

template<typename Writer>
void
JsonPlan<Writer>::costs()
{
  const Costs& costs = m_plan.costs;
  key("costs");
  m_writer.StartObject();
  field("currency", costs.currency);
  field("package", costs.package);
  totals(costs);
  money_field("deposit", costs.deposit);
  nullable_field("deposit_due", costs.deposit > 0 ? iso_date(costs.deposit_due) : std::string());
  key("installments");
  m_writer.StartArray();
  for (const auto& installment : costs.installments) {
    m_writer.StartObject();
    field("due", iso_date(installment.due));
    money_field("amount", installment.amount);
    m_writer.EndObject();
  }
  m_writer.EndArray();
  m_writer.EndObject();
}

template<typename Writer>
void
JsonPlan<Writer>::plan()
{
  m_writer.StartObject();
  field("schema", "scarplan-plan/1");
  input();
  field("reference_day", iso_date(m_plan.today));
  patient();
  key("clinic");
  m_writer.StartObject();
  field("name", m_plan.clinic->name);
  field("timezone", m_plan.clinic->timezone_name);
  m_writer.EndObject();
  field("protocol", m_plan.protocol->name);
  scars();
  severity();
  eligibility();
  recommendation();
  if (m_plan.progress.followed) {
    progress();
  }
  sessions_done();
  sessions();
  follow_up();
  costs();
  texts("notes", m_plan.notes);
  m_writer.EndObject();
}

template<typename Writer>
void
JsonPlan<Writer>::progress()
{
  const Progress& p = m_plan.progress;
  key("progress");
  m_writer.StartObject();
  field("verdict", name_of(p.verdict));
  field("baseline_from_plan", p.baseline_from_plan);
  key("visits");
  m_writer.StartArray();
  for (const auto& visit : p.visits) {
    m_writer.StartObject();
    nullable_field("date", visit.date ? iso_date(*visit.date) : std::string());
    field("score", visit.score);
    field("score_from", visit.computed ? "groups" : "given");
    key("goodman_grade");
    visit.grade ? number(*visit.grade) : (void)m_writer.Null();
    nullable_field("patient_rating", visit.rating);
    field("sessions_before", visit.sessions_before);
    field("sessions_since_previous", visit.sessions_since_previous);
    field("change_points", visit.change_points);
    nullable_field("change_percent", visit.change_percent); // one decimal already
    nullable_field("note", visit.note);
    m_writer.EndObject();
  }
  m_writer.EndArray();
  findings("reasons", p.reasons);
  m_writer.EndObject();
}

template<typename Writer>
void
JsonPlan<Writer>::progress_document()
{
  m_writer.StartObject();
  field("schema", "scarplan-progress/1");
  input();
  field("reference_day", iso_date(m_plan.today));
  patient();
  field("status", name_of(m_plan.eligibility.status));
  progress();
  recommendation();
  sessions_done();
  m_writer.EndObject();
}

template<typename Writer>
void
JsonPlan<Writer>::classification()
{
  m_writer.StartObject();
  field("schema", "scarplan-classification/1");
  input();
  field("reference_day", iso_date(m_plan.today));
  patient();
  scars();
  severity();
  m_writer.EndObject();
}

} // namespace

std::string
render_error_json(std::string_view input,
                  const std::vector<Diagnostic>& problems,
                  std::string_view message,
                  const RenderOptions& options)
{
  return write_json(options, [&](auto& writer) {
    const auto text = [&](std::string_view value) { write_string(writer, value); };
    const auto key = [&](std::string_view name) { write_key(writer, name); };
    writer.StartObject();
    key("schema");
    text("scarplan-error/1");
    key("input");
    text(input);
    key("error");
    writer.StartObject();
    key("problems");
    writer.StartArray();
    const auto problem = [&](const SourcePos& pos, std::string_view name, std::string_view what) {
      writer.StartObject();
      key("line");
      pos.line > 0 ? (void)writer.Uint(pos.line) : (void)writer.Null();
      key("column");
      pos.line > 0 ? (void)writer.Uint(pos.column) : (void)writer.Null();
      key("key");
      name.empty() ? (void)writer.Null() : text(name);
      key("message");
      text(what);
      writer.EndObject();
    };
    for (const auto& item : problems) {
      problem(item.pos, item.key, item.message);
    }
    if (!message.empty()) {
      problem({}, "", message);
    }
    writer.EndArray();
    writer.EndObject();
    writer.EndObject();
  });
}

std::string
render_json(const Plan& plan, const RenderOptions& options)
{
  return write_json(options, [&](auto& writer) {
    JsonPlan<std::decay_t<decltype(writer)>>(writer, plan, options).plan();
  });
}

std::string
render_classification_json(const Plan& plan, const RenderOptions& options)
{
  return write_json(options, [&](auto& writer) {
    JsonPlan<std::decay_t<decltype(writer)>>(writer, plan, options).classification();
  });
}

std::string
render_progress_json(const Plan& plan, const RenderOptions& options)
{
  return write_json(options, [&](auto& writer) {
    JsonPlan<std::decay_t<decltype(writer)>>(writer, plan, options).progress_document();
  });
}

} // namespace scarplan
