#include "net/uri_spelling.h"

#include "absl/strings/match.h"
#include "net/url_bytes.h"

namespace mcpguard::internal {
namespace {

// "." or "%2e" (any case).
bool IsDot(absl::string_view text, size_t* length) {
  if (absl::StartsWith(text, ".")) {
    *length = 1;
    return true;
  }
  if (text.size() >= 3 && text[0] == '%' && text[1] == '2' && (text[2] == 'e' || text[2] == 'E')) {
    *length = 3;
    return true;
  }
  return false;
}

// Whether `segment` is "." or "..", each dot raw or percent-encoded.
bool IsDotSegment(absl::string_view segment) {
  size_t dots = 0;
  while (!segment.empty() && dots < 3) {
    size_t length = 0;
    if (!IsDot(segment, &length)) return false;
    segment.remove_prefix(length);
    ++dots;
  }
  return segment.empty() && dots >= 1 && dots <= 2;
}

}  // namespace

absl::string_view AmbiguousUriSpelling(absl::string_view uri) {
  if (uri.empty()) return {};
  if (IsUrlC0OrSpace(uri.front()) || IsUrlC0OrSpace(uri.back())) {
    return "starts or ends with a space or control character";
  }
  // The path ends at the query or fragment; ".." there is data.
  const size_t path_end = uri.find_first_of("?#");
  const absl::string_view path = uri.substr(0, path_end);
  size_t segment_start = 0;
  for (size_t i = 0; i <= path.size(); ++i) {
    if (i < path.size() && IsUrlTabOrNewline(path[i])) return "holds a tab or line break";
    if (i < path.size() && path[i] == '\\') return "holds a backslash";
    if (i == path.size() || path[i] == '/') {
      if (IsDotSegment(path.substr(segment_start, i - segment_start))) {
        return "has a \".\" or \"..\" segment, raw or percent-encoded";
      }
      segment_start = i + 1;
    }
  }
  // A tab or line break in the query or fragment is dropped by URL parsers
  // too, and changes what the server is asked for.
  if (path_end != absl::string_view::npos) {
    for (char c : uri.substr(path_end)) {
      if (IsUrlTabOrNewline(c)) return "holds a tab or line break";
    }
  }
  return {};
}

}  // namespace mcpguard::internal
