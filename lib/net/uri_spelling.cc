#include "net/uri_spelling.h"

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "json/hex_digit.h"
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

bool IsUnreserved(unsigned char c) {
  return absl::ascii_isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

// RFC 3986 scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ":".
size_t SchemeLength(absl::string_view uri) {
  if (uri.empty() || !absl::ascii_isalpha(static_cast<unsigned char>(uri[0]))) return 0;
  for (size_t i = 1; i < uri.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(uri[i]);
    if (c == ':') return i;
    if (!absl::ascii_isalnum(c) && c != '+' && c != '-' && c != '.') return 0;
  }
  return 0;
}

// Appends `text` with its escapes normalized: unreserved bytes decoded,
// the rest in uppercase hex; with `lower`, ASCII letters lowercased (a
// decoded one too: "%4C" in a host is "l").
void AppendNormalized(absl::string_view text, bool lower, std::string* out) {
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '%' && i + 2 < text.size() && HexDigitValue(text[i + 1]) >= 0 &&
        HexDigitValue(text[i + 2]) >= 0) {
      const unsigned char decoded =
          static_cast<unsigned char>(HexDigitValue(text[i + 1]) * 16 + HexDigitValue(text[i + 2]));
      i += 2;
      if (IsUnreserved(decoded)) {
        out->push_back(static_cast<char>(lower ? absl::ascii_tolower(decoded) : decoded));
      } else {
        constexpr char kHex[] = "0123456789ABCDEF";
        out->push_back('%');
        out->push_back(kHex[decoded >> 4]);
        out->push_back(kHex[decoded & 15]);
      }
      continue;
    }
    out->push_back(static_cast<char>(lower ? absl::ascii_tolower(c) : c));
  }
}

// A Windows drive at the start of the path out[path_start...], "/C:", "/c|"
// or "/C%3A", spelled "/C:" (WHATWG reads "|" as ":", Windows file systems
// ignore the letter's case, and fileURLToPath decodes "%3A").
void SpellWindowsDrive(size_t path_start, std::string* out) {
  const absl::string_view path = absl::string_view(*out).substr(path_start);
  if (path.size() < 3 || path[0] != '/' ||
      !absl::ascii_isalpha(static_cast<unsigned char>(path[1]))) {
    return;
  }
  const size_t colon = path[2] == ':' || path[2] == '|'                      ? 1
                       : absl::StartsWithIgnoreCase(path.substr(2), "%3A") ? 3
                                                                           : 0;
  if (colon == 0) return;
  const size_t next = 2 + colon;
  if (next < path.size() && path[next] != '/' && path[next] != '?' && path[next] != '#') return;
  (*out)[path_start + 1] = absl::ascii_toupper(static_cast<unsigned char>(path[1]));
  out->replace(path_start + 2, colon, ":");
}

// The default port of a special scheme with a host (WHATWG URL), or empty.
absl::string_view DefaultPortOf(absl::string_view scheme) {
  if (scheme == "http" || scheme == "ws") return "80";
  if (scheme == "https" || scheme == "wss") return "443";
  if (scheme == "ftp") return "21";
  return {};
}

}  // namespace

