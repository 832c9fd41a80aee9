// The URL a message's url conditions read last, so that several conditions
// on one field (an internal-address check, then a host allowlist) read it
// once.
//
// Design note: ParseUrlHost writes the lowercased scheme into its scratch
// buffer, and the host too when it had to decode or canonicalize it; a plain
// host (the common case) is viewed in the URL itself. Only answers with a
// plain host are kept, with a copy of the scheme (at most kMaxSchemeBytes),
// so the memo needs no buffer of its own. Within one message the DOM does not
// change, so the same bytes at the same address are the same URL;
// ResolvedFields::Begin forgets the memo at every message.
#ifndef MCPGUARD_POLICY_URL_MEMO_H_
#define MCPGUARD_POLICY_URL_MEMO_H_

#include <cstdint>
#include <cstring>

#include "absl/strings/string_view.h"
#include "net/url_host.h"

namespace mcpguard::internal {

// Per session, not thread-safe. Never allocates.
class UrlMemo {
 public:
  UrlMemo() = default;
  UrlMemo(const UrlMemo&) = delete;  // host_.scheme views scheme_.
  UrlMemo& operator=(const UrlMemo&) = delete;

  void Forget() { known_ = false; }

  // True, with ParseUrlHost's answer, when `url` (the same view into the
  // same message) was remembered since the last Forget. host->scheme then
  // views the memo, valid until the next Remember or Forget.
  bool Find(absl::string_view url, UrlProblem* parsed, UrlHost* host) const {
    if (!known_ || url.data() != url_.data() || url.size() != url_.size()) return false;
    *parsed = parsed_;
    *host = host_;
    return true;
  }

  // Keeps ParseUrlHost(url)'s answer unless its host views the scratch
  // buffer.
  void Remember(absl::string_view url, UrlProblem parsed, const UrlHost& host) {
    if (parsed == UrlProblem::kNone &&
        (!Within(url, host.host) || host.scheme.size() > sizeof(scheme_))) {
      return;
    }
    known_ = true;
    url_ = url;
    parsed_ = parsed;
    host_ = host;
    if (parsed == UrlProblem::kNone) {
      std::memcpy(scheme_, host.scheme.data(), host.scheme.size());
      host_.scheme = absl::string_view(scheme_, host.scheme.size());
    }
  }

 private:
  static bool Within(absl::string_view outer, absl::string_view inner) {
    if (inner.empty()) return true;
    const auto begin = reinterpret_cast<uintptr_t>(outer.data());
    const auto at = reinterpret_cast<uintptr_t>(inner.data());
    return at >= begin && at - begin <= outer.size() && inner.size() <= outer.size() - (at - begin);
  }

  bool known_ = false;
  absl::string_view url_;
  UrlProblem parsed_ = UrlProblem::kNone;
  UrlHost host_;
  char scheme_[kMaxSchemeBytes];
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_URL_MEMO_H_
