#include <scarplan/util/dates.hpp>
#include <scarplan/util/files.hpp>
#include <scarplan/util/money.hpp>
#include <scarplan/util/text.hpp>
#include <scarplan/util/uuid.hpp>

#include <catch2/catch.hpp>
#include <uuid/uuid.h>

#include <sys/resource.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

using namespace scarplan;

TEST_CASE("currencies have their ISO 4217 minor units", "[util][money]")
{
  CHECK(currency_digits("JPY") == 0);
  CHECK(currency_digits("CAD") == 2);
  CHECK(currency_digits("EUR") == 2);
  CHECK(currency_digits("KWD") == 3);
  CHECK(currency_digits("XOF") == 0);
  CHECK_FALSE(currency_digits("XYZ"));
  CHECK_FALSE(currency_digits("cad"));
}

TEST_CASE("prices are parsed exactly into minor units", "[util][money]")
{
  std::string error;
  CHECK(parse_money("300.00", 2, error) == 30000);
  CHECK(parse_money("299.99", 2, error) == 29999);
  CHECK(parse_money("300", 2, error) == 30000);
  CHECK(parse_money("0.1", 2, error) == 10);
  CHECK(parse_money("3000", 0, error) == 3000);
  CHECK(parse_money("12.345", 3, error) == 12345);
  CHECK_FALSE(parse_money("300.001", 2, error));
  CHECK(error == "at most 2 decimal places");
  CHECK_FALSE(parse_money("300.5", 0, error));
  CHECK_FALSE(parse_money("-3", 2, error));
  CHECK_FALSE(parse_money("1e3", 2, error));
  CHECK_FALSE(parse_money(".5", 2, error));
  CHECK_FALSE(parse_money("5.", 2, error));
  CHECK_FALSE(parse_money("", 2, error));
  CHECK_FALSE(parse_money("99999999999999999999", 2, error));
}

