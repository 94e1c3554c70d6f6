#include <scarplan/load/toml_reader.hpp>

#include <cmath>
#include <sstream>

namespace scarplan {

namespace {

std::string
format_toml_date(const toml::date& value)
{
  char buffer[16];
  std::snprintf(buffer,
                sizeof buffer,
                "%04d-%02d-%02d",
                static_cast<int>(value.year),
                static_cast<int>(value.month),
                static_cast<int>(value.day));
  return buffer;
}

// Line and column of a byte offset, for problems found before toml++ sees the text.
SourcePos
position_at_offset(std::string_view text, std::size_t offset)
{
  SourcePos pos{1, 1};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++pos.column;
    }
  }
  return pos;
}

bool
bare_key_char(char c)
{
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// Offset just past the string that starts at `at` (a quote), or the text's end if unclosed.
// Basic strings honour backslash escapes; literal ones do not; either may be multi-line.
std::size_t
skip_string(std::string_view text, std::size_t at)
{
  const char quote = text[at];
  const std::string_view delimiter = quote == '"' ? "\"\"\"" : "'''";
  const bool multi_line = text.substr(at, 3) == delimiter;
  std::size_t i = at + (multi_line ? 3 : 1);
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\n' && !multi_line) {
      return i; // toml++ reports the unclosed string; a line always ends a key path
    }
    if (c == '\\' && quote == '"') {
      i += text[i + 1 < text.size() ? i + 1 : i] == '\n' && !multi_line ? 1 : 2;
    } else if (c == quote && !multi_line) {
      return i + 1;
    } else if (multi_line && text.substr(i, 3) == delimiter) {
      i += 3;
      // A closing delimiter may be preceded by up to two quotes of the content: """a"""" ends
      // after all five.
      for (int extra = 0; extra < 2 && i < text.size() && text[i] == quote; ++extra) {
        ++i;
      }
      return i;
    } else {
      ++i;
    }
  }
  return text.size();
}

} // namespace

std::optional<std::size_t>
find_deep_key_path(std::string_view text, std::size_t max_parts)
{
  // toml++ 3.3 recurses once per part of a dotted key or table header, so 200,000 parts
  // overflow the stack before it can report anything: count them first. A key path is a run
  // of bare or quoted parts joined by dots (spaces and tabs around the dots allowed); a float
  // or a time has at most two such parts, so values never trip the limit.
  std::size_t run_start = 0;
  std::size_t parts = 0;
  bool after_dot = false; // the run so far ends with a dot: the next part continues it
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    std::size_t end = i;
    if (c == '"' || c == '\'') {
      end = skip_string(text, i);
    } else if (bare_key_char(c)) {
      while (end < text.size() && bare_key_char(text[end])) {
        ++end;
      }
    } else if (c == '.' && parts > 0) {
      after_dot = true;
      ++i;
      continue;
    } else if (c == ' ' || c == '\t') {
      ++i;
      continue;
    } else if (c == '#') {
      while (i < text.size() && text[i] != '\n') {
        ++i;
      }
      parts = 0;
      continue;
    } else {
      parts = 0;
      after_dot = false;
      ++i;
      continue;
    }
    if (parts == 0 || !after_dot) {
      run_start = i;
      parts = 0;
    }
    ++parts;
    after_dot = false;
    if (parts > max_parts) {
      return run_start;
    }
    i = end;
  }
  return std::nullopt;
}

