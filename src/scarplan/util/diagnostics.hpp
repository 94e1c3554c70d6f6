#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace scarplan {

// A 1-based position in an input file; line 0 means "the file as a whole".
struct SourcePos
{
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// One problem found in an input or settings file.
struct Diagnostic
{
  std::string file; // as the user named it ("-" is shown as "<stdin>")
  SourcePos pos;
  std::string key; // dotted key path ("scars[0].width_mm"); empty for file-level problems
  std::string message;
};

// "FILE:LINE:COL: key: message", for error records.
std::string format_diagnostic(const Diagnostic& diagnostic);
// The line on stderr, as compilers write it, location first so that editors jump to it:
// "FILE:LINE:COL: error: key: message".
std::string diagnostic_line(const Diagnostic& diagnostic);
// A problem of a whole file, "FILE: error: message"; of none, "scarplan: error: message".
std::string error_line(std::string_view where, std::string_view message);

// Collects every problem of one file so all of them are reported in one run.
class Diagnostics
{
public:
  explicit Diagnostics(std::string file) : m_file(std::move(file)) {}

  void error(SourcePos pos, std::string key, std::string message);
  // A problem of this installation (a missing time-zone file), not of the file itself.
  void installation_error(SourcePos pos, std::string key, std::string message);
  bool installation_broken() const { return m_installation_broken; }
  // Orders the problems as they appear in the file (stable for equal positions).
  void sort_by_position();
  bool empty() const { return m_items.empty(); }
  const std::vector<Diagnostic>& items() const { return m_items; }
  const std::string& file() const { return m_file; }

private:
  std::string m_file;
  std::vector<Diagnostic> m_items;
  bool m_installation_broken = false;
};

} // namespace scarplan
