#include <scarplan/util/files.hpp>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

namespace scarplan {

namespace {

class FileDescriptor
{
public:
  explicit FileDescriptor(int fd) : m_fd(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor()
  {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
  }
  int get() const { return m_fd; }
  int release()
  {
    const int fd = m_fd;
    m_fd = -1;
    return fd;
  }

private:
  int m_fd;
};

std::string
folder_of(const std::string& path)
{
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) {
    return ".";
  }
  return slash == 0 ? "/" : path.substr(0, slash);
}

constexpr std::string_view k_exists = "exists (use --force to replace it)";

// A new 0600 file "<folder>/<stem>XXXXXX" (mkstemp): its descriptor, `name` set to its path.
int
make_hidden_file(const std::string& folder, std::string_view stem, std::string& name)
{
  std::string pattern = folder + "/" + std::string(stem) + "XXXXXX";
  const int fd = ::mkstemp(pattern.data()); // the string's buffer is NUL-terminated
  name = fd >= 0 ? std::move(pattern) : std::string();
  return fd;
}

// Writes all of `content` to `fd`: 0, or the errno of the failure.
int
write_all(int fd, const std::string& content)
{
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return errno;
    }
    written += static_cast<std::size_t>(n);
  }
  return 0;
}

} // namespace

ReadResult
read_input(const std::string& path, std::size_t limit)
{
  ReadResult result;
  const bool is_stdin = path == "-";
  // Non-blocking, so a FIFO with no writer cannot hang a batch; it is refused below.
  FileDescriptor fd(is_stdin ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) {
    result.status = ReadStatus::unreadable;
    result.error = std::strerror(errno);
    return result;
  }
  if (is_stdin) {
    fd.release(); // standard input is not ours to close
  }
  const int raw = is_stdin ? 0 : fd.get();
  struct stat info = {};
  if (::fstat(raw, &info) == 0 && S_ISDIR(info.st_mode)) {
    result.status = ReadStatus::unreadable;
    result.error = "is a directory";
    return result;
  }
  if (!is_stdin && !S_ISREG(info.st_mode)) {
    result.status = ReadStatus::unreadable;
    result.error = "not a regular file (a FIFO, device or socket); use - to read a stream";
    return result;
  }
  // Regular files are read in one call sized from fstat; pipes grow the string as they go.
  const bool regular = S_ISREG(info.st_mode);
  std::size_t capacity = regular ? static_cast<std::size_t>(info.st_size) + 1 : 64 * 1024;
  capacity = std::min(capacity, limit + 1);
  while (true) {
    const std::size_t used = result.content.size();
    result.content.resize(used + capacity);
    const ssize_t n = ::read(raw, &result.content[used], capacity);
    if (n < 0) {
      if (errno == EINTR) {
        result.content.resize(used);
        continue;
      }
      result.status = ReadStatus::unreadable;
      result.error = std::strerror(errno);
      result.content.clear();
      return result;
    }
    result.content.resize(used + static_cast<std::size_t>(n));
    if (result.content.size() > limit) {
      result.status = ReadStatus::too_large;
      result.error = "larger than " + std::to_string(limit / 1024) + " KiB";
      result.content.clear();
      return result;
    }
    // A short read of a regular file is its end; anything else reads until 0.
    if (n == 0 || (regular && static_cast<std::size_t>(n) < capacity)) {
      break;
    }
  }
  return result;
}

PreparedFile::PreparedFile(PreparedFile&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_temporary(std::move(other.m_temporary)),
      m_result(std::move(other.m_result))
{
  other.m_temporary.clear();
}

PreparedFile&
PreparedFile::operator=(PreparedFile&& other) noexcept
{
  if (this != &other) {
    discard();
    m_fd = std::exchange(other.m_fd, -1);
    m_temporary = std::move(other.m_temporary);
    other.m_temporary.clear();
    m_result = std::move(other.m_result);
  }
  return *this;
}

PreparedFile::~PreparedFile()
{
  discard();
}

void
PreparedFile::discard()
{
  if (m_fd >= 0) {
    ::close(m_fd);
    m_fd = -1;
  }
  if (!m_temporary.empty()) {
    ::unlink(m_temporary.c_str());
    m_temporary.clear();
  }
}

PreparedFile
PreparedFile::write(const std::string& folder, const std::string& content, bool unnamed)
{
  PreparedFile file;
  if (unnamed) {
    file.m_fd = ::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
  } else {
    file.m_fd = make_hidden_file(folder, ".scarplan-", file.m_temporary);
  }
  if (file.m_fd < 0) {
    file.m_result = {WriteStatus::cannot_create, std::strerror(errno)};
  } else if (const int error_number = write_all(file.m_fd, content)) {
    file.discard();
    file.m_result = {WriteStatus::io_error, std::strerror(error_number)};
  }
  return file;
}

OutputWriter::OutputWriter(std::size_t group) : m_group(std::max<std::size_t>(1, group)) {}

std::size_t
OutputWriter::default_group(std::size_t held_elsewhere)
{
  // Each file waiting for the sync holds a descriptor, and two groups may be open at once: a
  // quarter of what the process may still open, at most 4096 (10,000 files: 3 syncs). Fewer,
  // larger syncs cost less than many small ones.
  struct rlimit limit = {};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) {
    return 16;
  }
  const rlim_t wanted = std::min<rlim_t>(limit.rlim_max, 65536);
  if (limit.rlim_cur < wanted) {
    struct rlimit raised = limit;
    raised.rlim_cur = wanted;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) {
      limit = raised;
    }
  }
  const rlim_t reserved = held_elsewhere + 64; // standard streams, settings, the time zones
  const rlim_t available = limit.rlim_cur > reserved ? limit.rlim_cur - reserved : 0;
  return static_cast<std::size_t>(std::clamp<rlim_t>(available / 4, 16, 4096));
}

