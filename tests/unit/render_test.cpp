#include <scarplan/render/json_writer.hpp>
#include <scarplan/render/render.hpp>
#include <scarplan/util/text.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <string_view>
#include <type_traits>

#include "support.hpp"

using namespace scarplan;
using namespace scarplan::test;

namespace {

// The TOML basic-string escapes the tests write (\" \\ \n \uXXXX) as the bytes they stand for:
// read as a scar's note, which keeps them.
std::string
unescape(const std::string& text)
{
  const std::string file = "[patient]\nid = \"X\"\nbirth_date = 1990-01-01\nphototype = 3\n"
                           "[[scars]]\narea = \"cheek\"\ncount = 1\nwidth_mm = 5\ndepth_mm = 0.3\n"
                           "note = \"" +
                           text + "\"\n";
  return patient_from(file).scars[0].note;
}

// `name` is written into a TOML basic string as it is: escapes are TOML's.
Plan
named_plan(const std::string& name, bool in_calendar = false)
{
  // The loader refuses names with control characters; the renderers must still be safe with
  // any name a plan holds, so the name is set after loading.
  std::string file =
      std::string("[patient]\nid = \"P-9\"\nname = \"placeholder\"\nbirth_date = 1990-01-01\n"
                  "phototype = 3\n[preferences]\nstart = 2027-01-12\nwith_name_in_calendar = ") +
      (in_calendar ? "true" : "false") +
      "\n"
      "[[scars]]\narea = \"cheek\"\ncount = 12\nwidth_mm = 5\ndepth_mm = 0.3\nedges = \"sloped\"\n";
  Plan plan = plan_of(file);
  plan.patient.name = unescape(name);
  return plan;
}

std::vector<std::string>
lines_of(const std::string& text)
{
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto end = text.find("\r\n", at);
    REQUIRE(end != std::string::npos); // every line ends in CRLF
    out.push_back(text.substr(at, end - at));
    at = end + 2;
  }
  return out;
}

std::string
unfold(const std::string& text)
{
  std::string out;
  for (const auto& line : lines_of(text)) {
    if (!line.empty() && line[0] == ' ') {
      out += line.substr(1);
    } else {
      out += (out.empty() ? "" : "\n") + line;
    }
  }
  return out;
}

} // namespace

