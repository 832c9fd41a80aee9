// The cost of the audit trail (issue 6's target: at most 0.1x the parse
// floor per Check), in the same run as BM_Check50Rules and the floor:
//
//   BM_Check50RulesAudited - BM_Check50Rules = what auditing adds to Check
//   (the record copied into the queue, two clock reads), with a JSON Lines
//   sink on the audit thread (SHA-256 chain, argument digest, flushed every
//   second). Its counter `dropped` says what share of the events the audit
//   thread could not keep up with at this rate (DROP policy): at a full
//   core of back-to-back checks the producer may outrun it.
//   BM_AuditEventWrite = the audit thread's work for one such event: JSON,
//   redaction scans, argument digest, chain link. Its inverse is the
//   sustained event rate one audit thread can write.
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>
#include <utility>

#include "audit/audit_record.h"
#include "audit/event_json.h"
#include "audit/hash_chain.h"
#include "bench_messages.h"
#include "floor_parser.h"
#include "interleaved_timer.h"
#include "json/member_span.h"
#include "json/parser.h"
#include "benchmark/benchmark.h"
#include "mcpguard/audit.h"

namespace mcpguard::bench {
namespace {

// A fresh directory for one benchmark's log, removed afterwards.
class BenchDir {
 public:
  BenchDir() {
    char pattern[] = "/tmp/mcpguard-bench-audit-XXXXXX";
    if (mkdtemp(pattern) != nullptr) path_ = pattern;
  }
  ~BenchDir() {
    for (const char* name : {"/audit.jsonl", "/audit.jsonl.head"}) {
      std::remove((path_ + name).c_str());
    }
    rmdir(path_.c_str());
  }
  std::string File(const char* name) const { return path_ + "/" + name; }
  bool ok() const { return !path_.empty(); }

