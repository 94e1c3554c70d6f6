#include <scarplan/util/diagnostics.hpp>

#include <algorithm>

namespace scarplan {

std::string
format_diagnostic(const Diagnostic& diagnostic)
{
  std::string out = diagnostic.file;
  if (diagnostic.pos.line > 0) {
    out += ':' + std::to_string(diagnostic.pos.line) + ':' + std::to_string(diagnostic.pos.column);
  }
  out += ": ";
  if (!diagnostic.key.empty()) {
    out += diagnostic.key + ": ";
  }
  out += diagnostic.message;
  return out;
}

std::string
diagnostic_line(const Diagnostic& diagnostic)
{
  std::string where = diagnostic.file;
  if (diagnostic.pos.line > 0) {
    where +=
        ':' + std::to_string(diagnostic.pos.line) + ':' + std::to_string(diagnostic.pos.column);
  }
  return error_line(where,
                    diagnostic.key.empty() ? diagnostic.message
                                           : diagnostic.key + ": " + diagnostic.message);
}

std::string
error_line(std::string_view where, std::string_view message)
{
  return std::string(where.empty() ? "scarplan" : where) + ": error: " + std::string(message);
}

void
Diagnostics::error(SourcePos pos, std::string key, std::string message)
{
  m_items.push_back({m_file, pos, std::move(key), std::move(message)});
}

void
Diagnostics::installation_error(SourcePos pos, std::string key, std::string message)
{
  m_installation_broken = true;
  error(pos, std::move(key), std::move(message));
}

void
Diagnostics::sort_by_position()
{
  std::stable_sort(m_items.begin(), m_items.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.pos.line != b.pos.line ? a.pos.line < b.pos.line : a.pos.column < b.pos.column;
  });
}

} // namespace scarplan
