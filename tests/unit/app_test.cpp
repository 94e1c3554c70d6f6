#include <scarplan/app/ordered_pool.hpp>
#include <scarplan/app/pipeline.hpp>
#include <scarplan/load/previous_calendar.hpp>
#include <scarplan/render/render.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include "support.hpp"

using namespace scarplan;

namespace {

// Runs `count` items on `jobs` threads; results are the index squared, made slower for some
// indices so that they finish out of order.
// Catch2 assertions are not thread-safe: what the workers see is recorded and checked after.
std::vector<std::size_t>
run_squares(std::size_t count, unsigned jobs, std::size_t& max_in_flight, bool& overlapped)
{
  std::vector<std::size_t> consumed;
  bool wrong_value = false;
  std::atomic<std::size_t> produced{0};
  std::atomic<int> consuming{0};
  max_in_flight = 0;
  overlapped = false;
  run_in_order<std::size_t>(
      count,
      jobs,
      [&](std::size_t i) {
        if (i % 7 == 0) {
          std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
        ++produced;
        return i * i;
      },
      [&](std::size_t i, std::size_t&& value) {
        overlapped = overlapped || consuming.fetch_add(1) != 0;
        wrong_value = wrong_value || value != i * i;
        consumed.push_back(i);
        // Items made but not yet handed on: bounded by the window.
        max_in_flight = std::max(max_in_flight, produced.load() - consumed.size());
        consuming.fetch_sub(1);
      });
  CHECK_FALSE(wrong_value);
  return consumed;
}

} // namespace

TEST_CASE("run_in_order hands every result on once, in input order, one at a time")
{
  for (const unsigned jobs : {1u, 2u, 4u, 16u}) {
    for (const std::size_t count :
         {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{500}}) {
      CAPTURE(jobs, count);
      std::size_t max_in_flight = 0;
      bool overlapped = false;
      const auto consumed = run_squares(count, jobs, max_in_flight, overlapped);
      REQUIRE(consumed.size() == count);
      for (std::size_t i = 0; i < count; ++i) {
        CHECK(consumed[i] == i);
      }
      CHECK_FALSE(overlapped);
      CHECK(max_in_flight <= 8 * std::size_t{jobs}); // the window keeps memory flat
    }
  }
}

TEST_CASE("a re-plan cancels only the events its own patient's calendar could hold", "[app]")
{
  using namespace scarplan::test;
  // 25 lesions, grade 3: five sessions with their preparation and recovery, and follow-ups.
  const std::string toml = patient_with_scar(
      "area = \"cheek\"\ncount = 25\nwidth_mm = 5\ndepth_mm = 0.3\nedges = \"sloped\"");
  const std::string calendar = scarplan::render_ics(plan_of(toml), {});
  scarplan::Diagnostics diagnostics("previous.ics");
  const auto previous = scarplan::load_previous_calendar(calendar, diagnostics);
  REQUIRE(previous);
  REQUIRE(previous->size() > 10);
  const scarplan::PlanOptions options{
      day("2026-11-22"), date::sys_seconds{day("2026-11-22")}, std::nullopt, &*previous};
  // Every UID render/ics.cpp writes is one pipeline.cpp recognises as the patient's own.
  const auto same = scarplan::make_plan(patient_from(toml), builtin_settings(), options);
  CHECK(same.previous_events.size() == previous->size());
  // Another patient's calendar: not one of its events.
  const auto other =
      scarplan::make_plan(patient_from(replace(toml, "T-1", "T-2")), builtin_settings(), options);
  CHECK(other.previous_events.empty());
}
