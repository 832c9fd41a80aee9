#include "json/parser.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "json/insitu_reader.h"
#include "json/limit_filter.h"
#include "json/limits.h"
#include "json/recycling_allocator.h"
#include "json/surrogates.h"
#include "json/text_check.h"
#include "rapidjson/allocators.h"
#include "rapidjson/document.h"
#include "rapidjson/encodings.h"
#include "rapidjson/error/en.h"
#include "rapidjson/reader.h"
#include "rapidjson/stream.h"

namespace mcpguard::internal {
namespace {

// The document's root is a plain rapidjson::Value (GenericValue<UTF8<>,
// MemoryPoolAllocator<>>); only the build stack's allocator differs.
using Document = rapidjson::GenericDocument<
    rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>, RecyclingStackAllocator>;
using Reader = rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>,
                                        rapidjson::CrtAllocator>;

// In situ: strings are decoded in place in our copy and the DOM points at them.
// Recursive up to kMaxRecursiveDepth (InsituReader: RapidJSON's recursive
// reader's events and errors, with strings read 16 bytes at a time),
// iterative beyond (see Parse).
// Not kParseValidateEncodingFlag: it disables RapidJSON's SIMD string scan
// and validates byte by byte; CheckJsonText does the job much faster (see
// text_check.h), and Parse cuts the input at the first bad byte so errors are
// still reported in document order.
constexpr unsigned kIterativeFlags = rapidjson::kParseInsituFlag | rapidjson::kParseIterativeFlag;

// A recursive reader is ~20% faster than RapidJSON's iterative one (it is
// what the benchmarks' parse floor uses) but nests one set of stack frames per
// level. The filter refuses a container past max_depth before the reader
// descends into it, so the recursion is bounded by max_depth; at this depth
// it fits in a thread with a 256 KiB stack (tests/json/parser_depth_test.cc).
// Deeper limits parse iteratively, on the heap.
constexpr uint32_t kMaxRecursiveDepth = 256;

// With SSE4.2, RapidJSON skips whitespace by reading aligned 16-byte blocks,
// which may extend past the terminating NUL; keep them inside our allocation.
constexpr size_t kSimdPadding = 16;
static_assert(kSimdPadding >= kInsituReaderPadding, "InsituReader loads 16 bytes anywhere");

constexpr size_t kInitialPoolBytes = 16 << 10;

// One huge message should not pin its DOM's memory for the whole session:
// the pool buffer and build stack grow to fit the largest message up to this,
// and bigger DOMs take (and give back) extra pool chunks per parse.
constexpr size_t kMaxRetainedBytes = 1 << 20;

constexpr size_t kInitialStackBytes = 4 << 10;

// Size of each extra pool chunk once a DOM outgrows the buffer.
constexpr size_t kOverflowChunkBytes = 64 << 10;

// RapidJSON lengths are 32-bit.
constexpr size_t kMaxInputBytes = std::numeric_limits<rapidjson::SizeType>::max() - 1;

// Key text for an error message: escaped and cut short, since keys are
// attacker-controlled and may hold control bytes or be a megabyte long.
std::string QuoteKey(absl::string_view key) {
  constexpr size_t kMaxShown = 64;
  const bool cut = key.size() > kMaxShown;
  return absl::StrCat("\"", absl::CHexEscape(key.substr(0, kMaxShown)),
                      cut ? "...\"" : "\"");
}

// RapidJSON's English messages end with a period; ours continue.
absl::string_view RapidJsonText(rapidjson::ParseErrorCode code) {
  absl::string_view text = rapidjson::GetParseError_En(code);
  if (!text.empty() && text.back() == '.') text.remove_suffix(1);
  return text;
}

// Reports the bad byte CheckJsonText found, once the reader stopped there.
void SetTextError(const TextCheck& text, absl::string_view bytes, JsonError* error) {
  error->offset = text.offset;
  if (text.problem == TextProblem::kInvalidUtf8) {
    error->kind = JsonErrorKind::kEncoding;
    absl::StrAppend(&error->message, "invalid UTF-8 at offset ", text.offset);
  } else {
    error->kind = JsonErrorKind::kSyntax;
    absl::StrAppend(&error->message, "control character 0x",
                    absl::Hex(static_cast<unsigned char>(bytes[text.offset]),
                              absl::kZeroPad2),
                    " at offset ", text.offset);
  }
}

}  // namespace

struct JsonParser::Impl {
  Impl() : stack_allocator(), pool_buffer(new char[kInitialPoolBytes]),
           pool_buffer_size(kInitialPoolBytes) {
    CreateDocument();
  }

