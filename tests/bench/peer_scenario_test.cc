// The peer scenario's conversion to .role (bench/peers/peer_scenario.h): exact semantics on a small
// scenario written here, then agreement with the harness's expected decisions on all of its requests
// when ../shared/bench-peers is present. Correctness only; nothing here is timed.
#include "bench/peers/peer_scenario.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"

namespace rolec::bench {
namespace {

namespace fs = std::filesystem;

void WriteFile(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

// Role A may delete users and reset passwords of targets within {A}; X may only reset passwords and
// is exempt from the forbid on both actions for targets in role-assignable groups.
constexpr const char* kRoles = R"({
  "wildcardSegments": ["allEntities", "allProperties", "allTasks"],
  "roleSets": {"low": ["A"]},
  "roles": [
    {"id": "A", "displayName": "Role A", "grants": [
      {"actions": ["microsoft.directory/users/delete", "microsoft.directory/users/standard/read"]},
      {"actions": ["microsoft.directory/users/password/update"], "condition": {"targetRolesSubsetOf": "low"}}]},
    {"id": "W", "displayName": "Role W", "grants": [
      {"actions": ["microsoft.directory/users/allProperties/allTasks"]}]},
    {"id": "X", "displayName": "Role X", "grants": [
      {"actions": ["microsoft.directory/users/password/update"]}]}
  ],
  "forbids": [{"id": "rag", "actions": ["microsoft.directory/users/delete", "microsoft.directory/users/password/update"],
               "when": "targetMemberOrOwnerOfRoleAssignableGroup", "unlessPrincipalHasAnyRole": ["X"]}]
})";
constexpr const char* kActions = R"(["microsoft.directory/users/delete", "microsoft.directory/users/password/update",
  "microsoft.directory/users/standard/read"])";
constexpr const char* kDirectory = R"({"tenant": "t",
  "groups": [{"id": "g1", "isRoleAssignable": true}, {"id": "g2", "isRoleAssignable": false}],
  "users": [
    {"id": "pA", "roles": ["A"], "memberOf": [], "ownerOf": []},
    {"id": "pAX", "roles": ["A", "X"], "memberOf": [], "ownerOf": []},
    {"id": "pX", "roles": ["X"], "memberOf": [], "ownerOf": []},
    {"id": "pW", "roles": ["W"], "memberOf": [], "ownerOf": []},
    {"id": "pWX", "roles": ["W", "X"], "memberOf": [], "ownerOf": []},
    {"id": "tRag", "roles": [], "memberOf": ["g1"], "ownerOf": []},
    {"id": "tOwner", "roles": [], "memberOf": ["g2"], "ownerOf": ["g1"]},
    {"id": "tPlain", "roles": [], "memberOf": ["g2"], "ownerOf": []},
    {"id": "tA", "roles": ["A"], "memberOf": [], "ownerOf": []},
    {"id": "tX", "roles": ["X"], "memberOf": [], "ownerOf": []},
    {"id": "pMany", "roles": ["W", "A", "X", "W"], "memberOf": ["g1"], "ownerOf": []}
  ]})";

class SmallScenarioTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // One directory per test: ctest runs the tests of this fixture as parallel processes, which
    // must not read each other's half-written files.
    root_ = fs::path(::testing::TempDir()) /
            (std::string("rolec_small_peer_scenario_") +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    WriteFile(root_ / "scenario/roles.json", kRoles);
    WriteFile(root_ / "scenario/actions.json", kActions);
    WriteFile(root_ / "scenario/directory.json", kDirectory);
    absl::StatusOr<std::unique_ptr<PeerEngine>> engine = PeerEngine::Load(root_.string());
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = std::move(*engine);
  }
  bool Decide(const char* principal, const char* action, const char* target) {
    bool by_strings = engine_->Decide(principal, action, target);
    bool by_ids = engine_->Decide(engine_->Resolve(principal, action, target));
    EXPECT_EQ(by_strings, by_ids) << principal << " " << action << " " << target;
    return by_strings;
  }
  fs::path root_;
  std::unique_ptr<PeerEngine> engine_;
};

