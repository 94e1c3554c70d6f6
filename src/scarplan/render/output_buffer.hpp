#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace scarplan {

// memcpy for the short pieces renderers write (keys, dates, names): inline, where memcpy of a
// length not known at compile time is a call into libc, a twentieth of a JSON batch (perf).
// A count of 0 reads and writes nothing.
inline void
copy_text(char* to, const char* from, std::size_t count)
{
  const auto copy_ends = [&](auto word) { // two words, overlapping when count < 2 * sizeof
    constexpr std::size_t size = sizeof(word);
    decltype(word) last;
    std::memcpy(&word, from, size);
    std::memcpy(&last, from + count - size, size);
    std::memcpy(to, &word, size);
    std::memcpy(to + count - size, &last, size);
  };
  if (count > 16) {
    std::memcpy(to, from, count);
  } else if (count >= 8) {
    copy_ends(std::uint64_t{});
  } else if (count >= 4) {
    copy_ends(std::uint32_t{});
  } else {
    for (std::size_t i = 0; i < count; ++i) {
      to[i] = from[i];
    }
  }
}

// A renderer's output, written in place into the std::string it returns: the string grows by
// doubling and is cut to size by take(). std::string::append's out-of-line checks were a tenth
// of iCal export time, and RapidJSON's own buffer cost one more copy of every plan (perf).
class OutputBuffer
{
public:
  explicit OutputBuffer(std::size_t capacity) : m_text(capacity, '\0') {}

  // Room for `count` more bytes, which the caller fills.
  char* extend(std::size_t count)
  {
    if (m_size + count > m_text.size()) {
      m_text.resize(std::max(2 * m_text.size(), m_size + count));
    }
    char* at = &m_text[m_size];
    m_size += count;
    return at;
  }
  void put(char c) { *extend(1) = c; }
  void put(std::string_view piece) { copy_text(extend(piece.size()), piece.data(), piece.size()); }

  std::size_t size() const { return m_size; }
  std::string_view written() const { return {m_text.data(), m_size}; }
  // Drops what was written after the first `size` bytes.
  void cut(std::size_t size) { m_size = std::min(size, m_size); }

  std::string take()
  {
    m_text.resize(m_size);
    m_size = 0;
    return std::move(m_text);
  }

private:
  std::string m_text; // m_size bytes written, the rest room to grow
  std::size_t m_size = 0;
};

} // namespace scarplan
