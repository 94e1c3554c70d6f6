#include <scarplan/util/files.hpp>

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
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

// Links the unnamed (O_TMPFILE) file `fd` as `name` in the folder `folder_fd`: 0 or the errno.
// AT_EMPTY_PATH needs CAP_DAC_READ_SEARCH; its /proc/self/fd link, followed, needs nothing.
int
link_unnamed(int fd, int folder_fd, const char* name)
{
  if (::linkat(fd, "", folder_fd, name, AT_EMPTY_PATH) == 0) {
    return 0;
  }
  const std::string proc = "/proc/self/fd/" + std::to_string(fd);
  return ::linkat(AT_FDCWD, proc.c_str(), folder_fd, name, AT_SYMLINK_FOLLOW) == 0 ? 0 : errno;
}

// Test hook: SCARPLAN_TEST_PAUSE_BEFORE_RENAME=SECONDS holds an edit with its new file written
// and not yet named, so a test can kill it there.
void
pause_for_tests()
{
  if (const char* seconds = std::getenv("SCARPLAN_TEST_PAUSE_BEFORE_RENAME"); seconds) {
    ::sleep(static_cast<unsigned>(std::strtoul(seconds, nullptr, 10)));
  }
}

// The hidden name "<prefix><pid>-<descriptor>" an output replacing a file has between its link
// and its rename.
constexpr std::string_view k_hidden_prefix = ".scarplan-";

