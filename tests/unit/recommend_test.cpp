#include <catch2/catch.hpp>

#include "support.hpp"

using namespace scarplan;
using namespace scarplan::test;

TEST_CASE("sessions follow the grade, at the upper end for weak responders or many lesions",
          "[recommend]")
{
  const auto sessions = [](const std::string& scars, const std::string& extra = "") {
    return plan_of(patient_with_scar(scars, extra)).recommendation;
  };
  const std::string rolling =
      "area = \"cheek\"\ncount = 12\nwidth_mm = 5\ndepth_mm = 0.3\nedges = \"sloped\"";
  CHECK(sessions(rolling).sessions == 4); // grade 3: 4-5, lower end
  CHECK(sessions("area = \"cheek\"\ncount = 25\nwidth_mm = 5\ndepth_mm = 0.3").sessions ==
        5); // > 20 lesions
  CHECK(sessions("area = \"cheek\"\ncount = 4\nwidth_mm = 5\ndepth_mm = 0.3").sessions ==
        3); // grade 2
  CHECK(sessions("area = \"cheek\"\ncount = 8\nwidth_mm = 1\ndepth_mm = 1").sessions ==
        6); // grade 4, poor
  const Recommendation few = sessions("area = \"cheek\"\ncount = 3\nwidth_mm = 1\ndepth_mm = 1");
  CHECK(few.sessions == 5); // three icepick scars: grade 3 (flagged), poor response
  CHECK(few.approach == Approach::focal_first);
  CHECK(sessions(rolling, "[assessment]\ngoodman_grade = 4\n").sessions == 5); // grade 4, good
  CHECK(sessions(rolling, "[assessment]\ngoodman_grade = 1\n").sessions == 3); // planned as 2
}

TEST_CASE("sessions already given count towards the course", "[recommend]")
{
  const std::string rolling =
      "area = \"cheek\"\ncount = 12\nwidth_mm = 5\ndepth_mm = 0.3\nedges = \"sloped\"";
  const Plan plan =
      plan_of(patient_with_scar(rolling) +
              "[[sessions_done]]\ndate = 2026-10-20\n[[sessions_done]]\ndate = 2026-11-17\n");
  CHECK(plan.recommendation.sessions == 4);
  CHECK(plan.recommendation.done == 2);
  CHECK(plan.recommendation.remaining == 2);
  REQUIRE(plan.sessions.size() == 2);
  CHECK(plan.sessions[0].number == 3);
  CHECK(plan.sessions[0].date >= day("2026-12-06")); // reference day + 14 days of prep
  CHECK(plan.sessions[0].date <= day("2026-11-17") + date::days{42});

  const Plan complete =
      plan_of(patient_with_scar("area = \"cheek\"\ncount = 4\nwidth_mm = 5\ndepth_mm = 0.3") +
              "[[sessions_done]]\ndate = 2026-08-01\n[[sessions_done]]\ndate = "
              "2026-09-01\n[[sessions_done]]\ndate = 2026-10-01\n");
  CHECK(complete.recommendation.remaining == 0);
  CHECK(complete.sessions.empty());
  CHECK_THAT(complete.notes.at(0), Catch::Contains("have been given"));
}

TEST_CASE("depth per zone, zones from areas, and adjuncts requested and suggested kept apart",
          "[recommend]")
{
  const Plan plan =
      plan_of(patient_with_scar("area = \"nose\"\ncount = 3\nwidth_mm = 1\ndepth_mm = 1",
                                "[preferences]\nadjuncts = [\"prp\"]\n") +
              "[[scars]]\narea = \"shoulder\"\ncount = 5\nwidth_mm = 5\ndepth_mm = 0.3\nedges = "
              "\"sloped\"\n");
  const Recommendation& r = plan.recommendation;
  CHECK(r.zones() == std::vector<Zone>{Zone::face, Zone::back});
  REQUIRE(r.depths.size() == 2);
  CHECK(r.depths[0].area == Area::nose);
  CHECK(r.depths[0].depth_mm == 0.5);
  CHECK(r.depths[1].area == Area::shoulder); // counts as back, capped at 1.5
  CHECK(r.depths[1].depth_mm == 1.5);
  CHECK(std::any_of(r.notices.begin(), r.notices.end(), [](const Finding& f) {
    return f.code == "off_label_body_site";
  }));
  CHECK(r.requested == std::vector<Adjunct>{Adjunct::prp});
  REQUIRE(r.suggested.size() == 3);
  CHECK(r.suggested[0].adjunct == Adjunct::tca_cross);
  CHECK(r.suggested[2].adjunct == Adjunct::subcision);
  CHECK(r.interval_days == 28);
  CHECK(r.interval_min_days == 28);
  CHECK(r.interval_max_days == 42);
}

TEST_CASE("each area keeps its own depth, never above its limit", "[recommend]")
{
  const Plan plan = plan_of(patient_with_scar("area = \"forehead\"\ncount = 8\nwidth_mm = 5\n"
                                              "depth_mm = 0.3\nedges = \"sloped\"") +
                            "[[scars]]\narea = \"cheek\"\ncount = 10\nwidth_mm = 5\ndepth_mm = "
                            "0.3\nedges = \"sloped\"\n");
  REQUIRE_FALSE(plan.sessions.empty());
  for (const auto& session : plan.sessions) {
    REQUIRE(session.depths.size() == 2);
    CHECK(session.depths[0].area == Area::forehead);
    CHECK(session.depths[0].depth_mm == 0.75);
    CHECK(session.depths[1].area == Area::cheek);
    CHECK(session.depths[1].depth_mm == 1.5);
    for (const auto& depth : session.depths) {
      CHECK(depth.depth_mm <=
            builtin_settings().protocol.depth.area_max_mm[static_cast<std::size_t>(depth.area)]);
    }
  }
}
