#include <scarplan/record/record.hpp>
#include <scarplan/util/files.hpp>

#include <catch2/catch.hpp>

#include <stdlib.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "support.hpp"

using namespace scarplan;
using namespace scarplan::test;

TEST_CASE("a session is appended after every byte of the file", "[record]")
{
  const std::string file =
      patient_with_scar("area = \"cheek\"\ncount = 3\nwidth_mm = 5\ndepth_mm = 0.3") + "# end";
  const SessionDone session{date::year{2026} / 11 / 20, 1.25, "a \"quoted\" note \\ with a tab\t"};
  const Recorded recorded = record_session_done(file, "p.toml", session, day("2026-11-22"));
  REQUIRE(recorded.text);
  CHECK(recorded.text->compare(0, file.size(), file) == 0);
  CHECK(recorded.text->substr(file.size()) ==
        "\n\n[[sessions_done]]\ndate = 2026-11-20\ndepth_mm = 1.25\nnote = \"a \\\"quoted\\\" note "
        "\\\\ with a tab\\u0009\"\n");
  const Patient reread = patient_from(*recorded.text);
  REQUIRE(reread.sessions_done.size() == 1);
  CHECK(reread.sessions_done[0].note == session.note);

  // An inline sessions_done array cannot be extended by a table: refused, not broken.
  const Recorded inline_array =
      record_session_done("sessions_done = []\n" + file, "p.toml", session, day("2026-11-22"));
  CHECK_FALSE(inline_array.text);
  REQUIRE_FALSE(inline_array.problems.empty());
  CHECK_THAT(inline_array.problems[0].message, Catch::Contains("cannot be appended"));
}

namespace {

// A fresh folder under /tmp, removed (it must then be empty) by the test.
std::string
temporary_folder()
{
  char pattern[] = "/tmp/scarplan-edit-XXXXXX";
  return ::mkdtemp(pattern);
}

std::string
content_of(const std::string& path)
{
  std::stringstream content;
  content << std::ifstream(path).rdbuf();
  return content.str();
}

// An edit that appends `line`.
Edit
append(const std::string& line)
{
  return [line](std::string_view text) { return std::string(text) + line; };
}

} // namespace

TEST_CASE("a file edited in place keeps its mode and leaves no temporary file", "[record][util]")
{
  const std::string folder = temporary_folder();
  const std::string path = folder + "/p.toml";
  std::ofstream(path) << "old";
  ::chmod(path.c_str(), 0640);
  const auto decline = [](std::string_view) { return std::optional<std::string>(); };
  CHECK(edit_file_locked(path, decline).status == EditStatus::declined);
  CHECK(content_of(path) == "old");
  CHECK(edit_file_locked(path, append(" new")).status == EditStatus::ok);
  CHECK(content_of(path) == "old new");
  struct stat info = {};
  ::stat(path.c_str(), &info);
  CHECK((info.st_mode & 07777) == 0640);
  // What the edit would make over the limit: refused before anything is written.
  const EditResult too_large = edit_file_locked(path, append(" more"), 9);
  CHECK(too_large.status == EditStatus::too_large);
  CHECK_THAT(too_large.error, Catch::Contains("larger than"));
  CHECK(content_of(path) == "old new");
  CHECK(edit_file_locked(folder + "/missing.toml", append("x")).status == EditStatus::unreadable);
  ::unlink(path.c_str());
  CHECK(::rmdir(folder.c_str()) == 0); // no temporary file left behind
}

TEST_CASE("edits made at once are all kept", "[record][util]")
{
  // flock locks belong to open files, not processes: threads contend as processes would.
  const std::string folder = temporary_folder();
  const std::string path = folder + "/p.toml";
  std::ofstream(path) << "";
  constexpr int k_threads = 8;
  constexpr int k_edits = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failed{0};
  for (int t = 0; t < k_threads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < k_edits; ++i) {
        const std::string line = std::to_string(t) + "-" + std::to_string(i) + "\n";
        if (edit_file_locked(path, append(line)).status != EditStatus::ok) {
          ++failed;
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  CHECK(failed == 0);
  const std::string content = content_of(path);
  CHECK(std::count(content.begin(), content.end(), '\n') == k_threads * k_edits);
  for (int t = 0; t < k_threads; ++t) { // each thread's lines in its own order
    std::size_t at = 0;
    for (int i = 0; i < k_edits; ++i) {
      at = content.find(std::to_string(t) + "-" + std::to_string(i) + "\n", at);
      CHECK(at != std::string::npos);
    }
  }
  ::unlink(path.c_str());
  CHECK(::rmdir(folder.c_str()) == 0);
}

TEST_CASE("a link is followed, hard links and read-only files are refused", "[record][util]")
{
  const std::string folder = temporary_folder();
  const std::string path = folder + "/p.toml";
  const std::string link = folder + "/link.toml";
  std::ofstream(path) << "old";
  REQUIRE(::symlink("p.toml", link.c_str()) == 0);
  CHECK(edit_file_locked(link, append(" new")).status == EditStatus::ok);
  CHECK(content_of(path) == "old new");
  struct stat info = {};
  CHECK((::lstat(link.c_str(), &info) == 0 && S_ISLNK(info.st_mode)));

  const std::string hard = folder + "/hard.toml";
  REQUIRE(::link(path.c_str(), hard.c_str()) == 0);
  const EditResult linked = edit_file_locked(path, append(" lost"));
  CHECK(linked.status == EditStatus::refused);
  CHECK_THAT(linked.error, Catch::Contains("2 hard links"));
  CHECK(content_of(hard) == "old new");
  ::unlink(hard.c_str());

  ::chmod(path.c_str(), 0444); // as root too: read-only on purpose
  CHECK(edit_file_locked(path, append(" lost")).status == EditStatus::refused);
  CHECK(content_of(path) == "old new");
  ::unlink(link.c_str());
  ::unlink(path.c_str());
  CHECK(::rmdir(folder.c_str()) == 0);
}

TEST_CASE("an edit keeps the extended attributes and removes a killed edit's name", "[util]")
{
  const std::string folder = temporary_folder();
  const std::string path = folder + "/p.toml";
  std::ofstream(path) << "old";
  const std::string value = "kept";
  if (::setxattr(path.c_str(), "user.scarplan", value.data(), value.size(), 0) != 0) {
    WARN("no user extended attributes here (" << std::strerror(errno) << "): not checked");
  } else {
    REQUIRE(edit_file_locked(path, append(" new")).status == EditStatus::ok);
    char got[16] = {};
    CHECK(::getxattr(path.c_str(), "user.scarplan", got, sizeof got) == 4);
    CHECK(std::string(got) == value);
  }
  // The hidden name an edit killed between link and rename leaves: the next edit removes it.
  const std::string stale = folder + "/.scarplan-edit-p.toml";
  std::ofstream(stale) << "stale";
  CHECK(edit_file_locked(path, append("!")).status == EditStatus::ok);
  CHECK(::access(stale.c_str(), F_OK) != 0);
  ::unlink(path.c_str());
  CHECK(::rmdir(folder.c_str()) == 0);
}
