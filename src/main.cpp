// scarplan's command line: the only translation unit that knows argv, the environment and the
// system clock. It turns them into RunOptions and calls the core library.
#include <scarplan/app/commands.hpp>
#include <scarplan/app/exit_status.hpp>
#include <scarplan/util/dates.hpp>
#include <scarplan/util/text.hpp>

#include <CLI/CLI.hpp>
#include <date/date.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <thread>
#include <tuple>

namespace {

using scarplan::Format;
using scarplan::RunOptions;

struct CommandLine
{
  RunOptions run;
  std::string today;
  std::string start;
  std::string format = "text";
  std::string color = "auto";
  std::string defaults_which;
  std::string help_command;
  std::string init_output;
  std::string done_file;
  std::string done_date;
  std::optional<double> done_depth;
  std::string done_note;
  std::optional<int> assess_score;
  std::optional<int> assess_grade;
  std::optional<double> assess_rating;
  std::vector<std::string> assess_scars;
  std::string method = "nearest-target";
  std::string from;
  std::string to;
};

// --scar "area=cheek,count=8,width_mm=4": one [[assessments.scars]] group; nullopt when it is
// not a list of KEY=VALUE pairs (the loader checks the keys and values themselves).
std::optional<std::vector<std::pair<std::string, std::string>>>
parse_scar_group(const std::string& text)
{
  std::vector<std::pair<std::string, std::string>> group;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t end = std::min(text.find(',', begin), text.size());
    const std::string pair = text.substr(begin, end - begin);
    const std::size_t equals = pair.find('=');
    if (equals == 0 || equals == std::string::npos || equals + 1 == pair.size() ||
        pair.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") < equals) {
      return std::nullopt;
    }
    group.emplace_back(pair.substr(0, equals), pair.substr(equals + 1));
    begin = end + 1;
  }
  return group;
}

// The command or option closest to the first word CLI11 refused, as "plan" or "--format".
std::optional<std::string>
did_you_mean(CLI::App& app, int argc, char** argv, const std::vector<std::string_view>& commands)
{
  CLI::App* command = nullptr;
  for (CLI::App* candidate : app.get_subcommands({})) {
    if (candidate->parsed()) {
      command = candidate;
    }
  }
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (!command) { // the first word names the command
      if (word.rfind("-", 0) != 0) {
        return scarplan::closest_match(word, commands);
      }
      continue;
    }
    if (word.rfind("--", 0) != 0) {
      continue;
    }
    const std::string name = word.substr(0, word.find('='));
    std::vector<std::string> known;
    for (const CLI::Option* option : command->get_options()) {
      for (const auto& long_name : option->get_lnames()) {
        known.push_back("--" + long_name);
      }
    }
    if (std::find(known.begin(), known.end(), name) != known.end()) {
      continue;
    }
    const std::vector<std::string_view> views(known.begin(), known.end());
    return scarplan::closest_match(name, views);
  }
  return std::nullopt;
}

struct SettingsSource
{
  std::string path; // empty: built in
  std::string why;
};

// Where a settings file comes from: the flag, else SCARPLAN_CLINIC / SCARPLAN_PROTOCOL, else
// $XDG_CONFIG_HOME/scarplan/WHICH.toml (default ~/.config) when it exists, else built in.
SettingsSource
settings_source(const std::string& flag, const std::string& which)
{
  if (!flag.empty()) {
    return {flag, "--" + which};
  }
  const std::string variable = which == "clinic" ? "SCARPLAN_CLINIC" : "SCARPLAN_PROTOCOL";
  if (const char* value = std::getenv(variable.c_str()); value && *value) {
    return {value, variable};
  }
  std::string folder;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg == '/') {
    folder = xdg;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    folder = std::string(home) + "/.config";
  }
  if (!folder.empty()) {
    const std::string path = folder + "/scarplan/" + which + ".toml";
    if (::access(path.c_str(), F_OK) == 0) {
      return {path, "XDG configuration"};
    }
  }
  return {"",
          "no flag, no " + variable + ", no " +
              (folder.empty() ? std::string("XDG configuration")
                              : folder + "/scarplan/" + which + ".toml")};
}

