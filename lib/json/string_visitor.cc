#include "json/string_visitor.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "json/pointer.h"

namespace mcpguard::internal {
namespace {

// An open container: the next child to visit, and the pointer's length
// before this container's children appended their token.
struct Frame {
  const rapidjson::Value* container;
  rapidjson::SizeType next;
  size_t pointer_length;
};

}  // namespace

namespace {

void Visit(const rapidjson::Value& root, absl::string_view base,
           absl::FunctionRef<void(const rapidjson::Value&, absl::string_view)> visit,
           const absl::FunctionRef<std::string(const rapidjson::Value&, absl::string_view,
                                               const rapidjson::Value&)>* visit_key) {
  std::string pointer(base);
  if (root.IsString()) {
    visit(root, pointer);
    return;
  }
  if (!root.IsObject() && !root.IsArray()) return;
  std::vector<Frame> stack = {{&root, 0, pointer.size()}};
  while (!stack.empty()) {
    Frame& frame = stack.back();
    const rapidjson::Value& c = *frame.container;
    const rapidjson::SizeType size = c.IsObject() ? c.MemberCount() : c.Size();
    if (frame.next == size) {
      stack.pop_back();
      continue;
    }
    const rapidjson::SizeType i = frame.next++;
    pointer.resize(frame.pointer_length);
    const rapidjson::Value* child;
    if (c.IsObject()) {
      const auto& member = c.MemberBegin()[i];
      std::string token;
      if (visit_key != nullptr) token = (*visit_key)(member.name, pointer, c);
      AppendPointerToken(&pointer, token.empty() ? absl::string_view(member.name.GetString(),
                                                                     member.name.GetStringLength())
                                                 : absl::string_view(token));
      child = &member.value;
    } else {
      absl::StrAppend(&pointer, "/", i);
      child = &c[i];
    }
    if (child->IsString()) {
      visit(*child, pointer);
    } else if (child->IsObject() || child->IsArray()) {
      stack.push_back({child, 0, pointer.size()});  // `frame` is not used after this.
    }
  }
}

}  // namespace

void VisitStrings(const rapidjson::Value& root, absl::string_view base,
                  absl::FunctionRef<void(const rapidjson::Value&, absl::string_view)> visit) {
  Visit(root, base, visit, nullptr);
}

void VisitStringsAndKeys(
    const rapidjson::Value& root, absl::string_view base,
    absl::FunctionRef<void(const rapidjson::Value&, absl::string_view)> visit,
    absl::FunctionRef<std::string(const rapidjson::Value&, absl::string_view,
                                  const rapidjson::Value&)>
        visit_key) {
  Visit(root, base, visit, &visit_key);
}

}  // namespace mcpguard::internal
