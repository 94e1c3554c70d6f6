#pragma once

#include <scarplan/model/names.hpp>
#include <scarplan/util/diagnostics.hpp>

#include <date/date.h>

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace scarplan {

// One [[scars]] group of similar lesions, as written in the patient file.
struct ScarGroup
{
  SourcePos pos;
  Area area = Area::cheek;
  Side side = Side::unspecified;
  int count = 1;
  std::optional<double> width_mm;
  std::optional<double> depth_mm;
  Edges edges = Edges::unknown;
  std::optional<bool> tethered;
  std::optional<bool> distensible;
  double raised_mm = 0.0;
  bool beyond_margin = false;
  std::optional<ScarClass> type; // the practitioner's override (boxcar's subtype from depth)
  std::string note;
};

// The [history] dates, in the order of k_history_date_names.
inline constexpr std::string_view k_history_date_names[] = {
    "isotretinoin_last_dose", // the last dose of an isotretinoin course
    "radiation_on",           // the last radiotherapy to the area
    "filler_or_toxin_on",     // the last filler or botulinum toxin injection in the area
    "surgery_on",             // the last facial surgery or deep resurfacing in the area
};

struct History
{
  std::vector<std::string> flags; // the [history] booleans that are true, e.g. "pregnant"
  std::array<std::optional<date::year_month_day>, std::size(k_history_date_names)> dates;
  std::vector<std::string> skin_conditions;
  std::vector<std::string> medications;

  bool has(std::string_view flag) const;
  const std::optional<date::year_month_day>& date_of(std::string_view name) const;
};

struct Preferences
{
  std::optional<date::year_month_day> start;
  std::optional<std::chrono::minutes> time; // local time of day
  std::vector<Weekday> weekdays;            // empty: any day the clinic is open
  std::vector<Adjunct> adjuncts;
  bool package = false;
  bool with_name_in_calendar = false;
};

struct SessionDone
{
  date::year_month_day date;
  std::optional<double> depth_mm;
  std::string note;
};

// One [[assessments]] entry: the scars as measured at a visit, or their Goodman–Baron
// quantitative score given directly (never both).
struct Assessment
{
  SourcePos pos;
  date::year_month_day date;
  std::optional<int> goodman_score;
  std::optional<int> goodman_grade;
  std::optional<double> patient_rating; // the patient's own 0–10 rating; no validated scale
  std::string note;
  std::vector<ScarGroup> scars;
};

// A validated patient file (format 1).
struct Patient
{
  std::string id;
  SourcePos id_pos;
  std::string name;
  date::year_month_day birth_date;
  int phototype = 1;
  std::optional<int> goodman_grade;
  std::optional<date::year_month_day> assessed_on;
  History history;
  std::vector<ScarGroup> scars;
  Preferences preferences;
  std::vector<SessionDone> sessions_done;
  std::vector<Assessment> assessments; // oldest first
};

} // namespace scarplan