// The format an output file's extension names, if it names one.
std::optional<std::string>
format_of_extension(const std::string& path)
{
  static const std::pair<std::string_view, std::string_view> k_extensions[] = {
      {".ics", "ics"},
      {".fhir.json", "fhir"},
      {".json", "json"},
      {".jsonl", "jsonl"},
      {".csv", "csv"},
      {".md", "md"},
      {".html", "html"},
      {".svg", "svg"},
      {".txt", "text"}};
  for (const auto& [extension, format] : k_extensions) {
    if (path.size() > extension.size() &&
        path.compare(path.size() - extension.size(), extension.size(), extension) == 0) {
      return std::string(format);
    }
  }
  return std::nullopt;
}

bool
use_color(const std::string& mode)
{
  if (mode != "auto") {
    return mode == "always";
  }
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) && (!no_color || !*no_color) &&
         (!term || std::string(term) != "dumb");
}

// The reference day and instant: --today, else SOURCE_DATE_EPOCH, else the system clock.
bool
resolve_today(CommandLine& line)
{
  RunOptions& run = line.run;
  if (!line.today.empty()) {
    const auto day = scarplan::parse_iso_date(line.today);
    if (!day) {
      std::cerr << "scarplan: error: --today: expected a date YYYY-MM-DD, found \"" << line.today
                << "\"\n";
      return false;
    }
    run.today = *day;
    run.reference_time = *day;
    return true;
  }
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    char* end = nullptr;
    errno = 0;
    const long long seconds = std::strtoll(epoch, &end, 10);
    if (errno != 0 || *end != '\0' || seconds < 0 || seconds > 7'258'118'400LL) {
      std::cerr << "scarplan: error: SOURCE_DATE_EPOCH: expected seconds since 1970 (an integer), "
                   "found \""
                << epoch << "\"\n";
      return false;
    }
    run.instant = date::sys_seconds{std::chrono::seconds{seconds}};
    return true; // the date is taken in the clinic's zone once its file is loaded
  }
  run.instant = date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  run.stamp_at_day = true;
  return true;
}

void
add_common(CLI::App& command, CommandLine& line, bool with_output)
{
  RunOptions& run = line.run;
  command.add_option("FILE", run.inputs, "patient files (TOML); - reads standard input")
      ->required();
  command.add_option(
      "--today",
      line.today,
      "the reference day YYYY-MM-DD (default: SOURCE_DATE_EPOCH or the system date)");
  command.add_option("--clinic",
                     run.clinic_path,
                     "clinic settings file (default: SCARPLAN_CLINIC, the XDG config, built in)");
  command.add_option("--protocol",
                     run.protocol_path,
                     "protocol file (default: SCARPLAN_PROTOCOL, the XDG config, built in)");
  command
      .add_option("-j,--jobs",
                  run.jobs,
                  "parallel workers for several files (default: the number of cores)")
      ->check(CLI::Range(1, 256));
  command.add_flag("-q,--quiet", run.quiet, "no summary line");
  if (with_output) {
    command.add_option("-o,--output",
                       run.output,
                       "output file for one input, folder for several (default: standard output)");
    command.add_flag("--force", run.force, "replace existing output files");
    command.add_flag(
        "--explain", run.render.explain, "show the rule and source behind every decision");
    command.add_option("--color", line.color, "colour: auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
  }
}

} // namespace

