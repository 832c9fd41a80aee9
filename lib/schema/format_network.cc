// Network formats: ipv4, ipv6, hostname, email and uri.
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "schema/formats.h"

namespace mcpguard::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool IsUnreserved(char c) {
  return IsAlpha(c) || IsDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

bool IsSubDelim(char c) {
  switch (c) {
    case '!': case '$': case '&': case '\'': case '(': case ')':
    case '*': case '+': case ',': case ';': case '=':
      return true;
    default:
      return false;
  }
}

// Every character is unreserved, a sub-delim, one of `extra`, or a %XX
// escape.
bool IsUriComponent(absl::string_view text, absl::string_view extra) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size() || !IsHex(text[i + 1]) || !IsHex(text[i + 2])) return false;
      i += 2;
    } else if (!IsUnreserved(c) && !IsSubDelim(c) && extra.find(c) == absl::string_view::npos) {
      return false;
    }
  }
  return true;
}

bool IsValidLabel(absl::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  for (char c : label) {
    if (!IsAlpha(c) && !IsDigit(c) && c != '-') return false;
  }
  return true;
}

// Dot-atom of RFC 5322 (the unquoted local part of an address).
bool IsDotAtom(absl::string_view text) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  static constexpr absl::string_view kAtext = "!#$%&'*+-/=?^_`{|}~";
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      if (text[i - 1] == '.') return false;
    } else if (!IsAlpha(c) && !IsDigit(c) && kAtext.find(c) == absl::string_view::npos) {
      return false;
    }
  }
  return true;
}

// Quoted-string of RFC 5321: printable ASCII, with \ escaping one character.
bool IsQuotedString(absl::string_view text) {
  if (text.size() < 2 || text.front() != '"' || text.back() != '"') return false;
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\\') {
      if (++i + 1 >= text.size()) return false;
    } else if (c == '"' || c < 0x20 || c > 0x7E) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool IsValidIpv4(absl::string_view text) {
  int parts = 0;
  size_t i = 0;
  while (true) {
    const size_t start = i;
    int value = 0;
    while (i < text.size() && IsDigit(text[i]) && i - start < 3) value = value * 10 + (text[i++] - '0');
    const size_t length = i - start;
    if (length == 0 || value > 255 || (length > 1 && text[start] == '0')) return false;
    ++parts;
    if (i == text.size()) return parts == 4;
    if (text[i] != '.' || parts == 4) return false;
    ++i;
  }
}

bool IsValidIpv6(absl::string_view text) {
  int groups = 0;         // 16-bit groups written (an IPv4 tail counts two).
  bool compressed = false;
  size_t i = 0;
  if (absl::StartsWith(text, "::")) {
    compressed = true;
    i = 2;
    if (i == text.size()) return true;
  } else if (!text.empty() && text[0] == ':') {
    return false;
  }
  while (i < text.size()) {
    const size_t start = i;
    while (i < text.size() && IsHex(text[i])) ++i;
    if (i < text.size() && text[i] == '.') {
      // An IPv4 tail ends the address.
      if (!IsValidIpv4(text.substr(start))) return false;
      groups += 2;
      i = text.size();
      break;
    }
    const size_t length = i - start;
    if (length == 0 || length > 4) return false;
    ++groups;
    if (i == text.size()) break;
    if (text[i] != ':') return false;
    ++i;
    if (i < text.size() && text[i] == ':') {
      if (compressed) return false;
      compressed = true;
      ++i;
      if (i == text.size()) break;
    } else if (i == text.size()) {
      return false;  // A single trailing colon.
    }
  }
  return compressed ? groups <= 7 : groups == 8;
}

bool IsValidHostname(absl::string_view text) {
  if (text.empty() || text.size() > 253) return false;
  size_t start = 0;
  while (true) {
    const size_t dot = text.find('.', start);
    if (!IsValidLabel(text.substr(start, dot - start))) return false;
    if (dot == absl::string_view::npos) return true;
    start = dot + 1;
  }
}

bool IsValidEmail(absl::string_view text) {
  const size_t at = text.rfind('@');
  if (at == absl::string_view::npos) return false;
  const absl::string_view local = text.substr(0, at);
  const absl::string_view domain = text.substr(at + 1);
  if (!IsDotAtom(local) && !IsQuotedString(local)) return false;
  if (domain.size() >= 2 && domain.front() == '[' && domain.back() == ']') {
    const absl::string_view literal = domain.substr(1, domain.size() - 2);
    if (absl::StartsWith(literal, "IPv6:")) return IsValidIpv6(literal.substr(5));
    return IsValidIpv4(literal);
  }
  return IsValidHostname(domain);
}

bool IsValidUri(absl::string_view text) {
  // scheme ":" hier-part [ "?" query ] [ "#" fragment ]
  size_t i = 0;
  while (i < text.size() && (IsAlpha(text[i]) || (i > 0 && (IsDigit(text[i]) || text[i] == '+' ||
                                                           text[i] == '-' || text[i] == '.')))) {
    ++i;
  }
  if (i == 0 || i >= text.size() || text[i] != ':') return false;
  absl::string_view rest = text.substr(i + 1);
  const size_t hash = rest.find('#');
  if (hash != absl::string_view::npos) {
    if (!IsUriComponent(rest.substr(hash + 1), ":@/?")) return false;
    rest = rest.substr(0, hash);
  }
  const size_t question = rest.find('?');
  if (question != absl::string_view::npos) {
    if (!IsUriComponent(rest.substr(question + 1), ":@/?")) return false;
    rest = rest.substr(0, question);
  }
  if (absl::StartsWith(rest, "//")) {
    rest.remove_prefix(2);
    const size_t slash = rest.find('/');
    absl::string_view authority = rest.substr(0, slash);
    rest = slash == absl::string_view::npos ? absl::string_view() : rest.substr(slash);
    const size_t at = authority.rfind('@');
    if (at != absl::string_view::npos) {
      if (!IsUriComponent(authority.substr(0, at), ":")) return false;
      authority = authority.substr(at + 1);
    }
    absl::string_view host = authority;
    if (!authority.empty() && authority[0] == '[') {
      const size_t close = authority.find(']');
      if (close == absl::string_view::npos) return false;
      const absl::string_view literal = authority.substr(1, close - 1);
      if (!IsValidIpv6(literal) && !(literal.size() > 1 && (literal[0] == 'v' || literal[0] == 'V'))) {
        return false;
      }
      host = absl::string_view();
      authority = authority.substr(close + 1);
    } else {
      const size_t colon = authority.find(':');
      host = authority.substr(0, colon);
      authority = colon == absl::string_view::npos ? absl::string_view() : authority.substr(colon);
    }
    if (!IsUriComponent(host, "")) return false;
    if (!authority.empty()) {  // ":" port
      if (authority[0] != ':') return false;
      for (char c : authority.substr(1)) {
        if (!IsDigit(c)) return false;
      }
    }
  }
  return IsUriComponent(rest, ":@/");
}

}  // namespace mcpguard::internal
