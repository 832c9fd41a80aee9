#include "detect/match_checks.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cmath>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "base/icu_lock.h"
#include "json/hex_digit.h"
#include "net/url_host.h"

namespace mcpguard::internal {
namespace {

std::string DigitsOnly(absl::string_view text) {
  std::string digits;
  for (char c : text) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
  }
  return digits;
}

// Issuer ranges of the major card networks (ISO/IEC 7812 IINs).
bool HasCardIin(const std::string& d) {
  auto prefix = [&d](int digits) { return std::stoi(d.substr(0, static_cast<size_t>(digits))); };
  const size_t n = d.size();
  if (d[0] == '4') return n == 13 || n == 16 || n == 19;                  // Visa.
  const int two = prefix(2), four = prefix(4), six = prefix(6);
  if ((two >= 51 && two <= 55) || (six >= 222100 && six <= 272099)) return n == 16;  // Mastercard.
  if (two == 34 || two == 37) return n == 15;                             // Amex.
  if (four == 6011 || two == 65 || (prefix(3) >= 644 && prefix(3) <= 649)) return n >= 16;  // Discover.
  if (two == 35 && four >= 3528 && four <= 3589) return n >= 16;          // JCB.
  if (two == 36 || two == 38 || (prefix(3) >= 300 && prefix(3) <= 305)) return n >= 14;  // Diners.
  if (two == 62) return n >= 16;                                          // UnionPay.
  return false;
}

// Lengths of the IBANs of the registry's countries (ISO 13616).
int IbanLength(absl::string_view country) {
  static constexpr struct {
    const char code[3];
    int length;
  } kLengths[] = {
      {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16},
      {"BG", 22}, {"BH", 22}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28},
      {"CZ", 24}, {"DE", 22}, {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24},
      {"FI", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18},
      {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23},
      {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32},
      {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"MC", 27}, {"MD", 24}, {"ME", 22},
      {"MK", 19}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NL", 18}, {"NO", 15}, {"PK", 24},
      {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"SA", 24},
      {"SC", 31}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"ST", 25}, {"SV", 28},
      {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20},
  };
  for (const auto& entry : kLengths) {
    if (country == entry.code) return entry.length;
  }
  return 0;
}

}  // namespace

bool PassesLuhn(absl::string_view text) {
  const std::string d = DigitsOnly(text);
  if (d.size() < 13 || d.size() > 19 || !HasCardIin(d)) return false;
  int sum = 0;
  bool twice = false;
  for (size_t i = d.size(); i-- > 0;) {
    int digit = d[i] - '0';
    if (twice) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    twice = !twice;
  }
  return sum % 10 == 0;
}

bool PassesIban(absl::string_view text) {
  std::string iban;
  for (char c : text) {
    if (c != ' ') iban.push_back(c);
  }
  if (iban.size() < 5 || static_cast<int>(iban.size()) != IbanLength(iban.substr(0, 2))) {
    return false;
  }
  // Move the first four characters to the end, read letters as 10..35, and
  // the whole as a number mod 97, one digit at a time.
  const std::string rearranged = iban.substr(4) + iban.substr(0, 4);
  int remainder = 0;
  for (char c : rearranged) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else if (c >= 'A' && c <= 'Z') {
      remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
    } else {
      return false;
    }
  }
  return remainder == 1;
}

bool PassesUsSsn(absl::string_view ssn) {
  if (ssn.size() != 11) return false;
  const absl::string_view area = ssn.substr(0, 3), group = ssn.substr(4, 2),
                          serial = ssn.substr(7, 4);
  if (area == "000" || area == "666" || area[0] == '9') return false;
  return group != "00" && serial != "0000";
}

bool IsIpv4HostAddress(absl::string_view dotted_quad) {
  const size_t first_dot = dotted_quad.find('.');
  const size_t last_dot = dotted_quad.rfind('.');
  if (first_dot == absl::string_view::npos || first_dot == last_dot) return false;
  const absl::string_view first = dotted_quad.substr(0, first_dot);
  const absl::string_view last = dotted_quad.substr(last_dot + 1);
  return first != "0" && first != "255" && last != "0" && last != "255";
}

