// The C API's audit trail: mcpguard_engine_new_with_audit, and its metrics:
// mcpguard_engine_metrics.
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "c_api/c_api_internal.h"
#include "mcpguard/audit.h"
#include "mcpguard/mcpguard.h"
#include "mcpguard/metrics.h"

using mcpguard::internal::Fail;
using mcpguard::internal::Guarded;

int mcpguard_engine_new_with_audit(const char* policy, size_t len, int format,
                                   const char* source_name, mcpguard_audit_callback callback,
                                   void* user_data, mcpguard_engine** out, mcpguard_error** err) {
  static constexpr char kFn[] = "mcpguard_engine_new_with_audit";
  return Guarded(err, [&] {
    if (out == nullptr) {
      return Fail(err, MCPGUARD_INVALID_ARGUMENT, "mcpguard_engine_new_with_audit: out is NULL");
    }
    *out = nullptr;
    if (callback == nullptr) {
      return Fail(err, MCPGUARD_INVALID_ARGUMENT,
                  "mcpguard_engine_new_with_audit: callback is NULL");
    }
    std::shared_ptr<const mcpguard::CompiledPolicy> compiled;
    int status =
        mcpguard::internal::Compile(kFn, policy, len, format, source_name, &compiled, err);
    if (status != MCPGUARD_OK) return status;
    mcpguard::AuditLogOptions options;
    options.sinks.push_back(
        mcpguard::NewCallbackSink([callback, user_data](std::string_view event) {
          callback(user_data, event.data(), event.size());
        }));
    auto audit = mcpguard::AuditLog::Create(std::move(options));
    if (!audit.ok()) {
      return Fail(err, MCPGUARD_INTERNAL, std::string(audit.status().message()));
    }
    mcpguard::EngineOptions engine_options;
    engine_options.audit = *std::move(audit);
    return mcpguard::internal::NewEngine(std::move(compiled), out, err, std::move(engine_options));
  });
}

int mcpguard_engine_metrics(const mcpguard_engine* engine, mcpguard_audit_callback callback,
                            void* user_data, mcpguard_error** err) {
  return Guarded(err, [&] {
    if (engine == nullptr || callback == nullptr) {
      return Fail(err, MCPGUARD_INVALID_ARGUMENT,
                  engine == nullptr ? "mcpguard_engine_metrics: engine is NULL"
                                    : "mcpguard_engine_metrics: callback is NULL");
    }
    if (engine->audit == nullptr) {
      return Fail(err, MCPGUARD_INVALID_ARGUMENT,
                  "mcpguard_engine_metrics: the engine has no audit log (create it with "
                  "mcpguard_engine_new_with_audit)");
    }
    const std::string text = mcpguard::RenderPrometheus(engine->audit->metrics());
    callback(user_data, text.data(), text.size());
    return static_cast<int>(MCPGUARD_OK);
  });
}
