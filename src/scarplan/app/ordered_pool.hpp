#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace scarplan {

// Runs produce(i) for i in [0, count) on `jobs` threads and hands each result to consume(i, r)
// on the calling thread in index order. At most `window` results wait at once, so memory stays
// flat however long the batch is.
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
  const std::size_t window = 4 * static_cast<std::size_t>(jobs);
  std::vector<std::optional<Result>> slots(window);
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t next = 0;     // next index to claim
  std::size_t consumed = 0; // results handed on so far

  const auto worker = [&] {
    while (true) {
      std::size_t index;
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return next >= count || next < consumed + window; });
        if (next >= count) {
          return;
        }
        index = next++;
      }
      Result result = produce(index);
      {
        std::lock_guard<std::mutex> lock(mutex);
        slots[index % window] = std::move(result);
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t) {
    threads.emplace_back(worker);
  }
  for (std::size_t i = 0; i < count; ++i) {
    Result result;
    {
      std::unique_lock<std::mutex> lock(mutex);
      changed.wait(lock, [&] { return slots[i % window].has_value(); });
      result = std::move(*slots[i % window]);
      slots[i % window].reset();
    }
    consume(i, std::move(result));
    {
      std::lock_guard<std::mutex> lock(mutex);
      ++consumed;
    }
    changed.notify_all();
  }
  for (auto& thread : threads) {
    thread.join();
  }
}

} // namespace scarplan
