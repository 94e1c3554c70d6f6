#include <scarplan/load/builtin_data.hpp>
#include <scarplan/load/settings_files.hpp>
#include <scarplan/load/toml_reader.hpp>

#include <catch2/catch.hpp>

#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "support.hpp"

using namespace scarplan;
using namespace scarplan::test;

TEST_CASE("the template and the bundled example load", "[load][patient]")
{
  const Patient template_patient = patient_from(std::string(builtin_file("patient-template.toml")));
  CHECK(template_patient.id == k_template_patient_id);
  CHECK_THAT(plan_of(std::string(builtin_file("patient-template.toml"))).notes.at(0),
             Catch::Contains("the template's values"));
  CHECK(template_patient.scars.size() == 1);

  const Patient example = patient_from(R"(
format = 1
[patient]
id = "P-2026-0142"
name = "Ana Souza"
birth_date = 1998-04-12
phototype = "IV"
[history]
herpes_simplex = true
medications = ["Apixaban"]
[[scars]]
area = "cheek"
side = "both"
count = 12
width_mm = 5
depth_mm = 0.4
[preferences]
time = "17:30"
weekdays = ["tue", "thu"]
adjuncts = ["prp"]
[[sessions_done]]
date = 2026-10-06
depth_mm = 1.5
)");
  CHECK(example.phototype == 4);
  CHECK(example.history.has("herpes_simplex"));
  CHECK_FALSE(example.history.has("pregnant"));
  CHECK(example.scars[0].width_mm == 5.0); // an integer is a valid measurement
  CHECK(example.preferences.time == std::chrono::minutes{17 * 60 + 30});
  CHECK(example.preferences.weekdays == std::vector<Weekday>{Weekday::tue, Weekday::thu});
  CHECK(example.sessions_done.size() == 1);
  CHECK(example.id_pos.line == 4);
}

TEST_CASE("every problem of a file is reported at once, in file order", "[load][patient]")
{
  const auto errors = errors_of(R"([patient]
id = "has space"
birth_date = 2030-01-01
phototype = 7
[[scars]]
area = "cheeck"
count = "12"
widht_mm = 1.5
depth_mm = -1
)");
  REQUIRE(errors.size() == 8);
  CHECK(errors[0] == "test.toml:2:6: patient.id: expected 1 to 64 characters of A-Z a-z 0-9 . _ - "
                     "(no spaces, not . or .., no leading -), found \"has space\"");
  CHECK(errors[1] == "test.toml:3:14: patient.birth_date: expected a date on or before the "
                     "reference day 2026-11-22, found a date (in the future)");
  CHECK(errors[2] == "test.toml:4:13: patient.phototype: expected a Fitzpatrick type: an integer 1 "
                     "to 6 or \"I\" to \"VI\", found integer 7");
  CHECK(errors[3] == "test.toml:5:1: scars[0].width_mm: expected a number of millimetres above 0 "
                     "up to 50, found nothing (the key is required)");
  CHECK(errors[4] ==
        "test.toml:6:8: scars[0].area: expected one of forehead, temple, cheek, nose, perioral, "
        "chin, jawline, neck, chest, back, shoulder, found \"cheeck\"; did you mean \"cheek\"?");
  CHECK(errors[5] ==
        "test.toml:7:9: scars[0].count: expected an integer from 1 to 10000, found string \"12\"");
  CHECK(errors[6] == "test.toml:8:1: scars[0].widht_mm: unknown key; did you mean \"width_mm\"?");
  CHECK(errors[7] == "test.toml:9:12: scars[0].depth_mm: expected a number of millimetres from 0 "
                     "to 10, found integer -1");
}

TEST_CASE("format 2 is refused with one clear message", "[load][patient]")
{
  const auto errors = errors_of("format = 2\n[patient]\nnew_key = 1\n");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == "test.toml:1:10: format: expected format 1, found integer 2: this file needs "
                     "a newer scarplan");
}

TEST_CASE("BOM and CRLF are accepted; invalid UTF-8 and NUL are refused with a position",
          "[load][patient]")
{
  const std::string body =
      "[patient]\r\nid = \"P-1\"\r\nbirth_date = 1990-01-01\r\nphototype = 2\r\n";
  CHECK(patient_from("\xEF\xBB\xBF" + body).id == "P-1");
  const auto bad_utf8 = errors_of("[patient]\nid = \"P\xFF\"\n");
  REQUIRE(bad_utf8.size() == 1);
  CHECK(bad_utf8[0] == "test.toml:2:8: expected UTF-8 text, found an invalid byte sequence");
  const auto nul = errors_of(std::string("[patient]\nid = \"P\0\"\n", 20));
  REQUIRE(nul.size() == 1);
  CHECK(nul[0] == "test.toml:2:8: expected text, found a NUL byte");
}

