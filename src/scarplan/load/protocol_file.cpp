#include <scarplan/load/patient_file.hpp>
#include <scarplan/load/settings_files.hpp>
#include <scarplan/load/toml_reader.hpp>
#include <scarplan/read/free_text.hpp>

#include <algorithm>

namespace scarplan {

namespace {

constexpr std::size_t k_max_rules = 200;
constexpr std::size_t k_max_text = 500;

class ProtocolLoader
{
public:
  explicit ProtocolLoader(Diagnostics& diagnostics) : m_diagnostics(diagnostics) {}

  void load(const toml::table& root_table, Protocol& protocol);

private:
  std::string source(TableReader& reader)
  {
    return reader.string("source", Need::required, k_max_text).value_or("");
  }
  double millimetres(TableReader& reader, std::string_view key, double fallback)
  {
    return reader.number(key, Need::required, 0.0, 10.0).value_or(fallback);
  }
  void load_classification(TableReader& root, Protocol& protocol);
  void load_classes(TableReader& root, Protocol& protocol);
  void load_grading(TableReader& root, Protocol& protocol);
  void load_sessions(TableReader& root, Protocol& protocol);
  IntervalRule load_interval(TableReader& reader, bool conditional);
  void load_intervals(TableReader& root, Protocol& protocol);
  void load_depth(TableReader& root, Protocol& protocol);
  void load_reading(TableReader& root, Protocol& protocol);
  std::vector<VocabularyClass> load_vocabulary(TableReader& root,
                                               std::string_view key,
                                               const std::vector<std::string_view>& name_keys,
                                               const std::vector<std::string_view>& other_keys);
  void load_medications(TableReader& root, Protocol& protocol);
  void load_conditions(TableReader& root, Protocol& protocol);
  void rank_vocabularies(Protocol& protocol);
  void load_contraindications(TableReader& root, Protocol& protocol);
  void load_adjuncts(TableReader& root, Protocol& protocol);
  void load_milestones(TableReader& root,
                       std::string_view key,
                       const std::vector<ContraRule>& contraindications,
                       std::vector<MilestoneRule>& rules);
  void load_follow_up(TableReader& root, Protocol& protocol);
  void load_staging(TableReader& root,
                    std::string_view key,
                    const std::vector<ContraRule>& contraindications,
                    StagingRule& rule);
  void load_progress(TableReader& root, ProgressRules& rules);

