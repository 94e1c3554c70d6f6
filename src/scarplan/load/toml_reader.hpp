#pragma once

#include <scarplan/model/names.hpp>
#include <scarplan/util/diagnostics.hpp>
#include <scarplan/util/text.hpp>

#include <date/date.h>
#include <toml++/toml.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scarplan {

enum class Need
{
  optional,
  required
};

SourcePos position_of(const toml::source_region& region);

// "string \"12\"", "float 1.5", "table": how a found value is described in messages.
std::string describe_value(const toml::node& node);

// "HH:MM" as minutes after midnight, 00:00 to 23:59; with `end_of_day`, 24:00 too (a closing
// time). nullopt for anything else.
std::optional<std::chrono::minutes> parse_clock(std::string_view text, bool end_of_day = false);

// Keys and table headers may have at most this many dotted parts (`a.b.c` has three).
constexpr std::size_t k_max_key_parts = 32;

// Offset of the first key path with more than `max_parts` dotted parts, if any.
std::optional<std::size_t> find_deep_key_path(std::string_view text, std::size_t max_parts);

// Parses TOML text, reporting syntax errors, invalid UTF-8 and NUL bytes and over-deep key paths as
// diagnostics.
std::optional<toml::table> parse_toml(std::string_view text, Diagnostics& diagnostics);

// Reads the keys of one TOML table, turning every problem into a diagnostic (never throwing),
// so a whole file is checked in one pass. Keys not in `known_keys` are reported as unknown,
// with a "did you mean" suggestion.
class TableReader
{
public:
  TableReader(const toml::table& table,
              std::string path,
              Diagnostics& diagnostics,
              std::vector<std::string_view> known_keys);

  const toml::table& table() const { return m_table; }
  std::string key_path(std::string_view key) const;
  SourcePos table_pos() const;
  bool has(std::string_view key) const { return m_table.contains(key); }

  std::optional<std::string> string(std::string_view key,
                                    Need need,
                                    std::size_t max_length,
                                    std::string_view expected = "text");
  std::optional<std::int64_t>
  integer(std::string_view key, Need need, std::int64_t min, std::int64_t max);
  std::optional<double>
  number(std::string_view key, Need need, double min, double max, bool min_exclusive = false);
  std::optional<bool> boolean(std::string_view key, Need need);
  // `identifying`: the value is personal data (a birth date), never echoed in a message.
  std::optional<date::year_month_day>
  date(std::string_view key, Need need, bool identifying = false);
  std::optional<std::chrono::minutes> time_of_day(std::string_view key, Need need);
  std::optional<std::vector<std::string>>
  string_array(std::string_view key, Need need, std::size_t max_items, std::size_t max_length);
  const toml::table* subtable(std::string_view key, Need need);
  // The tables of `[[key]]`; an empty `key = []` gives an empty list.
  std::vector<const toml::table*>
  table_array(std::string_view key, Need need, std::size_t max_items);

  template<typename Enum, std::size_t N>
  std::optional<Enum> choice(std::string_view key, Need need, const std::string_view (&names)[N])
  {
    const auto text =
        string_node(key, need, [&] { return "one of " + join(name_list(names), ", "); });
    if (!text) {
      return std::nullopt;
    }
    if (const auto value = parse_name<Enum>(text->first, names)) {
      return value;
    }
    bad_choice(key, text->first, *text->second, name_list(names));
    return std::nullopt;
  }

  template<typename Enum, std::size_t N>
  std::optional<std::vector<Enum>>
  choice_array(std::string_view key, Need need, const std::string_view (&names)[N])
  {
    const auto items = string_array(key, need, N, 64);
    if (!items) {
      return std::nullopt;
    }
    std::vector<Enum> out;
    const auto& array = *m_table.get(key)->as_array();
    for (std::size_t i = 0; i < items->size(); ++i) {
      const auto value = parse_name<Enum>((*items)[i], names);
      if (!value) {
        bad_choice(key, (*items)[i], *array.get(i), name_list(names), i);
      } else if (std::find(out.begin(), out.end(), *value) != out.end()) {
        error_at(*array.get(i),
                 key_path(key) + "[" + std::to_string(i) + "]",
                 "expected each value once, found " + quote_for_message((*items)[i]) + " again");
      } else {
        out.push_back(*value);
      }
    }
    return out;
  }

  // Reports a problem with the value of `key`.
  void error(std::string_view key, std::string message);
  // Reports that the installation cannot serve the value of `key` (see Diagnostics).
  void installation_error(std::string_view key, std::string message);
  void error_at(const toml::node& node, std::string key_path, std::string message);
  // Reports a missing key (positioned at its table).
  void missing(std::string_view key, std::string_view expected);

private:
  // What a key should hold, for messages: built only when there is something to report.
  using Expected = std::function<std::string()>;

  const toml::node* find(std::string_view key, Need need, const Expected& expected);
  std::optional<std::pair<std::string, const toml::node*>>
  string_node(std::string_view key, Need need, const Expected& expected);
  void bad_choice(std::string_view key,
                  const std::string& text,
                  const toml::node& node,
                  const std::vector<std::string_view>& accepted,
                  std::optional<std::size_t> index = std::nullopt);

  const toml::table& m_table;
  std::string m_path;
  Diagnostics& m_diagnostics;
};

} // namespace scarplan
