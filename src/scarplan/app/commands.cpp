#include <scarplan/app/commands.hpp>
#include <scarplan/app/exit_status.hpp>
#include <scarplan/app/ordered_pool.hpp>
#include <scarplan/app/pipeline.hpp>
#include <scarplan/book/book.hpp>
#include <scarplan/load/builtin_data.hpp>
#include <scarplan/load/busy_calendar.hpp>
#include <scarplan/load/patient_file.hpp>
#include <scarplan/load/previous_calendar.hpp>
#include <scarplan/load/settings_files.hpp>
#include <scarplan/record/record.hpp>
#include <scarplan/util/dates.hpp>
#include <scarplan/util/files.hpp>
#include <scarplan/util/text.hpp>

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <ostream>
#include <tuple>

namespace scarplan {

namespace {

enum class Mode
{
  plan,
  classify,
  check,
  next,
  progress,
  book,  // plan every file, book them all under the clinic's capacity, write each plan
  agenda // the same booking, written as the clinic's days
};

// Standard output gets small results gathered into blocks (a write per CSV row was a syscall
// per row) and large ones written as they are, rather than copied into a block first.
constexpr std::size_t k_stdout_block = 64 * 1024;
constexpr std::size_t k_stdout_direct = 8 * 1024;

std::string
display_name(const std::string& path)
{
  return path == "-" ? "<stdin>" : path;
}

void
report(const std::vector<Diagnostic>& diagnostics, std::ostream& err)
{
  for (const auto& item : diagnostics) {
    err << printable(diagnostic_line(item)) << '\n';
  }
}

// Why an input could not be read, with its exit status; nullopt when it was.
std::optional<std::pair<std::string, int>>
read_problem(const ReadResult& read, std::string_view what)
{
  switch (read.status) {
  case ReadStatus::unreadable:
    return std::make_pair("cannot read: " + read.error, int{k_exit_no_input});
  case ReadStatus::too_large:
    return std::make_pair("expected a " + std::string(what) +
                              " of at most 1 MiB, found a larger file",
                          int{k_exit_data});
  case ReadStatus::ok:
    break;
  }
  return std::nullopt;
}

// The exit status of a write that failed.
int
exit_of(WriteStatus status)
{
  return status == WriteStatus::io_error ? k_exit_io : k_exit_cannot_create;
}

// Reads a file, or a built-in default when `path` is empty.
std::optional<std::pair<std::string, std::string>>
read_settings_text(const std::string& path,
                   std::string_view builtin,
                   std::ostream& err,
                   int& exit_code)
{
  if (path.empty()) {
    return std::make_pair(std::string(builtin_file(builtin)),
                          "<built-in " + std::string(builtin) + ">");
  }
  ReadResult read = read_input(path);
  if (const auto problem = read_problem(read, "settings file")) {
    err << printable(error_line(display_name(path), problem->first)) << '\n';
    exit_code = combine_exit(exit_code, problem->second);
    return std::nullopt;
  }
  return std::make_pair(std::move(read.content), display_name(path));
}

// Loads one settings file (or its built-in default) with `load`, reporting its problems.
template<typename Value, typename Load>
std::optional<Value>
load_settings_file(
    const std::string& path, std::string_view builtin, Load load, std::ostream& err, int& exit_code)
{
  const auto text = read_settings_text(path, builtin, err, exit_code);
  if (!text) {
    return std::nullopt;
  }
  Diagnostics diagnostics(text->second);
  std::optional<Value> value = load(text->first, diagnostics);
  report(diagnostics.items(), err);
  if (!value) {
    exit_code = combine_exit(exit_code,
                             diagnostics.installation_broken() ? k_exit_unavailable : k_exit_data);
  }
  return value;
}

std::optional<Settings>
load_settings(const RunOptions& options, std::ostream& err, int& exit_code)
{
  auto clinic =
      load_settings_file<Clinic>(options.clinic_path, "clinic.toml", load_clinic, err, exit_code);
  auto protocol = load_settings_file<Protocol>(
      options.protocol_path, "protocol.toml", load_protocol, err, exit_code);
  if (!clinic || !protocol) {
    return std::nullopt;
  }
  return Settings{std::move(*clinic), std::move(*protocol)};
}

// What one input file came to; made on a worker thread, consumed in input order.
struct FileResult
{
  std::vector<Diagnostic> errors;
  std::string message; // a file-level error other than diagnostics
  int exit_code = k_exit_ok;
  std::string patient_id;
  SourcePos id_pos;
  std::optional<Status> status;
  bool unscheduled = false; // treatable, but no acceptable day was found for a session
  std::string rendered;
  PreparedFile prepared;    // -o DIR/: `rendered` already written, unnamed, by the worker
  bool no_calendar = false; // iCalendar of a plan with no dated event: nothing to write
  // book and agenda: the first pass keeps the patient and the targets of its sessions; the
  // last gives its clinic-calendar events and agenda lines.
  std::optional<Patient> patient;
  PatientToBook to_book;
  Recommendation recommendation; // as the plan alone made them: the booking reschedules only
  Eligibility eligibility;
  std::string clinic_events;
  std::vector<AgendaEntry> agenda;
};

class Batch
{
public:
  Batch(const RunOptions& options,
        Mode mode,
        const Settings& settings,
        const std::vector<PreviousEvent>* previous_events,
        Streams streams,
        std::vector<BusyEvent> busy = {})
      : m_options(options), m_mode(mode), m_settings(settings), m_previous_events(previous_events),
        m_busy(std::move(busy)), m_streams(streams), m_to_stdout(options.output.empty()),
        // JSON Lines into one file: every record, error records too, in one file.
        m_to_stream_file(!options.output.empty() && options.lines &&
                         !is_directory(options.output) && options.output.back() != '/'),
        // A folder for several inputs, an existing folder, or a path written as one ("out/").
        // The agenda is one document for every input: -o names its file, never a folder.
        m_to_directory(!options.output.empty() && !m_to_stream_file && mode != Mode::agenda &&
                       (options.inputs.size() > 1 || is_directory(options.output) ||
                        options.output.back() == '/')),
        m_streaming(m_to_stdout || m_to_stream_file),
        // Besides the groups: each result waiting for its turn holds its unnamed file, and
        // each worker an input.
        m_writer(OutputWriter::default_group(results_waiting_at_most(options.jobs) + options.jobs)),
        m_ics_stream(m_to_stdout && options.format == Format::ics && options.inputs.size() > 1)
  {
  }

