#include <scarplan/load/patient_file.hpp>
#include <scarplan/record/record.hpp>
#include <scarplan/util/dates.hpp>
#include <scarplan/util/text.hpp>

#include <cstdio>

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

Recorded
record_session_done(std::string_view file_text,
                    const std::string& file_name,
                    const SessionDone& session,
                    date::sys_days today)
{
  Recorded result;
  const auto refuse = [&](std::string key, std::string message) {
    result.problems.push_back({file_name, {}, std::move(key), std::move(message)});
    return result;
  };
  Diagnostics diagnostics(file_name);
  const auto patient = load_patient(file_text, today, diagnostics);
  if (!patient) {
    result.problems = diagnostics.items();
    return result;
  }
  const date::sys_days day{session.date};
  if (day > today) {
    return refuse("--date",
                  "expected a date on or before the reference day " + iso_date(today) + ", found " +
                      iso_date(session.date) + " (in the future)");
  }
  if (!patient->sessions_done.empty() && day < date::sys_days{patient->sessions_done.back().date}) {
    return refuse("--date",
                  "expected a date on or after the last session recorded, " +
                      iso_date(patient->sessions_done.back().date) + ", found " +
                      iso_date(session.date));
  }
  // The file's own line ending; a last line without one gets it first, so the entry starts on
  // a line of its own and nothing before it changes.
  const std::string newline = file_text.find("\r\n") != std::string_view::npos ? "\r\n" : "\n";
  std::string text(file_text);
  if (!text.empty() && text.back() != '\n') {
    text += newline;
  }
  text += newline + "[[sessions_done]]" + newline + "date = " + iso_date(session.date) + newline;
  if (session.depth_mm) {
    text += "depth_mm = " + format_number(*session.depth_mm) + newline;
  }
  if (!session.note.empty()) {
    text += "note = " + toml_string(session.note) + newline;
  }
  Diagnostics check(file_name);
  if (!load_patient(text, today, check)) {
    // e.g. a file with `sessions_done = [...]` inline, which an appended table cannot extend
    for (auto item : check.items()) {
      item.message = "the entry cannot be appended: " + item.message;
      result.problems.push_back(std::move(item));
    }
    return result;
  }
  result.text = std::move(text);
  return result;
}

} // namespace scarplan
