// `mcpguard proxy --metrics-port`: serves the audit log's metrics in
// Prometheus text format over HTTP, on the loopback interface only.
#ifndef MCPGUARD_TOOLS_METRICS_ENDPOINT_H_
#define MCPGUARD_TOOLS_METRICS_ENDPOINT_H_

#include <memory>

#include "absl/status/statusor.h"
#include "mcpguard/audit.h"

namespace mcpguard::cli {

// Listens on 127.0.0.1:port (0: a free port, see the returned port) and
// answers every request on a thread of its own with the current metrics
// (GET /metrics; any other path is 404). Runs until the process ends.
absl::StatusOr<int> ServeMetrics(std::shared_ptr<AuditLog> audit, int port);

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_METRICS_ENDPOINT_H_
