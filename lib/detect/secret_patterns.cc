// Credential formats, from each issuer's documented token shape. Prefixes
// are matched case-sensitively, as issuers define them; \b keeps a pattern
// from matching inside a longer token.
#include "absl/strings/ascii.h"
#include "detect/pattern_spec.h"

namespace mcpguard::internal {
namespace {

// Gates (gate.h): where each pattern can match. Most credentials start with
// their prefix and go on over token body bytes; the rest say where their
// trigger stands in the match.
constexpr GateLiteral kAwsKeyId[] = {WordLiteral("AKIA"), WordLiteral("ASIA"), WordLiteral("ABIA"),
                                     WordLiteral("ACCA")};
constexpr GateLiteral kGoogleApi[] = {WordLiteral("AIza")};
constexpr GateLiteral kGoogleOauth[] = {WordLiteral("GOCSPX-")};
constexpr GateLiteral kAzureKey[] = {Literal("AccountKey=")};
constexpr GateLiteral kAzureSas[] = {Literal("?sig="), Literal("&sig=")};
constexpr GateLiteral kDigitalOcean[] = {WordLiteral("doo_v1_"), WordLiteral("dop_v1_"),
                                         WordLiteral("dor_v1_")};
constexpr GateLiteral kDatabricks[] = {WordLiteral("dapi")};
constexpr GateLiteral kAlibaba[] = {WordLiteral("LTAI")};
constexpr GateLiteral kGithub[] = {WordLiteral("ghp_"), WordLiteral("gho_"), WordLiteral("ghu_"),
                                   WordLiteral("ghs_"), WordLiteral("ghr_")};
constexpr GateLiteral kGithubPat[] = {WordLiteral("github_pat_")};
constexpr GateLiteral kGitlab[] = {WordLiteral("glpat-"), WordLiteral("gldt-"),
                                   WordLiteral("glptt-"), WordLiteral("glrt-")};
constexpr GateLiteral kNpm[] = {WordLiteral("npm_")};
constexpr GateLiteral kPypi[] = {WordLiteral("pypi-AgEIcHlwaS5vcmc")};
constexpr GateLiteral kHuggingface[] = {WordLiteral("hf_")};
constexpr GateLiteral kAtlassian[] = {WordLiteral("ATATT3")};
constexpr GateLiteral kLinear[] = {WordLiteral("lin_api_")};
constexpr GateLiteral kPostman[] = {WordLiteral("PMAK-")};
constexpr GateLiteral kOpenai[] = {WordLiteral("sk-")};
constexpr GateLiteral kAnthropic[] = {WordLiteral("sk-ant-")};
constexpr GateLiteral kSlack[] = {WordLiteral("xox")};
constexpr GateLiteral kSlackWebhook[] = {Literal("https://hooks.slack.com/services/")};
constexpr GateLiteral kDiscordWebhook[] = {Literal("/api/webhooks/")};
constexpr GateLiteral kTelegram[] = {Literal(":AA")};
constexpr GateLiteral kTwilio[] = {WordLiteral("SK")};
constexpr GateLiteral kSendgrid[] = {WordLiteral("SG.")};
constexpr GateLiteral kMailgun[] = {WordLiteral("key-")};
constexpr GateLiteral kStripe[] = {WordLiteral("sk_live_"), WordLiteral("rk_live_"),
                                   WordLiteral("sk_test_"), WordLiteral("rk_test_")};
constexpr GateLiteral kSquare[] = {WordLiteral("EAAA"), WordLiteral("sq0atp-")};
constexpr GateLiteral kSquareOauth[] = {WordLiteral("sq0csp-")};
constexpr GateLiteral kShopify[] = {WordLiteral("shp")};
constexpr GateLiteral kVault[] = {WordLiteral("hvs."), WordLiteral("hvb."), WordLiteral("hvr.")};
constexpr GateLiteral kTerraform[] = {Literal(".atlasv1.")};
constexpr GateLiteral kDoppler[] = {WordLiteral("dp.")};
constexpr GateLiteral kPulumi[] = {WordLiteral("pul-")};
constexpr GateLiteral kGrafana[] = {WordLiteral("glsa_"), WordLiteral("glc_")};
constexpr GateLiteral kDropbox[] = {WordLiteral("sl.")};
constexpr GateLiteral kAge[] = {WordLiteral("AGE-SECRET-KEY-1")};
constexpr GateLiteral kPrivateKey[] = {Literal("-----BEGIN ")};
constexpr GateLiteral kJwt[] = {WordLiteral("eyJ")};
constexpr GateLiteral kAt[] = {Literal("@")};
// An assignment of a secret to a keyword ("password: ...", "aws secret =
// ..."): its ":" or "=", with the keyword in reach. Keywords can sit inside
// longer words (no \b), so they are not searched by themselves.
constexpr GateLiteral kAssignment[] = {Literal(":"), Literal("=")};

constexpr ByteClass kBlankOrQuote = ByteClass{"\"'"} | kWhitespaceBytes;

bool ContainsIgnoringCase(absl::string_view window, absl::string_view lowercase) {
  for (size_t i = 0; i + lowercase.size() <= window.size(); ++i) {
    size_t j = 0;
    while (j < lowercase.size() &&
           absl::ascii_tolower(static_cast<unsigned char>(window[i + j])) == lowercase[j]) {
      ++j;
    }
    if (j == lowercase.size()) return true;
  }
  return false;
}
// Where the text before an assignment's ":" or "=" ends, past the blanks
// and quote the patterns allow there.
size_t KeywordEnd(absl::string_view text, size_t at) {
  while (at > 0 && kBlankOrQuote.Has(static_cast<unsigned char>(text[at - 1]))) --at;
  return at;
}
// The (?i) keywords of generic_secret, as the text before ":" or "=" ends
// with them ("api_key" ends with "key", "client-secret" with "secret").
bool NamesSecret(absl::string_view text, size_t at, size_t /*at_end*/) {
  const absl::string_view before = text.substr(0, KeywordEnd(text, at));
  if (before.empty()) return false;
  // Most ":" and "=" follow no keyword's last letter; the letter picks the
  // keywords that can end there.
  auto ends_with = [&before](absl::string_view keyword) {
    if (before.size() < keyword.size()) return false;
    const char* tail = before.data() + before.size() - keyword.size();
    for (size_t i = 0; i < keyword.size(); ++i) {
      if (absl::ascii_tolower(static_cast<unsigned char>(tail[i])) != keyword[i]) return false;
    }
    return true;
  };
  switch (absl::ascii_tolower(static_cast<unsigned char>(before.back()))) {
    case 's':
      return ends_with("pass") || ends_with("credentials");
    case 'd':
      return ends_with("passwd") || ends_with("password") || ends_with("pwd");
    case 't':
      return ends_with("secret");
    case 'n':
      return ends_with("token");
    case 'y':
      return ends_with("key");
    case 'l':
      return ends_with("credential");
    default:
      return false;
  }
}
// The window of an AWS secret's 40-byte value reaches back to its keywords.
bool NamesAwsSecret(absl::string_view text, const GateSpot& spot) {
  const absl::string_view window = text.substr(spot.begin, spot.end - spot.begin);
  return ContainsIgnoringCase(window, "aws") && ContainsIgnoringCase(window, "secret");
}

// Before the "@" of user:password@host: scheme, "://", user, ":", password
// (which may hold "@" itself: URL readers split at the last one). Every
// byte but RE2's \s (which, unlike Perl's, leaves out \v) and quotes.
constexpr ByteClass kUserinfoBytes = ByteClass::AllBut(" \t\n\f\r\"'");

constexpr Gate kAwsKeyIdGate = TokenGate(kAwsKeyId);
// "aws", up to 20 bytes, "secret", up to 20 bytes, an assignment, then a
// value of 40 token bytes: found as a token run, the rest before it.
constexpr ByteClass kAwsSecretLead = ByteClass{"-A-Za-z0-9_.\"':="} | kWhitespaceBytes;
constexpr Gate kAwsSecretGate = [] {
  Gate gate = RunGate(RunTrigger::kTokenRun, 0, Reach{kAwsSecretLead, 0}, Reach{});
  gate.accept = NamesAwsSecret;
  return gate;
}();
constexpr Gate kGoogleApiGate = TokenGate(kGoogleApi);
constexpr Gate kGoogleOauthGate = TokenGate(kGoogleOauth);
constexpr Gate kAzureKeyGate = TokenGate(kAzureKey);
constexpr Gate kAzureSasGate = TokenGate(kAzureSas);
constexpr Gate kDigitalOceanGate = TokenGate(kDigitalOcean);
constexpr Gate kDatabricksGate = TokenGate(kDatabricks);
constexpr Gate kAlibabaGate = TokenGate(kAlibaba);
constexpr Gate kGithubGate = TokenGate(kGithub);
constexpr Gate kGithubPatGate = TokenGate(kGithubPat);
constexpr Gate kGitlabGate = TokenGate(kGitlab);
constexpr Gate kNpmGate = TokenGate(kNpm);
constexpr Gate kPypiGate = TokenGate(kPypi);
constexpr Gate kHuggingfaceGate = TokenGate(kHuggingface);
constexpr Gate kAtlassianGate = TokenGate(kAtlassian);
constexpr Gate kLinearGate = TokenGate(kLinear);
constexpr Gate kPostmanGate = TokenGate(kPostman);
constexpr Gate kOpenaiGate = TokenGate(kOpenai);
constexpr Gate kAnthropicGate = TokenGate(kAnthropic);
constexpr Gate kSlackGate = TokenGate(kSlack);
constexpr Gate kSlackWebhookGate = TokenGate(kSlackWebhook);
// "https://canary.discordapp.com" (29 bytes) is the longest start ahead of
// "/api/webhooks/".
constexpr Gate kDiscordWebhookGate = TokenGate(kDiscordWebhook, 29);
constexpr Gate kDiscordBotGate = RunGate(RunTrigger::kTokenRun, 0, Reach{}, Reach{});
constexpr Gate kTelegramGate =
    LiteralGate(kTelegram, Reach{ByteClass("0-9"), 1}, Reach{kTokenBodyBytes, 1});
constexpr Gate kTwilioGate = TokenGate(kTwilio);
constexpr Gate kSendgridGate = TokenGate(kSendgrid);
constexpr Gate kMailgunGate = TokenGate(kMailgun);
// 32 hex digits, "-us" and a digit or two: a token run of 36 bytes or more.
constexpr Gate kMailchimpGate = RunGate(RunTrigger::kTokenRun, 0, Reach{}, Reach{});
constexpr Gate kStripeGate = TokenGate(kStripe);
constexpr Gate kSquareGate = TokenGate(kSquare);
constexpr Gate kSquareOauthGate = TokenGate(kSquareOauth);
constexpr Gate kShopifyGate = TokenGate(kShopify);
constexpr Gate kVaultGate = TokenGate(kVault);
constexpr Gate kTerraformGate =
    LiteralGate(kTerraform, Reach{ByteClass("A-Za-z0-9"), 0}, Reach{kTokenBodyBytes, 0});
constexpr Gate kDopplerGate = TokenGate(kDoppler);
constexpr Gate kPulumiGate = TokenGate(kPulumi);
constexpr Gate kGrafanaGate = TokenGate(kGrafana);
constexpr Gate kDropboxGate = TokenGate(kDropbox);
constexpr Gate kAgeGate = TokenGate(kAge);
constexpr Gate kPrivateKeyGate = LiteralGate(kPrivateKey, Reach{}, Reach{ByteClass::All(), 0});
constexpr Gate kJwtGate = TokenGate(kJwt);
constexpr Gate kUserinfoGate = LiteralGate(kAt, Reach{kUserinfoBytes, 0}, Reach{});
// The longest keyword is "client_secret"; the value runs to its end,
// however long (a longer value was cut at 128 bytes, and the rest leaked).
constexpr ByteClass kGenericValueBytes{"-A-Za-z0-9_+/=.~!@#$%^&*"};
constexpr Gate kGenericSecretGate =
    LiteralGate(kAssignment, Reach{kBlankOrQuote, 14},
                Reach{kBlankOrQuote | kGenericValueBytes, 1}, nullptr, NamesSecret);

constexpr PatternSpec kSecretPatterns[] = {
    // Cloud providers.
    {"aws_access_key_id", "secret", R"(\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b)",
     MatchCheck::kNone, 1.0f, {}, &kAwsKeyIdGate},
    {"aws_secret_access_key", "secret",
     R"((?i:aws)[A-Za-z0-9_ .-]{0,20}(?i:secret)[A-Za-z0-9_ .-]{0,20}["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})\b)",
     MatchCheck::kNone, 1.0f, {}, &kAwsSecretGate},
    {"google_api_key", "secret", R"(\b(AIza[0-9A-Za-z_\-]{35})\b)",
     MatchCheck::kNone, 1.0f, {}, &kGoogleApiGate},
    {"google_oauth_client_secret", "secret", R"(\b(GOCSPX-[A-Za-z0-9_\-]{28})\b)",
     MatchCheck::kNone, 1.0f, {}, &kGoogleOauthGate},
    {"azure_storage_account_key", "secret",
     R"(AccountKey=([A-Za-z0-9+/]{86}==))", MatchCheck::kNone, 1.0f, {}, &kAzureKeyGate},
    {"azure_sas_signature", "secret", R"([?&]sig=([A-Za-z0-9%/+]{40,}(?:%3D|=)))",
     MatchCheck::kNone, 1.0f, {}, &kAzureSasGate},
    {"digitalocean_token", "secret", R"(\b(do[opr]_v1_[a-f0-9]{64})\b)",
     MatchCheck::kNone, 1.0f, {}, &kDigitalOceanGate},
    {"databricks_token", "secret", R"(\b(dapi[a-f0-9]{32}(?:-[0-9])?)\b)",
     MatchCheck::kNone, 1.0f, {}, &kDatabricksGate},
    {"alibaba_access_key_id", "secret", R"(\b(LTAI[A-Za-z0-9]{20})\b)",
     MatchCheck::kNone, 1.0f, {}, &kAlibabaGate},
    // Source control and package registries.
    {"github_token", "secret", R"(\b(gh[pousr]_[A-Za-z0-9]{36})\b)",
     MatchCheck::kNone, 1.0f, {}, &kGithubGate},
    {"github_fine_grained_token", "secret", R"(\b(github_pat_[A-Za-z0-9_]{82})\b)",
     MatchCheck::kNone, 1.0f, {}, &kGithubPatGate},
    {"gitlab_token", "secret", R"(\b(gl(?:pat|dt|ptt|rt)-[A-Za-z0-9_\-]{20})\b)",
     MatchCheck::kNone, 1.0f, {}, &kGitlabGate},
    {"npm_token", "secret", R"(\b(npm_[A-Za-z0-9]{36})\b)", MatchCheck::kNone, 1.0f, {}, &kNpmGate},
    {"pypi_token", "secret", R"(\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,})\b)",
     MatchCheck::kNone, 1.0f, {}, &kPypiGate},
    {"huggingface_token", "secret", R"(\b(hf_[A-Za-z]{34})\b)",
     MatchCheck::kNone, 1.0f, {}, &kHuggingfaceGate},
    {"atlassian_api_token", "secret", R"(\b(ATATT3[A-Za-z0-9_\-=]{186})\b)",
     MatchCheck::kNone, 1.0f, {}, &kAtlassianGate},
    {"linear_api_key", "secret", R"(\b(lin_api_[A-Za-z0-9]{40})\b)",
     MatchCheck::kNone, 1.0f, {}, &kLinearGate},
    {"postman_api_key", "secret", R"(\b(PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b)",
     MatchCheck::kNone, 1.0f, {}, &kPostmanGate},
    // AI providers.
    {"openai_api_key", "secret",
     R"(\b(sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{40,}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}))\b)",
     MatchCheck::kNone, 1.0f, {}, &kOpenaiGate},
    {"anthropic_api_key", "secret", R"(\b(sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_\-]{80,})\b)",
     MatchCheck::kNone, 1.0f, {}, &kAnthropicGate},
    // Chat and messaging.
    {"slack_token", "secret", R"(\b(xox[baprs]-[0-9]{10,13}-[0-9A-Za-z\-]{10,80}))",
     MatchCheck::kNone, 1.0f, {}, &kSlackGate},
    {"slack_webhook_url", "secret",
     R"((https://hooks\.slack\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}))",
     MatchCheck::kNone, 1.0f, {}, &kSlackWebhookGate},
    {"discord_bot_token", "secret",
     R"(\b([MN][A-Za-z0-9_\-]{23,25}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,38})\b)",
     MatchCheck::kNone, 1.0f, {}, &kDiscordBotGate},
    {"discord_webhook_url", "secret",
     R"((https://(?:canary\.|ptb\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_\-]{60,68}))",
     MatchCheck::kNone, 1.0f, {}, &kDiscordWebhookGate},
    // Often right after "bot" in an API URL (api.telegram.org/bot<token>/).
    {"telegram_bot_token", "secret",
     R"((?:^|[^0-9])([0-9]{8,10}:AA[0-9A-Za-z_\-]{33})(?:$|[^0-9A-Za-z_\-]))",
     MatchCheck::kNone, 1.0f, {}, &kTelegramGate},
    {"twilio_api_key", "secret", R"(\b(SK[0-9a-f]{32})\b)",
     MatchCheck::kNone, 1.0f, {}, &kTwilioGate},
    {"sendgrid_api_key", "secret", R"(\b(SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})\b)",
     MatchCheck::kNone, 1.0f, {}, &kSendgridGate},
    {"mailgun_api_key", "secret", R"(\b(key-[0-9a-f]{32})\b)",
     MatchCheck::kNone, 1.0f, {}, &kMailgunGate},
    {"mailchimp_api_key", "secret", R"(\b([0-9a-f]{32}-us[0-9]{1,2})\b)",
     MatchCheck::kNone, 1.0f, {}, &kMailchimpGate},
    // Payments and commerce.
    {"stripe_secret_key", "secret", R"(\b([sr]k_(?:live|test)_[A-Za-z0-9]{24,99})\b)",
     MatchCheck::kNone, 1.0f, {}, &kStripeGate},
    {"square_access_token", "secret", R"(\b((?:EAAA|sq0atp-)[A-Za-z0-9_\-]{22,60}))",
     MatchCheck::kNone, 1.0f, {}, &kSquareGate},
    {"square_oauth_secret", "secret", R"(\b(sq0csp-[A-Za-z0-9_\-]{43}))",
     MatchCheck::kNone, 1.0f, {}, &kSquareOauthGate},
    {"shopify_token", "secret", R"(\b(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b)",
     MatchCheck::kNone, 1.0f, {}, &kShopifyGate},
    // Infrastructure.
    {"hashicorp_vault_token", "secret", R"(\b(hv[sbr]\.[A-Za-z0-9_\-]{24,}))",
     MatchCheck::kNone, 1.0f, {}, &kVaultGate},
    {"terraform_cloud_token", "secret", R"(\b([A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=\-]{60,70}))",
     MatchCheck::kNone, 1.0f, {}, &kTerraformGate},
    {"doppler_token", "secret", R"(\b(dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44})\b)",
     MatchCheck::kNone, 1.0f, {}, &kDopplerGate},
    {"pulumi_token", "secret", R"(\b(pul-[a-f0-9]{40})\b)",
     MatchCheck::kNone, 1.0f, {}, &kPulumiGate},
    {"grafana_token", "secret", R"(\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,}={0,2}))",
     MatchCheck::kNone, 1.0f, {}, &kGrafanaGate},
    {"dropbox_token", "secret", R"(\b(sl\.[A-Za-z0-9_\-]{130,160}))",
     MatchCheck::kNone, 1.0f, {}, &kDropboxGate},
    {"age_secret_key", "secret", R"(\b(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b)",
     MatchCheck::kNone, 1.0f, {}, &kAgeGate},
    // Generic shapes.
    {"private_key", "secret",
     // To its END line; a key cut short (`head -c`, a truncated tool
     // output) to the end of its base64 lines, with a last short line that
     // ends in padding (found by an adversarial review: "5dxgYHXehWI="
     // stayed in the rewrite).
     R"((-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----|(?:\s*[A-Za-z0-9+/=]{16,})+(?:\s*[A-Za-z0-9+/]{1,15}={1,2})?)))",
     MatchCheck::kNone, 1.0f, {}, &kPrivateKeyGate, /*may_be_placeholder=*/false},
    {"jwt", "secret",
     R"(\b(eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{16,}))",
     MatchCheck::kNone, 1.0f, {}, &kJwtGate},
    {"connection_string_password", "secret",
     R"(\b(?i:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|s?ftp|ssh|ldaps?|smtps?)://[^\s:/@"']{0,64}:([^\s"'/]{1,128})@)",
     MatchCheck::kNone, 1.0f, {}, &kUserinfoGate},
    {"url_password", "secret", R"(\b(?i:https?|wss?)://[^\s:/@"']{0,64}:([^\s"'/]{1,128})@)",
     MatchCheck::kNone, 1.0f, {}, &kUserinfoGate},
    {"generic_secret", "secret",
     R"((?i:pass(?:word|wd)?|pwd|secret|token|(?:api|access|auth|secret|private)[_\- ]?key|client[_\-]?secret|credentials?)["']?\s*[:=]\s*["']?([A-Za-z0-9_\-+/=.~!@#$%^&*]{16,}))",
     MatchCheck::kHighEntropy, 1.0f, {}, &kGenericSecretGate},
};

}  // namespace

absl::Span<const PatternSpec> SecretPatterns() { return kSecretPatterns; }

}  // namespace mcpguard::internal
