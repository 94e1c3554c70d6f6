#include <scarplan/render/format.hpp>
#include <scarplan/render/render.hpp>
#include <scarplan/util/text.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace scarplan {

namespace {

class Style
{
public:
  explicit Style(bool color) : m_color(color) {}
  std::string heading(std::string_view text) const { return wrap("\x1b[1m", text); }
  std::string session(std::string_view text) const { return wrap("\x1b[7m", text); }
  std::string recovery(std::string_view text) const { return wrap("\x1b[33m", text); }
  std::string warning(std::string_view text) const { return wrap("\x1b[31m", text); }
  std::string dim(std::string_view text) const { return wrap("\x1b[2m", text); }

private:
  std::string wrap(std::string_view code, std::string_view text) const
  {
    return m_color ? std::string(code) + std::string(text) + "\x1b[0m" : std::string(text);
  }
  bool m_color;
};

// Columns aligned by display width; numeric columns to the right.
class Table
{
public:
  explicit Table(std::vector<std::string> header, std::string right_aligned = "")
      : m_right(std::move(right_aligned))
  {
    m_rows.push_back(std::move(header));
  }
  void add(std::vector<std::string> row) { m_rows.push_back(std::move(row)); }
  std::string render(std::string_view indent) const
  {
    std::vector<std::size_t> widths;
    for (const auto& row : m_rows) {
      widths.resize(std::max(widths.size(), row.size()));
      for (std::size_t c = 0; c < row.size(); ++c) {
        widths[c] = std::max(widths[c], display_width(row[c]));
      }
    }
    std::string out;
    for (const auto& row : m_rows) {
      std::string line(indent);
      for (std::size_t c = 0; c < row.size(); ++c) {
        const std::string pad(widths[c] - display_width(row[c]), ' ');
        const bool right = c < m_right.size() && m_right[c] == 'r';
        line += right ? pad + row[c] : row[c] + (c + 1 < row.size() ? pad : "");
        if (c + 1 < row.size()) {
          line += "  ";
        }
      }
      while (!line.empty() && line.back() == ' ') {
        line.pop_back();
      }
      out += line + "\n";
    }
    return out;
  }

private:
  std::vector<std::vector<std::string>> m_rows;
  std::string m_right;
};

std::string
source_line(const RenderOptions& options, std::string_view source)
{
  return options.explain && !source.empty() ? "      source: " + printable(source) + "\n" : "";
}

std::string
findings_text(const std::vector<Finding>& items,
              const RenderOptions& options,
              std::string_view bullet = "  - ")
{
  std::string out;
  for (const auto& item : items) {
    out += std::string(bullet) + printable(item.text) + "\n" + source_line(options, item.source);
  }
  return out;
}

std::string
header_text(const Plan& plan, const Style& style, std::string_view title)
{
  std::string out = style.heading(std::string(title) + " " + plan.patient.id);
  if (!plan.patient.name.empty()) {
    out += "  " + printable(plan.patient.name);
  }
  out += "\n";
  out += "reference day " + iso_date(plan.today) + ", age " + std::to_string(plan.age) +
         ", Fitzpatrick " + phototype_roman(plan.patient.phototype) + "\n";
  return out;
}

std::string
scars_text(const Plan& plan, const RenderOptions& options, const Style& style)
{
  std::string out = "\n" + style.heading("SCARS") + "\n";
  if (plan.scars.empty()) {
    return out + "  none recorded\n";
  }
  Table table(
      {"#", "where", "count", "width", "depth", "class", "confidence", "response", "adjuncts"},
      "r_rrr");
  for (std::size_t i = 0; i < plan.scars.size(); ++i) {
    const ScarGroup& group = plan.patient.scars[i];
    const ScarAssessment& scar = plan.scars[i];
    std::string adjuncts =
        join(scar.adjuncts, ", ", [](Adjunct adjunct) { return name_of(adjunct); });
    if (adjuncts.empty() && !scar.adjunct_note.empty()) {
      adjuncts = printable(scar.adjunct_note.substr(0, scar.adjunct_note.find(':')));
    }
    const auto measure = [](const std::optional<double>& v) {
      return v ? format_number(*v) : std::string("-");
    };
    table.add({std::to_string(i + 1),
               scar_where(group),
               std::to_string(group.count),
               measure(group.width_mm),
               group.raised_mm > 0 ? "+" + format_number(group.raised_mm) : measure(group.depth_mm),
               class_label(scar.scar_class) + (scar.from_file ? " *" : ""),
               scar.borderline ? "borderline" : "high",
               std::string(name_of(scar.response)),
               adjuncts.empty() ? "-" : adjuncts});
  }
  out += table.render("  ");
  out += style.dim("  widths and depths in mm; * the practitioner's type") + "\n";
  for (std::size_t i = 0; i < plan.scars.size(); ++i) {
    const ScarAssessment& scar = plan.scars[i];
    if (scar.borderline) {
      out += "  " + std::to_string(i + 1) + ": borderline, could be " +
             class_label(*scar.alternative) + "; settle with " + printable(scar.settle_test) + "\n";
    }
    if (scar.from_file && scar.measured && *scar.measured != scar.scar_class) {
      out += "  " + std::to_string(i + 1) + ": the measurements alone give " +
             class_label(*scar.measured) + "\n";
    }
    if (!plan.patient.scars[i].note.empty()) {
      out +=
          "  " + std::to_string(i + 1) + ": note: " + printable(plan.patient.scars[i].note) + "\n";
    }
    if (options.explain) {
      out += findings_text(scar.reasons, options, "  " + std::to_string(i + 1) + ": ");
    }
  }
  return out;
}

std::string
severity_text(const Plan& plan, const RenderOptions& options, const Style& style)
{
  const Severity& severity = plan.severity;
  std::string out = "\n" + style.heading("SEVERITY") + "\n";
  out += "  Goodman-Baron grade " +
         (severity.grade ? std::to_string(*severity.grade) : std::string("-")) +
         (severity.grade_from_file      ? " (from the file)"
          : severity.needs_confirmation ? " (estimated: confirm it)"
                                        : " (estimated)") +
         ", quantitative score " + std::to_string(severity.score) + "\n";
  for (const auto& item : severity.score_items) {
    out += "    " + item.lesion + ": " + std::to_string(item.points) + " x " +
           std::to_string(item.factor) + " (" + std::to_string(item.lesions) + " lesions, " +
           (item.by_area ? "area" : "count") + " factor) = " + std::to_string(item.score) + "\n";
  }
  if (options.explain) {
    out += findings_text(severity.reasons, options);
  }
  return out;
}

std::string
eligibility_text(const Plan& plan, const RenderOptions& options, const Style& style)
{
  const Eligibility& eligibility = plan.eligibility;
  std::string status(name_of(eligibility.status));
  if (eligibility.earliest_start) {
    status += " until " + iso_date(*eligibility.earliest_start);
  }
  std::string out = "\n" + style.heading("ELIGIBILITY") + "\n  " +
                    (eligibility.status == Status::eligible ? status : style.warning(status)) +
                    "\n";
  out += findings_text(eligibility.reasons, options);
  if (!eligibility.precautions.empty()) {
    out += "  precautions:\n" + findings_text(eligibility.precautions, options, "  - ");
  }
  return out;
}

std::string
recommendation_text(const Plan& plan, const RenderOptions& options, const Style& style)
{
  const Recommendation& r = plan.recommendation;
  if (r.sessions == 0) {
    return "";
  }
  std::string out = "\n" + style.heading("RECOMMENDATION") + "\n";
  out += "  " + std::to_string(r.sessions) + " sessions";
  if (r.done > 0) {
    out += " (" + std::to_string(r.done) + " given, " + std::to_string(r.remaining) + " to go)";
  }
  out += ", every " + std::to_string(r.interval_days) + " days (window " +
         std::to_string(r.interval_min_days) + "-" + std::to_string(r.interval_max_days) + ")\n";
  out += "  needle depth: " + depths_text(r.depths) + "\n";
  for (const auto& notice : r.notices) {
    out += "  " +
           (notice.code == "depth_adjust" ? printable(notice.text)
                                          : style.warning(printable(notice.text))) +
           "\n" + source_line(options, notice.source);
  }
  const std::string requested =
      join(r.requested, ", ", [](Adjunct adjunct) { return human_name(adjunct); });
  out += "  adjuncts requested: " + (requested.empty() ? std::string("none") : requested) + "\n";
  for (const auto& advice : r.suggested) {
    const bool asked =
        std::find(r.requested.begin(), r.requested.end(), advice.adjunct) != r.requested.end();
    out += "  suggested: " + std::string(human_name(advice.adjunct)) + " " + printable(advice.why) +
           (asked ? " (requested)" : " (not priced until requested)") + "\n";
    out += source_line(options, advice.source);
  }
  if (options.explain) {
    out += findings_text(r.reasons, options);
  }
  return out;
}

// "-4 (-25.0%)": the change from the baseline, negative when better.
std::string
change_text(const VisitScore& visit, bool baseline)
{
  if (baseline) {
    return "baseline";
  }
  std::string out = (visit.change_points > 0 ? "+" : "") + std::to_string(visit.change_points);
  if (visit.change_percent) {
    char percent[32];
    std::snprintf(percent, sizeof percent, " (%+.1f%%)", *visit.change_percent);
    out += percent;
  }
  return out;
}

// One character per visit, its height the score on 0 to the course's highest: a chart that
// fits a terminal line and a pipe alike.
std::string
sparkline(const std::vector<VisitScore>& visits)
{
  static constexpr std::string_view k_bars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  int highest = 1;
  for (const auto& visit : visits) {
    highest = std::max(highest, visit.score);
  }
  std::string out;
  for (const auto& visit : visits) {
    out += k_bars[static_cast<std::size_t>(visit.score * 7 / highest)];
  }
  return out;
}

std::string
progress_text(const Plan& plan, const RenderOptions& options, const Style& style)
{
  const Progress& progress = plan.progress;
  std::string out =
      "\n" + style.heading("PROGRESS") + "  " + std::string(name_of(progress.verdict)) + "\n";
  Table table({"visit", "score", "change", "sessions", "grade", "rating"}, "lrrrrr");
  for (std::size_t i = 0; i < progress.visits.size(); ++i) {
    const VisitScore& visit = progress.visits[i];
    table.add({visit.date ? iso_date(*visit.date) : "undated",
               std::to_string(visit.score) + (visit.computed ? "" : "*"),
               change_text(visit, i == 0),
               std::to_string(visit.sessions_before),
               visit.grade ? std::to_string(*visit.grade) : "",
               visit.rating ? format_number(*visit.rating) : ""});
  }
  out += table.render("  ");
  out += "  chart " + sparkline(progress.visits) + "  (Goodman-Baron score, lower is better" +
         (std::any_of(progress.visits.begin(),
                      progress.visits.end(),
                      [](const VisitScore& v) { return !v.computed; })
              ? "; * given, not computed"
              : "") +
         (progress.baseline_from_plan ? "; baseline: the plan's [[scars]]" : "") + ")\n";
  // The verdict's own words, unless the recommendation or the eligibility already carry them
  // (with what the verdict changed in the plan).
  for (const auto& reason : progress.reasons) {
    const auto same = [&](const Finding& f) { return f.code == reason.code; };
    if (std::none_of(
            plan.recommendation.notices.begin(), plan.recommendation.notices.end(), same) &&
        std::none_of(plan.eligibility.reasons.begin(), plan.eligibility.reasons.end(), same)) {
      out += findings_text({reason}, options);
    }
  }
  return out;
}

std::string
agenda_text(const Plan& plan, const RenderOptions& options, const Style& style)
{
  if (plan.sessions.empty()) {
    return "";
  }
  std::string out = "\n" + style.heading("AGENDA") + " " +
                    style.dim("(times in " + plan.clinic->timezone_name + ")") + "\n";
  const int total = plan.recommendation.sessions;
  const auto visit = [&](const FollowUp& item) {
    out += "  " + weekday_date(item.date) + "  " + visit_name(item.kind) + ": " +
           printable(item.text) + "\n" + source_line(options, item.source);
  };
  for (const auto& item : plan.follow_up) {
    if (item.date < plan.sessions.front().date) {
      visit(item);
    }
  }
  for (const auto& session : plan.sessions) {
    std::string what = join(session.zones, " + ", [](Zone zone) { return name_of(zone); });
    what += " (" + depths_text(session.depths) + ")";
    for (const Adjunct adjunct : session.adjuncts) {
      what += " + " + std::string(name_of(adjunct));
    }
    const std::string zone_abbreviation = plan.clinic->zone->get_info(session.start.utc).abbrev;
    out += "  " + style.session(weekday_date(session.date)) + "  " + clock(session.start) + "-" +
           clock(session.end) + " " + zone_abbreviation + "  session " +
           std::to_string(session.number) + " of " + std::to_string(total) + ": " + what +
           "; arrive " + clock(session.arrive) + " for numbing" +
           (session.booking ? "; " + where_booked(session) : "") + "\n";
    if (!session.depends_on.empty()) {
      out += "      " + style.warning("depends on the " + visit_name(session.depends_on)) + "\n";
    }
    for (const auto& note : session.notes) {
      out += "      " + style.warning("note: " + printable(note)) + "\n";
    }
    const auto items = [&](const std::vector<DatedItem>& list, std::string_view label) {
      for (const auto& item : list) {
        std::string when = date::format("%b %d", item.first);
        if (item.last != item.first) {
          when += "-" + date::format("%b %d", item.last);
        }
        when.resize(std::max<std::size_t>(when.size(), 13), ' ');
        out += "      " + when + " " + std::string(label) + " " + printable(item.text) + "\n" +
               source_line(options, item.source);
      }
    };
    items(session.prep, "before");
    items(session.recovery, "after ");
  }
  for (const auto& item : plan.follow_up) {
    if (item.date >= plan.sessions.front().date) {
      visit(item);
    }
  }
  return out;
}

// Month grids like cal(1), three to a row: [dd] session days, dd~ recovery days.
std::string
calendar_text(const Plan& plan, const Style& style)
{
  if (plan.sessions.empty()) {
    return "";
  }
  const CourseCalendar calendar = course_calendar(plan);
  std::vector<std::vector<std::string>> months; // each: title, weekday header, 6 week rows
  for (date::year_month ym = calendar.first; ym <= calendar.last; ym += date::months{1}) {
    std::vector<std::string> lines;
    const std::string title = date::format("%B %Y", ym / 1);
    const std::size_t pad = (28 - title.size()) / 2;
    lines.push_back(std::string(pad, ' ') + title + std::string(28 - pad - title.size(), ' '));
    lines.push_back("  Su  Mo  Tu  We  Th  Fr  Sa  ");
    const date::sys_days start = date::sys_days{ym / 1};
    const unsigned offset = date::weekday{start}.c_encoding();
    const unsigned length = static_cast<unsigned>((ym / date::last).day());
    for (unsigned week = 0; week < 6; ++week) {
      std::string line;
      for (unsigned column = 0; column < 7; ++column) {
        const int day_number = static_cast<int>(week * 7 + column) - static_cast<int>(offset) + 1;
        if (day_number < 1 || day_number > static_cast<int>(length)) {
          line += "    ";
          continue;
        }
        const date::sys_days day = start + date::days{day_number - 1};
        char number[16];
        std::snprintf(number, sizeof number, "%2d", day_number);
        if (calendar.sessions.count(day)) {
          line += style.session("[" + std::string(number) + "]");
        } else if (calendar.recovery.count(day)) {
          line += style.recovery(" " + std::string(number) + "~");
        } else {
          line += " " + std::string(number) + " ";
        }
      }
      lines.push_back(line);
    }
    months.push_back(std::move(lines));
  }
  std::string out =
      "\n" + style.heading("CALENDAR") + " " + style.dim("[dd] session, dd~ recovery") + "\n";
  for (std::size_t row = 0; row < months.size(); row += 3) {
    const std::size_t end = std::min(months.size(), row + 3);
    for (std::size_t line = 0; line < months[row].size(); ++line) {
      std::string text;
      for (std::size_t m = row; m < end; ++m) {
        text += (m > row ? "  " : "") + months[m][line];
      }
      while (!text.empty() && text.back() == ' ') {
        text.pop_back();
      }
      out += text.empty() ? "" : text + "\n";
    }
  }
  return out;
}

std::string
costs_text(const Plan& plan, const Style& style)
{
  if (plan.sessions.empty()) {
    return "";
  }
  const Costs& costs = plan.costs;
  std::string out = "\n" + style.heading("COSTS") + " (" + costs.currency +
                    (costs.package ? ", package price" : "") + ")\n";
  Table table({"session", "date", "items", "subtotal", "discount", "tax", "total"}, "r__rrrr");
  for (const auto& session : plan.sessions) {
    const std::string items = join(session.cost.items, " + ", [&](const CostLine& line) {
      return line.code + " " + money(plan, line.amount);
    });
    table.add(
        {std::to_string(session.number),
         iso_date(session.date),
         items,
         money(plan, session.cost.subtotal),
         session.cost.discount > 0 ? "-" + money(plan, session.cost.discount) : money(plan, 0),
         money(plan, session.cost.tax),
         money(plan, session.cost.total)});
  }
  table.add({"",
             "",
             "course",
             money(plan, costs.subtotal),
             costs.discount > 0 ? "-" + money(plan, costs.discount) : money(plan, 0),
             money(plan, costs.tax),
             money(plan, costs.total)});
  out += table.render("  ");
  if (costs.package) {
    out += "  deposit " + money(plan, costs.deposit) + " due " + iso_date(costs.deposit_due) +
           " (at booking)\n";
  }
  out += "  payments:";
  for (const auto& installment : costs.installments) {
    out += " " + money(plan, installment.amount) + " on " + iso_date(installment.due) + ";";
  }
  out.back() = '\n';
  return out;
}

std::string
notes_text(const Plan& plan, const Style& style)
{
  if (plan.notes.empty()) {
    return "";
  }
  std::string out = "\n" + style.heading("NOTES") + "\n";
  for (const auto& note : plan.notes) {
    out += "  - " + printable(note) + "\n";
  }
  return out;
}

} // namespace

