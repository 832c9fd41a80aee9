// Walks a command's arguments, taking "--name VALUE" / "--name=VALUE" flags.
#ifndef MCPGUARD_TOOLS_ARG_CURSOR_H_
#define MCPGUARD_TOOLS_ARG_CURSOR_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mcpguard::cli {

// Not thread-safe; one per command invocation. After "--", every argument is
// positional, even one that starts with '-'.
class ArgCursor {
 public:
  explicit ArgCursor(const std::vector<std::string>& args) : args_(args) {}

  bool done() const { return index_ >= args_.size(); }
  // The current argument. Precondition: !done().
  const std::string& current() const { return args_[index_]; }
  // True when the current argument looks like a flag ("-x", "--x"; not "-",
  // which means stdin, and not after "--"). Consumes a lone "--".
  bool AtFlag();
  // Consumes and returns the current argument. Precondition: !done().
  std::string Take() { return args_[index_++]; }

  // If the current argument is `--name` or `--name=VALUE`, consumes it (and
  // the next argument as VALUE in the first form) and returns true. A missing
  // or empty value sets *error (and still returns true).
  bool TakeValue(std::string_view name, std::string* value, std::string* error);
  // If the current argument is exactly `--name`, consumes it, returns true.
  bool TakeSwitch(std::string_view name);
  // If the current argument is `--help` or `-h`, consumes it, returns true.
  bool TakeHelp();
  // If the current argument is not a flag, appends it to *positional and
  // returns true (also for a lone "--", which is consumed, or at the end).
  bool TakePositional(std::vector<std::string>* positional);

 private:
  const std::vector<std::string>& args_;
  size_t index_ = 0;
  bool only_positional_ = false;
};

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_ARG_CURSOR_H_
