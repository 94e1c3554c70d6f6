#pragma once

// The JSON scaffolding every JSON format shares (plan, classification, error records, next,
// FHIR): RapidJSON's SAX writers over an OutputBuffer, compact (JSON Lines) or indented.
#include <scarplan/render/output_buffer.hpp>
#include <scarplan/render/render.hpp>
#include <scarplan/util/byte_scan.hpp>

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

// RapidJSON's PrettyWriter indented by two spaces, written faster: what comes before each value
// (a comma, a new line and the indentation, or ": " after a member's name) is reserved once and
// filled, where PrettyPrefix puts it through the stream a byte at a time. In a `-o DIR/` batch,
// whose files are indented, PrettyPrefix was 4.5% of the time (perf); this writer takes 5.4%
// fewer instructions over the batch (callgrind). The values are written by RapidJSON's own
// Write* functions, and the output is PrettyWriter's byte for byte (a unit test compares them);
// its assertions on misuse are kept as asserts.
class IndentedWriter : public rapidjson::Writer<JsonOutput>
{
  using Base = rapidjson::Writer<JsonOutput>;

public:
  explicit IndentedWriter(JsonOutput& stream) : Base(stream) {}

  bool Null()
  {
    prefix_and_room(rapidjson::kNullType);
    return WriteNull();
  }
  bool Bool(bool value)
  {
    prefix_and_room(rapidjson::kTrueType);
    return WriteBool(value);
  }
  bool Int(int value)
  {
    prefix_and_room(rapidjson::kNumberType);
    return WriteInt(value);
  }
  bool Uint(unsigned value)
  {
    prefix_and_room(rapidjson::kNumberType);
    return WriteUint(value);
  }
  bool Int64(std::int64_t value)
  {
    prefix_and_room(rapidjson::kNumberType);
    return WriteInt64(value);
  }
  bool Uint64(std::uint64_t value)
  {
    prefix_and_room(rapidjson::kNumberType);
    return WriteUint64(value);
  }
  bool Double(double value)
  {
    prefix_and_room(rapidjson::kNumberType);
    return WriteDouble(value);
  }
  bool String(const char* text, rapidjson::SizeType length, bool = false)
  {
    prefix_and_room(rapidjson::kStringType);
    return WriteString(text, length);
  }
  bool Key(const char* text, rapidjson::SizeType length, bool = false)
  {
    return String(text, length);
  }
  bool RawValue(const char* json, std::size_t length, rapidjson::Type type)
  {
    prefix_and_room(type);
    return WriteRawValue(json, length);
  }
  bool StartObject() { return start(false); }
  bool StartArray() { return start(true); }
  bool EndObject(rapidjson::SizeType = 0) { return end('}'); }
  bool EndArray(rapidjson::SizeType = 0) { return end(']'); }
  // Writer's would write it without indentation.
  bool RawNumber(const char*, rapidjson::SizeType, bool = false) = delete;

protected:
  // Writes what comes before a value of `type` and reserves `extra` bytes for it: their address.
  char* prefix_and_room(rapidjson::Type type, std::size_t extra = 0)
  {
    (void)type; // for the assertion only
    if (level_stack_.Empty()) {
      assert(!hasRoot_); // one root value
      hasRoot_ = true;
      return os_->Push(extra);
    }
    Level* level = level_stack_.Top<Level>();
    const std::size_t values = level->valueCount++;
    assert(level->inArray || values % 2 == 1 || type == rapidjson::kStringType); // a name
    if (!level->inArray && values % 2 == 1) { // a member's value, after its name
      char* out = os_->Push(2 + extra);
      out[0] = ':';
      out[1] = ' ';
      return out + 2;
    }
    // An element or a member's name: on a line of its own, after a comma unless the first.
    const std::size_t comma = values > 0 ? 1 : 0;
    const std::size_t indent = 2 * depth();
    char* out = os_->Push(comma + 1 + indent + extra);
    out[0] = ',';
    out[comma] = '\n';
    std::memset(out + comma + 1, ' ', indent);
    return out + comma + 1 + indent;
  }

private:
  std::size_t depth() const { return level_stack_.GetSize() / sizeof(Level); }
  bool start(bool array)
  {
    char* bracket = prefix_and_room(array ? rapidjson::kArrayType : rapidjson::kObjectType, 1);
    *bracket = array ? '[' : '{';
    new (level_stack_.Push<Level>()) Level(array);
    return true;
  }
  // The closing bracket, on a line of its own unless the object or array is empty.
  bool end(char bracket)
  {
    assert(!level_stack_.Empty() && level_stack_.Top<Level>()->inArray == (bracket == ']'));
    if (level_stack_.Pop<Level>(1)->valueCount == 0) {
      os_->Put(bracket);
      return true;
    }
    const std::size_t indent = 2 * depth();
    char* out = os_->Push(1 + indent + 1);
    out[0] = '\n';
    std::memset(out + 1, ' ', indent);
    out[1 + indent] = bracket;
    return true;
  }
};

// RapidJSON's Writer or the IndentedWriter with a faster copy of strings. WriteString moves
// every byte through the stream one at a time: with a hundred keys, dates and short texts per
// session that was most of the time spent writing JSON (perf; an eighth of a `-o DIR/` batch,
// which is indented).
// Strings that need no escaping (nearly all) are copied whole here, after the writer's own
// prefix, which keeps the commas, nesting and indentation; the rest go to
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
  static constexpr bool k_indented = std::is_base_of_v<IndentedWriter, Base>;

  bool copy_whole(const char* text, rapidjson::SizeType length)
  {
    char* out;
    if constexpr (k_indented) { // one reservation for the prefix and the string
      out = this->prefix_and_room(rapidjson::kStringType, length + 2);
    } else {
      this->Prefix(rapidjson::kStringType);
      out = this->os_->Push(length + 2);
    }
    out[0] = '"';
    if (length > 0) { // an empty view may have no data pointer
      std::memcpy(out + 1, text, length);
    }
    out[length + 1] = '"';
    return this->EndValue(true);
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
    FastStringWriter<IndentedWriter> writer(stream);
    write(writer);
  }
  buffer.put('\n');
  return buffer.take();
}

} // namespace scarplan