constexpr const char* kDelete = "microsoft.directory/users/delete";
constexpr const char* kReset = "microsoft.directory/users/password/update";

TEST_F(SmallScenarioTest, TheForbidOverridesGrantsOnTargetsInRoleAssignableGroups) {
  EXPECT_TRUE(Decide("pA", kDelete, "tPlain"));
  EXPECT_FALSE(Decide("pA", kDelete, "tRag"));
  EXPECT_FALSE(Decide("pA", kDelete, "tOwner"));  // an owner counts as a member
  EXPECT_TRUE(Decide("pA", "microsoft.directory/users/standard/read", "tRag"));  // not a forbidden action
}

TEST_F(SmallScenarioTest, AnExemptRoleLiftsTheForbidForEveryRoleThePrincipalHolds) {
  // X does not grant delete, but holding X exempts the principal; A's grant then applies.
  EXPECT_TRUE(Decide("pAX", kDelete, "tRag"));
  EXPECT_FALSE(Decide("pX", kDelete, "tRag"));  // exempt, but nothing grants delete
  EXPECT_TRUE(Decide("pX", kReset, "tRag"));
}

TEST_F(SmallScenarioTest, WildcardGrantsOfForbiddenActionsAreCovered) {
  EXPECT_TRUE(Decide("pW", kDelete, "tPlain"));
  EXPECT_FALSE(Decide("pW", kDelete, "tRag"));
  EXPECT_FALSE(Decide("pW", kReset, "tOwner"));
  EXPECT_TRUE(Decide("pWX", kDelete, "tRag"));
}

TEST_F(SmallScenarioTest, ConditionalGrantsUseTheRoleSet) {
  EXPECT_TRUE(Decide("pA", kReset, "tPlain"));  // no roles: within any set
  EXPECT_TRUE(Decide("pA", kReset, "tA"));
  EXPECT_FALSE(Decide("pA", kReset, "tX"));
  EXPECT_FALSE(Decide("pA", kReset, "tRag"));
  EXPECT_TRUE(Decide("pAX", kReset, "tX"));  // X grants it unconditionally
}

TEST_F(SmallScenarioTest, UsersWithManyRolesDecideTheSame) {
  // More roles than a user record holds inline (PeerEngine::User::kInline).
  EXPECT_TRUE(Decide("pMany", kDelete, "tRag"));  // exempt through X, W grants delete
  EXPECT_FALSE(Decide("pA", kReset, "pMany"));    // the target holds roles outside {A}
  EXPECT_TRUE(Decide("pAX", kReset, "pMany"));    // X grants it unconditionally, and is exempt
  EXPECT_FALSE(Decide("pA", kDelete, "pMany"));   // the target is in a role-assignable group
}

TEST_F(SmallScenarioTest, UnknownNamesAreDenied) {
  EXPECT_FALSE(Decide("nobody", kDelete, "tPlain"));
  EXPECT_FALSE(Decide("pA", kDelete, "nobody"));
  EXPECT_FALSE(Decide("pA", "microsoft.directory/users/unknown/update", "tPlain"));
}

TEST_F(SmallScenarioTest, TheSourceNamesTheVariants) {
  const std::string& source = engine_->converted().source;
  EXPECT_NE(source.find("role \"Role A\" {"), std::string::npos) << source;
  EXPECT_NE(source.find("role \"Role A [exempt: rag]\" {"), std::string::npos) << source;
  EXPECT_NE(source.find("when target.roles within low and not target.role_assignable_group_member"),
            std::string::npos)
      << source;
  EXPECT_NE(source.find("except microsoft.directory/users/delete when target.role_assignable_group_member"),
            std::string::npos)
      << source;
}

TEST(PeerScenarioTest, RejectsWhatItCannotConvertExactly) {
  nlohmann::json roles = nlohmann::json::parse(kRoles);
  nlohmann::json actions = nlohmann::json::parse(kActions);
  EXPECT_TRUE(ConvertPeerScenario(roles, actions).ok());
  nlohmann::json odd_condition = roles;
  odd_condition["roles"][0]["grants"][1]["condition"] = {{"targetKind", "user"}};
  EXPECT_FALSE(ConvertPeerScenario(odd_condition, actions).ok());
  nlohmann::json odd_forbid = roles;
  odd_forbid["forbids"][0]["when"] = "always";
  EXPECT_FALSE(ConvertPeerScenario(odd_forbid, actions).ok());
  nlohmann::json odd_wildcards = roles;
  odd_wildcards["wildcardSegments"] = {"*"};
  EXPECT_FALSE(ConvertPeerScenario(odd_wildcards, actions).ok());
}

