// The state behind one mcpguard::Session and the Check pipeline:
// parse -> envelope -> correlate -> evaluate -> verdict.
#ifndef MCPGUARD_GUARD_SESSION_STATE_H_
#define MCPGUARD_GUARD_SESSION_STATE_H_

#include <array>
#include <map>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <mutex>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "audit/audit_context.h"
#include "audit/audit_record.h"
#include "detect/text_scanner.h"
#include "guard/engine_state.h"
#include "guard/rate_limit_scratch.h"
#include "guard/rewriting_writer.h"
#include "json/parser.h"
#include "mcpguard/session.h"
#include "policy/evaluator.h"
#include "session/in_flight_table.h"
#include "session/tool_catalog.h"
#include "validate/mcp_validator.h"
#include "validate/mcp_version.h"
#include "validate/envelope.h"

namespace mcpguard {
class VerdictBuilder;

namespace internal {

// The "tools" array of a tools/list result, or null when it has none
// (session_tool_list.cc).
const rapidjson::Value* ToolsOf(const rapidjson::Value& result);

struct ListedKind;  // session_tool_list.cc

// The audit event field a message's name goes to (session_audit.cc).
AuditName AuditNameOf(NameKind kind);
// The id as OpenTelemetry's jsonrpc.request.id wants it: a string id as it
// is, a number in decimal; empty for none. Integers are written into
// `buffer`; any other number into *scratch (session_audit.cc).
absl::string_view AuditIdText(const rapidjson::Value* id, char (&buffer)[32],
                              std::string* scratch);

class SessionState {
 public:
  SessionState(std::shared_ptr<EngineState> engine, SessionOptions options);
  ~SessionState();
  SessionState(const SessionState&) = delete;
  SessionState& operator=(const SessionState&) = delete;

  Verdict Check(absl::string_view message, Direction direction, const CheckOptions& options);
  size_t in_flight(Direction direction) const;
  const SessionOptions& options() const { return options_; }
  // Session::Settle (session_settle.cc).
  absl::StatusOr<Verdict> Settle(const Verdict& asked, const ApprovalAnswer& answer);

