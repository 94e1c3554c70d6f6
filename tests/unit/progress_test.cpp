#include <scarplan/progress/progress.hpp>
#include <scarplan/record/record.hpp>

#include <catch2/catch.hpp>

#include "support.hpp"

using namespace scarplan;
using namespace scarplan::test;

namespace {

// A patient with sessions given on `sessions` and assessments (date, score) on `visits`.
std::string
course(const std::vector<std::string>& sessions,
       const std::vector<std::pair<std::string, int>>& visits)
{
  std::string extra;
  for (const auto& day : sessions) {
    extra += "[[sessions_done]]\ndate = " + day + "\n";
  }
  for (const auto& [day, score] : visits) {
    extra += "[[assessments]]\ndate = " + day + "\ngoodman_score = " + std::to_string(score) + "\n";
  }
  return patient_with_scar(
      "area = \"cheek\"\ncount = 25\nwidth_mm = 5\ndepth_mm = 0.3\nedges = \"sloped\"", extra);
}

const std::vector<std::string> k_four_sessions = {
    "2026-06-02", "2026-06-30", "2026-07-28", "2026-08-25"};

Progress
progress_of(const std::string& toml, const Protocol& protocol = builtin_settings().protocol)
{
  const Patient patient = patient_from(toml);
  return follow_course(patient, 0, protocol);
}

} // namespace

TEST_CASE("the change is counted from the first assessment, sessions between visits", "[progress]")
{
  const Progress p = progress_of(
      course(k_four_sessions, {{"2026-06-02", 20}, {"2026-07-28", 15}, {"2026-09-22", 10}}));
  REQUIRE(p.visits.size() == 3);
  CHECK_FALSE(p.baseline_from_plan);
  CHECK(p.visits[1].change_points == -5);
  CHECK(*p.visits[1].change_percent == Approx(-25.0));
  // A session on an assessment's day comes after it: 2 before 07-28, all 4 before 09-22.
  CHECK(p.visits[1].sessions_before == 2);
  CHECK(p.visits[2].sessions_since_previous == 2);
  CHECK(p.verdict == Verdict::goal_reached); // 50% better
}

TEST_CASE("a rise beyond rater disagreement is worsening, even when still better than at first",
          "[progress]")
{
  // 24 -> 8 is two thirds better, but 8 -> 13 since the previous visit is 5 points worse.
  const Progress p = progress_of(
      course(k_four_sessions, {{"2026-06-02", 24}, {"2026-07-28", 8}, {"2026-09-22", 13}}));
  CHECK(p.verdict == Verdict::worsening);
  // A rise of 3 is within the 4 points raters disagree by: not worsening.
  CHECK(progress_of(
            course(k_four_sessions, {{"2026-06-02", 24}, {"2026-07-28", 20}, {"2026-09-22", 23}}))
            .verdict != Verdict::worsening);
}

TEST_CASE("a plateau compares the last sessions, from the visit before them", "[progress]")
{
  // 4 sessions given; the visit before the last two sessions (07-28, 2 given) scored 16.
  const auto plateau = progress_of(
      course(k_four_sessions,
             {{"2026-06-02", 24}, {"2026-07-28", 16}, {"2026-08-25", 15}, {"2026-09-22", 13}}));
  CHECK(plateau.verdict == Verdict::plateau);
  const auto improving = progress_of(
      course(k_four_sessions, {{"2026-06-02", 24}, {"2026-07-28", 18}, {"2026-09-22", 14}}));
  CHECK(improving.verdict == Verdict::improving);
  // Two sessions only: no plateau is called yet, however flat.
  const auto early =
      progress_of(course({"2026-06-02", "2026-06-30"}, {{"2026-06-02", 24}, {"2026-07-28", 23}}));
  CHECK(early.verdict == Verdict::too_early);
}

TEST_CASE("a plateau caps the sessions and suggests PRP, or refers when PRP is given", "[progress]")
{
  const std::string toml =
      course(k_four_sessions, {{"2026-06-02", 24}, {"2026-07-28", 16}, {"2026-09-22", 15}});
  const Plan plan = plan_of(toml);
  CHECK(plan.progress.verdict == Verdict::plateau);
  CHECK(plan.recommendation.remaining == 1);
  CHECK(plan.sessions.size() == 1);
  CHECK(std::any_of(plan.recommendation.suggested.begin(),
                    plan.recommendation.suggested.end(),
                    [](const AdjunctAdvice& a) { return a.adjunct == Adjunct::prp; }));
  const Plan with_prp = plan_of(
      replace(toml, "[[sessions_done]]", "[preferences]\nadjuncts = [\"prp\"]\n[[sessions_done]]"));
  CHECK(std::none_of(with_prp.recommendation.suggested.begin(),
                     with_prp.recommendation.suggested.end(),
                     [](const AdjunctAdvice& a) { return a.adjunct == Adjunct::prp; }));
  const auto referral = std::find_if(with_prp.recommendation.notices.begin(),
                                     with_prp.recommendation.notices.end(),
                                     [](const Finding& f) { return f.code == "progress_plateau"; });
  REQUIRE(referral != with_prp.recommendation.notices.end());
  CHECK(referral->source == builtin_settings().protocol.progress.referral_source);
}

