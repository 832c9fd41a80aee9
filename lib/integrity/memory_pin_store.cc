// The in-memory PinStore (mcpguard/pin_store.h).
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/sha256.h"
#include "integrity/pin_key.h"
#include "mcpguard/pin_store.h"

namespace mcpguard {
namespace {

// Bounds what servers listing ever new tools can make an engine keep (a
// pin is its key and 64 hex digits; the session pins no tool name over
// 1 KiB).
constexpr size_t kMaxPins = 100000;

// The public API speaks std::string_view; the internals absl::string_view.
absl::string_view View(std::string_view s) { return absl::string_view(s.data(), s.size()); }

class MemoryPinStore final : public PinStore {
 public:
  absl::StatusOr<std::optional<std::string>> Get(std::string_view server_id,
                                                 std::string_view tool) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = pins_.find(internal::PinKey(View(server_id), View(tool)));
    if (it == pins_.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second);
  }

  absl::StatusOr<std::string> PinIfAbsent(std::string_view server_id, std::string_view tool,
                                          std::string_view sha256) override {
    if (!internal::IsSha256Hex(View(sha256))) {
      return absl::InvalidArgumentError("a pin must be 64 lowercase hex digits");
    }
    std::string key = internal::PinKey(View(server_id), View(tool));
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = pins_.find(key); it != pins_.end()) return it->second;
    // Full: the tool is not trusted (its check reports pin_store_error).
    if (pins_.size() >= kMaxPins) {
      return absl::ResourceExhaustedError(
          absl::StrCat("the in-memory pin store holds its most pins (", kMaxPins, ")"));
    }
    return pins_.emplace(std::move(key), sha256).first->second;
  }

 private:
  std::mutex mu_;
  absl::flat_hash_map<std::string, std::string> pins_;
};

}  // namespace

std::shared_ptr<PinStore> NewMemoryPinStore() { return std::make_shared<MemoryPinStore>(); }

}  // namespace mcpguard
