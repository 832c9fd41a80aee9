// Fuzzes InsituReader against RapidJSON's recursive in situ reader: for any
// text (bytes 0x1A-0x1F turned into 0x01 first: RapidJSON's SSE2 string scan
// lets them through depending on alignment, and CheckJsonText stops the
// parser at them before any reader runs), both must log the same events with
// the stream at the same place, and end with the same error code and offset
// or the same end position; the first input byte picks an event at which the
// handler refuses. A difference aborts, which libFuzzer reports as a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "reader_differential.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > 4096) return 0;
  const int refuse_at = data[0] < 32 ? data[0] : -1;
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  for (char& c : text) {
    if (c >= 0x1A && c <= 0x1F) c = 0x01;
  }
  static mcpguard::internal::InsituReader* const reader = new mcpguard::internal::InsituReader();
  using mcpguard::internal::test_support::WithInsituReader;
  using mcpguard::internal::test_support::WithRapidJson;
  if (!(WithInsituReader(text, refuse_at, reader) == WithRapidJson(text, refuse_at))) {
    std::fprintf(stderr, "insitu_reader_fuzz: the readers disagree (text of %zu bytes)\n",
                 text.size());
    std::abort();
  }
  return 0;
}
