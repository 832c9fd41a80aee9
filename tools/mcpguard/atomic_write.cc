#include "atomic_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <vector>

#include "absl/strings/str_cat.h"

namespace mcpguard::cli {
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

}  // namespace

absl::Status ReplaceFileAtomically(const std::string& path, absl::string_view contents) {
  std::error_code ec;
  // Through a symbolic link, replace what it points at, not the link.
  const std::filesystem::path target = std::filesystem::canonical(path, ec);
  if (ec) return absl::NotFoundError(absl::StrCat(path, ": ", ec.message()));
  struct stat original;
  if (::stat(target.c_str(), &original) != 0) return Errno("cannot stat", path);

  std::string pattern = target.string() + ".mcpguard-fmt.XXXXXX";
  std::vector<char> temp(pattern.begin(), pattern.end());
  temp.push_back('\0');
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return Errno("cannot create a temporary file beside it", path);
  const std::string temp_path(temp.data());
  absl::Status status;
  if (!WriteAll(fd, contents)) {
    status = Errno("cannot write the temporary file", temp_path);
  } else if (::fchmod(fd, original.st_mode & 07777) != 0) {
    status = Errno("cannot set the temporary file's permissions", temp_path);
  } else if (::fsync(fd) != 0) {
    status = Errno("cannot flush the temporary file", temp_path);
  }
  if (::close(fd) != 0 && status.ok()) status = Errno("cannot close the temporary file", temp_path);
  if (status.ok() && std::rename(temp_path.c_str(), target.c_str()) != 0) {
    status = Errno("cannot rename the temporary file over it", path);
  }
  if (!status.ok()) ::unlink(temp_path.c_str());
  return status;
}

}  // namespace mcpguard::cli
