#include <scarplan/classify/classify.hpp>
#include <scarplan/classify/grade.hpp>

#include <catch2/catch.hpp>

#include "support.hpp"

using namespace scarplan;
using namespace scarplan::test;

namespace {

ScarAssessment
classify(const std::string& scar_lines)
{
  const Patient patient =
      patient_from(patient_with_scar("area = \"cheek\"\ncount = 5\n" + scar_lines));
  const auto& rules = builtin_settings().protocol.classification;
  INFO("thresholds from data/protocol.toml: icepick < "
       << rules.icepick_max_width_mm << " mm, rolling > " << rules.rolling_min_width_mm
       << " mm, shallow <= " << rules.shallow_max_depth_mm << " mm, margins "
       << rules.width_margin_mm << "/" << rules.depth_margin_mm);
  return classify_scar(patient.scars.at(0), builtin_settings().protocol);
}

} // namespace

TEST_CASE("textbook scars get their Jacob-Dover-Kaminer class", "[classify]")
{
  const auto icepick = classify("width_mm = 1.0\ndepth_mm = 1.5\nedges = \"sharp\"");
  CHECK(icepick.scar_class == ScarClass::icepick);
  CHECK_FALSE(icepick.borderline);
  CHECK(icepick.response == Response::poor);
  CHECK(icepick.adjuncts == std::vector<Adjunct>{Adjunct::tca_cross, Adjunct::punch});

  const auto shallow = classify("width_mm = 3.0\ndepth_mm = 0.3\nedges = \"sharp\"");
  CHECK(shallow.scar_class == ScarClass::boxcar_shallow);
  CHECK(shallow.response == Response::good);
  CHECK_FALSE(shallow.borderline);

  const auto deep = classify("width_mm = 3.0\ndepth_mm = 0.8\nedges = \"sharp\"");
  CHECK(deep.scar_class == ScarClass::boxcar_deep);
  CHECK(deep.response == Response::moderate);
  CHECK(deep.adjuncts == std::vector<Adjunct>{Adjunct::punch});

  const auto rolling = classify("width_mm = 5.0\ndepth_mm = 0.3\nedges = \"sloped\"");
  CHECK(rolling.scar_class == ScarClass::rolling);
  CHECK(rolling.adjuncts == std::vector<Adjunct>{Adjunct::subcision});

  CHECK(classify("width_mm = 3.0\ndepth_mm = 0.3\ntethered = true").scar_class ==
        ScarClass::rolling);
  CHECK(classify("width_mm = 6.0\ndepth_mm = 0.3").scar_class == ScarClass::rolling);

  const auto hypertrophic = classify("width_mm = 4.0\nraised_mm = 1.0");
  CHECK(hypertrophic.scar_class == ScarClass::hypertrophic);
  CHECK(hypertrophic.response == Response::not_indicated);
  CHECK(hypertrophic.needle_depth_mm == 0.0);

  CHECK(classify("width_mm = 4.0\nraised_mm = 2.0\nbeyond_margin = true").scar_class ==
        ScarClass::keloid);

  const auto macular = classify("width_mm = 4.0\ndepth_mm = 0");
  CHECK(macular.scar_class == ScarClass::macular);
  CHECK(macular.response == Response::not_indicated);
}

TEST_CASE("a wide scar that does not flatten on stretching is a boxcar, not rolling", "[classify]")
{
  CHECK(classify("width_mm = 6.0\ndepth_mm = 0.8\ndistensible = false").scar_class ==
        ScarClass::boxcar_deep);
}

