#include <scarplan/book/book.hpp>

#include <algorithm>
#include <map>

namespace scarplan {

namespace {

using std::chrono::minutes;

// The baseline: from the target, the first time on the grid the clinic is open and a room (and
// practitioner) is free, no earlier than the minimum interval after the previous session.
std::vector<BookedSession>
first_free(const PatientToBook& patient, const Clinic& clinic, Ledger& ledger)
{
  std::vector<BookedSession> out;
  std::optional<date::sys_days> previous = patient.last_given;
  for (const SessionTime& target : patient.targets) {
    const minutes needling = std::chrono::duration_cast<minutes>(target.end.utc - target.start.utc);
    date::sys_days day = target.day;
    if (previous && day < *previous + date::days{patient.interval_min_days}) {
      day = *previous + date::days{patient.interval_min_days};
    }
    std::optional<BookedSession> found;
    for (int d = 0; d < k_search_days && !found; ++d, day += date::days{1}) {
      if (!clinic.open_on(day)) {
        continue;
      }
      const OpeningHours& hours =
          clinic.hours[static_cast<std::size_t>(date::weekday{day}.c_encoding())];
      const minutes not_before =
          day == target.day ? minutes_into_day(target.start, day) : minutes{0};
      for (minutes arrival = hours.from; arrival + clinic.numbing + needling <= hours.to;
           arrival += clinic.capacity.slot) {
        const minutes start = arrival + clinic.numbing;
        if (start < not_before) {
          continue;
        }
        const ClinicTime begin =
            to_clinic_time(*clinic.zone, date::local_days{day.time_since_epoch()} + start);
        const ClinicTime arrive = to_clinic_time(*clinic.zone, begin.utc - clinic.numbing);
        const ClinicTime end = to_clinic_time(*clinic.zone, begin.utc + needling);
        auto answer = ledger.ask(day, arrive, begin, end);
        if (answer.booking) {
          ledger.reserve(*answer.booking, arrive, begin, end);
          found = BookedSession{day, start, std::move(*answer.booking), {}};
          break;
        }
      }
    }
    if (!found) {
      break;
    }
    found->booking.inside_window =
        !previous || found->day <= *previous + date::days{patient.interval_max_days};
    previous = found->day;
    out.push_back(std::move(*found));
  }
  return out;
}

// The sessions the schedule placed against the ledger, taken in it.
std::vector<BookedSession>
nearest_target(const std::function<std::vector<Session>(const Availability&)>& schedule,
               Ledger& ledger)
{
  std::vector<BookedSession> out;
  for (Session& session : schedule(ledger)) {
    if (!session.booking) {
      continue;
    }
    ledger.reserve(*session.booking, session.arrive, session.start, session.end);
    out.push_back({session.date,
                   minutes_into_day(session.start, session.date),
                   std::move(*session.booking),
                   std::move(session.notes)});
  }
  return out;
}

void
tally(CapacityReport& report,
      std::map<std::pair<date::sys_days, std::string>, RoomDay>& room_days,
      const Clinic& clinic,
      const PatientToBook& patient,
      const std::vector<BookedSession>& booked)
{
  ++report.patients;
  report.sessions += static_cast<int>(patient.targets.size());
  report.not_placed += static_cast<int>(patient.targets.size() - booked.size());
  for (std::size_t i = 0; i < booked.size(); ++i) {
    const BookedSession& session = booked[i];
    const SessionTime& target = patient.targets[i];
    report.on_target_day += session.day == target.day ? 1 : 0;
    (session.booking.inside_window ? report.inside_window : report.outside_window) += 1;
    const OpeningHours& hours =
        clinic.hours[static_cast<std::size_t>(date::weekday{session.day}.c_encoding())];
    RoomDay& room_day = room_days[{session.day, session.booking.room}];
    if (room_day.sessions == 0) {
      room_day = {session.day,
                  session.booking.room,
                  0,
                  0,
                  static_cast<int>((hours.to - hours.from).count())};
    }
    ++room_day.sessions;
    room_day.session_minutes += static_cast<int>(
        std::chrono::duration_cast<minutes>(target.end.utc - target.arrive.utc).count());
  }
}

} // namespace

Booker::Booker(const Clinic& clinic, std::vector<BusyEvent> busy, BookingMethod method)
    : m_clinic(clinic), m_ledger(clinic, std::move(busy)), m_method(method)
{
}

std::vector<BookedSession>
Booker::book(const PatientToBook& patient,
             const std::function<std::vector<Session>(const Availability&)>& schedule)
{
  if (patient.targets.empty()) {
    return {};
  }
  auto booked = m_method == BookingMethod::first_free ? first_free(patient, m_clinic, m_ledger)
                                                      : nearest_target(schedule, m_ledger);
  for (std::size_t i = 0; i < booked.size() && i < patient.targets.size(); ++i) {
    Booking& booking = booked[i].booking;
    booking.target = patient.targets[i].day;
    booking.moved_days = (booked[i].day - booking.target).count();
    if (booking.moved_days != 0 && booking.why.empty()) {
      const SessionTime& target = patient.targets[i];
      const auto answer = m_ledger.ask(target.day, target.arrive, target.start, target.end);
      booking.why = answer.booking ? "the previous session moved" : answer.why;
    }
  }
  tally(m_report, m_room_days, m_clinic, patient, booked);
  return booked;
}

CapacityReport
Booker::report() const
{
  CapacityReport report = m_report;
  report.overbooked_busy = m_ledger.overbooked_busy();
  for (const auto& entry : m_room_days) { // by day, then room
    report.room_days.push_back(entry.second);
  }
  return report;
}

BookResult
book_clinic(const std::vector<PatientToBook>& patients,
            const ScheduleAgainst& schedule,
            const Clinic& clinic,
            std::vector<BusyEvent> busy,
            BookingMethod method)
{
  BookResult result;
  Booker booker(clinic, std::move(busy), method);
  for (std::size_t index = 0; index < patients.size(); ++index) {
    result.booked.push_back(booker.book(patients[index], [&](const Availability& availability) {
      return schedule(index, availability);
    }));
  }
  result.report = booker.report();
  return result;
}

} // namespace scarplan
