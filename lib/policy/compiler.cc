#include "policy/compiler.h"
#include "policy/policy_compiler.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/sha256.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "net/uri_spelling.h"
#include "policy/field_error.h"
#include "policy/policy_lint.h"
#include "validate/mcp_version.h"

namespace mcpguard::internal {

bool ValidRuleId(absl::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' &&
        c != '.' && c != ':' && c != '/') {
      return false;
    }
  }
  return true;
}

namespace {

Decision ToDecision(pb::Effect effect) {
  switch (effect) {
    case pb::ALLOW: return Decision::kAllow;
    case pb::ASK: return Decision::kAsk;
    case pb::RECORD: return Decision::kAllow;  // Never decides: record_only.
    default: return Decision::kDeny;
  }
}

std::string DeterministicBytes(const pb::Policy& policy) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    policy.SerializeToCodedStream(&coded);
  }
  return bytes;
}

}  // namespace

void PolicyCompiler::Report(Diagnostic::Severity severity, const std::string& field,
                            std::string message) {
  if (diagnostics_ == nullptr) return;
  Diagnostic d;
  d.severity = severity;
  d.file = std::string(source_name_);
  auto [line, column] = loaded_.locations.Find(field);
  d.line = line;
  d.column = column;
  d.field = field;
  d.message = std::move(message);
  diagnostics_->push_back(std::move(d));
}

void PolicyCompiler::ErrorFromStatus(const std::string& field, const absl::Status& status) {
  std::string full = field;
  absl::string_view message = TakeFieldPrefixes(status.message(), &full);
  Error(full, std::string(message));
}

void PolicyCompiler::CompileGlobs(const google::protobuf::RepeatedPtrField<std::string>& patterns,
                                  const std::string& field, std::vector<Glob>* out) {
  for (int i = 0; i < patterns.size(); ++i) {
    absl::StatusOr<Glob> glob = Glob::Compile(patterns[i]);
    if (!glob.ok()) {
      Error(absl::StrCat(field, "[", i, "]"), std::string(glob.status().message()));
      continue;
    }
    out->push_back(*std::move(glob));
  }
}

bool PolicyCompiler::CompileTarget(const pb::Target& proto, const std::string& field,
                                   CompiledTarget* out) {
  int errors_before = errors_;
  uint8_t directions = 0;  // bit 0: to server, bit 1: to client
  for (int i = 0; i < proto.directions_size(); ++i) {
    switch (proto.directions(i)) {
      case pb::TO_SERVER: directions |= 1; break;
      case pb::TO_CLIENT: directions |= 2; break;
      default:
        Error(absl::StrCat(field, ".directions[", i, "]"), "direction must be TO_SERVER or TO_CLIENT");
    }
  }
  if (directions == 0) directions = 3;
  uint8_t kinds = 0;  // bit 0: request, 1: notification, 2: response
  for (int i = 0; i < proto.kinds_size(); ++i) {
    switch (proto.kinds(i)) {
      case pb::REQUEST: kinds |= 1; break;
      case pb::NOTIFICATION: kinds |= 2; break;
      case pb::RESPONSE: kinds |= 4; break;
      default:
        Error(absl::StrCat(field, ".kinds[", i, "]"),
              "kind must be REQUEST, NOTIFICATION or RESPONSE");
    }
  }
  if (kinds == 0) kinds = 1 | 2;
  for (int d = 0; d < 2; ++d) {
    if (!(directions & (1 << d))) continue;
    for (int k = 0; k < 3; ++k) {
      if (kinds & (1 << k)) out->slots |= static_cast<uint8_t>(1u << (d * 3 + k));
    }
  }
  // Tools, resources and prompts: at most one kind of name per target.
  struct NameList {
    const google::protobuf::RepeatedPtrField<std::string>& globs;
    NameKind kind;
    const char* member;
  };
  const NameList name_lists[] = {{proto.tools(), NameKind::kTool, "tools"},
                                 {proto.resources(), NameKind::kResource, "resources"},
                                 {proto.prompts(), NameKind::kPrompt, "prompts"}};
  const char* names_member = nullptr;
  for (const NameList& list : name_lists) {
    if (list.globs.empty()) continue;
    if (names_member != nullptr) {
      Error(absl::StrCat(field, ".", list.member),
            absl::StrCat("a target names tools, resources or prompts, not two of them (it already "
                         "has `", names_member, "`): no message names both"));
      continue;
    }
    names_member = list.member;
    out->name_kind = list.kind;
    CompileGlobs(list.globs, absl::StrCat(field, ".", list.member), &out->names);
    if (list.kind != NameKind::kResource) continue;
    // URIs are matched in their canonical spelling (net/uri_spelling.h);
    // a glob spelled otherwise misses what it means to match.
    for (int i = 0; i < list.globs.size(); ++i) {
      std::string canonical;
      absl::string_view glob = list.globs.Get(i);
      // A last "?" is the glob's one character, not an empty query a web
      // URL's spelling drops (found by a review: the advice to drop it
      // would have narrowed a DENY).
      if (absl::EndsWith(glob, "?") && !absl::EndsWith(glob, "\\?")) {
        if (!CanonicalUriSpelling(glob.substr(0, glob.size() - 1), &canonical)) continue;
        canonical.push_back('?');
      } else if (!CanonicalUriSpelling(glob, &canonical)) {
        continue;
      }
      Warning(absl::StrCat(field, ".resources[", i, "]"),
              absl::StrCat("URIs are matched in their canonical spelling, and this glob is "
                           "not spelled so: write \"", canonical, "\""));
    }
  }
  if (proto.methods().empty() && names_member == nullptr) {
    Error(field,
          "empty target: name at least one method, tool, resource or prompt (\"*\" for all "
          "methods)");
  }
  CompileGlobs(proto.methods(), field + ".methods", &out->methods);
  CompileGlobs(proto.servers(), field + ".servers", &out->servers);
  if (names_member != nullptr && !out->methods.empty()) {
    bool reachable = false;
    for (absl::string_view method : MethodsNaming(out->name_kind)) {
      reachable = reachable || out->MatchesMethod(method);
    }
    if (!reachable) {
      std::string methods = absl::StrJoin(MethodsNaming(out->name_kind), ", ");
      Warning(absl::StrCat(field, ".", names_member),
              absl::StrCat("can never match: only ", methods, " name a ",
                           NameKindLabel(out->name_kind), ", and `methods` excludes ",
                           MethodsNaming(out->name_kind).size() > 1 ? "them" : "it"));
    }
  }
  return errors_ == errors_before;
}

