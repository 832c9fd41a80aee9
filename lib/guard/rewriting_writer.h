// Writes a parsed message back out with some of its string values replaced
// (redaction), through json::StringRewritingWriter.
#ifndef MCPGUARD_GUARD_REWRITING_WRITER_H_
#define MCPGUARD_GUARD_REWRITING_WRITER_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "json/string_rewriting_writer.h"

namespace mcpguard::internal {

// Replacement text by the address of the replaced string's bytes in the
// parsed document (each string value and member name has its own).
using StringReplacements = absl::flat_hash_map<const char*, std::string>;

// Looks string values and member names up in the replacements.
struct ReplacementLookup {
  const StringReplacements* replacements;
  const std::string* operator()(const char* s, rapidjson::SizeType, bool) const {
    if (replacements->empty()) return nullptr;
    auto it = replacements->find(s);
    return it == replacements->end() ? nullptr : &it->second;
  }
};

class RewritingWriter : public StringRewritingWriter<ReplacementLookup> {
 public:
  RewritingWriter(Writer* out, const StringReplacements& replacements)
      : StringRewritingWriter(out, ReplacementLookup{&replacements}) {}
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_GUARD_REWRITING_WRITER_H_
