#include "bench_messages.h"

#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "floor_parser.h"

namespace mcpguard::bench {
namespace {

std::string ToolsCall(absl::string_view path) {
  std::string message = absl::StrCat(
      "{\"jsonrpc\":\"2.0\",\"id\":\"req-8f14e45f\",\"method\":\"tools/call\","
      "\"params\":{\"name\":\"filesystem.read_file\",\"arguments\":{"
      "\"path\":\"",
      path,
      "\",\"encoding\":\"utf-8\","
      "\"max_bytes\":65536,\"follow_symlinks\":false,\"offset\":0,"
      "\"tags\":[\"docs\",\"readme\",\"\\u00e9t\\u00e9\"],\"ratio\":0.75,"
      "\"options\":{\"recursive\":false,\"pattern\":null,\"depth\":3}},"
      "\"_meta\":{\"progressToken\":42,\"trace\":[");
  for (int i = 0; i < 16; ++i) {
    absl::StrAppend(&message, i == 0 ? "" : ",", "{\"span\":\"span-", i,
                    "\",\"start\":", 1700000000 + i, ",\"ok\":true}");
  }
  message += "]}}}";
  return message;
}

// Condition builders (textproto fragments).
std::string Field(absl::string_view pointer, absl::string_view match) {
  return absl::StrCat("field { pointer: \"", pointer, "\" ", match, " }");
}
std::string Str(absl::string_view pointer, absl::string_view kind, absl::string_view pattern,
                bool ignore_case = false) {
  return Field(pointer, absl::StrCat("string { ", kind, ": \"", pattern, "\"",
                                     ignore_case ? " ignore_case: true" : "", " }"));
}
std::string Min(absl::string_view pointer, double min) {
  return Field(pointer, absl::StrFormat("number { min: %.17g }", min));
}
std::string Max(absl::string_view pointer, double max) {
  return Field(pointer, absl::StrFormat("number { max: %.17g }", max));
}
std::string Present(absl::string_view pointer) { return Field(pointer, "present: true"); }
std::string All(const std::vector<std::string>& conditions) {
  std::string out = "all {";
  for (const std::string& c : conditions) absl::StrAppend(&out, " conditions { ", c, " }");
  return out + " }";
}
std::string Any(const std::vector<std::string>& conditions) {
  std::string out = "any {";
  for (const std::string& c : conditions) absl::StrAppend(&out, " conditions { ", c, " }");
  return out + " }";
}
std::string Not(absl::string_view condition) { return absl::StrCat("not { ", condition, " }"); }

std::string Tools(std::initializer_list<absl::string_view> tools) {
  std::string out;
  for (absl::string_view t : tools) absl::StrAppend(&out, "tools: \"", t, "\" ");
  return out;
}
std::string Methods(std::initializer_list<absl::string_view> methods) {
  std::string out;
  for (absl::string_view m : methods) absl::StrAppend(&out, "methods: \"", m, "\" ");
  return out;
}

void AddRule(std::string* out, absl::string_view id, absl::string_view effect,
             absl::string_view target, absl::string_view condition = "",
             absl::string_view principal = "") {
  absl::StrAppend(out, "rules {\n  id: \"", id, "\"\n  effect: ", effect, "\n  target { ",
                  target, "}\n");
  if (!principal.empty()) absl::StrAppend(out, "  principal { ", principal, " }\n");
  if (!condition.empty()) absl::StrAppend(out, "  condition { ", condition, " }\n");
  *out += "}\n";
}

// The 50 base rules. For the benchmark's request (filesystem.read_file) the
// index yields six DENY rules that do not match (regex, prefix, suffix,
// number, any-of and a principal test) and then the ALLOW that does.
void AddBaseRules(std::string* p) {
  const std::string fs_read = Tools({"filesystem.read_file"});
  AddRule(p, "allow-read-projects", "ALLOW", fs_read,
          All({Str("/arguments/path", "prefix", "/home/user/projects/"),
               Max("/arguments/max_bytes", 1048576),
               Str("/arguments/encoding", "regex", "utf-8|ascii|latin-1")}));
  AddRule(p, "deny-read-ssh", "DENY", fs_read, Str("/arguments/path", "regex", ".*/[.]ssh/.*"));
  AddRule(p, "deny-fs-etc", "DENY", Tools({"filesystem.*"}),
          Str("/arguments/path", "prefix", "/etc/"));
  AddRule(p, "deny-huge-reads", "DENY", fs_read, Min("/arguments/max_bytes", 1e8));
  AddRule(p, "deny-fs-proc", "DENY", Tools({"filesystem.*"}),
          Any({Str("/arguments/path", "prefix", "/proc/"),
               Str("/arguments/path", "prefix", "/sys/")}));
  AddRule(p, "deny-secret-in-result", "DENY",
          "directions: TO_CLIENT kinds: RESPONSE " + Tools({"filesystem.*"}),
          Str("/content/0/text", "contains", "PRIVATE KEY"));
  AddRule(p, "allow-list-projects", "ALLOW", Tools({"filesystem.list_directory"}),
          Str("/arguments/path", "prefix", "/home/user/projects/"));
  AddRule(p, "ask-write-projects", "ASK", Tools({"filesystem.write_file"}),
          Str("/arguments/path", "prefix", "/home/user/projects/"));
  AddRule(p, "deny-write-git", "DENY", Tools({"filesystem.write_file"}),
          Str("/arguments/path", "contains", "/.git/"));
  AddRule(p, "deny-delete", "DENY", Tools({"*.delete_*"}));
  AddRule(p, "allow-github-read", "ALLOW", Tools({"github.search_*", "github.get_*"}));
  AddRule(p, "ask-github-create", "ASK", Tools({"github.create_*"}));
  AddRule(p, "deny-github-untrusted", "DENY", Tools({"github.*"}),
          Str("/arguments/owner", "regex", "(evil|untrusted).*"));
  AddRule(p, "deny-shell-network", "DENY", Tools({"shell.exec"}),
          Str("/arguments/command", "regex", ".*(rm -rf|curl|wget).*"));
  AddRule(p, "ask-shell", "ASK", Tools({"shell.exec"}));
  AddRule(p, "allow-http-internal", "ALLOW", Tools({"http.fetch"}),
          Str("/arguments/url", "prefix", "https://internal.example.com/"));
  AddRule(p, "deny-http-metadata", "DENY", Tools({"http.fetch"}),
          Str("/arguments/url", "contains", "169.254.169.254"));
  AddRule(p, "allow-db-select", "ALLOW", Tools({"db.*query*"}),
          Str("/arguments/sql", "regex", "select .*", true));
  AddRule(p, "deny-db-drop", "DENY", Tools({"db.*"}),
          Str("/arguments/sql", "regex", ".*(drop|truncate) .*", true));
  AddRule(p, "ask-db-execute", "ASK", Tools({"db.execute"}));
  AddRule(p, "allow-slack-dev", "ALLOW", Tools({"slack.post_message"}),
          Str("/arguments/channel", "prefix", "#dev-"));
  AddRule(p, "deny-slack-attachments", "DENY", Tools({"slack.post_message"}),
          Present("/arguments/attachments"));
  AddRule(p, "ask-email", "ASK", Tools({"email.send"}));
  AddRule(p, "deny-email-external", "DENY", Tools({"email.send"}),
          Not(Str("/arguments/to", "suffix", "@example.com")));
  AddRule(p, "allow-calendar", "ALLOW", Tools({"calendar.create_event"}),
          Max("/arguments/duration_minutes", 240));
  AddRule(p, "allow-jira", "ALLOW", Tools({"jira.create_ticket"}),
          Str("/arguments/project", "exact", "MCP", true));
  AddRule(p, "deny-browser-file", "DENY", Tools({"browser.navigate"}),
          Str("/arguments/url", "prefix", "file:", true));
  AddRule(p, "allow-browser-https", "ALLOW", Tools({"browser.navigate"}),
          Str("/arguments/url", "glob", "https://*"));
  AddRule(p, "deny-python-network", "DENY", Tools({"python.run"}),
          Str("/arguments/code", "regex", "(?s).*import (socket|requests|urllib).*"));
  AddRule(p, "ask-python", "ASK", Tools({"python.run"}));
  AddRule(p, "deny-docker-privileged", "DENY", Tools({"docker.run"}),
          Present("/arguments/privileged"));
  AddRule(p, "allow-docker-registry", "ALLOW", Tools({"docker.run"}),
          Str("/arguments/image", "prefix", "registry.example.com/"));
  AddRule(p, "deny-k8s-production", "DENY", Tools({"k8s.*"}),
          Str("/arguments/namespace", "exact", "production"));
  AddRule(p, "ask-k8s", "ASK", Tools({"k8s.*"}));
  AddRule(p, "allow-s3-public", "ALLOW", Tools({"s3.get_object"}),
          Str("/arguments/bucket", "prefix", "public-"));
  AddRule(p, "deny-s3-huge", "DENY", Tools({"s3.get_object"}), Min("/arguments/max_bytes", 1e9));
  AddRule(p, "allow-initialize", "ALLOW", Methods({"initialize"}));
  AddRule(p, "allow-initialized", "ALLOW", Methods({"notifications/initialized"}));
  AddRule(p, "allow-tools-list", "ALLOW", Methods({"tools/list"}));
  AddRule(p, "allow-ping", "ALLOW", Methods({"ping"}));
  AddRule(p, "allow-resources-projects", "ALLOW", Methods({"resources/read"}),
          Str("/uri", "prefix", "file:///home/user/projects/"));
  AddRule(p, "deny-resources-secrets", "DENY", Methods({"resources/*"}),
          Str("/uri", "contains", "secret", true));
  AddRule(p, "allow-prompts", "ALLOW", Methods({"prompts/*"}));
  AddRule(p, "allow-server-requests", "ALLOW",
          "directions: TO_CLIENT " + Methods({"sampling/createMessage", "roots/list"}));
  AddRule(p, "ask-elicitation", "ASK", "directions: TO_CLIENT " + Methods({"elicitation/create"}));
  AddRule(p, "allow-notifications", "ALLOW", Methods({"notifications/*"}));
  AddRule(p, "deny-admin-tools", "DENY", Tools({"admin.*"}));
  AddRule(p, "allow-search-web", "ALLOW", Tools({"search.web"}),
          Str("/arguments/query", "regex", "[a-zA-Z0-9 ]{1,200}"));
  AddRule(p, "deny-tools-without-dev-role", "DENY", Tools({"*"}), "", "not { role: \"dev\" }");
  AddRule(p, "deny-read-env", "DENY", fs_read, Str("/arguments/path", "suffix", ".env"));
}

std::shared_ptr<const CompiledPolicy> CompileOrExit(const std::string& text,
                                                    size_t expected_rules) {
  std::vector<Diagnostic> diagnostics;
  PolicyLoadOptions options;
  options.format = PolicyFormat::kTextproto;
  options.source_name = "<benchmark policy>";
  auto policy = CompilePolicy(text, options, &diagnostics);
  if (!policy.ok()) {
    std::fprintf(stderr, "benchmark policy does not compile: %s\n",
                 std::string(policy.status().message()).c_str());
    std::exit(1);
  }
  if ((*policy)->rule_count() != expected_rules) {
    std::fprintf(stderr, "benchmark policy has %zu rules, expected %zu\n",
                 (*policy)->rule_count(), expected_rules);
    std::exit(1);
  }
  return *std::move(policy);
}

constexpr int kBaseRules = 50;

// The public API's std::string_view is not Debian's absl::string_view.
std::string Copy(std::string_view text) { return std::string(text); }

}  // namespace

const std::vector<std::pair<std::string, Direction>>& SessionSetup() {
  static const auto* const messages = new std::vector<std::pair<std::string, Direction>>{
      {R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":)"
       R"("2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}})",
       Direction::kToServer},
      {R"({"jsonrpc":"2.0","id":0,"result":{"protocolVersion":"2025-11-25",)"
       R"("capabilities":{"tools":{}},"serverInfo":{"name":"fs","version":"1"}}})",
       Direction::kToClient},
      {R"({"jsonrpc":"2.0","method":"notifications/initialized"})", Direction::kToServer},
      {R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})", Direction::kToServer},
      {R"({"jsonrpc":"2.0","id":1,"result":{"tools":[{"name":"filesystem.read_file",)"
       R"("description":"Reads a file","inputSchema":{"type":"object","properties":{)"
       R"("path":{"type":"string","minLength":1},)"
       R"("encoding":{"enum":["utf-8","ascii","latin-1"]},)"
       R"("max_bytes":{"type":"integer","minimum":1},)"
       R"("follow_symlinks":{"type":"boolean"},"offset":{"type":"integer","minimum":0},)"
       R"("tags":{"type":"array","items":{"type":"string"}},"ratio":{"type":"number"},)"
       R"("options":{"type":"object","properties":{"recursive":{"type":"boolean"},)"
       R"("pattern":{"type":["string","null"]},"depth":{"type":"integer","minimum":0}}}},)"
       R"("required":["path"]}}]}})",
       Direction::kToClient},
  };
  return *messages;
}

