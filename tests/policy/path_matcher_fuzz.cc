// Fuzzes NormalizePath and PathMatcher::Check on arbitrary bytes with one
// fixed matcher. Properties, for every reading (PathReading): a normalized
// path fits kMaxPathBytes, is absolute, has no "", "." or ".." segment, no
// NUL, no "\\" where the reading separates with it, and no trailing "/"
// unless it is "/"; normalizing it again the same way changes nothing (when
// it has no "%" left to decode). Check's kNone means every reading
// normalizes under a root and matches no deny glob; any other answer means
// some reading does not (ASCII paths: for non-ASCII ones the NFC or
// NFKC_Casefold form may be what is denied), Windows's reading of the names
// included. A violation aborts, which libFuzzer reports as a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "policy/path_matcher.h"

namespace {

using mcpguard::internal::kAsWritten;
using mcpguard::internal::kMaxPathBytes;
using mcpguard::internal::NormalizePath;
using mcpguard::internal::PathMatcher;
using mcpguard::internal::PathProblem;
using mcpguard::internal::PathReading;

constexpr PathReading kReadings[] = {kAsWritten,    {false, true},        {true, false},
                                     {true, true}, {false, false, false}};

constexpr absl::string_view kRoots[] = {"/srv/data", "/tmp"};
constexpr absl::string_view kHome = "/srv/data/home";
constexpr absl::string_view kBase = "/srv/data/work";
constexpr absl::string_view kDeny[] = {"*/.ssh/*", "*/.env"};

void Fail(const char* what, absl::string_view input) {
  std::fprintf(stderr, "path_matcher_fuzz: %s (input of %zu bytes)\n", what, input.size());
  std::abort();
}

const PathMatcher& Matcher() {
  static const PathMatcher* const matcher = [] {
    mcpguard::v1::PathMatcher proto;
    for (absl::string_view root : kRoots) proto.add_roots(std::string(root));
    proto.set_home(std::string(kHome));
    proto.set_base(std::string(kBase));
    for (absl::string_view glob : kDeny) proto.add_deny(std::string(glob));
    auto compiled = PathMatcher::Compile(proto);
    if (!compiled.ok()) Fail("the fixed matcher does not compile", "");
    return compiled->release();
  }();
  return *matcher;
}

void CheckWellFormed(absl::string_view path, PathReading reading, absl::string_view input) {
  if (path.empty() || path.size() > kMaxPathBytes) Fail("bad length", input);
  if (path[0] != '/') Fail("not absolute", input);
  if (path.size() > 1 && path.back() == '/') Fail("trailing slash", input);
  if (path.find('\0') != absl::string_view::npos) Fail("NUL byte", input);
  if (reading.backslash_separates && path.find('\\') != absl::string_view::npos) {
    Fail("backslash", input);
  }
  if (path == "/") return;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == absl::string_view::npos) end = path.size();
    const absl::string_view segment = path.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") Fail("unclean segment", input);
    start = end + 1;
  }
}

bool UnderRoot(absl::string_view path) {
  for (absl::string_view root : kRoots) {
    if (absl::StartsWith(path, root) && (path.size() == root.size() || path[root.size()] == '/')) {
      return true;
    }
  }
  return false;
}

bool DeniedAsIs(absl::string_view path) {
  const std::string lower = absl::AsciiStrToLower(path);  // Deny globs ignore case.
  return absl::StrContains(lower, "/.ssh/") || absl::EndsWith(lower, "/.env");
}

// Denied as written, or as Windows reads the names: each cut at its first
// ":" and stripped of trailing dots and spaces, empty ones dropped.
bool Denied(absl::string_view path) {
  if (DeniedAsIs(path)) return true;
  std::string windows;
  for (absl::string_view name : absl::StrSplit(path, '/', absl::SkipEmpty())) {
    name = name.substr(0, name.find(':'));
    while (!name.empty() && (name.back() == '.' || name.back() == ' ')) name.remove_suffix(1);
    if (!name.empty()) absl::StrAppend(&windows, "/", name);
  }
  return DeniedAsIs(windows.empty() ? "/" : windows);
}

bool IsAscii(absl::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Normalizes `input` with the given home and base and checks the result.
PathProblem NormalizeAndCheck(absl::string_view input, absl::string_view home,
                              absl::string_view base, PathReading reading, char* out,
                              size_t* length) {
  const PathProblem problem = NormalizePath(input, home, base, out, length, reading);
  if (problem != PathProblem::kNone) return problem;
  const absl::string_view path(out, *length);
  CheckWellFormed(path, reading, input);
  if (path.find('%') == absl::string_view::npos) {
    char again[kMaxPathBytes];
    size_t again_length = 0;
    if (NormalizePath(path, "", "", again, &again_length, reading) != PathProblem::kNone ||
        absl::string_view(again, again_length) != path) {
      Fail("normalizing twice changes the path", input);
    }
  }
  return problem;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Past 3 * kMaxPathBytes every input is kTooLong: nothing new to find.
  if (size > 3 * kMaxPathBytes + 16) return 0;
  const absl::string_view input(reinterpret_cast<const char*>(data), size);
  const PathProblem checked = Matcher().Check(input);
  bool every_reading_acceptable = true;
  for (const PathReading reading : kReadings) {
    char out[kMaxPathBytes];
    size_t length = 0;
    NormalizeAndCheck(input, "", "", reading, out, &length);
    const PathProblem problem = NormalizeAndCheck(input, kHome, kBase, reading, out, &length);
    if (problem != PathProblem::kNone) {
      every_reading_acceptable = false;
      continue;
    }
    const absl::string_view path(out, length);
    if (!UnderRoot(path) || Denied(path)) every_reading_acceptable = false;
  }
  if (checked == PathProblem::kNone && !every_reading_acceptable) {
    Fail("Check accepts a path some reading puts outside the roots or denies", input);
  }
  if (checked != PathProblem::kNone && every_reading_acceptable && IsAscii(input)) {
    Fail("Check refuses a path every reading accepts", input);
  }
  return 0;
}
