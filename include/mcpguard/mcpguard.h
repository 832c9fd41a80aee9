/* mcpguard C API: a stable ABI over the C++ library (mcpguard/guard.h) for C
 * programs and for language bindings (bindings/: Python ctypes, Node koffi).
 * Plain C99; also valid C++.
 *
 *   mcpguard_engine* engine = NULL;
 *   mcpguard_error* err = NULL;
 *   if (mcpguard_engine_new_from_file("policy.textproto", &engine, &err) != MCPGUARD_OK) {
 *     fprintf(stderr, "%s\n", mcpguard_error_message(err, NULL));
 *     mcpguard_error_free(err);
 *     return 1;
 *   }
 *   mcpguard_principal who = {{"alice", 5}, roles, 1, NULL, 0};
 *   mcpguard_session* session = NULL;
 *   mcpguard_session_new(engine, &who, "fs", 2, &session, NULL);
 *   mcpguard_verdict* v = NULL;
 *   mcpguard_session_check(session, msg, msg_len, MCPGUARD_TO_SERVER, &v, NULL);
 *   switch (mcpguard_verdict_decision(v)) {
 *     case MCPGUARD_ALLOW: ...forward msg... break;
 *     case MCPGUARD_REWRITE: ...forward mcpguard_verdict_replacement... break;
 *     default: ...send mcpguard_verdict_error_response (empty: drop)... break;
 *   }
 *   mcpguard_verdict_free(v);
 *   mcpguard_session_free(session);
 *   mcpguard_engine_free(engine);
 *
 * Conventions, the same for every function:
 *
 * (1) Errors. A function that can fail returns an int status: MCPGUARD_OK (0)
 *     or one of the other mcpguard_status values, and takes
 *     `mcpguard_error** err` as its last argument. `err` may be NULL (you get
 *     only the status). Otherwise the function always writes *err: NULL on
 *     success, and on failure a new mcpguard_error holding the same status and
 *     a message, which you must free with mcpguard_error_free. *err is never
 *     read, so free an error you hold before reusing its variable. On failure
 *     out-parameters are set to NULL (when they are not NULL themselves) and
 *     nothing else changes. If even the error object cannot be allocated,
 *     *err is a shared static "out of memory" error; mcpguard_error_free
 *     accepts it as usual.
 *
 * (2) Arguments. Every handle and out-parameter must be non-NULL unless a
 *     comment says otherwise; a NULL gives MCPGUARD_INVALID_ARGUMENT and a
 *     message naming the argument, never a crash. Freeing NULL is a no-op.
 *     Passing a freed or foreign pointer is undefined behaviour (as in C).
 *
 * (3) Strings passed in are pointer + length (bytes, no NUL needed, any
 *     content). (NULL, 0) is the empty string; (NULL, n > 0) is
 *     MCPGUARD_INVALID_ARGUMENT. The only NUL-terminated inputs are file
 *     paths and policy source names. Input bytes are read only during the
 *     call; the library keeps copies of what it needs.
 *
 * (4) Strings returned are `const char*` owned by the object they came from
 *     and valid until that object is freed. They are always NUL-terminated;
 *     when `len` is not NULL, *len receives the length without the NUL.
 *
 * (5) No C++ exception ever crosses this API. Out of memory inside the
 *     library becomes MCPGUARD_INTERNAL.
 *
 * (6) Fail closed. A check that cannot decide denies; accessors asked about a
 *     NULL verdict answer "deny".
 *
 * Thread-safety: an engine may be used from any number of threads at once,
 * including mcpguard_engine_set_policy while sessions check. A session may be
 * used from several threads; its checks are serialized internally. A verdict
 * is immutable and may be read from any thread. An object must not be freed
 * while another thread still uses it. A session keeps what it needs of its
 * engine alive, so the engine may be freed first.
 */
#ifndef MCPGUARD_MCPGUARD_H_
#define MCPGUARD_MCPGUARD_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define MCPGUARD_C_EXPORT __attribute__((visibility("default")))
#else
#define MCPGUARD_C_EXPORT
#endif

/* Bumped on every incompatible change to the declarations below. Compare it
 * with mcpguard_abi_version() to detect a header/library mismatch. */
#define MCPGUARD_ABI_VERSION 2

/* The MCPGUARD_ABI_VERSION the library was built with. */
MCPGUARD_C_EXPORT int mcpguard_abi_version(void);

/* ---- Status codes and errors --------------------------------------------- */

