#pragma once

#include <scarplan/model/patient.hpp>
#include <scarplan/util/diagnostics.hpp>

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scarplan {

// Recording a visit in a patient file (`scarplan done`): the file's text with one entry
// appended, every byte before it unchanged (comments, BOM, line endings), or the problems that
// refuse it. The stage only edits text; reading and replacing the file is the command's.
struct Recorded
{
  std::optional<std::string> text; // the new file, when the entry may be recorded
  std::vector<Diagnostic> problems;
};

// Appends a [[sessions_done]] entry for `session`: refused for a date after `today`, before the
// last session recorded, a file that is invalid, or one the entry would make invalid.
Recorded record_session_done(std::string_view file_text,
                             const std::string& file_name,
                             const SessionDone& session,
                             date::sys_days today);

// `scarplan assess`: one visit's assessment as given on the command line. Each scar group is a
// list of [[scars]] keys with their values as typed ("area", "cheek"), validated by the loader.
struct AssessmentEntry
{
  date::year_month_day date;
  std::optional<int> goodman_score;
  std::optional<int> goodman_grade;
  std::optional<double> patient_rating;
  std::string note;
  std::vector<std::vector<std::pair<std::string, std::string>>> scars;
};

// Appends an [[assessments]] entry (with its [[assessments.scars]]): refused for a date after
// `today`, on or before the last assessment recorded, and as record_session_done() is.
Recorded record_assessment(std::string_view file_text,
                           const std::string& file_name,
                           const AssessmentEntry& entry,
                           date::sys_days today);

// `text` as a TOML basic string, quotes included.
std::string toml_string(std::string_view text);

} // namespace scarplan
