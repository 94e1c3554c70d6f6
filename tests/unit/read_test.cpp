#include <scarplan/read/free_text.hpp>

#include <catch2/catch.hpp>

#include <random>

#include "support.hpp"

namespace scarplan::test {
namespace {

const Protocol&
protocol()
{
  return builtin_settings().protocol;
}

std::vector<std::string>
medication_classes(const std::string& text)
{
  std::vector<std::string> out;
  for (const auto& reading :
       read_free_text(text, protocol().medications, protocol().reading).readings) {
    out.emplace_back(reading.class_name);
  }
  return out;
}

const VocabularyClass&
class_named(const std::vector<VocabularyClass>& vocabulary, std::string_view name)
{
  return *std::find_if(vocabulary.begin(), vocabulary.end(), [&](const VocabularyClass& c) {
    return c.name == name;
  });
}

// The strictest class `text` is read as, 0 when none (or only harmless ones).
int
strictest(const std::string& text, const std::vector<VocabularyClass>& vocabulary)
{
  int out = 0;
  for (const auto& reading : read_free_text(text, vocabulary, protocol().reading).readings) {
    out = std::max(out, class_named(vocabulary, reading.class_name).strictness);
  }
  return out;
}

} // namespace

TEST_CASE("free text is folded: case, accents, symbols and compatibility forms", "[read]")
{
  using V = std::vector<std::string>;
  CHECK(fold_words("Isotrétinoïne 20 mg") == V{"isotretinoine", "20", "mg"});
  CHECK(fold_words("Eliquis\u2122 5\u00A0mg") == V{"eliquis", "5", "mg"});
  CHECK(fold_words("ACIDE ACÉTYLSALICYLIQUE") == V{"acide", "acetylsalicylique"});
  CHECK(fold_words("\uFF37arfarin") == V{"warfarin"}); // a full-width W
}

TEST_CASE("edits count a swap of neighbours as one", "[read]")
{
  CHECK(edit_distance_with_swaps("eliquis", "eliquis") == 0);
  CHECK(edit_distance_with_swaps("eliqius", "eliquis") == 1); // a swap
  CHECK(edit_distance_with_swaps("acutane", "accutane") == 1);
  CHECK(edit_distance_with_swaps("melasma", "melanoma") == 2);
  CHECK(edit_distance_with_swaps("", "abc") == 3);
  CHECK(edit_distance_with_swaps("warfarine", "warfarin") == 1);
}

TEST_CASE("names are read exactly, as aliases or approximately, and say how", "[read]")
{
  const auto reading = [](const std::string& text) {
    const TextMatch match = read_free_text(text, protocol().medications, protocol().reading);
    REQUIRE(match.readings.size() == 1);
    return match.readings.front();
  };
  CHECK(reading("Epuris 40 mg").how == How::exact);
  const Reading french = reading("Isotrétinoïne 20 mg");
  CHECK(french.how == How::alias);
  CHECK(french.class_name == "isotretinoin");
  const Reading slip = reading("Acutane 40mg");
  CHECK(slip.how == How::approximate);
  CHECK(slip.class_name == "isotretinoin");
  CHECK(slip.matched == "Accutane");
  CHECK(slip.written == "acutane");
  CHECK(reading("Coumadine 5 mg").class_name == "anticoagulant"); // the French brand
  CHECK(reading("AAS 80 mg").class_name == "antiplatelet");
  CHECK(reading("isotretinoin 0.05% gel").class_name == "topical_retinoid_or_acid");
  CHECK(reading("Isotrex gel").class_name == "topical_retinoid_or_acid");
  // A combination: both read, each as its own class.
  CHECK(medication_classes("warfarine + Acutane") ==
        std::vector<std::string>{"anticoagulant", "isotretinoin"});
  // Short names are never read approximately: ASK is not ASA.
  CHECK(medication_classes("ASK 81 mg").empty());
}

TEST_CASE("a route word reaches only its own name, and never an oral form", "[read]")
{
  using V = std::vector<std::string>;
  CHECK(medication_classes("Accutane 40 mg daily; Epiduo gel at night") ==
        V{"isotretinoin", "topical_retinoid_or_acid"});
  CHECK(medication_classes("Epuris 30 mg, apply moisturizer") == V{"isotretinoin"});
  CHECK(medication_classes("Absorica 30 mg soft-gel capsules") == V{"isotretinoin"});
  CHECK(medication_classes("isotretinoin 20 mg + benzoyl peroxide wash") ==
        V{"isotretinoin", "topical_retinoid_or_acid"});
  CHECK(medication_classes("isotrétinoïne 0,05 % gel") == V{"topical_retinoid_or_acid"});
  CHECK(medication_classes("iso-tretinoin 20 mg") == V{"isotretinoin"}); // not tretinoin
  CHECK(medication_classes("Iso tretinoin") == V{"isotretinoin"});
}

TEST_CASE("a part of a list that reads as nothing is unknown beside a known one", "[read]")
{
  const TextMatch match =
      read_free_text("Ibuprofen PRN; Xeralto 20 mg", protocol().medications, protocol().reading);
  REQUIRE(match.readings.size() == 1);
  CHECK(match.unknown_parts == std::vector<std::string>{"Xeralto 20 mg"});
  // Dose and frequency words alone are no medication of their own.
  CHECK(read_free_text("Eliquis 5 mg, twice daily", protocol().medications, protocol().reading)
            .unknown_parts.empty());
  // Blood thinners written as a class or an abbreviation are blood thinners.
  for (const char* text : {"blood thinner", "DOAC", "LMWH injections", "HBPM", "Warfilone 5 mg"}) {
    INFO(text);
    CHECK(medication_classes(text) == std::vector<std::string>{"anticoagulant"});
  }
  for (const char* text : {"A.S.A. 81 mg", "ECASA 81"}) {
    INFO(text);
    CHECK(medication_classes(text) == std::vector<std::string>{"antiplatelet"});
  }
}

TEST_CASE("one random edit of any name still reads as its class", "[read][property]")
{
  std::mt19937 random(20261204);
  const auto edit = [&](std::string word) {
    std::uniform_int_distribution<std::size_t> at(0, word.size() - 1);
    std::uniform_int_distribution<int> letter('a', 'z');
    const std::size_t i = at(random);
    switch (random() % 4) {
    case 0:
      word.erase(i, 1);
      break;
    case 1:
      word.insert(i, 1, static_cast<char>(letter(random)));
      break;
    case 2:
      word[i] = static_cast<char>(letter(random));
      break;
    default:
      if (i + 1 < word.size()) {
        std::swap(word[i], word[i + 1]);
      }
    }
    return word;
  };
  std::size_t tried = 0;
  std::size_t stricter = 0;
  for (const auto* vocabulary : {&protocol().medications, &protocol().conditions}) {
    for (const VocabularyClass& c : *vocabulary) {
      for (const VocabularyName& name : c.names) {
        // The edit goes into the longest word; a name whose words are all too short to forgive
        // an edit (ASA, HIV) is read exactly only.
        auto words = name.words;
        auto& longest = *std::max_element(
            words.begin(), words.end(), [](auto& a, auto& b) { return a.size() < b.size(); });
        if (protocol().reading.edits_allowed(longest.size()) == 0 ||
            std::any_of(longest.begin(), longest.end(), [](char ch) {
              return static_cast<unsigned char>(ch) >= 0x80 || (ch >= '0' && ch <= '9');
            })) {
          continue;
        }
        for (int round = 0; round < 5; ++round) {
          auto edited = words;
          auto& target = *std::find(edited.begin(), edited.end(), longest);
          target = edit(target);
          std::string text;
          for (const auto& word : edited) {
            text += (text.empty() ? "" : " ") + word;
          }
          const TextMatch match = read_free_text(text, *vocabulary, protocol().reading);
          ++tried;
          if (match.names(c.name)) {
            continue;
          }
          // Read as another class: only ever a stricter one (a near match to two classes).
          INFO(name.name << " edited to " << text);
          REQUIRE_FALSE(match.readings.empty());
          CHECK(class_named(*vocabulary, match.readings.front().class_name).strictness >=
                c.strictness);
          ++stricter;
        }
      }
    }
  }
  CHECK(tried > 1500);
  CHECK(stricter * 100 <= tried); // nearly always its own class
}

TEST_CASE("no common harmless drug or condition is read as a dangerous class", "[read]")
{
  // Among the most prescribed drugs (US, Canada), supplements and acne care, and words
  // practitioners write in skin_conditions. None may be read as a class with a rule.
  const std::vector<std::string> drugs = {"metformin",
                                          "levothyroxine",
                                          "Synthroid",
                                          "Eltroxin",
                                          "ramipril",
                                          "Altace",
                                          "lisinopril",
                                          "atorvastatin",
                                          "Lipitor",
                                          "rosuvastatin",
                                          "Crestor",
                                          "simvastatin",
                                          "amlodipine",
                                          "Norvasc",
                                          "losartan",
                                          "Cozaar",
                                          "valsartan",
                                          "metoprolol",
                                          "bisoprolol",
                                          "atenolol",
                                          "propranolol",
                                          "furosemide",
                                          "Lasix",
                                          "spironolactone",
                                          "Aldactone",
                                          "omeprazole",
                                          "Losec",
                                          "pantoprazole",
                                          "Tecta",
                                          "esomeprazole",
                                          "Nexium",
                                          "ranitidine",
                                          "famotidine",
                                          "salbutamol",
                                          "Ventolin",
                                          "albuterol",
                                          "fluticasone",
                                          "Flovent",
                                          "Advair",
                                          "budesonide",
                                          "montelukast",
                                          "Singulair",
                                          "cetirizine",
                                          "Reactine",
                                          "Zyrtec",
                                          "loratadine",
                                          "Claritin",
                                          "Clarinex",
                                          "desloratadine",
                                          "Aerius",
                                          "fexofenadine",
                                          "Allegra",
                                          "sertraline",
                                          "Zoloft",
                                          "citalopram",
                                          "Celexa",
                                          "escitalopram",
                                          "Cipralex",
                                          "Lexapro",
                                          "fluoxetine",
                                          "Prozac",
                                          "paroxetine",
                                          "Paxil",
                                          "venlafaxine",
                                          "Effexor",
                                          "bupropion",
                                          "Wellbutrin",
                                          "trazodone",
                                          "gabapentin",
                                          "Neurontin",
                                          "pregabalin",
                                          "Lyrica",
                                          "acetaminophen",
                                          "paracetamol",
                                          "Tylenol",
                                          "Doliprane",
                                          "tramadol",
                                          "codeine",
                                          "Tylenol 3",
                                          "insulin",
                                          "Ozempic",
                                          "semaglutide",
                                          "Jardiance",
                                          "sitagliptin",
                                          "Januvia",
                                          "Yasmin",
                                          "Yaz",
                                          "Alesse",
                                          "Diane-35",
                                          "Tri-Cyclen",
                                          "levonorgestrel",
                                          "ethinyl estradiol",
                                          "drospirenone",
                                          "finasteride",
                                          "minoxidil",
                                          "tamsulosin",
                                          "sildenafil",
                                          "Viagra",
                                          "ondansetron",
                                          "loperamide",
                                          "Imodium",
                                          "amoxicillin",
                                          "cephalexin",
                                          "Keflex",
                                          "azithromycin",
                                          "clindamycin",
                                          "Dalacin",
                                          "erythromycin",
                                          "nitrofurantoin",
                                          "Macrobid",
                                          "mupirocin",
                                          "Bactroban",
                                          "fusidic acid",
                                          "Fucidin",
                                          "metronidazole",
                                          "MetroGel",
                                          "ivermectin",
                                          "Soolantra",
                                          "niacinamide",
                                          "hyaluronic acid",
                                          "ceramides",
                                          "zinc",
                                          "iron",
                                          "magnesium",
                                          "calcium",
                                          "vitamin D",
                                          "vitamin D3",
                                          "vitamin C",
                                          "vitamin B12",
                                          "biotin",
                                          "folic acid",
                                          "melatonin",
                                          "probiotic",
                                          "collagen",
                                          "sunscreen",
                                          "CeraVe",
                                          "Cetaphil",
                                          "La Roche-Posay",
                                          "Imdur",
                                          "Sectral",
                                          "Tramadol",
                                          "hydroxyzine",
                                          "Atarax",
                                          "levocetirizine",
                                          "dapsone",
                                          "Aczone",
                                          "sumatriptan",
                                          "Imitrex",
                                          "lamotrigine",
                                          "Lamictal",
                                          "lithium",
                                          "quetiapine",
                                          "Seroquel",
                                          "methylphenidate",
                                          "Ritalin",
                                          "Concerta",
                                          "Vyvanse",
                                          "Adderall",
                                          "Plan B",
                                          "nicotine patch",
                                          "Champix",
                                          "metoclopramide",
                                          "docusate",
                                          "Restoralax",
                                          "Tums",
                                          "Contrave"};
  const std::vector<std::string> conditions = {"dry skin",
                                               "oily skin",
                                               "sensitive skin",
                                               "melasma",
                                               "freckles",
                                               "moles",
                                               "acne scars",
                                               "post-inflammatory erythema",
                                               "hyperpigmentation",
                                               "large pores",
                                               "blackheads",
                                               "seasonal allergies",
                                               "hay fever",
                                               "asthma",
                                               "migraine",
                                               "anxiety",
                                               "depression",
                                               "hypothyroidism",
                                               "high blood pressure",
                                               "hypertension",
                                               "high cholesterol",
                                               "PCOS",
                                               "eczema",
                                               "psoriasis",
                                               "rosacea",
                                               "vitiligo",
                                               "dermatitis",
                                               "keratosis pilaris",
                                               "seborrheic dermatitis",
                                               "peau sèche",
                                               "taches brunes",
                                               "mélasma",
                                               "cicatrices d'acné",
                                               "pores dilatés",
                                               "allergie saisonnière",
                                               "milia",
                                               "sun damage",
                                               "fine lines",
                                               "wrinkles",
                                               "redness",
                                               "flushing",
                                               "tattoo",
                                               "glasses",
                                               "contact lenses",
                                               "braces",
                                               // everyday words one edit from a condition name
                                               "acne scars on chest",
                                               "cellulite on thighs",
                                               "cortisone injections into cysts",
                                               "mental health",
                                               "plate",
                                               "wants",
                                               "crust"};
  std::size_t false_positives = 0;
  for (const auto& drug : drugs) {
    INFO(drug);
    const int strictness = strictest(drug, protocol().medications);
    CHECK(strictness == 0);
    false_positives += strictness > 0;
  }
  for (const auto& condition : conditions) {
    INFO(condition);
    const int strictness = strictest(condition, protocol().conditions);
    CHECK(strictness == 0);
    false_positives += strictness > 0;
  }
  CHECK(drugs.size() + conditions.size() >= 215);
  CHECK(false_positives == 0);
}

} // namespace scarplan::test