  Diagnostics& m_diagnostics;
};

void
ProtocolLoader::load(const toml::table& root_table, Protocol& protocol)
{
  TableReader root(root_table,
                   "",
                   m_diagnostics,
                   {"format",
                    "protocol",
                    "classification",
                    "classes",
                    "grading",
                    "sessions",
                    "interval",
                    "depth",
                    "reading",
                    "medications",
                    "conditions",
                    "contraindications",
                    "adjuncts",
                    "prep",
                    "recovery",
                    "follow_up",
                    "test_spot",
                    "focal_first",
                    "progress"});
  root.integer("format", Need::optional, 1, 1);
  if (const toml::table* table = root.subtable("protocol", Need::required)) {
    TableReader reader(*table, "protocol", m_diagnostics, {"name", "source"});
    protocol.name = reader.string("name", Need::required, 200).value_or("");
    protocol.source = source(reader);
  }
  load_classification(root, protocol);
  load_classes(root, protocol);
  load_grading(root, protocol);
  load_sessions(root, protocol);
  load_intervals(root, protocol);
  load_depth(root, protocol);
  load_reading(root, protocol);
  load_medications(root, protocol);
  load_conditions(root, protocol);
  load_contraindications(root, protocol);
  rank_vocabularies(protocol);
  load_adjuncts(root, protocol);
  load_milestones(root, "prep", protocol.contraindications, protocol.prep);
  load_milestones(root, "recovery", protocol.contraindications, protocol.recovery);
  load_follow_up(root, protocol);
  load_staging(root, "test_spot", protocol.contraindications, protocol.test_spot);
  load_staging(root, "focal_first", protocol.contraindications, protocol.focal_first);
  load_progress(root, protocol.progress);
}

void
ProtocolLoader::load_classification(TableReader& root, Protocol& protocol)
{
  const toml::table* table = root.subtable("classification", Need::required);
  if (!table) {
    return;
  }
  TableReader reader(*table,
                     "classification",
                     m_diagnostics,
                     {"icepick_max_width_mm",
                      "icepick_min_depth_mm",
                      "rolling_min_width_mm",
                      "shallow_max_depth_mm",
                      "macular_max_depth_mm",
                      "raised_min_mm",
                      "width_margin_mm",
                      "depth_margin_mm",
                      "source"});
  auto& rules = protocol.classification;
  rules.icepick_max_width_mm =
      millimetres(reader, "icepick_max_width_mm", rules.icepick_max_width_mm);
  rules.icepick_min_depth_mm =
      millimetres(reader, "icepick_min_depth_mm", rules.icepick_min_depth_mm);
  rules.rolling_min_width_mm =
      millimetres(reader, "rolling_min_width_mm", rules.rolling_min_width_mm);
  rules.shallow_max_depth_mm =
      millimetres(reader, "shallow_max_depth_mm", rules.shallow_max_depth_mm);
  rules.macular_max_depth_mm =
      millimetres(reader, "macular_max_depth_mm", rules.macular_max_depth_mm);
  rules.raised_min_mm = millimetres(reader, "raised_min_mm", rules.raised_min_mm);
  rules.width_margin_mm = millimetres(reader, "width_margin_mm", rules.width_margin_mm);
  rules.depth_margin_mm = millimetres(reader, "depth_margin_mm", rules.depth_margin_mm);
  rules.source = source(reader);
  if (rules.icepick_max_width_mm >= rules.rolling_min_width_mm) {
    reader.error("rolling_min_width_mm", "expected a width above icepick_max_width_mm");
  }
}

void
ProtocolLoader::load_classes(TableReader& root, Protocol& protocol)
{
  const toml::table* table = root.subtable("classes", Need::required);
  if (!table) {
    return;
  }
  TableReader classes(*table, "classes", m_diagnostics, name_list(k_scar_class_names));
  for (std::size_t i = 0; i < std::size(k_scar_class_names); ++i) {
    const std::string_view name = k_scar_class_names[i];
    const toml::table* class_table = classes.subtable(name, Need::required);
    if (!class_table) {
      continue;
    }
    TableReader reader(*class_table,
                       classes.key_path(name),
                       m_diagnostics,
                       {"response",
                        "adjuncts",
                        "tether_adjuncts",
                        "adjunct_note",
                        "grade",
                        "score_lesion",
                        "score_points",
                        "score_by_area",
                        "needle_max_mm",
                        "source"});
    ClassRule& rule = protocol.classes[i];
    rule.response = reader.choice<Response>("response", Need::required, k_response_names)
                        .value_or(rule.response);
    rule.adjuncts = reader.choice_array<Adjunct>("adjuncts", Need::required, k_adjunct_names)
                        .value_or(std::vector<Adjunct>{});
    rule.tether_adjuncts =
        reader.choice_array<Adjunct>("tether_adjuncts", Need::optional, k_adjunct_names)
            .value_or(std::vector<Adjunct>{});
    rule.adjunct_note = reader.string("adjunct_note", Need::optional, k_max_text).value_or("");
    rule.grade =
        static_cast<int>(reader.integer("grade", Need::required, 1, 4).value_or(rule.grade));
    rule.score_lesion = reader.string("score_lesion", Need::required, 200).value_or("");
    rule.score_points =
        static_cast<int>(reader.integer("score_points", Need::required, 0, 10).value_or(1));
    rule.score_by_area = reader.boolean("score_by_area", Need::optional).value_or(false);
    rule.needle_max_mm = millimetres(reader, "needle_max_mm", rule.needle_max_mm);
    rule.source = source(reader);
  }
}

void
ProtocolLoader::load_grading(TableReader& root, Protocol& protocol)
{
  const toml::table* table = root.subtable("grading", Need::required);
  if (!table) {
    return;
  }
  TableReader reader(
      *table,
      "grading",
      m_diagnostics,
      {"non_distensible_grade", "mild_max_lesions", "count_factor_limits", "source"});
  auto& rules = protocol.grading;
  rules.non_distensible_grade =
      static_cast<int>(reader.integer("non_distensible_grade", Need::required, 1, 4).value_or(4));
  rules.mild_max_lesions =
      static_cast<int>(reader.integer("mild_max_lesions", Need::required, 0, 10000).value_or(5));
  rules.source = source(reader);
  const toml::node* node = table->get("count_factor_limits");
  const toml::array* limits = node ? node->as_array() : nullptr;
  const std::string expected = "an ascending array of positive integers such as [10, 20]";
  if (!node) {
    reader.missing("count_factor_limits", expected);
    return;
  }
  int previous = 0;
  for (std::size_t i = 0; limits && i < limits->size(); ++i) {
    const auto value = limits->get(i)->value<std::int64_t>();
    if (!value || *value <= previous || *value > 100000) {
      limits = nullptr;
      break;
    }
    previous = static_cast<int>(*value);
    rules.count_factors.push_back({previous, static_cast<int>(i) + 1});
  }
  if (!limits) {
    reader.error("count_factor_limits",
                 "expected " + expected + ", found " + describe_value(*node));
  }
}

void
ProtocolLoader::load_sessions(TableReader& root, Protocol& protocol)
{
  const toml::table* table = root.subtable("sessions", Need::required);
  if (!table) {
    return;
  }
  TableReader reader(*table,
                     "sessions",
                     m_diagnostics,
                     {"upper_when_response", "upper_when_lesions_over", "source", "by_grade"});
  auto& rules = protocol.sessions;
  rules.upper_when_response =
      reader.choice_array<Response>("upper_when_response", Need::required, k_response_names)
          .value_or(std::vector<Response>{});
  rules.upper_when_lesions_over = static_cast<int>(
      reader.integer("upper_when_lesions_over", Need::required, 0, 100000).value_or(20));
  rules.source = source(reader);
  const auto tables = reader.table_array("by_grade", Need::required, 4);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    TableReader rule_reader(*tables[i],
                            "sessions.by_grade[" + std::to_string(i) + "]",
                            m_diagnostics,
                            {"grade", "min", "max", "source"});
    SessionRule rule;
    rule.grade = static_cast<int>(rule_reader.integer("grade", Need::required, 2, 4).value_or(0));
    rule.min = static_cast<int>(rule_reader.integer("min", Need::required, 1, 50).value_or(1));
    rule.max = static_cast<int>(rule_reader.integer("max", Need::required, 1, 50).value_or(1));
    rule.source = source(rule_reader);
    if (rule.max < rule.min) {
      rule_reader.error("max",
                        "expected max >= min (" + std::to_string(rule.min) + "), found " +
                            std::to_string(rule.max));
    }
    rules.by_grade.push_back(rule);
  }
  for (int grade = 2; grade <= 4; ++grade) {
    if (std::none_of(rules.by_grade.begin(), rules.by_grade.end(), [&](const SessionRule& r) {
          return r.grade == grade;
        })) {
      reader.error("by_grade",
                   "expected a rule for every grade 2 to 4, found none for grade " +
                       std::to_string(grade));
    }
  }
}

IntervalRule
ProtocolLoader::load_interval(TableReader& reader, bool conditional)
{
  IntervalRule rule;
  if (conditional) {
    rule.min_needle_depth_mm = reader.number("min_needle_depth_mm", Need::optional, 0.0, 10.0);
    if (const auto phototype = reader.integer("phototype_at_least", Need::optional, 1, 6)) {
      rule.phototype_at_least = static_cast<int>(*phototype);
    }
    if (!rule.min_needle_depth_mm && !rule.phototype_at_least) {
      reader.missing("min_needle_depth_mm",
                     "a condition: min_needle_depth_mm or phototype_at_least");
    }
  }
  rule.target_days =
      static_cast<int>(reader.integer("target_days", Need::required, 7, 365).value_or(28));
  rule.min_days = static_cast<int>(reader.integer("min_days", Need::required, 7, 365).value_or(28));
  rule.max_days = static_cast<int>(reader.integer("max_days", Need::required, 7, 365).value_or(42));
  rule.source = source(reader);
  if (rule.min_days > rule.target_days || rule.target_days > rule.max_days) {
    reader.error("target_days", "expected min_days <= target_days <= max_days");
  }
  return rule;
}

void
ProtocolLoader::load_intervals(TableReader& root, Protocol& protocol)
{
  const toml::table* table = root.subtable("interval", Need::required);
  if (!table) {
    return;
  }
  TableReader reader(*table,
                     "interval",
                     m_diagnostics,
                     {"target_days", "min_days", "max_days", "source", "longer"});
  protocol.interval = load_interval(reader, false);
  const auto tables = reader.table_array("longer", Need::optional, 20);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    TableReader rule_reader(*tables[i],
                            "interval.longer[" + std::to_string(i) + "]",
                            m_diagnostics,
                            {"min_needle_depth_mm",
                             "phototype_at_least",
                             "target_days",
                             "min_days",
                             "max_days",
                             "source"});
    protocol.longer_intervals.push_back(load_interval(rule_reader, true));
  }
}

