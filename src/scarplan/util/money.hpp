#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace scarplan {

// Money is an integer count of the currency's minor units (cents, fils, yen); never a float.
using MinorUnits = std::int64_t;

// Minor-unit digits of an ISO 4217 currency code (JPY 0, CAD 2, KWD 3), or nullopt if unknown.
std::optional<int> currency_digits(std::string_view code);

// An exact decimal fraction such as "13" or "12.5", kept as numerator / 10^scale.
struct Decimal
{
  std::int64_t numerator = 0;
  int scale = 0;
};

std::int64_t power_of_ten(int exponent);

// Parses "300", "299.99", "0.5" (no sign, no exponent, at most `max_fraction_digits` decimals).
// On failure returns nullopt and sets `error` to what was expected.
std::optional<Decimal>
parse_decimal(std::string_view text, int max_fraction_digits, std::string& error);

// Parses a price in major units into minor units of a currency with `digits` decimals.
std::optional<MinorUnits> parse_money(std::string_view text, int digits, std::string& error);

// amount * percent / 100, rounded half-up to the minor unit (amount is never negative here).
MinorUnits percent_of(MinorUnits amount, const Decimal& percent);

// 30000 with 2 digits -> "300.00"; with 0 digits -> "30000".
std::string format_money(MinorUnits amount, int digits);

// "13", "12.5": the percentage as it was written, normalised.
std::string format_decimal(const Decimal& value);

} // namespace scarplan
