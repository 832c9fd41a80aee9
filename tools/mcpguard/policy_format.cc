#include "policy_format.h"

#include "google/protobuf/text_format.h"
#include "policy/loader.h"

namespace mcpguard::cli {

bool HasTextprotoComment(absl::string_view text) {
  char quote = 0;  // The open string literal's quote, or 0.
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == '\\') {
        ++i;  // The escaped character cannot close the string.
      } else if (c == quote || c == '\n') {
        quote = 0;  // Strings do not span lines; the parser rejects that.
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#') {
      return true;
    }
  }
  return false;
}

bool FormatPolicy(absl::string_view bytes, const std::string& path, FormattedPolicy* out,
                  std::vector<Diagnostic>* diagnostics) {
  out->source_format =
      internal::ResolvePolicyFormat(bytes, internal::PolicyFormatForPath(path));
  internal::LoadedPolicy loaded;
  if (!internal::LoadPolicy(bytes, out->source_format, path, &loaded, diagnostics)) return false;
  google::protobuf::TextFormat::Printer printer;
  printer.SetUseUtf8StringEscaping(true);  // "café", not "caf\303\251".
  out->text.clear();
  if (!printer.PrintToString(loaded.policy, &out->text)) {
    Diagnostic d;
    d.file = path;
    d.message = "the policy could not be printed";
    diagnostics->push_back(std::move(d));
    return false;
  }
  out->dropped_comments =
      out->source_format == PolicyFormat::kTextproto && HasTextprotoComment(bytes);
  return true;
}

}  // namespace mcpguard::cli