void
ProtocolLoader::load_depth(TableReader& root, Protocol& protocol)
{
  const toml::table* table = root.subtable("depth", Need::required);
  if (!table) {
    return;
  }
  TableReader reader(*table,
                     "depth",
                     m_diagnostics,
                     {"device_max_mm",
                      "cap_mm",
                      "source",
                      "area_max_mm",
                      "adjust_text",
                      "adjust_source",
                      "off_label_areas",
                      "off_label_text",
                      "off_label_source"});
  auto& rules = protocol.depth;
  rules.device_max_mm = millimetres(reader, "device_max_mm", rules.device_max_mm);
  rules.cap_mm = millimetres(reader, "cap_mm", rules.cap_mm);
  rules.source = source(reader);
  rules.adjust_text = reader.string("adjust_text", Need::required, k_max_text).value_or("");
  rules.adjust_source = reader.string("adjust_source", Need::required, k_max_text).value_or("");
  rules.off_label_areas = reader.choice_array<Area>("off_label_areas", Need::required, k_area_names)
                              .value_or(std::vector<Area>{});
  rules.off_label_text = reader.string("off_label_text", Need::required, k_max_text).value_or("");
  rules.off_label_source =
      reader.string("off_label_source", Need::required, k_max_text).value_or("");
  if (rules.cap_mm > rules.device_max_mm) {
    reader.error("cap_mm",
                 "expected at most device_max_mm (" + format_number(rules.device_max_mm) +
                     "), found " + format_number(rules.cap_mm));
  }
  if (const toml::table* areas = reader.subtable("area_max_mm", Need::required)) {
    TableReader area_reader(*areas, "depth.area_max_mm", m_diagnostics, name_list(k_area_names));
    for (std::size_t i = 0; i < std::size(k_area_names); ++i) {
      rules.area_max_mm[i] = millimetres(area_reader, k_area_names[i], 0.5);
    }
  }
}