  // Destroys the previous DOM in O(1) (the pool just rewinds) and, if the
  // last message overflowed the pool buffer, regrows the buffer first.
  void ResetDocument() {
    document->SetNull();
    stack_allocator.Trim(kMaxRetainedBytes);
    if (wanted_pool_size > pool_buffer_size) {
      document.reset();
      pool.reset();
      pool_buffer.reset(new char[wanted_pool_size]);
      pool_buffer_size = wanted_pool_size;
      CreateDocument();
    } else {
      pool->Clear();  // Frees overflow chunks, rewinds the buffer.
    }
  }

  // Records how much pool the last parse needed, for ResetDocument.
  void NotePoolUse() {
    const size_t used = pool->Capacity();
    if (used <= pool_capacity) return;
    size_t wanted = used + used / 4;
    if (wanted > kMaxRetainedBytes) wanted = kMaxRetainedBytes;
    if (wanted > pool_buffer_size) wanted_pool_size = wanted;
  }

  // Copies `bytes` into the in situ buffer, NUL-terminated and padded.
  char* CopyInput(absl::string_view bytes) {
    const size_t needed = bytes.size() + 1 + kSimdPadding;
    if (needed > input_capacity) {
      size_t grown = input_capacity + input_capacity / 2;
      if (grown < needed) grown = needed;
      input.reset(new char[grown]);
      input_capacity = grown;
    }
    if (!bytes.empty()) std::memcpy(input.get(), bytes.data(), bytes.size());
    std::memset(input.get() + bytes.size(), 0, 1 + kSimdPadding);
    return input.get();
  }

  void CreateDocument() {
    pool.emplace(pool_buffer.get(), pool_buffer_size,
                 kOverflowChunkBytes,
                 &chunk_allocator);
    pool_capacity = pool->Capacity();
    document.emplace(&*pool, kInitialStackBytes, &stack_allocator);
  }

