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
BENCHMARK(BM_Check50RulesAudited);

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
  record.message = ToolsCallRequest();
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