void
ProtocolLoader::load_reading(TableReader& root, Protocol& protocol)
{
  const toml::table* table = root.subtable("reading", Need::optional);
  if (!table) {
    return;
  }
  TableReader reader(
      *table,
      "reading",
      m_diagnostics,
      {"topical_words", "oral_words", "ignore_words", "one_edit_from", "two_edits_from", "source"});
  ReadingRules& rules = protocol.reading;
  for (auto [key, list] : {std::pair{"topical_words", &rules.topical_words},
                           std::pair{"oral_words", &rules.oral_words},
                           std::pair{"ignore_words", &rules.ignore_words}}) {
    for (const auto& word :
         reader.string_array(key, Need::optional, 500, 64).value_or(std::vector<std::string>{})) {
      const auto folded = fold_words(word);
      if (folded.size() != 1) {
        reader.error(key, "expected single words, found " + quote_for_message(word));
        continue;
      }
      list->push_back(folded.front());
    }
  }
  rules.one_edit_from = static_cast<int>(
      reader.integer("one_edit_from", Need::optional, 3, 64).value_or(rules.one_edit_from));
  rules.two_edits_from = static_cast<int>(
      reader.integer("two_edits_from", Need::optional, 3, 64).value_or(rules.two_edits_from));
  if (rules.two_edits_from < rules.one_edit_from) {
    reader.error("two_edits_from", "expected two_edits_from at least one_edit_from");
  }
  rules.source = source(reader);
}