 private:
  // Picks up a new policy snapshot if the engine has one.
  void RefreshPolicy() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void CheckRequest(const Envelope& envelope, Direction direction, VerdictBuilder& out)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // An allowed notifications/cancelled: the request it names (sent the same
  // way) is no longer in flight, so a late answer to it is denied and it
  // stops counting against limits.max_in_flight_requests.
  void ForgetCancelled(const Envelope& envelope, Direction direction, VerdictBuilder& out)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void CheckResponse(const Envelope& envelope, Direction direction, VerdictBuilder& out)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Denies with a JSON-RPC error answering `id_json`. `schema` and
  // `schema_pointer` name the schema keyword that failed, if one did.
  void Reject(VerdictBuilder& out, int code, std::string reason, absl::string_view id_json,
              absl::string_view pointer, int64_t offset, absl::string_view schema = {},
              absl::string_view schema_pointer = {}) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The protocol version a request or notification is checked under: the
  // one it declares in _meta, else the negotiated one, else the policy's
  // default. False (with *problem) for a declared version mcpguard does
  // not know.
  bool RequestVersion(const Envelope& envelope, McpVersion* version, MessageProblem* problem)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Checks a message against the MCP definitions of `version`; on failure
  // fills *problem. Unknown members become notes or a failure, as the policy
  // says.
  bool ValidateRequest(const Envelope& envelope, Direction direction, McpVersion version,
                       VerdictBuilder& out, MessageProblem* problem)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool ValidateResult(const Envelope& envelope, Direction direction, VerdictBuilder& out,
                      MessageProblem* problem) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // tools/call arguments against the listed tool's inputSchema.
  bool ValidateToolArguments(const rapidjson::Value& params, absl::string_view tool,
                             VerdictBuilder& out, MessageProblem* problem)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // unknown_, emptied, for a validation to report into; null when the policy
  // ignores unknown members.
  std::vector<SchemaIssue>* UnknownMemberSink() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Applies unknown_ to the verdict per the policy: notes, or a failure.
  bool HandleUnknownMembers(int code, McpVersion version, VerdictBuilder& out,
                            MessageProblem* problem)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Options for compiling the tool schemas of a server speaking `version`.
  SchemaOptions ToolSchemaOptions(McpVersion version) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Evaluates the rules, with the sinks the verdict asks for (RECORD
  // matches; a trace under CheckOptions::explain).
  Evaluation EvaluateRules(const MessageFacts& facts, VerdictBuilder& out)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Applies an evaluation's decision, reason and error response.
  void Apply(const Evaluation& evaluation, const Envelope& envelope, VerdictBuilder& out)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The kPolicyDenied error response for `rule` (may be null: the default
  // effect) with the verdict's reason; none for a notification.
  void SetPolicyError(const CompiledRule* rule, const Envelope& envelope, VerdictBuilder& out)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Denies with the step-up hint when a scope requirement that matches
  // `facts` names a scope the principal lacks; false then
  // (session_scopes.cc).
  bool CheckScopes(const MessageFacts& facts, const Envelope& envelope, VerdictBuilder& out)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Takes a token from every rate limit that matches an allowed request;
  // denies with a retry hint when one has none (session_rate_limit.cc).
  // False when that deny is enforced (not in AUDIT mode).
  bool ApplyRateLimits(const MessageFacts& facts, const Envelope& envelope,
                       VerdictBuilder& out) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Settles an ASK verdict by an answer remembered in this session, else
  // with the engine's approver if it has one; else leaves it to the host:
  // host_ask_ keeps the ASK and the check goes on as if approved
  // (session_approval.cc). A remembered answer is keyed
  // by the rule and the name, or by `subject` instead of the rule when it
  // is set.
  void SettleAsk(const Evaluation& evaluation, const MessageFacts& facts,
                 const Envelope& envelope, absl::string_view message, VerdictBuilder& out,
                 absl::string_view subject = {}) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // After a check that left an ASK to the host (host_ask_): keeps the
  // verdict, which is what an approval gives, with what Settle needs in
  // held_, and turns `verdict` into the ASK; a verdict that denies anyway
  // needs no answer and stays (session_settle.cc).
  void HoldForHost(Verdict& verdict) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Files held_ under a new ticket that `verdict` carries, if the audit
  // record left it an ASK; empties held_ either way (session_settle.cc).
  void KeepAsk(Verdict& verdict) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Compares every tool of a tools/list result with its pin, records the
  // changed ones and reports them as findings; with on_change HIDE, marks
  // them in *hide (sized to the list when anything is hidden)
  // (session_integrity.cc).
  // `more_pages`: the result has a nextCursor, so the listing goes on in
  // the next tools/list result.
  void CheckToolIntegrity(const rapidjson::Value& tools, bool more_pages, VerdictBuilder& out,
                          std::vector<bool>* hide) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The instructions of an initialize result against their pin
  // (kInstructionsPinName): a change meets on_change (HIDE blanks them
  // through redactions_; DENY and ASK refuse the result). False when the
  // result was refused (session_integrity.cc).
  bool CheckInstructionsIntegrity(const rapidjson::Value& result, const Envelope& envelope,
                                  VerdictBuilder& out) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // One definition's digest against the policy's pin, else the store's
  // (pinning it now in TRUST_ON_FIRST_USE). `what` names it in findings
  // ("tool \"x\""). An empty problem: it matches.
  struct PinCheck {
    std::string category;  // "rug_pull", "unpinned_tool" or "pin_store_error".
    std::string problem;
  };
  PinCheck CheckPin(absl::string_view key, absl::string_view what, const std::string& digest,
                    VerdictBuilder& out) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Records a listed tool in the engine's directory; a tool another server
  // listed first, or one that looks like it, is a finding and, unless the
  // policy only records, flagged (and with HIDE marked in *hide)
  // (session_integrity.cc).
  void CheckShadowing(absl::string_view name, rapidjson::SizeType index, rapidjson::SizeType count,
                      VerdictBuilder& out, std::vector<bool>* hide)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // For a tools/call of a changed tool: the policy's on_change effect; of a
  // tool a detector hid: a deny. False when that decided the request
  // (session_integrity.cc).
  bool CheckCallIntegrity(const MessageFacts& facts, const Envelope& envelope,
                          VerdictBuilder& out) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Runs the content detectors on the strings under `root` (at pointer
  // `base`) of a result (`results`) or of tools/call arguments: findings,
  // and redactions_ for REDACT. False when a DENY detector found something:
  // that decided the message (session_detectors.cc).
  // In a tools/list result, a HIDE finding marks its tool in *hide_tools
  // (sized to the list when anything is hidden) and flags the tool so its
  // calls are refused; in an initialize result's instructions, it blanks
  // them.
  // kDefinitions: a tools/list result or an initialize result (the server's
  // instructions), scanned with the tool-poisoning patterns.
  enum class ScanPlace { kArguments, kResults, kDefinitions };
  // Without `attacks`, the argument-attack patterns' findings are dropped.
  bool ApplyDetectors(const rapidjson::Value& root, absl::string_view base, ScanPlace place,
                      const Envelope& envelope, VerdictBuilder& out,
                      std::vector<bool>* hide_tools = nullptr, bool attacks = true)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The text blocks of each content array under `root` scanned joined, as
  // a host joins them: a finding that spans blocks is added to `out`, and
  // its pattern id to *denied unless its detector only records
  // (session_text_blocks.cc).
  void ScanJoinedTextBlocks(const rapidjson::Value& root, absl::string_view base,
                            const TextScanner& scanner, bool definitions, VerdictBuilder& out,
                            std::vector<absl::string_view>* denied)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The arguments detectors on what a client sends a server besides a
  // tool's arguments: the params of a request or notification (a tools
  // call's _meta). False when a DENY detector refused it.
  bool ScanOtherParams(const Envelope& envelope, const MessageFacts& facts, VerdictBuilder& out)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Whether the policy an answer was asked under (`version` of the engine,
  // `policy`) is still the one in force: the same version, or a reload of
  // the same policy (its hash) (session_settle.cc).
  bool PolicyStillInForce(uint64_t version, const CompiledPolicy& policy) const;
  // MCP 2026-07-28 asks of a server embedded in its result
  // (resultType "input_required": inputRequests, each a method and its
  // params), each judged by the rules as the request of its method the
  // server would otherwise send the other way. False, with the response
  // refused, when one is not allowed (session_input_requests.cc).
  bool CheckInputRequests(const Envelope& envelope, Direction direction, VerdictBuilder& out)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The answers to those asks a client's retry carries (params
  // .inputResponses), scanned as the responses they stand for would be.
  // False when a DENY detector refused the request.
  bool ScanInputResponses(const Envelope& envelope, VerdictBuilder& out)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // ApplyDetectors on a response's result, or its error (whose message and
  // data reach the model as a result's text does, scanned as a result):
  // `definitions` for a tools/list or initialize result.
  bool ScanResponse(const Envelope& envelope, bool definitions, VerdictBuilder& out,
                    std::vector<bool>* hide_tools) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Tool poisoning's checks beyond patterns on one string of a definition
  // at `pointer`: a description over max_description_bytes, a sentence
  // naming another server's tool with a directive. Adds to detections_,
  // kept in order of offset (session_detectors.cc).
  void CheckDefinitionText(absl::string_view text, absl::string_view pointer)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // `redacted`, the redaction of member name `name` of `object`, made
  // unique among the object's names as they will be written (numbered
  // "#2", "#3", ...).
  std::string UniqueMemberName(const rapidjson::Value& object, const rapidjson::Value& name,
                               std::string redacted) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The message with redactions_ applied, as the verdict's rewrite.
  void WriteRedacted(VerdictBuilder& out) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Rewrites an allowed tools/list result without the tools marked in
  // `changed` (by CheckToolIntegrity; may be empty) and, when the policy
  // filters lists, those the principal can never call (session_tool_list.cc).
  void FilterToolList(const Envelope& envelope, Direction direction,
                      const std::vector<bool>& changed, VerdictBuilder& out)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The same for an allowed prompts/list or resources/list result (of
  // `method`): prompts the principal can never get, resources it can never
  // read, when the policy filters those lists.
  void FilterOtherList(absl::string_view method, const Envelope& envelope, Direction direction,
                       VerdictBuilder& out) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void FilterList(const ListedKind& kind, const Envelope& envelope, Direction direction,
                  const std::vector<bool>& changed, bool by_policy, VerdictBuilder& out)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // More changed or flagged tools than a server can plausibly have: past it,
  // the session stops telling them apart and refuses every call (fail
  // closed).
  static constexpr size_t kMaxTrackedTools = 4096;
  // A tool or prompt name or a resource URI is kept with its request while
  // it is in flight (see kMaxIdBytes): longer ones are refused. MCP asks for
  // tool names of at most 128 characters.
  static constexpr size_t kMaxNameBytes = 8192;
  // Tasks (MCP 2025-11-25): a task-augmented request (a tools/call,
  // sampling/createMessage or elicitation/create with params.task) is
  // answered with a CreateTaskResult, and its real result comes back later
  // as the answer to tasks/result. The session remembers which request
  // created each task, so that answer is checked as that request's: the
  // tool's response rules, its outputSchema, the detectors (session_tasks.cc).
  struct TaskOrigin {
    std::string method;
    bool has_name = false;
    std::string name;
    bool ambiguous = false;  // Another request's CreateTaskResult named it too.
  };
  // The in-flight tag bit of a task-augmented request (the rest is the
  // protocol version).
  static constexpr uint8_t kTaskAugmentedTag = 0x80;
  static constexpr size_t kMaxTasks = 1024;       // Oldest forgotten first.
  static constexpr size_t kMaxTaskIdBytes = 256;  // Longer ids are not kept.
  // Whether `params` asks for a task (a "task" object) on a method that can.
  static bool IsTaskAugmented(absl::string_view method, const rapidjson::Value* params);
  // After the response to a task-augmented request that went `direction`:
  // remembers the task its CreateTaskResult names.
  void RememberTask(const rapidjson::Value& result, Direction direction)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The request that created the task a tasks/result going `direction`
  // names, or null (then *problem says why, for -32602).
  const TaskOrigin* TaskOf(const rapidjson::Value* params, Direction direction,
                           std::string* problem) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Adds `name` to flagged_tools_ (the first reason stays), or sets the
  // overflow flag when it is full (session_integrity.cc).
  void FlagTool(absl::string_view name, std::string reason) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Marks tool `index` of a tools/list result in *hide (sized to the list)
  // and flags it. False when `index` names no tool (session_detectors.cc).
  bool HideListedTool(const rapidjson::Value& result, int index, std::string reason,
                      std::vector<bool>* hide) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Hands the audit log the record of this Check; under audit.overflow
  // FAIL_CLOSED, a full queue turns the verdict into a deny
  // (session_audit.cc).
  // `start_ns`: absl::GetCurrentTimeNanos() when Check began.
  void AuditCheck(absl::string_view message, Direction direction, int64_t start_ns,
                  Verdict& verdict) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The text of a tools/call request's params.arguments, for the audit
  // record; the whole message when it cannot be told (session_audit.cc).
  absl::string_view AuditedArguments(absl::string_view message, bool* arguments_only) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // A new audit context for the policy in force, the old one retired
  // (session_audit.cc).
  void RefreshAuditContext() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The Check itself, under mu_.
  Verdict CheckLocked(absl::string_view message, Direction direction,
                      const CheckOptions& options) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Writes the in-flight key of a request or response id to id_key_.
  void MakeIdKey(const rapidjson::Value& id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  InFlightTable& table(Direction request_direction) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return request_direction == Direction::kToServer ? to_server_ : to_client_;
  }

  const std::shared_ptr<EngineState> engine_;
  const SessionOptions options_;

  // std::mutex, not absl::Mutex: Debian's Abseil is not built with TSan
  // annotations, and ThreadSanitizer must see this lock to check the code.
  mutable std::mutex mu_;
  std::shared_ptr<const CompiledPolicy> policy_ ABSL_GUARDED_BY(mu_);
  uint64_t policy_version_ ABSL_GUARDED_BY(mu_) = 0;
  RuleApplicability applicability_ ABSL_GUARDED_BY(mu_);
  ResolvedFields fields_ ABSL_GUARDED_BY(mu_);  // Per-message field cache.
  JsonParser parser_ ABSL_GUARDED_BY(mu_);
  // Requests by the direction they travelled; a response looks in the
  // table of the opposite direction.
  InFlightTable to_server_ ABSL_GUARDED_BY(mu_);
  InFlightTable to_client_ ABSL_GUARDED_BY(mu_);
  // The current Check's options and message (valid during Check only).
  const CheckOptions* check_options_ ABSL_GUARDED_BY(mu_) = nullptr;
  absl::string_view message_ ABSL_GUARDED_BY(mu_);
  // RECORD matches of the current evaluation (reused).
  std::vector<const CompiledRule*> recorded_ ABSL_GUARDED_BY(mu_);
  // Scratch reused by every Check (no allocation in steady state).
  // The in-flight key of the current message (MakeIdKey): in id_buffer_
  // when it fits, as nearly every id does, else in id_long_.
  absl::string_view id_key_ ABSL_GUARDED_BY(mu_);
  char id_buffer_[48] ABSL_GUARDED_BY(mu_);
  std::string id_long_ ABSL_GUARDED_BY(mu_);
  // The request a response answers (TakeInPlace), for the current check.
  InFlightTable::EntryView taken_ ABSL_GUARDED_BY(mu_);
  std::vector<SchemaIssue> unknown_ ABSL_GUARDED_BY(mu_);
  // The version initialize negotiated; unset until then.
  std::optional<McpVersion> negotiated_ ABSL_GUARDED_BY(mu_);
  // What the server listed in tools/list, with compiled schemas.
  ToolCatalog tools_ ABSL_GUARDED_BY(mu_);
  // Approvers' answers to remember: (rule id, name) -> approved. Forgotten
  // when the policy changes.
  absl::flat_hash_map<std::string, bool> remembered_ ABSL_GUARDED_BY(mu_);
  // Tool name -> whether the principal could ever call it under the policy
  // in force (tools/list filtering). Forgotten when the policy changes.
  absl::flat_hash_map<std::string, bool> callable_ ABSL_GUARDED_BY(mu_);
  // Rate limits: which apply to this session, and per-request scratch.
  RateLimitScratch rate_limit_ ABSL_GUARDED_BY(mu_);
  // Tools whose listed definition differs from their pin (or, PINNED_ONLY,
  // has none), by name; a later listing that matches the pin clears one.
  struct ChangedTool {
    std::string digest;  // As listed.
    std::string reason;
  };
  absl::flat_hash_map<std::string, ChangedTool> changed_tools_ ABSL_GUARDED_BY(mu_);
  // Set when more tools changed than changed_tools_ may hold: from then on
  // every tools/call is treated as a call of a changed tool.
  bool changed_tools_overflow_ ABSL_GUARDED_BY(mu_) = false;
  // Names with a changed copy in the listing under way (its pages so far):
  // a copy that matches its pin, later in the same listing, clears nothing.
  absl::flat_hash_set<std::string> listing_changed_ ABSL_GUARDED_BY(mu_);
  bool listing_continues_ ABSL_GUARDED_BY(mu_) = false;  // The last page had a nextCursor.
  // This check put its request in flight (so a later refusal of it, by the
  // audit trail, takes it out again).
  bool inserted_in_flight_ ABSL_GUARDED_BY(mu_) = false;
  // The request its insertion evicted, if it did (audit_facts_.evicted): put
  // back if this request is refused after all.
  InFlightTable::Entry evicted_in_flight_ ABSL_GUARDED_BY(mu_);
  std::string digest_scratch_ ABSL_GUARDED_BY(mu_);
  // Tools hidden from a tools/list for a finding (a detector's HIDE, or
  // shadowing), by name, with the finding's reason; their calls are
  // refused. Past kMaxTrackedTools the overflow flag refuses every call.
  absl::flat_hash_map<std::string, std::string> flagged_tools_ ABSL_GUARDED_BY(mu_);
  bool flagged_tools_overflow_ ABSL_GUARDED_BY(mu_) = false;
  // Per message: what the detectors found in one string, and the strings to
  // replace when the message is written back out.
  std::vector<Detection> detections_ ABSL_GUARDED_BY(mu_);
  StringReplacements redactions_ ABSL_GUARDED_BY(mu_);
  // Member names in which each place's scanner found nothing, under the
  // current policy (cleared when it changes): a message's names repeat from
  // message to message, and a lookup costs less than a scan. Names up to
  // kMaxCleanNameBytes; the set is emptied when it holds kMaxCleanNames.
  static constexpr size_t kMaxCleanNames = 256;
  static constexpr size_t kMaxCleanNameBytes = 64;
  std::array<absl::flat_hash_set<std::string>, 3> clean_names_ ABSL_GUARDED_BY(mu_);
  // What the audit record takes from the current message, as far as it
  // was read (reset by every Check).
  struct AuditFacts {
    const rapidjson::Value* id = nullptr;
    const rapidjson::Value* params = nullptr;
    // A tools/call's params.arguments member, when it has one.
    bool has_arguments = false;
    rapidjson::Value::ConstMemberIterator arguments;
    absl::string_view method;
    NameKind name_kind = NameKind::kNone;
    absl::string_view name;
    bool tool_call = false;  // A tools/call request: its arguments may be recorded.
    bool evicted = false;    // It pushed the oldest request out of the in-flight table.

    // Back to the defaults, member by member: `*this = AuditFacts()` built
    // a temporary and copied it with loads that straddled the temporary's
    // two fresh stores, a store-forwarding stall on every check.
    void Clear() {
      id = nullptr;
      params = nullptr;
      has_arguments = false;
      arguments = rapidjson::Value::ConstMemberIterator();
      method = absl::string_view();
      name_kind = NameKind::kNone;
      name = absl::string_view();
      tool_call = false;
      evicted = false;
    }
  };
  AuditFacts audit_facts_ ABSL_GUARDED_BY(mu_);
  // The canonical spelling of the current message's resource URI, when it
  // is not spelled so (net/uri_spelling.h); facts.name then points here.
  std::string canonical_uri_ ABSL_GUARDED_BY(mu_);
  // Tasks by direction ('>' to the server, '<' to the client) and task id;
  // task_order_ holds the same keys, oldest first.
  absl::flat_hash_map<std::string, TaskOrigin> tasks_ ABSL_GUARDED_BY(mu_);
  std::deque<std::string> task_order_ ABSL_GUARDED_BY(mu_);
  // ASKs returned to the host and not settled yet, by ticket (tickets
  // grow, so the first is the oldest); at most kMaxPendingAsks, the oldest
  // forgotten first.
  struct PendingAsk {
    // SettleAsk's keys for remembered answers (a changed tool's, a rule's).
    std::vector<std::string> remember_keys;
    uint64_t policy_version = 0;  // The engine's, when asked.
    Verdict approved;             // What an approval gives (HoldForHost).
    std::string id_json;       // The message's id; empty for a notification.
    // For the APPROVAL audit event.
    std::string audit_id;
    std::string method;
    NameKind name_kind = NameKind::kNone;
    std::string name;
    // A request kept in flight in `direction`'s table, as request `serial`.
    bool in_flight = false;
    Direction direction = Direction::kToServer;
    std::string id_key;
    uint64_t serial = 0;
    // The request its insertion pushed out of the full table, if it did:
    // put back if the host refuses (and there is room, and its id is free).
    std::optional<InFlightTable::Entry> evicted;
    size_t bytes = 0;  // What it holds, roughly (kMaxPendingAskBytes).
  };
  // At most kMaxPendingAsks, holding at most kMaxPendingAskBytes (an
  // approval's rewrite may be as long as the message: 1024 of 4 MiB each
  // would be 4 GiB).
  static constexpr size_t kMaxPendingAsks = 1024;
  static constexpr size_t kMaxPendingAskBytes = size_t{32} << 20;
  std::map<uint64_t, PendingAsk> pending_asks_ ABSL_GUARDED_BY(mu_);
  size_t pending_ask_bytes_ ABSL_GUARDED_BY(mu_) = 0;
  // Forgets pending ASK `it` (session_settle.cc).
  void ForgetAsk(std::map<uint64_t, PendingAsk>::iterator it) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // An ASK the current check left to the host (SettleAsk), reset by
  // HoldForHost.
  struct HostAsk {
    bool active = false;
    std::vector<std::string> remember_keys;
    absl::string_view rule_id;  // Into policy_.
    std::string reason;
    int error_code = 0;
    std::string error_response;
  };
  HostAsk host_ask_ ABSL_GUARDED_BY(mu_);
  // HoldForHost's ASK, for KeepAsk once the audit record is made.
  std::optional<PendingAsk> held_ ABSL_GUARDED_BY(mu_);
  // The session's texts every audit record points at; null without an
  // audit log.
  std::shared_ptr<const AuditContext> audit_context_ ABSL_GUARDED_BY(mu_);
};

}  // namespace internal
}  // namespace mcpguard

#endif  // MCPGUARD_GUARD_SESSION_STATE_H_
