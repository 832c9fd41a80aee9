// A RapidJSON SAX filter that enforces JsonLimits and rejects duplicate keys
// and lone surrogate escapes, forwarding every accepted event to a handler
// (the DOM builder).
//
// Design note: the filter sits between GenericReader and GenericDocument during
// an in situ parse, so a hostile message stops at the first event that breaks a
// limit, before its DOM is built. Each open container has a Frame that counts
// its items or members as they arrive. Keys of open objects are kept as views
// into the in situ buffer (stable for the whole parse) and checked for
// duplicates when their object closes. All scratch lives in FilterScratch,
// which the parser reuses, so a steady-state parse allocates nothing here.
//
// On a violation the event returns false, which makes the reader stop with
// kParseErrorTermination; error() then says what was found and where. Offsets
// name the first byte of the offending token (the '{' or '[', the opening
// quote, the first character of a number or literal).
#ifndef MCPGUARD_JSON_LIMIT_FILTER_H_
#define MCPGUARD_JSON_LIMIT_FILTER_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/strings/string_view.h"
#include "json/duplicate_keys.h"
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

// Reusable per-parser scratch. Cleared (not freed) at the start of each parse.
struct FilterScratch {
  struct Frame {
    uint32_t count;      // Items (array) or members (object) seen so far.
    uint32_t key_begin;  // Index into `keys` of this object's first key.
    bool is_object;
    // Two keys that share a signature bit may be equal; only then does the
    // object need the full duplicate scan when it closes. Equal keys always
    // share a bit, so nothing is missed.
    bool maybe_duplicate;
    uint64_t key_signatures;
  };
  std::vector<Frame> frames;           // Open containers, root first.
  std::vector<absl::string_view> keys; // Keys of every open object, in order.
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
        out_(out), frames_(scratch->frames), keys_(scratch->keys),
        check_surrogates_(check_surrogates), bracket_consumed_(bracket_consumed) {
    frames_.clear();
    keys_.clear();
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
  bool Double(double d) { return CountItem(Tell()) && out_->Double(d); }
  bool RawNumber(const Ch* str, rapidjson::SizeType length, bool copy) {
    return CountItem(Tell()) && out_->RawNumber(str, length, copy);
  }

  bool String(const Ch* str, rapidjson::SizeType length, bool copy) {
    return CountItem(QuoteOffset(str)) && CheckString(str, length) &&
           out_->String(str, length, copy);
  }

  bool Key(const Ch* str, rapidjson::SizeType length, bool copy) {
    FilterScratch::Frame& frame = frames_.back();
    if (kFullChecks && RAPIDJSON_UNLIKELY(++frame.count > limits_.max_object_members)) {
      return Fail(JsonErrorKind::kTooManyMembers, QuoteOffset(str),
                  limits_.max_object_members);
    }
    if (!CheckString(str, length)) return false;
    const uint64_t signature = KeySignature(str, length);
    frame.maybe_duplicate |= (frame.key_signatures & signature) != 0;
    frame.key_signatures |= signature;
    keys_.emplace_back(str, length);
    return out_->Key(str, length, copy);
  }

  // Containers: Tell() is the bracket's offset, or one past it when the
  // reader consumed it first (see bracket_consumed).
  bool StartObject() { return Open(true) && out_->StartObject(); }
  bool StartArray() { return Open(false) && out_->StartArray(); }

  bool EndObject(rapidjson::SizeType member_count) {
    const FilterScratch::Frame& frame = frames_.back();
    const uint32_t begin = frame.key_begin;
    const size_t count = keys_.size() - begin;
    const absl::string_view* repeat =
        frame.maybe_duplicate ? FindDuplicateKey(keys_.data() + begin, count) : nullptr;
    if (RAPIDJSON_UNLIKELY(repeat != nullptr)) {
      error_.key = *repeat;
      return Fail(JsonErrorKind::kDuplicateKey, QuoteOffset(repeat->data()), 0);
    }
    keys_.resize(begin);
    frames_.pop_back();
    return out_->EndObject(member_count);
  }

  bool EndArray(rapidjson::SizeType element_count) {
    frames_.pop_back();
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

  // One bit of 64 chosen by the key's length and first and last bytes.
  static uint64_t KeySignature(const Ch* str, rapidjson::SizeType length) {
    uint32_t h = length * 0x9E3779B1u;
    if (length > 0) {
      h ^= (static_cast<uint32_t>(static_cast<unsigned char>(str[0])) << 8 |
            static_cast<unsigned char>(str[length - 1])) * 0x85EBCA6Bu;
    }
    return uint64_t{1} << (h >> 26);
  }

  bool Open(bool is_object) {
    const size_t offset = Tell() - (bracket_consumed_ ? 1 : 0);
    if (!CountItem(offset)) return false;
    if (RAPIDJSON_UNLIKELY(frames_.size() >= limits_.max_depth)) {
      return Fail(JsonErrorKind::kTooDeep, offset, limits_.max_depth);
    }
    frames_.push_back({0, static_cast<uint32_t>(keys_.size()), is_object, false, 0});
    return true;
  }

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
  std::vector<absl::string_view>& keys_;
  const bool check_surrogates_;
  const bool bracket_consumed_;
  FilterError error_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_LIMIT_FILTER_H_
