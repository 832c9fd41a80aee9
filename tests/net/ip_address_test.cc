#include "net/ip_address.h"

#include <cstdint>
#include <string>

#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

struct Ipv4Case {
  const char* name;
  const char* text;
  Ipv4Parse result;
  uint32_t address;  // When kIpv4.
};

class Ipv4ParseTest : public testing::TestWithParam<Ipv4Case> {};

TEST_P(Ipv4ParseTest, ParsesLikeWhatwg) {
  const Ipv4Case& c = GetParam();
  uint32_t address = 0xdeadbeef;
  EXPECT_EQ(ParseIpv4(c.text, &address), c.result) << c.text;
  if (c.result == Ipv4Parse::kIpv4) {
    EXPECT_EQ(address, c.address) << c.text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    All, Ipv4ParseTest,
    testing::Values(
        Ipv4Case{"Dotted", "127.0.0.1", Ipv4Parse::kIpv4, 0x7f000001},
        Ipv4Case{"TwoParts", "127.1", Ipv4Parse::kIpv4, 0x7f000001},
        Ipv4Case{"ThreeParts", "127.0.1", Ipv4Parse::kIpv4, 0x7f000001},
        Ipv4Case{"ThreePartsLastFillsTwoBytes", "1.2.65535", Ipv4Parse::kIpv4, 0x0102ffff},
        Ipv4Case{"TwoPartsLastFillsThreeBytes", "1.16777215", Ipv4Parse::kIpv4, 0x01ffffff},
        Ipv4Case{"OneDecimal", "2130706433", Ipv4Parse::kIpv4, 0x7f000001},
        Ipv4Case{"OneHex", "0x7f000001", Ipv4Parse::kIpv4, 0x7f000001},
        Ipv4Case{"UppercaseHex", "0X7F.1", Ipv4Parse::kIpv4, 0x7f000001},
        Ipv4Case{"OctalPart", "0177.0.0.1", Ipv4Parse::kIpv4, 0x7f000001},
        Ipv4Case{"HexPart", "0x7f.0.0.1", Ipv4Parse::kIpv4, 0x7f000001},
        Ipv4Case{"OctalLeadingZerosOnly", "0127.00.000.01", Ipv4Parse::kIpv4, 0x57000001},
        Ipv4Case{"BareHexPrefixIsZero", "0x.0x.0x.0x", Ipv4Parse::kIpv4, 0},
        Ipv4Case{"Zero", "0", Ipv4Parse::kIpv4, 0},
        Ipv4Case{"Max", "4294967295", Ipv4Parse::kIpv4, 0xffffffff},
        Ipv4Case{"MaxOctal", "037777777777", Ipv4Parse::kIpv4, 0xffffffff},
        Ipv4Case{"MaxHex", "0xffffffff", Ipv4Parse::kIpv4, 0xffffffff},
        Ipv4Case{"OneTrailingDotIgnored", "1.2.3.4.", Ipv4Parse::kIpv4, 0x01020304},
        Ipv4Case{"PartTooBig", "256.0.0.1", Ipv4Parse::kInvalid, 0},
        Ipv4Case{"LastPartTooBig", "1.2.3.256", Ipv4Parse::kInvalid, 0},
        Ipv4Case{"LastOfThreeTooBig", "1.2.65536", Ipv4Parse::kInvalid, 0},
        Ipv4Case{"LastOfTwoTooBig", "1.16777216", Ipv4Parse::kInvalid, 0},
        Ipv4Case{"FiveParts", "1.2.3.4.5", Ipv4Parse::kInvalid, 0},
        Ipv4Case{"HexOverflow", "0x100000000", Ipv4Parse::kInvalid, 0},
        Ipv4Case{"DecimalOverflow", "4294967296", Ipv4Parse::kInvalid, 0},
        Ipv4Case{"HugeNumber", "99999999999999999999999999", Ipv4Parse::kInvalid, 0},
        Ipv4Case{"BadOctalDigitStillANumber", "09", Ipv4Parse::kInvalid, 0},
        Ipv4Case{"EmptyPart", "1..2", Ipv4Parse::kInvalid, 0},
        Ipv4Case{"NameBeforeNumber", "example.1", Ipv4Parse::kInvalid, 0},
        Ipv4Case{"BadHexBeforeNumber", "0x1g.1", Ipv4Parse::kInvalid, 0},
        Ipv4Case{"Name", "example.com", Ipv4Parse::kNotIpv4, 0},
        Ipv4Case{"NumbersThenName", "1.2.3.com", Ipv4Parse::kNotIpv4, 0},
        Ipv4Case{"BadHexIsAName", "0x1g", Ipv4Parse::kNotIpv4, 0},
        Ipv4Case{"TwoTrailingDots", "1.2.3.4..", Ipv4Parse::kNotIpv4, 0},
        Ipv4Case{"Empty", "", Ipv4Parse::kNotIpv4, 0},
        Ipv4Case{"Dot", ".", Ipv4Parse::kNotIpv4, 0}),
    [](const testing::TestParamInfo<Ipv4Case>& param_info) { return std::string(param_info.param.name); });

struct Ipv6Case {
  const char* name;
  const char* text;
  const char* canonical;  // nullptr: rejected.
};

class Ipv6ParseTest : public testing::TestWithParam<Ipv6Case> {};

TEST_P(Ipv6ParseTest, ParsesAndFormats) {
  const Ipv6Case& c = GetParam();
  uint8_t address[16];
  const bool ok = ParseIpv6(c.text, address);
  ASSERT_EQ(ok, c.canonical != nullptr) << c.text;
  if (!ok) return;
  char text[kMaxIpv6TextBytes];
  EXPECT_EQ(std::string(text, FormatIpv6(address, text)), c.canonical);
}

INSTANTIATE_TEST_SUITE_P(
    All, Ipv6ParseTest,
    testing::Values(
        Ipv6Case{"Unspecified", "::", "::"},
        Ipv6Case{"Loopback", "::1", "::1"},
        Ipv6Case{"LoopbackLongForm", "0:0:0:0:0:0:0:1", "::1"},
        Ipv6Case{"TrailingCompression", "1::", "1::"},
        Ipv6Case{"Full", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"},
        Ipv6Case{"SingleZeroNotCompressed", "1:2:3:4:5:6::7", "1:2:3:4:5:6:0:7"},
        Ipv6Case{"LongestRunCompressed", "1:0:0:2:0:0:0:3", "1:0:0:2::3"},
        Ipv6Case{"FirstOfEqualRuns", "1:0:0:2:0:0:3:4", "1::2:0:0:3:4"},
        Ipv6Case{"LeadingZerosAndCase", "0001:00AB::CDEF", "1:ab::cdef"},
        Ipv6Case{"Mapped", "::ffff:127.0.0.1", "::ffff:7f00:1"},
        Ipv6Case{"MappedLongForm", "0:0:0:0:0:ffff:127.0.0.1", "::ffff:7f00:1"},
        Ipv6Case{"Compatible", "::1.2.3.4", "::102:304"},
        Ipv6Case{"Nat64", "64:ff9b::7f00:1", "64:ff9b::7f00:1"},
        Ipv6Case{"SixToFour", "2002:7f00:1::", "2002:7f00:1::"},
        Ipv6Case{"AwsMetadata", "fd00:ec2::254", "fd00:ec2::254"},
        Ipv6Case{"DottedAfterSixPieces", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"},
        Ipv6Case{"Empty", "", nullptr},
        Ipv6Case{"SingleColon", ":", nullptr},
        Ipv6Case{"LeadingSingleColon", ":1", nullptr},
        Ipv6Case{"TrailingSingleColon", "1:", nullptr},
        Ipv6Case{"TripleColon", "1:::2", nullptr},
        Ipv6Case{"TwoCompressions", "1::2::3", nullptr},
        Ipv6Case{"FiveHexDigits", "12345::", nullptr},
        Ipv6Case{"NinePieces", "1:2:3:4:5:6:7:8:9", nullptr},
        Ipv6Case{"SevenPieces", "1:2:3:4:5:6:7", nullptr},
        Ipv6Case{"CompressionPlusEightPieces", "1:2:3:4::5:6:7:8", nullptr},
        Ipv6Case{"ZoneId", "fe80::1%eth0", nullptr},
        Ipv6Case{"EncodedZoneId", "::1%25eth0", nullptr},
        Ipv6Case{"NotHex", "g::", nullptr},
        Ipv6Case{"DottedLeadingZero", "::ffff:127.0.0.01", nullptr},
        Ipv6Case{"DottedOctetTooBig", "::ffff:256.0.0.1", nullptr},
        Ipv6Case{"DottedThreeOctets", "::ffff:1.2.3", nullptr},
        Ipv6Case{"DottedFiveOctets", "::ffff:1.2.3.4.5", nullptr},
        Ipv6Case{"DottedTooLate", "1:2:3:4:5:6:7:1.2.3.4", nullptr},
        Ipv6Case{"DottedThenMore", "::1.2.3.4:5", nullptr},
        Ipv6Case{"DottedHex", "::ffff:0x7f.0.0.1", nullptr}),
    [](const testing::TestParamInfo<Ipv6Case>& param_info) { return std::string(param_info.param.name); });

TEST(FormatIpv4, WritesDottedDecimal) {
  char text[kMaxIpv4TextBytes];
  EXPECT_EQ(std::string(text, FormatIpv4(0, text)), "0.0.0.0");
  EXPECT_EQ(std::string(text, FormatIpv4(0xffffffff, text)), "255.255.255.255");
  EXPECT_EQ(std::string(text, FormatIpv4(0x0a00640b, text)), "10.0.100.11");
}

TEST(FormatIpv6, LongestTextFitsTheBound) {
  const uint8_t all_ones[16] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  char text[kMaxIpv6TextBytes];
  EXPECT_EQ(FormatIpv6(all_ones, text), kMaxIpv6TextBytes);
}

struct InternalCase {
  const char* text;
  bool internal;
};

uint32_t V4(const char* text) {
  uint32_t address = 0;
  EXPECT_EQ(ParseIpv4(text, &address), Ipv4Parse::kIpv4) << text;
  return address;
}

TEST(IsInternalIpv4, RangesAndTheirEdges) {
  const InternalCase cases[] = {
      {"0.0.0.0", true},          {"0.255.255.255", true},    {"1.0.0.0", false},
      {"9.255.255.255", false},   {"10.0.0.0", true},         {"10.255.255.255", true},
      {"11.0.0.0", false},        {"100.63.255.255", false},  {"100.64.0.0", true},
      {"100.100.100.200", true},  {"100.127.255.255", true},  {"100.128.0.0", false},
      {"126.255.255.255", false}, {"127.0.0.1", true},        {"127.255.255.255", true},
      {"128.0.0.0", false},       {"169.253.255.255", false}, {"169.254.169.254", true},
      {"169.255.0.0", false},     {"172.15.255.255", false},  {"172.16.0.0", true},
      {"172.31.255.255", true},   {"172.32.0.0", false},      {"192.0.0.1", true},
      {"192.0.1.1", false},       {"192.0.2.1", true},        {"192.88.99.1", true},
      {"192.88.100.1", false},    {"192.167.255.255", false}, {"192.168.0.1", true},
      {"192.169.0.0", false},     {"198.17.255.255", false},  {"198.18.0.0", true},
      {"198.19.255.255", true},   {"198.20.0.0", false},      {"198.51.100.7", true},
      {"203.0.113.7", true},      {"203.0.114.1", false},     {"223.255.255.255", false},
      {"224.0.0.1", true},        {"239.255.255.250", true},  {"240.0.0.1", true},
      {"255.255.255.255", true},  {"8.8.8.8", false},         {"1.1.1.1", false},
      {"93.184.216.34", false},
  };
  for (const InternalCase& c : cases) EXPECT_EQ(IsInternalIpv4(V4(c.text)), c.internal) << c.text;
}

TEST(IsInternalIpv6, RangesAndEmbeddedIpv4) {
  const InternalCase cases[] = {
      {"::", true},
      {"::1", true},
      {"::2", true},                   // Compatible 0.0.0.2.
      {"::808:808", false},            // Compatible 8.8.8.8.
      {"::a00:1", true},               // Compatible 10.0.0.1.
      {"::ffff:127.0.0.1", true},
      {"::ffff:169.254.169.254", true},
      {"::ffff:8.8.8.8", false},
      {"::ffff:0:127.0.0.1", true},    // Translated.
      {"::ffff:0:8.8.8.8", false},
      {"64:ff9b::7f00:1", true},
      {"64:ff9b::a9fe:a9fe", true},
      {"64:ff9b::808:808", false},
      {"64:ff9b:1::808:808", true},    // Local-use NAT64, whatever it carries.
      {"64:ff9b:2::808:808", false},
      {"2002:7f00:1::", true},
      {"2002:c0a8:101::1", true},
      {"2002:808:808::1", false},
      {"2001:0:4136:e378:8000:63bf:3fff:fdd2", true},  // Teredo client 192.0.2.45.
      {"2001:0:808:808::80ff:fffe", true},             // Teredo client 127.0.0.1.
      {"2001:0:7f00:1::f7f7:f7f7", true},              // Teredo server 127.0.0.1.
      {"2001:0:808:808::f7f7:f7f7", false},            // Both 8.8.8.8.
      {"100::1", true},
      {"100:0:0:1::", false},
      {"2001:db8::1", true},
      {"2001:db9::1", false},
      {"3fff:fff::1", true},
      {"3fff:1000::1", false},
      {"fbff::1", false},
      {"fc00::1", true},
      {"fd00:ec2::254", true},
      {"fe80::1", true},
      {"febf::1", true},
      {"fec0::1", true},
      {"ff02::1", true},
      {"2606:4700:4700::1111", false},
      {"2001:4860:4860::8888", false},
  };
  for (const InternalCase& c : cases) {
    uint8_t address[16];
    ASSERT_TRUE(ParseIpv6(c.text, address)) << c.text;
    EXPECT_EQ(IsInternalIpv6(address), c.internal) << c.text;
  }
}

}  // namespace
}  // namespace mcpguard::internal