  // Declaration order is destruction order reversed: the document goes
  // before the pool its values live in and the allocators it borrows.
  rapidjson::CrtAllocator chunk_allocator;
  RecyclingStackAllocator stack_allocator;
  std::unique_ptr<char[]> pool_buffer;
  size_t pool_buffer_size;
  size_t pool_capacity = 0;     // pool->Capacity() with only the buffer.
  size_t wanted_pool_size = 0;  // Set when a parse overflowed the buffer.
  std::optional<rapidjson::MemoryPoolAllocator<>> pool;
  std::optional<Document> document;
  std::unique_ptr<char[]> input;
  size_t input_capacity = 0;
  Reader reader;  // Iterative parses; reused so its state stack keeps its memory.
  InsituReader insitu_reader;  // Recursive parses (RapidJSON's events, faster strings).
  FilterScratch scratch;
};

JsonParser::JsonParser() : impl_(std::make_unique<Impl>()) {}
JsonParser::~JsonParser() = default;

const rapidjson::Value& JsonParser::root() const { return *impl_->document; }

const char* JsonParser::buffer() const { return impl_->input.get(); }

bool JsonParser::Parse(absl::string_view bytes, const JsonLimits& limits) {
  error_.kind = JsonErrorKind::kNone;
  error_.offset = 0;
  error_.message.clear();
  Impl& m = *impl_;
  m.ResetDocument();

  if (bytes.size() > limits.max_bytes || bytes.size() > kMaxInputBytes) {
    const size_t limit = limits.max_bytes < kMaxInputBytes ? limits.max_bytes
                                                           : kMaxInputBytes;
    error_.kind = JsonErrorKind::kTooLarge;
    error_.offset = limit;
    absl::StrAppend(&error_.message, "size ", bytes.size(), " exceeds ", limit,
                    " bytes at offset ", limit);
    return false;
  }

  char* base = m.CopyInput(bytes);
  // The stream ends at the first NUL, so a NUL written over the first bad
  // byte makes the reader stop exactly there. Whatever RapidJSON or the filter
  // finds before that offset is reported as is; an error at it is the bad
  // byte's.
  const TextCheck text = CheckJsonText(bytes.data(), bytes.size());
  const size_t cut = text.offset;
  base[cut] = '\0';
  rapidjson::InsituStringStream stream(base);
  const bool recursive = limits.max_depth <= kMaxRecursiveDepth;
  const bool check_surrogates = text.low_surrogate_escape;
  // A message of n bytes holds no string longer than n and no container with
  // more than n / 2 items or members (each needs a byte and a separator), so
  // when those limits are beyond reach they need not be counted; and with no
  // low surrogate escape in sight, strings need not be scanned for one.
  const bool sizes_unreachable = bytes.size() <= limits.max_string_length &&
                                 bytes.size() / 2 < limits.max_array_items &&
                                 bytes.size() / 2 < limits.max_object_members;
  rapidjson::ParseResult result;
  FilterError found;
  // Populate moves the finished root off the document's build stack; the
  // reader itself never sees the document, only the filter in front of it.
  auto run = [&](auto& filter) {
    auto generate = [&](Document& /*same as the filter's handler*/) {
      result = recursive ? m.insitu_reader.Parse(stream, filter)
                         : m.reader.Parse<kIterativeFlags>(stream, filter);
      return !result.IsError();
    };
    m.document->Populate(generate);
    found = filter.error();
  };
  if (sizes_unreachable && !check_surrogates) {
    LimitFilter<Document, false> filter(limits, bytes, base, &stream, &*m.document, &m.scratch,
                                        check_surrogates, /*bracket_consumed=*/recursive);
    run(filter);
  } else {
    LimitFilter<Document, true> filter(limits, bytes, base, &stream, &*m.document, &m.scratch,
                                       check_surrogates, /*bracket_consumed=*/recursive);
    run(filter);
  }
  m.NotePoolUse();

  if (!result.IsError()) {
    if (stream.Tell() == bytes.size()) return true;
    // A NUL after the root value ended the stream early; without this check
    // it would hide whatever follows it.
    m.document->SetNull();
    if (text.problem != TextProblem::kNone && stream.Tell() == cut) {
      SetTextError(text, bytes, &error_);
    } else {
      error_.kind = JsonErrorKind::kSyntax;
      error_.offset = stream.Tell();
      absl::StrAppend(&error_.message, "NUL byte after the root value at offset ",
                      error_.offset);
    }
    return false;
  }

  if (result.Code() == rapidjson::kParseErrorTermination &&
      found.kind != JsonErrorKind::kNone) {
    error_.kind = found.kind;
    error_.offset = found.offset;
    switch (found.kind) {
      case JsonErrorKind::kSyntax:  // The only one the filter finds.
        absl::StrAppend(&error_.message, RapidJsonText(rapidjson::kParseErrorNumberTooBig));
        break;
      case JsonErrorKind::kTooDeep:
        absl::StrAppend(&error_.message, "depth exceeds ", found.limit);
        break;
      case JsonErrorKind::kStringTooLong:
        absl::StrAppend(&error_.message, "string of ", found.actual,
                        " bytes exceeds ", found.limit);
        break;
      case JsonErrorKind::kTooManyItems:
        absl::StrAppend(&error_.message, "array exceeds ", found.limit, " items");
        break;
      case JsonErrorKind::kTooManyMembers:
        absl::StrAppend(&error_.message, "object exceeds ", found.limit,
                        " members");
        break;
      case JsonErrorKind::kDuplicateKey:
        absl::StrAppend(&error_.message, "duplicate key ", QuoteKey(found.key));
        break;
      case JsonErrorKind::kEncoding:
        absl::StrAppend(&error_.message, "lone surrogate escape");
        break;
      default:
        absl::StrAppend(&error_.message, "rejected");
        break;
    }
  } else if (text.problem != TextProblem::kNone && result.Offset() >= cut) {
    SetTextError(text, bytes, &error_);
    return false;
  } else {
    const rapidjson::ParseErrorCode code = result.Code();
    // InvalidEncoding cannot occur without the validation flag; it is mapped
    // anyway in case the flags change.
    error_.kind = (code == rapidjson::kParseErrorStringInvalidEncoding ||
                   code == rapidjson::kParseErrorStringUnicodeSurrogateInvalid)
                      ? JsonErrorKind::kEncoding
                      : JsonErrorKind::kSyntax;
    error_.offset = result.Offset();
    absl::StrAppend(&error_.message, RapidJsonText(code));
  }
  absl::StrAppend(&error_.message, " at offset ", error_.offset);
  return false;
}

}  // namespace mcpguard::internal