std::vector<VocabularyClass>
ProtocolLoader::load_vocabulary(TableReader& root,
                                std::string_view key,
                                const std::vector<std::string_view>& name_keys,
                                const std::vector<std::string_view>& other_keys)
{
  std::vector<VocabularyClass> out;
  const auto tables = root.table_array(key, Need::optional, k_max_rules);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    std::vector<std::string_view> keys = name_keys;
    keys.insert(keys.end(), {"class", "aliases", "source"});
    keys.insert(keys.end(), other_keys.begin(), other_keys.end());
    TableReader reader(
        *tables[i], std::string(key) + "[" + std::to_string(i) + "]", m_diagnostics, keys);
    VocabularyClass vocabulary_class;
    vocabulary_class.name = reader.string("class", Need::required, 64).value_or("");
    std::vector<std::string_view> lists = name_keys;
    lists.push_back("aliases");
    for (const auto list : lists) {
      const Need need = list == "aliases" ? Need::optional : Need::required;
      for (const auto& name :
           reader.string_array(list, need, 500, 100).value_or(std::vector<std::string>{})) {
        if (auto parts = fold_words(name); parts.empty()) {
          reader.error(list,
                       "expected names with letters or digits, found " + quote_for_message(name));
        } else if (std::none_of(
                       vocabulary_class.names.begin(),
                       vocabulary_class.names.end(),
                       [&](const VocabularyName& known) { return known.words == parts; })) {
          // An accented alias that folds to a name already there ("rétinol") is that name.
          vocabulary_class.names.push_back({name, std::move(parts), list == "aliases"});
        }
      }
    }
    if (std::find(other_keys.begin(), other_keys.end(), "topical") != other_keys.end()) {
      vocabulary_class.topical = reader.string("topical", Need::optional, 64).value_or("");
    }
    if (const auto flag = std::find(other_keys.begin(), other_keys.end(), "flag");
        flag != other_keys.end() && reader.has("flag")) {
      const auto& flags = history_flag_names();
      vocabulary_class.flag = reader.string("flag", Need::optional, 64).value_or("");
      if (std::find(flags.begin(), flags.end(), vocabulary_class.flag) == flags.end()) {
        reader.error("flag",
                     "expected a [history] flag of the patient file (" + join(flags, ", ") +
                         "), found " + quote_for_message(vocabulary_class.flag));
      }
    }
    vocabulary_class.source = source(reader);
    if (std::any_of(out.begin(), out.end(), [&](const VocabularyClass& c) {
          return c.name == vocabulary_class.name;
        })) {
      reader.error("class",
                   "expected each class once, found " + quote_for_message(vocabulary_class.name) +
                       " again");
    }
    out.push_back(std::move(vocabulary_class));
  }
  return out;
}

void
ProtocolLoader::load_medications(TableReader& root, Protocol& protocol)
{
  protocol.medications =
      load_vocabulary(root, "medications", {"ingredients", "brands"}, {"topical"});
  for (std::size_t i = 0; i < protocol.medications.size(); ++i) {
    const std::string& topical = protocol.medications[i].topical;
    if (!topical.empty() && std::none_of(protocol.medications.begin(),
                                         protocol.medications.end(),
                                         [&](const VocabularyClass& c) {
                                           return c.name == topical && c.topical.empty();
                                         })) {
      m_diagnostics.error({},
                          "medications[" + std::to_string(i) + "].topical",
                          "expected a class of [[medications]] with no topical of its own, found " +
                              quote_for_message(topical));
    }
  }
}

void
ProtocolLoader::load_conditions(TableReader& root, Protocol& protocol)
{
  protocol.conditions = load_vocabulary(root, "conditions", {"names"}, {"flag"});
}

// How strict each class is, from the strictest rule it triggers: a near match to two classes is
// read as the stricter.
void
ProtocolLoader::rank_vocabularies(Protocol& protocol)
{
  const auto strictness = [](Level level) {
    switch (level) {
    case Level::absolute:
      return 3;
    case Level::temporary:
      return 2;
    case Level::relative:
      return 1;
    }
    return 0;
  };
  for (const ContraRule& rule : protocol.contraindications) {
    for (VocabularyClass& c : protocol.medications) {
      if (c.name == rule.medication_class) {
        c.strictness = std::max(c.strictness, strictness(rule.level));
      }
    }
    for (VocabularyClass& c : protocol.conditions) {
      if (!c.flag.empty() && c.flag == rule.flag) {
        c.strictness = std::max(c.strictness, strictness(rule.level));
      }
    }
  }
}