// ---- the real harness ------------------------------------------------------------------------------

// A directory holding the harness's scenario and its generated requests.jsonl: $ROLEC_PEERS_ROOT if
// set, else the shared harness itself if it has been generated, else a copy under the test's temp
// directory generated with node (the harness's gen/generate.js; ~10 s). "" to skip, with *why set.
std::string GeneratedHarness(std::string* why) {
  if (const char* env = std::getenv("ROLEC_PEERS_ROOT"); env && *env) return env;
  const fs::path shared = fs::path(ROLEC_SHARED_DIR) / "bench-peers";
  if (!fs::exists(shared / "scenario/roles.json")) {
    *why = shared.string() + " not found";
    return "";
  }
  if (fs::exists(shared / "requests.jsonl")) return shared.string();
  if (std::system("node --version > /dev/null 2>&1") != 0) {
    *why = "requests.jsonl is not generated and node is not installed";
    return "";
  }
  const fs::path copy = fs::path(::testing::TempDir()) / "rolec_bench_peers";
  if (!fs::exists(copy / "requests.jsonl")) {
    fs::remove_all(copy);
    fs::create_directories(copy);
    for (const char* part : {"gen", "lib", "scenario", "expected_decisions.txt"}) {
      fs::copy(shared / part, copy / part, fs::copy_options::recursive);
    }
    for (const auto& entry : fs::recursive_directory_iterator(copy)) {
      fs::permissions(entry.path(), fs::perms::owner_write, fs::perm_options::add);
    }
    fs::permissions(copy, fs::perms::owner_write, fs::perm_options::add);
    std::string command = "cd '" + copy.string() + "' && node gen/generate.js > /dev/null";
    if (std::system(command.c_str()) != 0 || !fs::exists(copy / "requests.jsonl")) {
      *why = "node gen/generate.js failed in " + copy.string();
      return "";
    }
  }
  return copy.string();
}

TEST(PeerHarnessTest, AgreesWithTheExpectedDecisionsOnEveryRequest) {
  std::string why;
  const std::string root = GeneratedHarness(&why);
  if (root.empty()) GTEST_SKIP() << why;
  absl::StatusOr<std::unique_ptr<PeerEngine>> engine = PeerEngine::Load(root);
  ASSERT_TRUE(engine.ok()) << engine.status();

  std::ifstream requests(root + "/requests.jsonl");
  std::ifstream expected(root + "/expected_decisions.txt");
  ASSERT_TRUE(requests && expected);
  size_t n = 0, allows = 0, mismatches = 0, id_mismatches = 0;
  std::string line, decision;
  while (std::getline(requests, line)) {
    if (line.empty()) continue;
    ASSERT_TRUE(std::getline(expected, decision)) << "expected_decisions.txt is shorter than requests.jsonl";
    nlohmann::json r = nlohmann::json::parse(line);
    const std::string principal = r.at("principal").get<std::string>();
    const std::string action = r.at("action").get<std::string>();
    const std::string target = r.at("target").get<std::string>();
    const bool allow = (*engine)->Decide(principal, action, target);
    const bool allow_ids = (*engine)->Decide((*engine)->Resolve(principal, action, target));
    if (allow != (decision == "allow") && mismatches++ < 5) {
      ADD_FAILURE() << "request " << n << ": " << line << " expected " << decision;
    }
    id_mismatches += allow_ids != allow;
    allows += allow;
    ++n;
  }
  EXPECT_EQ(n, 100000u);
  EXPECT_EQ(mismatches, 0u);
  EXPECT_EQ(id_mismatches, 0u);
  EXPECT_GT(allows, 0u);
}

}  // namespace
}  // namespace rolec::bench