const std::string& ToolsCallRequest() {
  static const std::string* const message =
      new std::string(ToolsCall("/home/user/projects/mcpguard/README.md"));
  return *message;
}

const std::string& ToolsCallResponse() {
  static const std::string* const message = new std::string(
      "{\"jsonrpc\":\"2.0\",\"id\":\"req-8f14e45f\",\"result\":{\"content\":[{\"type\":"
      "\"text\",\"text\":\"# mcpguard\\n\\nEnforces security policy on MCP traffic.\"}],"
      "\"isError\":false}}");
  return *message;
}

const std::string& DeniedToolsCallRequest() {
  static const std::string* const message =
      new std::string(ToolsCall("/home/user/projects/../.ssh/id_rsa"));
  return *message;
}

std::string PolicyText(int extra_tools, bool validated) {
  std::string text = "name: \"benchmark\"\nmode: ENFORCE\ndefault_effect: DENY\n";
  if (!validated) text += "validation { mcp_messages: OFF tool_schemas: OFF }\n";
  AddBaseRules(&text);
  for (int i = 0; i < extra_tools; ++i) {
    const std::string tool = absl::StrFormat("svc%04d.invoke", i);
    AddRule(&text, absl::StrCat("allow-", tool), "ALLOW", Tools({tool}),
            Str("/arguments/path", "prefix", absl::StrCat("/srv/", tool, "/")));
    AddRule(&text, absl::StrCat("deny-", tool, "-large"), "DENY", Tools({tool}),
            Min("/arguments/size", 1e6));
  }
  return text;
}

