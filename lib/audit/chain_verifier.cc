#include "audit/chain_verifier.h"

#include <sys/stat.h>

#include <fstream>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "audit/audit_head.h"
#include "audit/hash_chain.h"

namespace mcpguard::internal {

ChainReport VerifyAuditChain(const std::vector<std::string>& paths, absl::string_view key,
                             const ChainCheck& check) {
  ChainReport report;
  auto fail = [&](const std::string& where, const std::string& what) {
    report.problem = absl::StrCat(where, ": ", what);
    return report;
  };
  // Looked at before anything is opened: a FIFO or a device would block
  // the reader or feed it without end, and a directory reads as empty.
  for (const std::string& path : paths) {
    struct stat st;
    if (stat(path.c_str(), &st) != 0) return fail(path, "cannot be read");
    if (!S_ISREG(st.st_mode)) return fail(path, "not a regular file");
  }
  std::optional<AuditHead> head;
  if (check.head && !paths.empty()) {
    absl::StatusOr<AuditHead> read = ReadAuditHead(paths.back(), key);
    if (read.ok()) {
      head = *std::move(read);
    } else if (!absl::IsNotFound(read.status())) {
      report.problem = std::string(read.status().message());  // Names the file.
      return report;
    } else {
      // The sink writes one at its first flush: without it, lines cut off
      // the end (or a log emptied) would go unnoticed.
      return fail(AuditHeadPath(paths.back()),
                  "missing, so lines cut off the end of the log cannot be noticed (verify "
                  "with --no-head to check the lines alone)");
    }
  }
  std::string prev;  // Hash of the line before; empty before the first.
  for (const std::string& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(path, "cannot be read");
    std::optional<uint64_t> named_first = RotatedLogSequence(path);
    std::string line;
    uint64_t number = 0;
    while (std::getline(in, line)) {
      ++number;
      const std::string where = absl::StrCat(path, ":", number);
      if (in.eof()) {
        return fail(where, "the last line has no newline (a torn write, or lines cut off)");
      }
      ChainedLine link;
      std::string problem;
      if (!ParseChainedLine(line, &link, &problem)) return fail(where, problem);
      if (ChainLink(key, link.covered) != link.hash) {
        return fail(where, key.empty() ? "its hash does not match its contents (the line was "
                                         "edited)"
                                       : "its hash does not verify under this key (the line "
                                         "was edited, or the key is not the log's)");
      }
      if (number == 1 && named_first.has_value() && *named_first != link.sequence) {
        return fail(where, absl::StrCat("the file's name says its first event is sequence ",
                                        *named_first, ", but it is ", link.sequence,
                                        " (the file was renamed)"));
      }
      if (prev.empty()) {
        report.first_sequence = link.sequence;
        if (link.sequence == 0 && link.prev != kChainGenesis) {
          return fail(where, "the first event (sequence 0) does not start from the genesis");
        }
        if (link.sequence != 0) {
          const std::string starts = absl::StrCat("the chain starts at sequence ", link.sequence);
          if (check.from_start) {
            return fail(where, absl::StrCat(starts,
                                            ", not 0: its first events are missing (give the "
                                            "earlier rotated files first, or --allow-partial "
                                            "when retention removed them)"));
          }
          report.warnings.push_back(absl::StrCat(
              where, ": ", starts, "; the events before it are not checked"));
        }
      } else {
        if (link.prev != prev) {
          return fail(where, absl::StrCat("its prev does not match the hash of the event "
                                          "before (sequence ",
                                          report.last_sequence,
                                          "): events were deleted, inserted or moved here"));
        }
        if (link.sequence != report.last_sequence + 1) {
          return fail(where, absl::StrCat("sequence ", link.sequence, " follows ",
                                          report.last_sequence));
        }
      }
      for (const ChainAnchor& anchor : check.anchors) {
        if (anchor.sequence != link.sequence) continue;
        if (anchor.hash != link.hash) {
          return fail(where, absl::StrCat("differs from the anchor recorded for sequence ",
                                          anchor.sequence,
                                          " (the log was replaced by another chain)"));
        }
        ++report.anchors_matched;
      }
      if (head && head->sequence == link.sequence + 1) {
        if (head->hash != link.hash) {
          return fail(where, "differs from the event the head file records at this sequence");
        }
      }
      prev = std::string(link.hash);
      report.last_sequence = link.sequence;
      ++report.events;
    }
    // getline stops at a read error (or a line too long for memory) as at
    // the end: the lines after it were never read.
    if (in.bad() || !in.eof()) {
      return fail(absl::StrCat(path, ":", number + 1),
                  "cannot be read to its end (a read error, or a line too long)");
    }
  }
  report.last_hash = prev;
  // Anchors the walk never reached: before the files given, or after the
  // log's end (rolled back, or cut with its head).
  for (const ChainAnchor& anchor : check.anchors) {
    if (report.events > 0 && anchor.sequence >= report.first_sequence &&
        anchor.sequence <= report.last_sequence) {
      continue;
    }
    const std::string where = paths.empty() ? std::string("(no file)") : paths.back();
    if (report.events > 0 && anchor.sequence < report.first_sequence) {
      return fail(paths.front(),
                  absl::StrCat("the chain starts at sequence ", report.first_sequence,
                               ", after the anchor at sequence ", anchor.sequence,
                               " (give the rotated files that hold it)"));
    }
    return fail(where,
                absl::StrCat("the anchor at sequence ", anchor.sequence, " is past the log's end (",
                             report.events == 0 ? std::string("no events")
                                                : absl::StrCat("last sequence ",
                                                               report.last_sequence),
                             "): the log was rolled back or cut, with its head"));
  }
  if (head && report.events == 0 && head->sequence > 0) {
    return fail(paths.back(),
                absl::StrCat("empty, but the head file says ", head->sequence,
                             " events: cut off (or just rotated: verify it after the rotated "
                             "files)"));
  }
  if (head && report.events > 0) {
    const uint64_t next = report.last_sequence + 1;
    if (head->sequence > next) {
      return fail(paths.back(), absl::StrCat("truncated: the head file says ", head->sequence,
                                             " events, the log ends with sequence ",
                                             report.last_sequence));
    }
    if (head->sequence <= report.first_sequence) {
      report.warnings.push_back("the head file predates the files checked");
    } else if (head->sequence < next) {
      report.warnings.push_back(absl::StrCat(
          next - head->sequence, " events after the head (written after its last update)"));
    }
  }
  report.ok = true;
  return report;
}

}  // namespace mcpguard::internal
