#include "detect/gated_scan.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

#include "detect/block_classifier.h"
#include "detect/gate_index_tables.h"
#include "detect/prefix_filter.h"

namespace mcpguard::internal {
namespace {

constexpr uint8_t kCluster = BlockClassifier::kCluster;
constexpr uint8_t kDigit = BlockClassifier::kDigit;
constexpr uint8_t kCapital = BlockClassifier::kCapital;

unsigned char Lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

bool LiteralAt(absl::string_view text, size_t start, const GateLiteral& literal) {
  if (start > text.size() || text.size() - start < literal.text.size()) return false;
  const unsigned char* at = reinterpret_cast<const unsigned char*>(text.data()) + start;
  const unsigned char* want = reinterpret_cast<const unsigned char*>(literal.text.data());
  // Short literals, most of them: a loop beats a call to memcmp.
  for (size_t i = 0; i < literal.text.size(); ++i) {
    if ((literal.ignore_case ? Lower(at[i]) : at[i]) != want[i]) return false;
  }
  return !literal.word_start || start == 0 ||
         !IsWordByte(static_cast<unsigned char>(text[start - 1]));
}


// Per pattern, within one FindWindows call (`generation`): where the last
// trigger's run walks ended, and the last window kept. Many triggers in one
// long run ("@@@@...", "a:a:a:...", a phrase repeated) would each walk the
// whole run and each pass it to `accept`: quadratic in the run. With the
// memo each byte is walked about once, a window inside the last one kept
// (which merging would swallow) is dropped before `accept`, and one that
// overlaps it is merged into it at once (rather than sorted with thousands
// of others at the end).
struct WindowMemo {
  uint64_t generation = 0;
  size_t at = 0, run_begin = 0;    // The last trigger's start; its backward walk's end.
  size_t at_end = 0, run_end = 0;  // Its end; its forward walk's end.
  bool kept = false;
  size_t index = 0;                // The last window kept, in the output.
};

// The window of pattern `p` around a trigger at [at, at_end), if its gate
// accepts it.
void AddWindow(absl::string_view text, const Gate& gate, uint32_t p, size_t at, size_t at_end,
               uint64_t generation, WindowMemo& memo, std::vector<GateWindow>* out) {
  if (gate.accept_trigger != nullptr && !gate.accept_trigger(text, at, at_end)) return;
  const unsigned char* bytes = reinterpret_cast<const unsigned char*>(text.data());
  if (memo.generation != generation) memo = WindowMemo{generation};
  const bool remembered = memo.at_end != 0 || memo.run_end != 0;
  // Back over the run: from the last trigger's start on, the walk is the
  // one made then.
  size_t begin = at;
  while (begin > 0 && gate.before.run.Has(bytes[begin - 1])) {
    if (remembered && begin == memo.at) {
      begin = memo.run_begin;
      break;
    }
    --begin;
  }
  // Forward over the run: a trigger ending inside the last one's run walk
  // ends where that walk ended.
  size_t end = at_end;
  if (remembered && memo.at_end <= at_end && at_end <= memo.run_end) {
    end = memo.run_end;
  } else {
    while (end < text.size() && gate.after.run.Has(bytes[end])) ++end;
  }
  memo.at = at;
  memo.run_begin = begin;
  memo.at_end = at_end;
  memo.run_end = end;
  begin = begin > gate.before.extra ? begin - gate.before.extra : 0;
  end = std::min(text.size(), end + gate.after.extra);
  // Reaches count bytes, a regex reads characters: a window holds whole
  // UTF-8 characters, so that "[^0-9]" after a match can match there.
  while (begin > 0 && (bytes[begin] & 0xC0) == 0x80) --begin;
  while (end < text.size() && (bytes[end] & 0xC0) == 0x80) ++end;
  GateWindow* last = memo.kept ? &(*out)[memo.index] : nullptr;
  if (last != nullptr && last->begin <= begin && end <= last->end) return;
  if (gate.accept != nullptr && !gate.accept(text, GateSpot{at, at_end, begin, end})) return;
  if (last != nullptr && begin <= last->end && last->begin <= end) {
    last->begin = std::min(last->begin, begin);
    last->end = std::max(last->end, end);
    return;
  }
  memo.kept = true;
  memo.index = out->size();
  out->push_back(GateWindow{p, begin, end});
}

int Popcount(uint64_t x) { return __builtin_popcountll(x); }

}  // namespace

bool GateIndex::FindWindows(absl::string_view text, std::vector<GateWindow>* out,
                            bool* non_ascii) const {
  const Tables& t = *tables_;
  // Each call starts a new generation, so the memos need no clearing.
  thread_local std::vector<WindowMemo> memos;
  thread_local uint64_t generations = 0;
  const uint64_t generation = ++generations;
  if (memos.size() < gates_.size()) memos.resize(gates_.size());
  *non_ascii = true;  // Until the last block is read.
  uint64_t high = 0;
  const size_t first = out->size();
  const unsigned char* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const bool want_runs = !t.token_run_patterns.empty();
  const bool want_prefixes = !t.prefix_literals.empty();
  uint64_t word_carry = 0;  // Whether the byte before the block is a word byte.
  const bool want_digits =
      !t.cluster_patterns.empty() || !t.dotted_patterns.empty() || !t.capital_patterns.empty();

  // Token runs may cross blocks: the run in progress at the block's start.
  size_t run_start = 0;
  size_t run_length = 0;
  auto end_run = [&](size_t end) {
    if (run_length >= kTokenRunMin) {
      for (uint32_t p : t.token_run_patterns) {
        AddWindow(text, *gates_[p], p, run_start, end, generation, memos[p], out);
      }
    }
    run_length = 0;
  };
  // Digit clusters are judged one block late, when the next block's digits
  // are known: a match of the digit patterns is at most 37 bytes long (a
  // card number with separators), so it has its digits (and its dots
  // between digits) in two adjacent blocks.
  BlockMasks previous, current;
  size_t cluster_done = 0;  // Clusters before this offset were handled.
  int digits_before = 0, dotted_before = 0;
  uint64_t previous_digits = 0;  // Of the block before the one judged.
  uint64_t bridged_carry = 0;    // Whether its last byte is in a bridged run.
  auto dotted_in = [](const BlockMasks& a, const BlockMasks& b) {
    // A digit, a dot, a digit starting in `a` (the last two bytes may be in `b`).
    const unsigned __int128 d = (static_cast<unsigned __int128>(b.digit) << 64) | a.digit;
    const unsigned __int128 dot = (static_cast<unsigned __int128>(b.dot) << 64) | a.dot;
    return Popcount(static_cast<uint64_t>(d & (dot >> 1) & (d >> 2)));
  };
  auto judge_digits = [&](size_t base, const BlockMasks& block, const BlockMasks& next) {
    if (!t.capital_patterns.empty()) {
      // Two capitals and two digits from byte i of the block on.
      const unsigned __int128 c =
          (static_cast<unsigned __int128>(next.capital) << 64) | block.capital;
      const unsigned __int128 d = (static_cast<unsigned __int128>(next.digit) << 64) | block.digit;
      for (uint64_t hit = static_cast<uint64_t>(c & (c >> 1) & (d >> 2) & (d >> 3)); hit != 0;
           hit &= hit - 1) {
        const size_t at = base + static_cast<size_t>(__builtin_ctzll(hit));
        if (at + 4 > n || !(t.classifier.flags(bytes[at]) & kCapital) ||
            !(t.classifier.flags(bytes[at + 1]) & kCapital)) {
          continue;
        }
        for (uint32_t p : t.capital_patterns) {
          AddWindow(text, *gates_[p], p, at, at + 4, generation, memos[p], out);
        }
      }
    }
    const int digits = Popcount(block.digit);
    const int dotted = dotted_in(block, next);
    const int digits_after = Popcount(next.digit);
    const int dotted_after = dotted_in(next, BlockMasks{});
    const bool many_digits =
        std::max(digits_before + digits, digits + digits_after) >= t.min_cluster_digits;
    const bool many_dotted = std::max(dotted_before + dotted, dotted + dotted_after) >= 3;
    digits_before = digits;
    dotted_before = dotted;
    const bool want_clusters = many_digits && !t.cluster_patterns.empty();
    const bool want_dotted = many_dotted && !t.dotted_patterns.empty();
    // The bits of `bridged` for block and next: digits, and separators
    // with a digit at most three bytes away on each side. The digits of a
    // match stand in one run of it ("(555) 555", "4111 1111", "10.0.0.1").
    using U128 = unsigned __int128;
    const U128 d = (static_cast<U128>(next.digit) << 64) | block.digit;
    const U128 c = (static_cast<U128>(next.cluster) << 64) | block.cluster;
    const U128 dot = (static_cast<U128>(next.dot) << 64) | block.dot;
    const U128 shifted_in = (d << 3) | (previous_digits >> 61);  // Bit j: a digit at j - 3.
    const U128 left = shifted_in | (shifted_in >> 1) | (shifted_in >> 2);
    const U128 right = (d >> 1) | (d >> 2) | (d >> 3);
    const U128 bridged = d | (c & ~d & left & right);
    const U128 triples = d & (dot >> 1) & (d >> 2);
    const uint64_t low = static_cast<uint64_t>(bridged);
    const uint64_t starts = low & ~((low << 1) | bridged_carry);
    bridged_carry = low >> 63;
    previous_digits = block.digit;
    if (!want_clusters && !want_dotted) return;
    for (uint64_t r = starts; r != 0; r &= r - 1) {
      const int s = __builtin_ctzll(r);
      const uint64_t after = ~static_cast<uint64_t>(bridged >> s);
      const uint64_t run = after == 0 ? ~uint64_t{0} : (uint64_t{1} << __builtin_ctzll(after)) - 1;
      const bool enough_digits =
          want_clusters && Popcount(static_cast<uint64_t>(d >> s) & run) >= t.min_cluster_digits;
      const bool enough_dots =
          want_dotted && Popcount(static_cast<uint64_t>(triples >> s) & run) >= 3;
      if (!enough_digits && !enough_dots) continue;
      const size_t at = base + static_cast<size_t>(s);
      if (at >= n || at < cluster_done) continue;
      // The whole cluster around the run, digits counted again there.
      size_t begin = at, end = at;
      while (begin > 0 && (t.classifier.flags(bytes[begin - 1]) & kCluster)) --begin;
      while (end < n && (t.classifier.flags(bytes[end]) & kCluster)) ++end;
      int cluster_digits = 0, cluster_dotted = 0;
      for (size_t i = begin; i < end; ++i) {
        if (!(t.classifier.flags(bytes[i]) & kDigit)) continue;
        ++cluster_digits;
        if (i + 2 < end && bytes[i + 1] == '.' && (t.classifier.flags(bytes[i + 2]) & kDigit))
          ++cluster_dotted;
      }
      for (uint32_t p : t.cluster_patterns) {
        if (cluster_digits >= gates_[p]->min_digits)
          AddWindow(text, *gates_[p], p, begin, end, generation, memos[p], out);
      }
      if (cluster_dotted >= 3) {
        for (uint32_t p : t.dotted_patterns) {
          AddWindow(text, *gates_[p], p, begin, end, generation, memos[p], out);
        }
      }
      cluster_done = end;
    }
  };

  // The prefix filter reads two bytes past a block; the last block, and
  // the one before when the text ends within two bytes of it, are read
  // from a copy padded with NULs (in no class, and in no prefix).
  alignas(16) unsigned char tail[64 + 16];
  for (size_t base = 0; base < n; base += 64) {
    const unsigned char* block = bytes + base;
    if (n - base < 64 + 2) {
      std::memset(tail, 0, sizeof(tail));
      std::memcpy(tail, block, std::min(n - base, sizeof(tail)));
      block = tail;
    }
    current = BlockMasks{};
    t.classifier.Classify(block, &current);
    high |= current.high;
    // Literals at word starts.
    const uint64_t starts = current.word & ~((current.word << 1) | word_carry);
    word_carry = current.word >> 63;
    const uint64_t looked_up = want_prefixes ? starts & t.prefix_filter.Candidates(block) : 0;
    for (uint64_t w = looked_up; w != 0; w &= w - 1) {
      const size_t at = base + static_cast<size_t>(__builtin_ctzll(w));
      if (at + 3 > n) break;
      const uint16_t key = PrefixKey(bytes + at);
      if (!((t.prefix_bits[key >> 6] >> (key & 63)) & 1)) continue;
      for (auto it = std::lower_bound(t.prefix_literals.begin(), t.prefix_literals.end(),
                                      std::make_pair(key, uint32_t{0}));
           it != t.prefix_literals.end() && it->first == key; ++it) {
        const LiteralRef& ref = t.literals[it->second];
        const size_t k = t.word_start_in[it->second];
        if (at < k || !LiteralAt(text, at - k, ref.literal)) continue;
        for (uint32_t p : ref.patterns) {
          AddWindow(text, *gates_[p], p, at - k, at - k + ref.literal.text.size(), generation,
                    memos[p], out);
        }
      }
    }
    // Other literals, at their anchor byte.
    for (uint64_t a = current.anchor; a != 0; a &= a - 1) {
      const size_t at = base + static_cast<size_t>(__builtin_ctzll(a));
      if (at >= n) break;
      for (uint32_t index : t.anchor_literals[bytes[at]]) {
        const LiteralRef& ref = t.literals[index];
        if (at < ref.anchor) continue;
        const size_t start = at - ref.anchor;
        if (!LiteralAt(text, start, ref.literal)) continue;
        if (ref.patterns.empty()) return false;  // A folding character.
        for (uint32_t p : ref.patterns) {
          AddWindow(text, *gates_[p], p, start, start + ref.literal.text.size(), generation,
                    memos[p], out);
        }
      }
    }
    // Token runs of kTokenRunMin bytes or more.
    if (want_runs) {
      const uint64_t token = current.token;
      if (token == ~uint64_t{0}) {
        if (run_length == 0) run_start = base;
        run_length += 64;
      } else {
        // The run carried in from the previous block ends here.
        const int prefix = __builtin_ctzll(~token);
        const bool carried = run_length > 0;
        if (carried) {
          run_length += static_cast<size_t>(prefix);
          end_run(base + static_cast<size_t>(prefix));
        }
        // Runs inside the block, looked at only when the block holds
        // kTokenRunMin (36) token bytes in a row somewhere.
        static_assert(kTokenRunMin == 36, "the shifts below count 36");
        uint64_t long_run = token;
        for (int shift : {1, 2, 4, 8, 16}) long_run &= long_run >> shift;  // 32 in a row.
        long_run &= long_run >> 4;                                         // 36 in a row.
        if (long_run != 0) {
          for (int i = carried ? prefix : 0; i < 64;) {
            if (!((token >> i) & 1)) {
              ++i;
              continue;
            }
            int j = i;
            while (j < 64 && ((token >> j) & 1)) ++j;
            if (j < 64 && j - i >= static_cast<int>(kTokenRunMin)) {
              run_start = base + static_cast<size_t>(i);
              run_length = static_cast<size_t>(j - i);
              end_run(base + static_cast<size_t>(j));
            }
            i = j;
          }
        }
        // The run that reaches the block's end goes on into the next one.
        const int suffix = __builtin_clzll(~token);
        run_start = base + 64 - static_cast<size_t>(suffix);
        run_length = static_cast<size_t>(suffix);
      }
    }
    if (want_digits) {
      if (base >= 64) judge_digits(base - 64, previous, current);
      previous = current;
    }
  }
  *non_ascii = high != 0;
  if (want_runs && run_length > 0) end_run(n);  // Padding bytes are no token bytes.
  if (want_digits && n > 0) judge_digits(((n - 1) / 64) * 64, previous, BlockMasks{});

  // Per pattern, in order, merged.
  std::sort(out->begin() + static_cast<std::ptrdiff_t>(first), out->end(),
            [](const GateWindow& a, const GateWindow& b) {
              return a.pattern != b.pattern ? a.pattern < b.pattern : a.begin < b.begin;
            });
  size_t kept = first;
  for (size_t i = first; i < out->size(); ++i) {
    const GateWindow& w = (*out)[i];
    if (kept > first && (*out)[kept - 1].pattern == w.pattern && w.begin <= (*out)[kept - 1].end) {
      (*out)[kept - 1].end = std::max((*out)[kept - 1].end, w.end);
    } else {
      (*out)[kept++] = w;
    }
  }
  out->resize(kept);
  return true;
}

}  // namespace mcpguard::internal
