// How pins are keyed in maps: (server id, tool name) as one string.
#ifndef MCPGUARD_INTEGRITY_PIN_KEY_H_
#define MCPGUARD_INTEGRITY_PIN_KEY_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// The server id's length, ":", the server id, the tool name: with the length
// in front, distinct pairs never share a key, whatever bytes they hold.
// The name the server's instructions (the initialize result's
// `instructions`) are pinned under, beside its tools. A tool of that name
// would share the pin: each would then read as a change of the other, which
// fails closed.
inline constexpr absl::string_view kInstructionsPinName = "#instructions";

inline std::string PinKey(absl::string_view server_id, absl::string_view tool) {
  return absl::StrCat(server_id.size(), ":", server_id, tool);
}

}  // namespace mcpguard::internal

#endif  // MCPGUARD_INTEGRITY_PIN_KEY_H_
