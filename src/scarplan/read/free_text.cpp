#include <scarplan/read/free_text.hpp>
#include <scarplan/util/text.hpp>

#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>

namespace scarplan {

namespace {

std::u32string
code_points(std::string_view text)
{
  std::u32string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    utf8proc_int32_t code = 0;
    auto length = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                   static_cast<utf8proc_ssize_t>(text.size() - i),
                                   &code);
    if (length <= 0) { // not UTF-8 (loaded text never is): the byte itself
      length = 1;
      code = static_cast<unsigned char>(text[i]);
    }
    out.push_back(static_cast<char32_t>(code));
    i += static_cast<std::size_t>(length);
  }
  return out;
}

bool
all_digits(const std::string& word)
{
  return std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string
words_between(const std::vector<std::string>& words, std::size_t first, std::size_t count)
{
  std::string out;
  for (std::size_t i = first; i < first + count; ++i) {
    out += (i == first ? "" : " ") + words[i];
  }
  return out;
}

} // namespace

const VocabularyClass*
find_class(const std::vector<VocabularyClass>& vocabulary, std::string_view name)
{
  const auto found = std::find_if(vocabulary.begin(),
                                  vocabulary.end(),
                                  [&](const VocabularyClass& c) { return c.name == name; });
  return found == vocabulary.end() ? nullptr : &*found;
}

std::vector<std::string>
fold_words(std::string_view text)
{
  // Split first, so that symbols separate words ("Eliquis™" is eliquis: compatibility folding
  // would make the ™ letters), then fold each word and split again (a ligature, a full-width form).
  std::vector<std::string> out;
  for (const std::string& word : words(text)) {
    utf8proc_uint8_t* folded = nullptr;
    const utf8proc_ssize_t length =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(word.data()),
                     static_cast<utf8proc_ssize_t>(word.size()),
                     &folded,
                     static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                                    UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD));
    if (length < 0) { // not UTF-8 (loaded text never is): the word as it is
      out.push_back(word);
      continue;
    }
    const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(folded, &std::free);
    for (auto& part : words(std::string_view(reinterpret_cast<const char*>(folded),
                                             static_cast<std::size_t>(length)))) {
      out.push_back(std::move(part));
    }
  }
  return out;
}

std::size_t
edit_distance_with_swaps(std::string_view a_text, std::string_view b_text)
{
  const std::u32string a = code_points(a_text);
  const std::u32string b = code_points(b_text);
  // Three rows of the (a+1) x (b+1) table: the swap looks two rows back.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    previous[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        row[j] = std::min(row[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, row);
  }
  return previous[b.size()];
}

