#include <catch2/catch.hpp>

#include "support.hpp"

using namespace scarplan;
using namespace scarplan::test;

namespace {

const std::string k_rolling =
    "area = \"cheek\"\ncount = 12\nwidth_mm = 5\ndepth_mm = 0.3\nedges = \"sloped\"";

Eligibility
eligibility_of(const std::string& history,
               const std::string& today = "2026-11-22",
               const std::string& patient_extra = "")
{
  return plan_of(patient_with_scar(k_rolling, patient_extra + "[history]\n" + history + "\n"),
                 today)
      .eligibility;
}

bool
has(const std::vector<Finding>& findings, const std::string& code)
{
  return std::any_of(
      findings.begin(), findings.end(), [&](const Finding& f) { return f.code == code; });
}

} // namespace

TEST_CASE("absolute contraindications make a patient not eligible", "[eligibility]")
{
  for (const std::string flag : {"bleeding_disorder",
                                 "skin_cancer_in_area",
                                 "metal_allergy",
                                 "anesthetic_allergy",
                                 "collagen_vascular_disease",
                                 "scleroderma",
                                 "cardiac_abnormality"}) {
    INFO(flag);
    const Eligibility eligibility = eligibility_of(flag + " = true");
    CHECK(eligibility.status == Status::not_eligible);
    CHECK_FALSE(eligibility.earliest_start);
    REQUIRE(eligibility.reasons.size() == 1);
    CHECK_FALSE(eligibility.reasons[0].source.empty());
  }
  const Plan plan = plan_of(patient_with_scar(k_rolling, "[history]\nscleroderma = true\n"));
  CHECK(plan.sessions.empty());
  CHECK(plan.recommendation.sessions == 0);
}

TEST_CASE("pregnancy, infection and flares defer until they are over, with no date",
          "[eligibility]")
{
  for (const std::string flag :
       {"pregnant", "skin_infection", "skin_disease_flare", "active_acne"}) {
    INFO(flag);
    const Eligibility eligibility = eligibility_of(flag + " = true");
    CHECK(eligibility.status == Status::deferred);
    CHECK_FALSE(eligibility.earliest_start);
    REQUIRE(eligibility.reasons.size() == 1);
  }
  CHECK(plan_of(patient_with_scar(k_rolling, "[history]\npregnant = true\n")).sessions.empty());
}

