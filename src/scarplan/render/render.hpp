#pragma once

#include <scarplan/model/plan.hpp>
#include <scarplan/util/diagnostics.hpp>

#include <string>

namespace scarplan {

enum class Format
{
  text,
  json,
  ics,
  csv,
  md
};
inline constexpr std::string_view k_format_names[] = {"text", "json", "ics", "csv", "md"};
inline constexpr std::string_view k_format_extensions[] = {"txt", "json", "ics", "csv", "md"};

struct RenderOptions
{
  bool explain = false;   // show the rule and source behind every decision
  bool color = false;     // ANSI colour (text only)
  bool with_name = false; // put the patient's name into exported formats
  bool compact = false;   // JSON on one line (JSON Lines)
  std::string_view input; // JSON Lines: the input file each record names ("input")
};

// Renderers only format a finished plan; they decide nothing.
std::string render_text(const Plan& plan, const RenderOptions& options);
std::string render_json(const Plan& plan, const RenderOptions& options);
std::string render_ics(const Plan& plan, const RenderOptions& options);
std::string render_csv(const Plan& plan, const RenderOptions& options, bool header);
// The header row; with_name adds the patient_name column that --with-name fills.
std::string csv_header(bool with_name);
std::string render_markdown(const Plan& plan, const RenderOptions& options);

// `scarplan classify`: the classification and grading with the reason for each call.
std::string render_classification_text(const Plan& plan, const RenderOptions& options);
std::string render_classification_json(const Plan& plan, const RenderOptions& options);

// A JSON Lines record for an input that failed, in its place ("scarplan-error/1"): each problem
// with its line, column, key and message; `message` is a file-level problem, if any.
std::string render_error_json(std::string_view input,
                              const std::vector<Diagnostic>& problems,
                              std::string_view message,
                              const RenderOptions& options);

// Dispatches to the renderer of `format`.
std::string render(Format format, const Plan& plan, const RenderOptions& options);

} // namespace scarplan
