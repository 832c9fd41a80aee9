#include "key_file.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace mcpguard::cli {

bool ReadKeyFile(const std::string& path, std::string* key, std::string* error) {
  // Looked at first: a FIFO would block the reader, a device feed it
  // without end.
  struct stat st;
  std::ifstream in;
  if (stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) in.open(path, std::ios::binary);
  if (!in.is_open()) {
    *error = "cannot read the key file (missing, or not a regular file)";
    return false;
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) {
    *error = "cannot read the key file";
    return false;
  }
  *key = contents.str();
  if (!key->empty() && key->back() == '\n') key->pop_back();
  if (key->empty()) {
    *error = "the key file is empty";
    return false;
  }
  return true;
}

}  // namespace mcpguard::cli
