#include "policy/glob.h"

#include <cstring>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace mcpguard::internal {

bool HasGlobWildcard(absl::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '*' || text[i] == '?') {
      return true;
    }
  }
  return false;
}

absl::StatusOr<Glob> Glob::Compile(absl::string_view pattern, bool ignore_case) {
  if (pattern.empty()) {
    return absl::InvalidArgumentError("empty glob pattern");
  }
  Glob glob;
  glob.pattern_ = std::string(pattern);
  glob.ignore_case_ = ignore_case;
  Segment current;
  bool any_wildcard = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '*') {
      any_wildcard = true;
      if (i == 0) glob.leading_star_ = true;
      if (i + 1 == pattern.size()) glob.trailing_star_ = true;
      // Consecutive stars are one star; an empty segment between is dropped.
      if (!current.text.empty() || glob.segments_.empty()) {
        glob.segments_.push_back(std::move(current));
      }
      current = Segment();
      continue;
    }
    bool is_any = false;
    if (c == '\\') {
      if (i + 1 == pattern.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat("glob \"", pattern, "\" ends with an unpaired '\\'"));
      }
      c = pattern[++i];
    } else if (c == '?') {
      is_any = true;
      any_wildcard = true;
    }
    // `any` stays empty until the segment's first `?`, which may be its
    // first byte.
    if (is_any && current.any.empty()) current.any.assign(current.text.size(), false);
    current.text.push_back(ignore_case ? absl::ascii_tolower(static_cast<unsigned char>(c)) : c);
    if (is_any || !current.any.empty()) current.any.push_back(is_any);
  }
  if (!current.text.empty() || glob.segments_.empty() || !glob.trailing_star_) {
    glob.segments_.push_back(std::move(current));
  }
  // The leading segment produced before a leading star is empty: drop it so
  // segments_ holds only literal runs.
  if (glob.leading_star_ && !glob.segments_.empty() && glob.segments_.front().text.empty() &&
      glob.segments_.size() > 1) {
    glob.segments_.erase(glob.segments_.begin());
  }
  glob.has_wildcard_ = any_wildcard;
  return glob;
}

bool Glob::SegmentAt(const Segment& s, absl::string_view text, size_t pos) const {
  if (pos + s.text.size() > text.size()) return false;
  const char* at = text.data() + pos;
  if (s.any.empty()) {  // No `?`: every byte must match.
    if (!ignore_case_) return std::memcmp(at, s.text.data(), s.text.size()) == 0;
    for (size_t i = 0; i < s.text.size(); ++i) {
      if (absl::ascii_tolower(static_cast<unsigned char>(at[i])) != s.text[i]) return false;
    }
    return true;
  }
  for (size_t i = 0; i < s.text.size(); ++i) {
    if (s.any[i]) continue;
    char c = at[i];
    if (ignore_case_) c = absl::ascii_tolower(static_cast<unsigned char>(c));
    if (c != s.text[i]) return false;
  }
  return true;
}

bool Glob::Matches(absl::string_view text) const {
  // No star at all: one segment that must cover the whole text.
  if (!leading_star_ && !trailing_star_ && segments_.size() == 1) {
    const Segment& only = segments_.front();
    return only.text.size() == text.size() && SegmentAt(only, text, 0);
  }
  size_t first = 0;
  size_t last = segments_.size();
  size_t pos = 0;
  size_t end = text.size();
  // Anchored head: the first segment must sit at the start.
  if (!leading_star_) {
    const Segment& head = segments_[first];
    if (!SegmentAt(head, text, 0)) return false;
    pos = head.text.size();
    ++first;
  }
  // Anchored tail: the last segment must sit at the end.
  if (!trailing_star_ && first < last) {
    const Segment& tail = segments_[last - 1];
    if (tail.text.size() > end - pos) return false;
    if (!SegmentAt(tail, text, end - tail.text.size())) return false;
    end -= tail.text.size();
    --last;
  }
  // Middle segments float: leftmost match of each, in order, is optimal.
  for (size_t k = first; k < last; ++k) {
    const Segment& seg = segments_[k];
    if (seg.text.empty()) continue;
    bool found = false;
    while (pos + seg.text.size() <= end) {
      if (SegmentAt(seg, text, pos)) {
        found = true;
        break;
      }
      ++pos;
    }
    if (!found) return false;
    pos += seg.text.size();
  }
  return pos <= end;
}

}  // namespace mcpguard::internal