TEST_CASE("iCal lines are CRLF, at most 75 octets, folded on UTF-8 boundaries", "[render][ics]")
{
  const Plan plan = named_plan(std::string(30, 'x') + "😀é😀é😀é😀é😀é😀é😀é😀é😀é", true);
  const std::string ics = render_ics(plan, {});
  CHECK(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", 0) == 0);
  CHECK(ics.find('\n') == ics.find("\r\n") + 1);
  for (const auto& line : lines_of(ics)) {
    CHECK(line.size() <= 75);
    CHECK_FALSE(find_invalid_utf8(line)); // no sequence split across a fold
  }
  CHECK(ics.find("METHOD") == std::string::npos);
  CHECK(ics.substr(0, 3) != "\xEF\xBB\xBF");
}

TEST_CASE("iCal TEXT is escaped so no input can inject a property", "[render][ics]")
{
  const std::string ics = unfold(
      render_ics(named_plan(R"(Zoë \"Zed\" O'Brien, Jr.; née Ünal\\x\nBEGIN:VEVENT 😀)", true), {}));
  CHECK(
      ics.find(
          R"(SUMMARY:Microneedling session 1 of 4 - Zoë "Zed" O'Brien\, Jr.\; née Ünal\\x\nBEGIN:VEVENT 😀)") !=
      std::string::npos);
  std::size_t begins = 0;
  for (std::size_t at = ics.find("\nBEGIN:VEVENT"); at != std::string::npos;
       at = ics.find("\nBEGIN:VEVENT", at + 1)) {
    ++begins;
  }
  std::size_t ends = 0;
  for (std::size_t at = ics.find("\nEND:VEVENT"); at != std::string::npos;
       at = ics.find("\nEND:VEVENT", at + 1)) {
    ++ends;
  }
  CHECK(begins == ends);
}

TEST_CASE("iCal TEXT escapes each special character wherever it falls", "[render][ics]")
{
  // As a TOML basic string writes it, and as iCalendar TEXT must carry it. Runs of eight bytes
  // with no candidate are skipped whole: each one in, and just past, a word.
  const std::pair<std::string, std::string> specials[] = {{",", "\\,"},
                                                          {";", "\\;"},
                                                          {"\\\\", "\\\\"},
                                                          {"\\n", "\\n"},
                                                          {"\\r\\n", "\\n"},
                                                          {"\\r", "\\n"},
                                                          {"\\t", "\t"},
                                                          {"\\u0001", ""}};
  const std::string letters = "abcdefghijklmnopqrstu";
  for (const auto& [toml, ics] : specials) {
    for (std::size_t at = 0; at <= letters.size(); ++at) {
      CAPTURE(toml, at);
      const std::string name = letters.substr(0, at) + toml + letters.substr(at);
      const std::string summary = "\nSUMMARY:Microneedling session 1 of 4 - " +
                                  letters.substr(0, at) + ics + letters.substr(at) + "\n";
      CHECK(unfold(render_ics(named_plan(name, true), {})).find(summary) != std::string::npos);
    }
  }
}

TEST_CASE("the patient's name appears in exports only when asked", "[render][ics][json][csv]")
{
  const Plan quiet = named_plan("Ana Souza");
  CHECK(render_ics(quiet, {}).find("Souza") == std::string::npos);
  CHECK(render_json(quiet, {}).find("Souza") == std::string::npos);
  CHECK(render_csv(quiet, {}, true).find("Souza") == std::string::npos);
  RenderOptions with_name;
  with_name.with_name = true;
  CHECK(render_ics(quiet, with_name).find("Souza") != std::string::npos);
  CHECK(render_json(quiet, with_name).find("Souza") != std::string::npos);
  CHECK(render_ics(named_plan("Ana Souza", true), {}).find("Souza") != std::string::npos);
}

TEST_CASE("iCal events: timed sessions with an alarm, all-day milestones with exclusive ends",
          "[render][ics]")
{
  const Plan plan = named_plan("A");
  const std::string ics = unfold(render_ics(plan, {}));
  CHECK(ics.find("BEGIN:VTIMEZONE\nTZID:America/Toronto\n") != std::string::npos);
  CHECK(ics.find("DTSTART;TZID=America/Toronto:20270112T110000\nDTEND;TZID=America/"
                 "Toronto:20270112T114500") != std::string::npos);
  CHECK(ics.find("BEGIN:VALARM\nACTION:DISPLAY\nDESCRIPTION:") != std::string::npos);
  CHECK(ics.find("TRIGGER:-P1D\nEND:VALARM") != std::string::npos);
  // "No sunburn" runs from 14 days before to the day before: DTEND is the session day.
  CHECK(ics.find("DTSTART;VALUE=DATE:20261229\nDTEND;VALUE=DATE:20270112\nSUMMARY:Before "
                 "microneedling: No sunburn") != std::string::npos);
  CHECK(ics.find("DTSTAMP:20261122T000000Z") != std::string::npos);
  // The VTIMEZONE sits before the first event.
  CHECK(ics.find("END:VTIMEZONE") < ics.find("BEGIN:VEVENT"));
}

TEST_CASE("UIDs are stable across reference days and unique within a plan", "[render][ics]")
{
  const std::string file = patient_with_scar(
      "area = \"cheek\"\ncount = 12\nwidth_mm = 5\ndepth_mm = 0.3\nedges = \"sloped\"");
  const auto uids = [](const std::string& ics) {
    std::vector<std::string> out;
    for (const auto& line : lines_of(ics)) {
      if (line.rfind("UID:", 0) == 0) {
        out.push_back(line.substr(4));
      }
    }
    return out;
  };
  const auto first = uids(render_ics(plan_of(file, "2026-11-22"), {}));
  const auto later = uids(render_ics(plan_of(file, "2027-01-05"), {}));
  CHECK(first == later);
  std::vector<std::string> sorted = first;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
}

TEST_CASE("CSV neutralises formulas and quotes per RFC 4180", "[render][csv]")
{
  const std::string csv = render_csv(named_plan("A"), {}, true);
  CHECK(csv.rfind("patient_id,date,end_date,time,kind,session,text,cost,currency\r\n", 0) == 0);
  CHECK(csv.find("\r\nP-9,2027-01-12,2027-01-12,11:00,session,1,") != std::string::npos);

  Plan plan = named_plan("A");
  plan.patient.id = "=HYPERLINK(\"x\")";
  plan.sessions[0].prep[0].text = "+1, \"quoted\"\nnext";
  const std::string hostile = render_csv(plan, {}, false);
  CHECK(hostile.rfind("\"'=HYPERLINK(\"\"x\"\")\",", 0) == 0);
  CHECK(hostile.find(",\"'+1, \"\"quoted\"\"\nnext\",") != std::string::npos);
}

TEST_CASE("JSON carries the spec's keys and its money invariants", "[render][json]")
{
  const auto json = nlohmann::json::parse(render_json(
      plan_of(patient_with_scar(
          "area = \"cheek\"\ncount = 12\nwidth_mm = 5\ndepth_mm = 0.3\nedges = \"sloped\"",
          "[preferences]\npackage = true\nadjuncts = [\"prp\"]\n")),
      {}));
  CHECK(json["schema"] == "scarplan-plan/1");
  for (const auto* pointer : {"/patient/id",
                              "/patient/age",
                              "/patient/phototype",
                              "/scars/0/area",
                              "/scars/0/side",
                              "/scars/0/count",
                              "/scars/0/type",
                              "/scars/0/subtype",
                              "/scars/0/confidence",
                              "/scars/0/response",
                              "/severity/grade",
                              "/severity/grade_source",
                              "/severity/score",
                              "/eligibility/status",
                              "/eligibility/earliest_start",
                              "/eligibility/reasons",
                              "/eligibility/precautions",
                              "/recommendation/sessions",
                              "/recommendation/interval_days",
                              "/recommendation/interval_window_days/1",
                              "/recommendation/adjuncts",
                              "/sessions/0/number",
                              "/sessions/0/date",
                              "/sessions/0/start",
                              "/sessions/0/end",
                              "/sessions/0/arrive",
                              "/sessions/0/zones",
                              "/sessions/0/prep/0/date",
                              "/sessions/0/prep/0/text",
                              "/sessions/0/recovery/0/date",
                              "/sessions/0/recovery/0/text",
                              "/sessions/0/cost/total",
                              "/follow_up/0/date",
                              "/follow_up/0/kind",
                              "/costs/currency",
                              "/costs/subtotal",
                              "/costs/discount",
                              "/costs/tax",
                              "/costs/total",
                              "/costs/deposit",
                              "/costs/installments"}) {
    INFO(pointer);
    CHECK(json.contains(nlohmann::json::json_pointer(pointer)));
  }
  CHECK(json["scars"][0]["type"] == "rolling");
  CHECK(json["scars"][0]["subtype"].is_null());
  CHECK(json["sessions"][0]["start"] == "2026-12-07T11:00:00-05:00");
  const auto cents = [](const nlohmann::json& amount) {
    const std::string text = amount.get<std::string>();
    return std::stoll(text.substr(0, text.find('.'))) * 100 +
           std::stoll(text.substr(text.find('.') + 1));
  };
  long long sessions = 0;
  for (const auto& session : json["sessions"]) {
    sessions += cents(session["cost"]["total"]);
  }
  CHECK(cents(json["costs"]["total"]) == sessions);
  CHECK(cents(json["costs"]["total"]) == cents(json["costs"]["subtotal"]) -
                                             cents(json["costs"]["discount"]) +
                                             cents(json["costs"]["tax"]));
  long long paid = cents(json["costs"]["deposit"]);
  for (const auto& installment : json["costs"]["installments"]) {
    paid += cents(installment["amount"]);
  }
  CHECK(paid == cents(json["costs"]["total"]));
}

TEST_CASE("text output colours only when asked", "[render][text]")
{
  const Plan plan = named_plan("A");
  RenderOptions color;
  color.color = true;
  CHECK(render_text(plan, {}).find('\x1b') == std::string::npos);
  CHECK(render_text(plan, color).find("\x1b[7m") != std::string::npos);
}

TEST_CASE("names and notes cannot drive the terminal", "[render][text]")
{
  std::string file =
      "[patient]\nid = \"P-9\"\nname = \"Eve\"\n"
      "birth_date = 1990-01-01\nphototype = 3\n[[scars]]\narea = \"cheek\"\ncount = 3\n"
      "width_mm = 5\ndepth_mm = 0.3\nnote = \"\\u001b]0;title\\u0007 \\u202Eevil\"\n";
  CHECK_THAT(errors_of(replace(file, "Eve", "Eve\\u001b[2J")).at(0),
             Catch::Contains("expected a name without control characters"));
  Plan plan = plan_of(file);
  plan.patient.name = "Eve\x1b[2J\xC2\x9B"
                      "31m\nforged line";                                 // what the loader refuses
  CHECK(render_text(plan, {}).find("\xE2\x80\xAE") == std::string::npos); // bidi override
  const std::string text = render_text(plan, {});
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find("\xC2\x9B") == std::string::npos);
  CHECK(text.find("Eve [2J 31m forged line") != std::string::npos);
  CHECK(render_markdown(plan, {}).find('\x1b') == std::string::npos);
  CHECK(printable("a\tb\x7f"
                  "c") == "a b c");
  CHECK(printable("Zo\xC3\xAB \xE5\xBC\xA0 \xF0\x9F\x98\x80") ==
        "Zo\xC3\xAB \xE5\xBC\xA0 \xF0\x9F\x98\x80");
  CHECK(printable("a\x9B"
                  "31mb") == "a?31mb"); // a lone C1 byte, not UTF-8
  CHECK(printable("a\xE2\x80\x8F"
                  "b\xE2\x80\xA8"
                  "c\xD8\x9C"
                  "d") == "a b c d"); // RLM, LS, ALM
}

