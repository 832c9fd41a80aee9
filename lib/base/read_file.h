// Reading a whole small file (policies, pins, audit heads, keys, tests),
// with every failure reported. std::ifstream's `<< rdbuf()` reports none: a
// read that fails part-way (EIO) ends the copy quietly, so a truncated
// policy loaded as if whole, and /proc/self/mem read as an empty file.
#ifndef MCPGUARD_BASE_READ_FILE_H_
#define MCPGUARD_BASE_READ_FILE_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"

namespace mcpguard::internal {

// The bytes of the regular file at `path`. The file is opened without
// blocking and checked on the descriptor opened (no race between the check
// and the read): a FIFO would block the reader, a device feed it without
// end, a directory read as empty. Errors name the path and the cause:
//  - NotFound when there is no such file;
//  - FailedPrecondition when it is not a regular file;
//  - ResourceExhausted when it holds more than `max_bytes`;
//  - DataLoss when a read fails part-way;
//  - otherwise the open's errno (PermissionDenied, ...).
absl::StatusOr<std::string> ReadRegularFile(const std::string& path, size_t max_bytes);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_BASE_READ_FILE_H_
