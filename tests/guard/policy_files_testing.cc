#include "guard/policy_files_testing.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "gtest/gtest.h"
#include "guard/engine_testing.h"

namespace mcpguard::testing_files {

void WriteFileAtomically(const std::string& path, const std::string& contents) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << contents;
    out.close();
    ASSERT_TRUE(out) << "writing " << temporary;
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  ASSERT_FALSE(error) << "renaming " << temporary << ": " << error.message();
}

std::string ToolPolicy(const std::string& name, const std::string& effect) {
  return "name: \"" + name +
         "\"\n"
         "validation { mcp_messages: OFF tool_schemas: OFF }\n"
         "rules { id: \"" +
         name + "\" effect: " + effect + " target { tools: \"t\" } }\n";
}

std::unique_ptr<Engine> EngineOnNewFile(const std::string& path) {
  WriteFileAtomically(path, ToolPolicy("allow-t", "ALLOW"));
  return testing_engines::EngineOrFail(LoadPolicyFile(path));
}

}  // namespace mcpguard::testing_files
