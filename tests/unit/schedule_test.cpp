#include <scarplan/render/format.hpp>
#include <scarplan/schedule/schedule.hpp>

#include <catch2/catch.hpp>

#include "support.hpp"

using namespace scarplan;
using namespace scarplan::test;

namespace {

const std::string k_rolling =
    "area = \"cheek\"\ncount = 12\nwidth_mm = 5\ndepth_mm = 0.3\nedges = \"sloped\""; // 4 sessions

std::string
with_preferences(const std::string& preferences)
{
  return patient_with_scar(k_rolling, "[preferences]\n" + preferences + "\n");
}

Weekday
weekday_of(date::sys_days day)
{
  return static_cast<Weekday>(date::weekday{day}.c_encoding());
}

void
check_inside_hours(const Plan& plan)
{
  for (const auto& session : plan.sessions) {
    const OpeningHours& hours =
        plan.clinic->hours[static_cast<std::size_t>(weekday_of(session.date))];
    INFO("session " << session.number << " on " << iso_date(session.date));
    CHECK(hours.open);
    CHECK_FALSE(plan.clinic->closed(session.date));
    const auto arrive = session.arrive.local - date::local_days{session.date.time_since_epoch()};
    const auto end = session.end.local - date::local_days{session.date.time_since_epoch()};
    CHECK(arrive >= hours.from);
    CHECK(end <= hours.to);
  }
}

} // namespace

TEST_CASE("the default start leaves the longest prep lead after the reference day", "[schedule]")
{
  const Plan plan = plan_of(patient_with_scar(k_rolling));
  REQUIRE(plan.sessions.size() == 4);
  CHECK(plan.sessions[0].date >= day("2026-12-06")); // 2026-11-22 + 14 days
  CHECK(plan.sessions[0].date == day("2026-12-07")); // 12-06 is a Sunday
  CHECK(plan.sessions[0].prep.front().first >= plan.today);
  check_inside_hours(plan);
}

TEST_CASE("holidays and closed weekdays are skipped", "[schedule]")
{
  // 25 Dec (Fri), 26 (Sat), 27 (Sun) and the observed Boxing Day 28 Dec are all closed.
  const Plan plan = plan_of(with_preferences("start = 2026-12-25"));
  CHECK(plan.sessions[0].date == day("2026-12-29"));
  CHECK_THAT(plan.sessions[0].notes.at(0),
             Catch::Contains("first acceptable day on or after 2026-12-25"));
  for (const auto& session : plan.sessions) {
    CHECK(weekday_of(session.date) != Weekday::sat);
    CHECK(weekday_of(session.date) != Weekday::sun);
  }
  check_inside_hours(plan);
}

TEST_CASE("sessions keep the target interval and the window, across the year end", "[schedule]")
{
  // Planned on 2026-11-15, so that the 2026-12-01 start leaves the whole preparation.
  const Plan plan =
      plan_of(with_preferences("start = 2026-12-01\nweekdays = [\"tue\"]"), "2026-11-15");
  REQUIRE(plan.sessions.size() == 4);
  CHECK(plan.sessions[0].date == day("2026-12-01"));
  CHECK(plan.sessions[1].date == day("2026-12-29")); // over Christmas, still 28 days
  CHECK(plan.sessions[2].date == day("2027-01-26"));
  for (std::size_t i = 1; i < plan.sessions.size(); ++i) {
    const auto gap = (plan.sessions[i].date - plan.sessions[i - 1].date).count();
    CHECK(gap >= plan.recommendation.interval_min_days);
    CHECK(gap <= plan.recommendation.interval_max_days);
    CHECK(weekday_of(plan.sessions[i].date) == Weekday::tue);
  }
}

