// A JSON reader for in situ buffers: the events, error codes and offsets of
// RapidJSON's recursive reader (GenericReader::Parse<kParseInsituFlag>,
// RapidJSON 1.1), with strings read 16 bytes at a time.
//
// Design note: RapidJSON reads a string byte by byte until its read pointer
// is 16-byte aligned (an aligned load never crosses into an unmapped page),
// and then 16 bytes a step. MCP messages are mostly short keys and values,
// so most of their bytes went through that byte loop: about 140 instructions
// a string. The parser's copy of a message is padded (kInsituReaderPadding
// readable bytes after the terminating NUL), so this reader loads 16 bytes
// anywhere and finds a string's end, escape or control byte with one compare
// and one bit scan. Everything else follows RapidJSON's reader statement by
// statement, so the handler sees the same calls with the stream at the same
// place (LimitFilter reads Tell() in them) and errors carry the same code and
// offset; numbers are handed to RapidJSON's own number reader, so their
// values cannot differ. tests/json/insitu_reader_test.cc compares the two
// readers on generated and mutated texts, and a fuzz target does the same.
#ifndef MCPGUARD_JSON_INSITU_READER_H_
#define MCPGUARD_JSON_INSITU_READER_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "rapidjson/encodings.h"
#include "rapidjson/error/error.h"
#include "rapidjson/reader.h"
#include "rapidjson/stream.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mcpguard::internal {

// Readable bytes the reader may load past the text's terminating NUL.
inline constexpr size_t kInsituReaderPadding = 16;

// One reader per thread (it keeps RapidJSON's reader for numbers).
class InsituReader {
 public:
  using NumberReader =
      rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator>;

  // Parses the NUL-terminated text `is` reads (padded as above), decoding
  // strings in place, and leaves `is` where RapidJSON's reader would.
  template <typename Handler>
  rapidjson::ParseResult Parse(rapidjson::InsituStringStream& is, Handler& handler) {
    result_.Clear();
    is_ = &is;
    head_ = is.head_;
    char* p = SkipWhitespace(is.src_);
    if (*p == '\0') {
      is.src_ = p;
      Fail(rapidjson::kParseErrorDocumentEmpty, p);
      return result_;
    }
    p = ParseValue(p, handler);
    if (p == nullptr) return result_;
    p = SkipWhitespace(p);
    is.src_ = p;
    if (*p != '\0') Fail(rapidjson::kParseErrorDocumentRootNotSingular, p);
    return result_;
  }

 private:
  static char* SkipWhitespace(char* p) {
    if (static_cast<unsigned char>(*p) > ' ') return p;  // Compact JSON: no whitespace.
    while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') ++p;
    return p;
  }

  // Records the error; returns null, which every parsing function below
  // passes up.
  char* Fail(rapidjson::ParseErrorCode code, const char* at) {
    return Fail(code, static_cast<size_t>(at - head_));
  }
  char* Fail(rapidjson::ParseErrorCode code, size_t offset) {
    result_.Set(code, offset);
    return nullptr;
  }

  // Each returns the position after what it read, or null on an error.
  template <typename Handler>
  char* ParseValue(char* p, Handler& handler) {
    switch (*p) {
      case 'n': return ParseLiteral(p, "null", handler);
      case 't': return ParseLiteral(p, "true", handler);
      case 'f': return ParseLiteral(p, "false", handler);
      case '"': return ParseString(p, handler, false);
      case '{': return ParseObject(p, handler);
      case '[': return ParseArray(p, handler);
      // RapidJSON's ParseNumber refuses the end of the text; its Parse, to
      // which numbers are handed, would call it an empty document instead.
      case '\0': return Fail(rapidjson::kParseErrorValueInvalid, p);
      default: return ParseNumber(p, handler);
    }
  }

  // RapidJSON's ParseNull, ParseTrue and ParseFalse: the error names the
  // first byte that differs.
  template <typename Handler>
  char* ParseLiteral(char* p, const char* word, Handler& handler) {
    ++p;
    for (const char* w = word + 1; *w != '\0'; ++w, ++p) {
      if (*p != *w) return Fail(rapidjson::kParseErrorValueInvalid, p);
    }
    is_->src_ = p;
    const bool ok = word[0] == 'n' ? handler.Null() : handler.Bool(word[0] == 't');
    if (!ok) return Fail(rapidjson::kParseErrorTermination, p);
    return p;
  }

