#include "net/ip_address.h"

#include <algorithm>
#include <utility>

#include "json/hex_digit.h"

namespace mcpguard::internal {
namespace {

// Larger than any valid part; a longer number saturates here.
constexpr uint64_t kTooBig = uint64_t{1} << 32;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(absl::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit);
}

// The WHATWG IPv4 number parser: false when `part` is no number; values
// above 2^32 - 1 saturate at kTooBig, which no check accepts.
bool ParseNumber(absl::string_view part, uint64_t* value) {
  if (part.empty()) return false;
  int radix = 10;
  if (part.size() >= 2 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X')) {
    radix = 16;
    part.remove_prefix(2);  // "0x" alone is 0.
  } else if (part.size() >= 2 && part[0] == '0') {
    radix = 8;
    part.remove_prefix(1);
  }
  uint64_t v = 0;
  for (char c : part) {
    const int digit = HexDigitValue(c);
    if (digit < 0 || digit >= radix) return false;
    v = std::min(v * radix + digit, kTooBig);
  }
  *value = v;
  return true;
}

uint32_t Load32(const uint8_t* p) {
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3];
}

bool AllZero(const uint8_t* p, size_t n) {
  return std::all_of(p, p + n, [](uint8_t b) { return b == 0; });
}

struct Ipv4Range {
  uint32_t prefix;
  int bits;
};

// IANA IPv4 special-purpose registry entries that are not globally
// reachable, plus multicast and one cloud host-only address. Sorted by
// address.
constexpr Ipv4Range kInternalIpv4[] = {
    {0x00000000, 8},   // 0.0.0.0/8 "this network"; Linux connects 0.0.0.0 to loopback.
    {0x0a000000, 8},   // 10.0.0.0/8 private.
    {0x64400000, 10},  // 100.64.0.0/10 shared (CGNAT); Alibaba metadata 100.100.100.200.
    {0x7f000000, 8},   // 127.0.0.0/8 loopback.
    {0xa83f8110, 32},  // 168.63.129.16 Azure's WireServer (VM agent, DNS): only VMs reach it.
    {0xa9fe0000, 16},  // 169.254.0.0/16 link-local; 169.254.169.254 cloud metadata.
    {0xac100000, 12},  // 172.16.0.0/12 private.
    {0xc0000000, 24},  // 192.0.0.0/24 IETF protocol assignments.
    {0xc0000200, 24},  // 192.0.2.0/24 TEST-NET-1.
    {0xc0586300, 24},  // 192.88.99.0/24 6to4 relay anycast.
    {0xc0a80000, 16},  // 192.168.0.0/16 private.
    {0xc6120000, 15},  // 198.18.0.0/15 benchmarking.
    {0xc6336400, 24},  // 198.51.100.0/24 TEST-NET-2.
    {0xcb007100, 24},  // 203.0.113.0/24 TEST-NET-3.
    {0xe0000000, 4},   // 224.0.0.0/4 multicast.
    {0xf0000000, 4},   // 240.0.0.0/4 reserved, with broadcast 255.255.255.255.
};

struct Ipv6Range {
  uint8_t prefix[16];
  int bits;
};

// Ranges internal whatever follows the prefix. The forms that embed an IPv4
// address are in IsInternalIpv6.
constexpr Ipv6Range kInternalIpv6[] = {
    {{0x01, 0x00}, 64},                          // 100::/64 discard-only.
    {{0x00, 0x64, 0xff, 0x9b, 0x00, 0x01}, 48},  // 64:ff9b:1::/48 local-use NAT64;
                                                 // where the IPv4 sits is the operator's choice.
    {{0x20, 0x01, 0x0d, 0xb8}, 32},              // 2001:db8::/32 documentation.
    {{0x3f, 0xff}, 20},                          // 3fff::/20 documentation (RFC 9637).
    {{0xfc}, 7},    // fc00::/7 unique local; AWS metadata fd00:ec2::254.
    {{0xfe, 0x80}, 10},  // fe80::/10 link-local.
    {{0xfe, 0xc0}, 10},  // fec0::/10 site-local (deprecated, still routable inside sites).
    {{0xff}, 8},         // ff00::/8 multicast.
};