  int run();

private:
  bool booking() const { return m_mode == Mode::book || m_mode == Mode::agenda; }
  void book();
  int write_booking_outputs();
  FileResult process(std::size_t index) const;
  FileResult process_booked(std::size_t index) const;
  PlanOptions plan_options() const
  {
    PlanOptions options{
        m_options.today, m_options.reference_time, m_options.start, m_previous_events};
    options.short_prep = m_options.short_prep;
    return options;
  }
  void render_into(std::size_t index,
                   Patient patient,
                   const PlanOptions& options,
                   FileResult& result) const;
  std::string render_patient(Patient patient,
                             const PlanOptions& plan_options,
                             const RenderOptions& render_options,
                             FileResult& result) const;
  void consume(std::size_t index, FileResult&& result);
  void deliver(const std::string& name, FileResult& result, int* bucket);
  void flush_stdout();
  // The one output every result went into was lost: none of them counts as delivered.
  void count_all_as_failed()
  {
    m_failed += m_planned + m_not_treatable + m_unscheduled;
    m_planned = m_not_treatable = m_unscheduled = 0;
  }

  const RunOptions& m_options;
  Mode m_mode;
  const Settings& m_settings;
  const std::vector<PreviousEvent>* m_previous_events; // --previous, or null
  std::vector<BusyEvent> m_busy;                       // book --busy
  std::vector<FileResult> m_first_pass;                // book: each input as planned alone
  std::optional<BookResult> m_booking;                 // book: once every plan is placed
  std::string m_clinic_calendar;                       // book --calendar: the events so far
  std::vector<AgendaEntry> m_agenda;
  Streams m_streams;
  bool m_to_stdout;
  bool m_to_stream_file;
  bool m_to_directory;
  int m_exit = k_exit_ok;
  std::map<std::string, std::string> m_seen_ids; // id -> the input that had it first
  int m_planned = 0;
  int m_not_treatable = 0;
  int m_unscheduled = 0;
  int m_failed = 0;
  bool m_streaming;                   // every result into one output, standard output or a file
  bool m_stream_head_written = false; // the CSV header or the VCALENDAR's start
  std::string m_stdout_pending;       // standard output is written in large blocks
  OutputWriter m_writer;              // output files: a few syncs per batch, not one per file
  bool m_unnamed_files = false;       // -o DIR/ can take O_TMPFILE files (probed once)
  bool m_ics_stream;                  // several plans' events in one VCALENDAR on standard output
};

// What the command makes of one valid patient: its plan (or classification) rendered, with the
// plan's status and exit code recorded in `result`.
std::string
Batch::render_patient(Patient patient,
                      const PlanOptions& plan_options,
                      const RenderOptions& render_options,
                      FileResult& result) const
{
  if (m_mode == Mode::classify) {
    const Plan plan = make_classification(std::move(patient), m_settings, plan_options);
    return m_options.format == Format::json ? render_classification_json(plan, render_options)
                                            : render_classification_text(plan, render_options);
  }
  const Plan plan = make_plan(std::move(patient), m_settings, plan_options);
  result.status = plan.eligibility.status;
  // Every command that plans says so in its status: deferred, not eligible or worsening is 1.
  result.unscheduled = plan.eligibility.status == Status::eligible &&
                       plan.recommendation.remaining > 0 && plan.sessions.empty();
  if (plan.eligibility.status != Status::eligible || result.unscheduled) {
    result.exit_code = k_exit_not_treatable; // the plan's notes say why
  }
  if (booking()) {
    if (!m_options.calendar_path.empty() && !plan.sessions.empty()) {
      RenderOptions clinic = render_options;
      clinic.clinic_calendar = true;
      result.clinic_events = render_ics_events(plan, clinic);
    }
    if (m_mode == Mode::agenda) {
      result.agenda = agenda_entries(plan, m_options.from.value_or(m_options.today), m_options.to);
      return std::string();
    }
  }
  if (m_mode == Mode::next) {
    return m_options.format == Format::json ? render_next_json(plan, render_options)
                                            : render_next_text(plan, render_options);
  }
  if (m_mode == Mode::progress) {
    // The verdict's report: only the status counts (worsening: stop and review).
    result.unscheduled = false;
    result.exit_code =
        plan.eligibility.status == Status::eligible ? k_exit_ok : k_exit_not_treatable;
    return m_options.format == Format::csv
               ? render_progress_csv(plan, !m_streaming)
               : render_progress(m_options.format, plan, render_options);
  }
  if (m_options.format == Format::ics && !has_calendar_events(plan)) {
    result.no_calendar = true; // an empty VCALENDAR is invalid for several consumers
    return std::string();
  }
  return m_options.format == Format::csv ? render_csv(plan, render_options, !m_streaming)
         : m_ics_stream                  ? render_ics_events(plan, render_options)
                                         : render(m_options.format, plan, render_options);
}

// The last pass of a booking: the plan again, its sessions where the booking put them.
FileResult
Batch::process_booked(std::size_t index) const
{
  const FileResult& first = m_first_pass[index];
  FileResult result;
  if (!first.patient) { // failed in the first pass: reported now, in input order
    result.errors = first.errors;
    result.message = first.message;
    result.exit_code = first.exit_code;
    return result;
  }
  result.patient_id = first.patient->id;
  result.id_pos = first.patient->id_pos;
  try {
    PlanOptions options = plan_options();
    options.booked = &m_booking->booked[index];
    render_into(index, *first.patient, options, result);
  } catch (const std::exception& error) {
    result.message = std::string("internal error (a bug, please report it): ") + error.what();
    result.exit_code = k_exit_software;
  }
  return result;
}

// Renders a valid patient's plan (or classification) into `result`; with -o DIR/ the file is
// written here, on the worker, so that files are written in parallel, and consume() only names
// them, in input order (it alone knows whether the id was seen before).
void
Batch::render_into(std::size_t index,
                   Patient patient,
                   const PlanOptions& options,
                   FileResult& result) const
{
  const std::string name = display_name(m_options.inputs[index]);
  RenderOptions render_options = m_options.render;
  render_options.compact = m_options.lines || (m_streaming && m_options.inputs.size() > 1);
  if (m_options.lines) {
    render_options.input = name;
  }
  result.rendered = render_patient(std::move(patient), options, render_options, result);
  if (!result.no_calendar && m_to_directory) {
    result.prepared = PreparedFile::write(m_options.output, result.rendered, m_unnamed_files);
    result.rendered = std::string();
  }
}

FileResult
Batch::process(std::size_t index) const
{
  if (m_booking) {
    return process_booked(index);
  }
  FileResult result;
  const std::string& path = m_options.inputs[index];
  const std::string name = display_name(path);
  try {
    ReadResult read = read_input(path);
    if (auto problem = read_problem(read, "patient file")) {
      std::tie(result.message, result.exit_code) = std::move(*problem);
      return result;
    }
    Diagnostics diagnostics(name);
    auto patient = load_patient(read.content, m_options.today, diagnostics);
    if (!patient) {
      result.errors = diagnostics.items();
      result.exit_code = k_exit_data;
      return result;
    }
    result.patient_id = patient->id;
    result.id_pos = patient->id_pos;
    if (m_mode == Mode::check) {
      return result;
    }
    if (booking()) {
      // The first pass: the plan alone, whose sessions are the targets of the booking.
      const Plan alone = make_plan(*patient, m_settings, plan_options());
      for (const Session& session : alone.sessions) {
        result.to_book.targets.push_back(
            {session.date, session.arrive, session.start, session.end});
      }
      result.recommendation = alone.recommendation;
      result.eligibility = alone.eligibility;
      result.to_book.interval_min_days = alone.recommendation.interval_min_days;
      result.to_book.interval_max_days = alone.recommendation.interval_max_days;
      if (!patient->sessions_done.empty()) {
        result.to_book.last_given = date::sys_days{patient->sessions_done.back().date};
      }
      result.patient = std::move(patient);
      return result;
    }
    render_into(index, std::move(*patient), plan_options(), result);
  } catch (const std::exception& error) {
    result.message = std::string("internal error (a bug, please report it): ") + error.what();
    result.exit_code = k_exit_software;
  }
  return result;
}

void
Batch::consume(std::size_t index, FileResult&& result)
{
  const std::string name = display_name(m_options.inputs[index]);
  if (!result.patient_id.empty()) {
    const auto [first, inserted] = m_seen_ids.emplace(result.patient_id, name);
    if (!inserted) {
      result.errors.push_back({name,
                               result.id_pos,
                               "patient.id",
                               "expected an id unique in the batch, found \"" + result.patient_id +
                                   "\", the id of " + first->second});
      result.exit_code = k_exit_data;
      result.rendered.clear();
      result.status.reset();
    }
  }
  report(result.errors, m_streams.err);
  if (!result.message.empty()) {
    m_streams.err << printable(error_line(name, result.message)) << '\n';
  }
  if (m_options.lines && m_streaming && result.exit_code > k_exit_usage && m_mode != Mode::check) {
    // Records match inputs one to one: a failed input gets an error record in its place.
    RenderOptions options = m_options.render;
    options.compact = true;
    m_stdout_pending += render_error_json(name, result.errors, result.message, options);
  }
  int* bucket = &m_planned;
  if (result.exit_code > k_exit_usage) {
    bucket = &m_failed;
  } else if (result.unscheduled) {
    bucket = &m_unscheduled;
  } else if (result.status && *result.status != Status::eligible) {
    bucket = &m_not_treatable;
  }
  ++*bucket;
  m_clinic_calendar += result.clinic_events;
  m_agenda.insert(m_agenda.end(), result.agenda.begin(), result.agenda.end());
  if (result.exit_code <= k_exit_usage && m_mode != Mode::check && m_mode != Mode::agenda) {
    deliver(name, result, bucket); // a file that cannot be written moves to the failed count
  }
  m_exit = combine_exit(m_exit, result.exit_code);
}

void
Batch::deliver(const std::string& name, FileResult& result, int* bucket)
{
  if (result.no_calendar) {
    m_streams.err << "scarplan: " << printable(name)
                  << ": no calendar written: the plan has no dated events ("
                  << (result.status ? name_of(*result.status) : "not scheduled") << ")\n";
    return;
  }
  if (m_streaming) {
    if (!m_stream_head_written) { // at the first result, so an empty stream stays empty
      m_stream_head_written = true;
      if (m_options.format == Format::csv) {
        m_stdout_pending += m_mode == Mode::progress ? progress_csv_header()
                                                     : csv_header(m_options.render.with_name);
      } else if (m_ics_stream) {
        m_stdout_pending += ics_stream_start(m_settings.clinic, m_options.today);
      }
    }
    if (result.rendered.size() < k_stdout_direct || m_to_stream_file) {
      m_stdout_pending += result.rendered;
      if (m_stdout_pending.size() >= k_stdout_block && m_to_stdout) {
        flush_stdout();
      }
      return;
    }
    flush_stdout();
    m_streams.out.write(result.rendered.data(),
                        static_cast<std::streamsize>(result.rendered.size()));
    return;
  }
  std::string path = m_options.output;
  if (m_to_directory) {
    path += (path.back() == '/' ? "" : "/") + result.patient_id + "." +
            std::string(k_format_extensions[static_cast<int>(m_options.format)]);
  }
  auto report_failure = [this, path, name, bucket](WriteResult written) {
    if (written.status == WriteStatus::ok) {
      return;
    }
    m_streams.err << printable(error_line(
                         path, "cannot write the plan of " + name + ": " + written.error))
                  << '\n';
    m_exit = combine_exit(m_exit, exit_of(written.status));
    --*bucket;
    ++m_failed;
  };
  if (m_to_directory) {
    m_writer.commit(std::move(result.prepared), path, m_options.force, std::move(report_failure));
  } else {
    m_writer.write(path, result.rendered, m_options.force, std::move(report_failure));
  }
}

void
Batch::flush_stdout()
{
  m_streams.out.write(m_stdout_pending.data(),
                      static_cast<std::streamsize>(m_stdout_pending.size()));
  m_stdout_pending.clear();
}

// The first passes of a booking: every input planned alone (in parallel), then every session
// placed under the clinic's capacity (in order of precedence, one at a time: the ledger is
// shared). The files' problems and duplicate ids wait for the last pass, in input order.
void
Batch::book()
{
  const std::size_t count = m_options.inputs.size();
  m_first_pass.resize(count);
  BookResult booking;
  booking.booked.resize(count);
  Booker booker(m_settings.clinic,
                std::move(m_busy),
                m_options.first_free ? BookingMethod::first_free : BookingMethod::nearest_target);
  std::map<std::string, std::string> ids;
  // Each input is booked as it is handed on, in input order, while the workers plan the next
  // ones: the placing, one at a time, overlaps the planning instead of following it.
  run_in_order<FileResult>(
      count,
      m_options.jobs,
      [this](std::size_t i) { return process(i); },
      [&](std::size_t i, FileResult&& result) {
        if (result.patient) {
          const auto [first, inserted] =
              ids.emplace(result.patient->id, display_name(m_options.inputs[i]));
          if (!inserted) {
            result.errors.push_back({display_name(m_options.inputs[i]),
                                     result.patient->id_pos,
                                     "patient.id",
                                     "expected an id unique in the batch, found \"" +
                                         result.patient->id + "\", the id of " + first->second});
            result.exit_code = k_exit_data;
            result.patient.reset();
          }
        }
        if (result.patient) {
          // Only the schedule depends on what is booked: the stages before it are the plan
          // alone's.
          booking.booked[i] = booker.book(result.to_book, [&](const Availability& availability) {
            return schedule_course(*result.patient,
                                   result.recommendation,
                                   result.eligibility,
                                   m_settings.clinic,
                                   m_settings.protocol,
                                   {m_options.today,
                                    m_options.start,
                                    m_options.short_prep,
                                    &availability,
                                    nullptr})
                .sessions;
          });
        }
        result.recommendation = {};
        result.eligibility = {};
        m_first_pass[i] = std::move(result);
      });
  booking.report = booker.report();
  m_booking = std::move(booking);
}

// What a booking writes besides each plan: the agenda, the clinic calendar, the capacity report
// and its summary line.
int
Batch::write_booking_outputs()
{
  int exit_code = k_exit_ok;
  const auto write = [&](const std::string& path, const std::string& text) {
    const WriteResult written = write_file_atomically(path, text, m_options.force);
    if (written.status != WriteStatus::ok) {
      m_streams.err << printable(error_line(path, written.error)) << '\n';
      exit_code = combine_exit(exit_code, exit_of(written.status));
    }
  };
  const CapacityReport& report = m_booking->report;
  if (m_mode == Mode::agenda) {
    RenderOptions options = m_options.render;
    const std::string agenda = m_options.format == Format::json
                                   ? render_agenda_json(m_agenda, m_settings.clinic, options)
                                   : render_agenda_text(m_agenda, m_settings.clinic, options);
    if (m_options.output.empty()) {
      m_stdout_pending += agenda;
    } else {
      write(m_options.output, agenda);
    }
  }
  if (!m_options.calendar_path.empty()) {
    write(m_options.calendar_path,
          ics_stream_start(m_settings.clinic, m_options.today) + m_clinic_calendar +
              ics_stream_end());
  }
  if (!m_options.report_path.empty()) {
    const bool json =
        m_options.report_path.size() > 5 &&
        m_options.report_path.compare(m_options.report_path.size() - 5, 5, ".json") == 0;
    write(m_options.report_path,
          json ? render_capacity_json(report, m_settings.clinic, m_options.render)
               : render_capacity_text(report, m_settings.clinic));
  }
  if (!m_options.quiet) {
    m_streams.err << "scarplan: booked " << report.sessions - report.not_placed << " of "
                  << report.sessions << " sessions for " << report.patients
                  << " patients: " << report.on_target_day << " on their target day, "
                  << report.inside_window << " inside their window, " << report.outside_window
                  << " after it (flagged)"
                  << (report.not_placed > 0
                          ? ", " + std::to_string(report.not_placed) + " not placed"
                          : std::string())
                  << (report.overbooked_busy > 0 ? "; " + std::to_string(report.overbooked_busy) +
                                                       " existing appointments exceed the rooms"
                                                 : std::string())
                  << '\n';
  }
  return exit_code;
}

int
Batch::run()
{
  if (m_to_directory && !is_directory(m_options.output)) {
    if (::mkdir(m_options.output.c_str(), 0700) != 0) {
      m_streams.err << printable(error_line(m_options.output,
                                            std::string("cannot create the output folder: ") +
                                                std::strerror(errno)))
                    << '\n';
      return k_exit_cannot_create;
    }
  }
  if (m_to_directory) {
    m_unnamed_files = OutputWriter::can_link_unnamed(m_options.output);
  }
  if (booking()) {
    book();
  }
  run_in_order<FileResult>(
      m_options.inputs.size(),
      m_options.jobs,
      [this](std::size_t i) { return process(i); },
      [this](std::size_t i, FileResult&& result) { consume(i, std::move(result)); });
  if (booking()) {
    m_exit = combine_exit(m_exit, write_booking_outputs());
  }
  if (m_ics_stream && m_stream_head_written) {
    m_stdout_pending += ics_stream_end();
  }
  if (m_to_stream_file) {
    const WriteResult written =
        write_file_atomically(m_options.output, m_stdout_pending, m_options.force);
    if (written.status != WriteStatus::ok) {
      m_streams.err << printable(error_line(m_options.output, written.error)) << '\n';
      m_exit = combine_exit(m_exit, exit_of(written.status));
      count_all_as_failed();
    }
  } else {
    flush_stdout();
  }
  m_writer.flush();
  m_streams.out.flush();
  if (!m_streams.out) {
    m_streams.err << "scarplan: error: cannot write to standard output\n";
    m_exit = combine_exit(m_exit, k_exit_io);
    if (m_to_stdout && m_mode != Mode::check) { // nothing delivered can be counted as done
      count_all_as_failed();
    }
  }
  if (m_options.inputs.size() > 1 && !m_options.quiet) {
    switch (m_mode) {
    case Mode::plan:
      m_streams.err << "scarplan: planned " << m_planned << ", not eligible " << m_not_treatable
                    << (m_unscheduled > 0 ? ", no day found " + std::to_string(m_unscheduled) : "")
                    << ", failed " << m_failed << '\n';
      break;
    case Mode::book:
    case Mode::agenda:
      m_streams.err << "scarplan: planned " << m_planned << ", not eligible " << m_not_treatable
                    << (m_unscheduled > 0 ? ", no day found " + std::to_string(m_unscheduled) : "")
                    << ", failed " << m_failed << '\n';
      break;
    case Mode::progress:
      m_streams.err << "scarplan: progress of " << m_planned + m_not_treatable << ", failed "
                    << m_failed << '\n';
      break;
    case Mode::next:
      m_streams.err << "scarplan: next for " << m_planned + m_not_treatable << ", failed "
                    << m_failed << '\n';
      break;
    case Mode::classify:
      m_streams.err << "scarplan: classified " << m_planned << ", failed " << m_failed << '\n';
      break;
    case Mode::check: // prints nothing but problems
      if (m_failed == 0) {
        break;
      }
      m_streams.err << "scarplan: checked " << m_options.inputs.size() << ", invalid " << m_failed
                    << '\n';
      break;
    }
  }
  return m_exit;
}

// "Today" is the date at the clinic: at 22:00 in Toronto the UTC date is already tomorrow.
void
resolve_reference_day(RunOptions& options, const Clinic& clinic)
{
  if (options.instant) {
    const auto local = clinic.zone->to_local(*options.instant);
    options.today = date::sys_days{date::floor<date::days>(local).time_since_epoch()};
    options.reference_time = options.stamp_at_day ? options.today : *options.instant;
  }
}

int
run_batch(RunOptions options, Mode mode, Streams streams)
{
  int exit_code = k_exit_ok;
  const auto settings = load_settings(options, streams.err, exit_code);
  if (!settings) {
    return exit_code;
  }
  resolve_reference_day(options, settings->clinic);
  // -j 256 under "ulimit -n 512": fewer workers rather than files failing with EMFILE.
  options.jobs = OutputWriter::jobs_within_limit(options.jobs);
  std::optional<std::vector<PreviousEvent>> previous;
  if (!options.previous_path.empty()) {
    ReadResult read = read_input(options.previous_path);
    if (const auto problem = read_problem(read, "calendar")) {
      streams.err << printable(error_line(options.previous_path, problem->first)) << '\n';
      return combine_exit(exit_code, problem->second);
    }
    Diagnostics diagnostics(display_name(options.previous_path));
    previous = load_previous_calendar(read.content, diagnostics);
    report(diagnostics.items(), streams.err);
    if (!previous) {
      return combine_exit(exit_code, k_exit_data);
    }
  }
  std::vector<BusyEvent> busy;
  for (const std::string& path : options.busy_paths) {
    ReadResult read = read_input(path);
    if (const auto problem = read_problem(read, "calendar")) {
      streams.err << printable(error_line(path, problem->first)) << '\n';
      return combine_exit(exit_code, problem->second);
    }
    Diagnostics diagnostics(display_name(path));
    // The horizon of a booking: a year of searching beyond a course that may span another.
    const auto events = load_busy_calendar(read.content,
                                           settings->clinic,
                                           options.today,
                                           options.today + date::days{3 * 366},
                                           diagnostics);
    report(diagnostics.items(), streams.err);
    if (!events) {
      return combine_exit(exit_code,
                          diagnostics.installation_broken() ? k_exit_unavailable : k_exit_data);
    }
    busy.insert(busy.end(), events->begin(), events->end());
  }
  return combine_exit(
      exit_code,
      Batch(options, mode, *settings, previous ? &*previous : nullptr, streams, std::move(busy))
          .run());
}

} // namespace

int
run_plan(const RunOptions& options, Streams streams)
{
  return run_batch(options, Mode::plan, streams);
}

int
run_classify(const RunOptions& options, Streams streams)
{
  return run_batch(options, Mode::classify, streams);
}

int
run_next(const RunOptions& options, Streams streams)
{
  return run_batch(options, Mode::next, streams);
}

int
run_book(const RunOptions& options, Streams streams)
{
  return run_batch(options, Mode::book, streams);
}

int
run_agenda(const RunOptions& options, Streams streams)
{
  return run_batch(options, Mode::agenda, streams);
}

int
run_progress(const RunOptions& options, Streams streams)
{
  return run_batch(options, Mode::progress, streams);
}

int
run_check(const RunOptions& options, Streams streams)
{
  return run_batch(options, Mode::check, streams);
}

namespace {

// Appends one entry to a patient file (done, assess): `record` makes the new text from the old.
template<typename Record>
int
run_record(const std::string& file,
           const std::string& what,
           RunOptions run,
           Streams streams,
           Record record)
{
  int exit_code = k_exit_ok;
  const auto settings = load_settings(run, streams.err, exit_code);
  if (!settings) {
    return exit_code;
  }
  resolve_reference_day(run, settings->clinic);
  const std::string name = display_name(file);
  // Under the file's lock, so two records made at once are both kept (edit_file_locked).
  std::vector<Diagnostic> problems;
  const EditResult edited = edit_file_locked(file, [&](std::string_view text) {
    Recorded recorded = record(text, name, run.today);
    problems = std::move(recorded.problems);
    return std::move(recorded.text);
  });
  if (edited.status == EditStatus::declined) {
    report(problems, streams.err);
    return k_exit_data;
  }
  if (edited.status != EditStatus::ok) {
    streams.err << printable(error_line(name, edited.error)) << '\n';
    switch (edited.status) {
    case EditStatus::unreadable:
      return k_exit_no_input;
    case EditStatus::too_large:
    case EditStatus::changed: // spec/cli.md: a file changed meanwhile is a refused record
      return k_exit_data;
    case EditStatus::io_error:
      return k_exit_io;
    default: // refused (hard links, read-only), cannot_write
      return k_exit_cannot_create;
    }
  }
  streams.err << "scarplan: recorded " << what << " in " << printable(name) << '\n';
  return k_exit_ok;
}

} // namespace

int
run_done(const DoneOptions& options, RunOptions run, Streams streams)
{
  return run_record(options.file,
                    "the session of " + iso_date(options.session.date),
                    std::move(run),
                    streams,
                    [&](std::string_view text, const std::string& name, date::sys_days today) {
                      return record_session_done(text, name, options.session, today);
                    });
}

int
run_assess(const AssessOptions& options, RunOptions run, Streams streams)
{
  return run_record(options.file,
                    "the assessment of " + iso_date(options.assessment.date),
                    std::move(run),
                    streams,
                    [&](std::string_view text, const std::string& name, date::sys_days today) {
                      return record_assessment(text, name, options.assessment, today);
                    });
}

int
run_init(const std::string& output, bool force, Streams streams)
{
  const std::string_view text = builtin_file("patient-template.toml");
  if (output.empty() || output == "-") {
    streams.out << text;
    return k_exit_ok;
  }
  const WriteResult written = write_file_atomically(output, std::string(text), force);
  if (written.status != WriteStatus::ok) {
    streams.err << printable(error_line(output, written.error)) << '\n';
    return exit_of(written.status);
  }
  streams.err << "scarplan: wrote " << printable(output) << "; fill it in, then run scarplan plan "
              << printable(output) << '\n';
  return k_exit_ok;
}

int
run_defaults(const std::string& which, Streams streams)
{
  streams.out << builtin_file(which + ".toml");
  return k_exit_ok;
}

} // namespace scarplan
