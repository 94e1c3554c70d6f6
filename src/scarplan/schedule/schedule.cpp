#include <scarplan/schedule/schedule.hpp>
#include <scarplan/util/dates.hpp>

#include <algorithm>
#include <map>

namespace scarplan {

namespace {

using std::chrono::minutes;

// Days between two visits: the target, and the window it may move in.
struct Interval
{
  int target = 28;
  int min = 28;
  int max = 42;
};

struct Slot
{
  minutes start{0};
  bool time_moved = false;
  std::optional<Booking> booking; // with an Availability: where it is booked
};

// A day chosen for a session, its start, and what the plan should say about the choice.
struct Choice
{
  date::sys_days day;
  Slot slot;
  std::vector<std::string> notes;
  bool outside_window = false;
  std::string why_not_target; // with an Availability: why the target day could not take it
};

// Finds days for sessions: open, not a closure, a preferred weekday, and long enough for
// arrival (numbing) and the needling inside the opening hours.
class DayFinder
{
public:
  DayFinder(const Clinic& clinic,
            minutes preferred_time,
            minutes duration,
            std::vector<Weekday> weekdays,
            const Availability* availability)
      : m_clinic(clinic), m_preferred(preferred_time), m_duration(duration),
        m_weekdays(std::move(weekdays)), m_availability(availability)
  {
  }

  minutes duration() const { return m_duration; }

  // The first session, or the first after a lapsed window: the first good day from `from`,
  // preferring the preferred time within the first week.
  std::optional<Choice> first(date::sys_days from) const
  {
    std::vector<date::sys_days> week(7);
    for (int d = 0; d < 7; ++d) {
      week[static_cast<std::size_t>(d)] = from + date::days{d};
    }
    auto choice = best(week);
    return choice ? choice : first_from(from + date::days{7});
  }

  // A later session: inside the window after `previous` (nearest the target first, never
  // before `from`); else the first acceptable day after the window. Each with a note on why.
  std::optional<Choice>
  next(date::sys_days previous, date::sys_days from, const Interval& course) const
  {
    const date::sys_days target = previous + date::days{course.target};
    std::vector<date::sys_days> window;
    window.reserve(static_cast<std::size_t>(std::max(0, course.max - course.min + 1)));
    for (int d = course.min; d <= course.max; ++d) {
      if (previous + date::days{d} >= from) {
        window.push_back(previous + date::days{d});
      }
    }
    // Nearest the target first; of two equally near, the earlier.
    std::sort(window.begin(), window.end(), [&](date::sys_days a, date::sys_days b) {
      const auto a_off = date::abs(a - target);
      const auto b_off = date::abs(b - target);
      return a_off != b_off ? a_off < b_off : a < b;
    });
    const auto days_after = [&](const Choice& choice) {
      return std::to_string((choice.day - previous).count()) + " days after the previous session";
    };
    if (auto choice = best(window)) {
      std::string why = clinic_reason_against(target);
      if (why.empty() && choice->day != target) {
        why = booked_reason_against(target);
      }
      if (choice->day != target && !why.empty()) {
        choice->notes.push_back("the target day " + iso_date(target) + " was not available (" +
                                why + "): " + days_after(*choice));
        choice->why_not_target = why;
      }
      return choice;
    }
    auto choice = first_from(previous + date::days{course.max + 1});
    if (choice) {
      choice->outside_window = true;
      choice->why_not_target = booked_reason_against(target);
      choice->notes.push_back("no acceptable day inside the " + std::to_string(course.min) + "-" +
                              std::to_string(course.max) +
                              " day window: the first acceptable day after it, " +
                              days_after(*choice));
    }
    return choice;
  }

private:
  // The slot on `day`, if the clinic is open, the weekday is acceptable and the session fits.
  std::optional<Slot> fit(date::sys_days day) const
  {
    const auto weekday = static_cast<Weekday>(date::weekday{day}.c_encoding());
    if (!m_clinic.open_on(day) || !preferred(weekday)) {
      return std::nullopt;
    }
    const OpeningHours& hours = m_clinic.hours[static_cast<std::size_t>(weekday)];
    const minutes earliest = hours.from + m_clinic.numbing;
    const minutes latest = hours.to - m_duration;
    if (earliest > latest) {
      return std::nullopt;
    }
    const minutes start = std::clamp(m_preferred, earliest, latest);
    if (!m_availability) {
      return Slot{start, start != m_preferred, std::nullopt};
    }
    return booked_fit(day, hours.from, earliest, latest);
  }