int
main(int argc, char** argv)
{
  std::ios::sync_with_stdio(false); // we write large blocks; no C stdio shares the streams
  CLI::App app{"scarplan: treatment planner for microneedling of acne scars", "scarplan"};
  const std::string describe = SCARPLAN_GIT_DESCRIBE;
  app.set_version_flag("-V,--version",
                       "scarplan " SCARPLAN_VERSION +
                           (describe.empty() ? std::string() : " (git " + describe + ")"));
  app.require_subcommand(0, 1); // "help check" names a command, it does not run it
  app.footer("See scarplan(1), scarplan-patient(5) and scarplan-settings(5).");
  CommandLine line;
  line.run.jobs = std::max(1u, std::thread::hardware_concurrency());

  CLI::App* plan = app.add_subcommand(
      "plan", "classify, grade, check eligibility, recommend, schedule, price and print the plan");
  add_common(*plan, line, true);
  plan->add_option("-f,--format", line.format, "text, json, jsonl, ics, csv, md, fhir or html")
      ->check(CLI::IsMember({"text", "json", "jsonl", "ics", "csv", "md", "fhir", "html"}));
  plan->add_flag(
      "--lines", line.run.lines, "JSON Lines, also for one file; an error record per failed file");
  plan->add_option(
      "--start", line.start, "earliest day for the first session YYYY-MM-DD (overrides the file)");
  plan->add_flag("--short-prep",
                 line.run.short_prep,
                 "keep a start too soon for the whole preparation, listing the steps shortened");
  plan->add_option("--previous",
                   line.run.previous_path,
                   "the plan's earlier calendar (.ics): events this plan no longer has are sent "
                   "as cancelled");
  plan->add_flag("--with-name",
                 line.run.render.with_name,
                 "put the patient's name into json, csv, ics, md and html output");

  CLI::App* classify = app.add_subcommand(
      "classify", "only the scar classification and grading, with the reason for each call");
  add_common(*classify, line, true);
  classify->add_option("-f,--format", line.format, "text, json or jsonl")
      ->check(CLI::IsMember({"text", "json", "jsonl"}));
  classify->add_flag("--lines", line.run.lines, "JSON Lines, also for one file");

  CLI::App* next = app.add_subcommand(
      "next", "each patient's next visit and what to do before it, from the reference day");
  add_common(*next, line, true);
  next->add_option("-f,--format", line.format, "text, json or jsonl")
      ->check(CLI::IsMember({"text", "json", "jsonl"}));
  next->add_flag("--lines", line.run.lines, "JSON Lines, also for one file");

  CLI::App* book = app.add_subcommand(
      "book",
      "plan every file, then place all sessions under the clinic's capacity (rooms, "
      "practitioners, existing appointments, interval windows)");
  add_common(*book, line, true);
  book->add_option("-f,--format", line.format, "text, json, jsonl, ics, csv, md, fhir or html")
      ->check(CLI::IsMember({"text", "json", "jsonl", "ics", "csv", "md", "fhir", "html"}));
  book->add_flag("--lines", line.run.lines, "JSON Lines, also for one file");
  book->add_option(
      "--start", line.start, "earliest day for the first session YYYY-MM-DD (overrides the file)");
  book->add_flag("--short-prep",
                 line.run.short_prep,
                 "keep a start too soon for the whole preparation, listing the steps shortened");
  book->add_flag("--with-name", line.run.render.with_name, "put the patient's name into exports");
  book->add_option("--calendar",
                   line.run.calendar_path,
                   "write one clinic calendar (.ics) of every booked session, named by patient id");
  book->add_option(
      "--report", line.run.report_path, "write the capacity report (.json for JSON, else text)");
  book->add_option("--method",
                   line.method,
                   "nearest-target (default) or first-free (the baseline, for comparison)")
      ->check(CLI::IsMember({"nearest-target", "first-free"}));
  CLI::App* agenda = app.add_subcommand(
      "agenda", "the clinic's days in time order: booked sessions and the steps due each day");
  add_common(*agenda, line, true);
  agenda->add_option("-f,--format", line.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  agenda->add_option("--from", line.from, "the first day YYYY-MM-DD (default: the reference day)");
  agenda->add_option("--to", line.to, "the last day YYYY-MM-DD (default: none)");
  for (CLI::App* booking : {book, agenda}) {
    booking
        ->add_option(
            "--busy", line.run.busy_paths, "the clinic's existing appointments (.ics; repeatable)")
        // One value per flag, as everywhere: "--busy a.ics p/*.toml" keeps the patients.
        ->allow_extra_args(false);
  }

  CLI::App* progress = app.add_subcommand(
      "progress",
      "outcome scores by visit, the change from baseline and the verdict (improving, plateau, "
      "goal reached, worsening)");
  add_common(*progress, line, true);
  progress->add_option("-f,--format", line.format, "text, json, jsonl, csv or svg")
      ->check(CLI::IsMember({"text", "json", "jsonl", "csv", "svg"}));
  progress->add_flag("--lines", line.run.lines, "JSON Lines, also for one file");

  CLI::App* done = app.add_subcommand(
      "done", "record a session given: append [[sessions_done]], the rest of the file unchanged");
  done->add_option("FILE", line.done_file, "the patient file")->required();
  done->add_option("--date", line.done_date, "the day the session was given YYYY-MM-DD")
      ->required();
  // CLI::Range lets NaN through (every comparison with it is false): refused here first.
  const CLI::Validator finite(
      [](const std::string& text) {
        const double value = std::strtod(text.c_str(), nullptr);
        return std::isfinite(value) ? std::string() : "expected a number, found " + text;
      },
      "");
  done->add_option("--depth", line.done_depth, "the needle depth used, mm")
      ->check(finite)
      ->check(CLI::Range(0.0, 10.0));
  done->add_option("--note", line.done_note, "a note on the session (at most 1000 characters)");
  CLI::App* assess = app.add_subcommand(
      "assess", "record an assessment: append [[assessments]], the rest of the file unchanged");
  assess->add_option("FILE", line.done_file, "the patient file")->required();
  assess->add_option("--date", line.done_date, "the day of the assessment YYYY-MM-DD")->required();
  auto* score = assess->add_option(
      "--score", line.assess_score, "the Goodman-Baron quantitative score given directly, 0-84");
  score->check(CLI::Range(0, 84));
  assess
      ->add_option("--scar",
                   line.assess_scars,
                   "a scar group measured that day, as KEY=VALUE,... with the keys of [[scars]] "
                   "(repeatable; the score is then computed)")
      ->allow_extra_args(false)
      ->excludes(score);
  assess->add_option("--grade", line.assess_grade, "the qualitative Goodman-Baron grade, 1-4")
      ->check(CLI::Range(1, 4));
  assess->add_option("--rating", line.assess_rating, "the patient's own rating of the scars, 0-10")
      ->check(finite)
      ->check(CLI::Range(0.0, 10.0));
  assess->add_option("--note", line.done_note, "a note on the visit (at most 1000 characters)");
  for (CLI::App* record : {done, assess}) {
    record->add_option(
        "--today",
        line.today,
        "the reference day YYYY-MM-DD (default: SOURCE_DATE_EPOCH or the system date)");
    record->add_option("--clinic", line.run.clinic_path, "clinic settings file (its time zone)");
    record->add_option("--protocol", line.run.protocol_path, "protocol file");
  }

  CLI::App* check =
      app.add_subcommand("check", "validate patient files (and the settings); print only problems");
  add_common(*check, line, false);

  CLI::App* init = app.add_subcommand("init", "write a commented template patient file");
  init->add_option("-o,--output",
                   line.init_output,
                   "the file to write (default: patient.toml; - for standard output)");
  init->add_flag("--force", line.run.force, "replace an existing file");

  CLI::App* defaults = app.add_subcommand("defaults", "print a built-in settings file");
  defaults->add_option("WHICH", line.defaults_which, "clinic or protocol")
      ->check(CLI::IsMember({"clinic", "protocol"}));
  bool where = false;
  defaults->add_flag("--where", where, "say which settings files are in use, and why");

  CLI::App* help = app.add_subcommand("help", "help on scarplan or on one command");
  help->add_option("COMMAND", line.help_command, "the command");

  const std::vector<std::string_view> commands = {"plan",
                                                  "classify",
                                                  "next",
                                                  "progress",
                                                  "book",
                                                  "agenda",
                                                  "done",
                                                  "assess",
                                                  "check",
                                                  "init",
                                                  "defaults",
                                                  "help"};
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& error) {
    return app.exit(error);
  } catch (const CLI::CallForAllHelp& error) {
    return app.exit(error);
  } catch (const CLI::CallForVersion& error) {
    return app.exit(error);
  } catch (const CLI::ParseError& error) {
    // Every message starts "scarplan:", with a did-you-mean for a mistyped command or option.
    std::cerr << "scarplan: error: " << error.what() << "\n";
    if (const auto hint = did_you_mean(app, argc, argv, commands)) {
      std::cerr << "scarplan: did you mean " << *hint << "?\n";
    }
    std::cerr << "scarplan: run 'scarplan help' or 'scarplan help COMMAND' for more\n";
    return scarplan::k_exit_usage;
  }
  if (help->parsed()) {
    if (line.help_command.empty()) {
      std::cout << app.help();
      return scarplan::k_exit_ok;
    }
    for (CLI::App* command : app.get_subcommands({})) {
      if (command->get_name() == line.help_command) {
        std::cout << command->help();
        return scarplan::k_exit_ok;
      }
    }
    std::cerr << "scarplan: error: help: no command " << line.help_command << "\n";
    if (const auto hint = scarplan::closest_match(line.help_command, commands)) {
      std::cerr << "scarplan: did you mean " << *hint << "?\n";
    }
    return scarplan::k_exit_usage;
  }
  if (app.get_subcommands().empty()) {
    std::cerr << "scarplan: error: expected a command: plan, classify, next, progress, book, "
                 "agenda, done, "
                 "assess, check, init, defaults or help\nscarplan: run 'scarplan help' for more\n";
    return scarplan::k_exit_usage;
  }

  if (line.run.output == "-") {
    line.run.output.clear(); // "-o -" is standard output, as everywhere else
  }
  const scarplan::Streams streams{std::cout, std::cerr};
  if (init->parsed()) {
    return scarplan::run_init(
        line.init_output.empty() ? "patient.toml" : line.init_output, line.run.force, streams);
  }
  // Settings: flag > environment > XDG configuration > built in.
  const SettingsSource clinic = settings_source(line.run.clinic_path, "clinic");
  const SettingsSource protocol = settings_source(line.run.protocol_path, "protocol");
  line.run.clinic_path = clinic.path;
  line.run.protocol_path = protocol.path;
  if (defaults->parsed()) {
    if (where) {
      for (const auto& [which, source] : {std::pair{"clinic", clinic}, {"protocol", protocol}}) {
        std::cout << which << ": " << (source.path.empty() ? "built in" : source.path) << " ("
                  << source.why << ")\n";
      }
      return scarplan::k_exit_ok;
    }
    if (line.defaults_which.empty()) {
      std::cerr << "scarplan: error: defaults: expected clinic, protocol or --where\n";
      return scarplan::k_exit_usage;
    }
    return scarplan::run_defaults(line.defaults_which, streams);
  }
  if (std::count(line.run.inputs.begin(), line.run.inputs.end(), "-") > 1) {
    std::cerr << "scarplan: error: standard input (-) can be read only once\n";
    return scarplan::k_exit_usage;
  }
  if (!resolve_today(line)) {
    return scarplan::k_exit_usage;
  }
  if (!line.start.empty()) {
    line.run.start = scarplan::parse_iso_date(line.start);
    if (!line.run.start) {
      std::cerr << "scarplan: error: --start: expected a date YYYY-MM-DD, found \"" << line.start
                << "\"\n";
      return scarplan::k_exit_usage;
    }
  }
  // -o FILE.EXT without -f: the format its extension names; with a different -f, or one the
  // command does not write: a usage error.
  if (const auto implied = format_of_extension(line.run.output)) {
    static const std::map<std::string_view, std::vector<std::string_view>> k_formats = {
        {"plan", {"text", "json", "jsonl", "ics", "csv", "md", "fhir", "html"}},
        {"classify", {"text", "json", "jsonl"}},
        {"next", {"text", "json", "jsonl"}},
        {"progress", {"text", "json", "jsonl", "csv", "svg"}},
        {"book", {"text", "json", "jsonl", "ics", "csv", "md", "fhir", "html"}},
        {"agenda", {"text", "json"}}};
    CLI::App* command = nullptr;
    for (CLI::App* candidate : {plan, classify, next, progress, book, agenda}) {
      command = candidate->parsed() ? candidate : command;
    }
    const bool given = command && command->count("--format") > 0;
    if (given && line.format != *implied) {
      std::cerr << "scarplan: error: -o " << line.run.output << " names the " << *implied
                << " format, but -f says " << line.format << "\n";
      return scarplan::k_exit_usage;
    }
    const auto& accepted = k_formats.at(command ? command->get_name() : "plan");
    if (std::find(accepted.begin(), accepted.end(), *implied) == accepted.end()) {
      std::cerr << "scarplan: error: -o " << line.run.output << ": the " << *implied
                << " format is not available for " << (command ? command->get_name() : "plan")
                << "\n";
      return scarplan::k_exit_usage;
    }
    line.format = *implied;
  }
  if (line.format == "jsonl") { // JSON Lines: the json format, one record per input
    line.format = "json";
    line.run.lines = true;
  }
  if (line.run.lines && line.format == "text") {
    line.format = "json";
  }
  if (line.run.lines && line.format != "json") {
    std::cerr << "scarplan: error: --lines: expected the json format, found -f " << line.format
              << "\n";
    return scarplan::k_exit_usage;
  }
  line.run.format = *scarplan::parse_name<Format>(line.format, scarplan::k_format_names);
  std::error_code ignored; // an unreadable path is not a folder: writing to it will say why
  // A chart or a handout is a document of its own: several go into a folder, never one stream.
  if ((line.run.format == Format::svg || line.run.format == Format::html) &&
      line.run.inputs.size() > 1 &&
      (line.run.output.empty() || (line.run.output.back() != '/' &&
                                   !std::filesystem::is_directory(line.run.output, ignored)))) {
    std::cerr << "scarplan: error: -f " << line.format
              << ": one document per patient: give one file, or -o DIR/ for several\n";
    return scarplan::k_exit_usage;
  }
  if (!line.run.previous_path.empty() &&
      (line.run.format != Format::ics || line.run.inputs.size() != 1)) {
    std::cerr << "scarplan: error: --previous: expected one patient file and -f ics (the "
                 "previous calendar is that patient's)\n";
    return scarplan::k_exit_usage;
  }
  line.run.render.color =
      use_color(line.color) && line.run.output.empty() && line.run.format == Format::text;
  if (plan->parsed()) {
    return scarplan::run_plan(line.run, streams);
  }
  if (classify->parsed()) {
    return scarplan::run_classify(line.run, streams);
  }
  if (next->parsed()) {
    return scarplan::run_next(line.run, streams);
  }
  if (progress->parsed()) {
    return scarplan::run_progress(line.run, streams);
  }
  if (book->parsed()) {
    line.run.first_free = line.method == "first-free";
    return scarplan::run_book(line.run, streams);
  }
  if (agenda->parsed()) {
    for (const auto& [text, day, option] : {std::tuple{line.from, &line.run.from, "--from"},
                                            std::tuple{line.to, &line.run.to, "--to"}}) {
      if (text.empty()) {
        continue;
      }
      *day = scarplan::parse_iso_date(text);
      if (!*day) {
        std::cerr << "scarplan: error: " << option << ": expected a date YYYY-MM-DD, found \""
                  << scarplan::printable(text) << "\"\n";
        return scarplan::k_exit_usage;
      }
    }
    return scarplan::run_agenda(line.run, streams);
  }
  if (done->parsed() || assess->parsed()) {
    const auto day = scarplan::parse_iso_date(line.done_date);
    if (!day) {
      std::cerr << "scarplan: error: --date: expected a date YYYY-MM-DD, found \""
                << scarplan::printable(line.done_date) << "\"\n";
      return scarplan::k_exit_usage;
    }
    if (scarplan::has_control_characters(line.done_note)) {
      std::cerr << "scarplan: error: --note: expected text without control characters\n";
      return scarplan::k_exit_usage;
    }
    if (done->parsed()) {
      const scarplan::DoneOptions options{line.done_file, {*day, line.done_depth, line.done_note}};
      return scarplan::run_done(options, line.run, streams);
    }
    scarplan::AssessOptions options{
        line.done_file,
        {*day, line.assess_score, line.assess_grade, line.assess_rating, line.done_note, {}}};
    for (const auto& text : line.assess_scars) {
      const auto group = parse_scar_group(text);
      if (!group || scarplan::has_control_characters(text)) {
        std::cerr << "scarplan: error: --scar: expected KEY=VALUE pairs separated by commas "
                     "(area=cheek,count=8,width_mm=4), found \""
                  << scarplan::printable(text) << "\"\n";
        return scarplan::k_exit_usage;
      }
      options.assessment.scars.push_back(*group);
    }
    if (!line.assess_score && options.assessment.scars.empty()) {
      std::cerr << "scarplan: error: assess: expected --score or at least one --scar\n";
      return scarplan::k_exit_usage;
    }
    return scarplan::run_assess(options, line.run, streams);
  }
  return scarplan::run_check(line.run, streams);
}
