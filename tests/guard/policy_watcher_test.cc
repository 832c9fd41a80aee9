// PolicyWatcher: a changed file is reloaded, a broken one reported and the
// old policy kept; stopping is prompt. The watcher polls every 10 ms; tests
// wait for its reports (with a deadline), never for time to pass.
#include "mcpguard/policy_watcher.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guard/policy_files_testing.h"

namespace mcpguard {
namespace {

using testing::HasSubstr;
using testing_files::ToolPolicy;
using testing_files::EngineOnNewFile;
using testing_files::WriteFileAtomically;

constexpr std::chrono::milliseconds kInterval(10);
constexpr std::chrono::seconds kDeadline(10);

std::string Copy(std::string_view text) { return std::string(text); }

// Every reload attempt a watcher reports.
class Attempts {
 public:
  PolicyWatcher::Callback Callback() {
    return [this](const absl::Status& status, const std::vector<Diagnostic>& diagnostics) {
      std::lock_guard<std::mutex> lock(mu_);
      statuses_.push_back(status);
      diagnostics_.push_back(diagnostics);
      changed_.notify_all();
    };
  }

  // Waits until `count` attempts were reported; false after the deadline.
  bool WaitFor(size_t count) {
    std::unique_lock<std::mutex> lock(mu_);
    return changed_.wait_for(lock, kDeadline, [&] { return statuses_.size() >= count; });
  }

  size_t size() {
    std::lock_guard<std::mutex> lock(mu_);
    return statuses_.size();
  }
  absl::Status status(size_t i) {
    std::lock_guard<std::mutex> lock(mu_);
    return statuses_.at(i);
  }
  std::vector<Diagnostic> diagnostics(size_t i) {
    std::lock_guard<std::mutex> lock(mu_);
    return diagnostics_.at(i);
  }

 private:
  std::mutex mu_;
  std::condition_variable changed_;
  std::vector<absl::Status> statuses_;
  std::vector<std::vector<Diagnostic>> diagnostics_;
};

class PolicyWatcherTest : public testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("policy.textproto");
    engine_ = EngineOnNewFile(path_);
    ASSERT_NE(engine_, nullptr);
  }

  std::unique_ptr<PolicyWatcher> Watch(const std::string& path) {
    auto watcher = PolicyWatcher::Start(engine_.get(), path, kInterval, attempts_.Callback());
    EXPECT_TRUE(watcher.ok()) << watcher.status();
    return watcher.ok() ? *std::move(watcher) : nullptr;
  }

  std::string HashOf(const std::string& text) {
    auto policy = CompilePolicy(text);
    EXPECT_TRUE(policy.ok()) << policy.status();
    return policy.ok() ? Copy((*policy)->hash()) : "";
  }
  std::string hash() { return Copy(engine_->policy()->hash()); }

  testing_files::TempDir dir_;
  std::string path_;
  std::unique_ptr<Engine> engine_;
  Attempts attempts_;
};

TEST_F(PolicyWatcherTest, ReloadsEachChangeOnce) {
  auto watcher = Watch(path_);
  WriteFileAtomically(path_, ToolPolicy("deny-t", "DENY"));
  ASSERT_TRUE(attempts_.WaitFor(1));
  EXPECT_TRUE(attempts_.status(0).ok()) << attempts_.status(0);
  EXPECT_EQ(hash(), HashOf(ToolPolicy("deny-t", "DENY")));
  Verdict v = engine_->NewSession({})->Check(
      R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"t"}})",
      Direction::kToServer);
  EXPECT_EQ(v.rule_id(), "deny-t");

  WriteFileAtomically(path_, ToolPolicy("allow-again", "ALLOW"));
  ASSERT_TRUE(attempts_.WaitFor(2));
  EXPECT_EQ(hash(), HashOf(ToolPolicy("allow-again", "ALLOW")));
  watcher.reset();
  EXPECT_EQ(attempts_.size(), 2u) << "an unchanged file is never reloaded";
}