std::optional<std::chrono::minutes>
parse_clock(std::string_view text, bool end_of_day)
{
  const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (text.size() != 5 || !digit(0) || !digit(1) || text[2] != ':' || !digit(3) || !digit(4)) {
    return std::nullopt;
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  const bool midnight_end = end_of_day && hours == 24 && minutes == 0;
  if ((hours > 23 || minutes > 59) && !midnight_end) {
    return std::nullopt;
  }
  return std::chrono::minutes{hours * 60 + minutes};
}

SourcePos
position_of(const toml::source_region& region)
{
  if (region.begin.line == 0) {
    return {1, 1};
  }
  return {region.begin.line, region.begin.column};
}

std::string
describe_value(const toml::node& node)
{
  switch (node.type()) {
  case toml::node_type::string:
    return "string " + quote_for_message(node.as_string()->get());
  case toml::node_type::integer:
    return "integer " + std::to_string(node.as_integer()->get());
  case toml::node_type::floating_point: {
    std::ostringstream out;
    out << "float " << node.as_floating_point()->get();
    return out.str();
  }
  case toml::node_type::boolean:
    return node.as_boolean()->get() ? "boolean true" : "boolean false";
  case toml::node_type::date:
    return "date " + format_toml_date(node.as_date()->get());
  case toml::node_type::time:
    return "time of day";
  case toml::node_type::date_time:
    return "date-time";
  case toml::node_type::table:
    return "a table";
  case toml::node_type::array:
    return "an array";
  default:
    return "nothing";
  }
}

std::optional<toml::table>
parse_toml(std::string_view text, Diagnostics& diagnostics)
{
  if (const auto bad = find_invalid_utf8(text)) {
    diagnostics.error(
        position_at_offset(text, *bad), "", "expected UTF-8 text, found an invalid byte sequence");
    return std::nullopt;
  }
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    diagnostics.error(position_at_offset(text, nul), "", "expected text, found a NUL byte");
    return std::nullopt;
  }
  if (const auto deep = find_deep_key_path(text, k_max_key_parts)) {
    diagnostics.error(position_at_offset(text, *deep),
                      "",
                      "expected a key or table name of at most " + std::to_string(k_max_key_parts) +
                          " dotted parts, found more");
    return std::nullopt;
  }
  try {
    // No source path: toml++ would share it into every node (an atomic count per node, with
    // threads contending), and our diagnostics carry the file name themselves.
    return toml::parse(text);
  } catch (const toml::parse_error& error) {
    diagnostics.error(
        position_of(error.source()), "", "TOML syntax: " + std::string(error.description()));
    return std::nullopt;
  }
}

TableReader::TableReader(const toml::table& table,
                         std::string path,
                         Diagnostics& diagnostics,
                         std::vector<std::string_view> known_keys)
    : m_table(table), m_path(std::move(path)), m_diagnostics(diagnostics)
{
  for (const auto& [key, node] : m_table) {
    if (std::find(known_keys.begin(), known_keys.end(), key.str()) != known_keys.end()) {
      continue;
    }
    std::string message = "unknown key";
    if (const auto suggestion = closest_match(key.str(), known_keys)) {
      message += "; did you mean \"" + *suggestion + "\"?";
    } else {
      message += "; expected one of " + join(known_keys, ", ");
    }
    // The key as found, cut like a value in a message (a 1 MB key name stays one short line).
    std::string shown = key_path(key.str());
    if (character_count(shown) > 80) {
      const std::string quoted = quote_for_message(key.str());
      shown = key_path(quoted.substr(1, quoted.size() - 2));
    }
    m_diagnostics.error(position_of(key.source()), std::move(shown), message);
  }
}

std::string
TableReader::key_path(std::string_view key) const
{
  return m_path.empty() ? std::string(key) : m_path + "." + std::string(key);
}

SourcePos
TableReader::table_pos() const
{
  return position_of(m_table.source());
}

void
TableReader::error(std::string_view key, std::string message)
{
  const toml::node* node = m_table.get(key);
  m_diagnostics.error(
      node ? position_of(node->source()) : table_pos(), key_path(key), std::move(message));
}

void
TableReader::installation_error(std::string_view key, std::string message)
{
  const toml::node* node = m_table.get(key);
  m_diagnostics.installation_error(
      node ? position_of(node->source()) : table_pos(), key_path(key), std::move(message));
}

void
TableReader::error_at(const toml::node& node, std::string key_path, std::string message)
{
  m_diagnostics.error(position_of(node.source()), std::move(key_path), std::move(message));
}