double ShannonEntropy(absl::string_view text) {
  if (text.empty()) return 0;
  int counts[256] = {};
  for (char c : text) ++counts[static_cast<unsigned char>(c)];
  double bits = 0;
  for (int count : counts) {
    if (count == 0) continue;
    const double p = static_cast<double>(count) / static_cast<double>(text.size());
    bits -= p * std::log2(p);
  }
  return bits;
}

bool LooksLikeGeneratedSecret(absl::string_view value) {
  if (value.size() < 16) return false;
  // Placeholders and references, not values.
  const std::string lower_value = absl::AsciiStrToLower(value);
  for (absl::string_view placeholder :
       {"xxxx", "****", "....", "<", "${", "{{", "changeme", "example", "placeholder", "your_",
        "your-", "redacted", "dummy", "sample"}) {
    if (absl::StrContains(lower_value, placeholder)) return false;
  }
  int lower = 0, upper = 0, digit = 0;
  for (char c : value) {
    lower += absl::ascii_islower(static_cast<unsigned char>(c)) ? 1 : 0;
    upper += absl::ascii_isupper(static_cast<unsigned char>(c)) ? 1 : 0;
    digit += absl::ascii_isdigit(static_cast<unsigned char>(c)) ? 1 : 0;
  }
  const int classes = (lower > 0) + (upper > 0) + (digit > 0);
  // Words and identifiers ("session_timeout_seconds") have one or two
  // classes and low entropy; generated tokens mix classes.
  return classes >= 2 && digit > 0 && ShannonEntropy(value) >= 3.5;
}

bool IsPlaceholderSecret(absl::string_view value) {
  if (absl::StrContains(value, "EXAMPLE") || absl::StrContains(value, "example")) return true;
  size_t run = 1;
  for (size_t i = 1; i < value.size(); ++i) {
    run = value[i] == value[i - 1] ? run + 1 : 1;
    if (run >= 8) return true;
  }
  const std::string lower = absl::AsciiStrToLower(value);
  return absl::StrContains(lower, "xxxx");
}

bool DecodesToText(absl::string_view encoded) {
  std::string decoded;
  const bool hex = encoded.find_first_not_of("0123456789abcdefABCDEF") == absl::string_view::npos;
  if (hex) {
    decoded = absl::HexStringToBytes(encoded.substr(0, encoded.size() & ~size_t{1}));
  } else if (!absl::Base64Unescape(encoded, &decoded)) {
    return false;
  }
  if (decoded.size() < 20) return false;
  size_t printable = 0;
  for (char c : decoded) {
    const unsigned char u = static_cast<unsigned char>(c);
    printable += (u >= 0x20 && u < 0x7f) || u == '\n' || u == '\t' || u == '\r' ? 1 : 0;
  }
  // Text, not a hash, a key or compressed data (which look random).
  return printable * 100 >= decoded.size() * 90;
}

namespace {

bool IsHostByte(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ||
         c == '_' || c == ':' || c == '[' || c == ']';
}

// For a URL the guard refuses to read (ParseUrlHost's kMalformed: a host
// with punctuation or percent-encoding, a "\" after it): the host lenient
// clients connect to, the authority after its last "@" percent-decoded once
// and cut at the first byte no host has (node-fetch 2, request and needle
// stop there: "http://169.254.169.254;.example.org" reaches the metadata
// service). Internal if that is.
bool LenientHostIsInternal(absl::string_view url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == absl::string_view::npos) return false;
  absl::string_view authority = url.substr(scheme_end + 3);
  const size_t at = authority.rfind('@');
  if (at != absl::string_view::npos) authority.remove_prefix(at + 1);
  std::string lenient(url.substr(0, scheme_end + 3));
  for (size_t i = 0; i < authority.size(); ++i) {
    char c = authority[i];
    if (c == '%' && i + 2 < authority.size() && HexDigitValue(authority[i + 1]) >= 0 &&
        HexDigitValue(authority[i + 2]) >= 0) {
      c = static_cast<char>(HexDigitValue(authority[i + 1]) * 16 + HexDigitValue(authority[i + 2]));
      i += 2;
    }
    if (!IsHostByte(c)) break;
    lenient.push_back(c);
  }
  char buffer[kMaxUrlBytes];
  UrlHost host;
  return ParseUrlHost(lenient, buffer, &host) == UrlProblem::kNone && IsInternalHost(host);
}

}  // namespace

