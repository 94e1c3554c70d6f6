#include <scarplan/util/files.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
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

WriteResult
write_file_atomically(const std::string& path, const std::string& content, bool overwrite)
{
  WriteResult result;
  const auto fail = [&](WriteStatus status, std::string error) {
    result.status = status;
    result.error = std::move(error);
    return result;
  };
  struct stat existing = {};
  if (::stat(path.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode)) {
    // A terminal, /dev/null or a FIFO is written to, never replaced by a regular file (as
    // root that would replace /dev/null); anything else that is not a regular file is refused.
    if (!S_ISCHR(existing.st_mode) && !S_ISFIFO(existing.st_mode)) {
      return fail(WriteStatus::cannot_create, "not a regular file, a device or a FIFO");
    }
    FileDescriptor device(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
    if (device.get() < 0) {
      return fail(WriteStatus::cannot_create, std::strerror(errno));
    }
    if (const int error_number = write_all(device.get(), content)) {
      return fail(WriteStatus::io_error, std::strerror(error_number));
    }
    return result;
  }
  if (!overwrite && ::access(path.c_str(), F_OK) == 0) {
    return fail(WriteStatus::exists, "exists (use --force to replace it)");
  }
  std::string temporary = folder_of(path) + "/.scarplan-XXXXXX";
  std::vector<char> name(temporary.begin(), temporary.end());
  name.push_back('\0');
  FileDescriptor fd(::mkstemp(name.data())); // mkstemp creates the file 0600
  if (fd.get() < 0) {
    return fail(WriteStatus::cannot_create, std::strerror(errno));
  }
  temporary = name.data();
  const auto abandon = [&](int error_number) {
    ::unlink(temporary.c_str());
    return fail(WriteStatus::io_error, std::strerror(error_number));
  };
  if (const int error_number = write_all(fd.get(), content)) {
    return abandon(error_number);
  }
  if (::fsync(fd.get()) != 0 || ::close(fd.release()) != 0) {
    return abandon(errno);
  }
  if (overwrite) {
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
      const int error_number = errno;
      ::unlink(temporary.c_str());
      return fail(WriteStatus::cannot_create, std::strerror(error_number));
    }
  } else {
    // link() fails if the target appeared meanwhile, so a concurrent writer is never clobbered.
    if (::link(temporary.c_str(), path.c_str()) != 0) {
      const int error_number = errno;
      ::unlink(temporary.c_str());
      return error_number == EEXIST
                 ? fail(WriteStatus::exists, "exists (use --force to replace it)")
                 : fail(WriteStatus::cannot_create, std::strerror(error_number));
    }
    ::unlink(temporary.c_str());
  }
  return result;
}

bool
is_directory(const std::string& path)
{
  struct stat info = {};
  return ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

} // namespace scarplan