OutputWriter::~OutputWriter()
{
  try {
    flush();
  } catch (...) { // a destructor must not throw; the caller's own flush() reports
  }
}

bool
OutputWriter::can_link_unnamed(const std::string& folder)
{
  FileDescriptor probe(::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600));
  if (probe.get() < 0) {
    return false;
  }
  // A name that does not exist yet: mkstemp makes one, unlinked again at once.
  std::string name;
  const FileDescriptor reserved(make_hidden_file(folder, ".scarplan-probe-", name));
  if (reserved.get() < 0) {
    return false;
  }
  ::unlink(name.c_str());
  const bool works = ::linkat(probe.get(), "", AT_FDCWD, name.c_str(), AT_EMPTY_PATH) == 0;
  if (works) {
    ::unlink(name.c_str());
  }
  return works;
}

void
OutputWriter::write(const std::string& path, const std::string& content, bool overwrite, Done done)
{
  struct stat existing = {};
  if (::stat(path.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode)) {
    // A terminal, /dev/null or a FIFO is written to, never replaced by a regular file (as
    // root that would replace /dev/null); anything else that is not a regular file is refused.
    if (!S_ISCHR(existing.st_mode) && !S_ISFIFO(existing.st_mode)) {
      return done({WriteStatus::cannot_create, "not a regular file, a device or a FIFO"});
    }
    // Non-blocking, so a FIFO nobody reads is an error (ENXIO), not a hang; then blocking
    // writes, so a slow reader gets everything.
    FileDescriptor device(::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NONBLOCK));
    if (device.get() < 0) {
      return done({WriteStatus::cannot_create,
                   errno == ENXIO ? std::string("a FIFO with no reader") : std::strerror(errno)});
    }
    ::fcntl(device.get(), F_SETFL, ::fcntl(device.get(), F_GETFL) & ~O_NONBLOCK);
    if (const int error_number = write_all(device.get(), content)) {
      return done({WriteStatus::io_error, std::strerror(error_number)});
    }
    return done({});
  }
  if (!overwrite && ::access(path.c_str(), F_OK) == 0) {
    return done({WriteStatus::exists, std::string(k_exists)});
  }
  const std::string folder = folder_of(path);
  commit(PreparedFile::write(folder, content, can_link_unnamed(folder)),
         path,
         overwrite,
         std::move(done));
}

void
OutputWriter::commit(PreparedFile file, const std::string& path, bool overwrite, Done done)
{
  if (file.result().status != WriteStatus::ok) {
    return done(file.result());
  }
  m_pending.push_back({std::move(file), path, overwrite, std::move(done), {}});
  if (m_pending.size() >= m_group) {
    start_group();
  }
}

void
OutputWriter::flush()
{
  start_group();
  finish_group();
}

void
OutputWriter::start_group()
{
  finish_group(); // one group at a time: each syncfs covers the files of the one before it
  if (m_pending.empty()) {
    return;
  }
  // Held here until the thread runs, so no file is lost if there is no thread to be had.
  auto group = std::make_shared<Group>(std::exchange(m_pending, {}));
  try {
    m_in_flight =
        std::async(std::launch::async, [group] { return sync_and_name(std::move(*group)); });
  } catch (...) { // no thread (or no room for its state) to be had: done here instead
    std::promise<Group> done_here;
    done_here.set_value(sync_and_name(std::move(*group)));
    m_in_flight = done_here.get_future();
  }
}

void
OutputWriter::finish_group()
{
  if (!m_in_flight.valid()) {
    return;
  }
  for (auto& placed : m_in_flight.get()) {
    placed.done(std::move(placed.result));
  }
}