TEST_CASE("medications match by words, whatever the dose, case or brand", "[eligibility]")
{
  const auto classes = [](const std::string& medication) {
    const Eligibility e = eligibility_of("medications = [\"" + medication + "\"]");
    REQUIRE(e.medications.size() == 1);
    std::vector<std::string> out;
    for (const auto& reading : e.medications[0].readings) {
      out.emplace_back(reading.class_name);
    }
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(classes("Isotretinoin 20 mg daily") == V{"isotretinoin"});
  CHECK(classes("EPURIS 40mg") == V{"isotretinoin"});
  CHECK(classes("Warfarin 5 mg") == V{"anticoagulant"});
  CHECK(classes("Eliquis") == V{"anticoagulant"});
  CHECK(classes("lixiana 60mg od") == V{"anticoagulant"});
  CHECK(classes("Aspirin 81mg") == V{"antiplatelet"});
  CHECK(classes("Retin-A 0.05% cream") == V{"topical_retinoid_or_acid"});
  CHECK(classes("tretinoin") == V{"topical_retinoid_or_acid"}); // not isotretinoin: words, not text
  CHECK(classes("acetylsalicylic acid") == V{"antiplatelet"});  // not salicylic acid
  CHECK(classes("Metformin 500 mg").empty());
  CHECK(classes("Accutane\u00AE") == V{"isotretinoin"});           // a registered sign
  CHECK(classes("Eliquis\u2122 5\u00A0mg") == V{"anticoagulant"}); // a trade mark, a no-break space
  CHECK(classes("5-ASA 800 mg") == V{"aminosalicylate"});          // mesalamine, not aspirin
  CHECK(classes("ASA 81 mg") == V{"antiplatelet"});                // the Canadian abbreviation

  const Eligibility taking = eligibility_of("medications = [\"Isotretinoin 20 mg daily\"]");
  CHECK(taking.status == Status::deferred);
  CHECK_FALSE(taking.earliest_start);
  CHECK(has(taking.reasons, "isotretinoin_current"));
  CHECK(plan_of(patient_with_scar(k_rolling, "[history]\nmedications = [\"Absorica LD 32 mg\"]\n"))
            .sessions.empty());
  CHECK(eligibility_of("medications = [\"Soriatane 25mg\"]").status == Status::deferred);
  // Listed, with a last dose years ago: the wait is over, so it is taken again: deferred, and
  // said so with the date (not "no last dose recorded").
  const Eligibility again =
      eligibility_of("medications = [\"Roaccutane\"]\nisotretinoin_last_dose = 2019-03-01");
  CHECK(again.status == Status::deferred);
  CHECK(has(again.reasons, "isotretinoin_listed_again"));
  CHECK_FALSE(has(again.reasons, "isotretinoin_current"));
  CHECK_THAT(again.reasons[0].text, Catch::Contains("2019-03-01"));
  CHECK_FALSE(again.earliest_start);

  const Eligibility unknown =
      eligibility_of("medications = [\"Metformin 500 mg\", \"Eliquis\", \"levothyroxine\"]");
  CHECK(unknown.status == Status::eligible);
  CHECK(std::count_if(unknown.precautions.begin(), unknown.precautions.end(), [](const Finding& f) {
          return f.code == "medication_unknown";
        }) == 2);
  CHECK(has(unknown.precautions, "anticoagulant_medication"));
}

TEST_CASE("a recent isotretinoin course defers the start by the protocol's wait", "[eligibility]")
{
  const Eligibility eligibility = eligibility_of("isotretinoin_last_dose = 2026-08-31");
  CHECK(eligibility.status == Status::deferred);
  CHECK(eligibility.earliest_start == day("2027-02-28")); // six months, snapped to the month's end
  CHECK(has(eligibility.reasons, "isotretinoin_recent"));
  CHECK_THAT(eligibility.reasons[0].source, Catch::Contains("Spring et al"));

  CHECK(eligibility_of("isotretinoin_last_dose = 2026-04-01").status ==
        Status::eligible); // wait over

  const Plan plan =
      plan_of(patient_with_scar(k_rolling, "[history]\nisotretinoin_last_dose = 2026-08-31\n"));
  REQUIRE_FALSE(plan.sessions.empty());
  CHECK(plan.sessions.front().date >= day("2027-02-28"));
}

TEST_CASE("deferrals without a computable date give no start and no schedule", "[eligibility]")
{
  const Eligibility acne = eligibility_of("active_acne = true");
  CHECK(acne.status == Status::deferred);
  CHECK_FALSE(acne.earliest_start);

  const Eligibility current = eligibility_of("medications = [\"Accutane\"]");
  CHECK(current.status == Status::deferred);
  CHECK_FALSE(current.earliest_start); // still taking it: the wait cannot start yet
  const Eligibility stopped =
      eligibility_of("medications = [\"Accutane\"]\nisotretinoin_last_dose = 2026-08-31");
  CHECK(stopped.earliest_start == day("2027-02-28")); // a recorded last dose starts the wait

  CHECK(plan_of(patient_with_scar(k_rolling, "[history]\nactive_acne = true\n")).sessions.empty());
}

TEST_CASE("relative contraindications add precautions and prep steps", "[eligibility]")
{
  const Eligibility hsv = eligibility_of("herpes_simplex = true");
  CHECK(hsv.status == Status::eligible);
  CHECK(has(hsv.precautions, "herpes_simplex"));
  const Plan plan = plan_of(patient_with_scar(k_rolling, "[history]\nherpes_simplex = true\n"));
  REQUIRE_FALSE(plan.sessions.empty());
  const auto& prep = plan.sessions[0].prep;
  CHECK(std::any_of(prep.begin(), prep.end(), [](const DatedItem& i) {
    return i.text.find("antiviral") != std::string::npos;
  }));

  CHECK(
      has(eligibility_of("medications = [\"Apixaban\"]").precautions, "anticoagulant_medication"));
  CHECK(has(eligibility_of("anticoagulants = true").precautions, "anticoagulants"));
  CHECK(has(eligibility_of("keloid_history = true").precautions, "keloid_history"));
  CHECK(has(eligibility_of("skin_conditions = [\"rosacea\"]").precautions, "skin_condition"));
  CHECK(has(eligibility_of("immunosuppressed = true").precautions, "immunosuppressed"));
  CHECK(has(eligibility_of("diabetes = true").precautions, "diabetes"));
  CHECK(has(eligibility_of("radiation_on = 2026-03-01").precautions, "radiation"));
  CHECK_FALSE(
      has(eligibility_of("radiation_on = 2025-03-01").precautions, "radiation")); // over 12 months
  CHECK(has(eligibility_of("radiation_on = 2015-03-01").precautions, "radiation_any"));
  CHECK(eligibility_of("filler_or_toxin_on = 2026-11-15").earliest_start == day("2026-11-29"));
  CHECK(eligibility_of("surgery_on = 2026-06-01").earliest_start == day("2027-06-01"));
}

TEST_CASE("phototype and age precautions", "[eligibility]")
{
  const auto with_patient = [](int phototype, const std::string& birth) {
    const std::string file = "[patient]\nid = \"T\"\nbirth_date = " + birth +
                             "\nphototype = " + std::to_string(phototype) + "\n[[scars]]\n" +
                             k_rolling + "\n";
    return plan_of(file).eligibility;
  };
  CHECK(has(with_patient(4, "1990-01-01").precautions, "pigmentation_risk"));
  CHECK_FALSE(has(with_patient(3, "1990-01-01").precautions, "pigmentation_risk"));
  const Eligibility minor = with_patient(3, "2010-11-23"); // 15 on the reference day
  CHECK(minor.status == Status::eligible);
  CHECK(has(minor.precautions, "minor"));
  CHECK(has(minor.precautions, "under_device_age"));
  CHECK_FALSE(has(with_patient(3, "2008-11-22").precautions, "minor")); // 18 today
}

TEST_CASE("only raised or flat scars: microneedling is not indicated", "[eligibility]")
{
  const Plan raised = plan_of(patient_with_scar(
      "area = \"chest\"\ncount = 2\nwidth_mm = 8\nraised_mm = 2\nbeyond_margin = true"));
  CHECK(raised.eligibility.status == Status::not_indicated);
  CHECK_THAT(raised.eligibility.reasons.back().text, Catch::Contains("refer"));
  CHECK(has(raised.eligibility.precautions, "keloid_present"));
  CHECK(raised.sessions.empty());

  const Plan none = plan_of("[patient]\nid = \"T\"\nbirth_date = 1990-01-01\nphototype = 2\n");
  CHECK(none.eligibility.status == Status::not_indicated);
  CHECK_THAT(none.eligibility.reasons[0].text, Catch::Contains("no scars are recorded"));
}

TEST_CASE("an absolute contraindication outranks not indicated and deferred", "[eligibility]")
{
  const Plan plan =
      plan_of(patient_with_scar("area = \"cheek\"\ncount = 2\nwidth_mm = 3\ndepth_mm = 0",
                                "[history]\nbleeding_disorder = true\nactive_acne = true\n"));
  CHECK(plan.eligibility.status == Status::not_eligible);
  CHECK(plan.eligibility.reasons.size() == 3);
}
