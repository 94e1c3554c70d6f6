// HL7 FHIR R4: a Bundle (type collection) per plan, for electronic health records. The patient
// is referenced by its id (a Patient resource with the id as identifier, the name only when
// asked); the diagnosis is ICD-10 L90.5; a CarePlan carries the course, one Appointment per
// session (proposed), a ChargeItem its price, a DetectedIssue each contraindication or
// precaution. Resources are named by urn:uuid, name-based UUIDs of the patient id: stable and
// free of personal data, like the calendar's UIDs.
#include <scarplan/render/format.hpp>
#include <scarplan/render/json_writer.hpp>
#include <scarplan/util/uuid.hpp>

namespace scarplan {

namespace {

template<typename Writer>
class FhirBundle
{
public:
  FhirBundle(Writer& writer, const Plan& plan, const RenderOptions& options)
      : m_writer(writer), m_plan(plan), m_options(options)
  {
  }

  void write()
  {
    object([&] {
      field("resourceType", "Bundle");
      field("type", "collection");
      field("timestamp", utc_instant(m_plan.reference_time));
      key("entry");
      m_writer.StartArray();
      entry("patient", [&] { patient(); });
      entry("condition", [&] { condition(); });
      entry("careplan", [&] { care_plan(); });
      issues(m_plan.eligibility.reasons, "reason");
      issues(m_plan.eligibility.precautions, "precaution");
      for (const auto& session : m_plan.sessions) {
        entry("appointment/" + std::to_string(session.number), [&] { appointment(session); });
        entry("charge/" + std::to_string(session.number), [&] { charge(session); });
      }
      m_writer.EndArray();
    });
  }

private:
  // ---- JSON helpers ----
  void key(std::string_view name) { write_key(m_writer, name); }
  void string(std::string_view text) { write_string(m_writer, text); }
  void field(std::string_view name, std::string_view text)
  {
    key(name);
    string(text);
  }
  template<typename Body>
  void object(Body body)
  {
    m_writer.StartObject();
    body();
    m_writer.EndObject();
  }
  template<typename Body>
  void object(std::string_view name, Body body)
  {
    key(name);
    object(body);
  }
  void reference(std::string_view name, std::string_view part)
  {
    object(name, [&] { field("reference", urn(part)); });
  }
  std::string urn(std::string_view part) const
  {
    const UuidText uuid = name_based_uuid(m_plan.patient.id + "/fhir/" + std::string(part));
    return "urn:uuid:" + std::string(uuid.data(), uuid.size());
  }
  template<typename Body>
  void entry(const std::string& part, Body body)
  {
    object([&] {
      field("fullUrl", urn(part));
      object("resource", body);
    });
  }
  static std::string utc_instant(date::sys_seconds time)
  {
    return date::format("%Y-%m-%dT%H:%M:%SZ", time);
  }
  void text_array(std::string_view name, std::string_view text)
  {
    key(name);
    m_writer.StartArray();
    object([&] { field("text", text); });
    m_writer.EndArray();
  }

  // ---- resources ----
  void patient()
  {
    field("resourceType", "Patient");
    key("identifier");
    m_writer.StartArray();
    object([&] {
      field("system", "urn:scarplan:patient-id");
      field("value", m_plan.patient.id);
    });
    m_writer.EndArray();
    if (m_options.with_name && !m_plan.patient.name.empty()) {
      key("name");
      m_writer.StartArray();
      object([&] { field("text", m_plan.patient.name); });
      m_writer.EndArray();
    }
  }

  void condition()
  {
    field("resourceType", "Condition");
    object("clinicalStatus", [&] {
      key("coding");
      m_writer.StartArray();
      object([&] {
        field("system", "http://terminology.hl7.org/CodeSystem/condition-clinical");
        field("code", "active");
      });
      m_writer.EndArray();
    });
    object("code", [&] {
      key("coding");
      m_writer.StartArray();
      object([&] {
        field("system", "http://hl7.org/fhir/sid/icd-10");
        field("code", "L90.5");
        field("display", "Scar conditions and fibrosis of skin");
      });
      m_writer.EndArray();
      field("text", "acne scars");
    });
    reference("subject", "patient");
    if (m_plan.severity.grade) {
      text_array("note",
                 "Goodman-Baron grade " + std::to_string(*m_plan.severity.grade) +
                     (m_plan.severity.grade_from_file ? "" : " (estimated)") +
                     ", quantitative score " + std::to_string(m_plan.severity.score));
    }
  }