std::string
render_text(const Plan& plan, const RenderOptions& options)
{
  const Style style(options.color);
  std::string out = header_text(plan, style, "scarplan plan");
  out += "clinic " + printable(plan.clinic->name) + " (" + plan.clinic->timezone_name +
         "), protocol " + printable(plan.protocol->name) + "\n";
  out += scars_text(plan, options, style);
  out += severity_text(plan, options, style);
  out += eligibility_text(plan, options, style);
  out += recommendation_text(plan, options, style);
  if (plan.progress.followed) {
    out += progress_text(plan, options, style);
  }
  out += agenda_text(plan, options, style);
  out += calendar_text(plan, style);
  out += costs_text(plan, style);
  out += notes_text(plan, style);
  return out;
}

std::string
render_classification_text(const Plan& plan, const RenderOptions& options)
{
  const Style style(options.color);
  std::string out = header_text(plan, style, "scarplan classify");
  out += scars_text(plan, options, style);
  if (!options.explain) {
    // classify always gives the reason for each call; --explain adds the sources.
    for (std::size_t i = 0; i < plan.scars.size(); ++i) {
      out += findings_text(plan.scars[i].reasons, options, "  " + std::to_string(i + 1) + ": ");
    }
  }
  out += severity_text(plan, options, style);
  if (!options.explain) {
    out += findings_text(plan.severity.reasons, options);
  }
  return out;
}