typedef enum mcpguard_status {
  MCPGUARD_OK = 0,
  MCPGUARD_INVALID_ARGUMENT = 1, /* A NULL or out-of-range argument. */
  MCPGUARD_POLICY_ERROR = 2,     /* The policy does not load or compile. */
  MCPGUARD_NOT_FOUND = 3,        /* A policy file cannot be opened. */
  MCPGUARD_IO_ERROR = 4,         /* A policy file cannot be read to the end. */
  MCPGUARD_INTERNAL = 5          /* Out of memory or a library bug. */
} mcpguard_status;

/* A constant name for `status` ("OK", "INVALID_ARGUMENT", ...);
 * "UNKNOWN" for a value not listed above. Never NULL. */
MCPGUARD_C_EXPORT const char* mcpguard_status_string(int status);

/* What went wrong in one failed call: a status and a message. For a policy
 * error the message has one line per problem, in the form
 * "source:line:column: error: message [field]", covering every error found,
 * not just the first. Immutable; free with mcpguard_error_free. */
typedef struct mcpguard_error mcpguard_error;

/* The error's status; MCPGUARD_OK for NULL. */
MCPGUARD_C_EXPORT int mcpguard_error_code(const mcpguard_error* error);
/* The error's message (see (4)); "" for NULL. */
MCPGUARD_C_EXPORT const char* mcpguard_error_message(const mcpguard_error* error, size_t* len);
MCPGUARD_C_EXPORT void mcpguard_error_free(mcpguard_error* error);

/* ---- Engine: the policy in force ----------------------------------------- */

/* How policy bytes are written (mcpguard.v1.Policy, proto/mcpguard/v1/). */
enum {
  MCPGUARD_FORMAT_AUTO = 0,      /* JSON if the first non-blank byte is '{'. */
  MCPGUARD_FORMAT_TEXTPROTO = 1,
  MCPGUARD_FORMAT_JSON = 2,      /* The proto3 JSON mapping. */
  MCPGUARD_FORMAT_BINARY = 3     /* Protobuf wire format. */
};

/* Holds a compiled policy and creates sessions. Thread-safe. */
typedef struct mcpguard_engine mcpguard_engine;

/* Compiles `policy` (len bytes, in `format`) and returns a new engine in
 * *out, which you free with mcpguard_engine_free. `source_name` names the
 * policy in error messages; NULL means "<policy>". Fails with
 * MCPGUARD_POLICY_ERROR (every diagnostic in the message) when the policy
 * is invalid, MCPGUARD_INVALID_ARGUMENT for an unknown format. An empty
 * textproto is a valid policy that denies everything. */
MCPGUARD_C_EXPORT int mcpguard_engine_new_from_policy(const char* policy, size_t len,
                                                      int format, const char* source_name,
                                                      mcpguard_engine** out,
                                                      mcpguard_error** err);

/* Reads and compiles the policy file at `path` (NUL-terminated). The format
 * comes from the extension (.textproto/.txtpb/.pbtxt, .json, .binpb/.pb),
 * otherwise MCPGUARD_FORMAT_AUTO; the path is the source name. Fails with
 * MCPGUARD_NOT_FOUND if it cannot be opened, MCPGUARD_IO_ERROR if reading
 * fails, MCPGUARD_POLICY_ERROR if it is invalid. */
MCPGUARD_C_EXPORT int mcpguard_engine_new_from_file(const char* path, mcpguard_engine** out,
                                                    mcpguard_error** err);

/* Compiles a new policy and atomically puts it in force for every later
 * check of every session of `engine` (hot reload). Checks already running
 * finish with the policy they started with. On any failure the old policy
 * stays in force, unchanged, and *err lists every diagnostic. Arguments as
 * for mcpguard_engine_new_from_policy. Safe to call while other threads
 * check. */
MCPGUARD_C_EXPORT int mcpguard_engine_set_policy(mcpguard_engine* engine, const char* policy,
                                                 size_t len, int format,
                                                 const char* source_name,
                                                 mcpguard_error** err);

/* Receives one audit event (docs/audit.md): a JSON object of `len` bytes,
 * not NUL-terminated, valid only during the call. Called on the engine's
 * audit thread, one event at a time, in order; it must not block for long
 * (events queue behind it) and must not call back into mcpguard. */
typedef void (*mcpguard_audit_callback)(void* user_data, const char* event, size_t len);

/* As mcpguard_engine_new_from_policy, with an audit trail: every check of
 * the engine's sessions and every policy change produces an event for
 * `callback` (with `user_data`), written off the checking thread. What the
 * events carry, and whether a full queue drops events or refuses messages,
 * is the policy's `audit` section. MCPGUARD_INVALID_ARGUMENT if `callback`
 * is NULL. mcpguard_engine_free delivers the events still queued, and after
 * it `callback` is never called again (events of sessions that outlive the
 * engine are dropped; under the policy's `audit.overflow: FAIL_CLOSED` their
 * messages are refused instead, as unrecordable). */
