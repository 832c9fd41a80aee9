// Design note: the JSON is read twice. First a RapidJSON SAX reader drives
// PolicyScanner, which checks every key and value against the descriptor and
// records locations, reporting every problem with its line and column. Only
// a clean scan is handed to protobuf's JsonStringToMessage for the conversion
// itself, so a protobuf error (reported at line 0) means the scan missed
// something; the tests check that valid input never gets there.
#include "policy/json_loader.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/util/json_util.h"
#include "policy/json_policy_scanner.h"
#include "rapidjson/error/en.h"
#include "rapidjson/memorystream.h"
#include "rapidjson/reader.h"

namespace mcpguard::internal {

bool LoadJsonPolicy(absl::string_view json, absl::string_view source_name,
                    LoadedPolicy* out, std::vector<Diagnostic>* diagnostics) {
  rapidjson::MemoryStream stream(json.data(), json.size());
  PolicyScanner scanner(json, &stream, source_name, &out->locations,
                        diagnostics);
  rapidjson::Reader reader;
  // Plain JSON: no comments, no trailing commas, no NaN literals.
  const rapidjson::ParseResult result =
      reader.Parse<rapidjson::kParseIterativeFlag |
                   rapidjson::kParseValidateEncodingFlag>(stream, scanner);
  if (result.IsError()) {
    if (!scanner.too_deep()) {
      scanner.SyntaxError(result.Offset(),
                          rapidjson::GetParseError_En(result.Code()));
    }
    return false;
  }
  if (stream.Tell() < json.size()) {
    // The reader takes a NUL byte for the end of its input.
    scanner.SyntaxError(stream.Tell(),
                        "unexpected NUL byte after the JSON value");
    return false;
  }
  if (scanner.error_count() > 0) return false;

  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), &out->policy,
      options);
  if (!status.ok()) {
    Diagnostic d;
    d.file = std::string(source_name);
    d.message = absl::StrCat("protobuf rejected the JSON policy: ",
                             std::string(status.message()));
    diagnostics->push_back(std::move(d));
    return false;
  }
  return true;
}

}  // namespace mcpguard::internal
