// Every verb of the standard library's catalog is classified as a read or a modification
// (docs/semantics.md §Reads and modifications): a restricted management administrative unit blocks
// modifications only, so a verb read the wrong way either blocks a read or lets a tenant-wide
// assignment modify a protected member. The table is the expected class of each verb; a verb the
// catalog gains that the table does not list fails the test until someone classifies it.
#include <map>
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "rolec/rolec.hpp"
#include "runtime/action_pattern.h"

namespace rolec::testing {
namespace {

enum class Access { kRead, kModify };

const std::map<std::string, Access>& ExpectedVerbs() {
  static const auto* verbs = new std::map<std::string, Access>{
      {"read", Access::kRead},
      {"limitedRead", Access::kRead},
      {"restrictedRead", Access::kRead},
      {"getPasswordSingleSignOnCredentials", Access::kRead},
      {"getAvailableExtentionProperties", Access::kRead},
      {"update", Access::kModify},
      {"create", Access::kModify},
      {"delete", Access::kModify},
      {"restore", Access::kModify},
      {"manage", Access::kModify},
      {"createAsOwner", Access::kModify},
      {"enable", Access::kModify},
      {"disable", Access::kModify},
      {"reprocessLicenseAssignment", Access::kModify},
      {"assignLicense", Access::kModify},
      {"resetToDefaultSettings", Access::kModify},
      {"invalidateAllRefreshTokens", Access::kModify},
      {"cancel", Access::kModify},
      {"unregister", Access::kModify},
      {"revokeSignInSessions", Access::kModify},
      {"revoke", Access::kModify},
      {"register", Access::kModify},
      {"managePermissionGrantsForAll.microsoft-company-admin", Access::kModify},
      {"managePermissionGrantsForAll.microsoft-application-admin", Access::kModify},
      {"managePermissionGrantsForAll.low-risk-any-app", Access::kModify},
      {"managePasswordSingleSignOnCredentials", Access::kModify},
      {"inviteGuest", Access::kModify},
      {"instantiate", Access::kModify},
      {"enableDirectoryFeature", Access::kModify},
      {"disableDirectoryFeature", Access::kModify},
      {"createDeviceFromTemplate", Access::kModify},
      {"convertExternalToInternalMemberUser", Access::kModify},
      {"changePassword", Access::kModify},
      {"activateServicePlan", Access::kModify},
      {"activateService", Access::kModify},
  };
  return *verbs;
}

TEST(CatalogVerbs, EveryVerbIsClassifiedAsTheTableSays) {
  CompileResult result = Compile({});
  ASSERT_TRUE(result.ok());
  absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(result.image);
  ASSERT_TRUE(policy.ok()) << policy.status();
  std::set<std::string> seen;
  for (ActionId id = 0; id < (*policy)->action_count(); ++id) {
    const std::string name((*policy)->action(id).name);
    const std::string verb = name.substr(name.rfind('/') + 1);
    seen.insert(verb);
    auto expected = ExpectedVerbs().find(verb);
    ASSERT_NE(expected, ExpectedVerbs().end())
        << "verb '" << verb << "' of " << name << " is not classified: add it to the table";
    EXPECT_EQ(runtime::IsReadAction(name), expected->second == Access::kRead) << name;
  }
  // Every row of the table is a verb the catalog has, so the table cannot go stale silently.
  for (const auto& [verb, access] : ExpectedVerbs()) {
    EXPECT_TRUE(seen.count(verb)) << "the table lists '" << verb << "', which no catalog action has";
  }
}

}  // namespace
}  // namespace rolec::testing