MCPGUARD_C_EXPORT int mcpguard_engine_new_with_audit(const char* policy, size_t len, int format,
                                                     const char* source_name,
                                                     mcpguard_audit_callback callback,
                                                     void* user_data, mcpguard_engine** out,
                                                     mcpguard_error** err);

/* Hands the engine's metrics (docs/audit.md: counters and latency
 * histograms by decision, rule, method, tool, detector) to `callback`, once,
 * as Prometheus text format: `len` bytes, not NUL-terminated, valid only
 * during the call, which runs on the calling thread. The metrics count the
 * events the audit thread has written so far. MCPGUARD_INVALID_ARGUMENT if
 * `engine` or `callback` is NULL, or if the engine was not made by
 * mcpguard_engine_new_with_audit (it keeps no metrics). */
MCPGUARD_C_EXPORT int mcpguard_engine_metrics(const mcpguard_engine* engine,
                                              mcpguard_audit_callback callback, void* user_data,
                                              mcpguard_error** err);

/* Frees the engine. Sessions created from it keep working with the policy
 * in force when it was freed (with an audit trail and `audit.overflow:
 * FAIL_CLOSED`, that policy refuses every message: the trail is closed). */
MCPGUARD_C_EXPORT void mcpguard_engine_free(mcpguard_engine* engine);

/* ---- Session: one MCP connection ----------------------------------------- */

/* A borrowed string: `size` bytes at `data` (see (3)). */
typedef struct mcpguard_string_view {
  const char* data;
  size_t size;
} mcpguard_string_view;

/* One claim of the token: its name and its values (one for a string claim,
 * one per element for a list claim), matched by rules' principal.claim. */
typedef struct mcpguard_claim {
  mcpguard_string_view name;
  const mcpguard_string_view* values;
  size_t value_count;
} mcpguard_claim;

/* Who is on the other end of a session, as the host authenticated it (for
 * example from an OAuth token). `roles` points to `role_count` views,
 * `scopes` to `scope_count` views (a view may be the token's scope claim as
 * it came, scopes apart by spaces) and `claims` to `claim_count` claims (a
 * name given twice has the values of both); an array may be NULL when its
 * count is 0. Everything is copied by mcpguard_session_new.
 * Zero-initialize it for an anonymous principal. */
typedef struct mcpguard_principal {
  mcpguard_string_view subject;
  const mcpguard_string_view* roles;
  size_t role_count;
  const mcpguard_string_view* scopes;
  size_t scope_count;
  const mcpguard_claim* claims; /* Since ABI version 2. */
  size_t claim_count;
} mcpguard_principal;

/* Which way a message travels. */
enum {
  /* Client requests and notifications; client responses to server requests. */
  MCPGUARD_TO_SERVER = 0,
  /* Server responses; server requests and notifications. */
  MCPGUARD_TO_CLIENT = 1
};

/* The guard for one MCP connection. It remembers requests in flight so a
 * response is checked as the answer to its request. Thread-safe: concurrent
 * checks are serialized; different sessions never contend. */
typedef struct mcpguard_session mcpguard_session;

/* A new session of `engine` for `principal` talking to the server named by
 * `server_id` (matched by rules' target.servers; may be (NULL, 0)). Returns
 * it in *out; free it with mcpguard_session_free. `principal` must not be
 * NULL (use a zeroed struct for nobody); any of its views with data NULL and
 * size > 0, an array NULL with a count > 0, or a claim with an empty name
 * is MCPGUARD_INVALID_ARGUMENT. */
MCPGUARD_C_EXPORT int mcpguard_session_new(const mcpguard_engine* engine,
                                           const mcpguard_principal* principal,
                                           const char* server_id, size_t server_id_len,
                                           mcpguard_session** out, mcpguard_error** err);

/* Frees the session and its memory of in-flight requests. */
MCPGUARD_C_EXPORT void mcpguard_session_free(mcpguard_session* session);

/* Requests seen in `direction` whose response has not come back yet; 0 for
 * a NULL session or an unknown direction. */
MCPGUARD_C_EXPORT size_t mcpguard_session_in_flight(const mcpguard_session* session,
                                                    int direction);

/* ---- Verdict: what a check decided ---------------------------------------- */

/* The result of one check. Immutable; read it from any thread. Every string
 * it returns is valid until mcpguard_verdict_free. */