TEST_CASE("TOML syntax errors carry toml++'s position", "[load][patient]")
{
  const auto errors = errors_of("[patient]\nid = \"P-1\"\nid = \"P-2\"\n");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rfind("test.toml:3:6: TOML syntax: ", 0) == 0);
}

TEST_CASE("dates meant to be past are checked against the reference day", "[load][patient]")
{
  const std::string file =
      patient_with_scar("area = \"cheek\"\ncount = 1\nwidth_mm = 3\ndepth_mm = 0.3",
                        "[history]\nisotretinoin_last_dose = 2026-12-01\n");
  CHECK(errors_of(file, "2026-11-22").size() == 1);
  CHECK(patient_from(file, "2026-12-01").history.date_of("isotretinoin_last_dose"));
}

TEST_CASE("sessions done must be oldest first", "[load][patient]")
{
  const auto errors =
      errors_of(patient_with_scar("area = \"cheek\"\ncount = 1\nwidth_mm = 3\ndepth_mm = 0.3") +
                "[[sessions_done]]\ndate = 2026-10-06\n[[sessions_done]]\ndate = 2026-09-01\n");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == "test.toml:14:8: sessions_done[1].date: expected sessions oldest first, found "
                     "date 2026-09-01 before 2026-10-06");
}

TEST_CASE("the built-in clinic and protocol are valid", "[load][settings]")
{
  const Settings& settings = builtin_settings();
  CHECK(settings.clinic.currency == "CAD");
  CHECK(settings.clinic.zone->name() == "America/Toronto");
  CHECK(settings.clinic.prices[0] == 30000);
  CHECK(settings.clinic.closed(day("2026-12-25")));
  CHECK(settings.protocol.longest_prep_lead_days() == 14);
  CHECK(settings.protocol.contraindications.size() >= 20);
  for (const auto& rule : settings.protocol.contraindications) {
    CHECK_FALSE(rule.source.empty());
  }
}

TEST_CASE("a float price is an error that says to quote it", "[load][settings]")
{
  Diagnostics diagnostics("clinic.toml");
  const auto clinic =
      load_clinic(replace(builtin_clinic_text(), "face = \"300.00\"", "face = 300.0"), diagnostics);
  CHECK_FALSE(clinic);
  REQUIRE(diagnostics.items().size() == 1);
  CHECK(format_diagnostic(diagnostics.items()[0]) ==
        "clinic.toml:37:8: prices.face: expected a quoted decimal string such as \"300.00\", found "
        "float 300: quote it, money and percentages are exact decimals");
}

TEST_CASE("clinic settings errors name the key and what was expected", "[load][settings]")
{
  std::string text = builtin_clinic_text();
  text = replace(text, "timezone = \"America/Toronto\"", "timezone = \"Mars/Olympus\"");
  text = replace(text, "currency = \"CAD\"", "currency = \"XYZ\"");
  text = replace(text, "fri = \"10:00-16:00\"", "fri = \"16:00-10:00\"");
  Diagnostics diagnostics("clinic.toml");
  CHECK_FALSE(load_clinic(text, diagnostics));
  REQUIRE(diagnostics.items().size() == 3);
  CHECK(diagnostics.items()[0].key == "clinic.timezone");
  CHECK(diagnostics.items()[1].key == "clinic.currency");
  CHECK(diagnostics.items()[2].key == "hours.fri");
}

TEST_CASE("protocol rules are validated like patient files", "[load][settings]")
{
  std::string text(builtin_file("protocol.toml"));
  text = replace(text, "icepick_max_width_mm = 2.0", "icepick_max_width_mm = \"2.0\"");
  text = replace(text, "requires = \"herpes_simplex\"", "requires = \"herpes\"");
  Diagnostics diagnostics("protocol.toml");
  CHECK_FALSE(load_protocol(text, diagnostics));
  REQUIRE(diagnostics.items().size() == 2);
  CHECK(diagnostics.items()[0].key == "classification.icepick_max_width_mm");
  CHECK(diagnostics.items()[1].message ==
        "expected the id of a [[contraindications]] rule, found \"herpes\"");
}

TEST_CASE("one HH:MM parser serves appointment times and opening hours", "[load]")
{
  CHECK(parse_clock("00:00") == std::chrono::minutes{0});
  CHECK(parse_clock("17:30") == std::chrono::minutes{17 * 60 + 30});
  CHECK(parse_clock("23:59") == std::chrono::minutes{23 * 60 + 59});
  CHECK_FALSE(parse_clock("24:00"));
  CHECK(parse_clock("24:00", true) == std::chrono::minutes{24 * 60});
  CHECK_FALSE(parse_clock("24:01", true));
  CHECK_FALSE(parse_clock("25:61"));
  CHECK_FALSE(parse_clock("7:00"));
  CHECK_FALSE(parse_clock("10am"));
  CHECK_FALSE(parse_clock("10:00:00"));
}

