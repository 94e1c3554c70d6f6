#include <scarplan/render/format.hpp>
#include <scarplan/render/render.hpp>
#include <scarplan/util/text.hpp>

namespace scarplan {

namespace {

// Markdown inline text: characters that would start formatting are escaped.
std::string
md(std::string_view text)
{
  std::string out;
  for (const char c : printable(text)) {
    if (std::string_view("\\`*_{}[]<>()#+-.!|").find(c) != std::string_view::npos) {
      out += '\\';
    }
    out += c;
  }
  return out;
}

std::string
when(const DatedItem& item)
{
  return item.first == item.last ? weekday_date(item.first)
                                 : weekday_date(item.first) + " to " + weekday_date(item.last);
}

} // namespace

std::string
render_markdown(const Plan& plan, const RenderOptions& options)
{
  std::string out = "# Your microneedling plan\n\n";
  out += "Patient " + md(plan.patient.id);
  if (options.with_name && !plan.patient.name.empty()) {
    out += ", " + md(plan.patient.name);
  }
  out += "  \nClinic: " + md(plan.clinic->name) + " (times are local to " +
         md(plan.clinic->timezone_name) + ")  \n";
  out += "Prepared on " + iso_date(plan.today) + "\n\n";

  if (plan.sessions.empty()) {
    out += "## No sessions are planned\n\n";
    for (const auto& reason : plan.eligibility.reasons) {
      out += "- " + md(reason.text) + "\n";
    }
    for (const auto& note : plan.notes) {
      out += "- " + md(note) + "\n";
    }
    return out;
  }

  out += "## Schedule\n\n| # | Date | Arrive | Treatment | Cost (" + plan.costs.currency +
         ") |\n|---|---|---|---|---:|\n";
  for (const auto& session : plan.sessions) {
    out += "| " + std::to_string(session.number) + " | " + weekday_date(session.date) + " | " +
           clock(session.arrive) + " | " + clock(session.start) + "-" + clock(session.end) + " | " +
           money(plan, session.cost.total) + " |\n";
  }
  for (const auto& item : plan.follow_up) {
    out += "| | " + weekday_date(item.date) + " | | " + md(item.text) + " | |\n";
  }

  if (!plan.eligibility.precautions.empty()) {
    out += "\n## Please note\n\n";
    for (const auto& precaution : plan.eligibility.precautions) {
      out += "- " + md(precaution.text) + "\n";
    }
  }

  for (const auto& session : plan.sessions) {
    out += "\n## Session " + std::to_string(session.number) + ": " + weekday_date(session.date) +
           " at " + clock(session.start) + "\n\n";
    if (session.booking) {
      out += "Where: " + md(where_booked(session)) + ".\n\n";
    }
    out += "Arrive at " + clock(session.arrive) + " for the numbing cream.\n\n### Before\n\n";
    for (const auto& item : session.prep) {
      out += "- [ ] " + when(item) + ": " + md(item.text) + "\n";
    }
    out += "\n### After\n\n";
    for (const auto& item : session.recovery) {
      out += "- [ ] " + when(item) + ": " + md(item.text) + "\n";
    }
  }

  const Costs& costs = plan.costs;
  out += "\n## Costs (" + costs.currency + ")\n\n| | Amount |\n|---|---:|\n";
  out += "| Sessions | " + money(plan, costs.subtotal) + " |\n";
  if (costs.discount > 0) {
    out += "| Package discount | -" + money(plan, costs.discount) + " |\n";
  }
  out += "| Tax | " + money(plan, costs.tax) + " |\n";
  out += "| **Total** | **" + money(plan, costs.total) + "** |\n\n";
  if (costs.deposit > 0) {
    out += "Deposit of " + money(plan, costs.deposit) + " due at booking (" +
           iso_date(costs.deposit_due) + ").\n\n";
  }
  out += "Payments:\n\n";
  for (const auto& installment : costs.installments) {
    out += "- " + money(plan, installment.amount) + " on " + weekday_date(installment.due) + "\n";
  }
  return out;
}

} // namespace scarplan
