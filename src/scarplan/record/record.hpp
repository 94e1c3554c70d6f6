#pragma once

#include <scarplan/model/patient.hpp>
#include <scarplan/util/diagnostics.hpp>

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>

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

// `text` as a TOML basic string, quotes included.
std::string toml_string(std::string_view text);

} // namespace scarplan
