#pragma once

#include <scarplan/model/patient.hpp>
#include <scarplan/model/settings.hpp>

#include <date/date.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace scarplan {

// A statement in the plan with the rule behind it, shown by --explain.
struct Finding
{
  std::string code; // stable identifier for scripts ("pregnancy", "width<2mm")
  std::string text;
  std::string source;
};

// ---- classify ----

struct ScarAssessment
{
  ScarClass scar_class = ScarClass::macular;
  bool from_file = false;            // the practitioner's `type` decided it
  std::optional<ScarClass> measured; // what the measurements alone give, when they can
  bool borderline = false;           // a measurement lies within the margin of a threshold
  std::optional<ScarClass> alternative;
  std::string settle_test; // what would settle a borderline call
  Response response = Response::good;
  std::vector<Adjunct> adjuncts; // suggested by the class
  std::string adjunct_note;
  double needle_depth_mm = 0.0; // 0 when the class is not needled
  std::vector<Finding> reasons;
};

// ---- grade ----

struct ScoreItem
{
  std::string lesion; // Goodman–Baron lesion type
  int points = 0;
  int lesions = 0;
  int factor = 1;
  bool by_area = false;
  int score = 0;
};

struct Severity
{
  std::optional<int> grade; // qualitative 1–4; absent when there are no scars
  bool grade_from_file = false;
  bool needs_confirmation = false; // an estimate the practitioner should confirm (few lesions)
  int score = 0;                   // quantitative 0–84
  std::vector<ScoreItem> score_items;
  std::vector<Finding> reasons;
};

// ---- eligibility ----

enum class Status
{
  eligible,
  deferred,
  not_eligible,
  not_indicated
};
inline constexpr std::string_view k_status_names[] = {
    "eligible", "deferred", "not_eligible", "not_indicated"};
SCARPLAN_ENUM_NAMES(Status, k_status_names);

// How a word of free text was read: as a vocabulary name, a translation or abbreviation of
// one, or a near spelling of one (which the plan asks to confirm).
enum class How
{
  exact,
  alias,
  approximate
};
inline constexpr std::string_view k_how_names[] = {"exact", "alias", "approximate"};
SCARPLAN_ENUM_NAMES(How, k_how_names);

// One vocabulary class found in a free-text entry.
struct Reading
{
  std::string_view class_name;
  std::string_view matched; // the vocabulary's name ("Accutane")
  std::string written;      // the words of the entry read as it ("acutane")
  How how = How::exact;
};

// One free-text entry ([history] medications or skin_conditions) and what it was read as (none:
// unknown).
struct TextMatch
{
  std::string text; // as written
  std::vector<Reading> readings;
  // Parts of a list ("Ibuprofen PRN; Xeralto 20 mg") that read as nothing: each is unknown, even
  // when another part is known.
  std::vector<std::string> unknown_parts;

  bool names(std::string_view class_name) const
  {
    return std::any_of(readings.begin(), readings.end(), [&](const Reading& reading) {
      return reading.class_name == class_name;
    });
  }
};

struct Eligibility
{
  Status status = Status::eligible;
  std::optional<date::sys_days> earliest_start;
  std::vector<Finding> reasons;
  std::vector<Finding> precautions;
  std::vector<std::string> applied_rules; // ids of the contraindication rules that applied
  std::vector<TextMatch> medications;
  std::vector<TextMatch> conditions;
};

// ---- recommend ----

// The needle depth for one area treated: never more than that area's limit.
struct AreaDepth
{
  Area area = Area::cheek;
  double depth_mm = 0.0;
};

enum class Approach
{
  needling,   // a course of microneedling
  focal_first // a few deep scars: focal treatment first, needling optional after its review
};
inline constexpr std::string_view k_approach_names[] = {"needling", "focal_first"};
SCARPLAN_ENUM_NAMES(Approach, k_approach_names);

struct AdjunctAdvice
{
  Adjunct adjunct = Adjunct::prp;
  std::string why;
  std::string source;
};

struct Recommendation
{
  int sessions = 0;  // the whole course
  int done = 0;      // already given
  int remaining = 0; // to schedule
  int interval_days = 28;
  int interval_min_days = 28;
  int interval_max_days = 42;
  std::vector<AreaDepth> depths; // one per area treated, in Area order
  Approach approach = Approach::needling;
  std::vector<Adjunct> requested;
  std::vector<AdjunctAdvice> suggested;
  std::vector<Finding> notices; // shown in every format: what the practitioner must know
  std::vector<Finding> reasons;

  std::vector<Zone> zones() const; // the zones of the areas treated, in Zone order
};

// ---- progress ----

enum class Verdict
{
  baseline,     // nothing to compare yet
  too_early,    // no meaningful change, before the plateau rule applies
  improving,    // better by at least the meaningful change
  plateau,      // no meaningful gain over the last sessions
  goal_reached, // the course may stop early
  worsening,    // stop and review
  not_judged    // the protocol has no [progress] rules
};
inline constexpr std::string_view k_verdict_names[] = {
    "baseline", "too_early", "improving", "plateau", "goal_reached", "worsening", "not_judged"};