void
TableReader::missing(std::string_view key, std::string_view expected)
{
  m_diagnostics.error(table_pos(),
                      key_path(key),
                      "expected " + std::string(expected) +
                          ", found nothing (the key is required)");
}

const toml::node*
TableReader::find(std::string_view key, Need need, const Expected& expected)
{
  const toml::node* node = m_table.get(key);
  if (!node && need == Need::required) {
    missing(key, expected());
  }
  return node;
}

std::optional<std::pair<std::string, const toml::node*>>
TableReader::string_node(std::string_view key, Need need, const Expected& expected)
{
  const toml::node* node = find(key, need, expected);
  if (!node) {
    return std::nullopt;
  }
  if (!node->is_string()) {
    error(key, "expected " + expected() + " (a quoted string), found " + describe_value(*node));
    return std::nullopt;
  }
  return std::make_pair(node->as_string()->get(), node);
}

void
TableReader::bad_choice(std::string_view key,
                        const std::string& text,
                        const toml::node& node,
                        const std::vector<std::string_view>& accepted,
                        std::optional<std::size_t> index)
{
  std::string message =
      "expected one of " + join(accepted, ", ") + ", found " + quote_for_message(text);
  if (const auto suggestion = closest_match(text, accepted)) {
    message += "; did you mean \"" + *suggestion + "\"?";
  }
  error_at(
      node, index ? key_path(key) + "[" + std::to_string(*index) + "]" : key_path(key), message);
}

std::optional<std::string>
TableReader::string(std::string_view key,
                    Need need,
                    std::size_t max_length,
                    std::string_view expected)
{
  auto text = string_node(key, need, [&] { return std::string(expected); });
  if (!text) {
    return std::nullopt;
  }
  if (character_count(text->first) > max_length) {
    error(key,
          "expected at most " + std::to_string(max_length) + " characters, found " +
              std::to_string(character_count(text->first)));
    return std::nullopt;
  }
  return std::move(text->first);
}

