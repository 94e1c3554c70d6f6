#include <scarplan/book/book.hpp>
#include <scarplan/load/busy_calendar.hpp>
#include <scarplan/util/dates.hpp>

#include <catch2/catch.hpp>

#include "support.hpp"

using namespace scarplan;
using namespace scarplan::test;
using namespace std::chrono_literals;

namespace {

// The built-in clinic (Toronto) with `rooms` rooms and the given extra TOML.
Settings
clinic_with(int rooms, const std::string& extra = "")
{
  std::string text = builtin_clinic_text() + "\n" + extra + "\n";
  for (int r = 1; r <= rooms; ++r) {
    text += "[[rooms]]\nname = \"Room " + std::to_string(r) + "\"\n";
  }
  return settings_with_clinic(text);
}

ClinicTime
toronto(const Clinic& clinic, const std::string& iso_day, std::chrono::minutes time)
{
  return to_clinic_time(*clinic.zone, date::local_days{day(iso_day).time_since_epoch()} + time);
}

Availability::Answer
ask(const Ledger& ledger,
    const Clinic& clinic,
    const std::string& iso_day,
    std::chrono::minutes arrive,
    std::chrono::minutes end)
{
  return ledger.ask(day(iso_day),
                    toronto(clinic, iso_day, arrive),
                    toronto(clinic, iso_day, arrive + 45min),
                    toronto(clinic, iso_day, end));
}

std::vector<BusyEvent>
busy_from(const std::string& events,
          const Clinic& clinic,
          std::vector<std::string>* errors = nullptr)
{
  Diagnostics diagnostics("busy.ics");
  const auto loaded = load_busy_calendar("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n" +
                                             events + "END:VCALENDAR\r\n",
                                         clinic,
                                         day("2026-11-22"),
                                         day("2028-01-01"),
                                         diagnostics);
  if (errors) {
    for (const auto& item : diagnostics.items()) {
      errors->push_back(format_diagnostic(item));
    }
  }
  return loaded.value_or(std::vector<BusyEvent>{});
}

std::string
event(const std::string& lines)
{
  return "BEGIN:VEVENT\r\nUID:x@t\r\nDTSTAMP:20261120T000000Z\r\n" + lines + "END:VEVENT\r\n";
}

} // namespace

TEST_CASE("a room holds one appointment at a time, the buffer after it included", "[book]")
{
  const Settings settings = clinic_with(1, "[capacity]\nslot_minutes = 15\nbuffer_minutes = 10");
  const Clinic& clinic = settings.clinic;
  Ledger ledger(clinic, {});
  auto first = ask(ledger, clinic, "2027-01-12", 600min, 690min);
  REQUIRE(first.booking);
  CHECK(first.booking->room == "Room 1");
  ledger.reserve(*first.booking,
                 toronto(clinic, "2027-01-12", 600min),
                 toronto(clinic, "2027-01-12", 645min),
                 toronto(clinic, "2027-01-12", 690min));
  CHECK(ask(ledger, clinic, "2027-01-12", 690min, 780min).why == "room full"); // inside the buffer
  CHECK(ask(ledger, clinic, "2027-01-12", 700min, 790min).booking);            // just after it
  CHECK(ask(ledger, clinic, "2027-01-13", 600min, 690min).booking);            // another day
}

TEST_CASE("practitioners work their own hours and one session at a time", "[book]")
{
  const Settings settings =
      clinic_with(2, "[[practitioners]]\nid = \"dr-a\"\nhours = { tue = \"12:00-18:00\" }\n");
  const Clinic& clinic = settings.clinic;
  Ledger ledger(clinic, {});
  CHECK(ask(ledger, clinic, "2027-01-13", 720min, 810min).why == "practitioner off"); // Wednesday
  CHECK(ask(ledger, clinic, "2027-01-12", 600min, 690min).why == "practitioner off"); // before 12
  auto booked = ask(ledger, clinic, "2027-01-12", 720min, 810min);
  REQUIRE(booked.booking);
  CHECK(booked.booking->practitioner == "dr-a");
  ledger.reserve(*booked.booking,
                 toronto(clinic, "2027-01-12", 720min),
                 toronto(clinic, "2027-01-12", 765min),
                 toronto(clinic, "2027-01-12", 810min));
  // A second room is free, the only practitioner is not.
  CHECK(ask(ledger, clinic, "2027-01-12", 730min, 820min).why == "practitioner booked");
}

