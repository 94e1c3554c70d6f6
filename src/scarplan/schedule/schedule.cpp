#include <scarplan/schedule/schedule.hpp>

#include <algorithm>

namespace scarplan {

namespace {

using std::chrono::minutes;

constexpr int k_search_days = 366; // no acceptable day within a year: give up and say so

std::string
iso(date::sys_days day)
{
  return date::format("%F", day);
}

struct Slot
{
  minutes start{0};
  bool time_moved = false;
};

class Scheduler
{
public:
  Scheduler(const Clinic& clinic,
            minutes preferred_time,
            minutes duration,
            std::vector<Weekday> weekdays)
      : m_clinic(clinic), m_preferred(preferred_time), m_duration(duration),
        m_weekdays(std::move(weekdays))
  {
  }

  // The slot on `day`, if the clinic is open, the weekday is acceptable and the session fits.
  std::optional<Slot> fit(date::sys_days day) const
  {
    if (m_clinic.closed(day)) {
      return std::nullopt;
    }
    const auto weekday = static_cast<Weekday>(date::weekday{day}.c_encoding());
    if (!m_weekdays.empty() &&
        std::find(m_weekdays.begin(), m_weekdays.end(), weekday) == m_weekdays.end()) {
      return std::nullopt;
    }
    const OpeningHours& hours = m_clinic.hours[static_cast<std::size_t>(weekday)];
    if (!hours.open) {
      return std::nullopt;
    }
    const minutes earliest = hours.from + m_clinic.numbing;
    const minutes latest = hours.to - m_duration;
    if (earliest > latest) {
      return std::nullopt;
    }
    const minutes start = std::clamp(m_preferred, earliest, latest);
    return Slot{start, start != m_preferred};
  }

  // The best day among `days` (in order of preference): the first that fits at the preferred
  // time, else the first that fits at a moved time.
  std::optional<std::pair<date::sys_days, Slot>> best(const std::vector<date::sys_days>& days) const
  {
    std::optional<std::pair<date::sys_days, Slot>> moved;
    for (const auto day : days) {
      if (const auto slot = fit(day)) {
        if (!slot->time_moved) {
          return std::make_pair(day, *slot);
        }
        if (!moved) {
          moved = std::make_pair(day, *slot);
        }
      }
    }
    return moved;
  }

  std::optional<std::pair<date::sys_days, Slot>> first_from(date::sys_days from, int days) const
  {
    for (int i = 0; i < days; ++i) {
      if (const auto slot = fit(from + date::days{i})) {
        return std::make_pair(from + date::days{i}, *slot);
      }
    }
    return std::nullopt;
  }

  minutes duration() const { return m_duration; }

  // Why `day` cannot take the session (for the plan's notes); empty if it can.
  std::string why_not(date::sys_days day) const
  {
    const auto weekday = static_cast<Weekday>(date::weekday{day}.c_encoding());
    const OpeningHours& hours = m_clinic.hours[static_cast<std::size_t>(weekday)];
    if (m_clinic.closed(day)) {
      return "the clinic is closed that day";
    }
    if (!hours.open) {
      static constexpr std::string_view k_plural[] = {
          "Sundays", "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays"};
      return "the clinic is closed on " + std::string(k_plural[static_cast<std::size_t>(weekday)]);
    }
    if (!m_weekdays.empty() &&
        std::find(m_weekdays.begin(), m_weekdays.end(), weekday) == m_weekdays.end()) {
      return "not a preferred weekday";
    }
    if (!fit(day)) {
      return "the session does not fit the opening hours";
    }
    return "";
  }

private:
  const Clinic& m_clinic;
  minutes m_preferred;
  minutes m_duration;
  std::vector<Weekday> m_weekdays;
};

std::vector<DatedItem>
milestones(const std::vector<MilestoneRule>& rules,
           const std::vector<std::string>& applied_rules,
           date::sys_days day)
{
  std::vector<DatedItem> out;
  out.reserve(rules.size());
  for (std::size_t index = 0; index < rules.size(); ++index) {
    const MilestoneRule& rule = rules[index];
    if (!rule.requires_rule.empty() &&
        std::find(applied_rules.begin(), applied_rules.end(), rule.requires_rule) ==
            applied_rules.end()) {
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
                   rule.source});
  }
  std::stable_sort(out.begin(), out.end(), [](const DatedItem& a, const DatedItem& b) {
    return a.first < b.first;
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
    }
    if (eligibility.status == Status::deferred && !eligibility.earliest_start) {
      out.notes.push_back("no session is scheduled until the deferral is resolved");
    }
    return out;
  }

  minutes duration{0};
  for (const Zone zone : recommendation.zones) {
    duration += clinic.durations[static_cast<std::size_t>(zone)];
  }
  const minutes preferred_time = patient.preferences.time.value_or(clinic.default_time);
  const Scheduler scheduler(
      clinic, preferred_time, duration, usable_weekdays(patient, clinic, out.notes));