void
ProtocolLoader::load_contraindications(TableReader& root, Protocol& protocol)
{
  const auto tables = root.table_array("contraindications", Need::required, k_max_rules);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    TableReader reader(*tables[i],
                       "contraindications[" + std::to_string(i) + "]",
                       m_diagnostics,
                       {"id",
                        "level",
                        "flag",
                        "medication_class",
                        "unless_date",
                        "after_date",
                        "unknown_medication",
                        "approximate_reading",
                        "any_skin_condition",
                        "date",
                        "wait_months",
                        "wait_days",
                        "within_months",
                        "phototype_at_least",
                        "areas",
                        "age_under",
                        "scar_present",
                        "reason",
                        "precaution",
                        "source"});
    ContraRule rule;
    rule.id = reader.string("id", Need::required, 64).value_or("");
    rule.level =
        reader.choice<Level>("level", Need::required, k_level_names).value_or(Level::relative);
    int triggers = 0;
    if (const auto flag = reader.string("flag", Need::optional, 64)) {
      const auto& flags = history_flag_names();
      if (std::find(flags.begin(), flags.end(), *flag) == flags.end()) {
        reader.error("flag",
                     "expected a [history] flag of the patient file (" + join(flags, ", ") +
                         "), found " + quote_for_message(*flag));
      }
      rule.flag = *flag;
      ++triggers;
    }
    if (const auto medication = reader.string("medication_class", Need::optional, 64)) {
      if (std::none_of(protocol.medications.begin(),
                       protocol.medications.end(),
                       [&](const VocabularyClass& m) { return m.name == *medication; })) {
        reader.error("medication_class",
                     "expected a class named in [medications], found " +
                         quote_for_message(*medication));
      }
      rule.medication_class = *medication;
      ++triggers;
      if (const auto unless =
              reader.choice<int>("unless_date", Need::optional, k_history_date_names)) {
        rule.unless_date = std::string(k_history_date_names[*unless]);
      }
      if (const auto after =
              reader.choice<int>("after_date", Need::optional, k_history_date_names)) {
        rule.after_date = std::string(k_history_date_names[*after]);
      }
    } else {
      for (const auto key : {"unless_date", "after_date"}) {
        if (reader.has(key)) {
          reader.error(key, std::string("expected ") + key + " only beside medication_class");
        }
      }
    }
    if (reader.boolean("approximate_reading", Need::optional).value_or(false)) {
      rule.approximate_reading = true;
      ++triggers;
    }
    if (reader.boolean("unknown_medication", Need::optional).value_or(false)) {
      rule.unknown_medication = true;
      ++triggers;
    }
    if (reader.boolean("any_skin_condition", Need::optional).value_or(false)) {
      rule.any_skin_condition = true;
      ++triggers;
    }
    if (const auto date_key = reader.choice<int>("date", Need::optional, k_history_date_names)) {
      rule.date_key = std::string(k_history_date_names[*date_key]);
      rule.wait_months =
          static_cast<int>(reader.integer("wait_months", Need::optional, 1, 120).value_or(0));
      rule.wait_days =
          static_cast<int>(reader.integer("wait_days", Need::optional, 1, 3650).value_or(0));
      rule.within_months =
          static_cast<int>(reader.integer("within_months", Need::optional, 1, 120).value_or(0));
      const int periods = (rule.wait_months > 0) + (rule.wait_days > 0) + (rule.within_months > 0);
      if (periods > 1) {
        reader.error("date",
                     "expected at most one of wait_months, wait_days (temporary) or within_months "
                     "(relative); none: whenever the date is recorded");
      } else if ((rule.wait_months > 0 || rule.wait_days > 0) != (rule.level == Level::temporary)) {
        reader.error("level", "expected level \"temporary\" with a wait, and only with one");
      }
      ++triggers;
    }
    if (const auto phototype = reader.integer("phototype_at_least", Need::optional, 1, 6)) {
      rule.phototype_at_least = static_cast<int>(*phototype);
      ++triggers;
      rule.areas = reader.choice_array<Area>("areas", Need::optional, k_area_names)
                       .value_or(std::vector<Area>{});
    } else if (reader.has("areas")) {
      reader.error("areas", "expected areas only beside phototype_at_least");
    }
    if (const auto age = reader.integer("age_under", Need::optional, 1, 120)) {
      rule.age_under = static_cast<int>(*age);
      ++triggers;
    }
    if (const auto scar =
            reader.choice<ScarClass>("scar_present", Need::optional, k_scar_class_names)) {
      rule.scar_present = scar;
      ++triggers;
    }
    if (triggers != 1) {
      reader.error("id",
                   "expected exactly one trigger (flag, medication_class, unknown_medication, "
                   "approximate_reading, any_skin_condition, date, phototype_at_least, age_under "
                   "or scar_present), found " +
                       std::to_string(triggers));
    }
    rule.reason = reader.string("reason", Need::required, k_max_text).value_or("");
    rule.precaution = reader
                          .string("precaution",
                                  rule.level == Level::relative ? Need::required : Need::optional,
                                  k_max_text)
                          .value_or("");
    rule.source = source(reader);
    protocol.contraindications.push_back(std::move(rule));
  }
}