TEST_CASE("a closed target day moves to the nearest acceptable day in the window", "[schedule]")
{
  // Session 2 would fall on Tue 2027-03-30; close that day and the next acceptable Tuesday
  // inside the window (28-42 days) is 2027-04-06.
  const Settings settings = settings_with_clinic(
      replace(builtin_clinic_text(), "closed_on = [", "closed_on = [2027-03-30, "));
  const Plan plan =
      plan_of(with_preferences("start = 2027-03-02\nweekdays = [\"tue\"]"), "2026-11-22", settings);
  CHECK(plan.sessions[0].date == day("2027-03-02"));
  CHECK(plan.sessions[1].date == day("2027-04-06"));
  REQUIRE(plan.sessions[1].notes.size() == 1);
  CHECK(plan.sessions[1].notes[0] == "the target day 2027-03-30 was not available (the clinic is "
                                     "closed that day): 35 days after the previous session");
}

TEST_CASE("when no day in the window fits, the first acceptable day after it, with a note",
          "[schedule]")
{
  const Settings settings = settings_with_clinic(replace(
      builtin_clinic_text(), "closed_on = [", "closed_on = [2027-03-30, 2027-04-06, 2027-04-13, "));
  const Plan plan =
      plan_of(with_preferences("start = 2027-03-02\nweekdays = [\"tue\"]"), "2026-11-22", settings);
  CHECK(plan.sessions[1].date == day("2027-04-20"));
  REQUIRE(plan.sessions[1].notes.size() == 1);
  CHECK_THAT(plan.sessions[1].notes[0],
             Catch::Contains("no acceptable day inside the 28-42 day window"));
  CHECK_THAT(plan.sessions[1].notes[0], Catch::Contains("49 days"));
}

TEST_CASE("preferred weekdays the clinic never opens are set aside with a note", "[schedule]")
{
  const Plan plan = plan_of(with_preferences("weekdays = [\"sat\", \"sun\"]"));
  REQUIRE(plan.sessions.size() == 4);
  CHECK_THAT(plan.notes.at(0), Catch::Contains("set aside"));
}

TEST_CASE("a preferred time outside the hours moves into them", "[schedule]")
{
  // Friday closes at 16:00: a 15:45 start plus 45 minutes of needling must move to 15:15.
  const Plan plan =
      plan_of(with_preferences("start = 2027-01-08\ntime = \"15:45\"\nweekdays = [\"fri\"]"));
  CHECK(clock(plan.sessions[0].start) == "15:15");
  CHECK(clock(plan.sessions[0].end) == "16:00");
  CHECK(clock(plan.sessions[0].arrive) == "14:30");
  CHECK_THAT(plan.sessions[0].notes.back(), Catch::Contains("moved"));
  check_inside_hours(plan);
}

TEST_CASE("29 February is an ordinary session day and month arithmetic snaps to month ends",
          "[schedule]")
{
  const Plan plan = plan_of(with_preferences("start = 2028-02-01\nweekdays = [\"tue\"]"));
  CHECK(plan.sessions[0].date == day("2028-02-01"));
  CHECK(plan.sessions[1].date == day("2028-02-29"));
  CHECK(add_months(day("2027-11-30"), 3) == day("2028-02-29"));
  CHECK(add_months(day("2026-11-30"), 3) == day("2027-02-28"));
  CHECK(add_months(day("2026-08-31"), 1) == day("2026-09-30"));
}

TEST_CASE("local times stay put across both daylight-saving changes", "[schedule][dst]")
{
  // Toronto: EST (-5) until 2027-03-14, EDT (-4) until 2027-11-07.
  const Plan spring =
      plan_of(with_preferences("start = 2027-02-16\ntime = \"11:00\"\nweekdays = [\"tue\"]"));
  REQUIRE(spring.sessions.size() == 4);
  CHECK(std::string_view(iso_datetime(spring.sessions[0].start)) == "2027-02-16T11:00:00-05:00");
  CHECK(std::string_view(iso_datetime(spring.sessions[1].start)) == "2027-03-16T11:00:00-04:00");
  CHECK(date::format("%FT%TZ", spring.sessions[0].start.utc) == "2027-02-16T16:00:00Z");
  CHECK(date::format("%FT%TZ", spring.sessions[1].start.utc) == "2027-03-16T15:00:00Z");

  const Plan autumn =
      plan_of(with_preferences("start = 2027-10-19\ntime = \"11:00\"\nweekdays = [\"tue\"]"));
  CHECK(std::string_view(iso_datetime(autumn.sessions[0].start)) == "2027-10-19T11:00:00-04:00");
  CHECK(std::string_view(iso_datetime(autumn.sessions[1].start)) == "2027-11-16T11:00:00-05:00");
  CHECK(date::format("%FT%TZ", autumn.sessions[1].arrive.utc) == "2027-11-16T15:15:00Z");
}