std::shared_ptr<const CompiledPolicy> Policy50() {
  static const auto* const policy =
      new std::shared_ptr<const CompiledPolicy>(CompileOrExit(PolicyText(0), kBaseRules));
  return *policy;
}

std::shared_ptr<const CompiledPolicy> Policy50Unvalidated() {
  static const auto* const policy = new std::shared_ptr<const CompiledPolicy>(
      CompileOrExit(PolicyText(0, /*validated=*/false), kBaseRules));
  return *policy;
}

std::shared_ptr<const CompiledPolicy> Policy50WithDetectors() {
  static const auto* const policy = new std::shared_ptr<const CompiledPolicy>(CompileOrExit(
      PolicyText(0, /*validated=*/false) +
          "\ndetectors { secrets { enabled: true } pii { enabled: true } }\n",
      kBaseRules));
  return *policy;
}

std::shared_ptr<const CompiledPolicy> Policy10000() {
  constexpr int kExtraTools = (10000 - kBaseRules) / 2;
  static const auto* const policy = new std::shared_ptr<const CompiledPolicy>(
      CompileOrExit(PolicyText(kExtraTools), 10000));
  return *policy;
}

std::unique_ptr<Session> NewBenchSession(std::shared_ptr<const CompiledPolicy> policy,
                                         EngineOptions engine_options) {
  auto engine = Engine::Create(std::move(policy), std::move(engine_options));
  if (!engine.ok()) {
    std::fprintf(stderr, "Engine::Create: %s\n", std::string(engine.status().message()).c_str());
    std::exit(1);
  }
  SessionOptions options;
  options.principal.subject = "alice";
  options.principal.roles = {"dev"};
  options.server_id = "filesystem";
  options.session_id = "benchmark";
  std::unique_ptr<Session> session = (*engine)->NewSession(std::move(options));
  // The handshake a real session starts with: the negotiated version and
  // the tool's inputSchema are what validation checks the request against.
  for (const auto& [message, direction] : SessionSetup()) {
    Verdict verdict = session->Check(message, direction);
    if (!verdict.allowed()) {
      std::fprintf(stderr, "benchmark session setup denied %s: %s\n", message.c_str(),
                   Copy(verdict.reason()).c_str());
      std::exit(1);
    }
  }
  return session;  // Outlives the engine.
}