// Removes from `folder` the hidden names of outputs whose run was killed between link and
// rename (SIGKILL cannot be caught): each one's writer holds a flock on it until the rename, so
// a name whose lock is free belongs to no running scarplan.
void
remove_abandoned_names(const std::string& folder)
{
  const std::unique_ptr<DIR, int (*)(DIR*)> directory(::opendir(folder.c_str()), ::closedir);
  if (!directory) {
    return;
  }
  while (const dirent* entry = ::readdir(directory.get())) {
    const std::string_view name = entry->d_name;
    const auto numbers = name.substr(std::min(name.size(), k_hidden_prefix.size()));
    const auto dash = numbers.find('-');
    if (name.substr(0, k_hidden_prefix.size()) != k_hidden_prefix || dash == 0 ||
        dash == std::string_view::npos || dash + 1 == numbers.size() ||
        numbers.find_first_not_of("0123456789-") != std::string_view::npos ||
        numbers.find('-', dash + 1) != std::string_view::npos) {
      continue; // not "<pid>-<descriptor>" (mkstemp's names have no dash, the probe's letters)
    }
    FileDescriptor fd(::openat(
        ::dirfd(directory.get()), entry->d_name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
    struct stat opened = {};
    struct stat named = {};
    // Still the same file under that name once locked: not renamed by its writer meanwhile.
    if (fd.get() >= 0 && ::flock(fd.get(), LOCK_EX | LOCK_NB) == 0 &&
        ::fstat(fd.get(), &opened) == 0 &&
        ::fstatat(::dirfd(directory.get()), entry->d_name, &named, AT_SYMLINK_NOFOLLOW) == 0 &&
        opened.st_ino == named.st_ino && opened.st_dev == named.st_dev) {
      ::unlinkat(::dirfd(directory.get()), entry->d_name, 0);
    }
  }
}

// Reads `fd` (described by `info`) to its end into `result`, refusing more than `limit` bytes.
void
read_descriptor(int fd, const struct stat& info, std::size_t limit, ReadResult& result)
{
  // Regular files are read in one call sized from fstat; pipes grow the string as they go.
  const bool regular = S_ISREG(info.st_mode);
  std::size_t capacity = regular ? static_cast<std::size_t>(info.st_size) + 1 : 64 * 1024;
  capacity = std::min(capacity, limit + 1);
  while (true) {
    const std::size_t used = result.content.size();
    result.content.resize(used + capacity);
    const ssize_t n = ::read(fd, &result.content[used], capacity);
    if (n < 0) {
      if (errno == EINTR) {
        result.content.resize(used);
        continue;
      }
      result.status = ReadStatus::unreadable;
      result.error = std::strerror(errno);
      result.content.clear();
      return;
    }
    result.content.resize(used + static_cast<std::size_t>(n));
    if (result.content.size() > limit) {
      result.status = ReadStatus::too_large;
      result.error = "larger than " + std::to_string(limit / 1024) + " KiB";
      result.content.clear();
      return;
    }
    // A short read of a regular file is its end; anything else reads until 0.
    if (n == 0 || (regular && static_cast<std::size_t>(n) < capacity)) {
      break;
    }
  }
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
  read_descriptor(raw, info, limit, result);
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

unsigned
OutputWriter::jobs_within_limit(unsigned wanted)
{
  (void)default_group(0); // raises the soft limit to the hard one
  struct rlimit limit = {};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) {
    return wanted;
  }
  const rlim_t reserved = 2 * 16 + 64; // two smallest groups; streams, settings, time zones
  const rlim_t per_worker = 1 + 8;     // an input and its results waiting (results_waiting_at_most)
  const rlim_t fit = limit.rlim_cur > reserved ? (limit.rlim_cur - reserved) / per_worker : 1;
  return static_cast<unsigned>(std::clamp<rlim_t>(fit, 1, wanted));
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
  const bool works = link_unnamed(probe.get(), AT_FDCWD, name.c_str()) == 0;
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
  for (const auto& folder : synced) {
    if (std::any_of(group.begin(), group.end(), [&](const Pending& pending) {
          return pending.overwrite && folder_of(pending.path) == folder;
        })) {
      remove_abandoned_names(folder);
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
      // one stays until the new one replaces it. Locked while it has that name, so a run killed
      // in between leaves a name whose lock is free, which the next run removes
      // (remove_abandoned_names).
      const std::string hidden = folder_of(pending.path) + "/" + std::string(k_hidden_prefix) +
                                 std::to_string(::getpid()) + "-" + std::to_string(file.m_fd);
      if (::flock(file.m_fd, LOCK_EX) != 0) {
        return failure(errno);
      }
      if (const int error_number = link_unnamed(file.m_fd, AT_FDCWD, hidden.c_str())) {
        return failure(error_number);
      }
      pause_for_tests();
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
                         ? link_unnamed(file.m_fd, AT_FDCWD, path)
                         : (::link(file.m_temporary.c_str(), path) == 0 ? 0 : errno);
  return linked == 0 ? WriteResult{} : failure(linked);
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

namespace {

// The names of the extended attributes of `fd`, each NUL-terminated; empty where there are none
// or the file system has none.
std::optional<std::string>
attribute_names(int fd)
{
  for (int tries = 0; tries < 8; ++tries) { // ERANGE: one was added between the two calls
    const ssize_t size = ::flistxattr(fd, nullptr, 0);
    if (size < 0) {
      return errno == ENOTSUP ? std::optional<std::string>("") : std::nullopt;
    }
    std::string names(static_cast<std::size_t>(size), '\0');
    const ssize_t got = size == 0 ? 0 : ::flistxattr(fd, names.data(), names.size());
    if (got >= 0) {
      names.resize(static_cast<std::size_t>(got));
      return names;
    }
    if (errno != ERANGE) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

// Gives `to` exactly the extended attributes of `from`: user ones and the POSIX ACLs
// (system.posix_acl_access), which the new file would otherwise lack or take from the folder's
// default ACL. Empty, or what failed. security.* labels the system may refuse to copy are left
// to the system (the new file gets its folder's label).
std::string
copy_attributes(int from, int to)
{
  const auto wanted = attribute_names(from);
  const auto present = attribute_names(to);
  if (!wanted || !present) {
    return std::string("cannot list the file's extended attributes: ") + std::strerror(errno);
  }
  const auto each = [](const std::string& names, auto visit) {
    for (std::size_t at = 0; at < names.size(); at = names.find('\0', at) + 1) {
      visit(std::string(names.c_str() + at));
    }
  };
  std::string failure;
  each(*present, [&](const std::string& name) { // e.g. an ACL inherited from the folder
    if (failure.empty() && wanted->find(name + '\0') == std::string::npos &&
        ::fremovexattr(to, name.c_str()) != 0 && errno != ENODATA) {
      failure = "cannot remove the extended attribute " + name + ": " + std::strerror(errno);
    }
  });
  each(*wanted, [&](const std::string& name) {
    if (!failure.empty()) {
      return;
    }
    std::string value;
    ssize_t size = ::fgetxattr(from, name.c_str(), nullptr, 0);
    if (size > 0) {
      value.resize(static_cast<std::size_t>(size));
      size = ::fgetxattr(from, name.c_str(), value.data(), value.size());
    }
    const bool is_security = name.rfind("security.", 0) == 0;
    if (size < 0 ||
        ::fsetxattr(to, name.c_str(), value.data(), static_cast<std::size_t>(size), 0) != 0) {
      if (!(is_security && (errno == EPERM || errno == ENOTSUP || errno == EACCES))) {
        failure =
            "cannot keep the extended attribute " + name + ": " + std::string(std::strerror(errno));
      }
    }
  });
  return failure;
}

// The hidden name the new file of `target` has between its link and its rename. One name per
// file, used only under the file's lock, so an edit killed in between leaves a name the next
// edit of the file removes.
std::string
hidden_name_of(const std::string& target)
{
  const std::string base = target.substr(target.rfind('/') + 1);
  const std::string name = ".scarplan-edit-" + base;
  if (name.size() <= 255) { // NAME_MAX
    return name;
  }
  char hash[32];
  std::snprintf(hash, sizeof hash, "%016zx", std::hash<std::string>{}(base));
  return ".scarplan-edit-" + std::string(hash);
}

// Blocks the signals that end a process by default (and are not SIGKILL) while it lives, so a
// file being named is named completely before the process ends.
class DeferredSignals
{
public:
  DeferredSignals()
  {
    sigset_t blocked;
    sigemptyset(&blocked);
    for (const int signal_number : {SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGPIPE}) {
      sigaddset(&blocked, signal_number);
    }
    ::pthread_sigmask(SIG_BLOCK, &blocked, &m_previous);
  }
  DeferredSignals(const DeferredSignals&) = delete;
  DeferredSignals& operator=(const DeferredSignals&) = delete;
  ~DeferredSignals() { ::pthread_sigmask(SIG_SETMASK, &m_previous, nullptr); }

private:
  sigset_t m_previous;
};

// "1 MiB", "64 KiB": a size limit as the messages give it.
std::string
size_text(std::size_t bytes)
{
  return bytes % (1024 * 1024) == 0 ? std::to_string(bytes / (1024 * 1024)) + " MiB"
                                    : std::to_string(bytes / 1024) + " KiB";
}

} // namespace

EditResult
edit_file_locked(const std::string& path, const Edit& edit, std::size_t limit)
{
  // A symbolic link is followed to the file it names, which is replaced; the link stays.
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (resolved == nullptr) {
    return {EditStatus::unreadable, std::string("cannot read: ") + std::strerror(errno)};
  }
  const std::string target = resolved;
  std::free(resolved);
  const std::string folder = folder_of(target);

  // Lock, then check that the locked file is still the one named `target`: an edit that held
  // the lock meanwhile replaced it by a new file, whose lock is the one that counts.
  std::optional<FileDescriptor> file;
  struct stat info = {};
  for (int tries = 0; !file; ++tries) {
    FileDescriptor fd(::open(target.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW));
    if (fd.get() < 0) {
      return {EditStatus::unreadable, std::string("cannot read: ") + std::strerror(errno)};
    }
    if (::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode)) {
      return {EditStatus::unreadable, "cannot read: not a regular file"};
    }
    while (::flock(fd.get(), LOCK_EX) != 0) {
      if (errno != EINTR) {
        return {EditStatus::unreadable, std::string("cannot lock: ") + std::strerror(errno)};
      }
    }
    struct stat named = {};
    if (::fstat(fd.get(), &info) == 0 && ::stat(target.c_str(), &named) == 0 &&
        named.st_dev == info.st_dev && named.st_ino == info.st_ino) {
      file.emplace(fd.release());
    } else if (tries == 10000) { // each retry means another edit was done: progress, not a hang
      return {EditStatus::changed, "the file kept being replaced: nothing written"};
    }
  }
  if (info.st_nlink > 1) {
    return {EditStatus::refused,
            "the file has " + std::to_string(info.st_nlink) +
                " hard links, which replacing it would separate: nothing written (copy it to a "
                "file of its own)"};
  }
  // Root may write anything, but a record without its owner's write bit was made read-only on
  // purpose; anyone else needs write permission.
  if ((info.st_mode & S_IWUSR) == 0 ||
      (::geteuid() != 0 && ::faccessat(AT_FDCWD, target.c_str(), W_OK, AT_EACCESS) != 0)) {
    return {EditStatus::refused, "the file is read-only: nothing written"};
  }

  ReadResult read;
  read_descriptor(file->get(), info, limit, read);
  if (read.status == ReadStatus::too_large) {
    return {EditStatus::too_large,
            "expected a file of at most " + size_text(limit) + ", found a larger file"};
  }
  if (read.status != ReadStatus::ok) {
    return {EditStatus::unreadable, "cannot read: " + read.error};
  }
  const std::optional<std::string> content = edit(read.content);
  if (!content) {
    return {EditStatus::declined, {}};
  }
  if (content->size() > limit) {
    return {EditStatus::too_large,
            "the entry would make the file larger than " + size_text(limit) +
                ", the most scarplan reads: nothing written"};
  }

  // From here the process finishes what it started before a signal ends it; SIGKILL leaves no
  // file but, at worst, the hidden name, which the next edit removes.
  const DeferredSignals deferred;
  FileDescriptor directory(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (directory.get() < 0) {
    return {EditStatus::cannot_write,
            std::string("cannot open its folder: ") + std::strerror(errno)};
  }
  // An unnamed file, which nothing can leave behind; where the file system has none, a hidden
  // 0600 one, removed on failure.
  std::string temporary;
  const int unnamed = ::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
  FileDescriptor fd(unnamed >= 0 ? unnamed : make_hidden_file(folder, ".scarplan-", temporary));
  if (fd.get() < 0) {
    return {EditStatus::cannot_write, std::strerror(errno)};
  }
  const auto fail = [&](EditStatus status, std::string error) {
    if (!temporary.empty()) {
      ::unlink(temporary.c_str());
    }
    return EditResult{status, std::move(error)};
  };
  if (const int error_number = write_all(fd.get(), *content)) {
    return fail(EditStatus::io_error, std::strerror(error_number));
  }
  if ((info.st_uid != ::geteuid() || info.st_gid != ::getegid()) &&
      ::fchown(fd.get(), info.st_uid, info.st_gid) != 0) {
    return fail(EditStatus::cannot_write,
                std::string("cannot keep the file's owner: ") + std::strerror(errno));
  }
  if (std::string failure = copy_attributes(file->get(), fd.get()); !failure.empty()) {
    return fail(EditStatus::cannot_write, std::move(failure));
  }
  // After the ACL, which the mode's group bits then leave as it was (they are its mask).
  if (::fchmod(fd.get(), info.st_mode & 07777) != 0) {
    return fail(EditStatus::cannot_write, std::strerror(errno));
  }
  if (::fsync(fd.get()) != 0) {
    return fail(EditStatus::io_error, std::strerror(errno));
  }
  pause_for_tests();
  // Last look: a program that takes no lock (an editor) may have changed the file meanwhile.
  ReadResult now;
  struct stat named = {};
  if (::lseek(file->get(), 0, SEEK_SET) == 0) {
    read_descriptor(file->get(), info, limit, now);
  }
  if (now.status != ReadStatus::ok || now.content != read.content ||
      ::stat(target.c_str(), &named) != 0 || named.st_ino != info.st_ino ||
      named.st_dev != info.st_dev) {
    return fail(EditStatus::changed,
                "the file changed while scarplan worked on it: nothing written");
  }
  const std::string base = target.substr(target.rfind('/') + 1);
  if (temporary.empty()) {
    const std::string hidden = hidden_name_of(target);
    ::unlinkat(directory.get(), hidden.c_str(), 0); // left by an edit killed after its link
    if (const int error_number = link_unnamed(fd.get(), directory.get(), hidden.c_str())) {
      return fail(EditStatus::cannot_write, std::strerror(error_number));
    }
    if (::renameat(directory.get(), hidden.c_str(), directory.get(), base.c_str()) != 0) {
      const int error_number = errno;
      ::unlinkat(directory.get(), hidden.c_str(), 0);
      return fail(EditStatus::cannot_write, std::strerror(error_number));
    }
  } else if (::rename(temporary.c_str(), target.c_str()) != 0) {
    return fail(EditStatus::cannot_write, std::strerror(errno));
  }
  // The new name is on disk only once the folder is (no folder sync to ask for: as written).
  if (::fsync(directory.get()) != 0 && errno != EINVAL && errno != ENOTSUP && errno != ENOSYS) {
    return {EditStatus::io_error,
            std::string("written, but the folder could not be synced: ") + std::strerror(errno)};
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