bool CanonicalUriSpelling(absl::string_view uri, std::string* canonical) {
  std::string& out = *canonical;
  out.clear();
  const size_t scheme_length = SchemeLength(uri);
  absl::string_view rest = uri;
  bool relative_file_path = false;  // "file:p": the path gets its "/".
  // "file://C:/x" and "file://C|/x": URL parsers take a Windows drive
  // letter where the host would be as the path's start ("file:///C:/x").
  if (scheme_length == 4 && absl::StartsWithIgnoreCase(uri, "file://") && uri.size() >= 9 &&
      absl::ascii_isalpha(static_cast<unsigned char>(uri[7])) && (uri[8] == ':' || uri[8] == '|') &&
      (uri.size() == 9 || uri[9] == '/' || uri[9] == '\\' || uri[9] == '?' || uri[9] == '#')) {
    CanonicalUriSpelling(absl::StrCat("file:///", uri.substr(7)), canonical);
    return true;
  }
  if (scheme_length > 0) {
    AppendNormalized(uri.substr(0, scheme_length + 1), /*lower=*/true, &out);
    rest = uri.substr(scheme_length + 1);
    if (out == "file:" && !absl::StartsWith(rest, "//")) {
      // "file:/p" and "file:p" are "file:///p" to URL parsers (WHATWG URL,
      // Python's urlsplit reads the same path): no authority, the path
      // made absolute.
      out.append("//");
      if (!absl::StartsWith(rest, "/")) relative_file_path = true;
    } else if (absl::StartsWith(rest, "//")) {
      rest.remove_prefix(2);
      const size_t authority_end = std::min(rest.find_first_of("/?#"), rest.size());
      const absl::string_view authority = rest.substr(0, authority_end);
      rest.remove_prefix(authority_end);
      // Userinfo keeps its case; the host (and port) do not.
      const size_t at = authority.rfind('@');
      const absl::string_view userinfo =
          at == absl::string_view::npos ? absl::string_view() : authority.substr(0, at + 1);
      const absl::string_view host =
          at == absl::string_view::npos ? authority : authority.substr(at + 1);
      out.append("//");
      AppendNormalized(userinfo, /*lower=*/false, &out);
      const size_t host_start = out.size();
      AppendNormalized(host, /*lower=*/true, &out);
      if (absl::string_view(out).substr(0, scheme_length) == "file" &&
          userinfo.empty() && absl::string_view(out).substr(host_start) == "localhost") {
        out.resize(host_start);
      }
      // A special scheme's default port, or an empty one, is no port
      // (WHATWG URL): "https://x:443/admin" is "https://x/admin".
      const absl::string_view port = DefaultPortOf(absl::string_view(out).substr(0, scheme_length));
      if (absl::EndsWith(out, absl::StrCat(":", port)) && !port.empty()) {
        out.resize(out.size() - port.size() - 1);
      } else if (absl::EndsWith(out, ":") && out.size() > host_start) {
        out.pop_back();
      }
    }
  }
  const size_t path_start = out.size();
  if (relative_file_path) out.push_back('/');
  AppendNormalized(rest, /*lower=*/false, &out);
  // In a web URL a fragment is the client's own: never sent to a server
  // (RFC 3986 section 3.5), so "https://x/admin/keys#" and "...#a" name
  // what "https://x/admin/keys" does; so does an empty query ("...keys?"),
  // as servers route it (found by an adversarial review: both passed an
  // exact DENY, and each new fragment was a new rate-limit bucket). Other
  // schemes' URIs with either are refused (AmbiguousUriSpelling): their
  // servers may drop them or read them as part of the name.
  const absl::string_view scheme = absl::string_view(out).substr(0, scheme_length);
  if (!DefaultPortOf(scheme).empty()) {
    const size_t fragment = out.find('#', path_start);
    if (fragment != std::string::npos) out.resize(fragment);
    if (!out.empty() && out.back() == '?' && out.find('?', path_start) == out.size() - 1) {
      out.pop_back();
    }
  }
  if (scheme == "file" || !DefaultPortOf(scheme).empty()) {
    // A file system reads "//" in a path as "/", and so do web servers
    // that merge slashes (nginx by default).
    const size_t path_end = std::min(out.find_first_of("?#", path_start), out.size());
    size_t kept = path_start;
    for (size_t i = path_start; i < path_end; ++i) {
      if (out[i] == '/' && kept > path_start && out[kept - 1] == '/') continue;
      out[kept++] = out[i];
    }
    out.erase(kept, path_end - kept);
    if (scheme == "file") SpellWindowsDrive(path_start, &out);
  }
  return out != uri;
}

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
  // A file system has no query or fragment: servers drop them
  // (fileURLToPath, Python's url2pathname), so "file:///etc/passwd?x" names
  // /etc/passwd, which a glob on "file:///etc/passwd" would not match.
  const size_t scheme_length = SchemeLength(uri);
  if (path_end != absl::string_view::npos && scheme_length == 4 &&
      absl::StartsWithIgnoreCase(uri, "file:")) {
    return "is a file: URI with a query or fragment (file systems drop them)";
  }
  // A scheme of the server's own: it may drop a fragment or an empty query,
  // or read them as part of the name ("notes://n/readme#/../secret" as a
  // path), so neither the spelling with them nor the one without can be
  // matched for it (found by a review: dropping the fragment let an exact
  // ALLOW pass "#/../secret"). Web URLs lose them (CanonicalUriSpelling).
  if (path_end != absl::string_view::npos) {
    const std::string scheme = absl::AsciiStrToLower(uri.substr(0, scheme_length));
    const size_t hash = uri.find('#');
    const bool empty_query = uri[path_end] == '?' && (path_end + 1 == uri.size() ||
                                                      uri[path_end + 1] == '#');
    if (DefaultPortOf(scheme).empty() && (hash != absl::string_view::npos || empty_query)) {
      return "has a fragment or an empty query, which servers of its scheme may drop or read "
             "as part of the name";
    }
  }
  return {};
}

}  // namespace mcpguard::internal