bool VerifyFixtures() {
  bool ok = true;
  auto expect = [&ok](bool condition, absl::string_view what) {
    if (!condition) {
      std::fprintf(stderr, "fixture check failed: %s\n", std::string(what).c_str());
      ok = false;
    }
  };
  for (const auto& policy : {Policy50(), Policy10000()}) {
    const std::string label = absl::StrCat(policy->rule_count(), " rules: ");
    auto session = NewBenchSession(policy);
    for (int i = 0; i < 3; ++i) {
      Verdict request = session->Check(ToolsCallRequest(), Direction::kToServer);
      expect(request.allowed() && request.rule_id() == "allow-read-projects",
             absl::StrCat(label, "request allowed by allow-read-projects, got ",
                          DecisionName(request.decision()), " ", Copy(request.rule_id()), ": ",
                          Copy(request.reason())));
      Verdict response = session->Check(ToolsCallResponse(), Direction::kToClient);
      expect(response.allowed(), absl::StrCat(label, "response allowed, got ",
                                              DecisionName(response.decision()), ": ",
                                              Copy(response.reason())));
      expect(session->in_flight(Direction::kToServer) == 0, label + "nothing left in flight");
      Verdict denied = session->Check(DeniedToolsCallRequest(), Direction::kToServer);
      expect(!denied.allowed() && denied.rule_id() == "deny-read-ssh" &&
                 !denied.error_response().empty(),
             absl::StrCat(label, "denied by deny-read-ssh with an error response, got ",
                          DecisionName(denied.decision()), " ", Copy(denied.rule_id())));
    }
  }
  const size_t size = ToolsCallRequest().size();
  expect(size > 900 && size < 1400, absl::StrCat("request is ~1 KB, got ", size, " bytes"));
  return ok;
}