void
ProtocolLoader::load_adjuncts(TableReader& root, Protocol& protocol)
{
  const toml::table* table = root.subtable("adjuncts", Need::required);
  if (!table) {
    return;
  }
  TableReader adjuncts(*table, "adjuncts", m_diagnostics, name_list(k_adjunct_names));
  static constexpr std::string_view k_timing_names[] = {"every", "first"};
  for (int i = 0; i < k_adjunct_count; ++i) {
    const toml::table* adjunct = adjuncts.subtable(k_adjunct_names[i], Need::required);
    if (!adjunct) {
      continue;
    }
    TableReader reader(
        *adjunct, adjuncts.key_path(k_adjunct_names[i]), m_diagnostics, {"timing", "source"});
    auto& rule = protocol.adjuncts[static_cast<std::size_t>(i)];
    rule.timing = reader.choice<AdjunctTiming>("timing", Need::required, k_timing_names)
                      .value_or(AdjunctTiming::every);
    rule.source = source(reader);
  }
}

void
ProtocolLoader::load_milestones(TableReader& root,
                                std::string_view key,
                                const std::vector<ContraRule>& contraindications,
                                std::vector<MilestoneRule>& rules)
{
  const bool before = key == "prep";
  const auto tables = root.table_array(key, Need::required, k_max_rules);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    TableReader reader(*tables[i],
                       std::string(key) + "[" + std::to_string(i) + "]",
                       m_diagnostics,
                       {"day", "through", "text", "remind", "requires", "source"});
    MilestoneRule rule;
    rule.day = static_cast<int>(
        reader.integer("day", Need::required, before ? -90 : 0, before ? 0 : 90).value_or(0));
    rule.through = static_cast<int>(
        reader.integer("through", Need::required, rule.day, 90).value_or(rule.day));
    rule.text = reader.string("text", Need::required, k_max_text).value_or("");
    rule.remind = reader.boolean("remind", Need::optional).value_or(false);
    // `requires` names one rule or a list of them (any one applying is enough).
    if (reader.has("requires") && reader.table().get("requires")->is_string()) {
      rule.requires_rules.push_back(reader.string("requires", Need::optional, 64).value_or(""));
    } else {
      rule.requires_rules = reader.string_array("requires", Need::optional, 20, 64)
                                .value_or(std::vector<std::string>{});
    }
    rule.source = source(reader);
    for (const auto& id : rule.requires_rules) {
      if (std::none_of(contraindications.begin(),
                       contraindications.end(),
                       [&](const ContraRule& c) { return c.id == id; })) {
        reader.error("requires",
                     "expected the id of a [[contraindications]] rule, found " +
                         quote_for_message(id));
      }
    }
    rules.push_back(std::move(rule));
  }
}

void
ProtocolLoader::load_follow_up(TableReader& root, Protocol& protocol)
{
  const auto tables = root.table_array("follow_up", Need::optional, 20);
  static constexpr std::string_view k_kinds[] = {"review", "maintenance"};
  for (std::size_t i = 0; i < tables.size(); ++i) {
    TableReader reader(*tables[i],
                       "follow_up[" + std::to_string(i) + "]",
                       m_diagnostics,
                       {"kind", "months_after", "text", "source"});
    FollowUpRule rule;
    rule.kind =
        std::string(k_kinds[reader.choice<int>("kind", Need::required, k_kinds).value_or(0)]);
    rule.months_after =
        static_cast<int>(reader.integer("months_after", Need::required, 1, 60).value_or(3));
    rule.text = reader.string("text", Need::required, k_max_text).value_or("");
    rule.source = source(reader);
    protocol.follow_up.push_back(std::move(rule));
  }
}