  template <typename Handler>
  char* ParseNumber(char* p, Handler& handler) {
    // The common case read here: 1 to 9 digits without a leading zero (or
    // "0" alone) that end at a byte which cannot continue a number. RapidJSON
    // reads those as an unsigned int, calls Uint with the stream still at the
    // first digit, and blames a refusal on that digit. Anything else (a sign,
    // a fraction, an exponent, more digits) goes to RapidJSON itself.
    is_->src_ = p;
    unsigned value = static_cast<unsigned>(static_cast<unsigned char>(*p)) - '0';
    if (value <= 9) {
      char* q = p + 1;
      if (value != 0) {
        for (unsigned digit; q - p < 9 && (digit = static_cast<unsigned>(
                                               static_cast<unsigned char>(*q)) - '0') <= 9;
             ++q) {
          value = value * 10 + digit;
        }
      }
      const char next = *q;
      if (!(next >= '0' && next <= '9') && next != '.' && next != 'e' && next != 'E') {
        if (!handler.Uint(value)) return Fail(rapidjson::kParseErrorTermination, p);
        return q;
      }
    }
    const rapidjson::ParseResult number =
        numbers_.Parse<rapidjson::kParseInsituFlag | rapidjson::kParseStopWhenDoneFlag>(*is_,
                                                                                          handler);
    if (number.IsError()) return Fail(number.Code(), number.Offset());
    return is_->src_;
  }

  // Takes a container's bracket at `p` and tells the handler (Start* when
  // `kOpen`, else End* with `count`) with the stream past it, as RapidJSON's
  // reader does; null if the handler refuses.
  template <bool kObject, bool kOpen, typename Handler>
  RAPIDJSON_FORCEINLINE char* Bracket(char* p, Handler& handler, rapidjson::SizeType count) {
    ++p;
    is_->src_ = p;
    const bool ok = kOpen ? (kObject ? handler.StartObject() : handler.StartArray())
                          : (kObject ? handler.EndObject(count) : handler.EndArray(count));
    return ok ? p : Fail(rapidjson::kParseErrorTermination, p);
  }

  template <typename Handler>
  char* ParseObject(char* p, Handler& handler) {
    p = Bracket<true, true>(p, handler, 0);
    if (p == nullptr) return nullptr;
    p = SkipWhitespace(p);
    if (*p == '}') return Bracket<true, false>(p, handler, 0);
    for (rapidjson::SizeType members = 0;;) {
      if (*p != '"') return Fail(rapidjson::kParseErrorObjectMissName, p);
      p = ParseString(p, handler, true);
      if (p == nullptr) return nullptr;
      p = SkipWhitespace(p);
      if (*p != ':') return Fail(rapidjson::kParseErrorObjectMissColon, p);
      p = SkipWhitespace(p + 1);
      p = ParseValue(p, handler);
      if (p == nullptr) return nullptr;
      p = SkipWhitespace(p);
      ++members;
      if (*p == ',') {
        p = SkipWhitespace(p + 1);
      } else if (*p == '}') {
        return Bracket<true, false>(p, handler, members);
      } else {
        return Fail(rapidjson::kParseErrorObjectMissCommaOrCurlyBracket, p);
      }
    }
  }

  template <typename Handler>
  char* ParseArray(char* p, Handler& handler) {
    p = Bracket<false, true>(p, handler, 0);
    if (p == nullptr) return nullptr;
    p = SkipWhitespace(p);
    if (*p == ']') return Bracket<false, false>(p, handler, 0);
    for (rapidjson::SizeType elements = 0;;) {
      p = ParseValue(p, handler);
      if (p == nullptr) return nullptr;
      ++elements;
      p = SkipWhitespace(p);
      if (*p == ',') {
        p = SkipWhitespace(p + 1);
      } else if (*p == ']') {
        return Bracket<false, false>(p, handler, elements);
      } else {
        return Fail(rapidjson::kParseErrorArrayMissCommaOrSquareBracket, p);
      }
    }
  }

  // Bits set for the bytes of p[0, 16) that end a run of plain string bytes:
  // '"', '\\' and those below 0x20 (NUL among them).
  static unsigned Stops16(const char* p) {
#if defined(__SSE2__)
    const __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i quote = _mm_cmpeq_epi8(s, _mm_set1_epi8('"'));
    const __m128i backslash = _mm_cmpeq_epi8(s, _mm_set1_epi8('\\'));
    // s < 0x20 (unsigned) <=> max(s, 0x1F) == 0x1F.
    const __m128i low = _mm_set1_epi8(0x1F);
    const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(s, low), low);
    return static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control)));
