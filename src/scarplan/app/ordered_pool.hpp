#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

namespace scarplan {

// The most results run_in_order() keeps waiting for their turn.
constexpr std::size_t
results_waiting_at_most(unsigned jobs)
{
  return 8 * static_cast<std::size_t>(jobs);
}

// Runs produce(i) for i in [0, count) on `jobs` threads (the calling one among them) and hands
// each result to consume(i, r) in index order, one call at a time. At most `window` results
// wait at once, so memory stays flat however long the batch is.
//
// There is no consumer thread: whichever worker stores the result the consumer waits for hands
// on every result that is ready, in order. A consumer thread of its own was woken once per
// plan, and those wake-ups (futex calls, rescheduling interrupts) cost about a seventh of a
// two-core batch (perf; see bench/README.md).
template<typename Result>
void
run_in_order(std::size_t count,
             unsigned jobs,
             const std::function<Result(std::size_t)>& produce,
             const std::function<void(std::size_t, Result&&)>& consume)
{
  if (jobs <= 1 || count <= 1) {
    for (std::size_t i = 0; i < count; ++i) {
      consume(i, produce(i));
    }
    return;
  }
  const std::size_t window = results_waiting_at_most(jobs);
  std::vector<std::optional<Result>> slots(window);
  std::mutex mutex;
  std::condition_variable freed; // workers wait here for room in the window
  std::size_t next = 0;          // next index to claim
  std::size_t consumed = 0;      // results handed on so far
  bool handing_on = false;       // a worker is calling consume()
  unsigned waiting = 0;          // workers waiting for room

  const auto worker = [&] {
    std::unique_lock<std::mutex> lock(mutex);
    while (true) {
      while (next < count && next >= consumed + window) {
        ++waiting;
        freed.wait(lock);
        --waiting;
      }
      if (next >= count) {
        return;
      }
      const std::size_t index = next++;
      lock.unlock();
      Result result = produce(index);
      lock.lock();
      slots[index % window] = std::move(result);
      if (handing_on) {
        continue; // the worker handing results on will take this one too
      }
      handing_on = true;
      while (consumed < count && slots[consumed % window]) {
        const std::size_t ready = consumed++;
        Result taken = std::move(*slots[ready % window]);
        slots[ready % window].reset();
        if (waiting > 0) {
          freed.notify_all();
        }
        lock.unlock();
        consume(ready, std::move(taken));
        lock.lock();
      }
      handing_on = false;
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs && t < count; ++t) {
    try {
      threads.emplace_back(worker);
    } catch (const std::system_error&) {
      break; // a memory or process limit: the workers that could start do the work
    }
  }
  worker();
  for (auto& thread : threads) {
    thread.join();
  }
}

} // namespace scarplan
