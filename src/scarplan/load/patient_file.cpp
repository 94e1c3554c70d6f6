#include <scarplan/load/patient_file.hpp>
#include <scarplan/load/toml_reader.hpp>
#include <scarplan/util/dates.hpp>

#include <algorithm>

namespace scarplan {

namespace {

constexpr std::string_view k_phototype_roman[] = {"I", "II", "III", "IV", "V", "VI"};

// The id names output files: "." and ".." would name folders, and a leading "-" an option.
bool
valid_patient_id(std::string_view id)
{
  if (id == "." || id == ".." || (!id.empty() && id.front() == '-')) {
    return false;
  }
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

class PatientLoader
{
public:
  PatientLoader(date::sys_days today, Diagnostics& diagnostics)
      : m_today(today), m_diagnostics(diagnostics)
  {
  }

  void load(const toml::table& root, Patient& patient);

private:
  std::optional<date::year_month_day>
  past_date(TableReader& reader, std::string_view key, Need need);
  void load_patient_table(TableReader& root, Patient& patient);
  void load_assessment(TableReader& root, Patient& patient);
  void load_history(TableReader& root, History& history);
  void load_scar(const toml::table& table, std::string path, std::vector<ScarGroup>& scars);
  void load_preferences(TableReader& root, Preferences& preferences);
  void load_sessions_done(TableReader& root, std::vector<SessionDone>& sessions);
  void load_assessments(TableReader& root, std::vector<Assessment>& assessments);

  date::sys_days m_today;
  Diagnostics& m_diagnostics;
};

std::optional<date::year_month_day>
PatientLoader::past_date(TableReader& reader, std::string_view key, Need need)
{
  const bool identifying = key == "birth_date";
  const auto day = reader.date(key, need, identifying);
  if (day && date::sys_days{*day} > m_today) {
    reader.error(key,
                 "expected a date on or before the reference day " + iso_date(m_today) +
                     ", found " + (identifying ? "a date" : "date " + iso_date(*day)) +
                     " (in the future)");
    return std::nullopt;
  }
  return day;
}

void
PatientLoader::load(const toml::table& root_table, Patient& patient)
{
  // The format first: a newer format's keys would only add noise.
  if (const toml::node* format = root_table.get("format")) {
    if (!format->is_integer() || format->as_integer()->get() != 1) {
      const bool newer = format->is_integer() && format->as_integer()->get() > 1;
      m_diagnostics.error(position_of(format->source()),
                          "format",
                          "expected format 1, found " + describe_value(*format) +
                              (newer ? ": this file needs a newer scarplan" : ""));
      if (newer) {
        return;
      }
    }
  }
  TableReader root(root_table,
                   "",
                   m_diagnostics,
                   {"format",
                    "patient",
                    "assessment",
                    "history",
                    "scars",
                    "preferences",
                    "sessions_done",
                    "assessments"});
  load_patient_table(root, patient);
  load_assessment(root, patient);
  load_history(root, patient.history);
  const auto scars = root.table_array("scars", Need::optional, k_max_scar_groups);
  for (std::size_t i = 0; i < scars.size(); ++i) {
    load_scar(*scars[i], "scars[" + std::to_string(i) + "]", patient.scars);
  }
  load_preferences(root, patient.preferences);
  load_sessions_done(root, patient.sessions_done);
  load_assessments(root, patient.assessments);
}

void
PatientLoader::load_patient_table(TableReader& root, Patient& patient)
{
  const toml::table* table = root.subtable("patient", Need::required);
  if (!table) {
    return;
  }
  TableReader reader(*table, "patient", m_diagnostics, {"id", "name", "birth_date", "phototype"});
  const std::string id_expected =
      "1 to 64 characters of A-Z a-z 0-9 . _ - (no spaces, not . or .., no leading -)";
  if (auto id = reader.string("id", Need::required, 1000, id_expected)) {
    if (valid_patient_id(*id)) {
      patient.id = std::move(*id);
      patient.id_pos = position_of(table->get("id")->source());
    } else {
      reader.error("id", "expected " + id_expected + ", found " + quote_for_message(*id));
    }
  }
  if (auto name = reader.string("name", Need::optional, k_max_name_length)) {
    if (has_control_characters(*name)) { // they break terminals and calendars (calcurse, DEL)
      // The name is personal data: the message says what is wrong, never the name itself.
      reader.error("name",
                   "expected a name without control characters (tab, new line, C1 or bidi "
                   "controls), found one");
    } else {
      patient.name = std::move(*name);
    }
  }
  // A birth date identifies a patient: its problems are told without echoing it.
  if (const auto birth = past_date(reader, "birth_date", Need::required)) {
    if (date::sys_days{*birth} < m_today - date::days{130 * 366}) {
      reader.error("birth_date",
                   "expected a birth date less than 130 years ago, found an older one");
    } else {
      patient.birth_date = *birth;
    }
  }
  const std::string phototype_expected = "a Fitzpatrick type: an integer 1 to 6 or \"I\" to \"VI\"";
  if (const toml::node* node = table->get("phototype")) {
    if (node->is_integer() && node->as_integer()->get() >= 1 && node->as_integer()->get() <= 6) {
      patient.phototype = static_cast<int>(node->as_integer()->get());
    } else if (const auto roman = node->is_string()
                                      ? parse_name<int>(node->as_string()->get(), k_phototype_roman)
                                      : std::nullopt) {
      patient.phototype = *roman + 1;
    } else {
      reader.error("phototype",
                   "expected " + phototype_expected + ", found " + describe_value(*node));
    }
  } else {
    reader.missing("phototype", phototype_expected);
  }
}

void
PatientLoader::load_assessment(TableReader& root, Patient& patient)
{
  const toml::table* table = root.subtable("assessment", Need::optional);
  if (!table) {
    return;
  }
  TableReader reader(*table, "assessment", m_diagnostics, {"goodman_grade", "assessed_on"});
  if (const auto grade = reader.integer("goodman_grade", Need::optional, 1, 4)) {
    patient.goodman_grade = static_cast<int>(*grade);
  }
  patient.assessed_on = past_date(reader, "assessed_on", Need::optional);
}

void
PatientLoader::load_history(TableReader& root, History& history)
{
  const toml::table* table = root.subtable("history", Need::optional);
  if (!table) {
    return;
  }
  std::vector<std::string_view> keys = history_flag_names();
  keys.insert(keys.end(), std::begin(k_history_date_names), std::end(k_history_date_names));
  keys.insert(keys.end(), {"skin_conditions", "medications"});
  TableReader reader(*table, "history", m_diagnostics, keys);
  for (const auto flag : history_flag_names()) {
    if (reader.boolean(flag, Need::optional).value_or(false)) {
      history.flags.emplace_back(flag);
    }
  }
  for (std::size_t i = 0; i < history.dates.size(); ++i) {
    history.dates[i] = past_date(reader, k_history_date_names[i], Need::optional);
  }
  history.skin_conditions =
      reader.string_array("skin_conditions", Need::optional, k_max_list_items, 100)
          .value_or(std::vector<std::string>{});
  history.medications = reader.string_array("medications", Need::optional, k_max_list_items, 100)
                            .value_or(std::vector<std::string>{});
}

void
PatientLoader::load_scar(const toml::table& table, std::string path, std::vector<ScarGroup>& scars)
{
  TableReader reader(table,
                     std::move(path),
                     m_diagnostics,
                     {"area",
                      "side",
                      "count",
                      "width_mm",
                      "depth_mm",
                      "edges",
                      "tethered",
                      "distensible",
                      "raised_mm",
                      "beyond_margin",
                      "type",
                      "note"});
  ScarGroup scar;
  scar.pos = reader.table_pos();
  const auto area = reader.choice<Area>("area", Need::required, k_area_names);
  scar.area = area.value_or(Area::cheek);
  scar.side = reader.choice<Side>("side", Need::optional, k_side_names).value_or(Side::unspecified);
  scar.count = static_cast<int>(reader.integer("count", Need::required, 1, 10000).value_or(1));
  // The override names no boxcar depth: classify() takes it from depth_mm, deep when unknown.
  static constexpr ScarClass k_override_class[] = {ScarClass::icepick,
                                                   ScarClass::boxcar_deep,
                                                   ScarClass::rolling,
                                                   ScarClass::hypertrophic,
                                                   ScarClass::keloid,
                                                   ScarClass::macular};
  if (const auto type = reader.choice<int>("type", Need::optional, k_scar_type_override_names)) {
    scar.type = k_override_class[*type];
  }
  scar.raised_mm = reader.number("raised_mm", Need::optional, 0.0, 10.0).value_or(0.0);
  scar.width_mm =
      reader.number("width_mm", scar.type ? Need::optional : Need::required, 0.0, 50.0, true);
  const bool raised = scar.raised_mm > 0.0 || scar.type == ScarClass::hypertrophic ||
                      scar.type == ScarClass::keloid;
  scar.depth_mm =
      reader.number("depth_mm", scar.type || raised ? Need::optional : Need::required, 0.0, 10.0);
  scar.edges =
      reader.choice<Edges>("edges", Need::optional, k_edges_names).value_or(Edges::unknown);
  scar.tethered = reader.boolean("tethered", Need::optional);
  scar.distensible = reader.boolean("distensible", Need::optional);
  scar.beyond_margin = reader.boolean("beyond_margin", Need::optional).value_or(false);
  scar.note = reader.string("note", Need::optional, k_max_note_length).value_or("");
  if (area) {
    scars.push_back(std::move(scar));
  }
}

void
PatientLoader::load_preferences(TableReader& root, Preferences& preferences)
{
  const toml::table* table = root.subtable("preferences", Need::optional);
  if (!table) {
    return;
  }
  TableReader reader(*table,
                     "preferences",
                     m_diagnostics,
                     {"start", "time", "weekdays", "adjuncts", "package", "with_name_in_calendar"});
  preferences.start = reader.date("start", Need::optional);
  preferences.time = reader.time_of_day("time", Need::optional);
  preferences.weekdays = reader.choice_array<Weekday>("weekdays", Need::optional, k_weekday_names)
                             .value_or(std::vector<Weekday>{});
  preferences.adjuncts = reader.choice_array<Adjunct>("adjuncts", Need::optional, k_adjunct_names)
                             .value_or(std::vector<Adjunct>{});
  preferences.package = reader.boolean("package", Need::optional).value_or(false);
  preferences.with_name_in_calendar =
      reader.boolean("with_name_in_calendar", Need::optional).value_or(false);
}

void
PatientLoader::load_sessions_done(TableReader& root, std::vector<SessionDone>& sessions)
{
  const auto tables = root.table_array("sessions_done", Need::optional, k_max_sessions_done);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    TableReader reader(*tables[i],
                       "sessions_done[" + std::to_string(i) + "]",
                       m_diagnostics,
                       {"date", "depth_mm", "note"});
    const auto day = past_date(reader, "date", Need::required);
    const auto depth = reader.number("depth_mm", Need::optional, 0.0, 10.0);
    auto note = reader.string("note", Need::optional, k_max_note_length);
    if (!day) {
      continue;
    }
    if (!sessions.empty() && date::sys_days{*day} < date::sys_days{sessions.back().date}) {
      reader.error("date",
                   "expected sessions oldest first, found date " + iso_date(*day) + " before " +
                       iso_date(sessions.back().date));
      continue;
    }
    sessions.push_back({*day, depth, note.value_or("")});
  }
}

void
PatientLoader::load_assessments(TableReader& root, std::vector<Assessment>& assessments)
{
  const auto tables = root.table_array("assessments", Need::optional, k_max_assessments);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    const std::string path = "assessments[" + std::to_string(i) + "]";
    TableReader reader(
        *tables[i],
        path,
        m_diagnostics,
        {"date", "goodman_score", "goodman_grade", "patient_rating", "note", "scars"});
    Assessment assessment;
    assessment.pos = reader.table_pos();
    const auto day = past_date(reader, "date", Need::required);
    assessment.goodman_score = reader.integer("goodman_score", Need::optional, 0, 84);
    assessment.goodman_grade = reader.integer("goodman_grade", Need::optional, 1, 4);
    assessment.patient_rating = reader.number("patient_rating", Need::optional, 0.0, 10.0);
    assessment.note = reader.string("note", Need::optional, k_max_note_length).value_or("");
    const auto groups = reader.table_array("scars", Need::optional, k_max_scar_groups);
    for (std::size_t g = 0; g < groups.size(); ++g) {
      load_scar(*groups[g], path + ".scars[" + std::to_string(g) + "]", assessment.scars);
    }
    const bool scored = reader.has("goodman_score");
    if (scored && reader.has("scars")) {
      reader.error("goodman_score",
                   "expected goodman_score or [[" + path +
                       ".scars]], found both: drop goodman_score to have the score computed "
                       "from the groups, or drop the groups to keep the score given");
    } else if (!scored && !reader.has("scars")) {
      reader.missing("goodman_score",
                     "the Goodman-Baron score, or the scar groups measured that day");
    }
    if (!day) {
      continue;
    }
    assessment.date = *day;
    if (!assessments.empty() && date::sys_days{*day} <= date::sys_days{assessments.back().date}) {
      reader.error("date",
                   "expected assessments oldest first, one a day, found date " + iso_date(*day) +
                       " on or before the previous assessment's, " +
                       iso_date(assessments.back().date));
      continue;
    }
    assessments.push_back(std::move(assessment));
  }
}

} // namespace

const std::vector<std::string_view>&
history_flag_names()
{
  static const std::vector<std::string_view> k_names = {"active_acne",
                                                        "skin_infection",
                                                        "herpes_simplex",
                                                        "pregnant",
                                                        "bleeding_disorder",
                                                        "keloid_history",
                                                        "anticoagulants",
                                                        "immunosuppressed",
                                                        "diabetes",
                                                        "skin_cancer_in_area",
                                                        "metal_allergy",
                                                        "anesthetic_allergy",
                                                        "collagen_vascular_disease",
                                                        "scleroderma",
                                                        "cardiac_abnormality",
                                                        "skin_disease_flare"};
  return k_names;
}

std::optional<Patient>
load_patient(std::string_view text, date::sys_days today, Diagnostics& diagnostics)
{
  const auto root = parse_toml(text, diagnostics);
  if (!root) {
    return std::nullopt;
  }
  Patient patient;
  PatientLoader(today, diagnostics).load(*root, patient);
  diagnostics.sort_by_position();
  if (!diagnostics.empty()) {
    return std::nullopt;
  }
  return patient;
}

} // namespace scarplan
