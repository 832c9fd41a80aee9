// Every built-in pattern finds what it is for, reports the right span, and
// stays quiet on look-alikes.
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "detect/pattern_spec.h"
#include "detect/text_scanner.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

// Deterministic filler in the alphabet a format uses (the samples are
// shaped like real credentials and are not any).
std::string Fill(absl::string_view alphabet, size_t n, unsigned seed = 7) {
  std::mt19937 random(seed);
  std::string out;
  for (size_t i = 0; i < n; ++i) out.push_back(alphabet[random() % alphabet.size()]);
  return out;
}
constexpr absl::string_view kAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr absl::string_view kUpperDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr absl::string_view kHex = "0123456789abcdef";
constexpr absl::string_view kUrlSafe =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
constexpr absl::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::unique_ptr<TextScanner> AllPatterns() {
  std::vector<const PatternSpec*> patterns;
  for (const PatternSpec& p : SecretPatterns()) patterns.push_back(&p);
  for (const PatternSpec& p : PiiPatterns()) patterns.push_back(&p);
  auto scanner = TextScanner::Create(patterns);
  EXPECT_TRUE(scanner.ok()) << scanner.status();
  return scanner.ok() ? *std::move(scanner) : nullptr;
}

struct Sample {
  std::string id;
  std::string secret;   // What must be reported.
  std::string context;  // Text around it; "%" stands for the secret.
};

