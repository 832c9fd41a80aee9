// The pin file's text: reading it strictly and writing it canonically.
//
//   {"format":"mcpguard-pins-v1","pins":[
//    {"server":"fs","tool":"read_file","sha256":"<64 lowercase hex>"},
//    ...]}
//
// One pin per line, sorted by server then tool, so that files diff well.
#ifndef MCPGUARD_INTEGRITY_PIN_FILE_H_
#define MCPGUARD_INTEGRITY_PIN_FILE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace mcpguard::internal {

struct PinEntry {
  std::string server;
  std::string tool;
  std::string sha256;
};

// Reads a pin file's text. InvalidArgument naming `source` and the place (a
// byte offset for bad JSON, a JSON Pointer otherwise) for anything but a
// valid pin file: unknown format, unknown or missing member, a digest that
// is not 64 lowercase hex digits, an empty tool, a (server, tool) pinned
// twice.
absl::Status ParsePinFile(absl::string_view text, absl::string_view source,
                          std::vector<PinEntry>* pins);

// The file's text for `pins` (any order; written sorted).
std::string FormatPinFile(std::vector<PinEntry> pins);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_INTEGRITY_PIN_FILE_H_