std::string
render_progress_text(const Plan& plan, const RenderOptions& options)
{
  const Style style(options.color);
  std::string out = header_text(plan, style, "scarplan progress");
  out += progress_text(plan, options, style);
  const Recommendation& r = plan.recommendation;
  out += "  course: " + std::to_string(r.done) + " of " + std::to_string(r.sessions) +
         " sessions given, " + std::to_string(r.remaining) + " to plan (" +
         std::string(name_of(plan.eligibility.status)) + ")\n";
  // What the verdict changed: the recommendation's notices, or the eligibility (worsening).
  for (const auto* findings : {&r.notices, &plan.eligibility.reasons}) {
    for (const auto& finding : *findings) {
      if (finding.code.rfind("progress_", 0) == 0) {
        out += "  " + style.warning(printable(finding.text)) + "\n" +
               source_line(options, finding.source);
      }
    }
  }
  return out;
}

std::string
render(Format format, const Plan& plan, const RenderOptions& options)
{
  switch (format) {
  case Format::json:
    return render_json(plan, options);
  case Format::ics:
    return render_ics(plan, options);
  case Format::csv:
    return render_csv(plan, options, true);
  case Format::md:
    return render_markdown(plan, options);
  case Format::fhir:
    return render_fhir(plan, options);
  case Format::svg:
    return render_progress_svg(plan, options);
  case Format::html:
    return render_html(plan, options);
  case Format::text:
    break;
  }
  return render_text(plan, options);
}

std::string
render_progress(Format format, const Plan& plan, const RenderOptions& options)
{
  switch (format) {
  case Format::json:
    return render_progress_json(plan, options);
  case Format::csv:
    return render_progress_csv(plan, true);
  case Format::svg:
    return render_progress_svg(plan, options);
  default:
    return render_progress_text(plan, options);
  }
}

} // namespace scarplan
