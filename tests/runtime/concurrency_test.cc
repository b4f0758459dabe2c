// One immutable Policy shared by threads: Check from four threads at once must give the answers a
// single thread gives. Run under TSan (-fsanitize=thread), this also proves Check takes no locks it
// would need and writes no shared state.
#include <atomic>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "rolec/policy.hpp"
#include "rolec/request.hpp"
#include "runtime/runtime_util.h"

namespace rolec::testing {
namespace {

TEST(Concurrency, FourThreadsCheckOnePolicy) {
  std::shared_ptr<const Policy> policy = SamplePolicy();
  const FixturePolicy& fixture = SampleFixture();

  // Every (role, action) pair on two targets, with the action by name and by id; slow-path
  // actions too.
  std::vector<std::string> actions;
  for (const FixtureAction& action : fixture.actions) actions.push_back(action.name);
  actions.push_back("microsoft.directory/applications/credentials/update");
  actions.push_back("microsoft.office365.serviceHealth/incidents/update");
  std::vector<BoundRequest> bound;
  for (const FixtureRole& role : fixture.roles) {
    for (const std::string& action : actions) {
      for (bool admin_target : {false, true}) {
        OwnedRequest owned = MakeRequest({{role.name, "/"}}, action);
        owned.target.kind = TargetKind::kUser;
        if (admin_target) owned.target.roles = {"Global Administrator"};
        absl::StatusOr<BoundRequest> b = BoundRequest::Bind(*policy, owned);
        ASSERT_TRUE(b.ok());
        bound.push_back(std::move(*b));
      }
    }
  }
  std::vector<Decision> expected;
  for (const BoundRequest& b : bound) expected.push_back(policy->Check(b.request()));

  std::atomic<int> mismatches{0};
  std::atomic<int> allows{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round) {
        for (size_t i = 0; i < bound.size(); ++i) {
          // Each thread walks the requests from a different starting point.
          const size_t k = (i + static_cast<size_t>(t) * 37) % bound.size();
          Request request = bound[k].request();
          if (round % 2 == 1) {
            request.action_id = policy->FindAction(request.action);
            if (request.action_id == kNoAction) continue;
          }
          const Decision decision = policy->Check(request);
          if (decision != expected[k]) mismatches.fetch_add(1, std::memory_order_relaxed);
          if (decision == Decision::kAllow) allows.fetch_add(1, std::memory_order_relaxed);
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_GT(allows.load(), 0);
}

}  // namespace
}  // namespace rolec::testing