SCARPLAN_ENUM_NAMES(Verdict, k_verdict_names);

// The outcome score at one visit. Lower is better: the change is negative when it improved.
struct VisitScore
{
  std::optional<date::sys_days> date; // the plan's [[scars]] as baseline may be undated
  int score = 0;                      // Goodman–Baron quantitative, 0–84
  bool computed = false;              // from the groups measured that day, not given
  std::optional<int> grade;
  std::optional<double> rating;
  int sessions_since_previous = 0;      // given since the previous visit
  int sessions_before = 0;              // given before this visit, in all
  int change_points = 0;                // score minus the baseline's
  std::optional<double> change_percent; // of the baseline; none for a baseline of 0
  std::string note;
};

struct Progress
{
  bool followed = false;           // the file has [[assessments]]
  bool baseline_from_plan = false; // no assessment before the course: [[scars]] is the baseline
  std::vector<VisitScore> visits;  // the baseline first
  Verdict verdict = Verdict::baseline;
  std::vector<Finding> reasons; // the rule behind the verdict, and what it changed in the plan
};

// ---- schedule and price ----

// A moment at the clinic: its local wall time and the same instant in UTC.
struct ClinicTime
{
  date::local_seconds local;
  date::sys_seconds utc;
};

struct DatedItem
{
  date::sys_days first;
  date::sys_days last;   // inclusive
  std::size_t rule = 0;  // index of its rule in the protocol's [[prep]] or [[recovery]] list
  std::string_view text; // the protocol's text: a plan never outlives its settings
  std::string_view source;
  bool remind = false; // an action to take on its first day
};

struct CostLine
{
  std::string code;  // the zone or adjunct name ("face", "prp")
  std::string label; // for people ("microneedling, face")
  MinorUnits amount = 0;
};

struct SessionCost
{
  std::vector<CostLine> items;
  MinorUnits subtotal = 0;
  MinorUnits discount = 0;
  MinorUnits tax = 0;
  MinorUnits total = 0;
};

// Where `scarplan book` put a session, against the day the plan alone gave it.
struct Booking
{
  std::string room;
  std::string practitioner;  // empty when the clinic lists none
  date::sys_days target;     // the plan's own day for it
  int moved_days = 0;        // booked day minus target
  bool inside_window = true; // the interval window after the previous session was kept
  std::string why;           // why not on the target day: room full, practitioner off, busy
};

struct Session
{
  int number = 0; // in the whole course, counting sessions already given
  date::sys_days date;
  ClinicTime arrive;
  ClinicTime start;
  ClinicTime end;
  std::vector<Zone> zones;
  std::vector<AreaDepth> depths;
  std::vector<Adjunct> adjuncts;
  std::vector<DatedItem> prep;
  std::vector<DatedItem> recovery;
  SessionCost cost;
  std::vector<std::string> notes; // e.g. "outside the 28–42 day window: no open day fitted"
  std::string depends_on;         // the kind of the review visit it waits for, or empty
  std::optional<Booking> booking; // scarplan book: its room and how it moved
};

// A visit other than a needling session: a test spot or a focal treatment and its review
// before the course, outcome reviews and maintenance after it.
struct FollowUp
{
  date::sys_days date;
  std::string kind; // test_spot | test_spot_review | focal_treatment | focal_treatment_review |
                    // review | maintenance
  std::string text;
  std::string source;
};

struct Installment
{
  date::sys_days due;
  MinorUnits amount = 0;
};

struct Costs
{
  std::string currency;
  int digits = 2;
  bool package = false;
  MinorUnits subtotal = 0;
  MinorUnits discount = 0;
  MinorUnits tax = 0;
  MinorUnits total = 0;
  MinorUnits deposit = 0;
  date::sys_days deposit_due;
  std::vector<Installment> installments;
};

// An event of the plan's earlier calendar (plan --previous): a re-plan that no longer has its
// UID sends it again as cancelled.
struct PreviousEvent
{
  std::string uid;
  std::string dtstart_line; // rebuilt from its value: "DTSTART;TZID=...:20270112T173000"
  std::string summary;
};

// An appointment the clinic already has (book --busy): an interval of one room, named by the
// event or, when it names none, the first room free at its time.
struct BusyEvent
{
  date::sys_seconds start;
  date::sys_seconds end;
  std::optional<std::size_t> room; // index in the clinic's rooms, when the event names one
};

// Everything scarplan concluded about one patient; the renderers only format it.
struct Plan
{
  Patient patient;
  date::sys_days today;
  date::sys_seconds reference_time; // the instant the plan is made as of (iCal DTSTAMP)
  int age = 0;
  std::vector<ScarAssessment> scars; // parallel to patient.scars
  Severity severity;
  Eligibility eligibility;
  Recommendation recommendation;
  Progress progress;
  std::vector<Session> sessions; // only the sessions still to come
  std::vector<FollowUp> follow_up;
  Costs costs;
  std::vector<std::string> notes;
  std::vector<PreviousEvent> previous_events; // --previous: the earlier calendar's events
  const Clinic* clinic = nullptr;
  const Protocol* protocol = nullptr;
};

} // namespace scarplan
