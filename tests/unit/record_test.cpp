#include <scarplan/record/record.hpp>
#include <scarplan/util/files.hpp>

#include <catch2/catch.hpp>

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

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

TEST_CASE("a file replaced only if it did not change meanwhile, keeping its mode", "[record][util]")
{
  char pattern[] = "/tmp/scarplan-replace-XXXXXX";
  const std::string folder = ::mkdtemp(pattern);
  const std::string path = folder + "/p.toml";
  {
    std::ofstream(path) << "old";
  }
  ::chmod(path.c_str(), 0640);
  CHECK(replace_file_atomically(path, "something else", "new").status == WriteStatus::changed);
  std::stringstream unchanged;
  unchanged << std::ifstream(path).rdbuf();
  CHECK(unchanged.str() == "old");
  CHECK(replace_file_atomically(path, "old", "new").status == WriteStatus::ok);
  std::stringstream replaced;
  replaced << std::ifstream(path).rdbuf();
  CHECK(replaced.str() == "new");
  struct stat info = {};
  ::stat(path.c_str(), &info);
  CHECK((info.st_mode & 07777) == 0640);
  ::unlink(path.c_str());
  CHECK(::rmdir(folder.c_str()) == 0); // no temporary file left behind
}
