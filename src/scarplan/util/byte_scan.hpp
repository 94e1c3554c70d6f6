#pragma once

#include <cstdint>
#include <cstring>

namespace scarplan {

// Tests on eight bytes at once, for scans over text that is nearly all plain ASCII (escaping
// for JSON and iCalendar, UTF-8 checks): the classic word-at-a-time tests "has a byte below n"
// and "has a zero byte" (after xor with the byte sought), exact for any n up to 128. Portable
// C++, where SSE2 intrinsics would tie the scans to one architecture.
struct ByteWord
{
  static constexpr std::uint64_t k_ones = 0x0101010101010101;
  static constexpr std::uint64_t k_highs = 0x8080808080808080;

  std::uint64_t bits;

  static ByteWord load(const char* at)
  {
    ByteWord word;
    std::memcpy(&word.bits, at, sizeof word.bits);
    return word;
  }

  bool has_below(unsigned char n) const { return (bits - k_ones * n) & ~bits & k_highs; }
  bool has(char c) const
  {
    const std::uint64_t x = bits ^ (k_ones * static_cast<unsigned char>(c));
    return (x - k_ones) & ~x & k_highs;
  }
  bool has_non_ascii() const { return bits & k_highs; }
};

} // namespace scarplan
