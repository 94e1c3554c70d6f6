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
  const std::size_t window = 8 * static_cast<std::size_t>(jobs);
  std::vector<std::optional<Result>> slots(window);
  std::mutex mutex;
  std::condition_variable filled; // the consumer waits for slot `consumed`
  std::condition_variable freed;  // workers wait for room in the window
  std::size_t next = 0;           // next index to claim
  std::size_t consumed = 0;       // results handed on so far
  unsigned workers_waiting = 0;

  // Wake-ups are only sent to someone actually waiting: a notify per item was a futex call
  // per plan in strace.
  const auto worker = [&] {
    while (true) {
      std::size_t index;
      {
        std::unique_lock<std::mutex> lock(mutex);
        while (next < count && next >= consumed + window) {
          ++workers_waiting;
          freed.wait(lock);
          --workers_waiting;
        }
        if (next >= count) {
          return;
        }
        index = next++;
      }
      Result result = produce(index);
      bool wake_consumer;
      {
        std::lock_guard<std::mutex> lock(mutex);
        slots[index % window] = std::move(result);
        wake_consumer = index == consumed;
      }
      if (wake_consumer) {
        filled.notify_one();
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t) {
    threads.emplace_back(worker);
  }
  for (std::size_t i = 0; i < count; ++i) {
    Result result;
    bool wake_workers;
    {
      std::unique_lock<std::mutex> lock(mutex);
      filled.wait(lock, [&] { return slots[i % window].has_value(); });
      result = std::move(*slots[i % window]);
      slots[i % window].reset();
      ++consumed;
      wake_workers = workers_waiting > 0;
    }
    if (wake_workers) {
      freed.notify_all();
    }
    consume(i, std::move(result));
  }
  for (auto& thread : threads) {
    thread.join();
  }
}

} // namespace scarplan
