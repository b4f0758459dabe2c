// The documented reload pattern (docs/security.md §Reloading a policy), under load: four threads
// Check against whatever policy is current while a fifth swaps in freshly loaded images through
// std::atomic_load / std::atomic_store on a std::shared_ptr<const Policy>. scripts/sanitize.sh
// runs this binary under ThreadSanitizer, which proves the pattern free of data races (including
// the destruction of a replaced Policy while a reader still holds it); in the normal and ASan
// suites it checks that every decision matches the version of the policy it was made with.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "rolec/rolec.hpp"

namespace rolec::testing {
namespace {

// Two versions of one policy. Version 1 lets "Helpdesk" reset passwords of any user; version 2
// only of users holding no role outside {Reader}, and marks itself with a role "Version 2".
std::string Source(int version) {
  std::string text =
      "action microsoft.directory/users/password/update { description \"Reset passwords\" }\n"
      "action microsoft.directory/users/standard/read { description \"Read users\" }\n"
      "role \"Reader\" { allow microsoft.directory/users/standard/read }\n";
  if (version == 1) {
    text += "role \"Helpdesk\" { allow microsoft.directory/users/password/update }\n";
  } else {
    text += "role \"Helpdesk\" {\n"
            "  allow microsoft.directory/users/password/update when target.roles within [\"Reader\"]\n"
            "}\n"
            "role \"Version 2\" {}\n";
  }
  return text;
}

std::string Image(int version) {
  CompileOptions options;
  options.with_stdlib = false;
  CompileResult result = Compile({{"reload.role", Source(version)}}, options);
  EXPECT_TRUE(result.ok());
  return result.image;
}

TEST(Reload, FourReadersAndAWriterSwappingImages) {
  const std::string images[2] = {Image(1), Image(2)};
  ASSERT_FALSE(images[0].empty());
  ASSERT_FALSE(images[1].empty());

  // The shared slot. Readers take a snapshot with atomic_load and use only that snapshot for one
  // decision (role ids are per image: they are looked up in the same snapshot).
  std::shared_ptr<const Policy> current = *Policy::Load(images[0]);
  std::atomic<bool> stop{false};
  std::atomic<int> wrong{0};
  std::atomic<int> checks{0};
  std::atomic<int> seen_version[2] = {0, 0};

  auto reader = [&] {
    int local_checks = 0;
    while (!stop.load(std::memory_order_relaxed) || local_checks < 1000) {
      const std::shared_ptr<const Policy> policy = std::atomic_load(&current);
      const bool v2 = policy->FindRole("Version 2") != kNoRole;
      const Assignment assignments[] = {{policy->FindRole("Helpdesk"), ""}};
      const RoleId admin_target[] = {policy->FindRole("Helpdesk")};
      Request request;
      request.assignments = assignments;
      request.action = "microsoft.directory/users/password/update";
      request.target.kind = TargetKind::kUser;
      request.target.roles = admin_target;
      // Version 1 allows resetting a Helpdesk holder; version 2 does not.
      const Decision expected = v2 ? Decision::kDeny : Decision::kAllow;
      if (policy->Check(request) != expected) wrong.fetch_add(1);
      request.target.roles = {};
      if (policy->Check(request) != Decision::kAllow) wrong.fetch_add(1);
      seen_version[v2 ? 1 : 0].fetch_add(1, std::memory_order_relaxed);
      ++local_checks;
    }
    checks.fetch_add(local_checks);
  };

  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) readers.emplace_back(reader);
  std::thread writer([&] {
    for (int swap = 0; swap < 200; ++swap) {
      // A fresh Policy every time, so replaced ones are destroyed while readers may hold them.
      absl::StatusOr<std::shared_ptr<const Policy>> next = Policy::Load(images[(swap + 1) % 2]);
      if (!next.ok()) {
        wrong.fetch_add(1000);
        break;
      }
      std::atomic_store(&current, std::move(*next));
      // After each of the first two swaps, wait until some reader has decided with the version
      // just stored, so that both versions are used however the threads are scheduled.
      while (swap < 2 && seen_version[(swap + 1) % 2].load() == 0) std::this_thread::yield();
      std::this_thread::yield();
    }
    stop.store(true);
  });
  writer.join();
  for (std::thread& t : readers) t.join();

  EXPECT_EQ(wrong.load(), 0);
  EXPECT_GE(checks.load(), 4000);
  // Both versions were current at some point while readers ran.
  EXPECT_GT(seen_version[0].load(), 0);
  EXPECT_GT(seen_version[1].load(), 0);
}

}  // namespace
}  // namespace rolec::testing
