// Where a member's value sits in the text a JsonParser read, found from the
// DOM in constant time, without reading the value.
//
// Design note: the parser decodes strings in place, so a key's pointer into
// the parser's buffer gives the offset of its opening quote in the input.
// The value starts after that key's closing quote and the colon; it ends
// before the comma that precedes the next member, at whichever depth the
// next member comes (a member's value that is the last of its object ends
// before that object's closing brace, and so on up to the root). Objects
// keep their members in document order, so that next member is the next
// one in its object's member list. A value's own size never matters.
#ifndef MCPGUARD_JSON_MEMBER_SPAN_H_
#define MCPGUARD_JSON_MEMBER_SPAN_H_

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "rapidjson/document.h"

namespace mcpguard::internal {

// One member on the way from the root down: `member` is one of `object`'s.
struct MemberStep {
  const rapidjson::Value* object;
  rapidjson::Value::ConstMemberIterator member;
};

// The text of the last step's member value in `source`, the input of the
// successful JsonParser::Parse whose buffer() is `base`. `path` starts with
// a member of the root, and each next step's object is the previous step's
// member value. False (and *span untouched) when `path` is empty or the
// text is not laid out as such a parse leaves it, which does not happen for
// a path built from that parse's DOM.
bool MemberValueSpan(absl::string_view source, const char* base,
                     absl::Span<const MemberStep> path, absl::string_view* span);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_MEMBER_SPAN_H_