typedef struct mcpguard_verdict mcpguard_verdict;

/* Checks one complete JSON-RPC message (`len` bytes at `msg`) travelling in
 * `direction` (MCPGUARD_TO_SERVER or MCPGUARD_TO_CLIENT) against the
 * engine's current policy, and returns the verdict in *out; free it with
 * mcpguard_verdict_free. Bad input is not an error: it yields a deny verdict
 * with the matching JSON-RPC error response. Fails only for bad arguments
 * (an unknown direction is MCPGUARD_INVALID_ARGUMENT) or out of memory; the
 * caller must treat a failure as a deny. */
MCPGUARD_C_EXPORT int mcpguard_session_check(mcpguard_session* session, const char* msg,
                                             size_t len, int direction,
                                             mcpguard_verdict** out, mcpguard_error** err);

/* Settles an MCPGUARD_ASK verdict `asked` of this session when the host asks
 * its human itself (mcpguard_verdict_awaiting_answer is 1): `approved` and
 * `remember` (non-zero for yes) are the answer. Returns in *out the verdict
 * to act on instead: MCPGUARD_ALLOW when approved; MCPGUARD_DENY when
 * refused, or approved after the engine's policy was replaced (the client
 * sends the request again and the policy in force judges it), with the
 * error response to send in place of the message. A
 * refused request leaves the session's requests in flight (its id may be
 * used again; a response to it is denied); a remembered answer settles the
 * session's later asks of the same rule and tool; an audit log records the
 * answer (Session::Settle in mcpguard/session.h). `asked` is not changed;
 * free both verdicts. MCPGUARD_INVALID_ARGUMENT when `asked` is not an ASK
 * of this session awaiting an answer (another decision, settled already,
 * another session's, or older than the session's last 1024 unsettled
 * asks, which hold at most 32 MiB). */
MCPGUARD_C_EXPORT int mcpguard_session_settle(mcpguard_session* session,
                                              const mcpguard_verdict* asked, int approved,
                                              int remember, mcpguard_verdict** out,
                                              mcpguard_error** err);

/* Decisions. */
enum {
  MCPGUARD_ALLOW = 0, /* Forward the message unchanged. */
  MCPGUARD_DENY = 1,  /* Do not forward it; see mcpguard_verdict_error_response. */
  MCPGUARD_ASK = 2,   /* A human must approve first; refusal or silence is a deny.
                       * Settle it with mcpguard_session_settle. */
  MCPGUARD_REWRITE = 3 /* Forward mcpguard_verdict_replacement instead. */
};

/* The JSON-RPC error codes a verdict can carry (mcpguard/verdict.h). */
enum {
  MCPGUARD_JSONRPC_PARSE_ERROR = -32700,
  MCPGUARD_JSONRPC_INVALID_REQUEST = -32600,
  MCPGUARD_JSONRPC_METHOD_NOT_FOUND = -32601,
  MCPGUARD_JSONRPC_INVALID_PARAMS = -32602,
  MCPGUARD_JSONRPC_INTERNAL_ERROR = -32603,
  MCPGUARD_JSONRPC_POLICY_DENIED = -32030 /* error.data.rule names the rule. */
};

/* The message's JSON-RPC shape, as far as it could be read. */
enum {
  MCPGUARD_KIND_UNKNOWN = 0,
  MCPGUARD_KIND_REQUEST = 1,
  MCPGUARD_KIND_NOTIFICATION = 2,
  MCPGUARD_KIND_RESPONSE = 3
};

/* What the host must do with the message: MCPGUARD_ALLOW, _DENY, _ASK or _REWRITE.
 * In audit mode always MCPGUARD_ALLOW. MCPGUARD_DENY for NULL. */
MCPGUARD_C_EXPORT int mcpguard_verdict_decision(const mcpguard_verdict* verdict);
/* 1 for an MCPGUARD_ASK the host must settle (mcpguard_session_settle), else 0
 * (also for NULL). */
MCPGUARD_C_EXPORT int mcpguard_verdict_awaiting_answer(const mcpguard_verdict* verdict);
/* What the policy decided, whatever the mode. MCPGUARD_DENY for NULL. */
MCPGUARD_C_EXPORT int mcpguard_verdict_policy_decision(const mcpguard_verdict* verdict);
/* 1 when the policy is in audit mode (the decision was not enforced), else 0. */
MCPGUARD_C_EXPORT int mcpguard_verdict_audit_only(const mcpguard_verdict* verdict);
/* The JSON-RPC error code of a deny or ask (MCPGUARD_JSONRPC_*); 0 on allow
 * and rewrite. In audit mode the decision is MCPGUARD_ALLOW but this is the
 * code enforcement would have used (0 if the policy allowed it).
 * MCPGUARD_JSONRPC_INTERNAL_ERROR for NULL. */