std::unique_ptr<CompiledRule> PolicyCompiler::CompileRule(const pb::Rule& proto, uint32_t index,
                                                          const std::string& field) {
  int errors_before = errors_;
  auto rule = std::make_unique<CompiledRule>();
  rule->index = index;
  rule->id = proto.id();
  rule->description = proto.description();
  if (!ValidRuleId(proto.id())) {
    Error(field + (proto.id().empty() ? "" : ".id"),
          proto.id().empty() ? "rule has no id"
                             : absl::StrCat("rule id \"", absl::CEscape(proto.id()),
                                            "\" must be 1-128 of [A-Za-z0-9-_.:/]"));
  }
  if (proto.effect() == pb::EFFECT_UNSPECIFIED) {
    Error(field, "rule has no effect (ALLOW, DENY, ASK or RECORD)");
  } else if (!pb::Effect_IsValid(proto.effect())) {
    // Proto3 enums are open: a number the schema does not name parses.
    Error(field + ".effect", absl::StrCat("unknown effect ", proto.effect()));
  }
  rule->effect = ToDecision(proto.effect());
  rule->record_only = proto.effect() == pb::RECORD;
  if (!proto.has_target()) {
    Error(field, "rule has no target: name at least one method, tool, resource or prompt");
  } else {
    CompileTarget(proto.target(), field + ".target", &rule->target);
  }
  if (proto.has_principal()) {
    auto principal = PrincipalMatcher::Compile(proto.principal());
    if (principal.ok()) {
      rule->principal = *std::move(principal);
    } else {
      ErrorFromStatus(field + ".principal", principal.status());
    }
  }
  if (proto.has_condition()) {
    auto condition = Condition::Compile(proto.condition(), &fields_);
    if (condition.ok()) {
      rule->condition = *std::move(condition);
    } else {
      ErrorFromStatus(field + ".condition", condition.status());
    }
  }
  return errors_ == errors_before ? std::move(rule) : nullptr;
}

