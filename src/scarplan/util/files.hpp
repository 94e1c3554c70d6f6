#pragma once

#include <cstddef>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
  io_error,
  changed // the file changed while it was worked on
};

struct WriteResult
{
  WriteStatus status = WriteStatus::ok;
  std::string error;
};

// A file's content written to disk but not yet named: an unnamed O_TMPFILE file or, where the
// file system or the process cannot link one, a hidden 0600 ".scarplan-" file. Closed (and the
// hidden file removed) when dropped uncommitted.
class PreparedFile
{
public:
  PreparedFile() = default;
  PreparedFile(PreparedFile&& other) noexcept;
  PreparedFile& operator=(PreparedFile&& other) noexcept;
  ~PreparedFile();

  // Writes `content` into a new file of `folder`; unnamed when `unnamed` (see
  // OutputWriter::can_link_unnamed). Safe on any thread.
  static PreparedFile write(const std::string& folder, const std::string& content, bool unnamed);

  const WriteResult& result() const { return m_result; }

private:
  friend class OutputWriter;
  void discard();

  int m_fd = -1;
  std::string m_temporary; // empty for an unnamed file
  WriteResult m_result;
};

// Names files durably with a few syncs for many files: every `group` files one syncfs puts their
// data on disk before they are linked under their names, then each folder is fsync'ed. So a
// finished flush leaves every file complete and on disk, a crash leaves each complete or absent,
// and a killed run leaves no temporary file (with unnamed files). A group is synced and named
// on a thread of its own while the next one fills, so the batch goes on planning during the
// sync. An existing file is replaced only with `overwrite`, and never when it is not a regular
// file. Each result reaches `done` on the thread that calls commit(), write() or flush(), at the
// latest at flush().
class OutputWriter
{
public:
  using Done = std::function<void(WriteResult)>;

  explicit OutputWriter(std::size_t group = default_group(0));
  // Files per sync: a quarter of the open-file limit left over by the `held_elsewhere`
  // descriptors the caller keeps open (two groups may be open at once), 16 to 4096. It first
  // raises the soft limit to the hard one (at most 65,536) for that: Debian's soft limit of
  // 1,024 would otherwise mean a sync every 256 files.
  static std::size_t default_group(std::size_t held_elsewhere = 0);
  // Workers a batch into a folder can run within the open-file limit (raised as above): each
  // holds an input and up to eight results waiting for their turn, each with its unnamed file,
  // beside two groups of the smallest size. At least 1, at most `wanted`.
  static unsigned jobs_within_limit(unsigned wanted);
  OutputWriter(const OutputWriter&) = delete;
  OutputWriter& operator=(const OutputWriter&) = delete;
  ~OutputWriter();

  // Whether unnamed files of `folder` can be linked into it (O_TMPFILE, and AT_EMPTY_PATH,
  // which needs CAP_DAC_READ_SEARCH): probed by making and linking one.
  static bool can_link_unnamed(const std::string& folder);

  // Names `file` `path` after the sync of its group.
  void commit(PreparedFile file, const std::string& path, bool overwrite, Done done);
  // `content` to `path`: a device or FIFO is written to, anything else prepared and committed.
  void write(const std::string& path, const std::string& content, bool overwrite, Done done);
  // Syncs and names every file committed so far, and reports them all.
  void flush();

private:
  struct Pending
  {
    PreparedFile file;
    std::string path;
    bool overwrite = false;
    Done done;
    WriteResult result;
  };
  using Group = std::vector<Pending>;

  // Starts syncing and naming the files committed so far (after the previous group is done).
  void start_group();
  // Waits for the group in the background and hands its results to their `done`.
  void finish_group();
  static Group sync_and_name(Group group);
  static WriteResult place(const Pending& pending);

  std::size_t m_group;
  Group m_pending;
  std::future<Group> m_in_flight;
};

// One file, written and on disk when it returns (an OutputWriter of one).
WriteResult
write_file_atomically(const std::string& path, const std::string& content, bool overwrite);

enum class EditStatus
{
  ok,
  declined,     // the edit itself refused the change (and says why)
  unreadable,   // the file cannot be opened or read, or is not a regular file
  too_large,    // the file, or what the edit would make of it, is over the limit
  refused,      // not a file scarplan may replace: hard-linked, or read-only
  cannot_write, // no new file could be made in its folder
  io_error,     // writing or syncing failed
  changed       // a program that takes no lock changed it meanwhile: nothing written
};

struct EditResult
{
  EditStatus status = EditStatus::ok;
  std::string error; // what went wrong, for every status but ok and declined
};

// Makes a file's new content from its current one, or declines (std::nullopt).
using Edit = std::function<std::optional<std::string>(std::string_view content)>;

// Edits the regular file `path` (a symbolic link: its target; the link stays) so that no
// concurrent edit is lost and nothing half-written or temporary is left, whatever happens: an
// exclusive flock on the file, held from reading to replacing; `edit` called once on the
// content read under the lock; the new content in an unnamed file of the same folder with the
// same mode, owner and extended attributes (ACLs), on disk, then renamed over the file and the
// folder synced. A writer that waited on the replaced file reads the new one. Refused: a file
// with other hard links (replacing it would split them), one without write permission (for
// root too: a read-only record is meant to stay so), and content over `limit` before or after.
EditResult
edit_file_locked(const std::string& path, const Edit& edit, std::size_t limit = k_max_input_bytes);

bool is_directory(const std::string& path);

} // namespace scarplan
