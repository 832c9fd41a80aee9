// Credential formats, from each issuer's documented token shape. Prefixes
// are matched case-sensitively, as issuers define them; \b keeps a pattern
// from matching inside a longer token.
#include "detect/pattern_spec.h"

namespace mcpguard::internal {
namespace {

constexpr PatternSpec kSecretPatterns[] = {
    // Cloud providers.
    {"aws_access_key_id", "secret", R"(\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b)"},
    {"aws_secret_access_key", "secret",
     R"((?i:aws)[A-Za-z0-9_ .-]{0,20}(?i:secret)[A-Za-z0-9_ .-]{0,20}["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})\b)"},
    {"google_api_key", "secret", R"(\b(AIza[0-9A-Za-z_\-]{35})\b)"},
    {"google_oauth_client_secret", "secret", R"(\b(GOCSPX-[A-Za-z0-9_\-]{28})\b)"},
    {"azure_storage_account_key", "secret",
     R"(AccountKey=([A-Za-z0-9+/]{86}==))"},
    {"azure_sas_signature", "secret", R"([?&]sig=([A-Za-z0-9%/+]{40,}(?:%3D|=)))"},
    {"digitalocean_token", "secret", R"(\b(do[opr]_v1_[a-f0-9]{64})\b)"},
    {"databricks_token", "secret", R"(\b(dapi[a-f0-9]{32}(?:-[0-9])?)\b)"},
    {"alibaba_access_key_id", "secret", R"(\b(LTAI[A-Za-z0-9]{20})\b)"},
    // Source control and package registries.
    {"github_token", "secret", R"(\b(gh[pousr]_[A-Za-z0-9]{36})\b)"},
    {"github_fine_grained_token", "secret", R"(\b(github_pat_[A-Za-z0-9_]{82})\b)"},
    {"gitlab_token", "secret", R"(\b(gl(?:pat|dt|ptt|rt)-[A-Za-z0-9_\-]{20})\b)"},
    {"npm_token", "secret", R"(\b(npm_[A-Za-z0-9]{36})\b)"},
    {"pypi_token", "secret", R"(\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,})\b)"},
    {"huggingface_token", "secret", R"(\b(hf_[A-Za-z]{34})\b)"},
    {"atlassian_api_token", "secret", R"(\b(ATATT3[A-Za-z0-9_\-=]{186})\b)"},
    {"linear_api_key", "secret", R"(\b(lin_api_[A-Za-z0-9]{40})\b)"},
    {"postman_api_key", "secret", R"(\b(PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b)"},
    // AI providers.
    {"openai_api_key", "secret",
     R"(\b(sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{40,}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}))\b)"},
    {"anthropic_api_key", "secret", R"(\b(sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_\-]{80,})\b)"},
    // Chat and messaging.
    {"slack_token", "secret", R"(\b(xox[baprs]-[0-9]{10,13}-[0-9A-Za-z\-]{10,80}))"},
    {"slack_webhook_url", "secret",
     R"((https://hooks\.slack\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}))"},
    {"discord_bot_token", "secret",
     R"(\b([MN][A-Za-z0-9_\-]{23,25}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,38})\b)"},
    {"discord_webhook_url", "secret",
     R"((https://(?:canary\.|ptb\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_\-]{60,68}))"},
    // Often right after "bot" in an API URL (api.telegram.org/bot<token>/).
    {"telegram_bot_token", "secret",
     R"((?:^|[^0-9])([0-9]{8,10}:AA[0-9A-Za-z_\-]{33})(?:$|[^0-9A-Za-z_\-]))"},
    {"twilio_api_key", "secret", R"(\b(SK[0-9a-f]{32})\b)"},
    {"sendgrid_api_key", "secret", R"(\b(SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})\b)"},
    {"mailgun_api_key", "secret", R"(\b(key-[0-9a-f]{32})\b)"},
    {"mailchimp_api_key", "secret", R"(\b([0-9a-f]{32}-us[0-9]{1,2})\b)"},
    // Payments and commerce.
    {"stripe_secret_key", "secret", R"(\b([sr]k_(?:live|test)_[A-Za-z0-9]{24,99})\b)"},
    {"square_access_token", "secret", R"(\b((?:EAAA|sq0atp-)[A-Za-z0-9_\-]{22,60}))"},
    {"square_oauth_secret", "secret", R"(\b(sq0csp-[A-Za-z0-9_\-]{43}))"},
    {"shopify_token", "secret", R"(\b(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b)"},
    // Infrastructure.
    {"hashicorp_vault_token", "secret", R"(\b(hv[sbr]\.[A-Za-z0-9_\-]{24,}))"},
    {"terraform_cloud_token", "secret", R"(\b([A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=\-]{60,70}))"},
    {"doppler_token", "secret", R"(\b(dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44})\b)"},
    {"pulumi_token", "secret", R"(\b(pul-[a-f0-9]{40})\b)"},
    {"grafana_token", "secret", R"(\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,}={0,2}))"},
    {"dropbox_token", "secret", R"(\b(sl\.[A-Za-z0-9_\-]{130,160}))"},
    {"age_secret_key", "secret", R"(\b(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b)"},
    // Generic shapes.
    {"private_key", "secret",
     R"((-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----))"},
    {"jwt", "secret",
     R"(\b(eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{16,}))"},
    {"connection_string_password", "secret",
     R"(\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|ftp|ldaps?|smtps?)://[^\s:/@"']{1,64}:([^\s@"'/]{1,128})@)"},
    {"url_password", "secret", R"(\bhttps?://[^\s:/@"']{1,64}:([^\s@"'/]{1,128})@)"},
    {"generic_secret", "secret",
     R"((?i:pass(?:word|wd)?|pwd|secret|token|api[_\-]?key|access[_\-]?key|auth[_\-]?key|client[_\-]?secret|credentials?)["']?\s*[:=]\s*["']?([A-Za-z0-9_\-+/=.~!@#$%^&*]{16,128}))",
     MatchCheck::kHighEntropy},
};

}  // namespace

absl::Span<const PatternSpec> SecretPatterns() { return kSecretPatterns; }

}  // namespace mcpguard::internal
