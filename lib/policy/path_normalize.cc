#include "policy/path_normalize.h"

#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "json/hex_digit.h"
#include "net/url_bytes.h"

// Choices the header leaves open, all made to fail closed:
// - Only a path that starts with "/" (after decoding) is absolute. A
//   Windows drive path such as "C:\x" is, by POSIX rules, the relative name
//   "C:" then "x": it needs a base and resolves under it, as a POSIX server
//   would open it. (A Windows server would not; mcpguard assumes POSIX.)
// - A decoding reading reads a "file:" URI on the raw text, before decoding: "file://" and a
//   host of "" or "localhost" (ASCII case ignored; "\" counts as "/", as URL
//   parsers read it), then a path that must start with "/". A port,
//   userinfo, a percent-encoded host, no path, or a "?" or "#" (which a URL
//   parser would cut off, leaving a different path) is kBadUri. A relative
//   text that only decodes to "file:..." is kBadUri too: it is a URI in
//   disguise, and a server that decodes first would read it as one.
// - A text is a "file:" URI as URL parsers see it (WHATWG URL, and Python's
//   urlsplit since 3.11): after removing leading and trailing C0 controls
//   and spaces, and every tab, line feed and carriage return anywhere
//   (" fi\tle:///etc/passwd" is file:///etc/passwd, and ".\t." in its path
//   is ".."). The URI reading reads that cleaned text.
// - Roots, home and base go through the same decoding as arguments, so a
//   literal "%" before two hex digits in a root is written "%25".
// - Limits: the decoded text and every intermediate normalized path must fit
//   in kMaxPathBytes; a path that exceeds it and would shrink back after a
//   later ".." is still kTooLong.

namespace mcpguard::internal {
namespace {

bool IsSeparator(char c) { return c == '/' || c == '\\'; }



// The text a URL parser reads: `raw` without leading and trailing C0
// controls and spaces and without tabs and newlines, in `out` (of
// `capacity` bytes); false when it does not fit.
bool CleanUrl(absl::string_view raw, char* out, size_t capacity, absl::string_view* cleaned) {
  size_t begin = 0, end = raw.size();
  while (begin < end && IsUrlC0OrSpace(raw[begin])) ++begin;
  while (end > begin && IsUrlC0OrSpace(raw[end - 1])) --end;
  size_t n = 0;
  for (size_t i = begin; i < end; ++i) {
    if (IsUrlTabOrNewline(raw[i])) continue;
    if (n == capacity) return false;
    out[n++] = raw[i];
  }
  *cleaned = absl::string_view(out, n);
  return true;
}

// Replaces *text, a "file:" URI, by its path part (still percent-encoded).
PathProblem TakeUriPath(absl::string_view* text) {
  absl::string_view rest = text->substr(5);  // After "file:".
  if (rest.size() >= 2 && IsSeparator(rest[0]) && IsSeparator(rest[1])) {
    rest.remove_prefix(2);
    size_t host_end = 0;
    while (host_end < rest.size() && !IsSeparator(rest[host_end])) ++host_end;
    const absl::string_view host = rest.substr(0, host_end);
    if (!host.empty() && !absl::EqualsIgnoreCase(host, "localhost")) return PathProblem::kBadUri;
    rest.remove_prefix(host_end);
  }
  const bool has_query_or_fragment = rest.find_first_of("?#") != absl::string_view::npos;
  if (rest.empty() || !IsSeparator(rest[0]) || has_query_or_fragment) return PathProblem::kBadUri;
  *text = rest;
  return PathProblem::kNone;
}

// Copies `raw` into out[0, *length) as `reading` reads it: percent-decoded
// once, and "\" (raw or decoded) as "/", where it says so. `out` holds
// kMaxPathBytes bytes.
PathProblem Decode(absl::string_view raw, PathReading reading, char* out, size_t* length) {
  size_t n = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '%' && reading.decode) {
      // A "%" not followed by two hex digits stays itself, as WHATWG's
      // percent-decode and Python's unquote leave it ("100%.txt").
      const int high = i + 1 < raw.size() ? HexDigitValue(raw[i + 1]) : -1;
      const int low = i + 2 < raw.size() ? HexDigitValue(raw[i + 2]) : -1;
      if (high >= 0 && low >= 0) {
        c = static_cast<char>(high * 16 + low);
        i += 2;
      }
    }
    if (c == '\0') return PathProblem::kNul;
    if (n == kMaxPathBytes) return PathProblem::kTooLong;
    out[n++] = c == '\\' && reading.backslash_separates ? '/' : c;
  }
  *length = n;
  return PathProblem::kNone;
}