 private:
  std::string path_;
};

// BM_Check50Rules with an AuditLog writing to `sink`.
void CheckPairsAudited(benchmark::State& state, std::unique_ptr<AuditSink> sink) {
  AuditLogOptions options;
  options.sinks.push_back(std::move(sink));
  auto log = AuditLog::Create(options);
  if (!log.ok()) {
    state.SkipWithError(std::string(log.status().message()).c_str());
    return;
  }
  EngineOptions engine_options;
  engine_options.audit = *log;
  const std::string& request = ToolsCallRequest();
  const std::string& response = ToolsCallResponse();
  std::unique_ptr<Session> session = NewBenchSession(Policy50(), std::move(engine_options));
  for (int i = 0; i < 100; ++i) {
    session->Check(request, Direction::kToServer);
    session->Check(response, Direction::kToClient);
  }
  (*log)->Flush();
  const AuditStats before = (*log)->stats();
  TimeCheckPairs(state, *session, request, response);
  (*log)->Close();
  const AuditStats after = (*log)->stats();
  const double events = static_cast<double>(after.queued - before.queued) +
                        static_cast<double>(after.dropped - before.dropped);
  state.counters["dropped"] =
      events > 0 ? static_cast<double>(after.dropped - before.dropped) / events : 0;
}

void BM_Check50RulesAudited(benchmark::State& state) {
  BenchDir dir;
  JsonLinesSinkOptions file;
  file.path = dir.File("audit.jsonl");
  file.max_file_bytes = 0;
  auto sink = dir.ok() ? OpenJsonLinesSink(file) : absl::InternalError("no temp dir");
  if (!sink.ok()) {
    state.SkipWithError(std::string(sink.status().message()).c_str());
    return;
  }
  CheckPairsAudited(state, *std::move(sink));
}
BENCHMARK(BM_Check50RulesAudited);

// The same with a sink that takes each event and does nothing with it: the
// audit thread's work without the file's.
void BM_Check50RulesAuditedToCallback(benchmark::State& state) {
  CheckPairsAudited(state, NewCallbackSink([](std::string_view event) {
                      benchmark::DoNotOptimize(event.data());
                    }));
}
BENCHMARK(BM_Check50RulesAuditedToCallback);


// What auditing adds to Check, measured within each iteration against the
// same Check without an audit log and against the parse floor, so the
// ratio holds while the machine's speed drifts (interleaved_timer.h). The
// audit thread writes the JSON Lines file meanwhile, as in
// BM_Check50RulesAudited. Counters, in ns per request/response pair:
// floor_ns, check_ns, audited_ns; and audit_x_floor = (audited - check) /
// floor, the figure issue 6 sets at most 0.1.
void BM_AuditCostInterleaved(benchmark::State& state) {
  BenchDir dir;
  JsonLinesSinkOptions file;
  file.path = dir.File("audit.jsonl");
  file.max_file_bytes = 0;
  auto sink = dir.ok() ? OpenJsonLinesSink(file) : absl::InternalError("no temp dir");
  if (!sink.ok()) {
    state.SkipWithError(std::string(sink.status().message()).c_str());
    return;
  }
  AuditLogOptions options;
  options.sinks.push_back(*std::move(sink));
  auto log = AuditLog::Create(options);
  if (!log.ok()) {
    state.SkipWithError(std::string(log.status().message()).c_str());
    return;
  }
  EngineOptions engine_options;
  engine_options.audit = *log;
  const std::string& request = ToolsCallRequest();
  const std::string& response = ToolsCallResponse();
  std::unique_ptr<Session> plain = NewBenchSession(Policy50());
  std::unique_ptr<Session> audited = NewBenchSession(Policy50(), std::move(engine_options));
  FloorParser floor;
  for (int i = 0; i < 100; ++i) {
    for (Session* session : {plain.get(), audited.get()}) {
      session->Check(request, Direction::kToServer);
      session->Check(response, Direction::kToClient);
    }
  }
  (*log)->Flush();
  const AuditStats before = (*log)->stats();
  InterleavedTimer timer({"floor", "check", "audited"});
  bool ok = true;
  for (auto _ : state) {
    timer.Time(0, [&] { ok &= floor.Parse(request) & floor.Parse(response); });
    for (size_t i : {1, 2}) {
      Session& session = i == 1 ? *plain : *audited;
      timer.Time(i, [&] {
        Verdict request_verdict = session.Check(request, Direction::kToServer);
        Verdict response_verdict = session.Check(response, Direction::kToClient);
        ok &= request_verdict.allowed() && response_verdict.allowed();
      });
    }
  }
  if (!ok) state.SkipWithError("a parse or check failed");
  (*log)->Close();
  const AuditStats after = (*log)->stats();
  timer.Report(state);
  const int64_t n = state.iterations();
  state.counters["audit_x_floor"] = (timer.PerRun(2, n) - timer.PerRun(1, n)) / timer.PerRun(0, n);
  const double events = static_cast<double>(after.queued - before.queued) +
                        static_cast<double>(after.dropped - before.dropped);
  state.counters["dropped"] =
      events > 0 ? static_cast<double>(after.dropped - before.dropped) / events : 0;
}
BENCHMARK(BM_AuditCostInterleaved);

// The text of a tools/call's params.arguments, found as Check finds it.
absl::string_view ArgumentsText(const std::string& message) {
  static internal::JsonParser parser;
  absl::string_view span;
  if (!parser.Parse(message, internal::JsonLimits()) || !parser.root().IsObject()) return span;
  const rapidjson::Value& root = parser.root();
  const auto params = root.FindMember("params");
  if (params == root.MemberEnd() || !params->value.IsObject()) return span;
  const auto arguments = params->value.FindMember("arguments");
  if (arguments == params->value.MemberEnd()) return span;
  const internal::MemberStep path[] = {{&root, params}, {&params->value, arguments}};
  internal::MemberValueSpan(message, parser.buffer(), path, &span);
  return span;
}

void BM_AuditEventWrite(benchmark::State& state) {
  internal::AuditRecord record;
  record.kind = internal::AuditKind::kMessage;
  record.time_unix_ns = 1795000000000000000;
  record.duration_ns = 1200;
  record.session_id = "benchmark";
  record.subject = "alice";
  record.server_id = "filesystem";
  record.policy_name = "bench";
  record.policy_hash = std::string(64, 'a');
  record.has_direction = true;
  record.jsonrpc_id = "req-8f14e45f";
  record.method = "tools/call";
  record.name_field = internal::AuditName::kTool;
  record.name = "filesystem.read_file";
  record.decision = record.policy_decision = Decision::kAllow;
  record.rule_id = "allow-read-projects";
  record.reason = "allowed by rule";
  record.message_size = ToolsCallRequest().size();
  record.arguments = internal::AuditArguments::kDigest;
  // As the hot path hands it over: the text of params.arguments alone.
  record.arguments_source = std::string(ArgumentsText(ToolsCallRequest()));
  record.arguments_only = true;
  std::string json;
  std::string lines;
  std::string prev(internal::kChainGenesis);
  uint64_t sequence = 0;
  for (auto _ : state) {
    internal::WriteEventJson(record, "0123456789abcdef0123456789abcdef", 0, &json);
    lines.clear();
    prev = internal::AppendChainedLine(json, sequence++, prev, "", &lines);
    benchmark::DoNotOptimize(lines.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AuditEventWrite);

}  // namespace
}  // namespace mcpguard::bench
