// The value of one hexadecimal digit: for \u escapes here, and for the
// percent-encoding and IP literals the layers above read.
#ifndef MCPGUARD_JSON_HEX_DIGIT_H_
#define MCPGUARD_JSON_HEX_DIGIT_H_

namespace mcpguard::internal {

// 0-15 for 0-9, a-f, A-F; -1 for anything else.
inline int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_HEX_DIGIT_H_
