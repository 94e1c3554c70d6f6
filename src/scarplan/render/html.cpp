// `-f html`: the patient's handout. One self-contained page (inline CSS, no script, no external
// resource), printable on A4 or US Letter: the course at a glance with month calendars, each
// session with what to do before and after it, the costs, and the clinic's contact details.
#include <scarplan/render/format.hpp>
#include <scarplan/render/render.hpp>
#include <scarplan/util/text.hpp>

#include <algorithm>

namespace scarplan {

namespace {

// Large type, black on white; the two filled calendar cells keep a contrast above WCAG AA
// (white on #1f4e79 is 9:1, black on #dcdcdc 14:1) and carry a text mark, never colour alone.
// No page size: the browser's print dialog chooses A4 or Letter, and the layout fits both.
constexpr std::string_view k_style = R"(
@page { margin: 14mm 12mm; }
html { color: #111111; background: #ffffff; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 12pt;
  line-height: 1.35; max-width: 186mm; margin: 0 auto; }
h1 { font-size: 20pt; margin: 0 0 2mm; }
h2 { font-size: 15pt; margin: 6mm 0 2mm; border-bottom: 1px solid #555555; }
h3 { font-size: 13pt; margin: 4mm 0 1mm; }
p, ul { margin: 1mm 0 2mm; }
.clinic { font-size: 11pt; margin-bottom: 4mm; }
.glance { font-size: 13pt; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: 1mm 2mm; border: 1px solid #777777; }
td.amount, th.amount { text-align: right; }
.months { display: flex; flex-wrap: wrap; gap: 4mm; }
.month { break-inside: avoid; }
.month caption { font-weight: bold; text-align: left; padding-bottom: 1mm; }
.month th, .month td { width: 6.5mm; padding: 0.3mm; text-align: center;
  font-size: 9.5pt; line-height: 1.15; border: 1px solid #bbbbbb; }
.month td.session { color: #ffffff; background: #1f4e79; font-weight: bold; }
.month td.recovery { color: #111111; background: #dcdcdc; }
.legend { font-size: 10pt; }
ul.steps { list-style: none; padding-left: 0; }
ul.steps li { break-inside: avoid; margin-bottom: 1.5mm; }
.tick { white-space: nowrap; font-size: 10pt; margin-right: 2mm; }
.tick::before { content: "\2610\00a0"; font-size: 12pt; }
.chart svg { width: 100%; max-width: 160mm; height: auto; }
dl.words dt { font-weight: bold; }
dl.words dd { margin: 0 0 1mm 5mm; }
footer { margin-top: 6mm; font-size: 11pt; }
)";

// Text as HTML: the five characters markup gives meaning to are escaped, control characters
// never reach the page.
std::string
html(std::string_view text)
{
  std::string out;
  for (const char c : printable(text)) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

// "Tuesday 12 January 2027", as people read dates (the day unpadded, which no strftime field
// gives); the ISO date goes in a <time> element.
std::string
long_date(date::sys_days day)
{
  return date::format("%A ", day) +
         std::to_string(static_cast<unsigned>(date::year_month_day{day}.day())) +
         date::format(" %B %Y", day);
}

std::string
time_element(date::sys_days day)
{
  return "<time datetime=\"" + iso_date(day) + "\">" + long_date(day) + "</time>";
}

// "Tue 2 Feb": short, for checklists.
std::string
short_date(date::sys_days day)
{
  return date::format("%a ", day) +
         std::to_string(static_cast<unsigned>(date::year_month_day{day}.day())) +
         date::format(" %b", day);
}

std::string
amount(const Plan& plan, MinorUnits value)
{
  return money(plan, value) + " " + plan.costs.currency;
}

// When an item applies, relative to its session: "7 days before", "on the day", "from day 7".
std::string
relative(const DatedItem& item, date::sys_days session, bool before)
{
  const int days = before ? (session - item.first).count() : (item.first - session).count();
  const int span = (item.last - item.first).count() + 1;
  if (before) {
    if (days == 0) {
      return "On the day";
    }
    return "From " + std::to_string(days) + (days == 1 ? " day" : " days") + " before";
  }
  if (days == 0) {
    return span > 1 ? "For " + std::to_string(span) + " days" : "On the day";
  }
  return "From day " + std::to_string(days + 1) +
         (span > 1 ? ", for " + std::to_string(span) + " days" : "");
}

void
header(std::string& out, const Plan& plan, const RenderOptions& options)
{
  const Clinic& clinic = *plan.clinic;
  out += "<header>\n<h1>Your microneedling plan</h1>\n<p class=\"clinic\"><strong>" +
         html(clinic.name) + "</strong>";
  for (const auto* line : {&clinic.contact.address, &clinic.contact.phone, &clinic.contact.web}) {
    if (!line->empty()) {
      out += "<br>" + html(*line);
    }
  }
  out += "</p>\n<p>For: " + html(plan.patient.id);
  if (options.with_name && !plan.patient.name.empty()) {
    out += ", " + html(plan.patient.name);
  }
  out += ". Prepared on " + time_element(plan.today) + ". Times are local (" +
         html(clinic.timezone_name) + ").</p>\n</header>\n";
}

void
glance(std::string& out, const Plan& plan)
{
  const Recommendation& r = plan.recommendation;
  out += "<section>\n<h2>Your course at a glance</h2>\n<ul class=\"glance\">\n";
  out += "<li>" + std::to_string(plan.sessions.size()) + " session" +
         (plan.sessions.size() == 1 ? "" : "s") + " to come";
  if (r.done > 0) {
    out += " (" + std::to_string(r.done) + " already given)";
  }
  if (plan.sessions.size() > 1) {
    out += r.interval_days % 7 == 0
               ? ", about every " + std::to_string(r.interval_days / 7) + " weeks"
               : ", about every " + std::to_string(r.interval_days) + " days";
  }
  out += ".</li>\n";
  out += "<li>First: " + time_element(plan.sessions.front().date) + " at " +
         clock(plan.sessions.front().start) + ".</li>\n";
  if (plan.sessions.size() > 1) {
    out += "<li>Last: " + time_element(plan.sessions.back().date) + ".</li>\n";
  }
  out += "<li>Each visit takes about " +
         std::to_string(std::chrono::duration_cast<std::chrono::minutes>(
                            plan.sessions.front().end.utc - plan.sessions.front().arrive.utc)
                            .count()) +
         " minutes, numbing cream included.</li>\n";
  out += "<li>Total cost: <strong>" + amount(plan, plan.costs.total) + "</strong>.</li>\n";
  out += "</ul>\n";
}

// One month grid per month of the course: sessions and the recovery days after them.
void
calendars(std::string& out, const Plan& plan)
{
  const CourseCalendar calendar = course_calendar(plan);
  out += "<div class=\"months\">\n";
  // Any Monday, to name the weekdays of the header, Monday first.
  constexpr date::sys_days k_monday{date::year{2024} / 1 / 1};
  for (date::year_month month = calendar.first; month <= calendar.last; month += date::months{1}) {
    out += "<table class=\"month\">\n<caption>" + date::format("%B %Y", month / 1) +
           "</caption>\n<tr>";
    for (int i = 0; i < 7; ++i) {
      const std::string name = date::format("%A", k_monday + date::days{i});
      out += "<th scope=\"col\"><abbr title=\"" + name + "\">" + name.substr(0, 2) + "</abbr></th>";
    }
    out += "</tr>\n<tr>";
    const date::sys_days start{month / 1};
    const int lead = (date::weekday{start}.iso_encoding() - 1);
    for (int i = 0; i < lead; ++i) {
      out += "<td></td>";
    }
    const auto days = static_cast<unsigned>((month / date::last).day());
    int column = lead;
    for (unsigned d = 1; d <= days; ++d) {
      const date::sys_days day = start + date::days{d - 1};
      if (column == 7) {
        out += "</tr>\n<tr>";
        column = 0;
      }
      if (const auto session = calendar.sessions.find(day); session != calendar.sessions.end()) {
        out += "<td class=\"session\">" + std::to_string(d) + "<br>S" +
               std::to_string(session->second) + "</td>";
      } else if (calendar.recovery.count(day)) {
        out += "<td class=\"recovery\">" + std::to_string(d) + "<br>~</td>";
      } else {
        out += "<td>" + std::to_string(d) + "</td>";
      }
      ++column;
    }
    for (; column < 7; ++column) {
      out += "<td></td>";
    }
    out += "</tr>\n</table>\n";
  }
  out += "</div>\n<p class=\"legend\">S2: session 2 (dark). ~: a recovery day (grey): redness "
         "and swelling are expected.</p>\n</section>\n";
}

// Each session's day and times, in one table.
void
sessions(std::string& out, const Plan& plan)
{
  out += "<section>\n<h2>Your sessions</h2>\n<table>\n<tr><th scope=\"col\">Session</th><th "
         "scope=\"col\">Date</th><th scope=\"col\">Arrive at</th><th "
         "scope=\"col\">Treatment</th></tr>\n";
  for (const auto& session : plan.sessions) {
    out += "<tr><td>" + std::to_string(session.number) + "</td><td>" + time_element(session.date) +
           "</td><td><strong>" + clock(session.arrive) + "</strong></td><td>" +
           clock(session.start) + " to " + clock(session.end) +
           (session.booking ? ", " + html(where_booked(session)) : "") + "</td></tr>\n";
  }
  out += "</table>\n<p>Arrive early: the numbing cream needs time to work.</p>\n";
  if (!plan.follow_up.empty()) {
    out += "<h3>After the course</h3>\n<ul>\n";
    for (const auto& visit : plan.follow_up) {
      out += "<li>" + time_element(visit.date) + ": " + html(visit.text) + "</li>\n";
    }
    out += "</ul>\n";
  }
  out += "</section>\n";
}

// What to do before and after the sessions: each step once, timed relative to a session, with
// a box to tick for each session on its own date. The steps are the same rules at every session;
// a step that only some sessions have (an adjunct's) lists only their dates.
void
checklists(std::string& out, const Plan& plan)
{
  out += "<section>\n<h2>What to do before and after each session</h2>\n<p>Tick each box when "
         "it is done. The date under a step is when to start it for that session.</p>\n";
  for (const bool before : {true, false}) {
    out += before ? "<h3>Before</h3>\n" : "<h3>After</h3>\n";
    out += "<ul class=\"steps\">\n";
    std::vector<std::size_t> rules; // in the order of the first session that has them
    for (const auto& session : plan.sessions) {
      for (const auto& item : before ? session.prep : session.recovery) {
        if (std::find(rules.begin(), rules.end(), item.rule) == rules.end()) {
          rules.push_back(item.rule);
        }
      }
    }
    for (const std::size_t rule : rules) {
      std::string dates;
      std::string when;
      std::string_view text;
      for (const auto& session : plan.sessions) {
        for (const auto& item : before ? session.prep : session.recovery) {
          if (item.rule == rule) {
            if (when.empty()) {
              when = relative(item, session.date, before);
              text = item.text;
            }
            dates += "<span class=\"tick\">S" + std::to_string(session.number) + " " +
                     short_date(item.first) + "</span> ";
          }
        }
      }
      out += "<li><strong>" + when + ":</strong> " + html(text) + "<br>" + dates + "</li>\n";
    }
    out += "</ul>\n";
  }
  out += "</section>\n";
}

void
costs(std::string& out, const Plan& plan)
{
  const Costs& c = plan.costs;
  out += "<section>\n<h2>Costs and payments</h2>\n<table>\n<caption>Amounts in " + c.currency +
         "</caption>\n<tr><th scope=\"col\">Session</th><th scope=\"col\">Date</th><th "
         "scope=\"col\" class=\"amount\">Amount</th></tr>\n";
  for (const auto& session : plan.sessions) {
    out += "<tr><td>" + std::to_string(session.number) + "</td><td>" + short_date(session.date) +
           " " + std::to_string(static_cast<int>(date::year_month_day{session.date}.year())) +
           "</td><td class=\"amount\">" + money(plan, session.cost.total) + "</td></tr>\n";
  }
  if (c.discount > 0) {
    out += "<tr><td colspan=\"2\">Package discount (included above)</td><td "
           "class=\"amount\">-" +
           money(plan, c.discount) + "</td></tr>\n";
  }
  out += "<tr><th scope=\"row\" colspan=\"2\">Total, tax included</th><td "
         "class=\"amount\"><strong>" +
         money(plan, c.total) + "</strong></td></tr>\n</table>\n";
  out += "<ul>\n";
  if (c.deposit > 0) {
    out += "<li>Deposit of " + amount(plan, c.deposit) + " when you book (" +
           time_element(c.deposit_due) + ").</li>\n";
  }
  for (const auto& installment : c.installments) {
    out += "<li>" + amount(plan, installment.amount) + " on " + time_element(installment.due) +
           ".</li>\n";
  }
  out += "</ul>\n</section>\n";
}

void
progress(std::string& out, const Plan& plan, const RenderOptions& options)
{
  const Progress& p = plan.progress;
  const VisitScore& latest = p.visits.back();
  out += "<section class=\"chart\">\n<h2>How your scars are changing</h2>\n<p>At each visit the "
         "practitioner scores your scars (the scar score: lower is better). ";
  if (p.visits.size() > 1 && latest.change_percent && latest.change_points < 0) {
    out += "Since the first visit your score is " +
           std::to_string(static_cast<int>(-*latest.change_percent + 0.5)) + "% lower. ";
  }
  switch (p.verdict) {
  case Verdict::improving:
    out += "Your scars are improving.";
    break;
  case Verdict::plateau:
    out += "The last sessions changed little: your practitioner will talk with you about what "
           "to do next.";
    break;
  case Verdict::goal_reached:
    out += "You have reached the goal of the course.";
    break;
  case Verdict::worsening:
    out += "Your score went up: please talk to the clinic before another session.";
    break;
  default:
    break;
  }
  out += "</p>\n" + render_progress_svg(plan, options) + "</section>\n";
}

// The clinical words of this handout, explained once.
void
words(std::string& out, const Plan& plan)
{
  out += "<section>\n<h2>Words used here</h2>\n<dl class=\"words\">\n"
         "<dt>Microneedling</dt><dd>Many tiny needle pricks that make the skin repair itself "
         "and build new collagen, which lifts scars over the following months.</dd>\n"
         "<dt>Numbing cream</dt><dd>A cream put on the skin before the session so that it "
         "hurts less. This is why you arrive early.</dd>\n"
         "<dt>Recovery days</dt><dd>The days after a session when the skin is red and may be "
         "swollen, like a mild sunburn.</dd>\n";
  const bool prp = std::any_of(plan.sessions.begin(), plan.sessions.end(), [](const Session& s) {
    return std::find(s.adjuncts.begin(), s.adjuncts.end(), Adjunct::prp) != s.adjuncts.end();
  });
  if (prp) {
    out += "<dt>PRP (platelet-rich plasma)</dt><dd>A small amount of your own blood, spun to "
           "keep the part that helps healing, put on the skin during the session.</dd>\n";
  }
  if (plan.progress.followed) {
    out += "<dt>Scar score</dt><dd>The Goodman&#8211;Baron score: points for each kind of "
           "scar and how many there are. It goes down as the scars improve.</dd>\n";
  }
  out += "</dl>\n</section>\n";
}

} // namespace

std::string
render_html(const Plan& plan, const RenderOptions& options)
{
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
                    "charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, "
                    "initial-scale=1\">\n<title>Your microneedling plan</title>\n<style>";
  out += k_style;
  out += "</style>\n</head>\n<body>\n";
  header(out, plan, options);
  out += "<main>\n";
  if (plan.sessions.empty()) {
    out += "<section>\n<h2>No sessions are booked yet</h2>\n<ul>\n";
    for (const auto& reason : plan.eligibility.reasons) {
      out += "<li>" + html(reason.text) + "</li>\n";
    }
    for (const auto& note : plan.notes) {
      out += "<li>" + html(note) + "</li>\n";
    }
    out += "</ul>\n<p>Please talk to the clinic about what happens next.</p>\n</section>\n";
    if (plan.progress.followed) {
      progress(out, plan, options);
    }
  } else {
    glance(out, plan);
    calendars(out, plan);
    if (plan.progress.followed) {
      progress(out, plan, options);
    }
    sessions(out, plan);
    checklists(out, plan);
    costs(out, plan);
  }
  words(out, plan);
  out += "</main>\n<footer>\n<p>Questions, or need to move a session? Call " +
         html(plan.clinic->contact.phone.empty() ? plan.clinic->name : plan.clinic->contact.phone) +
         ". If your skin blisters, oozes, or the redness spreads after two days, call the clinic "
         "straight away.</p>\n</footer>\n</body>\n</html>\n";
  return out;
}

} // namespace scarplan
