#include <scarplan/load/patient_file.hpp>
#include <scarplan/record/record.hpp>
#include <scarplan/util/dates.hpp>
#include <scarplan/util/text.hpp>

#include <algorithm>
#include <cstdio>
#include <regex>

namespace scarplan {

std::string
toml_string(std::string_view text)
{
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7F) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04X", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

namespace {

// The file's text with `entry` (TOML lines, each without its line break) appended, or why not.
// `check` refuses what the loaded file rules out (a date before the last entry).
template<typename Check>
Recorded
append_entry(std::string_view file_text,
             const std::string& file_name,
             date::sys_days today,
             date::year_month_day day,
             const std::vector<std::string>& entry,
             Check check)
{
  Recorded result;
  Diagnostics diagnostics(file_name);
  const auto patient = load_patient(file_text, today, diagnostics);
  if (!patient) {
    result.problems = diagnostics.items();
    return result;
  }
  const auto refuse = [&](std::string message) {
    result.problems.push_back({file_name, {}, "--date", std::move(message)});
    return result;
  };
  if (date::sys_days{day} > today) {
    return refuse("expected a date on or before the reference day " + iso_date(today) + ", found " +
                  iso_date(day) + " (in the future)");
  }
  if (auto problem = check(*patient)) {
    return refuse(std::move(*problem));
  }
  // The file's own line ending; a last line without one gets it first, so the entry starts on
  // a line of its own and nothing before it changes.
  const std::string newline = file_text.find("\r\n") != std::string_view::npos ? "\r\n" : "\n";
  std::string text(file_text);
  if (!text.empty() && text.back() != '\n') {
    text += newline;
  }
  for (std::size_t i = 0; i < entry.size(); ++i) {
    text += (entry[i].front() == '[' ? newline : "") + entry[i] + newline;
  }
  Diagnostics reloaded(file_name);
  if (!load_patient(text, today, reloaded)) {
    // e.g. a file with `sessions_done = [...]` inline, which an appended table cannot extend
    const auto lines =
        static_cast<std::size_t>(std::count(file_text.begin(), file_text.end(), '\n'));
    for (auto item : reloaded.items()) {
      if (item.pos.line > lines + 1) {
        item.pos = {}; // in the entry, which is not in the file: its key path names it
      }
      item.message = "the entry cannot be appended: " + item.message;
      result.problems.push_back(std::move(item));
    }
    return result;
  }
  result.text = std::move(text);
  return result;
}

// A value as typed on the command line, as TOML: numbers and booleans as they are, the rest a
// string (the loader then says what the key expects).
std::string
toml_value(const std::string& value)
{
  // Only what TOML reads as a decimal integer or float is written bare ("5", "0.3", "-1"):
  // ".5", "5." or "08" are quoted, and the loader then names the key and what it expects.
  static const std::regex k_number(R"([+-]?(0|[1-9][0-9]*)(\.[0-9]+)?)");
  const bool boolean = value == "true" || value == "false";
  return boolean || std::regex_match(value, k_number) ? value : toml_string(value);
}

// Why a visit on `day` cannot be true of `patient`: a day before the patient was born.
std::optional<std::string>
before_birth(const Patient& patient, date::year_month_day day)
{
  if (date::sys_days{day} >= date::sys_days{patient.birth_date}) {
    return std::nullopt;
  }
  return "expected a date on or after the patient's birth date, " + iso_date(patient.birth_date) +
         ", found " + iso_date(day);
}

} // namespace

Recorded
record_session_done(std::string_view file_text,
                    const std::string& file_name,
                    const SessionDone& session,
                    date::sys_days today)
{
  std::vector<std::string> entry = {"[[sessions_done]]", "date = " + iso_date(session.date)};
  if (session.depth_mm) {
    entry.push_back("depth_mm = " + format_number(*session.depth_mm));
  }
  if (!session.note.empty()) {
    entry.push_back("note = " + toml_string(session.note));
  }
  return append_entry(
      file_text,
      file_name,
      today,
      session.date,
      entry,
      [&](const Patient& patient) -> std::optional<std::string> {
        if (auto problem = before_birth(patient, session.date)) {
          return problem;
        }
        const auto& given = patient.sessions_done;
        const auto same_day = std::find_if(given.begin(), given.end(), [&](const SessionDone& s) {
          return s.date == session.date;
        });
        if (same_day != given.end()) {
          // One session a day: a second entry is a record made twice, not a second session.
          return "expected a date with no session recorded, found " + iso_date(session.date) +
                 ", the date of session " + std::to_string(same_day - given.begin() + 1);
        }
        if (!given.empty() && date::sys_days{session.date} < date::sys_days{given.back().date}) {
          return "expected a date on or after the last session recorded, " +
                 iso_date(given.back().date) + ", found " + iso_date(session.date);
        }
        if (patient.assessed_on &&
            date::sys_days{session.date} < date::sys_days{*patient.assessed_on}) {
          // Treatment follows the examination that decided it.
          return "expected a date on or after the assessment ([assessment].assessed_on " +
                 iso_date(*patient.assessed_on) + "), found " + iso_date(session.date);
        }
        return std::nullopt;
      });
}

Recorded
record_assessment(std::string_view file_text,
                  const std::string& file_name,
                  const AssessmentEntry& assessment,
                  date::sys_days today)
{
  std::vector<std::string> entry = {"[[assessments]]", "date = " + iso_date(assessment.date)};
  if (assessment.goodman_score) {
    entry.push_back("goodman_score = " + std::to_string(*assessment.goodman_score));
  }
  if (assessment.goodman_grade) {
    entry.push_back("goodman_grade = " + std::to_string(*assessment.goodman_grade));
  }
  if (assessment.patient_rating) {
    entry.push_back("patient_rating = " + format_number(*assessment.patient_rating));
  }
  if (!assessment.note.empty()) {
    entry.push_back("note = " + toml_string(assessment.note));
  }
  for (const auto& group : assessment.scars) {
    entry.push_back("[[assessments.scars]]");
    for (const auto& [key, value] : group) {
      entry.push_back(key + " = " + toml_value(value));
    }
  }
  return append_entry(
      file_text, file_name, today, assessment.date, entry, [&](const Patient& patient) {
        std::optional<std::string> problem = before_birth(patient, assessment.date);
        if (!problem && !patient.assessments.empty() &&
            date::sys_days{assessment.date} <= date::sys_days{patient.assessments.back().date}) {
          problem = "expected a date after the last assessment recorded, " +
                    iso_date(patient.assessments.back().date) + ", found " +
                    iso_date(assessment.date);
        }
        return problem;
      });
}

} // namespace scarplan
