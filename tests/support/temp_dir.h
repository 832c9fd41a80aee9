// A fresh directory for one test's files.
#ifndef MCPGUARD_TESTS_SUPPORT_TEMP_DIR_H_
#define MCPGUARD_TESTS_SUPPORT_TEMP_DIR_H_

#include <string>

namespace mcpguard::test_support {

// A fresh directory under the test's temporary directory, removed with
// everything in it when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path()/name
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace mcpguard::test_support

#endif  // MCPGUARD_TESTS_SUPPORT_TEMP_DIR_H_
