#pragma once

#include <scarplan/model/settings.hpp>
#include <scarplan/util/diagnostics.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace scarplan {

// Validate the clinic and protocol files (spec/clinic-file.md, scarplan-settings(5)) the same
// way as patient files: every problem to `diagnostics`, a value only when there are none.
std::optional<Clinic> load_clinic(std::string_view text, Diagnostics& diagnostics);
std::optional<Protocol> load_protocol(std::string_view text, Diagnostics& diagnostics);

// Where Debian's date-tz reads its zones (compiled into it with USE_OS_TZDB; not configurable).
inline const std::string k_zoneinfo_folder = "/usr/share/zoneinfo";
// Why the time-zone database cannot give `zone` ("FOLDER is missing", "FILE is unreadable"), or
// empty when the installation is fine and the name simply is not a zone.
std::string time_zone_file_problem(const std::string& folder, std::string_view zone);
// Whether `zone` could name an IANA zone: not a table or alias of the database folder
// (zone.tab, tzdata.zi, localtime, posixrules, Factory).
bool is_zone_name(std::string_view zone);

} // namespace scarplan