  // The first session: not before the preferred start (default: today plus the longest prep
  // lead, so the prep can happen), the earliest start of a deferral, or today.
  date::sys_days from = request.today + date::days{protocol.longest_prep_lead_days()};
  std::string from_why = "the reference day plus the " +
                         std::to_string(protocol.longest_prep_lead_days()) + "-day preparation";
  if (request.start) {
    from = *request.start;
    from_why = "the requested start";
  } else if (patient.preferences.start) {
    from = date::sys_days{*patient.preferences.start};
    from_why = "the preferred start";
  }
  if (from < request.today) {
    from = request.today;
  }
  if (eligibility.earliest_start && *eligibility.earliest_start > from) {
    from = *eligibility.earliest_start;
    from_why = "the end of the deferral";
  }
  std::optional<date::sys_days> previous;
  if (!patient.sessions_done.empty()) {
    previous = date::sys_days{patient.sessions_done.back().date};
  }

  for (int i = 0; i < recommendation.remaining; ++i) {
    std::optional<std::pair<date::sys_days, Slot>> chosen;
    std::vector<std::string> session_notes;
    if (previous && *previous + date::days{recommendation.interval_max_days} >= from) {
      // Inside the window after the previous session, nearest the target first.
      const date::sys_days target = *previous + date::days{recommendation.interval_days};
      std::vector<date::sys_days> days;
      for (int d = recommendation.interval_min_days; d <= recommendation.interval_max_days; ++d) {
        if (*previous + date::days{d} >= from) {
          days.push_back(*previous + date::days{d});
        }
      }
      std::stable_sort(days.begin(), days.end(), [&](date::sys_days a, date::sys_days b) {
        return date::abs(a - target) < date::abs(b - target);
      });
      chosen = scheduler.best(days);
      if (chosen && chosen->first != target) {
        const std::string why = scheduler.why_not(target);
        if (!why.empty() && why != "not a preferred weekday") {
          session_notes.push_back("the target day " + iso(target) + " was not available (" + why +
                                  "): " + std::to_string((chosen->first - *previous).count()) +
                                  " days after the previous session");
        }
      }
      if (!chosen) {
        chosen = scheduler.first_from(*previous + date::days{recommendation.interval_max_days + 1},
                                      k_search_days);
        if (chosen) {
          session_notes.push_back("no acceptable day inside the " +
                                  std::to_string(recommendation.interval_min_days) + "-" +
                                  std::to_string(recommendation.interval_max_days) +
                                  " day window: the first acceptable day after it, " +
                                  std::to_string((chosen->first - *previous).count()) +
                                  " days after the previous session");
        }
      }
    } else {
      // The first session (or the first after a lapsed window): the first good day from `from`,
      // preferring the preferred time within the first week.
      std::vector<date::sys_days> week;
      for (int d = 0; d < 7; ++d) {
        week.push_back(from + date::days{d});
      }
      chosen = scheduler.best(week);
      if (!chosen) {
        chosen = scheduler.first_from(from + date::days{7}, k_search_days);
      }
      if (chosen && previous) {
        session_notes.push_back("the window after the last session given (" + iso(*previous) +
                                ") has passed: the course resumes");
      } else if (chosen && chosen->first != from) {
        session_notes.push_back("first acceptable day on or after " + iso(from) + " (" + from_why +
                                ")");
      }
    }
    if (!chosen) {
      out.notes.push_back("no acceptable day within a year for session " +
                          std::to_string(recommendation.done + i + 1) +
                          ": check the clinic hours, closures and preferred weekdays");
      break;
    }
    const auto [day, slot] = *chosen;
    if (slot.time_moved) {
      session_notes.push_back("start moved to fit the opening hours");
    }
    Session session;
    session.number = recommendation.done + i + 1;
    session.date = day;
    session.start =
        to_clinic_time(*clinic.zone, date::local_days{day.time_since_epoch()} + slot.start);
    session.arrive = to_clinic_time(*clinic.zone, session.start.utc - clinic.numbing);
    session.end = to_clinic_time(*clinic.zone, session.start.utc + scheduler.duration());
    session.zones = recommendation.zones;
    for (const auto& depth : recommendation.depths) {
      session.depth_mm = std::max(session.depth_mm, depth.depth_mm);
    }
    session.adjuncts = adjuncts_for(recommendation, protocol, session.number == 1);
    session.prep = milestones(protocol.prep, eligibility.applied_rules, day);
    session.recovery = milestones(protocol.recovery, eligibility.applied_rules, day);
    session.notes = std::move(session_notes);
    out.sessions.push_back(std::move(session));
    previous = day;
    from = day;
  }

  if (previous) {
    for (const auto& rule : protocol.follow_up) {
      const date::sys_days due = add_months(*previous, rule.months_after);
      // A visit: the clinic's next opening day (weekday preferences do not bind a review).
      date::sys_days day = due;
      for (int d = 0; d < k_search_days; ++d, day += date::days{1}) {
        if (!clinic.closed(day) && clinic.hours[date::weekday{day}.c_encoding()].open) {
          break;
        }
      }
      out.follow_up.push_back({day, rule.kind, rule.text, rule.source});
    }
  }
  return out;
}

} // namespace scarplan