TEST_CASE("JSON Lines hold the same document as indented JSON, escaped the same", "[render][json]")
{
  // Each name in TOML's escapes, and as JSON must carry it: one kind of escape per name, as
  // strings without any take a faster path.
  const std::pair<std::string, std::string> names[] = {
      {R"(Ana \"Q\")", R"("Ana \"Q\"")"},
      {R"(Ana Maria \"Q\" Souza)", R"("Ana Maria \"Q\" Souza")"},
      {R"(Ana Maria Souza \\ b)", R"("Ana Maria Souza \\ b")"},
      {R"(x\ty)", R"("x\ty")"},
      {R"(Ana\tQ)", R"("Ana\tQ")"}, // 4 to 7 bytes: two overlapping halves
      {R"(Ana \"Q)", R"("Ana \"Q")"},
      {R"(Ana Maria\tSouza)", R"("Ana Maria\tSouza")"},
      {R"(Ana Maria Souza Lima\u0001)", R"("Ana Maria Souza Lima\u0001")"},
      {R"(Ana Maria Souza\u001fLima)", R"("Ana Maria Souza\u001FLima")"},
      {R"(Zoë Ünal-Souza \U0001F642 Lima)", "\"Zoë Ünal-Souza 🙂 Lima\""}};
  for (const auto& [toml, json] : names) {
    CAPTURE(toml);
    const Plan plan = named_plan(toml);
    RenderOptions compact;
    compact.compact = true;
    compact.with_name = true;
    RenderOptions indented = compact;
    indented.compact = false;
    const std::string line = render_json(plan, compact);
    REQUIRE(line.find('\n') == line.size() - 1); // one line
    CHECK(line.find("\"name\":" + json + ",") != std::string::npos);
    CHECK(nlohmann::json::parse(line) == nlohmann::json::parse(render_json(plan, indented)));
  }
}