TEST_CASE("busy events: zones, UTC, floating, recurrences less EXDATE, rooms named or not",
          "[book][load]")
{
  const Settings settings = clinic_with(2);
  const Clinic& clinic = settings.clinic;
  // 21:00 in Lisbon is 16:00 in Toronto in winter; the DST change of 14 March 2027 in Toronto
  // (and 28 March in Lisbon) moves the weekly event's Toronto time by an hour in between.
  const auto busy = busy_from(
      event("DTSTART;TZID=Europe/Lisbon:20270302T210000\r\nDTEND;TZID=Europe/Lisbon:"
            "20270302T220000\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE;TZID=Europe/Lisbon:"
            "20270309T210000\r\nLOCATION:room 2\r\n") +
          event("DTSTART:20270112T150000Z\r\nDTEND:20270112T160000Z\r\n") +
          event("DTSTART:20270112T100000\r\nDURATION:PT2H\r\nRESOURCES:Projector,Room 1\r\n") +
          event("DTSTART;VALUE=DATE:20270113\r\nDTEND;VALUE=DATE:20270114\r\n") +
          event("DTSTART:20270114T100000\r\nDTEND:20270114T110000\r\nSTATUS:CANCELLED\r\n"),
      clinic);
  REQUIRE(busy.size() == 5); // 3 recurrences (one excluded), UTC, floating; no all-day, cancelled
  const auto utc = [](const std::string& iso_day, std::chrono::hours h) {
    return date::sys_seconds{day(iso_day).time_since_epoch() + h};
  };
  CHECK(busy[0].start == utc("2027-03-02", 21h)); // Lisbon is UTC+0 in March
  CHECK(busy[0].room == std::size_t{1});
  CHECK(busy[1].start == utc("2027-03-16", 21h));
  CHECK(busy[2].start == utc("2027-03-23", 21h));
  CHECK(busy[2].end == utc("2027-03-23", 22h));
  CHECK(busy[3].start == utc("2027-01-12", 15h));
  CHECK_FALSE(busy[3].room);
  CHECK(busy[4].start == utc("2027-01-12", 15h)); // 10:00 floating = Toronto, UTC-5
  CHECK(busy[4].end == utc("2027-01-12", 17h));
  CHECK(busy[4].room == std::size_t{0}); // named in RESOURCES

  // Two unnamed or room-1 events at once fill both rooms: a third appointment is refused.
  Ledger ledger(clinic, {busy[3], busy[4]});
  CHECK(ask(ledger, clinic, "2027-01-12", 600min, 660min).why ==
        "busy: the clinic's existing appointments");
  CHECK(ask(ledger, clinic, "2027-01-12", 720min, 780min).booking);
}

TEST_CASE("a calendar libical cannot read, or an unknown zone, is an error at its line",
          "[book][load]")
{
  const Settings settings = clinic_with(1);
  std::vector<std::string> errors;
  busy_from(event("DTSTART;TZID=Mars/Olympus:20270112T100000\r\nDTEND;TZID=Mars/Olympus:"
                  "20270112T110000\r\n"),
            settings.clinic,
            &errors);
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0], Catch::StartsWith("busy.ics:4:1: TZID: expected a time zone of the tz"));
  errors.clear();
  busy_from(event("SUMMARY:no start\r\n"), settings.clinic, &errors);
  REQUIRE_FALSE(errors.empty());
  CHECK_THAT(errors[0], Catch::Contains("DTSTART"));
}

