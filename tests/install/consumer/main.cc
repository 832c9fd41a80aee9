// A host that knows nothing of mcpguard's source tree: only its installed
// headers and package. Prints "allow read / deny rule=no-etc".
#include <iostream>

#include "mcpguard/guard.h"

int main() {
  auto policy = mcpguard::CompilePolicy(R"pb(
    validation { unlisted_tools: ALLOW_UNLISTED }
    rules { id: "read" effect: ALLOW target { tools: "read_file" } }
    rules { id: "no-etc" effect: DENY target { tools: "read_file" }
            condition { field { pointer: "/arguments/path" string { prefix: "/etc/" } } } }
  )pb");
  if (!policy.ok()) {
    std::cerr << policy.status() << "\n";
    return 1;
  }
  auto engine = mcpguard::Engine::Create(*policy);
  if (!engine.ok()) return 1;
  auto session = (*engine)->NewSession({});
  auto call = [&](const char* id, const char* path) {
    return session->Check(std::string(R"({"jsonrpc":"2.0","id":)") + id +
                              R"(,"method":"tools/call","params":{"name":"read_file","arguments":{"path":")" +
                              path + R"("}}})",
                          mcpguard::Direction::kToServer);
  };
  mcpguard::Verdict a = call("1", "/srv/a");
  mcpguard::Verdict b = call("2", "/etc/passwd");
  std::cout << mcpguard::DecisionName(a.decision()) << " " << a.rule_id() << " / "
            << mcpguard::DecisionName(b.decision()) << " rule=" << b.rule_id() << "\n";
  return 0;
}
