// A RapidJSON SAX filter that enforces JsonLimits and rejects duplicate keys
// and lone surrogate escapes, forwarding every accepted event to a handler
// (the DOM builder).
//
// Design note: the filter sits between GenericReader and GenericDocument during
// an in situ parse, so a hostile message stops at the first event that breaks a
// limit, before its DOM is built. Depth is a counter; with the full checks,
// each open container also has a Frame that counts its items or members as
// they arrive. Keys of open objects are kept on a stack of views into the in
// situ buffer (stable for the whole parse); when an object closes, the reader
// says how many members it had, which are the top of that stack, and they are
// checked for duplicates and popped. All scratch lives in FilterScratch, which
// the parser reuses, so a steady-state parse allocates nothing here.
//
// On a violation the event returns false, which makes the reader stop with
// kParseErrorTermination; error() then says what was found and where. Offsets
// name the first byte of the offending token (the '{' or '[', the opening
// quote, the first character of a number or literal).
#ifndef MCPGUARD_JSON_LIMIT_FILTER_H_
#define MCPGUARD_JSON_LIMIT_FILTER_H_

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/base/optimization.h"
#include "absl/strings/string_view.h"
#include "json/duplicate_keys.h"
#include "json/exact_double.h"
#include "json/limits.h"
#include "json/parser.h"
#include "json/surrogates.h"
#include "rapidjson/rapidjson.h"
#include "rapidjson/stream.h"

namespace mcpguard::internal {

// What the filter found; `limit`, `actual` and `key` fill in the message.
struct FilterError {
  JsonErrorKind kind = JsonErrorKind::kNone;
  size_t offset = 0;
  uint64_t limit = 0;      // The limit that was crossed.
  uint64_t actual = 0;     // The string length, for kStringTooLong.
  absl::string_view key;   // The repeated key, for kDuplicateKey.
};

// Reusable per-parser scratch. Kept (not freed) from one parse to the next.
struct FilterScratch {
  struct Frame {
    uint32_t count;  // Items (array) or members (object) seen so far.
    bool is_object;
  };
  std::vector<Frame> frames;  // Open containers, root first (full checks only).
  // Backing store of the key stack; its size is the stack's capacity.
  std::vector<absl::string_view> keys;
};

// The keys of every open object, in document order, over FilterScratch::keys.
// A push is a compare and two stores: this runs for every key of every
// message, and std::vector's bookkeeping through a reference cost several
// times that.
class KeyStack {
 public:
  explicit KeyStack(std::vector<absl::string_view>* storage)
      : storage_(storage), top_(storage->data()),
        end_(storage->data() + storage->size()) {}

  void Push(const char* str, size_t length) {
    if (ABSL_PREDICT_FALSE(top_ == end_)) Grow();
    *top_++ = absl::string_view(str, length);
  }

  // Removes the top `count` keys (count <= size) and returns the first of
  // them; they stay readable until the next Push.
  absl::string_view* Pop(size_t count) {
    top_ -= count;
    return top_;
  }

 private:
  ABSL_ATTRIBUTE_NOINLINE void Grow() {
    const size_t used = static_cast<size_t>(top_ - storage_->data());
    storage_->resize(used < 32 ? 64 : 2 * used);
    top_ = storage_->data() + used;
    end_ = storage_->data() + storage_->size();
  }

  std::vector<absl::string_view>* const storage_;
  absl::string_view* top_;
  absl::string_view* end_;
};

// `Handler` is a RapidJSON SAX handler (here the document). `source` is the
// caller's original bytes (still intact: only the copy is parsed in situ),
// `base` the start of the in situ copy that `stream` reads.
// `check_surrogates` false promises that `source` holds no lone low surrogate
// escape (TextCheck::low_surrogate_escape), so strings need not be scanned.
// `bracket_consumed` says whether the reader has already taken a container's
// opening bracket when it calls Start* (the recursive reader has; the
// iterative one has not), so offsets can name the bracket either way.
// `kFullChecks` false compiles out the string-length, array-item and
// object-member checks and the surrogate scan; the parser chooses it only
// for a message too short to break any of the limits and holding no low
// surrogate escape (see JsonParser::Parse). Depth and duplicate keys are
// always checked.
template <typename Handler, bool kFullChecks = true>
class LimitFilter {
 public:
  using Ch = char;

  LimitFilter(const JsonLimits& limits, absl::string_view source,
              const char* base, rapidjson::InsituStringStream* stream,
              Handler* out, FilterScratch* scratch, bool check_surrogates,
              bool bracket_consumed)
      : limits_(limits), source_(source), base_(base), stream_(stream),
        out_(out), frames_(scratch->frames), keys_(&scratch->keys),
        check_surrogates_(check_surrogates), bracket_consumed_(bracket_consumed) {
    frames_.clear();
  }

  const FilterError& error() const { return error_; }