TEST_CASE("runaway recurrences are bounded, and old ones expanded from near the horizon",
          "[book][load]")
{
  const Settings settings = clinic_with(1);
  std::vector<std::string> errors;
  const auto started = std::chrono::steady_clock::now();
  // Every second since 1900: expanded from the horizon, so the answer is at once (too many).
  busy_from(event("DTSTART:19000101T000000Z\r\nDTEND:19000101T000001Z\r\nRRULE:FREQ=SECONDLY\r\n"),
            settings.clinic,
            &errors);
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0], Catch::StartsWith("busy.ics:4:1: RRULE: expected at most 100000"));
  // With COUNT libical must start at DTSTART: the steps are bounded instead.
  errors.clear();
  busy_from(event("DTSTART:19000101T000000Z\r\nDTEND:19000101T000001Z\r\n"
                  "RRULE:FREQ=SECONDLY;COUNT=2000000000\r\n"),
            settings.clinic,
            &errors);
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0],
             Catch::StartsWith("busy.ics:4:1: RRULE: expected a recurrence that reaches the "
                               "planning horizon within 250000 steps, found more"));
  // Nine rules of 240,000 steps each: the file's bound, said once.
  errors.clear();
  std::string many;
  for (int i = 0; i < 9; ++i) {
    many += event("DTSTART:19000101T000000Z\r\nDTEND:19000101T000001Z\r\n"
                  "RRULE:FREQ=MINUTELY;COUNT=240000\r\n");
  }
  busy_from(many, settings.clinic, &errors);
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0], Catch::Contains("within 2000000 steps in all"));
  CHECK(std::chrono::steady_clock::now() - started < 20s);

  // Every 7 hours since 1900, for an hour: the same occurrences as from DTSTART, all of them.
  errors.clear();
  const auto busy = busy_from(event("DTSTART:19000101T000000Z\r\nDTEND:19000101T010000Z\r\n"
                                    "RRULE:FREQ=HOURLY;INTERVAL=7\r\n"),
                              settings.clinic,
                              &errors);
  CHECK(errors.empty());
  const date::sys_seconds first{date::sys_days{date::year{1900} / 1 / 1}};
  const date::sys_seconds from{day("2026-11-22")};
  const date::sys_seconds to{day("2028-01-01")};
  std::size_t expected = 0;
  for (auto at = first + (from - first) / 7h * 7h - 7h; at < to; at += 7h) {
    expected += at + 1h > from ? 1 : 0;
  }
  CHECK(busy.size() == expected);
  REQUIRE_FALSE(busy.empty());
  for (const auto& occurrence : busy) {
    CHECK((occurrence.start - first) % 7h == 0s);
    CHECK((occurrence.end - occurrence.start).count() == 3600);
  }
  CHECK(busy.front().start <= from + 7h);
  CHECK(busy.back().start >= to - 7h);
}

TEST_CASE("booking: precedence, the free time nearest the target, the baseline no better", "[book]")
{
  const Settings settings = clinic_with(1, "[capacity]\nslot_minutes = 15\nbuffer_minutes = 0");
  // Two patients who want the same Tuesdays at 17:30, one of them with a session given.
  const std::string first = patient_with_scar(
      "area = \"cheek\"\ncount = 6\nwidth_mm = 5\ndepth_mm = 0.3\nedges = \"sloped\"",
      "[preferences]\nstart = 2027-01-11\ntime = \"17:30\"\nweekdays = [\"tue\"]\n");
  const std::string second =
      replace(first, "T-1", "T-2") + "[[sessions_done]]\ndate = 2026-11-17\n";
  std::vector<Patient> patients = {patient_from(first), patient_from(second)};
  const PlanOptions alone{day("2026-11-22"), day("2026-11-22"), std::nullopt};
  std::vector<PatientToBook> to_book;
  for (const Patient& patient : patients) {
    PatientToBook entry;
    const Plan plan = make_plan(patient, settings, alone);
    for (const Session& s : plan.sessions) {
      entry.targets.push_back({s.date, s.arrive, s.start, s.end});
    }
    entry.interval_min_days = plan.recommendation.interval_min_days;
    entry.interval_max_days = plan.recommendation.interval_max_days;
    to_book.push_back(entry);
  }
  const auto schedule = [&](std::size_t i, const Availability& availability) {
    PlanOptions options = alone;
    options.availability = &availability;
    return make_plan(patients[i], settings, options).sessions;
  };
  const BookResult result =
      book_clinic(to_book, schedule, settings.clinic, {}, BookingMethod::nearest_target);
  REQUIRE(result.booked[1].size() == to_book[1].targets.size());
  // Both courses start on Tuesday 12 January at 17:30: input order, so T-1 keeps the hour,
  // T-2 takes the free time nearest it on the same day (16:00 and 19:00 are as near: the earlier).
  CHECK(result.booked[0][0].start == 1050min);
  CHECK(result.booked[1][0].start == 960min);
  for (const auto& course : result.booked) {
    for (const BookedSession& session : course) {
      CHECK(session.booking.inside_window);
      CHECK(session.booking.moved_days == 0);
    }
  }
  // T-2's given session is a fixed point; its window has lapsed by the preferred start.
  CHECK(to_book[1].targets[0].day == day("2027-01-12"));
  CHECK(result.report.on_target_day == result.report.sessions);
  const BookResult baseline =
      book_clinic(to_book, schedule, settings.clinic, {}, BookingMethod::first_free);
  CHECK(baseline.report.on_target_day <= result.report.on_target_day);
}