TEST_CASE("measurements within the margin of a threshold are borderline, naming the alternative",
          "[classify]")
{
  SECTION("icepick / boxcar width (2.0 mm, margin 0.2)")
  {
    const auto below = classify("width_mm = 1.9\ndepth_mm = 0.8");
    CHECK(below.scar_class == ScarClass::icepick);
    CHECK(below.borderline);
    CHECK(below.alternative == ScarClass::boxcar_deep);
    CHECK_THAT(below.settle_test, Catch::Contains("V-shaped"));

    const auto above = classify("width_mm = 2.1\ndepth_mm = 0.8\nedges = \"sharp\"");
    CHECK(above.scar_class == ScarClass::boxcar_deep);
    CHECK(above.alternative == ScarClass::icepick);
    // Too shallow for an icepick, however close to its width.
    CHECK_FALSE(classify("width_mm = 2.1\ndepth_mm = 0.3\nedges = \"sharp\"").borderline);

    CHECK_FALSE(classify("width_mm = 1.7\ndepth_mm = 0.8").borderline);
    CHECK_FALSE(classify("width_mm = 2.3\ndepth_mm = 0.3\nedges = \"sharp\"").borderline);
  }
  SECTION("shallow / deep boxcar depth (0.5 mm, margin 0.1)")
  {
    const auto shallow = classify("width_mm = 3.0\ndepth_mm = 0.45\nedges = \"sharp\"");
    CHECK(shallow.scar_class == ScarClass::boxcar_shallow);
    CHECK(shallow.alternative == ScarClass::boxcar_deep);
    CHECK_THAT(shallow.settle_test, Catch::Contains("stretch test"));

    const auto exactly = classify("width_mm = 3.0\ndepth_mm = 0.5\nedges = \"sharp\"");
    CHECK(exactly.scar_class == ScarClass::boxcar_shallow); // "shallow <= 0.5 mm"
    CHECK(exactly.borderline);

    const auto deep = classify("width_mm = 3.0\ndepth_mm = 0.55\nedges = \"sharp\"");
    CHECK(deep.scar_class == ScarClass::boxcar_deep);
    CHECK(deep.alternative == ScarClass::boxcar_shallow);

    CHECK_FALSE(classify("width_mm = 3.0\ndepth_mm = 0.35\nedges = \"sharp\"").borderline);
    CHECK_FALSE(classify("width_mm = 3.0\ndepth_mm = 0.65\nedges = \"sharp\"").borderline);
  }
  SECTION("boxcar / rolling width with edges not recorded (4.0 mm)")
  {
    const auto rolling = classify("width_mm = 4.1\ndepth_mm = 0.3");
    CHECK(rolling.scar_class == ScarClass::rolling);
    CHECK(rolling.alternative == ScarClass::boxcar_shallow);
    CHECK_THAT(rolling.settle_test, Catch::Contains("tethered"));

    const auto boxcar = classify("width_mm = 3.9\ndepth_mm = 0.3");
    CHECK(boxcar.scar_class == ScarClass::boxcar_shallow);
    CHECK(boxcar.alternative == ScarClass::rolling);
  }
  SECTION("flat / depressed and flat / raised")
  {
    const auto barely = classify("width_mm = 3.0\ndepth_mm = 0.05\nedges = \"sharp\"");
    CHECK(barely.scar_class == ScarClass::boxcar_shallow);
    CHECK(barely.alternative == ScarClass::macular);

    const auto slightly_raised = classify("width_mm = 3.0\ndepth_mm = 0\nraised_mm = 0.05");
    CHECK(slightly_raised.scar_class == ScarClass::hypertrophic);
    CHECK(slightly_raised.borderline);
    CHECK(slightly_raised.alternative == ScarClass::macular);
  }
}

TEST_CASE("the practitioner's type wins, and the plan says when measurements disagree",
          "[classify]")
{
  const auto call =
      classify("width_mm = 5.0\ndepth_mm = 0.3\nedges = \"sloped\"\ntype = \"boxcar\"");
  CHECK(call.from_file);
  CHECK(call.scar_class == ScarClass::boxcar_shallow); // subtype from the depth
  CHECK(call.measured == ScarClass::rolling);
  CHECK_FALSE(call.borderline);
  CHECK(std::any_of(call.reasons.begin(), call.reasons.end(), [](const Finding& f) {
    return f.code == "measurements_disagree";
  }));

  const auto unmeasured = classify("type = \"boxcar\"");
  CHECK(unmeasured.scar_class == ScarClass::boxcar_deep); // conservative when the depth is unknown
  CHECK_FALSE(unmeasured.measured);

  CHECK(classify("type = \"keloid\"").response == Response::not_indicated);
}

TEST_CASE("needle depth is the least of the area, class and cap limits", "[classify]")
{
  const Patient patient =
      patient_from(patient_with_scar("area = \"nose\"\ncount = 2\nwidth_mm = 3\ndepth_mm = 0.3"));
  CHECK(classify_scar(patient.scars[0], builtin_settings().protocol).needle_depth_mm == 0.5);
  CHECK(classify("width_mm = 3.0\ndepth_mm = 0.3").needle_depth_mm ==
        1.5); // cheek 2.0, capped at 1.5
}

