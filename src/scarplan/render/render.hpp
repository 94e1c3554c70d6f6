#pragma once

#include <scarplan/book/book.hpp>
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
  md,
  fhir,
  svg,
  html
};
inline constexpr std::string_view k_format_names[] = {
    "text", "json", "ics", "csv", "md", "fhir", "svg", "html"};
inline constexpr std::string_view k_format_extensions[] = {
    "txt", "json", "ics", "csv", "md", "fhir.json", "svg", "html"};

struct RenderOptions
{
  bool explain = false;         // show the rule and source behind every decision
  bool color = false;           // ANSI colour (text only)
  bool with_name = false;       // put the patient's name into exported formats
  bool compact = false;         // JSON on one line (JSON Lines)
  std::string_view input;       // JSON Lines: the input file each record names ("input")
  bool clinic_calendar = false; // iCalendar: only the sessions, named by patient, for the clinic
};

// `scarplan agenda`: one line of a clinic day, a session or a patient's step that starts then.
struct AgendaEntry
{
  date::sys_days day;
  std::optional<ClinicTime> start; // sessions: their start; steps and visits have none
  std::optional<ClinicTime> arrive;
  std::string patient_id;
  std::string room;
  std::string practitioner;
  std::string kind; // session | prep | follow_up
  std::string text;
};

// Renderers only format a finished plan; they decide nothing.
std::string render_text(const Plan& plan, const RenderOptions& options);
std::string render_json(const Plan& plan, const RenderOptions& options);
std::string render_ics(const Plan& plan, const RenderOptions& options);
// Whether a plan has anything to put in a calendar (a not-eligible plan has not: no .ics,
// unless it cancels the events of an earlier calendar).
bool has_calendar_events(const Plan& plan);
// Several plans to one stream make one VCALENDAR (several back to back are rejected by most
// consumers): its start with the clinic zone's VTIMEZONE over the planning horizon, the events
// of each plan, its end.
inline constexpr int k_ics_stream_horizon_days = 4 * 366;
std::string ics_stream_start(const Clinic& clinic, date::sys_days today);
std::string render_ics_events(const Plan& plan, const RenderOptions& options);
std::string ics_stream_end();
std::string render_csv(const Plan& plan, const RenderOptions& options, bool header);
// The header row; with_name adds the patient_name column that --with-name fills.
std::string csv_header(bool with_name);
std::string render_markdown(const Plan& plan, const RenderOptions& options);
// The patient's handout: one self-contained, printable HTML page (no script, no external
// resource); the name only with `with_name`.
std::string render_html(const Plan& plan, const RenderOptions& options);
// HL7 FHIR R4: a Bundle (type collection) of Patient, Condition, CarePlan, DetectedIssue,
// Appointment and ChargeItem resources.
std::string render_fhir(const Plan& plan, const RenderOptions& options);

// `book --report`: sessions per room and day with their utilisation, and how many sessions sit
// on their target day, inside their window or after it.
std::string render_capacity_text(const CapacityReport& report, const Clinic& clinic);
std::string render_capacity_json(const CapacityReport& report,
                                 const Clinic& clinic,
                                 const RenderOptions& options); // scarplan-capacity/1

// `scarplan classify`: the classification and grading with the reason for each call.
std::string render_classification_text(const Plan& plan, const RenderOptions& options);
std::string render_classification_json(const Plan& plan, const RenderOptions& options);

// A JSON Lines record for an input that failed, in its place ("scarplan-error/1"): each problem
// with its line, column, key and message; `message` is a file-level problem, if any.
std::string render_error_json(std::string_view input,
                              const std::vector<Diagnostic>& problems,
                              std::string_view message,
                              const RenderOptions& options);

// `scarplan next`: the patient's next visit and the preparation still to come before it.
std::string render_next_text(const Plan& plan, const RenderOptions& options);
std::string render_next_json(const Plan& plan, const RenderOptions& options); // scarplan-next/1

// `scarplan progress`: the outcome score at each visit, the change from the baseline and the
// verdict, with what it changed in the plan.
std::string render_progress_text(const Plan& plan, const RenderOptions& options);
std::string render_progress_json(const Plan& plan, const RenderOptions& options); // /1
std::string progress_csv_header();
std::string render_progress_csv(const Plan& plan, bool header);
// The score by date as an SVG chart, sessions given marked (also embedded in the handout).
std::string render_progress_svg(const Plan& plan, const RenderOptions& options);

// The plan's lines for the agenda, inside [from, to] when given: its sessions, the preparation
// steps to act on (reminders) on the day they start, and its follow-up visits.
std::vector<AgendaEntry> agenda_entries(const Plan& plan,
                                        std::optional<date::sys_days> from,
                                        std::optional<date::sys_days> to);
// The clinic's days in time order (sessions by time, then the steps), text or JSON
// ("scarplan-agenda/1").
std::string render_agenda_text(std::vector<AgendaEntry> entries,
                               const Clinic& clinic,
                               const RenderOptions& options);
std::string render_agenda_json(std::vector<AgendaEntry> entries,
                               const Clinic& clinic,
                               const RenderOptions& options);

// Dispatches to the renderer of `format`: the plan's, or (render_progress) the progress report's.
std::string render(Format format, const Plan& plan, const RenderOptions& options);
std::string render_progress(Format format, const Plan& plan, const RenderOptions& options);

} // namespace scarplan
