#include "session/schema_cache.h"

#include <openssl/evp.h>

#include <utility>

#include "json/json_writer.h"

namespace mcpguard::internal {
namespace {

// SHA-256 over the schema's JSON text and the options that change what it
// compiles to.
std::string CacheKey(const rapidjson::Value& schema, const SchemaOptions& options) {
  JsonTextBuffer text;
  JsonWriter writer(text);
  schema.Accept(writer);
  const char flags[] = {static_cast<char>(options.default_dialect),
                        static_cast<char>(options.assert_formats)};
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok = ctx != nullptr && EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1 &&
                  EVP_DigestUpdate(ctx, flags, sizeof(flags)) == 1 &&
                  EVP_DigestUpdate(ctx, text.GetString(), text.GetSize()) == 1 &&
                  EVP_DigestFinal_ex(ctx, digest, &length) == 1;
  EVP_MD_CTX_free(ctx);
  // Without a digest, key by the text itself: slower lookups, same answers.
  if (!ok) return std::string(flags, sizeof(flags)) + text.GetString();
  return std::string(reinterpret_cast<const char*>(digest), length);
}

}  // namespace

std::shared_ptr<const CachedSchema> SchemaCache::GetOrCompile(const rapidjson::Value& schema,
                                                              const SchemaOptions& options) {
  std::string key = CacheKey(schema, options);
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(key);
    if (it != entries_.end()) return it->second;
  }
  // Compile outside the lock: two sessions may race to compile the same
  // schema; both results are equal and the first stored wins.
  auto compiled = std::make_shared<CachedSchema>();
  absl::StatusOr<std::unique_ptr<const CompiledSchema>> result =
      CompiledSchema::Compile(schema, options);
  if (result.ok()) {
    compiled->schema = *std::move(result);
  } else {
    compiled->error = std::string(result.status().message());
  }
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, inserted] = entries_.try_emplace(key, std::move(compiled));
  std::shared_ptr<const CachedSchema> out = it->second;
  if (inserted) {
    order_.push_back(std::move(key));
    while (order_.size() > capacity_) {
      entries_.erase(order_.front());
      order_.pop_front();
    }
  }
  return out;
}

size_t SchemaCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

}  // namespace mcpguard::internal
