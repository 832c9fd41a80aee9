#include "base/atomic_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "absl/strings/str_cat.h"

namespace mcpguard::internal {
namespace {

absl::Status Errno(const std::string& what, const std::string& path) {
  return absl::UnavailableError(absl::StrCat(path, ": ", what, ": ", std::strerror(errno)));
}

bool WriteAll(int fd, absl::string_view contents) {
  while (!contents.empty()) {
    const ssize_t n = ::write(fd, contents.data(), contents.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    contents.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Flushes the directory holding `file`, so that a rename into it is durable.
void SyncDirectoryOf(const std::filesystem::path& file) {
  std::filesystem::path directory = file.parent_path();
  if (directory.empty()) directory = ".";
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // The rename happened; durability is best effort here.
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

absl::Status ReplaceFileAtomically(const std::string& path, absl::string_view contents,
                                   std::optional<mode_t> create_mode) {
  std::error_code ec;
  // Through a symbolic link, replace what it points at, not the link.
  std::filesystem::path target = std::filesystem::canonical(path, ec);
  mode_t mode;
  if (!ec) {
    struct stat original;
    if (::stat(target.c_str(), &original) != 0) return Errno("cannot stat", path);
    mode = original.st_mode & 07777;
  } else if (create_mode.has_value() && ec == std::errc::no_such_file_or_directory &&
             !std::filesystem::is_symlink(path)) {
    target = path;
    mode = *create_mode;
  } else {
    return absl::NotFoundError(absl::StrCat(path, ": ", ec.message()));
  }

  std::string pattern = target.string() + ".mcpguard-tmp.XXXXXX";
  std::vector<char> temp(pattern.begin(), pattern.end());
  temp.push_back('\0');
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return Errno("cannot create a temporary file beside it", path);
  const std::string temp_path(temp.data());
  absl::Status status;
  if (!WriteAll(fd, contents)) {
    status = Errno("cannot write the temporary file", temp_path);
  } else if (::fchmod(fd, mode) != 0) {
    status = Errno("cannot set the temporary file's permissions", temp_path);
  } else if (::fsync(fd) != 0) {
    status = Errno("cannot flush the temporary file", temp_path);
  }
  if (::close(fd) != 0 && status.ok()) status = Errno("cannot close the temporary file", temp_path);
  if (status.ok() && std::rename(temp_path.c_str(), target.c_str()) != 0) {
    status = Errno("cannot rename the temporary file over it", path);
  }
  if (!status.ok()) {
    ::unlink(temp_path.c_str());
    return status;
  }
  SyncDirectoryOf(target);
  return status;
}

}  // namespace mcpguard::internal
