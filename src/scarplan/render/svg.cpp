// `scarplan progress -f svg`: the outcome score by visit as a chart, sessions given marked. The
// same element is embedded in the HTML handout. Hand-written: a few dozen elements of fixed
// shape, and every number in it must be traceable to the JSON (tests/progress checks them).
#include <scarplan/render/render.hpp>
#include <scarplan/util/dates.hpp>

#include <algorithm>
#include <cstdio>

namespace scarplan {

namespace {

constexpr double k_width = 640;
constexpr double k_height = 300;
constexpr double k_left = 64; // room for the first date label, rotated down to the left
constexpr double k_right = 24;
constexpr double k_top = 36;
constexpr double k_bottom = 64;

std::string
coordinate(double value)
{
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

} // namespace

std::string
render_progress_svg(const Plan& plan, const RenderOptions&)
{
  const Progress& progress = plan.progress;
  // The time axis spans the visits and the sessions given; an undated baseline sits at its start.
  std::vector<date::sys_days> days;
  for (const auto& visit : progress.visits) {
    if (visit.date) {
      days.push_back(*visit.date);
    }
  }
  for (const auto& session : plan.patient.sessions_done) {
    days.push_back(date::sys_days{session.date});
  }
  if (days.empty()) {
    days.push_back(plan.today);
  }
  const date::sys_days first = *std::min_element(days.begin(), days.end());
  const date::sys_days last = *std::max_element(days.begin(), days.end());
  const double span_days = std::max(1, (last - first).count());
  int highest = 10;
  for (const auto& visit : progress.visits) {
    highest = std::max(highest, visit.score);
  }
  highest = (highest + 4) / 5 * 5;
  const double plot_width = k_width - k_left - k_right;
  const double plot_height = k_height - k_top - k_bottom;
  const auto x_of = [&](date::sys_days day) {
    return k_left + plot_width * (day - first).count() / span_days;
  };
  const auto y_of = [&](int score) {
    return k_top + plot_height * (highest - score) / static_cast<double>(highest);
  };

  std::string out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"progress-chart\" viewBox=\"0 0 " +
      coordinate(k_width) + " " + coordinate(k_height) +
      "\" role=\"img\" aria-label=\"Scar score by visit, lower is better\" "
      "data-first-day=\"" +
      iso_date(first) + "\" data-span-days=\"" + coordinate(span_days) + "\" data-highest=\"" +
      std::to_string(highest) + "\">\n";
  out += "<title>Scar score by visit</title>\n";
  out += "<desc>Goodman-Baron quantitative score at each of " +
         std::to_string(progress.visits.size()) +
         " visits, lower is better; dashed lines mark the sessions given.</desc>\n";
  out += "<g font-family=\"sans-serif\" font-size=\"12\" fill=\"#1a1a1a\">\n";
  // The score axis: a grid line and label every fifth of the range.
  for (int step = 0; step <= 5; ++step) {
    const int score = highest * step / 5;
    const std::string y = coordinate(y_of(score));
    out += "<line x1=\"" + coordinate(k_left) + "\" y1=\"" + y + "\" x2=\"" +
           coordinate(k_width - k_right) + "\" y2=\"" + y + "\" stroke=\"#d0d0d0\"/>\n";
    out += "<text x=\"" + coordinate(k_left - 6) + "\" y=\"" + coordinate(y_of(score) + 4) +
           "\" text-anchor=\"end\">" + std::to_string(score) + "</text>\n";
  }
  out += "<text x=\"" + coordinate(k_left) +
         "\" y=\"20\" font-weight=\"bold\">Scar score (lower is "
         "better)</text>\n";
  int number = 0;
  for (const auto& session : plan.patient.sessions_done) {
    const std::string x = coordinate(x_of(date::sys_days{session.date}));
    ++number;
    out += "<line class=\"session\" data-date=\"" + iso_date(session.date) + "\" x1=\"" + x +
           "\" y1=\"" + coordinate(k_top) + "\" x2=\"" + x + "\" y2=\"" +
           coordinate(k_top + plot_height) +
           "\" stroke=\"#555555\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"><title>session " +
           std::to_string(number) + ", " + iso_date(session.date) + "</title></line>\n";
  }
  std::string points;
  std::string markers;
  for (const auto& visit : progress.visits) {
    const std::string x = coordinate(visit.date ? x_of(*visit.date) : k_left);
    const std::string y = coordinate(y_of(visit.score));
    const std::string day = visit.date ? iso_date(*visit.date) : "";
    points += (points.empty() ? "" : " ") + x + "," + y;
    markers += "<circle class=\"visit\" data-date=\"" + day + "\" data-score=\"" +
               std::to_string(visit.score) + "\" cx=\"" + x + "\" cy=\"" + y +
               "\" r=\"5\" fill=\"#1f4e79\"><title>" + (day.empty() ? "baseline" : day) +
               ": score " + std::to_string(visit.score) + "</title></circle>\n";
    markers += "<text x=\"" + x + "\" y=\"" + coordinate(k_top + plot_height + 16) +
               "\" font-size=\"10\" text-anchor=\"end\" transform=\"rotate(-30 " + x + " " +
               coordinate(k_top + plot_height + 16) + ")\">" + (day.empty() ? "baseline" : day) +
               "</text>\n";
  }
  out += "<polyline class=\"score-line\" points=\"" + points +
         "\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2\"/>\n";
  out += markers;
  out += "</g>\n</svg>\n";
  return out;
}

} // namespace scarplan