TEST_CASE("key paths deeper than the limit are refused before toml++ sees them", "[load]")
{
  const auto path = [](std::size_t parts, std::string_view part = "a") {
    std::string out(part);
    for (std::size_t i = 1; i < parts; ++i) {
      out += ".";
      out += part;
    }
    return out;
  };
  CHECK_FALSE(find_deep_key_path(path(32) + " = 1\n", 32));
  CHECK(find_deep_key_path(path(33) + " = 1\n", 32) == 0u);
  CHECK(find_deep_key_path("x = 1\n[" + path(33) + "]\n", 32) == 7u);
  CHECK(find_deep_key_path("x = { " + path(33) + " = 1 }\n", 32) == 6u);
  CHECK(find_deep_key_path(path(20, "\"q.q\"") + " . " + path(13, "'r'") + " = 1", 32) == 0u);
  // Dots inside strings, comments, numbers and times are not parts of a key path.
  CHECK_FALSE(find_deep_key_path("x = \"" + path(100) + "\"\n", 32));
  CHECK_FALSE(find_deep_key_path("x = '''\n" + path(100) + "\n'''\n", 32));
  CHECK_FALSE(find_deep_key_path("x = \"\"\"\\\"" + path(100) + "\"\"\"\n", 32));
  CHECK_FALSE(find_deep_key_path("# " + path(100) + "\nx = 1.5\nt = 07:32:00.999\n", 32));
  CHECK_FALSE(find_deep_key_path(path(16) + "\n" + path(16) + "\n", 32)); // a line ends a path
  // A multi-line string may close with up to five quotes, and a backslash never hides the end
  // of a line: neither lets the next line's key path go uncounted.
  CHECK(find_deep_key_path("a = \"\"\"x\"\"\"\" # \\\n" + path(33) + " = 1\n", 32) == 17u);
  CHECK(find_deep_key_path("a = \"x\\\n" + path(33) + " = 1\n", 32) == 8u);

  Diagnostics diagnostics("deep.toml");
  CHECK_FALSE(parse_toml("ok = 1\n" + path(200000) + " = 1\n", diagnostics));
  REQUIRE(diagnostics.items().size() == 1);
  CHECK(diagnostics.items()[0].pos.line == 2);
  CHECK(diagnostics.items()[0].pos.column == 1);
}

TEST_CASE("a broken time-zone database is the installation's fault, named by its file",
          "[load][settings]")
{
  char pattern[] = "/tmp/scarplan-zoneinfo-XXXXXX";
  const std::string folder = ::mkdtemp(pattern);
  CHECK(time_zone_file_problem(folder + "/absent", "America/Toronto") ==
        folder + "/absent is missing");
  CHECK(time_zone_file_problem(folder, "Mars/Base").empty()); // a typo, the settings' fault
  ::mkdir((folder + "/America").c_str(), 0700);
  {
    std::ofstream corrupt(folder + "/America/Toronto");
    corrupt << "not a zone";
  }
  CHECK_THAT(time_zone_file_problem(folder, "America/Toronto"),
             Catch::Contains("America/Toronto is not a time-zone file"));
  ::mkdir((folder + "/America/Halifax").c_str(), 0700); // unreadable as a file
  CHECK_THAT(time_zone_file_problem(folder, "America/Halifax"), Catch::Contains("is unreadable"));
  CHECK(time_zone_file_problem(k_zoneinfo_folder, "America/Toronto").empty());
  std::filesystem::remove_all(folder);

  // The folder's tables and aliases are no zone: the settings' fault, never read as a zone.
  for (const char* table : {"zone.tab",
                            "zone1970.tab",
                            "tzdata.zi",
                            "leapseconds",
                            "localtime",
                            "posixrules",
                            "Factory",
                            "America/../zone.tab",
                            "right/America/Toronto"}) {
    CHECK_FALSE(is_zone_name(table));
  }
  for (const char* name : {"America/Toronto",
                           "Etc/GMT+5",
                           "UTC",
                           "America/Port-au-Prince",
                           "America/Argentina/Buenos_Aires"}) {
    CHECK(is_zone_name(name));
  }

  // A zone the database lacks, with the database intact: the clinic file is at fault (65).
  Diagnostics diagnostics("clinic.toml");
  CHECK_FALSE(load_clinic(replace(builtin_clinic_text(), "America/Toronto", "America/Torontoo"),
                          diagnostics));
  CHECK_FALSE(diagnostics.installation_broken());
}
