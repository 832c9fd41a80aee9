#include "schema/uri.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "json/hex_digit.h"

namespace mcpguard::internal {
namespace {

struct UriParts {
  absl::string_view scheme, authority, path, query, fragment;
  bool has_scheme = false, has_authority = false, has_query = false, has_fragment = false;
};

bool IsSchemeChar(char c, bool first) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return !first && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.');
}

// RFC 3986 appendix B, by hand.
UriParts Split(absl::string_view s) {
  UriParts parts;
  const size_t hash = s.find('#');
  if (hash != absl::string_view::npos) {
    parts.has_fragment = true;
    parts.fragment = s.substr(hash + 1);
    s = s.substr(0, hash);
  }
  const size_t question = s.find('?');
  if (question != absl::string_view::npos) {
    parts.has_query = true;
    parts.query = s.substr(question + 1);
    s = s.substr(0, question);
  }
  size_t i = 0;
  while (i < s.size() && IsSchemeChar(s[i], i == 0)) ++i;
  if (i > 0 && i < s.size() && s[i] == ':') {
    parts.has_scheme = true;
    parts.scheme = s.substr(0, i);
    s = s.substr(i + 1);
  }
  if (absl::StartsWith(s, "//")) {
    parts.has_authority = true;
    s = s.substr(2);
    const size_t slash = s.find('/');
    parts.authority = s.substr(0, slash);
    s = slash == absl::string_view::npos ? absl::string_view() : s.substr(slash);
  }
  parts.path = s;
  return parts;
}

// RFC 3986 section 5.2.4.
std::string RemoveDotSegments(absl::string_view in) {
  std::string out;
  while (!in.empty()) {
    if (absl::StartsWith(in, "../")) {
      in.remove_prefix(3);
    } else if (absl::StartsWith(in, "./")) {
      in.remove_prefix(2);
    } else if (absl::StartsWith(in, "/./")) {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (absl::StartsWith(in, "/../") || in == "/..") {
      in = in.size() == 3 ? absl::string_view("/") : in.substr(3);
      const size_t last = out.rfind('/');
      out.resize(last == std::string::npos ? 0 : last);
    } else if (in == "." || in == "..") {
      in = absl::string_view();
    } else {
      const size_t next = in.find('/', in[0] == '/' ? 1 : 0);
      const absl::string_view segment = in.substr(0, next);
      out.append(segment.data(), segment.size());
      in.remove_prefix(segment.size());
    }
  }
  return out;
}

std::string Merge(const UriParts& base, absl::string_view path) {
  if (base.has_authority && base.path.empty()) return absl::StrCat("/", path);
  const size_t slash = base.path.rfind('/');
  if (slash == absl::string_view::npos) return std::string(path);
  return absl::StrCat(base.path.substr(0, slash + 1), path);
}

std::string Compose(const UriParts& p, const std::string& path) {
  std::string out;
  if (p.has_scheme) absl::StrAppend(&out, p.scheme, ":");
  if (p.has_authority) absl::StrAppend(&out, "//", p.authority);
  out += path;
  if (p.has_query) absl::StrAppend(&out, "?", p.query);
  if (p.has_fragment) absl::StrAppend(&out, "#", p.fragment);
  return out;
}

}  // namespace

std::string ResolveUri(absl::string_view base, absl::string_view reference) {
  const UriParts r = Split(reference);
  const UriParts b = Split(base);
  UriParts t;
  std::string path;
  if (r.has_scheme) {
    t = r;
    path = RemoveDotSegments(r.path);
  } else {
    t.has_scheme = b.has_scheme;
    t.scheme = b.scheme;
    if (r.has_authority) {
      t.has_authority = true;
      t.authority = r.authority;
      path = RemoveDotSegments(r.path);
      t.has_query = r.has_query;
      t.query = r.query;
    } else {
      t.has_authority = b.has_authority;
      t.authority = b.authority;
      if (r.path.empty()) {
        path = std::string(b.path);
        t.has_query = r.has_query || b.has_query;
        t.query = r.has_query ? r.query : b.query;
      } else {
        path = RemoveDotSegments(r.path[0] == '/' ? std::string(r.path) : Merge(b, r.path));
        t.has_query = r.has_query;
        t.query = r.query;
      }
    }
  }
  t.has_fragment = r.has_fragment;
  t.fragment = r.fragment;
  return Compose(t, path);
}

absl::string_view StripFragment(absl::string_view uri) {
  return uri.substr(0, uri.find('#'));
}

absl::string_view UriFragment(absl::string_view uri) {
  const size_t hash = uri.find('#');
  return hash == absl::string_view::npos ? absl::string_view() : uri.substr(hash + 1);
}

bool PercentDecode(absl::string_view text, std::string* out) {
  out->clear();
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out->push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return false;
    const int hi = HexDigitValue(text[i + 1]);
    const int lo = HexDigitValue(text[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return true;
}

}  // namespace mcpguard::internal
