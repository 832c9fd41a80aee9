#include "arg_cursor.h"

namespace mcpguard::cli {

bool ArgCursor::AtFlag() {
  if (only_positional_ || done()) return false;
  if (args_[index_] == "--") {
    only_positional_ = true;
    ++index_;
    return false;
  }
  return args_[index_].size() > 1 && args_[index_][0] == '-';
}

bool ArgCursor::TakeHelp() {
  if (TakeSwitch("help")) return true;
  if (only_positional_ || done() || args_[index_] != "-h") return false;
  ++index_;
  return true;
}

bool ArgCursor::TakePositional(std::vector<std::string>* positional) {
  if (AtFlag()) return false;
  if (!done()) positional->push_back(Take());
  return true;
}

bool ArgCursor::TakeValue(std::string_view name, std::string* value, std::string* error) {
  if (only_positional_ || done()) return false;
  std::string_view arg = args_[index_];
  if (arg.substr(0, 2) != "--" || arg.substr(2, name.size()) != name) return false;
  std::string_view rest = arg.substr(2 + name.size());
  if (rest.empty()) {
    ++index_;
    if (done()) {
      *error = "--" + std::string(name) + " needs a value";
      return true;
    }
    *value = args_[index_++];
  } else if (rest[0] == '=') {
    ++index_;
    *value = std::string(rest.substr(1));
  } else {
    return false;  // A longer flag that merely starts with `name`.
  }
  if (value->empty()) *error = "--" + std::string(name) + " needs a non-empty value";
  return true;
}

bool ArgCursor::TakeSwitch(std::string_view name) {
  if (only_positional_ || done()) return false;
  std::string_view arg = args_[index_];
  if (arg.substr(0, 2) != "--" || arg.substr(2) != name) return false;
  ++index_;
  return true;
}

}  // namespace mcpguard::cli
