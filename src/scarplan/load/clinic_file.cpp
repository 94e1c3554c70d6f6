#include <scarplan/load/settings_files.hpp>
#include <scarplan/load/toml_reader.hpp>
#include <scarplan/util/files.hpp>

#include <sys/stat.h>

#include <algorithm>

namespace scarplan {

bool
is_zone_name(std::string_view zone)
{
  // The database folder also holds files that are no zone: the host's own zone, POSIX's default,
  // and tables (zone.tab, iso3166.tab, tzdata.zi, leapseconds). Every IANA name's parts start
  // with a capital letter and hold no dot.
  static constexpr std::string_view k_not_zones[] = {"localtime", "posixrules", "Factory"};
  if (zone.empty() ||
      std::find(std::begin(k_not_zones), std::end(k_not_zones), zone) != std::end(k_not_zones)) {
    return false;
  }
  std::size_t part = 0;
  while (part < zone.size()) {
    if (zone[part] < 'A' || zone[part] > 'Z') {
      return false;
    }
    part = std::min(zone.find('/', part), zone.size()) + 1;
  }
  return zone.find('.') == std::string_view::npos;
}

std::string
time_zone_file_problem(const std::string& folder, std::string_view zone)
{
  // A zone the database should have: its folder must be there, and its file, when there, must
  // be readable TZif data. A name with no file at all is the settings' typo, not ours.
  struct stat info = {};
  if (::stat(folder.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    return folder + " is missing";
  }
  const std::string path = folder + "/" + std::string(zone);
  if (zone.find("..") != std::string_view::npos || ::stat(path.c_str(), &info) != 0) {
    return "";
  }
  const ReadResult read = read_input(path, 1024 * 1024);
  if (read.status != ReadStatus::ok) {
    return path + " is unreadable (" + read.error + ")";
  }
  if (read.content.compare(0, 4, "TZif") != 0) {
    return path + " is not a time-zone file (no TZif header)";
  }
  return "";
}

namespace {

// A money or percentage value: a quoted decimal string, never a TOML number (floats round).
std::optional<Decimal>
read_decimal(
    TableReader& reader, std::string_view key, Need need, int max_digits, std::string_view example)
{
  const std::string expected = "a quoted decimal string such as \"" + std::string(example) + "\"";
  const toml::node* node = reader.table().get(key);
  if (!node) {
    if (need == Need::required) {
      reader.missing(key, expected);
    }
    return std::nullopt;
  }
  if (!node->is_string()) {
    reader.error(
        key,
        "expected " + expected + ", found " + describe_value(*node) +
            (node->is_number() ? ": quote it, money and percentages are exact decimals" : ""));
    return std::nullopt;
  }
  std::string error;
  const auto value = parse_decimal(node->as_string()->get(), max_digits, error);
  if (!value) {
    reader.error(key, "expected " + error + ", found " + describe_value(*node));
  }
  return value;
}

std::optional<MinorUnits>
read_money(TableReader& reader, std::string_view key, Need need, int digits)
{
  const auto value = read_decimal(reader, key, need, digits, digits == 0 ? "300" : "300.00");
  if (!value) {
    return std::nullopt;
  }
  std::string error;
  return parse_money(format_decimal(*value), digits, error);
}

std::optional<Decimal>
read_percent(TableReader& reader, std::string_view key, Need need)
{
  auto value = read_decimal(reader, key, need, 4, "13");
  if (value && value->numerator > 100 * power_of_ten(value->scale)) {
    reader.error(key,
                 "expected a percentage from 0 to 100, found " +
                     quote_for_message(format_decimal(*value)));
    return std::nullopt;
  }
  return value;
}

std::optional<OpeningHours>
parse_hours(std::string_view text)
{
  if (text == "closed") {
    return OpeningHours{};
  }
  if (text.size() != 11 || text[5] != '-') {
    return std::nullopt;
  }
  const auto from = parse_clock(text.substr(0, 5));
  const auto to = parse_clock(text.substr(6, 5), true);
  if (!from || !to || *from >= *to) {
    return std::nullopt;
  }
  return OpeningHours{true, *from, *to};
}

void
load_hours(TableReader& root, Clinic& clinic, Diagnostics& diagnostics)
{
  const toml::table* table = root.subtable("hours", Need::required);
  if (!table) {
    return;
  }
  std::vector<std::string_view> keys = name_list(k_weekday_names);
  keys.push_back("closed_on");
  TableReader reader(*table, "hours", diagnostics, keys);
  int days_read = 0;
  bool any_open = false;
  for (int day = 0; day < 7; ++day) {
    const std::string_view key = k_weekday_names[day];
    const std::string expected =
        "\"closed\" or opening hours \"HH:MM-HH:MM\" (opening before closing)";
    const toml::node* node = table->get(key);
    if (!node) {
      reader.missing(key, expected);
      continue;
    }
    const auto hours = node->is_string() ? parse_hours(node->as_string()->get()) : std::nullopt;
    if (!hours) {
      reader.error(key, "expected " + expected + ", found " + describe_value(*node));
      continue;
    }
    clinic.hours[static_cast<std::size_t>(day)] = *hours;
    ++days_read;
    any_open = any_open || hours->open;
  }
  if (days_read == 7 && !any_open) {
    reader.error("mon", "expected at least one day with opening hours, found every day closed");
  }
  if (const toml::node* node = table->get("closed_on")) {
    const toml::array* array = node->as_array();
    if (!array) {
      reader.error("closed_on", "expected an array of dates, found " + describe_value(*node));
      return;
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::node& item = *array->get(i);
      if (!item.is_date()) {
        reader.error_at(item,
                        "hours.closed_on[" + std::to_string(i) + "]",
                        "expected a date such as 2026-12-25 (unquoted), found " +
                            describe_value(item));
        continue;
      }
      const toml::date value = item.as_date()->get();
      clinic.closed_on.push_back(
          date::sys_days{date::year{value.year} / static_cast<unsigned>(value.month) /
                         static_cast<unsigned>(value.day)});
    }
    std::sort(clinic.closed_on.begin(), clinic.closed_on.end());
  }
}

void
load_clinic_table(TableReader& root, Clinic& clinic, Diagnostics& diagnostics)
{
  const toml::table* table = root.subtable("clinic", Need::required);
  if (!table) {
    return;
  }
  TableReader reader(
      *table,
      "clinic",
      diagnostics,
      {"name", "timezone", "currency", "tax_percent", "default_time", "numbing_minutes"});
  clinic.name = reader.string("name", Need::optional, 200).value_or("");
  if (has_control_characters(clinic.name)) { // it goes into every calendar and handout
    reader.error("name",
                 "expected a name without control characters, found " +
                     quote_for_message(clinic.name));
    clinic.name.clear();
  }
  if (const auto zone = reader.string("timezone", Need::required, 64);
      zone && !is_zone_name(*zone)) {
    reader.error("timezone",
                 "expected an IANA time-zone name such as \"America/Toronto\", found " +
                     quote_for_message(*zone) + " (not a zone of its own)");
  } else if (zone) {
    // The file is checked before the date library reads it: a file that is not TZif data
    // aborts the library (an assertion), which no exception can catch.
    std::string problem = time_zone_file_problem(k_zoneinfo_folder, *zone);
    if (problem.empty()) {
      try {
        clinic.zone = date::locate_zone(*zone);
        clinic.zone->get_info(date::sys_seconds{}); // its file is read now, not in a worker later
        clinic.timezone_name = *zone;
      } catch (const std::exception&) {
        clinic.zone = nullptr;
        struct stat info = {};
        if (::stat((std::string(k_zoneinfo_folder) + "/" + *zone).c_str(), &info) == 0) {
          problem = std::string(k_zoneinfo_folder) + "/" + *zone + " cannot be read as a zone";
        }
      }
    }
    if (!problem.empty()) {
      reader.installation_error("timezone",
                                problem + ": the time-zone database of this "
                                          "installation is broken (reinstall tzdata); the "
                                          "settings are not at fault");
    } else if (!clinic.zone) {
      reader.error("timezone",
                   "expected an IANA time-zone name such as \"America/Toronto\", found " +
                       quote_for_message(*zone) + " (not in the time-zone database)");
    }
  }
  if (const auto currency = reader.string("currency", Need::required, 3)) {
    if (const auto digits = currency_digits(*currency)) {
      clinic.currency = *currency;
      clinic.currency_digits = *digits;
    } else {
      reader.error(
          "currency",
          "expected an ISO 4217 currency code such as \"CAD\", \"EUR\" or \"JPY\", found " +
              quote_for_message(*currency));
    }
  }
  clinic.tax_percent = read_percent(reader, "tax_percent", Need::required).value_or(Decimal{});
  clinic.default_time =
      reader.time_of_day("default_time", Need::required).value_or(clinic.default_time);
  clinic.numbing =
      std::chrono::minutes{reader.integer("numbing_minutes", Need::required, 0, 180).value_or(45)};
}

void
load_durations_and_prices(TableReader& root, Clinic& clinic, Diagnostics& diagnostics)
{
  const std::vector<std::string_view> zones = name_list(k_zone_names);
  if (const toml::table* table = root.subtable("durations", Need::required)) {
    TableReader reader(*table, "durations", diagnostics, zones);
    for (std::size_t zone = 0; zone < zones.size(); ++zone) {
      clinic.durations[zone] =
          std::chrono::minutes{reader.integer(zones[zone], Need::required, 1, 480).value_or(1)};
    }
  }
  const toml::table* prices = root.subtable("prices", Need::required);
  if (!prices) {
    return;
  }
  std::vector<std::string_view> keys = zones;
  keys.push_back("adjuncts");
  TableReader reader(*prices, "prices", diagnostics, keys);
  for (std::size_t zone = 0; zone < zones.size(); ++zone) {
    clinic.prices[zone] =
        read_money(reader, zones[zone], Need::required, clinic.currency_digits).value_or(0);
  }
  if (const toml::table* adjuncts = reader.subtable("adjuncts", Need::optional)) {
    TableReader adjunct_reader(
        *adjuncts, "prices.adjuncts", diagnostics, name_list(k_adjunct_names));
    for (int i = 0; i < k_adjunct_count; ++i) {
      clinic.adjunct_prices[static_cast<std::size_t>(i)] =
          read_money(adjunct_reader, k_adjunct_names[i], Need::optional, clinic.currency_digits);
    }
  }
}

void
load_package(TableReader& root, Clinic& clinic, Diagnostics& diagnostics)
{
  const toml::table* table = root.subtable("package", Need::required);
  if (!table) {
    return;
  }
  TableReader reader(*table,
                     "package",
                     diagnostics,
                     {"min_sessions", "discount_percent", "deposit_percent", "installments"});
  auto& terms = clinic.package;
  terms.min_sessions =
      static_cast<int>(reader.integer("min_sessions", Need::required, 1, 50).value_or(1));
  terms.discount_percent =
      read_percent(reader, "discount_percent", Need::required).value_or(Decimal{});
  terms.deposit_percent =
      read_percent(reader, "deposit_percent", Need::required).value_or(Decimal{});
  terms.installments =
      static_cast<int>(reader.integer("installments", Need::required, 1, 24).value_or(1));
}

void
load_contact(TableReader& root, Clinic& clinic, Diagnostics& diagnostics)
{
  const toml::table* table = root.subtable("contact", Need::optional);
  if (!table) {
    return;
  }
  TableReader reader(*table, "contact", diagnostics, {"phone", "address", "web"});
  clinic.contact.phone = reader.string("phone", Need::optional, 64).value_or("");
  clinic.contact.address = reader.string("address", Need::optional, 200).value_or("");
  clinic.contact.web = reader.string("web", Need::optional, 200).value_or("");
}

void
load_capacity(TableReader& root, Clinic& clinic, Diagnostics& diagnostics)
{
  Capacity& capacity = clinic.capacity;
  if (const toml::table* table = root.subtable("capacity", Need::optional)) {
    TableReader reader(*table, "capacity", diagnostics, {"slot_minutes", "buffer_minutes"});
    capacity.slot = std::chrono::minutes(
        reader.integer("slot_minutes", Need::optional, 1, 240).value_or(capacity.slot.count()));
    capacity.buffer = std::chrono::minutes(
        reader.integer("buffer_minutes", Need::optional, 0, 240).value_or(capacity.buffer.count()));
  }
  const auto rooms = root.table_array("rooms", Need::optional, 100);
  for (std::size_t i = 0; i < rooms.size(); ++i) {
    TableReader reader(*rooms[i], "rooms[" + std::to_string(i) + "]", diagnostics, {"name"});
    auto name = reader.string("name", Need::required, 64);
    if (!name) {
      continue;
    }
    if (has_control_characters(*name)) { // it goes into RESOURCES, the agenda and every plan
      reader.error("name",
                   "expected a room name without control characters, found " +
                       quote_for_message(*name));
      continue;
    }
    if (std::find(capacity.rooms.begin(), capacity.rooms.end(), *name) != capacity.rooms.end()) {
      reader.error("name", "expected each room once, found " + quote_for_message(*name) + " again");
      continue;
    }
    capacity.rooms.push_back(std::move(*name));
  }
  const auto practitioners = root.table_array("practitioners", Need::optional, 100);
  if (!practitioners.empty() && capacity.rooms.empty()) {
    root.error("practitioners", "expected [[rooms]] too: practitioners need rooms to work in");
  }
  for (std::size_t i = 0; i < practitioners.size(); ++i) {
    TableReader reader(*practitioners[i],
                       "practitioners[" + std::to_string(i) + "]",
                       diagnostics,
                       {"id", "hours"});
    Practitioner practitioner;
    practitioner.id = reader.string("id", Need::required, 64).value_or("");
    if (has_control_characters(practitioner.id)) {
      reader.error("id",
                   "expected a practitioner id without control characters, found " +
                       quote_for_message(practitioner.id));
    }
    if (const toml::table* hours = reader.subtable("hours", Need::required)) {
      TableReader days(*hours,
                       "practitioners[" + std::to_string(i) + "].hours",
                       diagnostics,
                       name_list(k_weekday_names));
      for (int day = 0; day < 7; ++day) {
        const toml::node* node = hours->get(k_weekday_names[day]);
        if (!node) {
          continue; // a day off
        }
        const auto parsed =
            node->is_string() ? parse_hours(node->as_string()->get()) : std::nullopt;
        if (!parsed) {
          days.error(k_weekday_names[day],
                     "expected \"closed\" or working hours \"HH:MM-HH:MM\", found " +
                         describe_value(*node));
          continue;
        }
        practitioner.hours[static_cast<std::size_t>(day)] = *parsed;
      }
    }
    for (const auto& other : capacity.practitioners) {
      if (!practitioner.id.empty() && other.id == practitioner.id) {
        reader.error("id",
                     "expected each practitioner once, found " +
                         quote_for_message(practitioner.id) + " again");
      }
    }
    capacity.practitioners.push_back(std::move(practitioner));
  }
}

} // namespace

std::optional<Clinic>
load_clinic(std::string_view text, Diagnostics& diagnostics)
{
  const auto root_table = parse_toml(text, diagnostics);
  if (!root_table) {
    return std::nullopt;
  }
  TableReader root(*root_table,
                   "",
                   diagnostics,
                   {"format",
                    "clinic",
                    "contact",
                    "hours",
                    "durations",
                    "prices",
                    "package",
                    "capacity",
                    "rooms",
                    "practitioners"});
  root.integer("format", Need::optional, 1, 1);
  Clinic clinic;
  load_clinic_table(root, clinic, diagnostics);
  load_hours(root, clinic, diagnostics);
  load_durations_and_prices(root, clinic, diagnostics);
  load_package(root, clinic, diagnostics);
  load_contact(root, clinic, diagnostics);
  load_capacity(root, clinic, diagnostics);
  diagnostics.sort_by_position();
  if (!diagnostics.empty()) {
    return std::nullopt;
  }
  return clinic;
}

} // namespace scarplan
