// Tasks (MCP 2025-11-25): the result of a task-augmented request comes back
// as the answer to tasks/result, and is checked as that request's.
//
// Design note: without this, a tools/call with "task" answered by a
// CreateTaskResult left the tool's result to arrive as the answer to a
// tasks/result, which no rule on the tool's responses, no outputSchema and
// no tool-specific check saw (found by an adversarial review: a private key
// a `tools: "*"` response rule denied on a plain call passed that way). The
// session keeps the task ids its CreateTaskResults named, by direction; a
// tasks/result for a task it did not see created is refused, since nothing
// could say whose result it carries. Task ids come from the receiver of the
// original request; the table is bounded (kMaxTasks, oldest forgotten).
#include <cstring>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "guard/session_state.h"
#include "policy/compiled_rule.h"

namespace mcpguard::internal {
namespace {

std::string TaskKey(Direction direction, absl::string_view task_id) {
  return absl::StrCat(direction == Direction::kToServer ? ">" : "<", task_id);
}

}  // namespace

bool SessionState::IsTaskAugmented(absl::string_view method, const rapidjson::Value* params) {
  if (params == nullptr || !params->IsObject()) return false;
  // A "task" member first (compared by length, then bytes: every tools/call
  // comes here), then the methods that may carry one.
  bool task = false;
  for (auto it = params->MemberBegin(); it != params->MemberEnd() && !task; ++it) {
    task = it->name.GetStringLength() == 4 && std::memcmp(it->name.GetString(), "task", 4) == 0 &&
           it->value.IsObject();
  }
  return task && (method == kToolsCallMethod || method == "sampling/createMessage" ||
                  method == "elicitation/create");
}

void SessionState::RememberTask(const rapidjson::Value& result, Direction direction) {
  if (!result.IsObject()) return;
  auto task = result.FindMember("task");
  if (task == result.MemberEnd() || !task->value.IsObject()) return;
  auto id = task->value.FindMember("taskId");
  if (id == task->value.MemberEnd() || !id->value.IsString()) return;
  const absl::string_view task_id(id->value.GetString(), id->value.GetStringLength());
  // Not kept: its tasks/result will be refused (fail closed).
  if (task_id.empty() || task_id.size() > kMaxTaskIdBytes) return;
  std::string key = TaskKey(direction, task_id);
  TaskOrigin origin;
  origin.method = std::string(taken_.method.data(), taken_.method.size());
  origin.has_name = taken_.has_name;
  origin.name = std::string(taken_.name.data(), taken_.name.size());
  auto [it, inserted] = tasks_.try_emplace(key, std::move(origin));
  if (!inserted) {
    // The same id for another request: whose result tasks/result carries
    // is then ambiguous, and it is refused (found by a review: the latest
    // creator won, so a read_file task's result was checked as echo's).
    TaskOrigin& known = it->second;
    if (known.method != taken_.method || known.has_name != taken_.has_name ||
        known.name != taken_.name) {
      known.ambiguous = true;
    }
    return;
  }
  task_order_.push_back(std::move(key));
  while (task_order_.size() > kMaxTasks) {
    tasks_.erase(task_order_.front());
    task_order_.pop_front();
  }
}

const SessionState::TaskOrigin* SessionState::TaskOf(const rapidjson::Value* params,
                                                     Direction direction,
                                                     std::string* problem) const {
  const rapidjson::Value* id = nullptr;
  if (params != nullptr && params->IsObject()) {
    auto member = params->FindMember("taskId");
    if (member != params->MemberEnd()) id = &member->value;
  }
  if (id == nullptr || !id->IsString()) {
    *problem = "tasks/result needs a string \"params.taskId\"";
    return nullptr;
  }
  const absl::string_view task_id(id->GetString(), id->GetStringLength());
  auto it = tasks_.find(TaskKey(direction, task_id));
  if (it == tasks_.end()) {
    *problem = absl::StrCat(
        "tasks/result names a task this session did not see created (a task-augmented "
        "request's CreateTaskResult, within its last ",
        kMaxTasks, " tasks), so its result could not be checked as that request's");
    return nullptr;
  }
  if (it->second.ambiguous) {
    *problem = absl::StrCat("tasks/result names a task that two requests' CreateTaskResults "
                            "named (the first ",
                            it->second.method, it->second.has_name ? " of \"" : "",
                            it->second.has_name ? it->second.name : "",
                            it->second.has_name ? "\"" : "",
                            "), so whose result it carries cannot be told");
    return nullptr;
  }
  return &it->second;
}

}  // namespace mcpguard::internal
