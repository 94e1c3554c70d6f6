#pragma once

#include <scarplan/model/patient.hpp>
#include <scarplan/record/record.hpp>
#include <scarplan/render/render.hpp>

#include <date/date.h>

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace scarplan {

// Everything a command needs, already taken from argv and the environment by main.
struct RunOptions
{
  std::vector<std::string> inputs;
  Format format = Format::text;
  std::string output; // empty: standard output
  date::sys_days today;
  date::sys_seconds reference_time;
  // The reference instant (SOURCE_DATE_EPOCH or the clock) when no --today was given: `today`
  // is then its date in the clinic's time zone, resolved once the clinic file is loaded.
  std::optional<date::sys_seconds> instant;
  bool stamp_at_day = false; // the clock: DTSTAMP at the day's start, so a day's runs agree
  std::optional<date::sys_days> start;
  bool short_prep = false;   // --short-prep: keep a start too soon for the preparation
  std::string clinic_path;   // empty: built in
  std::string protocol_path; // empty: built in
  std::string previous_path; // --previous: the plan's earlier calendar, whose removed events cancel
  RenderOptions render;
  unsigned jobs = 1;
  bool force = false;
  bool quiet = false;
  bool lines = false; // JSON Lines whatever the number of inputs, an error record per failure
  // book and agenda
  std::vector<std::string> busy_paths; // --busy: the clinic's existing appointments (.ics)
  std::string calendar_path;           // --calendar: one clinic calendar of every booked session
  std::string report_path;             // --report: the capacity report (.json or text)
  bool first_free = false;             // --method first-free: the baseline, for comparison
  std::optional<date::sys_days> from;  // agenda --from
  std::optional<date::sys_days> to;    // agenda --to
};

struct Streams
{
  std::ostream& out;
  std::ostream& err;
};

int run_plan(const RunOptions& options, Streams streams);
int run_classify(const RunOptions& options, Streams streams);
int run_check(const RunOptions& options, Streams streams);
int run_next(const RunOptions& options, Streams streams);
int run_progress(const RunOptions& options, Streams streams);
int run_book(const RunOptions& options, Streams streams);
int run_agenda(const RunOptions& options, Streams streams);
// `scarplan done FILE --date D [--depth MM] [--note TEXT]`
struct DoneOptions
{
  std::string file;
  SessionDone session;
};
// `run` gives the reference day and the settings (the clinic's zone decides "today").
int run_done(const DoneOptions& options, RunOptions run, Streams streams);
// `scarplan assess FILE --date D [--score N | --scar K=V,...] [--grade G] [--rating R] [--note T]`
struct AssessOptions
{
  std::string file;
  AssessmentEntry assessment;
};
int run_assess(const AssessOptions& options, RunOptions run, Streams streams);

int run_init(const std::string& output, bool force, Streams streams);
int run_defaults(const std::string& which, Streams streams);

} // namespace scarplan