void
ProtocolLoader::load_staging(TableReader& root,
                             std::string_view key,
                             const std::vector<ContraRule>& contraindications,
                             StagingRule& rule)
{
  const toml::table* table = root.subtable(key, Need::required);
  if (!table) {
    return;
  }
  const bool test_spot = key == "test_spot";
  TableReader reader(*table,
                     std::string(key),
                     m_diagnostics,
                     {"visit_text",
                      "review_text",
                      "review_min_days",
                      "review_max_days",
                      test_spot ? "when_rules" : "classes",
                      test_spot ? "" : "max_lesions",
                      "source"});
  rule.visit_text = reader.string("visit_text", Need::required, k_max_text).value_or("");
  rule.review_text = reader.string("review_text", Need::required, k_max_text).value_or("");
  rule.review_min_days =
      static_cast<int>(reader.integer("review_min_days", Need::required, 1, 365).value_or(28));
  rule.review_max_days = static_cast<int>(
      reader.integer("review_max_days", Need::required, rule.review_min_days, 365).value_or(42));
  rule.source = source(reader);
  if (test_spot) {
    rule.when_rules = reader.string_array("when_rules", Need::required, k_max_rules, 64)
                          .value_or(std::vector<std::string>{});
    for (const auto& id : rule.when_rules) {
      if (std::none_of(contraindications.begin(),
                       contraindications.end(),
                       [&](const ContraRule& c) { return c.id == id; })) {
        reader.error("when_rules",
                     "expected ids of [[contraindications]] rules, found " + quote_for_message(id));
      }
    }
  } else {
    rule.classes = reader.choice_array<ScarClass>("classes", Need::required, k_scar_class_names)
                       .value_or(std::vector<ScarClass>{});
    rule.max_lesions =
        static_cast<int>(reader.integer("max_lesions", Need::required, 0, 10000).value_or(0));
  }
}

void
ProtocolLoader::load_progress(TableReader& root, ProgressRules& rules)
{
  const toml::table* table = root.subtable("progress", Need::optional);
  if (!table) {
    return;
  }
  TableReader reader(*table,
                     "progress",
                     m_diagnostics,
                     {"meaningful_change_points",
                      "goal_improvement_percent",
                      "plateau_after_sessions",
                      "plateau_window_sessions",
                      "plateau_further_sessions",
                      "full_effect_days",
                      "plateau_adjunct",
                      "plateau_adjunct_source",
                      "referral_text",
                      "referral_source",
                      "source"});
  const auto count = [&](std::string_view key, std::int64_t min, std::int64_t max, int fallback) {
    return static_cast<int>(reader.integer(key, Need::required, min, max).value_or(fallback));
  };
  rules.present = true;
  rules.meaningful_change_points = count("meaningful_change_points", 1, 84, 4);
  rules.goal_improvement_percent = count("goal_improvement_percent", 1, 100, 50);
  rules.plateau_after_sessions = count("plateau_after_sessions", 1, 50, 3);
  rules.plateau_window_sessions = count("plateau_window_sessions", 1, 50, 2);
  rules.plateau_further_sessions = count("plateau_further_sessions", 0, 50, 1);
  rules.full_effect_days = count("full_effect_days", 0, 730, 180);
  rules.plateau_adjunct =
      reader.choice<Adjunct>("plateau_adjunct", Need::optional, k_adjunct_names);
  rules.plateau_adjunct_source =
      reader
          .string("plateau_adjunct_source",
                  rules.plateau_adjunct ? Need::required : Need::optional,
                  k_max_text)
          .value_or("");
  rules.referral_text = reader.string("referral_text", Need::required, k_max_text).value_or("");
  rules.referral_source = reader.string("referral_source", Need::required, k_max_text).value_or("");
  rules.source = source(reader);
}

} // namespace

std::optional<Protocol>
load_protocol(std::string_view text, Diagnostics& diagnostics)
{
  const auto root = parse_toml(text, diagnostics);
  if (!root) {
    return std::nullopt;
  }
  Protocol protocol;
  ProtocolLoader(diagnostics).load(*root, protocol);
  diagnostics.sort_by_position();
  if (!diagnostics.empty()) {
    return std::nullopt;
  }
  return protocol;
}

} // namespace scarplan
