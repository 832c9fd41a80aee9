#include "test_file.h"

#include <string>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "base/read_file.h"
#include "message_shape.h"
#include "policy/textproto_loader.h"
#include "rapidjson/document.h"
#include "rapidjson/error/en.h"

namespace mcpguard::cli {
namespace {

namespace pb = ::mcpguard::v1;

// Beyond this a test clock would overflow its int64 nanoseconds long before
// any sensible case ends (about 30 years).
constexpr uint64_t kMaxWaitMs = 1'000'000'000'000;

class TestFileChecker {
 public:
  TestFileChecker(TestFile* file, std::vector<Diagnostic>* diagnostics)
      : file_(*file), diagnostics_(*diagnostics) {}

  bool Check() {
    const auto& cases = file_.suite.cases();
    if (cases.empty()) Error("", "the file holds no cases (`cases { name: ... checks { ... } }`)");
    for (int j = 0; j < file_.suite.setup_size(); ++j) {
      CheckMessage(file_.suite.setup(j), absl::StrCat("setup[", j, "]"), /*needs_expect=*/false);
    }
    absl::flat_hash_map<std::string, int> first_by_name;
    for (int i = 0; i < cases.size(); ++i) {
      const std::string field = absl::StrCat("cases[", i, "]");
      const pb::PolicyTestCase& c = cases[i];
      if (c.name().empty()) {
        Error(field, "the case has no name");
      } else if (auto [it, inserted] = first_by_name.emplace(c.name(), i); !inserted) {
        const int first_line = file_.LineOf(absl::StrCat("cases[", it->second, "]"));
        Error(field + ".name", absl::StrCat("duplicate case name \"", c.name(),
                                            "\" (first at line ", first_line, ")"));
      }
      CheckClaims(c.principal(), field + ".principal");
      for (int j = 0; j < c.setup_size(); ++j) {
        CheckMessage(c.setup(j), absl::StrCat(field, ".setup[", j, "]"), /*needs_expect=*/false);
      }
      if (c.checks().empty()) {
        Error(field, "the case has no checks (`checks { message: ... expect { decision: ... } }`)");
      }
      for (int j = 0; j < c.checks_size(); ++j) {
        CheckMessage(c.checks(j), absl::StrCat(field, ".checks[", j, "]"), /*needs_expect=*/true);
      }
    }
    return errors_ == 0;
  }

 private:
  void Error(const std::string& field, std::string message) {
    Diagnostic d;
    d.file = file_.path;
    std::tie(d.line, d.column) = file_.locations.Find(field);
    d.field = field;
    d.message = std::move(message);
    diagnostics_.push_back(std::move(d));
    ++errors_;
  }

  void CheckClaims(const pb::TestPrincipal& principal, const std::string& field) {
    absl::flat_hash_set<std::string> names;
    for (int k = 0; k < principal.claims_size(); ++k) {
      const std::string claim = absl::StrCat(field, ".claims[", k, "]");
      const std::string& name = principal.claims(k).name();
      if (name.empty()) {
        Error(claim, "the claim has no name");
      } else if (!names.insert(name).second) {
        Error(claim + ".name",
              absl::StrCat("claim \"", name, "\" given twice: list its values in one claim"));
      }
    }
  }

  void CheckMessage(const pb::TestMessage& message, const std::string& field, bool needs_expect) {
    if (message.message().empty()) Error(field, "`message` is empty: give the JSON-RPC message");
    if (!pb::Direction_IsValid(message.direction())) {
      Error(field + ".direction",
            absl::StrCat("unknown direction ", message.direction(), " (TO_SERVER or TO_CLIENT)"));
    }
    if (message.wait_ms() > kMaxWaitMs) {
      Error(field + ".wait_ms", absl::StrCat("wait_ms must be at most ", kMaxWaitMs));
    }
    if (!message.has_expect()) {
      if (needs_expect) Error(field, "a check needs `expect { decision: ... }`");
      return;
    }
    CheckExpectation(message.expect(), field + ".expect");
  }

  void CheckExpectation(const pb::Expectation& expect, const std::string& field) {
    if (expect.decision() == pb::Expectation::DECISION_UNSPECIFIED) {
      Error(field, "`decision` is required (ALLOW, DENY, ASK or REWRITE)");
    } else if (!pb::Expectation::Decision_IsValid(expect.decision())) {
      Error(field + ".decision", absl::StrCat("unknown decision ", expect.decision()));
    }
    if (!pb::Expectation::Approval_IsValid(expect.approval())) {
      Error(field + ".approval", absl::StrCat("unknown approval ", expect.approval()));
    }
    if (expect.no_findings() && !expect.findings().empty()) {
      Error(field + ".no_findings", "`no_findings` and `findings` contradict each other");
    }
    for (int i = 0; i < expect.findings_size(); ++i) {
      if (expect.findings(i).empty()) {
        Error(absl::StrCat(field, ".findings[", i, "]"),
              "empty: name a category (\"aws_access_key_id\"), or category@pointer");
      }
    }
    if (expect.has_replacement() && !expect.replacement().empty()) {
      rapidjson::Document doc;
      doc.Parse<kCliParseFlags>(expect.replacement().data(), expect.replacement().size());
      if (doc.HasParseError()) {
        const absl::string_view why = rapidjson::GetParseError_En(doc.GetParseError());
        Error(field + ".replacement",
              absl::StrCat("not JSON: ", absl::StripSuffix(why, "."), " at offset ",
                           doc.GetErrorOffset(), " (use replacement_contains for a part of it)"));
      }
    }
  }

  TestFile& file_;
  std::vector<Diagnostic>& diagnostics_;
  int errors_ = 0;
};

Diagnostic FileError(const std::string& path, std::string message) {
  Diagnostic d;
  d.file = path;
  d.message = std::move(message);
  return d;
}

}  // namespace

bool LoadTestFile(const std::string& path, TestFile* out, std::vector<Diagnostic>* diagnostics) {
  out->path = path;
  absl::StatusOr<std::string> text = internal::ReadRegularFile(path, size_t{64} << 20);
  if (!text.ok()) {
    diagnostics->push_back(FileError(
        path, absl::IsNotFound(text.status())             ? std::string("no such tests file")
              : absl::IsFailedPrecondition(text.status()) ? std::string("not a regular file")
                                                           : std::string(text.status().message())));
    return false;
  }
  if (!internal::LoadTextprotoMessage(*text, path, &out->suite, &out->locations,
                                      diagnostics)) {
    return false;
  }
  return TestFileChecker(out, diagnostics).Check();
}

}  // namespace mcpguard::cli
