#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scarplan {

// A renderer's output, written in place: std::string::append's out-of-line checks were a tenth
// of iCal export time, and RapidJSON's own buffer cost one more copy of every plan (perf).
// The room it writes into is borrowed from the thread's spare buffers and given back, kept at
// its full size: a new std::string per plan was zero-filled and then regrown, a fifth of the
// instructions of writing an indented plan (callgrind). take() copies what was written out.
class OutputBuffer
{
public:
  OutputBuffer()
  {
    auto& spare = spare_buffers();
    if (spare.empty()) {
      m_text.resize(k_initial_room);
    } else {
      m_text = std::move(spare.back());
      spare.pop_back();
    }
  }
  OutputBuffer(const OutputBuffer&) = delete;
  OutputBuffer& operator=(const OutputBuffer&) = delete;
  ~OutputBuffer()
  {
    auto& spare = spare_buffers();
    if (m_text.size() <= k_kept_room && spare.size() < k_kept_buffers) {
      spare.push_back(std::move(m_text));
    }
  }

  // Room for `count` more bytes, which the caller fills.
  [[gnu::always_inline]] char* extend(std::size_t count)
  {
    if (m_size + count > m_text.size()) {
      grow(m_size + count);
    }
    char* at = &m_text[m_size];
    m_size += count;
    return at;
  }
  [[gnu::always_inline]] void put(char c) { *extend(1) = c; }
  void put(std::string_view piece)
  {
    if (!piece.empty()) { // an empty view may have no data pointer, which memcpy must not get
      std::memcpy(extend(piece.size()), piece.data(), piece.size());
    }
  }

  std::size_t size() const { return m_size; }
  std::string_view written() const { return {m_text.data(), m_size}; }
  // Drops what was written after the first `size` bytes.
  void cut(std::size_t size) { m_size = std::min(size, m_size); }

  std::string take()
  {
    std::string text;
    if (m_text.size() > k_kept_room) { // a large output (an agenda) is handed over, not copied
      m_text.resize(m_size);
      text = std::move(m_text);
      m_text.resize(k_initial_room);
    } else {
      text.assign(m_text.data(), m_size);
    }
    m_size = 0;
    return text;
  }

private:
  static constexpr std::size_t k_initial_room = 64 * 1024; // an indented plan is 3-44 KiB
  static constexpr std::size_t k_kept_room = 1024 * 1024;
  static constexpr std::size_t k_kept_buffers = 4; // a renderer may nest one or two

  [[gnu::noinline]] void grow(std::size_t needed)
  {
    m_text.resize(std::max(2 * m_text.size(), needed));
  }

  static std::vector<std::string>& spare_buffers()
  {
    thread_local std::vector<std::string> spare;
    return spare;
  }

  std::string m_text; // m_size bytes written, the rest room to grow
  std::size_t m_size = 0;
};

} // namespace scarplan