bool HasPrefix(const uint8_t address[16], const Ipv6Range& range) {
  const int whole = range.bits / 8;
  if (!std::equal(address, address + whole, range.prefix)) return false;
  const int rest = range.bits % 8;
  if (rest == 0) return true;
  const uint8_t mask = static_cast<uint8_t>(0xff << (8 - rest));
  return (address[whole] & mask) == (range.prefix[whole] & mask);
}

char* WriteDecimal(unsigned value, char* out) {
  char digits[3];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (n > 0) *out++ = digits[--n];
  return out;
}

char* WriteHex(unsigned value, char* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  bool started = false;
  for (int shift = 12; shift >= 0; shift -= 4) {
    const unsigned digit = (value >> shift) & 0xf;
    if (digit != 0 || started || shift == 0) {
      *out++ = kHex[digit];
      started = true;
    }
  }
  return out;
}

}  // namespace

Ipv4Parse ParseIpv4(absl::string_view host, uint32_t* address) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  // "Ends in a number": the last label decides between name and address.
  const size_t last_dot = host.rfind('.');
  const absl::string_view last =
      last_dot == absl::string_view::npos ? host : host.substr(last_dot + 1);
  // Both number forms start with a digit ("0x..." too): most names stop here.
  if (last.empty() || !IsDigit(last[0])) return Ipv4Parse::kNotIpv4;
  uint64_t unused;
  if (!AllDigits(last) && !ParseNumber(last, &unused)) return Ipv4Parse::kNotIpv4;

  uint64_t parts[4];
  size_t count = 0;
  for (absl::string_view rest = host;;) {
    const size_t dot = rest.find('.');
    if (count == 4 || !ParseNumber(rest.substr(0, dot), &parts[count])) {
      return Ipv4Parse::kInvalid;
    }
    ++count;
    if (dot == absl::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  // Every part but the last is one byte; the last fills the bytes left.
  uint64_t value = parts[count - 1];
  if (value >= uint64_t{1} << (8 * (5 - count))) return Ipv4Parse::kInvalid;
  for (size_t i = 0; i + 1 < count; ++i) {
    if (parts[i] > 255) return Ipv4Parse::kInvalid;
    value += parts[i] << (8 * (3 - i));
  }
  *address = static_cast<uint32_t>(value);
  return Ipv4Parse::kIpv4;
}

bool ParseIpv6(absl::string_view text, uint8_t address[16]) {
  uint16_t pieces[8] = {};
  int piece = 0;
  int compress = -1;  // Index of the piece "::" stands before, if any.
  size_t i = 0;
  const size_t n = text.size();
  if (n > 0 && text[0] == ':') {
    if (n < 2 || text[1] != ':') return false;
    i = 2;
    compress = piece = 1;
  }
  while (i < n) {
    if (piece == 8) return false;
    if (text[i] == ':') {
      if (compress >= 0) return false;  // A second "::".
      ++i;
      compress = ++piece;
      continue;
    }
    unsigned value = 0;
    size_t length = 0;
    while (length < 4 && i < n && HexDigitValue(text[i]) >= 0) {
      value = value * 16 + static_cast<unsigned>(HexDigitValue(text[i]));
      ++i;
      ++length;
    }
    if (i < n && text[i] == '.') {
      // The group just read is the first part of a dotted IPv4 in the last
      // two pieces: reread it as decimal.
      if (length == 0 || piece > 6) return false;
      i -= length;
      int octets = 0;
      while (i < n) {
        if (octets > 0) {
          if (text[i] != '.' || octets == 4) return false;
          ++i;
        }
        if (i == n || !IsDigit(text[i])) return false;
        int octet = -1;
        while (i < n && IsDigit(text[i])) {
          if (octet == 0) return false;  // No leading zeros.
          octet = (octet < 0 ? 0 : octet * 10) + (text[i] - '0');
          if (octet > 255) return false;
          ++i;
        }
        pieces[piece] = static_cast<uint16_t>(pieces[piece] * 0x100 + octet);
        ++octets;
        if (octets == 2 || octets == 4) ++piece;
      }
      if (octets != 4) return false;
      break;
    }
    if (i < n && text[i] == ':') {
      if (++i == n) return false;  // A trailing single ":".
    } else if (i < n) {
      return false;  // Anything else, "%" of a zone id included.
    }
    pieces[piece++] = static_cast<uint16_t>(value);
  }
  if (compress >= 0) {
    // Move the pieces after "::" to the end; zeros fill the gap.
    int swaps = piece - compress;
    for (piece = 7; piece != 0 && swaps > 0; --piece, --swaps) {
      std::swap(pieces[piece], pieces[compress + swaps - 1]);
    }
  } else if (piece != 8) {
    return false;
  }
  for (int k = 0; k < 8; ++k) {
    address[2 * k] = static_cast<uint8_t>(pieces[k] >> 8);
    address[2 * k + 1] = static_cast<uint8_t>(pieces[k]);
  }
  return true;
}

size_t FormatIpv4(uint32_t address, char* out) {
  char* p = out;
  for (int shift = 24; shift >= 0; shift -= 8) {
    p = WriteDecimal((address >> shift) & 0xff, p);
    if (shift != 0) *p++ = '.';
  }
  return static_cast<size_t>(p - out);
}

size_t FormatIpv6(const uint8_t address[16], char* out) {
  unsigned pieces[8];
  for (int k = 0; k < 8; ++k) pieces[k] = unsigned{address[2 * k]} << 8 | address[2 * k + 1];
  // The first longest run of at least two zero pieces becomes "::".
  int best = -1, best_length = 1;
  for (int k = 0; k < 8;) {
    int end = k;
    while (end < 8 && pieces[end] == 0) ++end;
    if (end - k > best_length) {
      best = k;
      best_length = end - k;
    }
    k = end == k ? k + 1 : end;
  }
  char* p = out;
  for (int k = 0; k < 8; ++k) {
    if (k == best) {
      *p++ = ':';
      if (k == 0) *p++ = ':';
      k += best_length - 1;
      continue;
    }
    p = WriteHex(pieces[k], p);
    if (k != 7) *p++ = ':';
  }
  return static_cast<size_t>(p - out);
}

bool IsInternalIpv4(uint32_t address) {
  for (const Ipv4Range& range : kInternalIpv4) {
    const uint32_t mask = ~uint32_t{0} << (32 - range.bits);
    if ((address & mask) == range.prefix) return true;
  }
  return false;
}

bool Ipv4InIpv6(const uint8_t address[16], uint32_t* ipv4) {
  const uint8_t* a = address;
  *ipv4 = Load32(a + 12);
  // IPv4-compatible ::/96, which holds :: (0.0.0.0) and ::1 (0.0.0.1).
  if (AllZero(a, 12)) return true;
  // IPv4-mapped ::ffff:0:0/96.
  if (AllZero(a, 10) && a[10] == 0xff && a[11] == 0xff) return true;
  // IPv4-translated ::ffff:0:0:0/96 (RFC 2765).
  if (AllZero(a, 8) && a[8] == 0xff && a[9] == 0xff && a[10] == 0 && a[11] == 0) return true;
  // NAT64 well-known prefix 64:ff9b::/96.
  return a[0] == 0x00 && a[1] == 0x64 && a[2] == 0xff && a[3] == 0x9b && AllZero(a + 4, 8);
}

bool IsInternalIpv6(const uint8_t address[16]) {
  for (const Ipv6Range& range : kInternalIpv6) {
    if (HasPrefix(address, range)) return true;
  }
  uint32_t ipv4 = 0;
  if (Ipv4InIpv6(address, &ipv4)) return IsInternalIpv4(ipv4);
  const uint8_t* a = address;
  const uint32_t last32 = Load32(a + 12);
  // 6to4 2002::/16: the IPv4 follows the prefix.
  if (a[0] == 0x20 && a[1] == 0x02) return IsInternalIpv4(Load32(a + 2));
  // Teredo 2001::/32: server IPv4, then the client's IPv4 inverted at the end.
  if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0 && a[3] == 0) {
    return IsInternalIpv4(Load32(a + 4)) || IsInternalIpv4(~last32);
  }
  return false;
}

}  // namespace mcpguard::internal