TEST_CASE("scores of two kinds are flagged; no [progress] rules, no verdict", "[progress]")
{
  std::string toml = course({"2026-06-02"}, {{"2026-06-02", 20}});
  toml += "[[assessments]]\ndate = 2026-08-01\n[[assessments.scars]]\narea = \"cheek\"\ncount = "
          "3\nwidth_mm = 5\ndepth_mm = 0.3\nedges = \"sloped\"\n";
  const Progress mixed = progress_of(toml);
  CHECK(mixed.visits[1].computed);
  CHECK(std::any_of(mixed.reasons.begin(), mixed.reasons.end(), [](const Finding& f) {
    return f.code == "progress_mixed_scores";
  }));
  Protocol without = builtin_settings().protocol;
  without.progress = ProgressRules{};
  CHECK(progress_of(toml, without).verdict == Verdict::not_judged);
}

TEST_CASE("an assessment gives a score or groups, oldest first", "[progress][load]")
{
  const std::string base =
      patient_with_scar("area = \"cheek\"\ncount = 3\nwidth_mm = 5\ndepth_mm = 0.3");
  const auto both =
      errors_of(base + "[[assessments]]\ndate = 2026-06-02\ngoodman_score = 4\n"
                       "[[assessments.scars]]\narea = \"cheek\"\ncount = 3\nwidth_mm = "
                       "5\ndepth_mm = 0.3\n");
  REQUIRE(both.size() == 1);
  CHECK_THAT(both[0], Catch::Contains("assessments[0].goodman_score: expected goodman_score or"));
  CHECK_THAT(both[0], Catch::Contains("found both"));
  const auto neither = errors_of(base + "[[assessments]]\ndate = 2026-06-02\nnote = \"x\"\n");
  REQUIRE(neither.size() == 1);
  CHECK_THAT(neither[0], Catch::Contains("expected the Goodman-Baron score, or the scar groups"));
  const auto order = errors_of(base + "[[assessments]]\ndate = 2026-06-02\ngoodman_score = 4\n"
                                      "[[assessments]]\ndate = 2026-06-02\ngoodman_score = 80\n"
                                      "[[assessments]]\ndate = 2026-06-09\ngoodman_score = 85\n");
  REQUIRE(order.size() == 2); // every problem at once
  CHECK_THAT(order[0], Catch::Contains("expected assessments oldest first, one a day"));
  CHECK_THAT(order[1],
             Catch::Contains("assessments[2].goodman_score: expected an integer from 0 to 84"));
}

TEST_CASE("an assessment is appended after every byte, a BOM and CRLF kept", "[progress][record]")
{
  const std::string file = "\xEF\xBB\xBF# kept\r\n" +
                           replace(patient_with_scar("area = \"cheek\"\ncount = 3\nwidth_mm = "
                                                     "5\ndepth_mm = 0.3"),
                                   "\n",
                                   "\r\n");
  AssessmentEntry entry{date::year{2026} / 11 / 20, std::nullopt, 3, 6.5, "", {}};
  entry.scars.push_back(
      {{"area", "cheek"}, {"count", "2"}, {"width_mm", "5"}, {"depth_mm", "0.3"}});
  const Recorded recorded = record_assessment(file, "p.toml", entry, day("2026-11-22"));
  REQUIRE(recorded.text);
  CHECK(recorded.text->compare(0, file.size(), file) == 0);
  CHECK(recorded.text->substr(file.size())
            .find("\r\n[[assessments.scars]]\r\narea = \"cheek\"\r\ncount = 2\r\n") !=
        std::string::npos);
  const Patient reread = patient_from(*recorded.text);
  REQUIRE(reread.assessments.size() == 1);
  CHECK(reread.assessments[0].scars.size() == 1);
  CHECK(*reread.assessments[0].patient_rating == 6.5);
  const Recorded again = record_assessment(*recorded.text, "p.toml", entry, day("2026-11-22"));
  CHECK_FALSE(again.text); // the same day again
}