TEST_CASE("percentages round half-up once, exactly", "[util][money]")
{
  std::string error;
  const Decimal thirteen = *parse_decimal("13", 4, error);
  const Decimal ten = *parse_decimal("10", 4, error);
  const Decimal odd = *parse_decimal("12.5", 4, error);
  CHECK(percent_of(40500, thirteen) == 5265); // 405.00 * 13% = 52.65
  CHECK(percent_of(45000, ten) == 4500);
  CHECK(percent_of(5, ten) == 1);                                            // 0.5 rounds up
  CHECK(percent_of(4, ten) == 0);                                            // 0.4 rounds down
  CHECK(percent_of(100, odd) == 13);                                         // 12.5 -> 13
  CHECK(percent_of(1'000'000'000'000'000, thirteen) == 130'000'000'000'000); // no overflow
  CHECK(percent_of(0, thirteen) == 0);
}

TEST_CASE("money is formatted with the currency's decimals", "[util][money]")
{
  CHECK(format_money(45765, 2) == "457.65");
  CHECK(format_money(5, 2) == "0.05");
  CHECK(format_money(0, 2) == "0.00");
  CHECK(format_money(3000, 0) == "3000");
  CHECK(format_money(12345, 3) == "12.345");
  CHECK(format_money(-4500, 2) == "-45.00");
}

TEST_CASE("invalid UTF-8 is found with its offset", "[util][text]")
{
  CHECK_FALSE(find_invalid_utf8("plain ascii"));
  CHECK_FALSE(find_invalid_utf8("Ana Souza é 😀"));
  CHECK(find_invalid_utf8("ab\xFF") == 2u);
  CHECK(find_invalid_utf8("ab\xC3") == 2u);           // truncated
  CHECK(find_invalid_utf8("\xC0\xAF") == 0u);         // overlong
  CHECK(find_invalid_utf8("\xED\xA0\x80") == 0u);     // surrogate
  CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0u); // above U+10FFFF
  // ASCII is skipped eight bytes at a time: a bad byte in, just past and well past a word.
  const std::string ascii = "0123456789abcdefghij";
  for (std::size_t at = 0; at <= ascii.size(); ++at) {
    INFO("bad byte at " << at);
    CHECK(find_invalid_utf8(ascii.substr(0, at) + "\xFF" + ascii) == at);
    CHECK(find_invalid_utf8(ascii.substr(0, at) + "\xC3") == at); // truncated at the end
    CHECK_FALSE(find_invalid_utf8(ascii.substr(0, at) + "é" + ascii));
  }
}

TEST_CASE("did-you-mean finds close keys only", "[util][text]")
{
  const std::vector<std::string_view> keys = {"width_mm", "depth_mm", "count", "area"};
  CHECK(closest_match("widht_mm", keys) == "width_mm");
  CHECK(closest_match("dept_mm", keys) == "depth_mm");
  CHECK(closest_match("cuont", keys) == "count");
  CHECK_FALSE(closest_match("colour", keys));
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("quoted values are escaped and shortened", "[util][text]")
{
  CHECK(quote_for_message("a\"b") == "\"a\\\"b\"");
  CHECK(quote_for_message("line\nbreak") == "\"line\\x0Abreak\"");
  CHECK(quote_for_message(std::string(100, 'x')) == "\"" + std::string(40, 'x') + "…\"");
}

TEST_CASE("name-based UUIDs are stable, distinct and version 5", "[util][uuid]")
{
  const auto text = [](std::string_view name) {
    const UuidText uuid = name_based_uuid(name);
    return std::string(uuid.begin(), uuid.end());
  };
  const std::string a = text("P-1/session/1");
  CHECK(a == text("P-1/session/1"));
  CHECK(a != text("P-1/session/2"));
  CHECK(a[14] == '5');
  CHECK(a.find("P-1") == std::string::npos);
}

TEST_CASE("name-based UUIDs are the ones libuuid makes", "[util][uuid]")
{
  // libuuid's uuid_generate_sha1 is the reference implementation of RFC 4122 §4.3.
  for (const std::string& name : {std::string(),
                                  std::string("P-1/session/1"),
                                  std::string("B-000001/session/3/recovery/2"),
                                  std::string(200, 'x'),
                                  std::string("\xc3\xbcnal/follow_up/0")}) {
    uuid_t expected;
    uuid_generate_sha1(expected, k_uuid_namespace.data(), name.data(), name.size());
    char text[37];
    uuid_unparse_lower(expected, text);
    CAPTURE(name);
    const UuidText ours = name_based_uuid(name);
    CHECK(std::string(ours.begin(), ours.end()) == text);
  }
}

TEST_CASE("join and lower serve names and lists alike", "[util][text]")
{
  CHECK(join(std::vector<std::string>{"apixaban", "Ibuprofen"}, ", ") == "apixaban, Ibuprofen");
  CHECK(join(std::vector<std::string_view>{"a", "", "c"}, "|") == "a||c");
  CHECK(join(std::vector<std::string>{}, ", ").empty());
  CHECK(lower("Apixaban ÉLIQUIS") == "apixaban Éliquis");
}

TEST_CASE("dates in fixed layouts, ages and month arithmetic", "[util][dates]")
{
  const date::sys_days leap = date::year{2028} / 2 / 29;
  CHECK(iso_date(leap) == "2028-02-29");
  CHECK(compact_date(leap) == "20280229");
  CHECK(iso_date(date::year{1900} / 1 / 1) == "1900-01-01");
  CHECK(compact_time(std::chrono::seconds{17 * 3600 + 30 * 60 + 5}) == "T173005");
  CHECK(age_on(date::year{2008} / 11 / 22, date::year{2026} / 11 / 22) == 18);
  CHECK(age_on(date::year{2008} / 11 / 23, date::year{2026} / 11 / 22) == 17);
  CHECK(add_months(date::year{2026} / 8 / 31, 6) == date::sys_days{date::year{2027} / 2 / 28});
  CHECK(parse_iso_date("2028-02-29") == leap);
  CHECK_FALSE(parse_iso_date("2026-02-29"));
  CHECK_FALSE(parse_iso_date("26-11-22"));
  CHECK_FALSE(parse_iso_date("2026-2-3"));
  CHECK_FALSE(parse_iso_date("2026-02-03x"));
  CHECK_FALSE(parse_iso_date("1899-12-31"));
}

TEST_CASE("terminal columns by display width: wide and combining characters", "[util][text]")
{
  CHECK(display_width("Ana Souza") == 9);
  CHECK(display_width("张伟") == 4);        // two wide CJK characters
  CHECK(display_width("😀") == 2);           // an emoji takes two columns
  CHECK(display_width("e\xCC\x81") == 1);   // e + combining acute: one column
  CHECK(character_count("e\xCC\x81") == 2); // but two characters for length limits
  CHECK(character_count("张伟😀") == 3);
}

namespace {

// A fresh folder under the test's temporary directory, removed with what it holds.
class ScratchFolder
{
public:
  ScratchFolder()
  {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "scarplan-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    m_path = pattern;
  }
  ~ScratchFolder() { std::filesystem::remove_all(m_path); }
  std::string file(const std::string& name) const { return m_path + "/" + name; }
  const std::string& path() const { return m_path; }

private:
  std::string m_path;
};

std::string
content_of(const std::string& path)
{
  const ReadResult read = read_input(path);
  REQUIRE(read.status == ReadStatus::ok);
  return read.content;
}

} // namespace

TEST_CASE("the output writer names each group after its sync, and reports on the caller's thread",
          "[util][files]")
{
  const ScratchFolder folder;
  const bool unnamed = OutputWriter::can_link_unnamed(folder.path());
  OutputWriter writer(2);
  std::vector<WriteStatus> reported;
  std::vector<std::thread::id> threads;
  const auto done = [&](WriteResult result) {
    reported.push_back(result.status);
    threads.push_back(std::this_thread::get_id());
  };
  for (int i = 0; i < 5; ++i) {
    const std::string name = "p" + std::to_string(i) + ".json";
    writer.commit(PreparedFile::write(folder.path(), "plan " + std::to_string(i), unnamed),
                  folder.file(name),
                  false,
                  done);
  }
  // Five files in groups of two: the first group is reported once the third starts.
  CHECK(reported.size() >= 2);
  CHECK(reported.size() < 5);
  writer.flush();
  REQUIRE(reported.size() == 5);
  for (int i = 0; i < 5; ++i) {
    CHECK(reported[i] == WriteStatus::ok);
    CHECK(threads[i] == std::this_thread::get_id());
    CHECK(content_of(folder.file("p" + std::to_string(i) + ".json")) ==
          "plan " + std::to_string(i));
  }
  // Nothing else is left in the folder: no hidden temporary file.
  std::size_t entries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder.path())) {
    CHECK(entry.path().filename().string().rfind(".scarplan-", 0) != 0);
    ++entries;
  }
  CHECK(entries == 5);
}