namespace {

// One document with every kind of value, nesting, empty containers and strings that need
// escaping (quote, backslash, control bytes) or not (of every length around the 4- and 8-byte
// steps of the no-escape test), written through `writer`.
template<typename Writer>
void
write_every_kind(Writer& writer)
{
  writer.StartObject();
  write_key(writer, "strings");
  writer.StartArray();
  for (const std::string text : {"",
                                 "a",
                                 "abc",
                                 "abcd",
                                 "abcdefg",
                                 "abcdefgh",
                                 "abcdefghi",
                                 "sixteen bytes ok",
                                 "quote \" inside",
                                 "back\\slash",
                                 "tab\there",
                                 "new\nline",
                                 "\x01",
                                 "abcdefg\x1f",
                                 "ünïcödé ✓ text longer than eight"}) {
    write_string(writer, text);
  }
  writer.EndArray();
  write_key(writer, "numbers");
  writer.StartArray();
  writer.Int(-7);
  writer.Uint(7);
  writer.Int64(-9000000000);
  writer.Double(2.5);
  writer.RawValue("12.50", 5, rapidjson::kNumberType);
  writer.EndArray();
  write_key(writer, "empty_object");
  writer.StartObject();
  writer.EndObject();
  write_key(writer, "empty_array");
  writer.StartArray();
  writer.EndArray();
  write_key(writer, "nested");
  writer.StartObject();
  write_key(writer, "yes");
  writer.Bool(true);
  write_key(writer, "nothing");
  writer.Null();
  write_key(writer, "list");
  writer.StartArray();
  writer.StartObject();
  write_key(writer, "k");
  write_string(writer, "v");
  writer.EndObject();
  writer.StartObject();
  writer.EndObject();
  writer.StartArray();
  writer.EndArray();
  writer.StartArray();
  writer.Uint64(18446744073709551615ULL);
  writer.StartArray();
  writer.Null();
  writer.EndArray();
  writer.EndArray();
  writer.EndArray();
  writer.EndObject();
  writer.EndObject();
}

template<typename Fast, typename Plain>
void
require_same_output()
{
  OutputBuffer fast_buffer(1024);
  JsonOutput fast_stream(fast_buffer);
  Fast fast(fast_stream);
  rapidjson::StringBuffer plain_buffer;
  Plain plain(plain_buffer);
  if constexpr (std::is_base_of_v<rapidjson::PrettyWriter<rapidjson::StringBuffer>, Plain>) {
    plain.SetIndent(' ', 2); // as write_json() indents
  }
  write_every_kind(fast);
  write_every_kind(plain);
  REQUIRE(fast_buffer.written() == std::string_view(plain_buffer.GetString()));
  // A text whose root is not an object: a string alone.
  fast_buffer.cut(0);
  plain_buffer.Clear();
  fast.Reset(fast_stream);
  plain.Reset(plain_buffer);
  write_string(fast, "root");
  write_string(plain, "root");
  REQUIRE(fast_buffer.written() == std::string_view(plain_buffer.GetString()));
}

} // namespace

TEST_CASE("the fast JSON writers write what RapidJSON's own writers write", "[render][json]")
{
  require_same_output<FastStringWriter<rapidjson::Writer<JsonOutput>>,
                      rapidjson::Writer<rapidjson::StringBuffer>>();
  require_same_output<IndentedWriter, rapidjson::PrettyWriter<rapidjson::StringBuffer>>();
  require_same_output<FastStringWriter<IndentedWriter>,
                      rapidjson::PrettyWriter<rapidjson::StringBuffer>>();
}