std::optional<std::int64_t>
TableReader::integer(std::string_view key, Need need, std::int64_t min, std::int64_t max)
{
  const auto expected = [&] {
    return "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  };
  const toml::node* node = find(key, need, expected);
  if (!node) {
    return std::nullopt;
  }
  if (!node->is_integer()) {
    error(key, "expected " + expected() + ", found " + describe_value(*node));
    return std::nullopt;
  }
  const std::int64_t value = node->as_integer()->get();
  if (value < min || value > max) {
    error(key, "expected " + expected() + ", found " + std::to_string(value));
    return std::nullopt;
  }
  return value;
}

std::optional<double>
TableReader::number(std::string_view key, Need need, double min, double max, bool min_exclusive)
{
  const auto expected = [&] {
    return std::string("a number of millimetres ") + (min_exclusive ? "above " : "from ") +
           format_number(min) + (min_exclusive ? " up to " : " to ") + format_number(max);
  };
  const toml::node* node = find(key, need, expected);
  if (!node) {
    return std::nullopt;
  }
  if (!node->is_number()) {
    error(key, "expected " + expected() + ", found " + describe_value(*node));
    return std::nullopt;
  }
  const double value = *node->value<double>();
  if (!std::isfinite(value) || value < min || value > max || (min_exclusive && value == min)) {
    error(key, "expected " + expected() + ", found " + describe_value(*node));
    return std::nullopt;
  }
  return value;
}

std::optional<bool>
TableReader::boolean(std::string_view key, Need need)
{
  const toml::node* node = find(key, need, [] { return std::string("true or false"); });
  if (!node) {
    return std::nullopt;
  }
  if (!node->is_boolean()) {
    error(key, "expected true or false, found " + describe_value(*node));
    return std::nullopt;
  }
  return node->as_boolean()->get();
}

std::optional<date::year_month_day>
TableReader::date(std::string_view key, Need need, bool identifying)
{
  const auto expected = [] { return std::string("a date such as 2026-01-31 (unquoted)"); };
  const toml::node* node = find(key, need, expected);
  if (!node) {
    return std::nullopt;
  }
  if (!node->is_date()) {
    error(key,
          "expected " + expected() + ", found " +
              (identifying && node->is_string() ? std::string("a string") : describe_value(*node)));
    return std::nullopt;
  }
  const toml::date value = node->as_date()->get();
  const date::year_month_day day{date::year{value.year},
                                 date::month{static_cast<unsigned>(value.month)},
                                 date::day{static_cast<unsigned>(value.day)}};
  if (!day.ok() || value.year < 1900 || value.year > 2200) {
    error(key,
          "expected a date between 1900 and 2200, found " +
              (identifying ? std::string("one outside them") : describe_value(*node)));
    return std::nullopt;
  }
  return day;
}

std::optional<std::chrono::minutes>
TableReader::time_of_day(std::string_view key, Need need)
{
  const auto expected = [] { return std::string("a time of day \"HH:MM\" from 00:00 to 23:59"); };
  const auto text = string_node(key, need, expected);
  if (!text) {
    return std::nullopt;
  }
  if (const auto clock = parse_clock(text->first)) {
    return clock;
  }
  error(key, "expected " + expected() + ", found " + quote_for_message(text->first));
  return std::nullopt;
}

std::optional<std::vector<std::string>>
TableReader::string_array(std::string_view key,
                          Need need,
                          std::size_t max_items,
                          std::size_t max_length)
{
  const auto expected = [] { return std::string("an array of strings"); };
  const toml::node* node = find(key, need, expected);
  if (!node) {
    return std::nullopt;
  }
  const toml::array* array = node->as_array();
  if (!array) {
    error(key, "expected " + expected() + ", found " + describe_value(*node));
    return std::nullopt;
  }
  if (array->size() > max_items) {
    error(key,
          "expected at most " + std::to_string(max_items) + " items, found " +
              std::to_string(array->size()));
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& item = *array->get(i);
    const auto item_path = [&] { return key_path(key) + "[" + std::to_string(i) + "]"; };
    if (!item.is_string()) {
      error_at(item, item_path(), "expected a quoted string, found " + describe_value(item));
      ok = false;
    } else if (item.as_string()->get().empty() ||
               character_count(item.as_string()->get()) > max_length) {
      error_at(item,
               item_path(),
               "expected 1 to " + std::to_string(max_length) + " characters, found " +
                   std::to_string(character_count(item.as_string()->get())));
      ok = false;
    } else {
      out.push_back(item.as_string()->get());
    }
  }
  if (!ok) {
    return std::nullopt;
  }
  return out;
}

const toml::table*
TableReader::subtable(std::string_view key, Need need)
{
  const toml::node* node = find(key, need, [&] { return "a table [" + key_path(key) + "]"; });
  if (!node) {
    return nullptr;
  }
  if (!node->is_table()) {
    error(key, "expected a table [" + key_path(key) + "], found " + describe_value(*node));
    return nullptr;
  }
  return node->as_table();
}

std::vector<const toml::table*>
TableReader::table_array(std::string_view key, Need need, std::size_t max_items)
{
  const auto expected = [&] { return "tables written [[" + key_path(key) + "]]"; };
  const toml::node* node = find(key, need, expected);
  std::vector<const toml::table*> out;
  if (!node) {
    return out;
  }
  const toml::array* array = node->as_array();
  if (!array || (!array->empty() && !array->is_array_of_tables())) {
    error(key, "expected " + expected() + ", found " + describe_value(*node));
    return out;
  }
  if (array->size() > max_items) {
    error(key,
          "expected at most " + std::to_string(max_items) + " entries, found " +
              std::to_string(array->size()));
    return out;
  }
  for (const auto& item : *array) {
    out.push_back(item.as_table());
  }
  return out;
}

} // namespace scarplan
