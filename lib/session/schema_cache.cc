#include "session/schema_cache.h"

#include <openssl/evp.h>

#include <cstring>
#include <utility>

#include "json/json_writer.h"

namespace mcpguard::internal {
namespace {

// SHA-256 over the schema's JSON text and the options that change what it
// compiles to.
std::string CacheKey(const rapidjson::Value& schema, const SchemaOptions& options,
                     size_t* text_size) {
  JsonTextBuffer text;
  JsonWriter writer(text);
  schema.Accept(writer);
  *text_size = text.GetSize();
  char flags[2 + sizeof(options.max_pattern_work)] = {
      static_cast<char>(options.default_dialect), static_cast<char>(options.assert_formats)};
  std::memcpy(flags + 2, &options.max_pattern_work, sizeof(options.max_pattern_work));
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
  size_t text_size = 0;
  std::string key = CacheKey(schema, options, &text_size);
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(key);
    if (it != entries_.end()) return it->second.schema;
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
  const size_t cost =
      text_size + (compiled->schema == nullptr
                       ? 0
                       : static_cast<size_t>(compiled->schema->regex_program_size()) * 64);
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, inserted] = entries_.try_emplace(key, Entry{std::move(compiled), cost});
  std::shared_ptr<const CachedSchema> out = it->second.schema;
  if (inserted) {
    order_.push_back(std::move(key));
    cost_ += cost;
    // The newest entry stays, whatever it costs: it is in use.
    while (order_.size() > 1 && (order_.size() > capacity_ || cost_ > max_cost_)) {
      auto oldest = entries_.find(order_.front());
      cost_ -= oldest->second.cost;
      entries_.erase(oldest);
      order_.pop_front();
    }
  }
  return out;
}

size_t SchemaCache::cost() const {
  std::lock_guard<std::mutex> lock(mu_);
  return cost_;
}

size_t SchemaCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

}  // namespace mcpguard::internal
