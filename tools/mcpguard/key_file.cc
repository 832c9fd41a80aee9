#include "key_file.h"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "base/read_file.h"

namespace mcpguard::cli {
namespace {

// A key is tens of bytes; a file much larger is not one.
constexpr size_t kMaxKeyFileBytes = 64 << 10;

}  // namespace

bool ReadKeyFile(const std::string& path, std::string* key, std::string* error) {
  // A FIFO would block the reader, a device feed it without end: only a
  // regular file is read, and only whole.
  absl::StatusOr<std::string> contents = internal::ReadRegularFile(path, kMaxKeyFileBytes);
  if (!contents.ok()) {
    *error = absl::IsNotFound(contents.status()) || absl::IsFailedPrecondition(contents.status())
                 ? "cannot read the key file (missing, or not a regular file)"
                 : absl::StrCat("cannot read the key file: ", contents.status().message());
    return false;
  }
  *key = *std::move(contents);
  if (!key->empty() && key->back() == '\n') key->pop_back();
  if (key->empty()) {
    *error = "the key file is empty";
    return false;
  }
  return true;
}

}  // namespace mcpguard::cli
