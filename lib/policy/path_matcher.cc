#include "policy/path_matcher.h"

#include <cstring>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/nfc.h"
#include "base/non_ascii.h"
#include "policy/field_error.h"

namespace mcpguard::internal {
namespace {

using Proto = mcpguard::v1::PathMatcher;

bool WithinRoot(absl::string_view root, absl::string_view path) {
  if (root == "/") return true;  // `path` is absolute.
  return absl::StartsWith(path, root) && (path.size() == root.size() || path[root.size()] == '/');
}

std::string Quoted(absl::string_view text) { return absl::StrCat("\"", absl::CEscape(text), "\""); }

// Normalizes the absolute directory `text` of `field` into *normalized.
absl::Status NormalizeDirectory(absl::string_view field, absl::string_view text,
                                std::string* normalized) {
  if (text.empty() || text[0] != '/') {
    return absl::InvalidArgumentError(absl::StrCat(field, ": must be an absolute path"));
  }
  char buffer[kMaxPathBytes];
  size_t length = 0;
  const PathProblem problem = NormalizePath(text, "", "", buffer, &length);
  if (problem != PathProblem::kNone) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": ", Quoted(text), " ", PathProblemText(problem)));
  }
  normalized->assign(buffer, length);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<PathMatcher>> PathMatcher::Compile(const Proto& proto) {
  if (proto.roots().empty()) {
    return absl::InvalidArgumentError("roots: at least one root is required");
  }
  std::unique_ptr<PathMatcher> m(new PathMatcher());
  for (int i = 0; i < proto.roots_size(); ++i) {
    std::string root;
    absl::Status status = NormalizeDirectory(absl::StrCat("roots[", i, "]"), proto.roots(i), &root);
    if (!status.ok()) return status;
    m->roots_.push_back(std::move(root));
  }
  if (!proto.home().empty()) {
    absl::Status status = NormalizeDirectory("home", proto.home(), &m->home_);
    if (!status.ok()) return status;
  }
  if (!proto.base().empty()) {
    absl::Status status = NormalizeDirectory("base", proto.base(), &m->base_);
    if (!status.ok()) return status;
  }
  for (int i = 0; i < proto.deny_size(); ++i) {
    // Case-insensitive: on macOS and Windows ".SSH" is ".ssh", and a deny
    // that misses it fails open. In NFC, as the paths it is matched with.
    absl::StatusOr<Glob> glob = Glob::Compile(NfcString(proto.deny(i)), /*ignore_case=*/true);
    if (!glob.ok()) return WithField(absl::StrCat("deny[", i, "]"), glob.status());
    m->deny_.push_back(*std::move(glob));
  }
  return m;
}

PathProblem PathMatcher::Check(absl::string_view path) const {
  // As written first: what the MCP filesystem server opens. The other
  // readings only where they differ from it.
  // A path already normal (most are) is every reading's answer itself.
  if (IsNormalAbsolutePath(path)) {
    const PathProblem problem = RootsAndDeny(path);
    return problem != PathProblem::kNone ? problem : DenyAliases(path);
  }
  PathReading readings[5] = {kAsWritten};
  size_t count = 1;
  // A server that does not expand "~" opens it as a name under its working
  // directory (found by a review: "~/../../etc/passwd" is inside the roots
  // with "~" as home, but /etc/passwd from a base two levels up).
  if (!path.empty() && path[0] == '~' && !base_.empty()) readings[count++] = {false, false, false};
  if (path.find('\\') != absl::string_view::npos) readings[count++] = {false, true};
  if (path.find('%') != absl::string_view::npos || IsFileUriToUrlParsers(path)) {
    readings[count++] = {true, false};
    readings[count++] = {true, true};
  }
  for (size_t i = 0; i < count; ++i) {
    char buffer[kMaxPathBytes];
    size_t length = 0;
    PathProblem problem = NormalizePath(path, home_, base_, buffer, &length, readings[i]);
    if (problem == PathProblem::kNone) problem = CheckNormalized(absl::string_view(buffer, length));
    if (problem != PathProblem::kNone) return problem;
  }
  return PathProblem::kNone;
}

PathProblem PathMatcher::CheckNormalized(absl::string_view normalized) const {
  PathProblem problem = RootsAndDeny(normalized);
  if (problem != PathProblem::kNone) return problem;
  // NFC cannot make a separator, "." or "..": its form is normalized too.
  char nfc[kMaxPathBytes];
  size_t nfc_length = 0;
  switch (ToNfc(normalized, nfc, sizeof(nfc), &nfc_length)) {
    case NfcResult::kSame:
      break;
    // Bytes no UTF-8 text has (a decoded "%ff") match no name by NFC.
    case NfcResult::kIllFormed:
      break;
    case NfcResult::kTooLong:
      return PathProblem::kTooLong;
    case NfcResult::kChanged:
      problem = RootsAndDeny(absl::string_view(nfc, nfc_length));
      if (problem != PathProblem::kNone) return problem;
      break;
  }
  return DenyAliases(normalized);
}