TEST_F(PolicyWatcherTest, BrokenFileIsReportedAndTheOldPolicyStays) {
  const std::string before = hash();
  auto watcher = Watch(path_);
  WriteFileAtomically(path_, "name: \"broken\"\nrules {\n  id: = \"x\"\n}\n");
  ASSERT_TRUE(attempts_.WaitFor(1));
  const absl::Status status = attempts_.status(0);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr(absl::StrCat(path_, ":3:")));
  const std::vector<Diagnostic> diagnostics = attempts_.diagnostics(0);
  ASSERT_FALSE(diagnostics.empty());
  EXPECT_EQ(diagnostics[0].line, 3);
  EXPECT_EQ(hash(), before);

  // Fixed: the next change is loaded.
  WriteFileAtomically(path_, ToolPolicy("fixed", "DENY"));
  ASSERT_TRUE(attempts_.WaitFor(2));
  EXPECT_TRUE(attempts_.status(1).ok()) << attempts_.status(1);
  EXPECT_EQ(hash(), HashOf(ToolPolicy("fixed", "DENY")));
}

TEST_F(PolicyWatcherTest, FileThatGoesAwayIsReportedAndOneThatAppearsIsLoaded) {
  const std::string later = dir_.File("later.textproto");
  const std::string before = hash();
  auto watcher = Watch(later);
  WriteFileAtomically(later, ToolPolicy("later", "DENY"));
  ASSERT_TRUE(attempts_.WaitFor(1));
  EXPECT_TRUE(attempts_.status(0).ok()) << attempts_.status(0);
  const std::string loaded = HashOf(ToolPolicy("later", "DENY"));
  EXPECT_EQ(hash(), loaded);
  EXPECT_NE(loaded, before);

  ASSERT_EQ(std::remove(later.c_str()), 0);
  ASSERT_TRUE(attempts_.WaitFor(2));
  EXPECT_EQ(attempts_.status(1).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(hash(), loaded);
}

// A file rewritten in place by a writer that appends a rule at a time is a
// valid, smaller policy at every moment between its writes. The watcher
// must not read it before the writer is done: here the writes come every
// 5 ms for about a second, against a 200 ms interval, and the first reload
// must be of the whole file (the watcher before this read whatever its
// first look after the first write found: a policy of a few rules).
TEST_F(PolicyWatcherTest, AFileRewrittenInPlaceIsReadOnceItStandsStill) {
  constexpr int kRules = 150;
  std::string whole = "name: \"appended\"\n";
  for (int i = 0; i < kRules; ++i) {
    absl::StrAppend(&whole, "rules { id: \"r", i,
                    "\" effect: ALLOW target { tools: \"t", i, "\" } }\n");
  }
  auto started =
      PolicyWatcher::Start(engine_.get(), path_, std::chrono::milliseconds(200),
                           attempts_.Callback());
  ASSERT_TRUE(started.ok()) << started.status();
  {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out << "name: \"appended\"\n" << std::flush;
    size_t at = out.tellp();
    while (at < whole.size()) {
      const size_t end = whole.find('\n', at) + 1;
      out << whole.substr(at, end - at) << std::flush;  // One rule, one write.
      at = end;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  ASSERT_TRUE(attempts_.WaitFor(1));
  EXPECT_TRUE(attempts_.status(0).ok()) << attempts_.status(0);
  EXPECT_EQ(engine_->policy()->rule_count(), static_cast<size_t>(kRules));
  EXPECT_EQ(hash(), HashOf(whole));
}

// A file renamed over (or touched) more often than the interval never has
// the same stamp at two looks; it is loaded all the same, since its bytes
// stand still (found by an adversarial review: a deploy loop re-publishing
// the file every 150 ms against a 200 ms interval held it back for good).
TEST_F(PolicyWatcherTest, AFileRepublishedMoreOftenThanTheIntervalIsLoaded) {
  auto started = PolicyWatcher::Start(engine_.get(), path_, std::chrono::milliseconds(100),
                                      attempts_.Callback());
  ASSERT_TRUE(started.ok()) << started.status();
  const std::string deny = ToolPolicy("deny-t", "DENY");
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  while (attempts_.size() == 0 && std::chrono::steady_clock::now() < deadline) {
    WriteFileAtomically(path_, deny);  // A new inode each time.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(attempts_.size(), 1u) << "loaded while the writer went on";
  EXPECT_TRUE(attempts_.status(0).ok()) << attempts_.status(0);
  EXPECT_EQ(hash(), HashOf(deny));
}

// A file rewritten with the bytes it held is not reloaded (a reload
// records an audit event and makes sessions forget their approvals).
TEST_F(PolicyWatcherTest, AFileRewrittenWithTheSameBytesIsNotReloaded) {
  auto watcher = Watch(path_);
  WriteFileAtomically(path_, ToolPolicy("allow-t", "ALLOW"));  // As EngineOnNewFile wrote it.
  std::this_thread::sleep_for(10 * kInterval);  // Time to (wrongly) reload it.
  WriteFileAtomically(path_, ToolPolicy("deny-t", "DENY"));
  ASSERT_TRUE(attempts_.WaitFor(1));
  watcher.reset();
  ASSERT_EQ(attempts_.size(), 1u);
  EXPECT_EQ(hash(), HashOf(ToolPolicy("deny-t", "DENY")));
}

TEST_F(PolicyWatcherTest, AnEmptyFileIsReportedAndNotPutInForce) {
  const std::string before = hash();
  auto watcher = Watch(path_);
  std::ofstream(path_, std::ios::binary | std::ios::trunc) << "";
  ASSERT_TRUE(attempts_.WaitFor(1));
  EXPECT_EQ(attempts_.status(0).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(hash(), before);
}

TEST_F(PolicyWatcherTest, DestructorStopsPromptly) {
  auto watcher = PolicyWatcher::Start(engine_.get(), path_, std::chrono::hours(1));
  ASSERT_TRUE(watcher.ok());
  const auto start = std::chrono::steady_clock::now();
  watcher->reset();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5))
      << "the thread must be woken, not left to sleep out its hour";
}

TEST_F(PolicyWatcherTest, StopIsIdempotent) {
  auto watcher = Watch(path_);
  watcher->Stop();
  watcher->Stop();
  WriteFileAtomically(path_, ToolPolicy("ignored", "DENY"));
  watcher.reset();
  EXPECT_EQ(attempts_.size(), 0u) << "no reload after Stop returned";
}

TEST_F(PolicyWatcherTest, MayBeStoppedAndDestroyedFromItsCallback) {
  std::mutex mu;
  std::condition_variable done;
  std::unique_ptr<PolicyWatcher> watcher;  // Guarded by mu.
  int calls = 0;                           // Guarded by mu.
  {
    std::lock_guard<std::mutex> lock(mu);
    auto started = PolicyWatcher::Start(
        engine_.get(), path_, kInterval,
        [&](const absl::Status&, const std::vector<Diagnostic>&) {
          std::lock_guard<std::mutex> callback_lock(mu);
          ++calls;
          watcher->Stop();
          watcher.reset();  // Detaches its own thread, which then ends.
          done.notify_all();
        });
    ASSERT_TRUE(started.ok());
    watcher = *std::move(started);
  }
  WriteFileAtomically(path_, ToolPolicy("once", "DENY"));
  std::unique_lock<std::mutex> lock(mu);
  ASSERT_TRUE(done.wait_for(lock, kDeadline, [&] { return watcher == nullptr; }));
  EXPECT_EQ(calls, 1);
}

TEST(PolicyWatcher, RefusesBadArguments) {
  auto policy = CompilePolicy("name: \"p\"");
  ASSERT_TRUE(policy.ok());
  auto engine = Engine::Create(*policy);
  ASSERT_TRUE(engine.ok());
  EXPECT_EQ(PolicyWatcher::Start(nullptr, "p", kInterval).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(PolicyWatcher::Start(engine->get(), "", kInterval).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      PolicyWatcher::Start(engine->get(), "p", std::chrono::milliseconds(0)).status().code(),
      absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace mcpguard
