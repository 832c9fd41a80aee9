/* A plain C99 program on the mcpguard C API: builds an engine from policy
 * text, opens a session for a principal with role "dev", checks two
 * tools/call requests and prints each decision. Proves mcpguard.h is C.
 * Exit status 0 when the first call is allowed and the second denied. */
#include <stdio.h>
#include <string.h>

#include "mcpguard/mcpguard.h"

static const char kPolicy[] =
    "name: \"c-consumer\" default_effect: DENY\n"
    "validation { tool_schemas: OFF }\n"
    "rules { id: \"allow-read\" effect: ALLOW\n"
    "  target { methods: \"tools/call\" tools: \"read_file\" } principal { role: \"dev\" } }\n"
    "rules { id: \"deny-etc\" effect: DENY target { tools: \"read_file\" }\n"
    "  condition { field { pointer: \"/arguments/path\" string { prefix: \"/etc/\" } } } }\n";

static const char* DecisionName(int decision) {
  switch (decision) {
    case MCPGUARD_ALLOW: return "allow";
    case MCPGUARD_ASK: return "ask";
    default: return "deny";
  }
}

/* Checks `msg` and prints the verdict; returns its decision (deny on error). */
static int Check(mcpguard_session* session, const char* msg) {
  mcpguard_verdict* verdict = NULL;
  mcpguard_error* err = NULL;
  size_t rule_len = 0;
  const char* rule;
  int decision;
  if (mcpguard_session_check(session, msg, strlen(msg), MCPGUARD_TO_SERVER, &verdict, &err) !=
      MCPGUARD_OK) {
    fprintf(stderr, "check failed: %s\n", mcpguard_error_message(err, NULL));
    mcpguard_error_free(err);
    return MCPGUARD_DENY;
  }
  decision = mcpguard_verdict_decision(verdict);
  rule = mcpguard_verdict_rule_id(verdict, &rule_len);
  printf("%s rule=%.*s\n", DecisionName(decision), (int)rule_len, rule);
  if (decision != MCPGUARD_ALLOW) {
    printf("  response: %s\n", mcpguard_verdict_error_response(verdict, NULL));
  }
  mcpguard_verdict_free(verdict);
  return decision;
}

int main(void) {
  mcpguard_engine* engine = NULL;
  mcpguard_session* session = NULL;
  mcpguard_error* err = NULL;
  mcpguard_string_view roles[1];
  mcpguard_principal principal;
  int ok;

  if (mcpguard_abi_version() != MCPGUARD_ABI_VERSION) {
    fprintf(stderr, "ABI mismatch: header %d, library %d\n", MCPGUARD_ABI_VERSION,
            mcpguard_abi_version());
    return 1;
  }
  if (mcpguard_engine_new_from_policy(kPolicy, sizeof kPolicy - 1, MCPGUARD_FORMAT_TEXTPROTO,
                                      "c_consumer.textproto", &engine, &err) != MCPGUARD_OK) {
    fprintf(stderr, "%s: %s\n", mcpguard_status_string(mcpguard_error_code(err)),
            mcpguard_error_message(err, NULL));
    mcpguard_error_free(err);
    return 1;
  }

  roles[0].data = "dev";
  roles[0].size = 3;
  memset(&principal, 0, sizeof principal);
  principal.subject.data = "alice";
  principal.subject.size = 5;
  principal.roles = roles;
  principal.role_count = 1;
  if (mcpguard_session_new(engine, &principal, "fs", 2, &session, &err) != MCPGUARD_OK) {
    fprintf(stderr, "session: %s\n", mcpguard_error_message(err, NULL));
    mcpguard_error_free(err);
    mcpguard_engine_free(engine);
    return 1;
  }

  ok = Check(session,
             "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
             "{\"name\":\"read_file\",\"arguments\":{\"path\":\"/srv/a\"}}}") == MCPGUARD_ALLOW;
  ok = Check(session,
             "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
             "{\"name\":\"read_file\",\"arguments\":{\"path\":\"/etc/passwd\"}}}") ==
           MCPGUARD_DENY && ok;

  mcpguard_session_free(session);
  mcpguard_engine_free(engine);
  return ok ? 0 : 1;
}