TEST_CASE("the output writer keeps an existing file unless told to replace it", "[util][files]")
{
  const ScratchFolder folder;
  const bool unnamed = OutputWriter::can_link_unnamed(folder.path());
  REQUIRE(write_file_atomically(folder.file("a.json"), "old", false).status == WriteStatus::ok);
  OutputWriter writer(8);
  std::vector<WriteStatus> reported;
  const auto done = [&](WriteResult result) { reported.push_back(result.status); };
  writer.commit(
      PreparedFile::write(folder.path(), "new", unnamed), folder.file("a.json"), false, done);
  writer.commit(
      PreparedFile::write(folder.path(), "b", unnamed), folder.file("b.json"), false, done);
  writer.flush();
  REQUIRE(reported == std::vector<WriteStatus>{WriteStatus::exists, WriteStatus::ok});
  CHECK(content_of(folder.file("a.json")) == "old");
  CHECK(content_of(folder.file("b.json")) == "b");
  writer.commit(
      PreparedFile::write(folder.path(), "new", unnamed), folder.file("a.json"), true, done);
  writer.flush();
  CHECK(reported.back() == WriteStatus::ok);
  CHECK(content_of(folder.file("a.json")) == "new");
}

TEST_CASE("a batch's writer raises the soft open-file limit for its groups", "[util][files]")
{
  struct rlimit before = {};
  REQUIRE(::getrlimit(RLIMIT_NOFILE, &before) == 0);
  // As on a desktop, where the soft limit is far below the hard one.
  struct rlimit lowered = before;
  lowered.rlim_cur = std::min<rlim_t>(before.rlim_max, 256);
  REQUIRE(::setrlimit(RLIMIT_NOFILE, &lowered) == 0);
  const std::size_t group = OutputWriter::default_group();
  struct rlimit after = {};
  REQUIRE(::getrlimit(RLIMIT_NOFILE, &after) == 0);
  CHECK(after.rlim_cur == std::min<rlim_t>(before.rlim_max, 65536));
  CHECK(group == std::clamp<rlim_t>((after.rlim_cur - 64) / 4, 16, 4096));
  // What the caller holds open elsewhere is left out.
  CHECK(OutputWriter::default_group(after.rlim_cur) == 16);
  REQUIRE(::setrlimit(RLIMIT_NOFILE, &before) == 0);
}
