#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace scarplan {

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
    m_text.resize(m_size);
    m_size = 0;
    return std::move(m_text);
  }

private:
  std::string m_text; // m_size bytes written, the rest room to grow
  std::size_t m_size = 0;
};

} // namespace scarplan
