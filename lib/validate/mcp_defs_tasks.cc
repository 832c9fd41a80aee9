// Tasks (2025-11-25 only): a request augmented with `task` answers at once
// with a task handle, and the requester polls or is notified of its status.
#include "validate/mcp_defs.h"

namespace mcpguard::internal::mcp_defs {

using namespace schema_builder;  // NOLINT: the definitions read as a DSL.

namespace {

// Adds the members of a Task to `s` (results and the status notification
// carry them flattened, not nested).
Schema WithTask(Schema s) {
  return s.Req("taskId", Str())
      .Req("status", Ref("TaskStatus"))
      .Opt("statusMessage", Str())
      .Req("createdAt", Str())
      .Req("lastUpdatedAt", Str())
      .Req("ttl", Types({"integer", "null"}))
      .Opt("pollInterval", Int());
}

}  // namespace

void AddTaskDefs(McpVersion v, SchemaDefs* defs) {
  if (v != McpVersion::k2025_11_25) return;
  defs->Add("TaskStatus", Enum({"working", "input_required", "completed", "failed", "cancelled"}));
  defs->Add("TaskMetadata", Obj().Opt("ttl", Int()));
  defs->Add("RelatedTaskMetadata", Obj().Req("taskId", Str()));
  defs->Add("Task", WithTask(Obj()));
  defs->Add("TaskAugmentedRequestParams", RequestParamsBase(v).Opt("task", Ref("TaskMetadata")));
  defs->Add("CreateTaskResult", ResultBase(v).Req("task", Ref("Task")));

  Schema by_id = RequestParamsBase(v).Req("taskId", Str());
  defs->Add("GetTaskRequestParams", by_id);
  defs->Add("GetTaskRequest", RequestMessage(v, "tasks/get", Ref("GetTaskRequestParams"), true));
  defs->Add("GetTaskResult", WithTask(ResultBase(v)));
  defs->Add("GetTaskPayloadRequestParams", by_id);
  defs->Add("GetTaskPayloadRequest",
            RequestMessage(v, "tasks/result", Ref("GetTaskPayloadRequestParams"), true));
  // The payload is the result of the original request, whatever it was.
  defs->Add("GetTaskPayloadResult", ResultBase(v));
  defs->Add("CancelTaskRequestParams", by_id);
  defs->Add("CancelTaskRequest",
            RequestMessage(v, "tasks/cancel", Ref("CancelTaskRequestParams"), true));
  defs->Add("CancelTaskResult", WithTask(ResultBase(v)));
  defs->Add("ListTasksRequest",
            RequestMessage(v, "tasks/list", Ref("PaginatedRequestParams"), false));
  defs->Add("ListTasksResult",
            ResultBase(v).Opt("nextCursor", Ref("Cursor")).Req("tasks", ArrOf(Ref("Task"))));

  defs->Add("TaskStatusNotificationParams", WithTask(NotificationParamsBase(v)));
  defs->Add("TaskStatusNotification",
            NotificationMessage(v, "notifications/tasks/status",
                                Ref("TaskStatusNotificationParams"), true));
}

}  // namespace mcpguard::internal::mcp_defs
