// The parse floor: RapidJSON's fastest way to read a message (see
// parse_floor_benchmark.cc), shared by every benchmark that compares with it.
#ifndef MCPGUARD_BENCHMARKS_FLOOR_PARSER_H_
#define MCPGUARD_BENCHMARKS_FLOOR_PARSER_H_

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "rapidjson/document.h"

namespace mcpguard::bench {

using PoolDocument = rapidjson::GenericDocument<rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>,
                                                rapidjson::MemoryPoolAllocator<>>;

// Reused buffers for one thread's fastest parses.
class FloorParser {
 public:
  // `value_bytes`: room for the largest DOM parsed (bigger ones take heap
  // chunks, which the floor should not pay for).
  explicit FloorParser(size_t value_bytes = 64 * 1024)
      : value_buffer_(new char[value_bytes]),
        value_allocator_(value_buffer_.get(), value_bytes),
        stack_allocator_(stack_buffer_, sizeof(stack_buffer_)) {}

  // Parses `message` in situ; returns false on a parse error.
  template <unsigned kExtraFlags = 0>
  bool Parse(const std::string& message) {
    // Grows once; RapidJSON's SSE4.2 whitespace skip may read the aligned
    // 16 bytes around the terminating NUL, so keep slack after it.
    if (text_.size() < message.size() + 16) text_.resize(message.size() + 16);
    std::memcpy(text_.data(), message.data(), message.size());
    text_[message.size()] = '\0';
    // Back to the start of the static buffers; nothing is freed or allocated.
    value_allocator_.Clear();
    stack_allocator_.Clear();
    // The stack starts small and grows inside stack_buffer_ (a first capacity
    // as big as the buffer would not fit beside the pool's chunk header).
    PoolDocument document(&value_allocator_, kStackCapacity, &stack_allocator_);
    document.ParseInsitu<rapidjson::kParseInsituFlag | kExtraFlags>(text_.data());
    benchmark::DoNotOptimize(&document);
    return !document.HasParseError() && document.IsObject();
  }

 private:
  static constexpr size_t kStackCapacity = 1024;
  std::vector<char> text_;
  std::unique_ptr<char[]> value_buffer_;
  char stack_buffer_[16 * 1024];
  rapidjson::MemoryPoolAllocator<> value_allocator_;
  rapidjson::MemoryPoolAllocator<> stack_allocator_;
};

}  // namespace mcpguard::bench

#endif  // MCPGUARD_BENCHMARKS_FLOOR_PARSER_H_