  // Booking a clinic: the arrival on the grid nearest the preferred time (of two equally near,
  // the earlier) whose room, practitioner and time are free. The reason the preferred time was
  // refused is kept for the day's note.
  std::optional<Slot>
  booked_fit(date::sys_days day, minutes opening, minutes earliest, minutes latest) const
  {
    const minutes grid = m_availability->grid();
    std::vector<minutes>& starts = m_starts; // reused: a booking asks about many days
    starts.clear();
    for (minutes arrival = opening; arrival + m_clinic.numbing <= latest; arrival += grid) {
      if (arrival + m_clinic.numbing >= earliest) {
        starts.push_back(arrival + m_clinic.numbing);
      }
    }
    std::sort(starts.begin(), starts.end(), [&](minutes a, minutes b) {
      const auto a_off = date::abs(a - m_preferred);
      const auto b_off = date::abs(b - m_preferred);
      return a_off != b_off ? a_off < b_off : a < b;
    });
    // Local times to UTC: one offset for the whole day unless the clocks change that day (three
    // tz lookups per grid time were a tenth of a booking, perf).
    const date::local_days midnight{day.time_since_epoch()};
    const date::local_info at_start = m_clinic.zone->get_info(midnight);
    const date::local_info at_end = m_clinic.zone->get_info(midnight + std::chrono::hours{24});
    const bool one_offset = at_start.result == date::local_info::unique &&
                            at_end.result == date::local_info::unique &&
                            at_start.first.offset == at_end.first.offset;
    const auto clinic_time = [&](date::local_seconds local) {
      return one_offset
                 ? ClinicTime{local,
                              date::sys_seconds{local.time_since_epoch() - at_start.first.offset}}
                 : to_clinic_time(*m_clinic.zone, local);
    };
    std::string_view first_why;
    for (const minutes start : starts) {
      const date::local_seconds local = midnight + start;
      auto answer = m_availability->ask(day,
                                        clinic_time(local - m_clinic.numbing),
                                        clinic_time(local),
                                        clinic_time(local + m_duration));
      if (answer.booking) {
        return Slot{start, start != m_preferred, std::move(answer.booking)};
      }
      if (first_why.empty()) {
        first_why = answer.why;
      }
    }
    m_refused[day] = first_why.empty() ? "no free time" : first_why;
    return std::nullopt;
  }

  // Why a booked clinic could not take the session on `day`, if it refused it.
  std::string booked_reason_against(date::sys_days day) const
  {
    const auto found = m_refused.find(day);
    return found == m_refused.end() ? "" : std::string(found->second);
  }

  bool preferred(Weekday weekday) const
  {
    return m_weekdays.empty() ||
           std::find(m_weekdays.begin(), m_weekdays.end(), weekday) != m_weekdays.end();
  }

  // Among `days` in order of preference: the first that fits at the preferred time, else the
  // first that fits at a moved time (booking a clinic: the first that fits).
  std::optional<Choice> best(const std::vector<date::sys_days>& days) const
  {
    std::optional<Choice> moved;
    for (const auto day : days) {
      if (const auto slot = fit(day)) {
        // Booking a clinic, the day nearest the target wins at any free time: the interval is
        // the clinical constraint, the hour a preference.
        if (!slot->time_moved || m_availability) {
          return Choice{day, *slot, {}, false, {}};
        }
        if (!moved) {
          moved = Choice{day, *slot, {}, false, {}};
        }
      }
    }
    return moved;
  }

  std::optional<Choice> first_from(date::sys_days from) const
  {
    for (int i = 0; i < k_search_days; ++i) {
      if (const auto slot = fit(from + date::days{i})) {
        return Choice{from + date::days{i}, *slot, {}, false, {}};
      }
    }
    return std::nullopt;
  }

