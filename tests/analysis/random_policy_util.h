// tests/analysis/random_policy_util.h — random custom roles and random requests for the analysis
// property tests: four roles over a few catalog actions chosen for their shapes (user, group and
// device actions reachable through units, a BitLocker key read, an application action, governed
// actions with intrinsic rules), with allow and except rules whose conditions use every predicate
// of the language nested up to three deep.
#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "analysis/analysis_util.h"
#include "gtest/gtest.h"
#include "support/random.h"
#include "rolec/policy.hpp"
#include "rolec/request.hpp"

namespace rolec::analysis_test {

// The actions the random roles use, and the roles a random target may hold.
extern const char* const kRandomActions[8];
extern const char* const kRandomTargetRoles[7];

using test_support::Random;

// A source (importing entra) declaring "Prop Role 0" ... "Prop Role 3".
std::string RandomRoles(Random& r);
// Their names.
std::vector<std::string> CustomRoles();

// A random request for one assignment of `role` (tenant scope or a unit au1..au3): a random target
// kind, roles, flags, units (some restricted), owner and MFA.
OwnedRequest RandomRequest(Random& r, const std::string& role, const std::string& action);

// Check on an owned request (a binding failure is a test failure and a deny).
Decision CheckOwned(const Policy& policy, const OwnedRequest& owned);

// The fixture of a property test over seeds: GetParam()'s random roles, compiled with the stdlib.
class RandomPolicyTest : public ::testing::TestWithParam<uint32_t> {
 protected:
  void SetUp() override {
    Random r(GetParam());
    source_ = RandomRoles(r);
    std::string error;
    policy_ = CompileWithStdlib(source_, &error);
    ASSERT_NE(policy_, nullptr) << error << "\n" << source_;
  }

  std::string source_;
  std::shared_ptr<const Policy> policy_;
};

}  // namespace rolec::analysis_test