void PolicyCompiler::CompileValidation(PolicyProgram* program) {
  const pb::Validation& proto = loaded_.policy.validation();
  ValidationSettings& out = program->validation_;
  auto on = [&](pb::Switch value, const char* field) {
    if (!pb::Switch_IsValid(value)) {
      Error(absl::StrCat("validation.", field), absl::StrCat("unknown value ", value));
    }
    return value != pb::OFF;
  };
  out.mcp_messages = on(proto.mcp_messages(), "mcp_messages");
  out.tool_schemas = on(proto.tool_schemas(), "tool_schemas");
  out.allow_unknown_methods = proto.allow_unknown_methods();
  out.assert_formats = proto.assert_formats();
  out.max_pattern_work = proto.max_pattern_work();
  switch (proto.unknown_members()) {
    case pb::UNKNOWN_MEMBERS_UNSPECIFIED:
    case pb::REPORT: out.unknown_members = UnknownMemberHandling::kReport; break;
    case pb::REJECT: out.unknown_members = UnknownMemberHandling::kReject; break;
    case pb::IGNORE: out.unknown_members = UnknownMemberHandling::kIgnore; break;
    default:
      Error("validation.unknown_members", absl::StrCat("unknown value ", proto.unknown_members()));
  }
  switch (proto.unlisted_tools()) {
    case pb::UNLISTED_TOOLS_UNSPECIFIED:
    case pb::DENY_UNLISTED: out.allow_unlisted_tools = false; break;
    case pb::ALLOW_UNLISTED: out.allow_unlisted_tools = true; break;
    default:
      Error("validation.unlisted_tools", absl::StrCat("unknown value ", proto.unlisted_tools()));
  }
  if (!proto.default_protocol_version().empty()) {
    std::optional<McpVersion> version = ParseMcpVersion(proto.default_protocol_version());
    if (!version.has_value()) {
      Error("validation.default_protocol_version",
            absl::StrCat("unknown protocol version \"", proto.default_protocol_version(),
                         "\"; known: ", McpVersionList()));
    } else {
      out.default_version = *version;
    }
  }
  if (!out.mcp_messages && proto.allow_unknown_methods()) {
    Warning("validation.allow_unknown_methods",
            "has no effect while validation.mcp_messages is OFF");
  }
}

void PolicyCompiler::CompileLimits(PolicyProgram* program) {
  const pb::Limits& limits = loaded_.policy.limits();
  JsonLimits& json = program->json_limits_;
  if (limits.max_message_bytes() != 0) json.max_bytes = limits.max_message_bytes();
  if (limits.max_depth() != 0) json.max_depth = limits.max_depth();
  if (limits.max_string_length() != 0) json.max_string_length = limits.max_string_length();
  if (limits.max_array_items() != 0) json.max_array_items = limits.max_array_items();
  if (limits.max_object_members() != 0) json.max_object_members = limits.max_object_members();
  if (limits.max_in_flight_requests() != 0) {
    program->max_in_flight_ = limits.max_in_flight_requests();
  }
  if (limits.max_rate_buckets() != 0) program->max_rate_buckets_ = limits.max_rate_buckets();
  // A JSON-RPC message is at least an object holding "jsonrpc" and "method"
  // (depth 1, 2 members); params add a level. Smaller limits reject everything.
  if (json.max_depth < 2) Error("limits.max_depth", "must be at least 2 (0 for the default 64)");
  if (json.max_object_members < 4) {
    Error("limits.max_object_members", "must be at least 4 (0 for the default 1000)");
  }
  if (json.max_bytes < 64) Error("limits.max_message_bytes", "must be at least 64 (0 for 4 MiB)");
  if (json.max_depth > 10000) Error("limits.max_depth", "must be at most 10000");
}

