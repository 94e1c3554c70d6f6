#include <scarplan/price/price.hpp>
#include <scarplan/util/dates.hpp>

namespace scarplan {

Pricing
price_course(std::vector<Session>& sessions,
             const Patient& patient,
             const Clinic& clinic,
             date::sys_days today)
{
  Pricing out;
  Costs& costs = out.costs;
  costs.currency = clinic.currency;
  costs.digits = clinic.currency_digits;
  costs.deposit_due = today;
  const int count = static_cast<int>(sessions.size());
  costs.package = patient.preferences.package && count >= clinic.package.min_sessions;
  if (patient.preferences.package && !costs.package && count > 0) {
    out.notes.push_back("package price needs at least " +
                        std::to_string(clinic.package.min_sessions) +
                        " sessions bought together; " + std::to_string(count) +
                        " remain, so each is paid on its day");
  }

  for (Session& session : sessions) {
    SessionCost& cost = session.cost;
    for (const Zone zone : session.zones) {
      cost.items.push_back({std::string(name_of(zone)),
                            "microneedling, " + std::string(name_of(zone)),
                            clinic.prices[static_cast<std::size_t>(zone)]});
    }
    for (const Adjunct adjunct : session.adjuncts) {
      const auto& price = clinic.adjunct_prices[static_cast<std::size_t>(adjunct)];
      if (price) {
        cost.items.push_back(
            {std::string(name_of(adjunct)), std::string(human_name(adjunct)), *price});
      } else if (session.number == sessions.front().number) {
        out.notes.push_back("the clinic file has no price for " + std::string(name_of(adjunct)) +
                            ": it is not priced");
      }
    }
    for (const auto& item : cost.items) {
      cost.subtotal += item.amount;
    }
    if (costs.package) {
      cost.discount = percent_of(cost.subtotal, clinic.package.discount_percent);
    }
    cost.tax = percent_of(cost.subtotal - cost.discount, clinic.tax_percent);
    cost.total = cost.subtotal - cost.discount + cost.tax;
    costs.subtotal += cost.subtotal;
    costs.discount += cost.discount;
    costs.tax += cost.tax;
    costs.total += cost.total;
  }

  if (costs.package) {
    // Deposit at booking; the balance in equal installments, the last absorbing the rounding,
    // due on the session days (monthly after the last session if there are more installments).
    costs.deposit = percent_of(costs.total, clinic.package.deposit_percent);
    const MinorUnits balance = costs.total - costs.deposit;
    const int installments = clinic.package.installments;
    const MinorUnits each = balance / installments;
    date::sys_days due = sessions.front().date;
    for (int i = 0; i < installments; ++i) {
      if (i > 0) {
        due = i < count ? sessions[static_cast<std::size_t>(i)].date : add_months(due, 1);
      }
      costs.installments.push_back(
          {due, i + 1 == installments ? balance - each * (installments - 1) : each});
    }
  } else {
    for (const Session& session : sessions) {
      costs.installments.push_back({session.date, session.cost.total});
    }
  }
  return out;
}

} // namespace scarplan
