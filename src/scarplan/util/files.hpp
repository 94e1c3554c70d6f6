#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace scarplan {

constexpr std::size_t k_max_input_bytes = 1024 * 1024; // spec: files over 1 MiB are refused

enum class ReadStatus
{
  ok,
  unreadable,
  too_large
};

struct ReadResult
{
  ReadStatus status = ReadStatus::ok;
  std::string content;
  std::string error; // strerror text or the size problem
};

// Reads a whole file ("-" is standard input), refusing more than `limit` bytes.
ReadResult read_input(const std::string& path, std::size_t limit = k_max_input_bytes);

enum class WriteStatus
{
  ok,
  exists,
  cannot_create,
  io_error
};

struct WriteResult
{
  WriteStatus status = WriteStatus::ok;
  std::string error;
};

// Writes `content` to `path` atomically: a 0600 temporary file in the same folder, flushed to
// disk, then renamed. Never leaves a partial file; refuses to replace an existing one unless
// `overwrite`.
WriteResult
write_file_atomically(const std::string& path, const std::string& content, bool overwrite);

bool is_directory(const std::string& path);

} // namespace scarplan
