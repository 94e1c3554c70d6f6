#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace scarplan {

// Every enum below has a table of its names as they appear in files and outputs, indexed by
// the enum's value, so one table serves parsing, messages and rendering.

enum class Area
{
  forehead,
  temple,
  cheek,
  nose,
  perioral,
  chin,
  jawline,
  neck,
  chest,
  back,
  shoulder
};
inline constexpr std::string_view k_area_names[] = {"forehead",
                                                    "temple",
                                                    "cheek",
                                                    "nose",
                                                    "perioral",
                                                    "chin",
                                                    "jawline",
                                                    "neck",
                                                    "chest",
                                                    "back",
                                                    "shoulder"};

// Price and duration zones; spec/clinic-file.md maps each area to one.
enum class Zone
{
  face,
  neck,
  chest,
  back
};
inline constexpr std::string_view k_zone_names[] = {"face", "neck", "chest", "back"};

enum class Side
{
  unspecified,
  left,
  right,
  both
};
inline constexpr std::string_view k_side_names[] = {"", "left", "right", "both"};

enum class Edges
{
  unknown,
  sharp,
  sloped
};
inline constexpr std::string_view k_edges_names[] = {"", "sharp", "sloped"};

// The morphological classes scarplan distinguishes (type and subtype in one).
enum class ScarClass
{
  icepick,
  boxcar_shallow,
  boxcar_deep,
  rolling,
  hypertrophic,
  keloid,
  macular
};
inline constexpr std::string_view k_scar_class_names[] = {
    "icepick", "boxcar_shallow", "boxcar_deep", "rolling", "hypertrophic", "keloid", "macular"};
// The patient file's `type` override names a class without the boxcar depth subtype.
inline constexpr std::string_view k_scar_type_override_names[] = {
    "icepick", "boxcar", "rolling", "hypertrophic", "keloid", "macular"};

enum class Response
{
  good,
  moderate,
  poor,
  not_indicated
};
inline constexpr std::string_view k_response_names[] = {
    "good", "moderate", "poor", "not_indicated"};

enum class Adjunct
{
  prp,
  subcision,
  tca_cross,
  punch,
  vitamin_c
};
inline constexpr std::string_view k_adjunct_names[] = {
    "prp", "subcision", "tca_cross", "punch", "vitamin_c"};
inline constexpr int k_adjunct_count = 5;

enum class Weekday
{
  sun,
  mon,
  tue,
  wed,
  thu,
  fri,
  sat
}; // date::weekday::c_encoding order
inline constexpr std::string_view k_weekday_names[] = {
    "sun", "mon", "tue", "wed", "thu", "fri", "sat"};

template<typename Enum, std::size_t N>
constexpr std::string_view
name_of(Enum value, const std::string_view (&names)[N])
{
  return names[static_cast<std::size_t>(value)];
}

template<typename Enum, std::size_t N>
std::optional<Enum>
parse_name(std::string_view text, const std::string_view (&names)[N])
{
  for (std::size_t i = 0; i < N; ++i) {
    if (!names[i].empty() && names[i] == text) {
      return static_cast<Enum>(i);
    }
  }
  return std::nullopt;
}

template<std::size_t N>
std::vector<std::string_view>
name_list(const std::string_view (&names)[N])
{
  std::vector<std::string_view> out;
  for (const auto name : names) {
    if (!name.empty()) {
      out.push_back(name);
    }
  }
  return out;
}

// The name table of each enum, so one name_of() serves them all.
template<typename Enum>
struct EnumNames;
#define SCARPLAN_ENUM_NAMES(Enum, table)                                                           \
  template<>                                                                                       \
  struct EnumNames<Enum>                                                                           \
  {                                                                                                \
    static constexpr const auto& names = table;                                                    \
  }
SCARPLAN_ENUM_NAMES(Area, k_area_names);
SCARPLAN_ENUM_NAMES(Zone, k_zone_names);
SCARPLAN_ENUM_NAMES(Side, k_side_names);
SCARPLAN_ENUM_NAMES(ScarClass, k_scar_class_names);
SCARPLAN_ENUM_NAMES(Response, k_response_names);
SCARPLAN_ENUM_NAMES(Adjunct, k_adjunct_names);
SCARPLAN_ENUM_NAMES(Weekday, k_weekday_names);

template<typename Enum>
constexpr std::string_view
name_of(Enum value)
{
  return name_of(value, EnumNames<Enum>::names);
}

Zone zone_of(Area area);

// The class as the plan's `type` (icepick|boxcar|rolling|raised|macular) and `subtype`
// (shallow|deep|hypertrophic|keloid, or empty).
std::string_view type_name(ScarClass scar_class);
std::string_view subtype_name(ScarClass scar_class);
// "deep boxcar", "icepick", "keloid": for sentences.
std::string_view human_name(ScarClass scar_class);
// A human name of an adjunct: "platelet-rich plasma (PRP)".
std::string_view human_name(Adjunct adjunct);

} // namespace scarplan
