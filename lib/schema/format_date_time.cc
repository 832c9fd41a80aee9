// RFC 3339 section 5.6: full-date and date-time.
#include "absl/strings/string_view.h"
#include "schema/formats.h"

namespace mcpguard::internal {
namespace {

// Reads exactly `n` ASCII digits at *pos.
bool Digits(absl::string_view text, size_t* pos, size_t n, int* out) {
  if (*pos + n > text.size()) return false;
  int value = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = text[*pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  *pos += n;
  *out = value;
  return true;
}

bool Expect(absl::string_view text, size_t* pos, char c) {
  if (*pos >= text.size() || text[*pos] != c) return false;
  ++*pos;
  return true;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

bool ParseDate(absl::string_view text, size_t* pos) {
  int year, month, day;
  if (!Digits(text, pos, 4, &year) || !Expect(text, pos, '-') || !Digits(text, pos, 2, &month) ||
      !Expect(text, pos, '-') || !Digits(text, pos, 2, &day)) {
    return false;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  const int max_day = month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
  return day <= max_day;
}

}  // namespace

bool IsValidDate(absl::string_view text) {
  size_t pos = 0;
  return ParseDate(text, &pos) && pos == text.size();
}

bool IsValidDateTime(absl::string_view text) {
  size_t pos = 0;
  if (!ParseDate(text, &pos)) return false;
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't')) return false;
  ++pos;
  int hour, minute, second;
  if (!Digits(text, &pos, 2, &hour) || !Expect(text, &pos, ':') ||
      !Digits(text, &pos, 2, &minute) || !Expect(text, &pos, ':') ||
      !Digits(text, &pos, 2, &second)) {
    return false;
  }
  if (hour > 23 || minute > 59 || second > 60) return false;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return false;
  }
  if (pos >= text.size()) return false;
  int offset_minutes = 0;  // Local time minus UTC.
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    const int sign = text[pos] == '+' ? 1 : -1;
    ++pos;
    int offset_hour, offset_minute;
    if (!Digits(text, &pos, 2, &offset_hour) || !Expect(text, &pos, ':') ||
        !Digits(text, &pos, 2, &offset_minute) || offset_hour > 23 || offset_minute > 59) {
      return false;
    }
    offset_minutes = sign * (offset_hour * 60 + offset_minute);
  } else {
    return false;
  }
  if (pos != text.size()) return false;
  if (second == 60) {
    // A leap second is inserted at 23:59:60 UTC only.
    const int utc = ((hour * 60 + minute - offset_minutes) % 1440 + 1440) % 1440;
    if (utc != 23 * 60 + 59) return false;
  }
  return true;
}

}  // namespace mcpguard::internal
