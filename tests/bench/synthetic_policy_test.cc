// The synthetic policy generator: deterministic, the advertised shape, and a policy that compiles
// cleanly (the compile benchmarks would otherwise time error reporting).
#include "bench/synthetic_policy.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "rolec/rolec.hpp"

namespace rolec::bench {
namespace {

SyntheticOptions Small() {
  SyntheticOptions options;
  options.roles = 300;
  options.roles_per_file = 100;
  return options;
}

std::string AllText(const SyntheticPolicy& policy) {
  std::string text;
  for (const SourceFile& file : policy.files) text += file.text;
  return text;
}

TEST(SyntheticPolicyTest, SameOptionsGiveTheSameBytes) {
  SyntheticPolicy a = GenerateSyntheticPolicy(Small());
  SyntheticPolicy b = GenerateSyntheticPolicy(Small());
  ASSERT_EQ(a.files.size(), b.files.size());
  for (size_t i = 0; i < a.files.size(); ++i) {
    EXPECT_EQ(a.files[i].path, b.files[i].path);
    EXPECT_EQ(a.files[i].text, b.files[i].text);
  }
  SyntheticOptions other = Small();
  other.seed += 1;
  EXPECT_NE(AllText(a), AllText(GenerateSyntheticPolicy(other)));
}

TEST(SyntheticPolicyTest, HasTheRequestedSizeAndShape) {
  SyntheticPolicy policy = GenerateSyntheticPolicy(Small());
  EXPECT_EQ(policy.role_names.size(), 300u);
  EXPECT_EQ(policy.actions.size(), 1000u);
  EXPECT_TRUE(std::is_sorted(policy.actions.begin(), policy.actions.end()));
  EXPECT_EQ(policy.files.size(), 4u);  // the catalog, then 3 files of 100 roles
  std::string text = AllText(policy);
  EXPECT_EQ(policy.lines, static_cast<size_t>(std::count(text.begin(), text.end(), '\n')));
  EXPECT_EQ(policy.bytes, text.size());
  // The features a realistic policy has, so the compiler's every stage is exercised.
  for (const char* feature : {"extends \"Synthetic Base", "when target.roles within synth_set_",
                              "and not target.role_assignable_group_member", "/allProperties/allTasks",
                              "/allProperties/read", "\n  except ", "groups.security/", "set roles synth_set_0"}) {
    EXPECT_NE(text.find(feature), std::string::npos) << feature;
  }
}

TEST(SyntheticPolicyTest, CompilesWithoutDiagnostics) {
  SyntheticPolicy policy = GenerateSyntheticPolicy(Small());
  CompileResult result = Compile(policy.files, SyntheticCompileOptions(policy));
  std::string diagnostics;
  for (const Diagnostic& d : result.diagnostics) diagnostics += FormatDiagnostic(d);
  EXPECT_TRUE(result.diagnostics.empty()) << diagnostics;
  ASSERT_TRUE(result.ok());
  absl::StatusOr<std::shared_ptr<const Policy>> loaded = Policy::Load(result.image);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ((*loaded)->role_count(), 300u);
  EXPECT_EQ((*loaded)->action_count(), 1000u);
  // Roles really grant something: the average custom role covers a realistic handful of actions.
  size_t covered = 0;
  for (RoleId id = 0; id < (*loaded)->role_count(); ++id) covered += (*loaded)->RoleActions(id).size();
  EXPECT_GT(covered, 300u * 3);
  EXPECT_LT(covered, 300u * 100);
}

}  // namespace
}  // namespace rolec::bench
