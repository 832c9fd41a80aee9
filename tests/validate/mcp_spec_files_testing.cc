#include "mcp_spec_files_testing.h"

#include <dirent.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace mcpguard::internal::testing_spec {

std::optional<std::string> SpecDir() {
  const char* dir = std::getenv("MCPGUARD_SPEC_DIR");
  if (dir == nullptr || *dir == '\0') return std::nullopt;
  return std::string(dir);
}

bool ReadJsonFile(const std::string& path, rapidjson::Document* doc, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = absl::StrCat("cannot read ", path);
    return false;
  }
  std::stringstream text;
  text << in.rdbuf();
  doc->Parse(text.str().c_str());
  if (doc->HasParseError()) {
    *error = absl::StrCat(path, ": not JSON (offset ", doc->GetErrorOffset(), ")");
    return false;
  }
  return true;
}

std::string OfficialSchemaPath(const std::string& spec_dir, McpVersion version) {
  return absl::StrCat(spec_dir, "/", McpVersionName(version), "/schema.json");
}

std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return names;
  while (const dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

const rapidjson::Value* OfficialDefs(const rapidjson::Document& schema) {
  if (!schema.IsObject()) return nullptr;
  for (const char* key : {"$defs", "definitions"}) {
    auto it = schema.FindMember(key);
    if (it != schema.MemberEnd() && it->value.IsObject()) return &it->value;
  }
  return nullptr;
}

std::string RefName(absl::string_view ref) {
  for (absl::string_view prefix : {"#/$defs/", "#/definitions/"}) {
    if (absl::StartsWith(ref, prefix)) return std::string(ref.substr(prefix.size()));
  }
  return "";
}

std::string VersionTestName(const ::testing::TestParamInfo<McpVersion>& param) {
  std::string name = absl::StrCat("v", McpVersionName(param.param));
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

}  // namespace mcpguard::internal::testing_spec
