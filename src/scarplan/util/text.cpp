#include <scarplan/util/byte_scan.hpp>
#include <scarplan/util/text.hpp>

#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdio>

namespace scarplan {

namespace {

// The code point at byte `i` of `text` into `code`: its length in bytes, or <= 0 if not UTF-8.
utf8proc_ssize_t
decode(std::string_view text, std::size_t i, utf8proc_int32_t& code)
{
  return utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(&text[i]),
                          static_cast<utf8proc_ssize_t>(text.size() - i),
                          &code);
}

} // namespace

std::optional<std::size_t>
find_invalid_utf8(std::string_view text)
{
  // utf8proc decodes and validates each non-ASCII sequence (overlong forms, surrogates, beyond
  // U+10FFFF); the loop around it gives the offset our message needs, which utf8proc's own
  // whole-string calls do not, and skips ASCII, nearly all of a patient file, eight bytes at a
  // time.
  std::size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      while (i + 8 <= text.size() && !ByteWord::load(&text[i]).has_non_ascii()) {
        i += 8;
      }
      continue;
    }
    utf8proc_int32_t code = 0;
    const auto length = decode(text, i, code);
    if (length <= 0) {
      return i;
    }
    i += static_cast<std::size_t>(length);
  }
  return std::nullopt;
}

std::size_t
edit_distance(std::string_view a, std::string_view b)
{
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string>
closest_match(std::string_view word, const std::vector<std::string_view>& candidates)
{
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = std::string(candidate);
    }
  }
  return best;
}

std::string
quote_for_message(std::string_view text)
{
  constexpr std::size_t k_max_length = 40;
  std::string out = "\"";
  std::size_t shown = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (shown >= k_max_length && (c & 0xC0) != 0x80) {
      out += "…";
      break;
    }
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7F) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02X", c);
      out += buffer;
    } else {
      out += static_cast<char>(c);
    }
    if ((c & 0xC0) != 0x80) {
      ++shown;
    }
  }
  return out + "\"";
}

// Bytes of the C1 control (U+0080-U+009F) or bidi override (U+202A-U+202E, U+2066-U+2069)
// that starts at `i`, or 0.
std::size_t
control_sequence_length(std::string_view text, std::size_t i)
{
  const auto byte = [&](std::size_t k) {
    return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u;
  };
  if (byte(i) == 0xC2 && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9F) {
    return 2;
  }
  if (byte(i) == 0xD8 && byte(i + 1) == 0x9C) { // U+061C arabic letter mark
    return 2;
  }
  // U+200E-U+200F marks, U+2028-U+2029 line and paragraph separators, U+202A-U+202E embeddings
  // and overrides, U+2066-U+2069 isolates.
  if (byte(i) == 0xE2 && ((byte(i + 1) == 0x80 && ((byte(i + 2) >= 0x8E && byte(i + 2) <= 0x8F) ||
                                                   (byte(i + 2) >= 0xA8 && byte(i + 2) <= 0xAE))) ||
                          (byte(i + 1) == 0x81 && byte(i + 2) >= 0xA6 && byte(i + 2) <= 0xA9))) {
    return 3;
  }
  return 0;
}

bool
has_control_characters(std::string_view text)
{
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F || control_sequence_length(text, i) > 0) {
      return true;
    }
  }
  return false;
}

std::string
printable(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      out += ' ';
    } else if (const std::size_t length = control_sequence_length(text, i)) {
      out += ' ';
      i += length - 1;
    } else if (c >= 0x80) {
      utf8proc_int32_t code = 0;
      const auto sequence = decode(text, i, code);
      if (sequence <= 0) {
        out += '?'; // not UTF-8 (a file name, an argument): a lone 0x9B is a CSI on some terminals
      } else {
        out.append(text.substr(i, static_cast<std::size_t>(sequence)));
        i += static_cast<std::size_t>(sequence) - 1;
      }
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string
lower(std::string_view text)
{
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return out;
}

std::vector<std::string>
words(std::string_view text)
{
  enum class Kind
  {
    separator,
    letter,
    digit
  };
  // Letters and marks are letters, numbers digits; everything else (punctuation, spaces such as
  // U+00A0, symbols such as ® and ™) separates words: "Accutane®" is accutane.
  const auto kind_of = [](utf8proc_int32_t code) {
    if (code >= '0' && code <= '9') {
      return Kind::digit;
    }
    switch (utf8proc_category(code)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      return Kind::letter;
    case UTF8PROC_CATEGORY_ND:
      return Kind::digit;
    default:
      return Kind::separator;
    }
  };
  std::vector<std::string> out;
  Kind previous = Kind::separator;
  std::size_t i = 0;
  while (i < text.size()) {
    utf8proc_int32_t code = 0;
    auto length = decode(text, i, code);
    if (length <= 0) { // not UTF-8 (loaded text never is): a separator
      length = 1;
      code = ' ';
    }
    const Kind kind = kind_of(code);
    if (kind != Kind::separator) {
      if (kind != previous) {
        out.emplace_back();
      }
      if (code < 0x80) {
        out.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(code)));
      } else {
        out.back().append(text.substr(i, static_cast<std::size_t>(length)));
      }
    }
    previous = kind;
    i += static_cast<std::size_t>(length);
  }
  return out;
}

std::size_t
character_count(std::string_view text)
{
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::size_t
display_width(std::string_view text)
{
  // Terminal columns by utf8proc's width table: CJK and emoji take two, combining marks none.
  std::size_t width = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    utf8proc_int32_t code = 0;
    const auto length = decode(text, i, code);
    if (length <= 0) { // not UTF-8 (loaded text never is): a column per byte
      ++width;
      ++i;
      continue;
    }
    width += static_cast<std::size_t>(std::max(0, utf8proc_charwidth(code)));
    i += static_cast<std::size_t>(length);
  }
  return width;
}

std::string
format_number(double value)
{
  char buffer[64];
  const auto end =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 3).ptr;
  std::string out(buffer, end);
  while (!out.empty() && out.back() == '0') {
    out.pop_back();
  }
  if (!out.empty() && out.back() == '.') {
    out.pop_back();
  }
  return out;
}

} // namespace scarplan