namespace {

bool
holds(const std::vector<std::string>& list, const std::string& word)
{
  return std::find(list.begin(), list.end(), word) != list.end();
}

// The readings of one text, with the words each covers (first, count).
TextMatch
read_words(std::string_view text,
           const std::vector<VocabularyClass>& vocabulary,
           const ReadingRules& rules)
{
  TextMatch match{std::string(text), {}, {}};
  const std::vector<std::string> words = fold_words(text);
  std::vector<bool> read(words.size()); // the words already read as a name
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  const auto add = [&](const VocabularyClass& vocabulary_class,
                       Reading reading,
                       std::size_t first,
                       std::size_t count) {
    if (!match.names(vocabulary_class.name)) {
      match.readings.push_back(std::move(reading));
      spans.emplace_back(first, count);
    }
  };

  // Names held as they are (or as an alias): every one counts, the longest first, so that
  // "5-ASA" (mesalamine) is not also read as ASA (aspirin).
  struct Found
  {
    const VocabularyClass* vocabulary_class;
    const VocabularyName* name;
    std::size_t first;
  };
  std::vector<Found> found;
  for (const VocabularyClass& vocabulary_class : vocabulary) {
    for (const VocabularyName& name : vocabulary_class.names) {
      for (auto at = words.begin();
           (at = std::search(at, words.end(), name.words.begin(), name.words.end())) != words.end();
           ++at) {
        found.push_back({&vocabulary_class, &name, static_cast<std::size_t>(at - words.begin())});
      }
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return a.name->words.size() > b.name->words.size();
  });
  for (const Found& f : found) {
    const auto first = read.begin() + static_cast<std::ptrdiff_t>(f.first);
    const auto last = first + static_cast<std::ptrdiff_t>(f.name->words.size());
    if (std::any_of(first, last, [](bool b) { return b; })) {
      continue; // inside a longer name already read
    }
    std::fill(first, last, true);
    add(*f.vocabulary_class,
        {f.vocabulary_class->name,
         f.name->name,
         words_between(words, f.first, f.name->words.size()),
         f.name->alias ? How::alias : How::exact},
        f.first,
        f.name->words.size());
  }

  // Runs of words not all read yet, as the strictest class one of whose names they are near.
  for (std::size_t first = 0; first < words.size(); ++first) {
    const VocabularyClass* best_class = nullptr;
    const VocabularyName* best_name = nullptr;
    std::size_t best_edits = 0;
    for (const VocabularyClass& vocabulary_class : vocabulary) {
      for (const VocabularyName& name : vocabulary_class.names) {
        const std::size_t count = name.words.size();
        // A run with a word not read yet: "activw eczema" is near "active eczema" (a flare)
        // although "eczema" alone was read exactly.
        if (first + count > words.size() ||
            std::all_of(read.begin() + static_cast<std::ptrdiff_t>(first),
                        read.begin() + static_cast<std::ptrdiff_t>(first + count),
                        [](bool b) { return b; })) {
          continue;
        }
        std::size_t edits = 0;
        bool near = true;
        for (std::size_t j = 0; j < count && near; ++j) {
          const std::string& word = words[first + j];
          const std::string& target = name.words[j];
          if (all_digits(word) && word != target) {
            near = false; // a dose is never read as a name
            break;
          }
          const auto allowed =
              static_cast<std::size_t>(rules.edits_allowed(character_count(target)));
          const std::size_t letters = character_count(word);
          const std::size_t target_letters = character_count(target);
          if ((letters > target_letters ? letters - target_letters : target_letters - letters) >
              allowed) {
            near = false;
            break;
          }
          const std::size_t distance = edit_distance_with_swaps(word, target);
          near = distance <= allowed;
          edits += distance;
        }
        if (!near) {
          continue;
        }
        const bool better =
            !best_class || vocabulary_class.strictness > best_class->strictness ||
            (vocabulary_class.strictness == best_class->strictness &&
             (edits < best_edits || (edits == best_edits && count > best_name->words.size())));
        if (better) {
          best_class = &vocabulary_class;
          best_name = &name;
          best_edits = edits;
        }
      }
    }
    if (best_class) {
      const std::size_t count = best_name->words.size();
      std::fill_n(read.begin() + static_cast<std::ptrdiff_t>(first), count, true);
      add(*best_class,
          {best_class->name, best_name->name, words_between(words, first, count), How::approximate},
          first,
          count);
    }
  }

  // A route word just after a name (or just before it) makes it topical: "isotretinoin 0.05%
  // gel" is a topical retinoid. Never in an entry that says the product is taken by mouth
  // ("soft-gel capsule"), and never for another name of the entry ("Accutane; Epiduo gel").
  const bool oral = std::any_of(words.begin(), words.end(), [&](const std::string& word) {
    return holds(rules.oral_words, word);
  });
  for (std::size_t r = 0; r < match.readings.size() && !oral; ++r) {
    Reading& reading = match.readings[r];
    const VocabularyClass* read_as = find_class(vocabulary, reading.class_name);
    const VocabularyClass* counterpart =
        read_as && !read_as->topical.empty() ? find_class(vocabulary, read_as->topical) : nullptr;
    const auto [first, count] = spans[r];
    const std::size_t from = first > 0 ? first - 1 : 0;
    const std::size_t to = std::min(words.size(), first + count + 3);
    bool topical = false;
    for (std::size_t i = from; i < to && !topical; ++i) {
      topical = (i < first || i >= first + count) && holds(rules.topical_words, words[i]);
    }
    if (counterpart && topical) {
      reading.class_name = counterpart->name;
    }
  }
  // Two readings may now name one class: keep the first.
  std::vector<Reading> unique;
  for (Reading& reading : match.readings) {
    if (std::none_of(unique.begin(), unique.end(), [&](const Reading& kept) {
          return kept.class_name == reading.class_name;
        })) {
      unique.push_back(std::move(reading));
    }
  }
  match.readings = std::move(unique);
  return match;
}

// The parts of a list written in one entry: split at ; , + / & and the words "and", "et".
std::vector<std::string>
list_parts(std::string_view text)
{
  std::vector<std::string> parts(1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto word_at = [&](std::string_view word) {
      return i > 0 && text[i - 1] == ' ' && text.substr(i, word.size()) == word &&
             i + word.size() < text.size() && text[i + word.size()] == ' ';
    };
    const bool decimal_comma = c == ',' && i > 0 && i + 1 < text.size() &&
                               std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
                               std::isdigit(static_cast<unsigned char>(text[i + 1]));
    if (c == ';' || (c == ',' && !decimal_comma) || c == '+' || c == '/' || c == '&') {
      parts.emplace_back();
    } else if (word_at("and") || word_at("et")) {
      parts.emplace_back();
      i += word_at("and") ? 2 : 1;
    } else {
      parts.back() += c;
    }
  }
  return parts;
}

} // namespace

TextMatch
read_free_text(std::string_view text,
               const std::vector<VocabularyClass>& vocabulary,
               const ReadingRules& rules)
{
  const std::vector<std::string> parts = list_parts(text);
  if (parts.size() < 2) {
    return read_words(text, vocabulary, rules);
  }
  // A list in one entry ("Accutane 40 mg; Epiduo gel"): each part is read on its own, so that a
  // route word reaches only its own name, and a part that reads as nothing is unknown even
  // beside a known one.
  TextMatch match{std::string(text), {}, {}};
  for (const std::string& part : parts) {
    TextMatch read = read_words(part, vocabulary, rules);
    for (Reading& reading : read.readings) {
      if (!match.names(reading.class_name)) {
        match.readings.push_back(std::move(reading));
      }
    }
    const auto part_words = fold_words(part);
    const bool named = std::any_of(part_words.begin(), part_words.end(), [&](const std::string& w) {
      return !all_digits(w) && !holds(rules.ignore_words, w);
    });
    if (named && read.readings.empty()) {
      const auto first = part.find_first_not_of(' ');
      match.unknown_parts.push_back(part.substr(first, part.find_last_not_of(' ') - first + 1));
    }
  }
  if (match.readings.empty()) {
    match.unknown_parts.clear(); // the whole entry is unknown: one finding, as for one name
  }
  return match;
}

} // namespace scarplan