TEST_CASE("nonexistent and ambiguous local times resolve deterministically", "[schedule][dst]")
{
  const date::time_zone& toronto = *date::locate_zone("America/Toronto");
  using namespace std::chrono_literals;
  // 02:30 does not exist on 2027-03-14: it moves forward by the gap to 03:30 EDT.
  const ClinicTime gap =
      to_clinic_time(toronto, date::local_days{date::year{2027} / 3 / 14} + 2h + 30min);
  CHECK(date::format("%FT%TZ", gap.utc) == "2027-03-14T07:30:00Z");
  CHECK(std::string_view(iso_datetime(gap)) == "2027-03-14T03:30:00-04:00");
  // 01:30 happens twice on 2027-11-07: the first occurrence (EDT).
  const ClinicTime twice =
      to_clinic_time(toronto, date::local_days{date::year{2027} / 11 / 7} + 1h + 30min);
  CHECK(date::format("%FT%TZ", twice.utc) == "2027-11-07T05:30:00Z");
}

TEST_CASE("another clinic zone: Kolkata's half-hour offset and Berlin's own DST date",
          "[schedule][dst]")
{
  const Settings kolkata =
      settings_with_clinic(replace(builtin_clinic_text(), "America/Toronto", "Asia/Kolkata"));
  const Plan india =
      plan_of(with_preferences("start = 2027-03-02\ntime = \"11:00\""), "2026-11-22", kolkata);
  CHECK(std::string_view(iso_datetime(india.sessions[0].start)) == "2027-03-02T11:00:00+05:30");
  CHECK(date::format("%FT%TZ", india.sessions[0].start.utc) == "2027-03-02T05:30:00Z");

  const Settings berlin =
      settings_with_clinic(replace(builtin_clinic_text(), "America/Toronto", "Europe/Berlin"));
  const Plan germany =
      plan_of(with_preferences("start = 2027-03-02\ntime = \"11:00\"\nweekdays = [\"tue\"]"),
              "2026-11-22",
              berlin);
  CHECK(std::string_view(iso_datetime(germany.sessions[0].start)) == "2027-03-02T11:00:00+01:00");
  CHECK(std::string_view(iso_datetime(germany.sessions[1].start)) ==
        "2027-03-30T11:00:00+02:00"); // DST from 2027-03-28
}

TEST_CASE("prep and recovery milestones are dated from each session", "[schedule]")
{
  const Plan plan = plan_of(with_preferences("start = 2027-01-12"));
  const Session& session = plan.sessions.at(0);
  CHECK(session.prep.front().first == session.date - date::days{14});
  CHECK(session.prep.front().last == session.date - date::days{1});
  CHECK(session.prep.back().first == session.date);
  const auto redness =
      std::find_if(session.recovery.begin(), session.recovery.end(), [](const DatedItem& i) {
        return i.text.find("Redness") != std::string::npos;
      });
  REQUIRE(redness != session.recovery.end());
  CHECK(redness->last == session.date + date::days{3});
  // Without a cold-sore history there is no antiviral step.
  CHECK(std::none_of(session.prep.begin(), session.prep.end(), [](const DatedItem& i) {
    return i.text.find("antiviral") != std::string::npos;
  }));
}

TEST_CASE("reviews at 3 and 6 months and maintenance at 12, on opening days", "[schedule]")
{
  const Plan plan = plan_of(with_preferences("start = 2027-01-12\nweekdays = [\"tue\"]"));
  const date::sys_days last = plan.sessions.back().date;
  REQUIRE(plan.follow_up.size() == 3);
  CHECK(plan.follow_up[0].kind == "review");
  CHECK(plan.follow_up[0].date >= add_months(last, 3));
  CHECK(plan.follow_up[0].date < add_months(last, 3) + date::days{4});
  CHECK(plan.follow_up[2].kind == "maintenance");
  for (const auto& visit : plan.follow_up) {
    CHECK(plan.clinic->hours[static_cast<std::size_t>(weekday_of(visit.date))].open);
  }
}

