#include <catch2/catch.hpp>

#include "support.hpp"

using namespace scarplan;
using namespace scarplan::test;

namespace {

// The sums a clinic relies on, to the minor unit.
void
check_sums(const Plan& plan)
{
  const Costs& costs = plan.costs;
  MinorUnits sessions = 0;
  MinorUnits subtotal = 0;
  MinorUnits discount = 0;
  MinorUnits tax = 0;
  for (const auto& session : plan.sessions) {
    MinorUnits items = 0;
    for (const auto& line : session.cost.items) {
      items += line.amount;
    }
    CHECK(session.cost.subtotal == items);
    CHECK(session.cost.total == session.cost.subtotal - session.cost.discount + session.cost.tax);
    sessions += session.cost.total;
    subtotal += session.cost.subtotal;
    discount += session.cost.discount;
    tax += session.cost.tax;
  }
  CHECK(costs.total == sessions);
  CHECK(costs.total == costs.subtotal - costs.discount + costs.tax);
  CHECK(costs.subtotal == subtotal);
  CHECK(costs.discount == discount);
  CHECK(costs.tax == tax);
  MinorUnits paid = costs.deposit;
  for (const auto& installment : costs.installments) {
    paid += installment.amount;
  }
  CHECK(paid == costs.total);
}

std::string
clinic_in(const std::string& currency,
          const std::string& tax,
          const std::string& face,
          const std::string& prp)
{
  std::string text = builtin_clinic_text();
  text = replace(text, "currency = \"CAD\"", "currency = \"" + currency + "\"");
  text = replace(text, "tax_percent = \"13\"", "tax_percent = \"" + tax + "\"");
  text = replace(text, "face = \"300.00\"", "face = \"" + face + "\"");
  text = replace(text, "neck = \"150.00\"", "neck = \"" + face + "\"");
  text = replace(text, "chest = \"250.00\"", "chest = \"" + face + "\"");
  text = replace(text, "back = \"300.00\"", "back = \"" + face + "\"");
  text = replace(text, "prp = \"150.00\"", "prp = \"" + prp + "\"");
  text = replace(text, "subcision = \"200.00\"", "subcision = \"" + prp + "\"");
  text = replace(text, "tca_cross = \"120.00\"", "tca_cross = \"" + prp + "\"");
  text = replace(text, "punch = \"250.00\"", "punch = \"" + prp + "\"");
  text = replace(text, "vitamin_c = \"40.00\"", "vitamin_c = \"" + prp + "\"");
  return text;
}

const std::string k_patient =
    "[patient]\nid = \"T\"\nbirth_date = 1990-01-01\nphototype = 3\n"
    "[preferences]\nadjuncts = [\"prp\", \"subcision\"]\npackage = true\n"
    "[[scars]]\narea = \"cheek\"\ncount = 12\nwidth_mm = 5\ndepth_mm = 0.3\nedges = \"sloped\"\n"
    "[[scars]]\narea = \"neck\"\ncount = 3\nwidth_mm = 5\ndepth_mm = 0.3\nedges = \"sloped\"\n";

} // namespace

TEST_CASE("CAD: each session priced line by line, the package discount, then tax", "[price]")
{
  const Plan plan = plan_of(k_patient);
  REQUIRE(plan.sessions.size() == 4);
  const SessionCost& first = plan.sessions[0].cost;
  REQUIRE(first.items.size() == 4); // face, neck, PRP, subcision (first session only)
  CHECK(first.subtotal == 30000 + 15000 + 15000 + 20000);
  CHECK(first.discount == 8000); // 10%
  CHECK(first.tax == 9360);      // 13% of 720.00
  CHECK(first.total == 81360);
  CHECK(plan.sessions[1].cost.items.size() == 3); // subcision is given once
  CHECK(plan.sessions[1].cost.total == 61020);    // 600.00 - 60.00 + 70.20
  CHECK(plan.costs.total == 81360 + 3 * 61020);
  CHECK(plan.costs.package);
  CHECK(plan.costs.total == 264420);
  CHECK(plan.costs.deposit == 52884); // 20% of 2644.20
  REQUIRE(plan.costs.installments.size() == 3);
  CHECK(plan.costs.installments[0].amount == 70512); // (2644.20 - 528.84) / 3
  CHECK(plan.costs.installments[2].amount == 70512);
  CHECK(plan.costs.installments[1].due == plan.sessions[1].date);
  check_sums(plan);
}

TEST_CASE("JPY has no minor unit", "[price]")
{
  const Plan plan = plan_of(
      k_patient, "2026-11-22", settings_with_clinic(clinic_in("JPY", "10", "33333", "15556")));
  CHECK(plan.costs.digits == 0);
  const SessionCost& second = plan.sessions[1].cost;
  CHECK(second.subtotal == 33333 * 2 + 15556);
  CHECK(second.discount == 8222); // 8222.2
  CHECK(second.tax == 7400);      // 10% of 74000
  // 20% deposit of the total, the balance in three: the last installment absorbs the rest.
  const MinorUnits balance = plan.costs.total - plan.costs.deposit;
  CHECK(balance % 3 != 0); // so the rounding really lands somewhere
  CHECK(plan.costs.installments[0].amount == balance / 3);
  CHECK(plan.costs.installments[2].amount == balance - 2 * (balance / 3));
  check_sums(plan);
}

TEST_CASE("KWD has three decimals, and odd percentages round half-up once per line", "[price]")
{
  const Plan plan = plan_of(
      k_patient, "2026-11-22", settings_with_clinic(clinic_in("KWD", "7.5", "95.125", "40.005")));
  CHECK(plan.costs.digits == 3);
  const SessionCost& second = plan.sessions[1].cost;
  CHECK(second.subtotal == 95125 * 2 + 40005);
  CHECK(second.discount == 23026); // 23025.5 -> half-up
  CHECK(second.tax == 15542);      // 7.5% of 207.229 = 15.542175
  check_sums(plan);
}

TEST_CASE("a course too short for the package is paid per session, with a note", "[price]")
{
  const Plan plan = plan_of(
      k_patient + "[[sessions_done]]\ndate = 2026-10-01\n[[sessions_done]]\ndate = 2026-10-29\n");
  REQUIRE(plan.sessions.size() == 2);
  CHECK_FALSE(plan.costs.package);
  CHECK(plan.costs.discount == 0);
  CHECK(plan.costs.deposit == 0);
  REQUIRE(plan.costs.installments.size() == 2);
  CHECK(plan.costs.installments[0].due == plan.sessions[0].date);
  CHECK_THAT(plan.notes.back(), Catch::Contains("package price needs at least 3"));
  check_sums(plan);
}