TEST_CASE("the Goodman-Baron score adds points x count factor per lesion type present", "[grade]")
{
  // Hand-computed: rolling (B, 2 points) 12 + 10 = 22 lesions -> x3 = 6; icepick (C, 3) 3 -> x1 =
  // 3; macular (A, 1) 15 -> x2 = 2; keloid (D, 6) at area factor x1 = 6. Total 17.
  const Plan plan = plan_of(
      patient_with_scar(
          "area = \"cheek\"\ncount = 12\nwidth_mm = 5\ndepth_mm = 0.3\nedges = \"sloped\"") +
      "[[scars]]\narea = \"chin\"\ncount = 10\nwidth_mm = 5\ndepth_mm = 0.3\ntethered = true\n"
      "[[scars]]\narea = \"temple\"\ncount = 3\nwidth_mm = 1\ndepth_mm = 1\n"
      "[[scars]]\narea = \"forehead\"\ncount = 15\nwidth_mm = 3\ndepth_mm = 0\n"
      "[[scars]]\narea = \"chest\"\ncount = 1\nwidth_mm = 8\nraised_mm = 2\nbeyond_margin = "
      "true\n");
  const Severity& severity = plan.severity;
  REQUIRE(severity.score_items.size() == 4);
  CHECK(severity.score_items[0].lesions == 22);
  CHECK(severity.score_items[0].score == 6);
  CHECK(severity.score_items[1].score == 3);
  CHECK(severity.score_items[2].score == 2);
  CHECK(severity.score_items[3].by_area);
  CHECK(severity.score_items[3].score == 6);
  CHECK(severity.score == 17);
  CHECK(severity.grade == 4); // icepick and keloid
  CHECK_FALSE(severity.grade_from_file);
}

TEST_CASE("count factors follow the 1-10, 11-20, >20 bands", "[grade]")
{
  const auto& rules = builtin_settings().protocol.grading;
  CHECK(count_factor(1, rules) == 1);
  CHECK(count_factor(10, rules) == 1);
  CHECK(count_factor(11, rules) == 2);
  CHECK(count_factor(20, rules) == 2);
  CHECK(count_factor(21, rules) == 3);
}

TEST_CASE("the qualitative grade is estimated from the scar mix unless the file gives it",
          "[grade]")
{
  const auto grade_of = [](const std::string& scars, const std::string& extra = "") {
    return plan_of(patient_with_scar(scars, extra)).severity;
  };
  CHECK(grade_of("area = \"cheek\"\ncount = 12\nwidth_mm = 5\ndepth_mm = 0.3\nedges = \"sloped\"")
            .grade == 3);
  CHECK(grade_of("area = \"cheek\"\ncount = 4\nwidth_mm = 5\ndepth_mm = 0.3\nedges = \"sloped\"")
            .grade == 2); // few: mild
  CHECK(grade_of("area = \"cheek\"\ncount = 12\nwidth_mm = 5\ndepth_mm = 0.3\ndistensible = false")
            .grade == 4);
  CHECK(grade_of("area = \"cheek\"\ncount = 6\nwidth_mm = 1\ndepth_mm = 1").grade == 4); // icepick
  const Severity few = grade_of("area = \"cheek\"\ncount = 2\nwidth_mm = 1\ndepth_mm = 1");
  CHECK(few.grade == 3); // two icepick scars are not a severe disease: lowered and flagged
  CHECK(few.needs_confirmation);
  CHECK_FALSE(
      grade_of("area = \"cheek\"\ncount = 6\nwidth_mm = 1\ndepth_mm = 1").needs_confirmation);
  CHECK(grade_of("area = \"cheek\"\ncount = 20\nwidth_mm = 3\ndepth_mm = 0").grade ==
        1); // macular only
  const Severity from_file = grade_of("area = \"cheek\"\ncount = 2\nwidth_mm = 1\ndepth_mm = 1",
                                      "[assessment]\ngoodman_grade = 2\n");
  CHECK(from_file.grade == 2);
  CHECK(from_file.grade_from_file);
  CHECK_THAT(from_file.reasons[1].text, Catch::Contains("suggests grade 3"));
}

TEST_CASE("icepick is narrow and deep; a narrow shallow pit is a borderline shallow boxcar",
          "[classify]")
{
  const auto pit = classify("width_mm = 1.5\ndepth_mm = 0.2\nedges = \"sharp\"");
  CHECK(pit.scar_class == ScarClass::boxcar_shallow);
  CHECK(pit.borderline);
  CHECK(pit.alternative == ScarClass::icepick);

  const auto at_line = classify("width_mm = 1.5\ndepth_mm = 0.5");
  CHECK(at_line.scar_class == ScarClass::boxcar_shallow); // exactly 0.5: not deeper than it
  const auto just_deeper = classify("width_mm = 1.5\ndepth_mm = 0.55");
  CHECK(just_deeper.scar_class == ScarClass::icepick);
  CHECK(just_deeper.borderline); // within the depth margin
  CHECK_FALSE(classify("width_mm = 1.5\ndepth_mm = 1.2").borderline);

  // Icepick is tested before tethering; a rolling call under 4 mm wide is borderline.
  CHECK(classify("width_mm = 1.2\ndepth_mm = 1.2\ntethered = true").scar_class ==
        ScarClass::icepick);
  const auto narrow_rolling = classify("width_mm = 3.0\ndepth_mm = 0.3\ntethered = true");
  CHECK(narrow_rolling.scar_class == ScarClass::rolling);
  CHECK(narrow_rolling.borderline);
  CHECK(narrow_rolling.alternative == ScarClass::boxcar_shallow);
  CHECK_FALSE(classify("width_mm = 5.0\ndepth_mm = 0.3\ntethered = true").borderline);
  CHECK(classify("width_mm = 3.0\ndepth_mm = 0.3\nedges = \"sloped\"").borderline);
}

