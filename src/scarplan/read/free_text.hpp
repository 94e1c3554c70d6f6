#pragma once

#include <scarplan/model/plan.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace scarplan {

// The words of `text` folded for matching: lower case, accents and other marks stripped and
// compatibility forms unified (utf8proc), so "Isotrétinoïne 20 mg" gives isotretinoine, 20, mg.
std::vector<std::string> fold_words(std::string_view text);

// Edits between two words, a swap of neighbours counting one (Damerau–Levenshtein, optimal string
// alignment), by code point. Written here rather than taken from a library: Debian packages no
// small C++ one, and the words are short (a 12 by 12 table).
std::size_t edit_distance_with_swaps(std::string_view a, std::string_view b);

// The class of `vocabulary` named `name`, or null.
const VocabularyClass* find_class(const std::vector<VocabularyClass>& vocabulary,
                                  std::string_view name);

// Reads one free-text entry against a vocabulary ([[medications]] or [[conditions]]):
// - every class one of whose names the entry holds as a run of words (exact, or alias);
// - a medication class with a topical counterpart becomes it when a route word says topical
//   ("isotretinoin gel" is a topical retinoid);
// - each run of words not already read, within the edits allowed for the name's length, as the
//   strictest class it is near (approximate): a near match to a dangerous class counts as it.
TextMatch read_free_text(std::string_view text,
                         const std::vector<VocabularyClass>& vocabulary,
                         const ReadingRules& rules);

} // namespace scarplan
