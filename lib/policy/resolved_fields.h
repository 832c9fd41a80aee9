// Each distinct field a policy's conditions read, resolved at most once per
// message.
//
// Design note: rules that guard one tool tend to test the same few arguments
// (`/arguments/path` in every filesystem rule). The compiler numbers each
// distinct JSON Pointer once (FieldNumbering); a session keeps one
// ResolvedFields slot per number, stamped with the message it was resolved
// for, so the first condition that reads a field walks the DOM and the others
// reuse the answer. Starting a message only bumps the stamp, so the cost does
// not grow with the number of fields in the policy.
#ifndef MCPGUARD_POLICY_RESOLVED_FIELDS_H_
#define MCPGUARD_POLICY_RESOLVED_FIELDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "json/pointer.h"
#include "policy/url_memo.h"
#include "rapidjson/document.h"

namespace mcpguard::internal {

// Compile time: numbers pointers by their text, 0, 1, 2, ...
class FieldNumbering {
 public:
  uint32_t Number(const JsonPointer& pointer);
  uint32_t count() const { return static_cast<uint32_t>(numbers_.size()); }

 private:
  absl::flat_hash_map<std::string, uint32_t> numbers_;
};

// Run time, per session (not thread-safe): the fields of the message being
// evaluated.
class ResolvedFields {
 public:
  // Sizes the cache for a policy's FieldNumbering::count(). Allocates; call
  // when the policy changes, not per message.
  void Reset(uint32_t count);

  // Starts a message: every field resolves afresh against `scope` (params or
  // result; null when the message has none). Never allocates.
  void Begin(const rapidjson::Value* scope);

  // `pointer` resolved against the current scope; null when it names nothing,
  // and then *blocked is what JsonPointer::Resolve says blocked it (or null).
  // `number` is the pointer's FieldNumbering number. Never allocates.
  const rapidjson::Value* Resolve(uint32_t number, const JsonPointer& pointer,
                                  const rapidjson::Value** blocked) {
    Slot& slot = slots_[number];
    if (slot.stamp != stamp_) {
      slot.stamp = stamp_;
      slot.blocked = nullptr;
      slot.value = scope_ == nullptr ? nullptr : pointer.Resolve(*scope_, &slot.blocked);
    }
    *blocked = slot.blocked;
    return slot.value;
  }

  // The current message's URL memo (url conditions).
  UrlMemo* url_memo() { return &url_memo_; }

 private:
  struct Slot {
    uint64_t stamp = 0;  // 0: never resolved.
    const rapidjson::Value* value = nullptr;
    const rapidjson::Value* blocked = nullptr;
  };
  std::vector<Slot> slots_;
  uint64_t stamp_ = 0;
  const rapidjson::Value* scope_ = nullptr;
  UrlMemo url_memo_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_RESOLVED_FIELDS_H_
