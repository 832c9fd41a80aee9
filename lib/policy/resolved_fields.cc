#include "policy/resolved_fields.h"

namespace mcpguard::internal {

uint32_t FieldNumbering::Number(const JsonPointer& pointer) {
  return numbers_.try_emplace(pointer.text(), count()).first->second;
}

void ResolvedFields::Reset(uint32_t count) {
  slots_.assign(count, Slot());
  stamp_ = 0;
  scope_ = nullptr;
  url_memo_.Forget();
}

void ResolvedFields::Begin(const rapidjson::Value* scope) {
  // 64 bits: a session would need centuries of messages to wrap.
  ++stamp_;
  scope_ = scope;
  url_memo_.Forget();
}

}  // namespace mcpguard::internal
