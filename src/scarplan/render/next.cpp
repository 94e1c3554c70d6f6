// `scarplan next`: each patient's next visit and what to do before it, for a front desk.
#include <scarplan/render/format.hpp>
#include <scarplan/render/json_writer.hpp>
#include <scarplan/render/render.hpp>
#include <scarplan/util/text.hpp>

namespace scarplan {

namespace {

// The plan's next dated visit from its reference day: a needling session, or a visit before
// the course (a test spot, a review) when that comes first.
struct NextVisit
{
  const Session* session = nullptr;
  const FollowUp* visit = nullptr;
  date::sys_days date;
};

std::optional<NextVisit>
next_visit(const Plan& plan)
{
  std::optional<NextVisit> next;
  if (!plan.sessions.empty()) {
    next = NextVisit{&plan.sessions.front(), nullptr, plan.sessions.front().date};
  }
  for (const auto& visit : plan.follow_up) {
    if (visit.date >= plan.today && (!next || visit.date < next->date)) {
      next = NextVisit{nullptr, &visit, visit.date};
    }
  }
  return next;
}

// The session's preparation still to come: what to start from which day.
std::vector<const DatedItem*>
prep_to_come(const Plan& plan, const Session& session)
{
  std::vector<const DatedItem*> out;
  for (const auto& item : session.prep) {
    if (item.last >= plan.today) {
      out.push_back(&item);
    }
  }
  return out;
}

} // namespace

std::string
render_next_text(const Plan& plan, const RenderOptions&)
{
  std::string out = plan.patient.id + ": ";
  const auto next = next_visit(plan);
  if (!next) {
    return out + "no visit planned (" + std::string(name_of(plan.eligibility.status)) + ")\n";
  }
  if (next->visit) {
    return out + weekday_date(next->date) + ", " + visit_name(next->visit->kind) + ": " +
           printable(next->visit->text) + "\n";
  }
  const Session& session = *next->session;
  out += weekday_date(session.date) + " " + clock(session.start) + " (arrive " +
         clock(session.arrive) + "), session " + std::to_string(session.number) + " of " +
         std::to_string(plan.recommendation.sessions);
  for (const DatedItem* item : prep_to_come(plan, session)) {
    out += "\n  from " + iso_date(std::max(item->first, plan.today)) + ": " + printable(item->text);
  }
  return out + "\n";
}

std::string
render_next_json(const Plan& plan, const RenderOptions& options)
{
  return write_json(options, [&](auto& writer) {
    const auto string = [&](std::string_view value) { write_string(writer, value); };
    const auto key = [&](std::string_view name) { write_key(writer, name); };
    writer.StartObject();
    key("schema");
    string("scarplan-next/1");
    if (!options.input.empty()) {
      key("input");
      string(options.input);
    }
    key("reference_day");
    string(iso_date(plan.today));
    key("patient_id");
    string(plan.patient.id);
    key("status");
    string(name_of(plan.eligibility.status));
    key("next");
    const auto next = next_visit(plan);
    if (!next) {
      writer.Null();
    } else {
      writer.StartObject();
      key("date");
      string(iso_date(next->date));
      key("kind");
      string(next->visit ? std::string_view(next->visit->kind) : "session");
      if (next->session) {
        key("number");
        writer.Int(next->session->number);
        key("start");
        string(iso_datetime(next->session->start));
        key("arrive");
        string(iso_datetime(next->session->arrive));
        key("prep");
        writer.StartArray();
        for (const DatedItem* item : prep_to_come(plan, *next->session)) {
          writer.StartObject();
          key("from");
          string(iso_date(std::max(item->first, plan.today)));
          key("through");
          string(iso_date(item->last));
          key("text");
          string(item->text);
          writer.EndObject();
        }
        writer.EndArray();
      } else {
        key("text");
        string(next->visit->text);
      }
      writer.EndObject();
    }
    writer.EndObject();
  });
}

} // namespace scarplan