// Whether any preparation step of `plan` is dated before `today`.
bool
step_before(const Plan& plan, date::sys_days today)
{
  return std::any_of(plan.sessions.begin(), plan.sessions.end(), [&](const Session& session) {
    return std::any_of(session.prep.begin(), session.prep.end(), [&](const DatedItem& item) {
      return item.first < today;
    });
  });
}

bool
has_notice(const Plan& plan, const std::string& code)
{
  const auto& notices = plan.recommendation.notices;
  return std::any_of(
      notices.begin(), notices.end(), [&](const Finding& f) { return f.code == code; });
}

TEST_CASE("a start past or too close leaves the whole preparation after the reference day",
          "[schedule]")
{
  // The reference day is Sunday 2026-11-22; the longest step of this patient starts 14 days
  // before a session ("no sun"), so the first session is on 2026-12-06 or later.
  for (const char* start : {"2026-01-05", "2026-11-25"}) {
    const Plan plan = plan_of(with_preferences(std::string("start = ") + start));
    REQUIRE_FALSE(plan.sessions.empty());
    CHECK(plan.sessions[0].date >= day("2026-12-06"));
    CHECK_FALSE(step_before(plan, day("2026-11-22")));
    CHECK(has_notice(plan, "start_moved_for_preparation"));
  }
  // Far enough: kept, and nothing said.
  const Plan later = plan_of(with_preferences("start = 2026-12-15"));
  CHECK(later.sessions[0].date == day("2026-12-15"));
  CHECK_FALSE(has_notice(later, "start_moved_for_preparation"));

  // --short-prep keeps the sooner date: the steps start on the reference day and are listed.
  const date::sys_days today = day("2026-11-22");
  PlanOptions options{today, today, day("2026-11-25")};
  options.short_prep = true;
  const Plan kept =
      make_plan(patient_from(with_preferences(""), "2026-11-22"), builtin_settings(), options);
  CHECK(kept.sessions[0].date == day("2026-11-25"));
  CHECK_FALSE(step_before(kept, today));
  CHECK(has_notice(kept, "start_kept_short_prep"));
  CHECK(has_notice(kept, "prep_shortened"));
}

TEST_CASE("inside its interval window a course keeps the window and shortens the preparation",
          "[schedule]")
{
  // Last session 2026-10-20: the window is 28-42 days, to 2026-12-01, sooner than a full 14-day
  // preparation from 2026-11-22. The session stays in the window; the steps are shortened.
  const Plan plan = plan_of(with_preferences("") + "[[sessions_done]]\ndate = 2026-10-20\n");
  REQUIRE_FALSE(plan.sessions.empty());
  CHECK(plan.sessions[0].date <= day("2026-12-01"));
  CHECK_FALSE(step_before(plan, day("2026-11-22")));
  CHECK(has_notice(plan, "prep_shortened"));
  for (const auto& note : plan.sessions[0].notes) {
    CHECK(note.find("has passed") == std::string::npos); // no false "window has passed"
  }
}

TEST_CASE("adjuncts given once go into the first session still to come", "[schedule]")
{
  const std::string file =
      patient_with_scar(k_rolling, "[preferences]\nadjuncts = [\"subcision\", \"prp\"]\n");
  const Plan fresh = plan_of(file);
  CHECK(fresh.sessions[0].adjuncts == std::vector<Adjunct>{Adjunct::subcision, Adjunct::prp});
  CHECK(fresh.sessions[1].adjuncts == std::vector<Adjunct>{Adjunct::prp});
  const Plan resumed = plan_of(file + "[[sessions_done]]\ndate = 2026-11-02\n");
  REQUIRE(resumed.sessions.size() == 3);
  CHECK(resumed.sessions[0].number == 2);
  CHECK(resumed.sessions[0].adjuncts == std::vector<Adjunct>{Adjunct::subcision, Adjunct::prp});
  CHECK(resumed.sessions[1].adjuncts == std::vector<Adjunct>{Adjunct::prp});
}