std::unique_ptr<const PolicyProgram> PolicyCompiler::Compile() {
  const pb::Policy& policy = loaded_.policy;
  auto program = std::unique_ptr<PolicyProgram>(new PolicyProgram());
  if (!pb::Mode_IsValid(policy.mode())) {
    Error("mode", absl::StrCat("unknown mode ", policy.mode(), " (ENFORCE or AUDIT)"));
  }
  if (!pb::Effect_IsValid(policy.default_effect())) {
    Error("default_effect",
          absl::StrCat("unknown effect ", policy.default_effect(), " (ALLOW, DENY or ASK)"));
  } else if (policy.default_effect() == pb::RECORD) {
    Error("default_effect", "RECORD is a rule effect, not a default (ALLOW, DENY or ASK)");
  }
  program->name_ = policy.name();
  program->audit_mode_ = policy.mode() == pb::AUDIT;
  program->default_effect_ = policy.default_effect() == pb::EFFECT_UNSPECIFIED
                                 ? Decision::kDeny
                                 : ToDecision(policy.default_effect());
  CompileLimits(program.get());
  CompileValidation(program.get());

  absl::flat_hash_map<std::string, int> first_by_id;
  for (int i = 0; i < policy.rules_size(); ++i) {
    const std::string field = absl::StrCat("rules[", i, "]");
    const pb::Rule& proto = policy.rules(i);
    if (!proto.id().empty()) {
      auto [it, inserted] = first_by_id.emplace(proto.id(), i);
      if (!inserted) {
        auto [line, column] = loaded_.locations.Find(absl::StrCat("rules[", it->second, "]"));
        Error(field + ".id",
              absl::StrCat("duplicate rule id \"", absl::CEscape(proto.id()),
                           "\" (first used by rules[", it->second, "]",
                           line > 0 ? absl::StrCat(" at line ", line) : "", ")"));
      }
    }
    std::unique_ptr<CompiledRule> rule =
        CompileRule(proto, static_cast<uint32_t>(program->rules_.size()), field);
    if (rule != nullptr) {
      program->has_record_rules_ = program->has_record_rules_ || rule->record_only;
      program->rules_.push_back(std::move(rule));
    }
  }
  CompileScopeRequirements(program.get());
  CompileRateLimits(program.get());
  CompileApproval(program.get());
  CompileAudit(program.get());
  CompileIntegrity(program.get());
  CompileDetectors(program.get());
  if (policy.rules().empty()) {
    Warning("rules", absl::StrCat("the policy has no rules: every request and notification gets "
                                  "the default effect (",
                                  DecisionName(program->default_effect_), ")"));
  }
  if (errors_ > 0) return nullptr;
  // The lint reasons about a whole, valid policy; on a broken one its
  // findings would be noise next to the errors.
  for (LintFinding& finding : LintPolicy(policy, *program, loaded_.locations)) {
    Report(finding.severity, finding.field, std::move(finding.message));
  }

  program->index_.Build(program->rules_);
  program->field_count_ = fields_.count();
  program->hash_ = Sha256Hex(DeterministicBytes(policy));
  return program;
}

void PolicyCompiler::CompileApproval(PolicyProgram* program) {
  const pb::Approval& approval = loaded_.policy.approval();
  if (approval.timeout_ms() != 0) program->approval_.timeout_ms = approval.timeout_ms();
  program->approval_.never_remember = approval.never_remember();
  const pb::ListFiltering& filtering = loaded_.policy.list_filtering();
  const struct {
    pb::Switch value;
    const char* field;
    bool* out;
  } switches[] = {{filtering.tools(), "list_filtering.tools", &program->filter_tool_lists_},
                  {filtering.prompts(), "list_filtering.prompts", &program->filter_prompt_lists_},
                  {filtering.resources(), "list_filtering.resources",
                   &program->filter_resource_lists_}};
  for (const auto& s : switches) {
    if (!pb::Switch_IsValid(s.value)) Error(s.field, absl::StrCat("unknown value ", s.value));
    *s.out = s.value != pb::OFF;
  }
}

void PolicyCompiler::CompileAudit(PolicyProgram* program) {
  const pb::Audit& audit = loaded_.policy.audit();
  AuditSettings& settings = program->audit_;
  switch (audit.arguments()) {
    case pb::Audit::DIGEST: settings.arguments = AuditSettings::Arguments::kDigest; break;
    case pb::Audit::REDACTED: settings.arguments = AuditSettings::Arguments::kRedacted; break;
    case pb::Audit::NONE: settings.arguments = AuditSettings::Arguments::kNone; break;
    default: Error("audit.arguments", absl::StrCat("unknown value ", audit.arguments()));
  }
  switch (audit.overflow()) {
    case pb::Audit::DROP: settings.fail_closed = false; break;
    case pb::Audit::FAIL_CLOSED: settings.fail_closed = true; break;
    default: Error("audit.overflow", absl::StrCat("unknown value ", audit.overflow()));
  }
  for (int i = 0; i < audit.claims_size(); ++i) {
    const std::string& claim = audit.claims(i);
    const std::string field = absl::StrCat("audit.claims[", i, "]");
    if (claim.empty()) {
      Error(field, "empty claim name");
    } else if (std::find(settings.claims.begin(), settings.claims.end(), claim) !=
               settings.claims.end()) {
      Warning(field, absl::StrCat("claim \"", claim, "\" is listed twice"));
    } else {
      settings.claims.push_back(claim);
    }
  }
}

std::unique_ptr<const PolicyProgram> CompilePolicyProgram(const LoadedPolicy& loaded,
                                                          absl::string_view source_name,
                                                          std::vector<Diagnostic>* diagnostics) {
  return PolicyCompiler(loaded, source_name, diagnostics).Compile();
}

}  // namespace mcpguard::internal
