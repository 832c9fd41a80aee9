// An HMAC key for the audit chain, read from a file (`--key-file` of
// `audit verify`, `--audit-key-file` of `proxy`): the file's bytes, less one
// trailing newline.
#ifndef MCPGUARD_TOOLS_MCPGUARD_KEY_FILE_H_
#define MCPGUARD_TOOLS_MCPGUARD_KEY_FILE_H_

#include <string>

namespace mcpguard::cli {

// Sets *key; false with *error set ("cannot read the key file", "the key
// file is empty") otherwise. Only a regular file is read.
bool ReadKeyFile(const std::string& path, std::string* key, std::string* error);

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_MCPGUARD_KEY_FILE_H_
