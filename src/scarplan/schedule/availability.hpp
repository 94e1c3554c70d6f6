#pragma once

#include <scarplan/model/plan.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace scarplan {

// What limits a session's time beyond the clinic's hours when a whole clinic is booked at once
// (book/): its rooms, practitioners and existing appointments. The schedule asks; the booking
// stage, which owns the ledger of what is taken, answers.
class Availability
{
public:
  virtual ~Availability() = default;

  // Arrivals are on this grid, counted from the day's opening time.
  virtual std::chrono::minutes grid() const = 0;

  struct Answer
  {
    std::optional<Booking> booking; // the room (and practitioner) it would take
    std::string_view why;           // else: "room full", "practitioner off", "busy" (static text)
  };
  // Whether a session fits on `day`: its room is taken from `arrive` (numbing) to `end`, its
  // practitioner from `start` (needling) to `end`.
  virtual Answer ask(date::sys_days day,
                     const ClinicTime& arrive,
                     const ClinicTime& start,
                     const ClinicTime& end) const = 0;
};

} // namespace scarplan
