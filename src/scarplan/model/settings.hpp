#pragma once

#include <scarplan/model/names.hpp>
#include <scarplan/util/money.hpp>

#include <date/date.h>
#include <date/tz.h>

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace scarplan {

// ---- Clinic: hours, prices, time zone (spec/clinic-file.md) ----

struct OpeningHours
{
  bool open = false;
  std::chrono::minutes from{0};
  std::chrono::minutes to{0};
};

struct PackageTerms
{
  int min_sessions = 3;
  Decimal discount_percent;
  Decimal deposit_percent;
  int installments = 1;
};

// How patients reach the clinic ([contact], optional): shown on the handout.
struct Contact
{
  std::string phone;
  std::string address;
  std::string web;
};

// A practitioner who needles ([[practitioners]]): an id, no personal data, and working hours
// per weekday (a day without hours is a day off).
struct Practitioner
{
  std::string id;
  std::array<OpeningHours, 7> hours; // indexed by Weekday
};

// What limits how many sessions the clinic can give at once (`scarplan book`). Without rooms
// capacity is unlimited.
struct Capacity
{
  std::vector<std::string> rooms;
  std::vector<Practitioner> practitioners; // empty: only rooms limit capacity
  std::chrono::minutes slot{15};           // arrivals on this grid, from the opening time
  std::chrono::minutes buffer{0};          // room turnover after each appointment
};

struct Clinic
{
  std::string name;
  Contact contact;
  Capacity capacity;
  std::string timezone_name;
  const date::time_zone* zone = nullptr;
  std::string currency;
  int currency_digits = 2;
  Decimal tax_percent;
  std::chrono::minutes default_time{11 * 60};
  std::chrono::minutes numbing{45};
  std::array<OpeningHours, 7> hours;             // indexed by Weekday
  std::vector<date::sys_days> closed_on;         // sorted
  std::array<std::chrono::minutes, 4> durations; // indexed by Zone
  std::array<MinorUnits, 4> prices{};            // indexed by Zone
  std::array<std::optional<MinorUnits>, k_adjunct_count> adjunct_prices;
  PackageTerms package;

  bool closed(date::sys_days day) const;  // a closure (holiday) in closed_on
  bool open_on(date::sys_days day) const; // opening hours that weekday and not a closure
};

// ---- Protocol: every clinical rule, each with its source ----

struct ClassificationRules
{
  double icepick_max_width_mm = 2.0; // narrower is icepick
  double rolling_min_width_mm = 4.0; // wider (edges unknown) is rolling
  double icepick_min_depth_mm = 0.5; // and deeper than this: a narrow shallow scar is a boxcar
  double shallow_max_depth_mm = 0.5; // boxcar this deep or less is shallow
  double macular_max_depth_mm = 0.0; // this deep or less (and not raised) is a flat mark
  double raised_min_mm = 0.0;        // higher is a raised scar
  double width_margin_mm = 0.2;      // borderline band around width thresholds
  double depth_margin_mm = 0.1;      // borderline band around depth and height thresholds
  std::string source;
};

// What the protocol says about one scar class.
struct ClassRule
{
  Response response = Response::good;
  std::vector<Adjunct> adjuncts;
  std::vector<Adjunct> tether_adjuncts; // suggested only unless the group is recorded untethered
  std::string adjunct_note;             // e.g. "refer: silicone, intralesional steroid"
  int grade = 3;                        // Goodman–Baron qualitative grade this class implies
  std::string score_lesion;             // Goodman–Baron quantitative lesion type it counts as
  int score_points = 1;
  bool score_by_area = false; // hyperplastic rows use the area factor instead of the count factor
  double needle_max_mm = 1.5;
  std::string source;
};

struct GradingRules
{
  int non_distensible_grade = 4;
  int mild_max_lesions = 5; // with this few lesions the estimate drops a grade (4 is flagged)
  std::vector<std::pair<int, int>> count_factors; // {up to N lesions, factor}; last is open-ended
  std::string source;
};

struct SessionRule
{
  int grade = 0;
  int min = 0;
  int max = 0;
  std::string source;
};

struct SessionRules
{
  std::vector<SessionRule> by_grade;
  std::vector<Response> upper_when_response; // take the upper end if any group responds so
  int upper_when_lesions_over = 20;
  std::string source;
};

struct IntervalRule
{
  std::optional<double> min_needle_depth_mm; // applies when the course needles this deep
  std::optional<int> phototype_at_least;
  int target_days = 28;
  int min_days = 28;
  int max_days = 42;
  std::string source;
};

struct DepthRules
{
  double device_max_mm = 2.5;
  double cap_mm = 1.5;                  // never recommend deeper than this
  std::array<double, 11> area_max_mm{}; // indexed by Area
  std::string source;
  std::string adjust_text; // how the practitioner adapts the depths (skin, severity)
  std::string adjust_source;
  std::vector<Area> off_label_areas; // the device is not cleared for them
  std::string off_label_text;
  std::string off_label_source;
};

// A visit and its review before the course: a test spot (keloid tendency) or the focal
// treatment of a few deep scars. The course is booked after the review and depends on it.
struct StagingRule
{
  std::string visit_text;
  std::string review_text;
  int review_min_days = 28;
  int review_max_days = 42;
  std::vector<std::string> when_rules; // test spot: any of these contraindication rules applied
  std::vector<ScarClass> classes;      // focal: every treatable group is of these classes
  int max_lesions = 0;                 // focal: and they number at most this many
  std::string source;
};

enum class Level
{
  absolute,
  temporary,
  relative
};
inline constexpr std::string_view k_level_names[] = {"absolute", "temporary", "relative"};

// One contraindication or precaution; exactly one trigger is set.
struct ContraRule
{
  std::string id;
  Level level = Level::relative;
  // triggers
  std::string flag;                // a [history] boolean
  std::string medication_class;    // a class of [[medications]]
  bool unknown_medication = false; // a listed medication that no class of the vocabulary names
  bool any_skin_condition = false; // a skin_conditions entry no flagged [[conditions]] class names
  std::string date_key;            // a date of [history] (k_history_date_names)
  int wait_months = 0;             // temporary: treatment may start this long after the date
  int wait_days = 0;               // the same in days
  int within_months = 0;   // relative: applies while the date is this recent; with no wait and no
                           // within, whenever the date is recorded
  std::string unless_date; // a medication rule does not apply when this date is recorded
  std::string after_date;  // a medication rule applies only once this date's wait has passed
  bool approximate_reading = false; // free text read as a near vocabulary word: confirm it
  int phototype_at_least = 0;
  std::vector<Area> areas; // with phototype_at_least: only when a group treated is in one
  int age_under = 0;
  std::optional<ScarClass> scar_present;
  std::string reason;     // why it matters
  std::string precaution; // what to do (relative rules)
  std::string source;
};

// One name of a free-text vocabulary class, folded into words (fold_words: "Retin-A" is retin,
// a; "Isotrétinoïne" is isotretinoine).
struct VocabularyName
{
  std::string name; // as the protocol writes it, for "read 'X' as NAME"
  std::vector<std::string> words;
  bool alias = false; // a translation, an abbreviation or a foreign brand
};

// One class of a free-text vocabulary: [[medications]] (ingredients and brands) or
// [[conditions]] (what people write in skin_conditions).
struct VocabularyClass
{
  std::string name;
  std::vector<VocabularyName> names;
  std::string topical; // medications: the class it is when a route word says topical ("gel")
  std::string flag;    // conditions: the [history] flag it stands for; empty: the generic rule
  int strictness = 0; // the strictest rule it triggers: 0 none, 1 relative, 2 temporary, 3 absolute
  std::string source;
};

// How free text is read: words that make a product topical, and how many edits an approximate
// match forgives by the length of the vocabulary word ([reading]).
struct ReadingRules
{
  std::vector<std::string> topical_words; // folded; they make the name just before them topical
  std::vector<std::string> oral_words;    // folded; with one, an entry is never read as topical
  std::vector<std::string> ignore_words;  // folded: dose, unit and frequency words of a list part
  int one_edit_from = 5;                  // letters of the vocabulary word
  int two_edits_from = 9;
  std::string source;

  // Edits forgiven for a vocabulary word of `letters` letters.
  int edits_allowed(std::size_t letters) const
  {
    return letters >= static_cast<std::size_t>(two_edits_from)  ? 2
           : letters >= static_cast<std::size_t>(one_edit_from) ? 1
                                                                : 0;
  }
};

// A prep or recovery instruction dated relative to a session day.
struct MilestoneRule
{
  int day = 0;     // first day, relative to the session (negative: before)
  int through = 0; // last day, inclusive
  std::string text;
  bool remind = false; // an action on its first day (stop a drug): calendars remind of it
  std::vector<std::string> requires_rules; // only when one of these contraindication rules
                                           // applied (e.g. the antiviral)
  std::string source;
};

struct FollowUpRule
{
  std::string kind; // review | maintenance
  int months_after = 3;
  std::string text;
  std::string source;
};

enum class AdjunctTiming
{
  every,
  first
};

struct AdjunctRule
{
  AdjunctTiming timing = AdjunctTiming::every;
  std::string source;
};

// How a followed course is judged from its outcome scores ([progress]; optional: without it
// scores are shown and no verdict is given).
struct ProgressRules
{
  bool present = false;
  int meaningful_change_points = 4; // a smaller change is within rater disagreement
  int goal_improvement_percent = 50;
  int plateau_after_sessions = 3;
  int plateau_window_sessions = 2;
  int plateau_further_sessions = 1; // sessions left after a plateau, with the changed approach
  int full_effect_days = 180;       // a plateau judged sooner after a session may be premature
  std::optional<Adjunct> plateau_adjunct;
  std::string plateau_adjunct_source;
  std::string referral_text; // a plateau with the adjunct already given
  std::string referral_source;
  std::string source;
};

struct Protocol
{
  std::string name;
  std::string source;
  ClassificationRules classification;
  std::array<ClassRule, 7> classes; // indexed by ScarClass
  GradingRules grading;
  SessionRules sessions;
  IntervalRule interval;
  std::vector<IntervalRule> longer_intervals;
  DepthRules depth;
  ReadingRules reading;
  std::vector<VocabularyClass> medications;
  std::vector<VocabularyClass> conditions;
  std::vector<ContraRule> contraindications;
  std::array<AdjunctRule, k_adjunct_count> adjuncts;
  std::vector<MilestoneRule> prep;
  std::vector<MilestoneRule> recovery;
  std::vector<FollowUpRule> follow_up;
  StagingRule test_spot;
  StagingRule focal_first;
  ProgressRules progress;

  // Days before a session that the earliest prep instruction starts (the default start lead).
  int longest_prep_lead_days() const;
};

} // namespace scarplan