bool IsInternalUrl(absl::string_view url) {
  // Punctuation of the sentence around the URL; "]" only when it cannot
  // close an IPv6 literal.
  const bool ipv6 = absl::StrContains(url, '[');
  while (!url.empty() && (absl::string_view(".,;:!?)}").find(url.back()) != absl::string_view::npos ||
                          (url.back() == ']' && !ipv6))) {
    url.remove_suffix(1);
  }
  char buffer[kMaxUrlBytes];
  UrlHost host;
  switch (ParseUrlHost(url, buffer, &host)) {
    case UrlProblem::kNone: return IsInternalHost(host);
    case UrlProblem::kMalformed: return LenientHostIsInternal(url);
    default: return false;
  }
}

namespace {

// The code points of well-formed UTF-8 `text`; empty when ill-formed.
std::vector<int32_t> CodePoints(absl::string_view text) {
  std::vector<int32_t> out;
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return {};
    out.push_back(c);
  }
  return out;
}

bool IsEmojiPart(int32_t c) {
  if (c == 0xFE0F || c == 0x20E3 || (c >= 0x1F3FB && c <= 0x1F3FF)) return true;
  // Emoji properties are data ICU loads on first use: under the lock.
  std::lock_guard<std::mutex> lock(IcuMutex());
  return u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC);
}

}  // namespace

bool IsNotEmojiZwj(absl::string_view text) {
  const std::vector<int32_t> cps = CodePoints(text);
  if (cps.empty() || cps.front() != 0x200D || cps.back() != 0x200D) return true;
  size_t between = 0;  // Emoji since the last joiner.
  for (size_t i = 1; i < cps.size(); ++i) {
    if (cps[i] == 0x200D) {
      if (between == 0) return true;  // Two joiners with nothing between.
      between = 0;
    } else if (IsEmojiPart(cps[i])) {
      ++between;
    } else {
      return true;
    }
  }
  return false;
}

bool IsNotFlagTags(absl::string_view text) {
  const std::vector<int32_t> cps = CodePoints(text);
  if (cps.size() < 4 || cps.size() > 7 || cps.back() != 0xE007F) return true;
  for (size_t i = 0; i + 1 < cps.size(); ++i) {
    const bool tag_alnum =
        (cps[i] >= 0xE0030 && cps[i] <= 0xE0039) || (cps[i] >= 0xE0061 && cps[i] <= 0xE007A);
    if (!tag_alnum) return true;
  }
  return false;
}

bool PassesCheck(MatchCheck check, absl::string_view text) {
  switch (check) {
    case MatchCheck::kNone: return true;
    case MatchCheck::kLuhn: return PassesLuhn(text);
    case MatchCheck::kIban: return PassesIban(text);
    case MatchCheck::kUsSsn: return PassesUsSsn(text);
    case MatchCheck::kIpv4Host: return IsIpv4HostAddress(text);
    case MatchCheck::kHighEntropy: return LooksLikeGeneratedSecret(text);
    case MatchCheck::kEncodedText: return DecodesToText(text);
    case MatchCheck::kInternalUrl: return IsInternalUrl(text);
    case MatchCheck::kNotEmojiZwj: return IsNotEmojiZwj(text);
    case MatchCheck::kNotFlagTags: return IsNotFlagTags(text);
  }
  return false;
}

}  // namespace mcpguard::internal
