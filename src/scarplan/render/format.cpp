#include <scarplan/render/format.hpp>

namespace scarplan {

std::string
iso_date(date::sys_days day)
{
  return date::format("%F", day);
}

std::string
weekday_date(date::sys_days day)
{
  return date::format("%a %F", day);
}

std::string
clock(const ClinicTime& time)
{
  return date::format("%H:%M", time.local);
}

std::string
iso_datetime(const ClinicTime& time)
{
  const auto offset = std::chrono::duration_cast<std::chrono::minutes>(time.local - date::local_seconds{time.utc.time_since_epoch()});
  const auto magnitude = offset < std::chrono::minutes{0} ? -offset : offset;
  char suffix[8];
  std::snprintf(suffix,
                sizeof suffix,
                "%c%02d:%02d",
                offset < std::chrono::minutes{0} ? '-' : '+',
                static_cast<int>(magnitude.count() / 60),
                static_cast<int>(magnitude.count() % 60));
  return date::format("%FT%T", time.local) + suffix;
}

std::string
money(const Plan& plan, MinorUnits amount)
{
  return format_money(amount, plan.costs.digits);
}

std::string
phototype_roman(int phototype)
{
  static constexpr std::string_view k_roman[] = {"I", "II", "III", "IV", "V", "VI"};
  return std::string(k_roman[phototype - 1]);
}

std::string
class_label(ScarClass scar_class)
{
  const std::string_view subtype = subtype_name(scar_class);
  if (subtype.empty() || subtype == type_name(scar_class)) {
    return std::string(type_name(scar_class));
  }
  return std::string(type_name(scar_class)) + " (" + std::string(subtype) + ")";
}

std::string
scar_where(const ScarGroup& scar)
{
  std::string out(name_of(scar.area));
  if (scar.side != Side::unspecified) {
    out += " (" + std::string(name_of(scar.side)) + ")";
  }
  return out;
}

int
downtime_days(const Protocol& protocol)
{
  return protocol.recovery.empty() ? 0 : protocol.recovery.front().through;
}

} // namespace scarplan