  // Scalars. When a literal's event fires the reader has consumed it; when a
  // number's fires the reader still holds the stream at its first digit (it
  // scans a local copy of the stream), so Tell() is the number's start.
  bool Null() { return CountItem(Tell() - 4) && out_->Null(); }
  bool Bool(bool b) { return CountItem(Tell() - (b ? 4 : 5)) && out_->Bool(b); }
  bool Int(int i) { return CountItem(Tell()) && out_->Int(i); }
  bool Uint(unsigned u) { return CountItem(Tell()) && out_->Uint(u); }
  bool Int64(int64_t i) { return CountItem(Tell()) && out_->Int64(i); }
  bool Uint64(uint64_t u) { return CountItem(Tell()) && out_->Uint64(u); }
  // The number's text read again, correctly rounded (json/exact_double.h).
  // RapidJSON refuses a number whose exponent is past 308 (1e400) but reads
  // one whose digits carry it past the largest double (92233720e306) as an
  // infinity, which no JSON text can hold: refused the same way.
  bool Double(double d) {
    const size_t at = Tell();
    double exact;
    if (RAPIDJSON_UNLIKELY(!ExactDouble(source_.substr(at), d, &exact))) {
      return Fail(JsonErrorKind::kSyntax, at, 0);
    }
    return CountItem(at) && out_->Double(exact);
  }
  bool RawNumber(const Ch* str, rapidjson::SizeType length, bool copy) {
    return CountItem(Tell()) && out_->RawNumber(str, length, copy);
  }

  bool String(const Ch* str, rapidjson::SizeType length, bool copy) {
    return CountItem(QuoteOffset(str)) && CheckString(str, length) &&
           out_->String(str, length, copy);
  }

  bool Key(const Ch* str, rapidjson::SizeType length, bool copy) {
    if (kFullChecks) {
      if (RAPIDJSON_UNLIKELY(++frames_.back().count > limits_.max_object_members)) {
        return Fail(JsonErrorKind::kTooManyMembers, QuoteOffset(str),
                    limits_.max_object_members);
      }
      if (!CheckString(str, length)) return false;
    }
    keys_.Push(str, length);
    return out_->Key(str, length, copy);
  }

  // Containers: Tell() is the bracket's offset, or one past it when the
  // reader consumed it first (see bracket_consumed).
  bool StartObject() { return Open(true) && out_->StartObject(); }
  bool StartArray() { return Open(false) && out_->StartArray(); }

  // `member_count` is the reader's count of this object's Key events, so
  // its keys are the top `member_count` of the stack.
  bool EndObject(rapidjson::SizeType member_count) {
    absl::string_view* keys = keys_.Pop(member_count);
    if (member_count >= 2) {
      const absl::string_view* repeat = FindDuplicateKey(keys, member_count);
      if (RAPIDJSON_UNLIKELY(repeat != nullptr)) {
        error_.key = *repeat;
        return Fail(JsonErrorKind::kDuplicateKey, QuoteOffset(repeat->data()), 0);
      }
    }
    Close();
    return out_->EndObject(member_count);
  }

  bool EndArray(rapidjson::SizeType element_count) {
    Close();
    return out_->EndArray(element_count);
  }

 private:
  size_t Tell() const { return stream_->Tell(); }

  // In situ strings are decoded in place starting right after their opening
  // quote, so the decoded pointer locates the token in the input.
  size_t QuoteOffset(const Ch* str) const {
    return static_cast<size_t>(str - base_) - 1;
  }

  // Counts a value toward its enclosing array. Object members are counted at
  // their key instead.
  bool CountItem(size_t offset) {
    if (!kFullChecks || frames_.empty()) return true;
    FilterScratch::Frame& frame = frames_.back();
    if (frame.is_object) return true;
    if (RAPIDJSON_LIKELY(++frame.count <= limits_.max_array_items)) return true;
    return Fail(JsonErrorKind::kTooManyItems, offset, limits_.max_array_items);
  }

  bool Open(bool is_object) {
    if (!CountItem(OpenOffset())) return false;
    if (RAPIDJSON_UNLIKELY(depth_ >= limits_.max_depth)) {
      return Fail(JsonErrorKind::kTooDeep, OpenOffset(), limits_.max_depth);
    }
    ++depth_;
    if (kFullChecks) frames_.push_back({0, is_object});
    return true;
  }

  void Close() {
    --depth_;
    if (kFullChecks) frames_.pop_back();
  }

  size_t OpenOffset() const { return Tell() - (bracket_consumed_ ? 1 : 0); }

  bool CheckString(const Ch* str, rapidjson::SizeType length) {
    if (kFullChecks && RAPIDJSON_UNLIKELY(length > limits_.max_string_length)) {
      error_.actual = length;
      return Fail(JsonErrorKind::kStringTooLong, QuoteOffset(str),
                  limits_.max_string_length);
    }
    // RapidJSON rejects unpaired high surrogate escapes but decodes a lone
    // low one (\uDC00-\uDFFF) to a CESU-8 sequence ED B0..BF xx. Raw input
    // bytes like that never reach the reader (see surrogates.h), so any such
    // sequence in a decoded string came from an escape.
    if (RAPIDJSON_UNLIKELY(kFullChecks && check_surrogates_ &&
                           HasSurrogateCodeUnit(str, length))) {
      const size_t content = QuoteOffset(str) + 1;
      return Fail(JsonErrorKind::kEncoding,
                  FindLoneSurrogateEscape(source_, content), 0);
    }
    return true;
  }

  ABSL_ATTRIBUTE_NOINLINE bool Fail(JsonErrorKind kind, size_t offset, uint64_t limit) {
    error_.kind = kind;
    error_.offset = offset;
    error_.limit = limit;
    return false;
  }

  const JsonLimits& limits_;
  const absl::string_view source_;
  const char* const base_;
  rapidjson::InsituStringStream* const stream_;  // Read only; Tell() is non-const.
  Handler* const out_;
  std::vector<FilterScratch::Frame>& frames_;
  KeyStack keys_;
  uint32_t depth_ = 0;  // Containers open.
  const bool check_surrogates_;
  const bool bracket_consumed_;
  FilterError error_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_LIMIT_FILTER_H_