TEST_CASE("a type never turns a raised or spreading scar into a needled one", "[classify]")
{
  const auto keloid_typed_rolling =
      classify("width_mm = 6\nraised_mm = 1.5\nbeyond_margin = true\ntype = \"rolling\"");
  CHECK(keloid_typed_rolling.scar_class == ScarClass::keloid);
  CHECK(keloid_typed_rolling.borderline);
  CHECK(keloid_typed_rolling.alternative == ScarClass::rolling);
  CHECK(keloid_typed_rolling.response == Response::not_indicated);
  CHECK(keloid_typed_rolling.adjuncts.empty());
  CHECK(keloid_typed_rolling.needle_depth_mm == 0.0);

  const auto raised_typed_boxcar = classify("width_mm = 3\nraised_mm = 1\ntype = \"boxcar\"");
  CHECK(raised_typed_boxcar.scar_class == ScarClass::hypertrophic);
  CHECK(raised_typed_boxcar.borderline);

  // Spreading past the margin with no height recorded: still a keloid, borderline.
  const auto spreading = classify("width_mm = 6\ndepth_mm = 0.3\nbeyond_margin = true");
  CHECK(spreading.scar_class == ScarClass::keloid);
  CHECK(spreading.borderline);
  CHECK(spreading.alternative == ScarClass::rolling);

  // The safe direction: a typed keloid stays a keloid whatever the measurements say.
  CHECK(classify("width_mm = 5\ndepth_mm = 0.3\ntype = \"keloid\"").scar_class ==
        ScarClass::keloid);

  // A raised scar beside atrophic ones: the plan carries the precaution, and a test spot first.
  const Plan plan = plan_of(
      patient_with_scar("area = \"cheek\"\ncount = 12\nwidth_mm = 5\ndepth_mm = 0.3\nedges = "
                        "\"sloped\"") +
      "[[scars]]\narea = \"jawline\"\ncount = 2\nwidth_mm = 4\nraised_mm = 1\ntype = "
      "\"rolling\"\n");
  CHECK(plan.eligibility.status == Status::eligible);
  CHECK(std::any_of(plan.eligibility.precautions.begin(),
                    plan.eligibility.precautions.end(),
                    [](const Finding& f) { return f.code == "hypertrophic_present"; }));
  REQUIRE(plan.recommendation.depths.size() == 1);
  CHECK(plan.recommendation.depths[0].area == Area::cheek); // the raised jawline group is not
  REQUIRE(plan.follow_up.size() >= 2);
  CHECK(plan.follow_up[0].kind == "test_spot");
  CHECK(plan.follow_up[1].kind == "test_spot_review");
  REQUIRE_FALSE(plan.sessions.empty());
  CHECK(plan.sessions[0].date > plan.follow_up[1].date);
  // The course's preparation begins only once the review has allowed the course.
  CHECK(plan.sessions[0].prep.front().first >= plan.follow_up[1].date);
  CHECK(plan.sessions[0].depends_on == "test_spot_review");
}

TEST_CASE("a raised scar's grade is not lowered with the atrophic load, nor hidden by a type",
          "[grade][classify]")
{
  const Plan plan = plan_of(
      patient_with_scar("area = \"cheek\"\ncount = 3\nwidth_mm = 5\ndepth_mm = 0.3\nedges = "
                        "\"sloped\"") +
      "[[scars]]\narea = \"jawline\"\ncount = 1\nwidth_mm = 6\nraised_mm = 2\nbeyond_margin = "
      "true\n");
  CHECK(plan.severity.grade == 4); // the keloid's grade, as Goodman & Baron give it
  CHECK_FALSE(plan.severity.needs_confirmation);

  // A file's "hypertrophic" for a scar measured spreading past its margin: still a keloid.
  const auto typed = classify("width_mm = 6\nraised_mm = 1.5\nbeyond_margin = true\ntype = "
                              "\"hypertrophic\"");
  CHECK(typed.scar_class == ScarClass::keloid);
  CHECK(typed.borderline);
}