std::vector<Sample> Samples() {
  const std::string jwt = absl::StrCat("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.",
                                       Fill(kUrlSafe, 43));
  const std::string pem = absl::StrCat("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA",
                                       Fill(kBase64, 64), "\n-----END RSA PRIVATE KEY-----");
  // Every unencrypted OpenSSH key starts so: "openssh-key-v1", cipher and
  // kdf "none", one key. The runs of "A" look like a placeholder's.
  const std::string openssh = absl::StrCat(
      "-----BEGIN OPENSSH PRIVATE KEY-----\n"
      "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n",
      Fill(kBase64, 70), "\n-----END OPENSSH PRIVATE KEY-----");
  const std::string truncated_pem = absl::StrCat(
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA", Fill(kBase64, 48, 5), "\n",
      Fill(kBase64, 40, 6));
  // Its last line short and padded (found by an adversarial review: the
  // line stayed in the rewrite).
  const std::string truncated_padded = absl::StrCat(
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA", Fill(kBase64, 48, 5), "\n",
      "5dxgYHXehWI=");
  return {
      {"aws_access_key_id", "AKIA" + Fill(kUpperDigits, 16), "key id %,"},
      {"aws_secret_access_key", Fill(kBase64, 40, 3), "aws_secret_access_key = %\n"},
      {"google_api_key", "AIza" + Fill(kUrlSafe, 35), "?key=%&x=1"},
      {"google_oauth_client_secret", "GOCSPX-" + Fill(kUrlSafe, 28), "\"client_secret\":\"%\""},
      {"azure_storage_account_key", Fill(kBase64, 86) + "==",
       "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=%;EndpointSuffix=core"},
      {"azure_sas_signature", Fill(kAlnum, 43) + "%3D",
       "https://a.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=%"},
      {"digitalocean_token", "dop_v1_" + Fill(kHex, 64), "token: %"},
      {"databricks_token", "dapi" + Fill(kHex, 32), "Bearer %"},
      {"alibaba_access_key_id", "LTAI" + Fill(kAlnum, 20), "id=%;"},
      {"github_token", "ghp_" + Fill(kAlnum, 36), "GITHUB_TOKEN=%"},
      {"github_token", "ghs_" + Fill(kAlnum, 36, 9), "x-access-token:%"},
      {"github_fine_grained_token", "github_pat_" + Fill(kAlnum, 82), "% is mine"},
      {"gitlab_token", "glpat-" + Fill(kUrlSafe, 20), "PRIVATE-TOKEN: %"},
      {"npm_token", "npm_" + Fill(kAlnum, 36), "//registry.npmjs.org/:_authToken=%"},
      {"pypi_token", "pypi-AgEIcHlwaS5vcmc" + Fill(kUrlSafe, 60), "password = %"},
      {"huggingface_token", "hf_" + Fill("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 34),
       "HF_TOKEN=%"},
      {"atlassian_api_token", "ATATT3" + Fill(kUrlSafe, 186), "token %"},
      {"linear_api_key", "lin_api_" + Fill(kAlnum, 40), "%"},
      {"postman_api_key", "PMAK-" + Fill(kHex, 24) + "-" + Fill(kHex, 34, 2), "x-api-key: %"},
      {"openai_api_key", "sk-proj-" + Fill(kUrlSafe, 60), "OPENAI_API_KEY=%"},
      {"openai_api_key", "sk-" + Fill(kAlnum, 20) + "T3BlbkFJ" + Fill(kAlnum, 20, 4), "key %"},
      {"anthropic_api_key", "sk-ant-api03-" + Fill(kUrlSafe, 93), "x-api-key: %"},
      {"slack_token", "xoxb-1234567890123-" + Fill(kAlnum, 24), "token=%&"},
      {"slack_webhook_url",
       "https://hooks.slack.com/services/T0123ABCD/B0123ABCDE/" + Fill(kAlnum, 24), "post to %"},
      {"discord_bot_token", "MT" + Fill(kUrlSafe, 22) + "." + Fill(kUrlSafe, 6) + "." +
                                Fill(kUrlSafe, 38),
       "Bot %"},
      {"discord_webhook_url",
       "https://discord.com/api/webhooks/123456789012345678/" + Fill(kUrlSafe, 68), "% ok"},
      {"telegram_bot_token", "123456789:AA" + Fill(kUrlSafe, 33), "bot%/getMe"},
      {"twilio_api_key", "SK" + Fill(kHex, 32), "sid %"},
      {"sendgrid_api_key", "SG." + Fill(kUrlSafe, 22) + "." + Fill(kUrlSafe, 43), "%"},
      {"mailgun_api_key", "key-" + Fill(kHex, 32), "api:%"},
      {"mailchimp_api_key", Fill(kHex, 32) + "-us14", "apikey %"},
      {"stripe_secret_key", "sk_live_" + Fill(kAlnum, 24), "STRIPE_KEY=%"},
      {"stripe_secret_key", "rk_test_" + Fill(kAlnum, 30), "%"},
      {"square_access_token", "EAAA" + Fill(kUrlSafe, 60), "Authorization: Bearer %"},
      {"square_oauth_secret", "sq0csp-" + Fill(kUrlSafe, 43), "%"},
      {"shopify_token", "shpat_" + Fill(kHex, 32), "X-Shopify-Access-Token: %"},
      {"hashicorp_vault_token", "hvs." + Fill(kUrlSafe, 90), "VAULT_TOKEN=%"},
      {"terraform_cloud_token", Fill(kAlnum, 14) + ".atlasv1." + Fill(kUrlSafe, 67), "token = \"%\""},
      {"doppler_token", "dp.pt." + Fill(kAlnum, 43), "%"},
      {"pulumi_token", "pul-" + Fill(kHex, 40), "PULUMI_ACCESS_TOKEN=%"},
      {"grafana_token", "glsa_" + Fill(kAlnum, 32) + "_" + Fill(kHex, 8), "%"},
      {"dropbox_token", "sl." + Fill(kUrlSafe, 140), "Bearer %"},
      {"age_secret_key", "AGE-SECRET-KEY-1" + Fill("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58), "%"},
      {"private_key", pem, "key:\n%\n"},
      {"private_key", openssh, "id_ed25519:\n%\n"},
      // Cut short by the tool that printed it: no END line.
      {"private_key", truncated_pem, "$ head -c 120 id_rsa\n%\n$ "},
      {"private_key", truncated_padded, "$ cat part\n%\nThanks"},
      {"jwt", jwt, "Authorization: Bearer %"},
      {"connection_string_password", "s3cr3t-Pa55", "postgres://app:%@db.internal:5432/app"},
      {"url_password", "hunter2", "https://alice:%@example.com/private"},
      // URL readers split at the last "@"; the scheme's case is free; the
      // user may be empty.
      {"url_password", "Zq8v@w0rd-Pa55", "HTTPS://alice:%@example.com/"},
      {"connection_string_password", "s3cr3t-Pa55", "redis://:%@cache.internal:6379"},
      {"connection_string_password", "s3cr3t-Pa55", "SSH://deploy:%@build.internal"},
      {"generic_secret", "Zq8vR2mX9kL4pW7tY3nB6", "\"password\": \"%\""},
      // A long value is reported whole (it was cut at 128 bytes).
      {"generic_secret", Fill(kBase64, 300, 8), "api_key=% next"},
      {"email", "alice.smith+mcp@example.co.uk", "mail % now"},
      {"phone_number", "+44 20 7946 0958", "call %."},
      {"phone_number", "(415) 555-2671", "tel: %"},
      {"payment_card", "4111 1111 1111 1111", "card %, exp"},
      {"payment_card", "378282246310005", "amex %"},
      {"iban", "GB82 WEST 1234 5698 7654 32", "IBAN: %."},
      {"iban", "DE89370400440532013000", "%"},
      {"us_ssn", "123-45-6789", "SSN %;"},
      {"ipv4_address", "203.0.113.7", "from % at"},
      {"ipv6_address", "2001:db8:85a3::8a2e:370:7334", "peer % said"},
  };
}

std::string Place(const std::string& context, const std::string& secret) {
  std::string text = context;
  text.replace(text.find('%'), 1, secret);
  return text;
}

TEST(SecretPatterns, EveryBuiltInPatternCompilesAndHasAUniqueId) {
  ASSERT_NE(AllPatterns(), nullptr);
  std::set<absl::string_view> ids;
  for (const PatternSpec& p : SecretPatterns()) {
    EXPECT_TRUE(ids.insert(p.id).second) << p.id;
    EXPECT_EQ(p.category, "secret");
  }
  for (const PatternSpec& p : PiiPatterns()) {
    EXPECT_TRUE(ids.insert(p.id).second) << p.id;
    EXPECT_EQ(p.category, "pii");
  }
  EXPECT_GE(SecretPatterns().size(), 40u);  // Issue 5: at least 40 formats.
}

TEST(SecretPatterns, EveryPatternFindsItsSampleAndReportsExactlyTheSecret) {
  std::unique_ptr<TextScanner> scanner = AllPatterns();
  ASSERT_NE(scanner, nullptr);
  std::set<std::string> covered;
  for (const Sample& sample : Samples()) {
    const std::string text = Place(sample.context, sample.secret);
    std::vector<Detection> found;
    scanner->Scan(text, &found);
    bool hit = false;
    for (const Detection& d : found) {
      if (d.pattern->id != sample.id) continue;
      hit = true;
      EXPECT_EQ(text.substr(d.offset, d.length), sample.secret) << sample.id;
    }
    EXPECT_TRUE(hit) << sample.id << " not found in: " << text;
    covered.insert(sample.id);
  }
  for (const PatternSpec& p : SecretPatterns()) EXPECT_TRUE(covered.count(std::string(p.id))) << p.id;
  for (const PatternSpec& p : PiiPatterns()) EXPECT_TRUE(covered.count(std::string(p.id))) << p.id;
}

TEST(SecretPatterns, LookAlikesAreNotReported) {
  std::unique_ptr<TextScanner> scanner = AllPatterns();
  ASSERT_NE(scanner, nullptr);
  const std::string benign[] = {
      "The AKIA prefix marks AWS access key ids.",
      "ghp_ tokens are GitHub personal access tokens; ours is ghp_short.",
      "password: ${DB_PASSWORD}",
      "\"password\": \"<your-password-here>\"",
      "token = changeme_changeme_changeme",
      "api_key: xxxxxxxxxxxxxxxxxxxxxxxx",
      "session_timeout_seconds = 3600",
      "order 4111 1111 1111 1112 was shipped",        // Fails Luhn.
      "tracking 1234 5678 9012 3456",                 // No card network starts so.
      "IBAN GB82 WEST 1234 5698 7654 33 is a typo",   // Fails mod 97.
      "build 000-12-3456 and 666-12-3456",            // Never-issued SSN areas.
      "version 1.2.3.4.5 and 300.1.2.3",
      "sha256 " + Fill(kHex, 64),
      "uuid 123e4567-e89b-12d3-a456-426614174000",
      "https://example.com/path?query=1",
      "list_directory(path: string): lists files in a directory",
      "Use the -----BEGIN PUBLIC KEY----- block to verify.",
      // A header alone, as documentation shows it: no key material.
      "Key files start with -----BEGIN OPENSSH PRIVATE KEY----- and a line of base64.",
  };
  for (const std::string& text : benign) {
    std::vector<Detection> found;
    scanner->Scan(text, &found);
    for (const Detection& d : found) {
      ADD_FAILURE() << d.pattern->id << " in \"" << text << "\": \""
                    << text.substr(d.offset, d.length) << "\"";
    }
  }
}

TEST(TextScanner, FindsEveryOccurrenceInOrder) {
  std::unique_ptr<TextScanner> scanner = AllPatterns();
  ASSERT_NE(scanner, nullptr);
  const std::string a = "ghp_" + Fill(kAlnum, 36, 1), b = "ghp_" + Fill(kAlnum, 36, 2);
  const std::string text = "first " + a + " then bob@example.com then " + b;
  std::vector<Detection> found;
  scanner->Scan(text, &found);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].pattern->id, "github_token");
  EXPECT_EQ(found[1].pattern->id, "email");
  EXPECT_EQ(text.substr(found[2].offset, found[2].length), b);
}

TEST(TextScanner, AdjacentContextMatchesAreAllFound) {
  std::unique_ptr<TextScanner> scanner = AllPatterns();
  ASSERT_NE(scanner, nullptr);
  // Each SSN's pattern consumes the separator the next one starts after.
  std::vector<Detection> found;
  scanner->Scan("123-45-6789 234-56-7890", &found);
  EXPECT_EQ(found.size(), 2u);
}

TEST(TextScanner, CleanTextHasNoDetections) {
  std::unique_ptr<TextScanner> scanner = AllPatterns();
  ASSERT_NE(scanner, nullptr);
  std::vector<Detection> found;
  scanner->Scan("Reads the complete contents of a file from the file system.", &found);
  EXPECT_THAT(found, testing::IsEmpty());
  scanner->Scan("", &found);
  EXPECT_THAT(found, testing::IsEmpty());
}

TEST(RedactionSpans, MergesOverlapsUnderTheEarliestName) {
  const PatternSpec a{"a", "secret", "x"}, b{"b", "secret", "y"};
  const std::vector<Detection> spans =
      RedactionSpans({{&b, 5, 10}, {&a, 0, 6}, {&b, 20, 2}, {&a, 21, 1}});
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].pattern, &a);
  EXPECT_EQ(spans[0].offset, 0u);
  EXPECT_EQ(spans[0].length, 15u);
  EXPECT_EQ(spans[1].offset, 20u);
  EXPECT_EQ(spans[1].length, 2u);
}

}  // namespace
}  // namespace mcpguard::internal
