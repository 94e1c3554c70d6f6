#include <scarplan/util/money.hpp>

namespace scarplan {

namespace {

constexpr std::int64_t k_max_amount = 1'000'000'000'000'000; // 10^15 minor units

} // namespace

std::int64_t
power_of_ten(int exponent)
{
  std::int64_t value = 1;
  for (int i = 0; i < exponent; ++i) {
    value *= 10;
  }
  return value;
}

std::optional<int>
currency_digits(std::string_view code)
{
  // ISO 4217 active codes and their minor units (list of 2024). Written out because the only
  // Debian source of this table is ICU, a 30 MB dependency for one lookup.
  struct Entry
  {
    std::string_view code;
    int digits;
  };
  static constexpr Entry k_not_two_digits[] = {
      {"BHD", 3}, {"BIF", 0}, {"CLF", 4}, {"CLP", 0}, {"DJF", 0}, {"GNF", 0}, {"IQD", 3},
      {"ISK", 0}, {"JOD", 3}, {"JPY", 0}, {"KMF", 0}, {"KRW", 0}, {"KWD", 3}, {"LYD", 3},
      {"OMR", 3}, {"PYG", 0}, {"RWF", 0}, {"TND", 3}, {"UGX", 0}, {"UYI", 0}, {"UYW", 4},
      {"VND", 0}, {"VUV", 0}, {"XAF", 0}, {"XOF", 0}, {"XPF", 0},
  };
  static constexpr std::string_view k_two_digits[] = {
      "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD",
      "BDT", "BGN", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
      "CDF", "CHF", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DKK", "DOP", "DZD", "EGP",
      "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD",
      "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IRR", "JMD", "KES", "KGS", "KHR",
      "KPW", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "MAD", "MDL", "MGA", "MKD",
      "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN",
      "NIO", "NOK", "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR", "RON",
      "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD",
      "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD",
      "TZS", "UAH", "USD", "UYU", "UZS", "VES", "WST", "XCD", "YER", "ZAR", "ZMW", "ZWL",
  };
  for (const auto& entry : k_not_two_digits) {
    if (entry.code == code) {
      return entry.digits;
    }
  }
  for (const auto two_digit_code : k_two_digits) {
    if (two_digit_code == code) {
      return 2;
    }
  }
  return std::nullopt;
}

std::optional<Decimal>
parse_decimal(std::string_view text, int max_fraction_digits, std::string& error)
{
  const auto fail = [&](std::string message) -> std::optional<Decimal> {
    error = std::move(message);
    return std::nullopt;
  };
  if (text.empty()) {
    return fail("a decimal number such as \"12.50\", found an empty string");
  }
  Decimal value;
  bool seen_point = false;
  int digits_before = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && !seen_point && digits_before > 0 && i + 1 < text.size()) {
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') {
      return fail("a decimal number of digits with an optional '.', such as \"12.50\"");
    }
    if (seen_point) {
      if (++value.scale > max_fraction_digits) {
        return fail("at most " + std::to_string(max_fraction_digits) + " decimal places");
      }
    } else {
      ++digits_before;
    }
    if (value.numerator > (k_max_amount - 9) / 10) {
      return fail("a number below 10^15");
    }
    value.numerator = value.numerator * 10 + (c - '0');
  }
  return value;
}

std::optional<MinorUnits>
parse_money(std::string_view text, int digits, std::string& error)
{
  const auto decimal = parse_decimal(text, digits, error);
  if (!decimal) {
    return std::nullopt;
  }
  const std::int64_t factor = power_of_ten(digits - decimal->scale);
  if (decimal->numerator > k_max_amount / factor) {
    error = "an amount below 10^15 minor units";
    return std::nullopt;
  }
  return decimal->numerator * factor;
}

MinorUnits
percent_of(MinorUnits amount, const Decimal& percent)
{
  // Exact: amount * numerator / (100 * 10^scale), half-up, in 128-bit to rule out overflow.
  __extension__ typedef __int128 Wide; // GCC and Clang; __extension__ keeps -Wpedantic quiet
  const Wide denominator = static_cast<Wide>(100) * power_of_ten(percent.scale);
  const Wide product = static_cast<Wide>(amount) * percent.numerator;
  return static_cast<MinorUnits>((2 * product + denominator) / (2 * denominator));
}

std::string
format_money(MinorUnits amount, int digits)
{
  const bool negative = amount < 0;
  const std::uint64_t magnitude =
      negative ? static_cast<std::uint64_t>(-(amount + 1)) + 1 : static_cast<std::uint64_t>(amount);
  std::string text = std::to_string(magnitude);
  if (digits > 0) {
    if (text.size() <= static_cast<std::size_t>(digits)) {
      text.insert(0, static_cast<std::size_t>(digits) + 1 - text.size(), '0');
    }
    text.insert(text.size() - static_cast<std::size_t>(digits), 1, '.');
  }
  if (negative) {
    text.insert(0, 1, '-');
  }
  return text;
}

std::string
format_decimal(const Decimal& value)
{
  return format_money(value.numerator, value.scale);
}

} // namespace scarplan
