#include <scarplan/render/format.hpp>
#include <scarplan/render/render.hpp>
#include <scarplan/util/text.hpp>

#include <cstdio>

namespace scarplan {

namespace {

// RFC 4180 quoting, plus a leading apostrophe on any cell a spreadsheet would run as a formula
// (= + - @, and tab or carriage return, which some spreadsheets strip before checking).
std::string
cell(std::string_view value)
{
  std::string text(value);
  // A plain number ("-2", "-12.5") is read as a number, never run: it keeps its sign.
  const bool number = text.size() > 1 && text.front() == '-' &&
                      text.find_first_not_of("0123456789.", 1) == std::string::npos &&
                      text[1] != '.';
  if (!text.empty() && !number &&
      std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
    text.insert(0, 1, '\'');
  }
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    return text;
  }
  std::string out = "\"";
  for (const char c : text) {
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  return out + "\"";
}

class CsvWriter
{
public:
  // With --with-name, the patient's name is a last column (empty when the file has none).
  CsvWriter(bool with_name, std::string name) : m_with_name(with_name), m_name(std::move(name)) {}
  void row(const std::vector<std::string>& cells)
  {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      m_out += (i > 0 ? "," : "") + cell(cells[i]);
    }
    if (m_with_name) {
      m_out += "," + cell(m_name);
    }
    m_out += "\r\n";
  }
  std::string take() { return std::move(m_out); }

private:
  bool m_with_name;
  std::string m_name;
  std::string m_out;
};

} // namespace

std::string
render_csv(const Plan& plan, const RenderOptions& options, bool header)
{
  CsvWriter csv(options.with_name, plan.patient.name);
  std::string out = header ? csv_header(options.with_name) : std::string();
  const std::string& id = plan.patient.id;
  const auto item_row = [&](const DatedItem& item, std::string_view kind, int number) {
    csv.row({id,
             iso_date(item.first),
             iso_date(item.last),
             "",
             std::string(kind),
             std::to_string(number),
             std::string(item.text),
             "",
             ""});
  };
  for (const auto& session : plan.sessions) {
    for (const auto& item : session.prep) {
      item_row(item, "prep", session.number);
    }
    std::string text = "Microneedling session " + std::to_string(session.number) + " of " +
                       std::to_string(plan.recommendation.sessions) + ", arrive " +
                       clock(session.arrive) + ", ends " + clock(session.end) +
                       (session.booking ? ", " + where_booked(session) : "");
    csv.row({id,
             iso_date(session.date),
             iso_date(session.date),
             clock(session.start),
             "session",
             std::to_string(session.number),
             text,
             money(plan, session.cost.total),
             plan.costs.currency});
    for (const auto& item : session.recovery) {
      item_row(item, "recovery", session.number);
    }
  }
  for (const auto& item : plan.follow_up) {
    csv.row({id, iso_date(item.date), iso_date(item.date), "", item.kind, "", item.text, "", ""});
  }
  return out + csv.take();
}

std::string
csv_header(bool with_name)
{
  return std::string("patient_id,date,end_date,time,kind,session,text,cost,currency") +
         (with_name ? ",patient_name\r\n" : "\r\n");
}

std::string
progress_csv_header()
{
  return "patient_id,date,score,score_from,change_points,change_percent,sessions_before,"
         "sessions_since_previous,goodman_grade,patient_rating,verdict\r\n";
}

std::string
render_progress_csv(const Plan& plan, bool header)
{
  CsvWriter csv(false, ""); // scores by visit: no name column
  std::string out = header ? progress_csv_header() : std::string();
  for (const auto& visit : plan.progress.visits) {
    char percent[32] = "";
    if (visit.change_percent) {
      std::snprintf(percent, sizeof percent, "%.1f", *visit.change_percent);
    }
    csv.row({plan.patient.id,
             visit.date ? iso_date(*visit.date) : "",
             std::to_string(visit.score),
             visit.computed ? "groups" : "given",
             std::to_string(visit.change_points),
             percent,
             std::to_string(visit.sessions_before),
             std::to_string(visit.sessions_since_previous),
             visit.grade ? std::to_string(*visit.grade) : "",
             visit.rating ? format_number(*visit.rating) : "",
             std::string(name_of(plan.progress.verdict))});
  }
  return out + csv.take();
}

} // namespace scarplan