// Sets *anchor to the absolute directory the decoded `*text` starts from:
// "" (the root) for "/...", home for "~" or "~/..." (the "~" is removed from
// *text), base for anything else. `*text` is not empty.
PathProblem Anchor(absl::string_view home, absl::string_view base, bool tilde_expands,
                   absl::string_view* text, absl::string_view* anchor) {
  if ((*text)[0] == '/') {
    *anchor = absl::string_view();
    return PathProblem::kNone;
  }
  if ((*text)[0] == '~' && tilde_expands) {
    // "~user" would need the password database, and is another user's home.
    if (home.empty() || (text->size() > 1 && (*text)[1] != '/')) return PathProblem::kTilde;
    text->remove_prefix(1);
    *anchor = home;
    return PathProblem::kNone;
  }
  // "C:", "C:/..." and the drive-relative "C:../x" and "D:x": relative by
  // POSIX rules, but a Windows server would open that drive whatever the
  // base (found by an adversarial review: "C:..\..\Windows\win.ini"
  // resolves to C:\Windows\win.ini from a base on drive C:).
  const char first = (*text)[0];
  if (((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z')) && text->size() >= 2 &&
      (*text)[1] == ':') {
    return PathProblem::kWindowsDrive;
  }
  if (base.empty()) return PathProblem::kRelative;
  *anchor = base;
  return PathProblem::kNone;
}

// Appends the "/"-separated segments of `text` to the normalized path
// out[0, *length), which is "" for the root and otherwise "/seg/seg".
PathProblem AppendSegments(absl::string_view text, char* out, size_t* length) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('/', start);
    if (end == absl::string_view::npos) end = text.size();
    const absl::string_view segment = text.substr(start, end - start);
    start = end + 1;
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      // Clamping at "/" as the kernel does would hide an attempt to escape.
      if (*length == 0) return PathProblem::kEscapes;
      while (out[--*length] != '/') {
      }
      continue;
    }
    if (*length + 1 + segment.size() > kMaxPathBytes) return PathProblem::kTooLong;
    out[(*length)++] = '/';
    std::memcpy(out + *length, segment.data(), segment.size());
    *length += segment.size();
  }
  return PathProblem::kNone;
}


}  // namespace

bool IsFileUriToUrlParsers(absl::string_view text) {
  size_t i = 0;
  while (i < text.size() && IsUrlC0OrSpace(text[i])) ++i;
  constexpr absl::string_view kScheme = "file:";
  for (char expected : kScheme) {
    while (i < text.size() && IsUrlTabOrNewline(text[i])) ++i;
    if (i == text.size() || absl::ascii_tolower(static_cast<unsigned char>(text[i])) != expected) {
      return false;
    }
    ++i;
  }
  return true;
}


absl::string_view PathProblemText(PathProblem problem) {
  static_assert(kMaxPathBytes == 4096, "the kTooLong text names the limit");
  switch (problem) {
    case PathProblem::kNone: return "is within the allowed roots";
    case PathProblem::kEmpty: return "is empty";
    case PathProblem::kTooLong: return "is longer than 4096 bytes";
    case PathProblem::kNul: return "contains a NUL byte";
    case PathProblem::kRelative: return "is relative and no base directory is set";
    case PathProblem::kWindowsDrive: return "names a Windows drive";
    case PathProblem::kTilde: return "starts with \"~\" but no home is set, or names another user";
    case PathProblem::kBadUri: return "is a file: URI that does not name a plain local path";
    case PathProblem::kEscapes: return "climbs above \"/\" with \"..\"";
    case PathProblem::kOutsideRoots: return "is outside the allowed roots";
    case PathProblem::kDenied: return "matches a deny pattern";
  }
  return "has an unknown problem";
}

PathProblem NormalizePath(absl::string_view raw, absl::string_view home, absl::string_view base,
                          char* out, size_t* length, PathReading reading) {
  if (raw.empty()) return PathProblem::kEmpty;
  if (IsNormalAbsolutePath(raw)) {
    std::memcpy(out, raw.data(), raw.size());
    *length = raw.size();
    return PathProblem::kNone;
  }
  const bool is_uri = reading.decode && IsFileUriToUrlParsers(raw);
  // Each byte of the path comes from at most three of the URI ("%2e").
  char uri[3 * kMaxPathBytes];
  PathProblem problem = PathProblem::kNone;
  if (is_uri) {
    if (!CleanUrl(raw, uri, sizeof(uri), &raw)) return PathProblem::kTooLong;
    problem = TakeUriPath(&raw);
  }
  if (problem != PathProblem::kNone) return problem;
  char decoded[kMaxPathBytes];
  size_t decoded_length = 0;
  problem = Decode(raw, reading, decoded, &decoded_length);
  if (problem != PathProblem::kNone) return problem;
  absl::string_view text(decoded, decoded_length);
  if (reading.decode && !is_uri && IsFileUriToUrlParsers(text)) return PathProblem::kBadUri;
  absl::string_view anchor;
  problem = Anchor(home, base, reading.tilde_expands, &text, &anchor);
  if (problem != PathProblem::kNone) return problem;
  size_t n = 0;
  problem = AppendSegments(anchor, out, &n);
  if (problem == PathProblem::kNone) problem = AppendSegments(text, out, &n);
  if (problem != PathProblem::kNone) return problem;
  if (n == 0) out[n++] = '/';
  *length = n;
  return PathProblem::kNone;
}

}  // namespace mcpguard::internal