  void care_plan()
  {
    const Recommendation& r = m_plan.recommendation;
    field("resourceType", "CarePlan");
    // A plan that can go ahead is active; a deferred one waits (on-hold); one that cannot be
    // carried out at all is revoked.
    const Status status = m_plan.eligibility.status;
    field("status",
          status == Status::eligible   ? "active"
          : status == Status::deferred ? "on-hold"
                                       : "revoked");
    field("intent", "plan");
    field("title", "Microneedling course for acne scars");
    reference("subject", "patient");
    key("addresses");
    m_writer.StartArray();
    object([&] { field("reference", urn("condition")); });
    m_writer.EndArray();
    if (r.sessions > 0) {
      key("activity");
      m_writer.StartArray();
      object([&] {
        object("detail", [&] {
          field("kind", "Appointment");
          object("code", [&] { field("text", "microneedling (percutaneous collagen induction)"); });
          // A course whose sessions are all given (or stopped by its progress) has no
          // timing left: FHIR counts start at 1.
          field("status",
                status == Status::deferred ? "on-hold"
                : r.remaining == 0         ? "completed"
                : m_plan.sessions.empty()  ? "not-started"
                                           : "scheduled");
          if (r.remaining > 0) {
            object("scheduledTiming", [&] {
              object("repeat", [&] {
                key("count");
                m_writer.Int(r.remaining);
                key("period");
                m_writer.Int(r.interval_days);
                field("periodUnit", "d");
              });
            });
          }
          field("description", depths_text(r.depths));
        });
      });
      m_writer.EndArray();
    }
    key("note");
    m_writer.StartArray();
    for (const auto* list :
         {&m_plan.eligibility.reasons, &m_plan.eligibility.precautions, &r.notices}) {
      for (const auto& finding : *list) {
        object([&] { field("text", finding.text); });
      }
    }
    object([&] { field("text", "eligibility: " + std::string(name_of(status))); });
    m_writer.EndArray();
  }

  void issues(const std::vector<Finding>& findings, std::string_view kind)
  {
    for (std::size_t i = 0; i < findings.size(); ++i) {
      const Finding& finding = findings[i];
      entry(std::string(kind) + "/" + std::to_string(i), [&] {
        field("resourceType", "DetectedIssue");
        field("status", "final");
        // A reason bars or defers the course; a precaution asks for care.
        field("severity", kind == "reason" ? "high" : "moderate");
        object("code", [&] {
          key("coding");
          m_writer.StartArray();
          object([&] {
            field("system", "urn:scarplan:finding");
            field("code", finding.code);
          });
          m_writer.EndArray();
        });
        reference("patient", "patient");
        field("detail", finding.text);
      });
    }
  }

  void appointment(const Session& session)
  {
    field("resourceType", "Appointment");
    field("status", "proposed");
    field("description",
          "Microneedling session " + std::to_string(session.number) + " of " +
              std::to_string(m_plan.recommendation.sessions) + ": " + depths_text(session.depths));
    field("start", iso_datetime(session.start));
    field("end", iso_datetime(session.end));
    key("minutesDuration");
    m_writer.Int(static_cast<int>(
        std::chrono::duration_cast<std::chrono::minutes>(session.end.utc - session.start.utc)
            .count()));
    if (!session.depends_on.empty()) {
      field("comment", "depends on the " + visit_name(session.depends_on));
    }
    key("participant");
    m_writer.StartArray();
    object([&] {
      reference("actor", "patient");
      field("status", "needs-action");
    });
    m_writer.EndArray();
  }

  void charge(const Session& session)
  {
    field("resourceType", "ChargeItem");
    field("status", "planned");
    object("code",
           [&] { field("text", "microneedling session " + std::to_string(session.number)); });
    reference("subject", "patient");
    field("occurrenceDateTime", iso_datetime(session.start));
    object("priceOverride", [&] {
      key("value");
      // FHIR decimals are JSON numbers: the exact minor units, as a raw number (no float).
      const std::string amount = money(m_plan, session.cost.total);
      m_writer.RawValue(amount.data(), amount.size(), rapidjson::kNumberType);
      field("currency", m_plan.costs.currency);
    });
    key("note");
    m_writer.StartArray();
    object([&] {
      field("text",
            "subtotal " + money(m_plan, session.cost.subtotal) + ", discount " +
                money(m_plan, session.cost.discount) + ", tax " + money(m_plan, session.cost.tax));
    });
    m_writer.EndArray();
  }

  Writer& m_writer;
  const Plan& m_plan;
  const RenderOptions& m_options;
};

} // namespace

std::string
render_fhir(const Plan& plan, const RenderOptions& options)
{
  return write_json(options, [&](auto& writer) {
    FhirBundle<std::decay_t<decltype(writer)>>(writer, plan, options).write();
  });
}

} // namespace scarplan