namespace {

// Windows's reading of each name of `path`: a ":stream" suffix (NTFS
// alternate data streams: ".env::$DATA" is .env's data) and trailing dots
// and spaces dropped (".env." and ".env " open .env; ".git./config" is
// .git\config). A name left empty is dropped. Returns true, with the result
// in out[0, *length), when that changes anything.
// Whether Windows reads some name of `path` as another: one with a ":" or
// ending in "." or " ".
bool HasWindowsTrim(absl::string_view path) {
  for (size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == ':' || ((c == '.' || c == ' ') && (i + 1 == path.size() || path[i + 1] == '/'))) {
      return true;
    }
  }
  return false;
}

bool TrimWindowsNames(absl::string_view path, char* out, size_t* length) {
  if (!HasWindowsTrim(path)) return false;  // Most paths: no copy.
  size_t n = 0;
  bool changed = false;
  size_t start = 0;
  while (start < path.size()) {
    size_t end = path.find('/', start);
    if (end == absl::string_view::npos) end = path.size();
    absl::string_view name = path.substr(start, end - start);
    start = end + 1;
    const size_t colon = name.find(':');
    if (colon != absl::string_view::npos) {
      name = name.substr(0, colon);
      changed = true;
    }
    while (!name.empty() && (name.back() == '.' || name.back() == ' ')) {
      name.remove_suffix(1);
      changed = true;
    }
    if (name.empty()) continue;
    out[n++] = '/';
    std::memcpy(out + n, name.data(), name.size());
    n += name.size();
  }
  if (n == 0) out[n++] = '/';
  *length = n;
  return changed;
}

}  // namespace

bool PathMatcher::Denied(absl::string_view normalized) const {
  for (const Glob& glob : deny_) {
    if (glob.Matches(normalized)) return true;
  }
  return false;
}

PathProblem PathMatcher::DenyAliases(absl::string_view normalized) const {
  if (deny_.empty()) return PathProblem::kNone;
  // Most paths have no alias: ASCII, and nothing Windows trims. Said before
  // the buffers of DenyAliasesOf take their stack pages.
  return HasNonAscii(normalized) || HasWindowsTrim(normalized) ? DenyAliasesOf(normalized)
                                                                : PathProblem::kNone;
}

PathProblem PathMatcher::DenyAliasesOf(absl::string_view normalized) const {
  char folded[kMaxPathBytes];
  size_t folded_length = 0;
  absl::string_view forms[2] = {normalized, absl::string_view()};
  size_t count = 1;
  switch (ToNfkcCasefold(normalized, folded, sizeof(folded), &folded_length)) {
    case NfcResult::kChanged:
      forms[count++] = absl::string_view(folded, folded_length);
      break;
    case NfcResult::kTooLong:
      return PathProblem::kTooLong;
    case NfcResult::kSame:
    case NfcResult::kIllFormed:
      break;
  }
  for (size_t i = 0; i < count; ++i) {
    if (i > 0 && Denied(forms[i])) return PathProblem::kDenied;
    // Trimming never lengthens a path.
    char trimmed[kMaxPathBytes];
    size_t trimmed_length = 0;
    if (TrimWindowsNames(forms[i], trimmed, &trimmed_length) &&
        Denied(absl::string_view(trimmed, trimmed_length))) {
      return PathProblem::kDenied;
    }
  }
  return PathProblem::kNone;
}

PathProblem PathMatcher::RootsAndDeny(absl::string_view normalized) const {
  bool inside = false;
  for (const std::string& root : roots_) inside = inside || WithinRoot(root, normalized);
  if (!inside) return PathProblem::kOutsideRoots;
  return Denied(normalized) ? PathProblem::kDenied : PathProblem::kNone;
}

std::string PathMatcher::Describe() const {
  std::string text = "path within ";
  for (size_t i = 0; i < roots_.size(); ++i) {
    absl::StrAppend(&text, i == 0 ? "" : ", ", Quoted(roots_[i]));
  }
  for (size_t i = 0; i < deny_.size(); ++i) {
    absl::StrAppend(&text, i == 0 ? " except " : ", ", Quoted(deny_[i].pattern()));
  }
  return text;
}

}  // namespace mcpguard::internal