void TimeCheckPairs(benchmark::State& state, Session& session, const std::string& request,
                    const std::string& response) {
  for (auto _ : state) {
    Verdict request_verdict = session.Check(request, Direction::kToServer);
    Verdict response_verdict = session.Check(response, Direction::kToClient);
    if (!request_verdict.allowed() || !response_verdict.allowed()) {
      state.SkipWithError("a check did not allow its message");
      break;
    }
  }
  state.SetItemsProcessed(2 * state.iterations());
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(request.size() + response.size()));
}

InterleavedTimer TimePairsInterleaved(benchmark::State& state, Session& first, Session& second,
                                      std::vector<std::string> names,
                                      const std::function<void()>& warmed_up) {
  const std::string& request = ToolsCallRequest();
  const std::string& response = ToolsCallResponse();
  for (int i = 0; i < 100; ++i) {
    for (Session* session : {&first, &second}) {
      session->Check(request, Direction::kToServer);
      session->Check(response, Direction::kToClient);
    }
  }
  if (warmed_up) warmed_up();
  FloorParser floor;
  InterleavedTimer timer(std::move(names));
  bool ok = true;
  for (auto _ : state) {
    timer.Time(0, [&] { ok &= floor.Parse(request) & floor.Parse(response); });
    for (size_t i : {1, 2}) {
      Session& session = i == 1 ? first : second;
      timer.Time(i, [&] {
        Verdict request_verdict = session.Check(request, Direction::kToServer);
        Verdict response_verdict = session.Check(response, Direction::kToClient);
        ok &= request_verdict.allowed() && response_verdict.allowed();
      });
    }
  }
  if (!ok) state.SkipWithError("a parse or check failed");
  timer.Report(state);
  return timer;
}

}  // namespace mcpguard::bench
