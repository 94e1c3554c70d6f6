#pragma once

// The JSON scaffolding every JSON format shares (plan, classification, error records, next,
// FHIR): RapidJSON's SAX writers over an OutputBuffer, compact (JSON Lines) or indented.
#include <scarplan/render/output_buffer.hpp>
#include <scarplan/render/render.hpp>
#include <scarplan/util/byte_scan.hpp>

#include <rapidjson/prettywriter.h>
#include <rapidjson/writer.h>

#include <cassert>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace scarplan {

// RapidJSON's output stream concept over an OutputBuffer, so the text is written straight
// into the string render_json() returns.
class JsonOutput
{
public:
  using Ch = char;
  explicit JsonOutput(OutputBuffer& out) : m_out(out) {}
  void Put(char c) { m_out.put(c); }
  char* Push(std::size_t count) { return m_out.extend(count); }
  void Flush() {}

private:
  OutputBuffer& m_out;
};

// Indentation as one fill, not one call per space (found by argument-dependent lookup from
// RapidJSON's PrettyWriter, and preferred to its generic template).
inline void
PutN(JsonOutput& stream, char c, std::size_t count)
{
  std::memset(stream.Push(count), c, count);
}

// RapidJSON's Writer or PrettyWriter with a faster copy of strings. Their WriteString moves
// every byte through the stream one at a time: with a hundred keys, dates and short texts per
// session that was most of the time spent writing JSON (perf; an eighth of a `-o DIR/` batch,
// which is indented).
// Strings that need no escaping (nearly all) are copied whole here, between RapidJSON's own
// prefix and end of value, which keep the commas, nesting and indentation; the rest go to
// RapidJSON's escaping. The output is the same: the writers escape exactly '"', '\\' and bytes
// below 0x20.
template<typename Base>
class FastStringWriter : public Base
{
public:
  using Base::Base;

  bool String(const char* text, rapidjson::SizeType length, bool copy = false)
  {
    return plain(text, length) ? copy_whole(text, length) : Base::String(text, length, copy);
  }
  // Keys are the schema's own names, written by JsonPlan, which need no escaping.
  bool Key(const char* text, rapidjson::SizeType length, bool = false)
  {
    assert(plain(text, length));
    return copy_whole(text, length);
  }

private:
  static constexpr bool k_indented = std::is_base_of_v<rapidjson::PrettyWriter<JsonOutput>, Base>;

  bool copy_whole(const char* text, rapidjson::SizeType length)
  {
    if constexpr (k_indented) {
      this->PrettyPrefix(rapidjson::kStringType);
    } else {
      this->Prefix(rapidjson::kStringType);
    }
    char* out = this->os_->Push(length + 2);
    out[0] = '"';
    if (length > 0) { // an empty view may have no data pointer
      std::memcpy(out + 1, text, length);
    }
    out[length + 1] = '"';
    if constexpr (k_indented) {
      return true; // as PrettyWriter::String ends a value: without EndValue()
    } else {
      return this->EndValue(true);
    }
  }

  // True when no byte of `text` needs escaping. Eight bytes at a time, the last word
  // overlapping the one before, and texts of 4 to 7 bytes read as two overlapping halves: byte
  // by byte, this test was most of the tenth of a JSON batch that perf charged to String().
  static bool plain(const char* text, std::size_t length)
  {
    const auto plain_word = [](ByteWord word) {
      return !(word.has_below(0x20) || word.has('"') || word.has('\\'));
    };
    if (length >= 8) {
      for (std::size_t i = 0; i + 8 < length; i += 8) {
        if (!plain_word(ByteWord::load(text + i))) {
          return false;
        }
      }
      return plain_word(ByteWord::load(text + length - 8));
    }
    if (length >= 4) { // the upper half shifted up whole
      std::uint32_t low, high;
      std::memcpy(&low, text, 4);
      std::memcpy(&high, text + length - 4, 4);
      return plain_word(ByteWord{low | std::uint64_t{high} << 32});
    }
    for (std::size_t i = 0; i < length; ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c < 0x20 || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }
};

// A key and a string value from string views, for any of the writers.
template<typename Writer>
void
write_key(Writer& writer, std::string_view name)
{
  writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
}
template<typename Writer>
void
write_string(Writer& writer, std::string_view text)
{
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

// Compact (JSON Lines) or indented by two spaces.
template<typename Write>
inline std::string
write_json(const RenderOptions& options, Write write)
{
  OutputBuffer buffer(16 * 1024); // a plan's JSON Lines record is about 12 KiB
  JsonOutput stream(buffer);
  if (options.compact) {
    FastStringWriter<rapidjson::Writer<JsonOutput>> writer(stream);
    write(writer);
  } else {
    FastStringWriter<rapidjson::PrettyWriter<JsonOutput>> writer(stream);
    writer.SetIndent(' ', 2);
    write(writer);
  }
  buffer.put('\n');
  return buffer.take();
}

} // namespace scarplan
