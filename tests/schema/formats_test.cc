#include "schema/formats.h"

#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

struct FormatCase {
  StringFormat format;
  const char* text;
  bool valid;
};

TEST(Formats, AcceptsAndRejects) {
  const FormatCase cases[] = {
      {StringFormat::kDateTime, "1998-12-31T23:59:60Z", true},
      {StringFormat::kDateTime, "1998-12-31T15:59:60.123-08:00", true},
      {StringFormat::kDateTime, "1998-12-31T22:59:60Z", false},
      {StringFormat::kDateTime, "2020-01-01 00:00:00Z", false},
      {StringFormat::kDate, "2020-02-29", true},
      {StringFormat::kDate, "2021-02-29", false},
      {StringFormat::kEmail, "\"joe bloggs\"@example.com", true},
      {StringFormat::kEmail, "joe.bloggs@[IPv6:::1]", true},
      {StringFormat::kEmail, "te..st@example.com", false},
      {StringFormat::kUri, "http://foo.bar/?baz=qux#quux", true},
      {StringFormat::kUri, "//foo.bar/", false},
      {StringFormat::kUri, "http:// shouldfail.com", false},
      {StringFormat::kUuid, "2EB8AA08-AA98-11EA-B4AA-73B441D16380", true},
      {StringFormat::kUuid, "2eb8aa08aa9811eab4aa73b441d16380", false},
      {StringFormat::kIpv4, "192.168.0.1", true},
      {StringFormat::kIpv4, "087.10.0.1", false},
      {StringFormat::kIpv6, "1:2::192.168.0.1", true},
      {StringFormat::kIpv6, "1::d6::42", false},
      {StringFormat::kHostname, "www.example.com", true},
      {StringFormat::kHostname, "-bad.example", false},
      {StringFormat::kNone, "anything", true},
  };
  for (const FormatCase& c : cases) {
    EXPECT_EQ(MatchesFormat(c.format, c.text), c.valid)
        << StringFormatName(c.format) << " " << c.text;
  }
}

TEST(Formats, NamesRoundTrip) {
  for (const char* name : {"date-time", "date", "email", "uri", "uuid", "ipv4", "ipv6", "hostname"}) {
    EXPECT_EQ(StringFormatName(StringFormatFromName(name)), name);
  }
  EXPECT_EQ(StringFormatFromName("color"), StringFormat::kNone);
}

}  // namespace
}  // namespace mcpguard::internal
