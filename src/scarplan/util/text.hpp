#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scarplan {

// Byte offset of the first invalid UTF-8 sequence, or nullopt when the text is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, when it is close enough to be a likely typo.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string_view>& candidates);

// `text` quoted for a message: control characters escaped, long text shortened.
std::string quote_for_message(std::string_view text);

// `text` safe for a terminal: C0 and C1 control characters (escape sequences, newlines, tabs)
// and bidi overrides become spaces, so a name, a note, a file name or a settings text can
// neither move the cursor, forge a line nor reorder what is shown. The one sanitiser for
// everything scarplan writes to a terminal, on standard output and standard error.
std::string printable(std::string_view text);
// Length of the C1 control or bidi override starting at byte `i` of `text`, or 0.
std::size_t control_sequence_length(std::string_view text, std::size_t i);
// Whether `text` holds a C0 or C1 control character, DEL or a bidi override.
bool has_control_characters(std::string_view text);

// The items, each shown by `show`, with `separator` between them: "a, b, c".
template<typename Items, typename Show>
std::string
join(const Items& items, std::string_view separator, Show show)
{
  std::string out;
  bool first = true;
  for (const auto& item : items) {
    if (!first) {
      out += separator;
    }
    out += show(item);
    first = false;
  }
  return out;
}

template<typename Strings>
std::string
join(const Strings& items, std::string_view separator)
{
  return join(
      items, separator, [](const auto& item) -> const auto& { return item; });
}

// ASCII lower case, for matching names typed in any case ("Apixaban").
std::string lower(std::string_view text);

// The words of `text` in lower case, for matching names however they are written: split at
// anything but letters and digits and where letters meet digits, so "Warfarin 5mg, daily" gives
// warfarin, 5, mg, daily and "Retin-A" gives retin, a. Bytes of non-ASCII letters are letters.
std::vector<std::string> words(std::string_view text);

// Number of Unicode code points: the "characters" of length limits.
std::size_t character_count(std::string_view text);
// Terminal columns (utf8proc): wide CJK and emoji count two, combining marks none.
std::size_t display_width(std::string_view text);

// Shortest decimal form of a measurement: 1.5 -> "1.5", 2 -> "2".
std::string format_number(double value);

} // namespace scarplan
