#include <scarplan/model/names.hpp>

namespace scarplan {

Zone
zone_of(Area area)
{
  switch (area) {
  case Area::neck:
    return Zone::neck;
  case Area::chest:
    return Zone::chest;
  case Area::back:
  case Area::shoulder:
    return Zone::back;
  default:
    return Zone::face;
  }
}

std::string_view
type_name(ScarClass scar_class)
{
  switch (scar_class) {
  case ScarClass::boxcar_shallow:
  case ScarClass::boxcar_deep:
    return "boxcar";
  case ScarClass::hypertrophic:
  case ScarClass::keloid:
    return "raised";
  default:
    return name_of(scar_class);
  }
}

std::string_view
subtype_name(ScarClass scar_class)
{
  switch (scar_class) {
  case ScarClass::boxcar_shallow:
    return "shallow";
  case ScarClass::boxcar_deep:
    return "deep";
  case ScarClass::hypertrophic:
    return "hypertrophic";
  case ScarClass::keloid:
    return "keloid";
  default:
    return "";
  }
}

std::string_view
human_name(ScarClass scar_class)
{
  static constexpr std::string_view k_names[] = {
      "icepick", "shallow boxcar", "deep boxcar", "rolling", "hypertrophic", "keloid", "macular"};
  return k_names[static_cast<int>(scar_class)];
}

std::string_view
human_name(Adjunct adjunct)
{
  static constexpr std::string_view k_names[] = {"platelet-rich plasma (PRP)",
                                                 "subcision",
                                                 "TCA CROSS",
                                                 "punch excision or elevation",
                                                 "topical vitamin C"};
  return k_names[static_cast<int>(adjunct)];
}

} // namespace scarplan