MCPGUARD_C_EXPORT int mcpguard_verdict_error_code(const mcpguard_verdict* verdict);
/* MCPGUARD_KIND_*; MCPGUARD_KIND_UNKNOWN for NULL. */
MCPGUARD_C_EXPORT int mcpguard_verdict_kind(const mcpguard_verdict* verdict);
/* The direction the message was checked in; MCPGUARD_TO_SERVER for NULL. */
MCPGUARD_C_EXPORT int mcpguard_verdict_direction(const mcpguard_verdict* verdict);

/* The id of the rule that decided; "" when no rule matched (the default
 * effect, a response inheriting its request's decision, invalid input). */
MCPGUARD_C_EXPORT const char* mcpguard_verdict_rule_id(const mcpguard_verdict* verdict,
                                                       size_t* len);
/* Why, in one line for logs and humans: text the message carried (a tool
 * name, a method) is quoted with its control characters as \xNN, so it holds
 * no newline and no NUL. */
MCPGUARD_C_EXPORT const char* mcpguard_verdict_reason(const mcpguard_verdict* verdict,
                                                      size_t* len);
/* A complete JSON-RPC error response carrying the message's id, ready to
 * send. For a denied request send it back to the sender; for a denied
 * response deliver it to the receiver in place of the original. "" on allow,
 * in audit mode, and for notifications (drop those). */
MCPGUARD_C_EXPORT const char* mcpguard_verdict_error_response(const mcpguard_verdict* verdict,
                                                              size_t* len);
/* The bytes to send instead of the message: the rewritten message on
 * MCPGUARD_REWRITE (e.g. a tools/list result without the tools the
 * principal may not call), the error response on deny and ask; "" on allow. */
MCPGUARD_C_EXPORT const char* mcpguard_verdict_replacement(const mcpguard_verdict* verdict,
                                                           size_t* len);
/* Step-up: when a scope requirement denied the message, the scopes it needs,
 * space-separated (the `scope` of an insufficient_scope challenge); else "". */
MCPGUARD_C_EXPORT const char* mcpguard_verdict_required_scopes(const mcpguard_verdict* verdict,
                                                               size_t* len);
/* The string accessors above return "" (never NULL) for a NULL verdict. */

/* When a rate limit denied the message: milliseconds until it has a token
 * again; else (and for NULL) 0. */
MCPGUARD_C_EXPORT uint64_t mcpguard_verdict_retry_after_ms(const mcpguard_verdict* verdict);

/* Notes for the audit log that are not the decision itself (e.g. an
 * in-flight request evicted at the session's cap). Note i, for i below the
 * count, is valid until mcpguard_verdict_free; NULL (and *len = 0) when i is
 * out of range or the verdict is NULL. */
MCPGUARD_C_EXPORT size_t mcpguard_verdict_note_count(const mcpguard_verdict* verdict);
MCPGUARD_C_EXPORT const char* mcpguard_verdict_note(const mcpguard_verdict* verdict, size_t i,
                                                    size_t* len);

/* Something the integrity check or a detector found (mcpguard::Finding):
 * never the offending text, only what it is, who found it and where. */
typedef struct mcpguard_finding {
  mcpguard_string_view category; /* "rug_pull", "aws_access_key_id", ... */
  mcpguard_string_view detector; /* "integrity", "secrets", "pii", ... */
  mcpguard_string_view pointer;  /* JSON Pointer into the message. */
  size_t offset;                 /* Byte span within that string; */
  size_t length;                 /* length 0: the whole value. */
  mcpguard_string_view reason;
  double score;                  /* 0 to 1. */
} mcpguard_finding;

/* How many findings the verdict has; 0 for NULL. */
MCPGUARD_C_EXPORT size_t mcpguard_verdict_finding_count(const mcpguard_verdict* verdict);
/* Fills *out with finding i (its views valid until mcpguard_verdict_free).
 * MCPGUARD_INVALID_ARGUMENT when an argument is NULL or i is not below the
 * count. */
MCPGUARD_C_EXPORT int mcpguard_verdict_finding(const mcpguard_verdict* verdict, size_t i,
                                               mcpguard_finding* out);

MCPGUARD_C_EXPORT void mcpguard_verdict_free(mcpguard_verdict* verdict);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MCPGUARD_MCPGUARD_H_ */