OutputWriter::Group
OutputWriter::sync_and_name(Group group)
{
  // One sync of each file system for the whole group (syncfs), not one fsync per file: every
  // file's data is on disk before any is linked into place, so after a crash each file is
  // complete or absent. Then each folder's new names, with one fsync per folder.
  std::vector<std::string> synced; // folders whose file system was synced
  int sync_error = 0;
  for (const auto& pending : group) {
    const std::string folder = folder_of(pending.path);
    if (std::find(synced.begin(), synced.end(), folder) == synced.end()) {
      synced.push_back(folder); // a batch writes into one folder: one syncfs, no fstat per file
      if (::syncfs(pending.file.m_fd) != 0) {
        sync_error = errno;
      }
    }
  }
  for (auto& pending : group) {
    pending.result = sync_error != 0 ? WriteResult{WriteStatus::io_error, std::strerror(sync_error)}
                                     : place(pending);
    pending.file.discard();
  }
  for (const auto& folder : synced) {
    // The new names are on disk only once their folder is: if it cannot be synced, the files
    // named in it are not reported written.
    FileDescriptor directory(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    const bool synced_folder = directory.get() >= 0 && ::fsync(directory.get()) == 0;
    // EINVAL and the like: a file system with no folder sync to ask for (as PostgreSQL allows).
    if (!synced_folder && errno != EINVAL && errno != ENOTSUP && errno != ENOSYS) {
      const std::string error = std::string("cannot sync the folder: ") + std::strerror(errno);
      for (auto& pending : group) {
        if (pending.result.status == WriteStatus::ok && folder_of(pending.path) == folder) {
          pending.result = {WriteStatus::io_error, error};
        }
      }
    }
  }
  return group;
}

WriteResult
OutputWriter::place(const Pending& pending)
{
  const auto failure = [](int error_number) {
    return error_number == EEXIST
               ? WriteResult{WriteStatus::exists, std::string(k_exists)}
               : WriteResult{WriteStatus::cannot_create, std::strerror(error_number)};
  };
  const PreparedFile& file = pending.file;
  const char* path = pending.path.c_str();
  if (pending.overwrite) {
    struct stat existing = {};
    if (::lstat(path, &existing) == 0 && !S_ISREG(existing.st_mode)) {
      return {WriteStatus::cannot_create, "not a regular file: not replaced"};
    }
    if (file.m_temporary.empty()) {
      // Named first under a hidden name of its own, then renamed over the old file: the old
      // one stays until the new one replaces it.
      const std::string hidden = folder_of(pending.path) + "/.scarplan-" +
                                 std::to_string(::getpid()) + "-" + std::to_string(file.m_fd);
      if (::linkat(file.m_fd, "", AT_FDCWD, hidden.c_str(), AT_EMPTY_PATH) != 0) {
        return failure(errno);
      }
      if (::rename(hidden.c_str(), path) != 0) {
        const int error_number = errno;
        ::unlink(hidden.c_str());
        return failure(error_number);
      }
      return {};
    }
    return ::rename(file.m_temporary.c_str(), path) == 0 ? WriteResult{} : failure(errno);
  }
  // Linking fails if the name exists, so a concurrent writer is never clobbered.
  const int linked = file.m_temporary.empty()
                         ? ::linkat(file.m_fd, "", AT_FDCWD, path, AT_EMPTY_PATH)
                         : ::link(file.m_temporary.c_str(), path);
  return linked == 0 ? WriteResult{} : failure(errno);
}

WriteResult
write_file_atomically(const std::string& path, const std::string& content, bool overwrite)
{
  WriteResult result;
  OutputWriter writer(1);
  writer.write(path, content, overwrite, [&](WriteResult written) { result = std::move(written); });
  writer.flush();
  return result;
}

WriteResult
replace_file_atomically(const std::string& path,
                        std::string_view expected,
                        const std::string& content)
{
  struct stat original = {};
  if (::stat(path.c_str(), &original) != 0 || !S_ISREG(original.st_mode)) {
    return {WriteStatus::cannot_create, "not a regular file"};
  }
  std::string temporary;
  FileDescriptor fd(make_hidden_file(folder_of(path), ".scarplan-", temporary));
  if (fd.get() < 0) {
    return {WriteStatus::cannot_create, std::strerror(errno)};
  }
  const auto fail = [&](WriteStatus status, std::string error) {
    ::unlink(temporary.c_str());
    return WriteResult{status, std::move(error)};
  };
  if (const int error_number = write_all(fd.get(), content)) {
    return fail(WriteStatus::io_error, std::strerror(error_number));
  }
  if (::fchmod(fd.get(), original.st_mode & 07777) != 0) {
    return fail(WriteStatus::cannot_create, std::strerror(errno));
  }
  if ((original.st_uid != ::geteuid() || original.st_gid != ::getegid()) &&
      ::fchown(fd.get(), original.st_uid, original.st_gid) != 0) {
    return fail(WriteStatus::cannot_create,
                std::string("cannot keep the file's owner: ") + std::strerror(errno));
  }
  if (::fsync(fd.get()) != 0 || ::close(fd.release()) != 0) {
    return fail(WriteStatus::io_error, std::strerror(errno));
  }
  // Last look before the rename: another writer's change is never overwritten.
  const ReadResult now =
      read_input(path, std::max<std::size_t>(k_max_input_bytes, expected.size()));
  if (now.status != ReadStatus::ok || now.content != expected) {
    return fail(WriteStatus::changed,
                "the file changed while scarplan worked on it: nothing written");
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    return fail(WriteStatus::cannot_create, std::strerror(errno));
  }
  FileDescriptor directory(::open(folder_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (directory.get() >= 0) {
    ::fsync(directory.get());
  }
  return {};
}

bool
is_directory(const std::string& path)
{
  struct stat info = {};
  return ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

} // namespace scarplan