#else
    unsigned bits = 0;
    for (int i = 0; i < 16; ++i) {
      const unsigned char c = static_cast<unsigned char>(p[i]);
      if (c == '"' || c == '\\' || c < 0x20) bits |= 1u << i;
    }
    return bits;
#endif
  }

  // RapidJSON's ParseHex4: false (the error set) at the first non-hex byte.
  bool Hex4(char*& p, size_t escape_offset, unsigned* out) {
    unsigned code = 0;
    for (int i = 0; i < 4; ++i, ++p) {
      const char c = *p;
      code <<= 4;
      if (c >= '0' && c <= '9') {
        code += static_cast<unsigned>(c - '0');
      } else if (c >= 'A' && c <= 'F') {
        code += static_cast<unsigned>(c - 'A' + 10);
      } else if (c >= 'a' && c <= 'f') {
        code += static_cast<unsigned>(c - 'a' + 10);
      } else {
        Fail(rapidjson::kParseErrorStringUnicodeEscapeInvalidHex, escape_offset);
        return false;
      }
    }
    *out = code;
    return true;
  }

  // Where an escape's decoded bytes go, for rapidjson::UTF8<>::Encode (so
  // that a code point, a lone surrogate too, is written as RapidJSON writes
  // it).
  struct DecodedBytes {
    using Ch = char;
    char* at;
    void Put(char c) { *at++ = c; }
  };

  // `p` at the opening quote. The decoded string is written from just after
  // it (never past the read position: every escape decodes to fewer bytes
  // than it takes) and NUL-terminated.
  template <typename Handler>
  char* ParseString(char* p, Handler& handler, bool is_key) {
    is_->src_ = p;  // RapidJSON's stream stays at the quote until the string is read.
    ++p;  // '"'
    char* const begin = p;
    char* out = p;  // Equal to p until the first escape.
    for (;;) {
      const unsigned stops = Stops16(p);
      if (stops == 0) {
        if (out != p) std::memmove(out, p, 16);
        p += 16;
        out += 16;
        continue;
      }
      const unsigned run = static_cast<unsigned>(__builtin_ctz(stops));
      if (out != p) std::memmove(out, p, run);
      p += run;
      out += run;
      const char c = *p;
      if (c == '"') {
        ++p;
        *out = '\0';
        const auto length = static_cast<rapidjson::SizeType>(out - begin);
        const bool ok = is_key ? handler.Key(begin, length, false)
                               : handler.String(begin, length, false);
        if (!ok) return Fail(rapidjson::kParseErrorTermination, p);
        return p;
      }
      if (c != '\\') {
        return Fail(c == '\0' ? rapidjson::kParseErrorStringMissQuotationMark
                              : rapidjson::kParseErrorStringEscapeInvalid,
                    p);
      }
      const size_t escape_offset = static_cast<size_t>(p - head_);
      ++p;
      const char e = *p;
      char simple = 0;
      switch (e) {
        case '"': simple = '"'; break;
        case '\\': simple = '\\'; break;
        case '/': simple = '/'; break;
        case 'b': simple = '\b'; break;
        case 'f': simple = '\f'; break;
        case 'n': simple = '\n'; break;
        case 'r': simple = '\r'; break;
        case 't': simple = '\t'; break;
        default: break;
      }
      if (simple != 0) {
        ++p;
        *out++ = simple;
        continue;
      }
      if (e != 'u') return Fail(rapidjson::kParseErrorStringEscapeInvalid, escape_offset);
      ++p;
      unsigned code;
      if (!Hex4(p, escape_offset, &code)) return nullptr;
      if (code >= 0xD800 && code <= 0xDBFF) {
        if (p[0] != '\\' || p[1] != 'u') {
          return Fail(rapidjson::kParseErrorStringUnicodeSurrogateInvalid, escape_offset);
        }
        p += 2;
        unsigned low;
        if (!Hex4(p, escape_offset, &low)) return nullptr;
        if (low < 0xDC00 || low > 0xDFFF) {
          return Fail(rapidjson::kParseErrorStringUnicodeSurrogateInvalid, escape_offset);
        }
        code = (((code - 0xD800) << 10) | (low - 0xDC00)) + 0x10000;
      }
      DecodedBytes decoded{out};
      rapidjson::UTF8<>::Encode(decoded, code);
      out = decoded.at;
    }
  }

  rapidjson::InsituStringStream* is_ = nullptr;
  const char* head_ = nullptr;
  rapidjson::ParseResult result_;
  NumberReader numbers_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_INSITU_READER_H_