  // Why the clinic cannot take a session on `day`; empty if it can, or if only the patient's
  // weekdays rule the day out (their choice, not news).
  std::string clinic_reason_against(date::sys_days day) const
  {
    static constexpr std::string_view k_plural[] = {
        "Sundays", "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays"};
    const auto weekday = static_cast<Weekday>(date::weekday{day}.c_encoding());
    if (m_clinic.closed(day)) {
      return "the clinic is closed that day";
    }
    if (!m_clinic.hours[static_cast<std::size_t>(weekday)].open) {
      return "the clinic is closed on " + std::string(k_plural[static_cast<std::size_t>(weekday)]);
    }
    if (preferred(weekday) && !fit(day)) {
      return "the session does not fit the opening hours";
    }
    return "";
  }

  const Clinic& m_clinic;
  minutes m_preferred;
  minutes m_duration;
  std::vector<Weekday> m_weekdays;
  const Availability* m_availability;
  mutable std::map<date::sys_days, std::string_view> m_refused; // days a booked clinic refused
  mutable std::vector<minutes> m_starts;
};

// Whether a prep or recovery rule is for this patient: it waits for no contraindication rule,
// or for one that applied (the antiviral for a cold-sore history).
bool
for_patient(const MilestoneRule& rule, const std::vector<std::string>& applied_rules)
{
  return rule.requires_rules.empty() ||
         std::any_of(rule.requires_rules.begin(), rule.requires_rules.end(), [&](const auto& id) {
           return std::find(applied_rules.begin(), applied_rules.end(), id) != applied_rules.end();
         });
}

// Days before a session that the patient's earliest prep step starts.
int
prep_lead_days(const Protocol& protocol, const std::vector<std::string>& applied_rules)
{
  int lead = 0;
  for (const MilestoneRule& rule : protocol.prep) {
    if (for_patient(rule, applied_rules)) {
      lead = std::max(lead, -rule.day);
    }
  }
  return lead;
}

// The first day the next session may take, with the reason for the plan's note:
// - a course not begun: the --start or preferred start (default: the reference day plus the
//   longest prep lead), moved to leave the patient's whole preparation after the reference day
//   unless `short_prep` (a coded finding says so);
// - a course begun, with no start given: the full preparation if the interval window allows it
//   or has passed, else the window's last day (its steps are then shortened, never the window
//   left);
// never before the reference day or a deferral's end.
struct FirstDay
{
  date::sys_days from;
  std::string why;
  bool window_end = false; // the last day of the interval window: search back from it
};

FirstDay
first_day(const Patient& patient,
          const Eligibility& eligibility,
          const Recommendation& recommendation,
          const Protocol& protocol,
          const ScheduleRequest& request,
          std::vector<Finding>& findings)
{
  const int lead = protocol.longest_prep_lead_days();
  const int patient_lead = prep_lead_days(protocol, eligibility.applied_rules);
  const date::sys_days prepared = request.today + date::days{patient_lead};
  FirstDay out{request.today + date::days{lead},
               "the reference day plus the " + std::to_string(lead) + "-day preparation"};
  std::optional<date::sys_days> asked;
  std::string asked_why;
  if (request.start) {
    asked = *request.start;
    asked_why = "the requested start";
  } else if (patient.preferences.start) {
    asked = date::sys_days{*patient.preferences.start};
    asked_why = "the preferred start";
  }
  if (!patient.sessions_done.empty()) {
    // A course begun: inside the window, the window wins over a full preparation; once it has
    // passed (the course resumes), the full preparation again. A start asked for later holds.
    const date::sys_days window_end = date::sys_days{patient.sessions_done.back().date} +
                                      date::days{recommendation.interval_max_days};
    out.window_end = window_end >= request.today && window_end < prepared;
    out.from = out.window_end ? window_end : prepared;
    out.why = out.window_end ? "the last day of the interval window"
                             : "the reference day plus the " + std::to_string(patient_lead) +
                                   "-day preparation";
    if (asked && *asked > out.from) {
      out = {*asked, asked_why};
    }
  } else if (asked) {
    out = {std::max(*asked, request.today), asked_why};
    if (*asked < prepared && request.short_prep) {
      findings.push_back(
          {"start_kept_short_prep",
           "the first session keeps " + asked_why + " (" + iso_date(out.from) +
               ") although the preparation needs " + std::to_string(patient_lead) +
               " days from the reference day: the steps that cannot be complete are listed",
           "--short-prep (the practitioner's decision)"});
    } else if (*asked < prepared) {
      findings.push_back(
          {"start_moved_for_preparation",
           "the first session moves from " + asked_why + " (" + iso_date(*asked) + ") to " +
               iso_date(prepared) + " or later: the preparation needs " +
               std::to_string(patient_lead) + " days from the reference day (" +
               iso_date(request.today) + "); --short-prep keeps the sooner date",
           "planner rule: no preparation step dated before the reference day (convention)"});
      out = {prepared,
             "the reference day plus the " + std::to_string(patient_lead) +
                 "-day preparation, as " + asked_why + " leaves too little"};
    } else if (*asked < request.today) {
      out.why = "the reference day, as " + asked_why + " has passed";
    }
  }
  if (eligibility.earliest_start && *eligibility.earliest_start > out.from) {
    out = {*eligibility.earliest_start, "the end of the deferral"};
  }
  return out;
}

// Starts on the reference day every step of `session`'s preparation that would start before it,
// with a finding for each: "9 days instead of 14".
void
shorten_past_steps(Session& session, date::sys_days today, std::vector<Finding>& findings)
{
  for (DatedItem& item : session.prep) {
    if (item.first >= today) {
      continue;
    }
    const auto planned = (session.date - item.first).count();
    const auto left = (session.date - today).count();
    findings.push_back({"prep_shortened",
                        "session " + std::to_string(session.number) + ": \"" +
                            std::string(item.text) + "\" from " + iso_date(today) + ", " +
                            std::to_string(left) + " days before instead of " +
                            std::to_string(planned),
                        std::string(item.source)});
    item.first = today;
    item.last = std::max(item.last, today);
  }
}

std::vector<DatedItem>
milestones(const std::vector<MilestoneRule>& rules,
           const std::vector<std::string>& applied_rules,
           date::sys_days day)
{
  std::vector<DatedItem> out;
  out.reserve(rules.size());
  for (std::size_t index = 0; index < rules.size(); ++index) {
    const MilestoneRule& rule = rules[index];
    if (!for_patient(rule, applied_rules)) {
      continue;
    }
    // Two rules may say the same thing for different triggers (a flag and a medication).
    if (std::any_of(out.begin(), out.end(), [&](const DatedItem& item) {
          return item.text == rule.text;
        })) {
      continue;
    }
    out.push_back({day + date::days{rule.day},
                   day + date::days{rule.through},
                   index,
                   rule.text,
                   rule.source,
                   rule.remind});
  }
  // By date, and in the protocol's order on the same date.
  std::sort(out.begin(), out.end(), [](const DatedItem& a, const DatedItem& b) {
    return a.first != b.first ? a.first < b.first : a.rule < b.rule;
  });
  return out;
}

std::vector<Adjunct>
adjuncts_for(const Recommendation& recommendation, const Protocol& protocol, bool course_start)
{
  std::vector<Adjunct> out;
  for (const Adjunct adjunct : recommendation.requested) {
    if (protocol.adjuncts[static_cast<std::size_t>(adjunct)].timing == AdjunctTiming::every ||
        course_start) {
      out.push_back(adjunct);
    }
  }
  return out;
}

std::vector<Weekday>
usable_weekdays(const Patient& patient, const Clinic& clinic, std::vector<std::string>& notes)
{
  const auto& wanted = patient.preferences.weekdays;
  const bool any_open = std::any_of(wanted.begin(), wanted.end(), [&](Weekday day) {
    return clinic.hours[static_cast<std::size_t>(day)].open;
  });
  if (!wanted.empty() && !any_open) {
    notes.push_back("none of the preferred weekdays is an opening day of the clinic: the "
                    "preference was set aside");
    return {};
  }
  return wanted;
}

Session
make_session(int number,
             Choice& choice,
             minutes duration,
             const Recommendation& recommendation,
             const Eligibility& eligibility,
             const Clinic& clinic,
             const Protocol& protocol)
{
  Session session;
  session.number = number;
  session.date = choice.day;
  session.start = to_clinic_time(
      *clinic.zone, date::local_days{choice.day.time_since_epoch()} + choice.slot.start);
  session.arrive = to_clinic_time(*clinic.zone, session.start.utc - clinic.numbing);
  session.end = to_clinic_time(*clinic.zone, session.start.utc + duration);
  session.zones = recommendation.zones();
  session.depths = recommendation.depths;
  // Adjuncts timed "first" go into the first session still to come: the file's request is
  // current even when the course began earlier (sessions given record no adjuncts).
  session.adjuncts = adjuncts_for(recommendation, protocol, number == recommendation.done + 1);
  session.prep = milestones(protocol.prep, eligibility.applied_rules, choice.day);
  session.recovery = milestones(protocol.recovery, eligibility.applied_rules, choice.day);
  session.notes = std::move(choice.notes);
  session.booking = std::move(choice.slot.booking);
  return session;
}

} // namespace

ClinicTime
to_clinic_time(const date::time_zone& zone, date::local_seconds local)
{
  // `first` is the offset in force before the local time: for a time skipped by a spring-forward
  // change that moves it forward by the gap, and for a repeated one it is the first occurrence.
  const date::local_info info = zone.get_info(local);
  const date::sys_seconds utc{local.time_since_epoch() - info.first.offset};
  return to_clinic_time(zone, utc);
}

ClinicTime
to_clinic_time(const date::time_zone& zone, date::sys_seconds utc)
{
  return {zone.to_local(utc), utc};
}

namespace {

// The outcome review and maintenance after the course's last session.
void
add_follow_up(date::sys_days last_session,
              const Clinic& clinic,
              const Protocol& protocol,
              Schedule& out,
              std::optional<date::sys_days> not_before = std::nullopt)
{
  for (const auto& rule : protocol.follow_up) {
    const date::sys_days due = add_months(last_session, rule.months_after);
    // A visit: the clinic's next opening day (weekday preferences do not bind a review).
    date::sys_days day = due;
    for (int d = 0; d < k_search_days; ++d, day += date::days{1}) {
      if (clinic.open_on(day)) {
        break;
      }
    }
    if (!not_before || day >= *not_before) {
      out.follow_up.push_back({day, rule.kind, rule.text, rule.source});
    }
  }
}

} // namespace

Schedule
schedule_course(const Patient& patient,
                const Recommendation& recommendation,
                const Eligibility& eligibility,
                const Clinic& clinic,
                const Protocol& protocol,
                const ScheduleRequest& request)
{
  Schedule out;
  const bool can_schedule = eligibility.status == Status::eligible ||
                            (eligibility.status == Status::deferred && eligibility.earliest_start);
  if (!can_schedule || recommendation.remaining == 0) {
    if (recommendation.sessions > 0 && recommendation.remaining == 0) {
      out.notes.push_back("all " + std::to_string(recommendation.sessions) +
                          " sessions of the course have been given");
      if (eligibility.status == Status::eligible && !patient.sessions_done.empty()) {
        // A finished course still has its outcome review: the ones still to come.
        add_follow_up(date::sys_days{patient.sessions_done.back().date},
                      clinic,
                      protocol,
                      out,
                      request.today);
      }
    }
    if (eligibility.status == Status::deferred && !eligibility.earliest_start) {
      out.notes.push_back("no session is scheduled until the deferral is resolved");
    }
    return out;
  }

  minutes duration{0};
  for (const Zone zone : recommendation.zones()) {
    duration += clinic.durations[static_cast<std::size_t>(zone)];
  }
  const DayFinder finder(clinic,
                         patient.preferences.time.value_or(clinic.default_time),
                         duration,
                         usable_weekdays(patient, clinic, out.notes),
                         request.availability);
  // Plain variables, not a structured binding: the staging lambda below captures them.
  const FirstDay first =
      first_day(patient, eligibility, recommendation, protocol, request, out.findings);
  date::sys_days from = first.from;
  std::string from_why = first.why;
  if (first.window_end) {
    // The latest open day of the window that is not before the reference day: the longest
    // preparation the window leaves (the window's last day may be a closed one).
    const date::sys_days earliest = std::max(request.today,
                                             date::sys_days{patient.sessions_done.back().date} +
                                                 date::days{recommendation.interval_min_days});
    for (date::sys_days day = first.from; day >= earliest; day -= date::days{1}) {
      if (const auto choice = finder.first(day); choice && choice->day <= first.from) {
        from = choice->day;
        break;
      }
    }
  }
  std::optional<date::sys_days> previous;
  if (!patient.sessions_done.empty()) {
    previous = date::sys_days{patient.sessions_done.back().date};
  }

  // Before a course not yet begun: a test spot and its review, the focal treatment and its
  // review; the course is booked after the last review and depends on it.
  std::string depends_on;
  const auto stage = [&](const StagingRule& rule, const std::string& kind) {
    const auto visit = finder.first(from);
    const auto review =
        visit ? finder.next(visit->day,
                            visit->day,
                            {rule.review_min_days, rule.review_min_days, rule.review_max_days})
              : std::nullopt;
    if (!visit || !review) {
      out.notes.push_back("no acceptable day within a year for the " + kind + " visit");
      return false;
    }
    out.follow_up.push_back({visit->day, kind, rule.visit_text, rule.source});
    out.follow_up.push_back({review->day, kind + "_review", rule.review_text, rule.source});
    depends_on = kind + "_review";
    // The course's preparation starts once the review has allowed it: its longest lead after.
    const int lead = protocol.longest_prep_lead_days();
    from = review->day + date::days{std::max(1, lead)};
    from_why = "the " + kind + " review plus the " + std::to_string(lead) + "-day preparation";
    return true;
  };
  if (!previous) {
    const auto& applied = eligibility.applied_rules;
    const auto& when = protocol.test_spot.when_rules;
    const bool test_spot = std::any_of(when.begin(), when.end(), [&](const std::string& id) {
      return std::find(applied.begin(), applied.end(), id) != applied.end();
    });
    if ((test_spot && !stage(protocol.test_spot, "test_spot")) ||
        (recommendation.approach == Approach::focal_first &&
         !stage(protocol.focal_first, "focal_treatment"))) {
      return out;
    }
  }
  const Interval interval{recommendation.interval_days,
                          recommendation.interval_min_days,
                          recommendation.interval_max_days};

  for (int i = 0; i < recommendation.remaining; ++i) {
    const int number = recommendation.done + i + 1;
    std::optional<Choice> choice;
    if (request.booked) { // the clinic's booking decided: its day and time stand
      if (static_cast<std::size_t>(i) >= request.booked->size()) {
        break;
      }
      const BookedSession& booked = (*request.booked)[static_cast<std::size_t>(i)];
      choice =
          Choice{booked.day, Slot{booked.start, false, booked.booking}, booked.notes, false, {}};
    } else if (previous && *previous + date::days{recommendation.interval_max_days} >= from) {
      choice = finder.next(*previous, from, interval);
    } else {
      choice = finder.first(from);
      if (choice && previous) {
        choice->notes.push_back("the window after the last session given (" + iso_date(*previous) +
                                ") has passed: the course resumes");
      } else if (choice && choice->day != from) {
        choice->notes.push_back("first acceptable day on or after " + iso_date(from) + " (" +
                                from_why + ")");
      }
    }
    if (!choice) {
      out.notes.push_back("no acceptable day within a year for session " + std::to_string(number) +
                          ": check the clinic hours, closures and preferred weekdays");
      break;
    }
    if (choice->slot.time_moved && !request.booked) {
      choice->notes.push_back(choice->slot.booking
                                  ? "start moved from the preferred time: the clinic was booked "
                                    "then, or it does not fit the hours"
                                  : "start moved to fit the opening hours");
    }
    out.sessions.push_back(make_session(
        number, *choice, finder.duration(), recommendation, eligibility, clinic, protocol));
    shorten_past_steps(out.sessions.back(), request.today, out.findings);
    out.sessions.back().depends_on = depends_on;
    if (choice->slot.booking && !request.booked) {
      Booking& booking = *out.sessions.back().booking;
      booking.inside_window = !choice->outside_window;
      booking.why = choice->why_not_target;
    }
    previous = choice->day;
    from = choice->day;
  }

  if (previous) {
    add_follow_up(*previous, clinic, protocol, out);
  }
  return out;
}

} // namespace scarplan
