// The C API's compile, load, lookup and version entry points: every success and every error path.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>

#include "gtest/gtest.h"
#include "tests/capi/capi_fixture.h"

namespace rolec::capi_testing {
namespace {

std::string CompileImage(const char* text) {
  rolec_source source = {"small.role", text, ROLEC_NUL_TERMINATED};
  char* image = nullptr;
  size_t length = 0;
  EXPECT_EQ(rolec_compile(&source, 1, ROLEC_COMPILE_NO_STDLIB, &image, &length, nullptr), ROLEC_OK)
      << rolec_last_error();
  std::string bytes(image, length);
  rolec_string_free(image);
  return bytes;
}

TEST(CapiVersion, MatchesTheHeader) {
  rolec_version_info info{};
  ASSERT_EQ(rolec_version(&info), ROLEC_OK);
  EXPECT_EQ(info.major, unsigned{ROLEC_VERSION_MAJOR});
  EXPECT_EQ(info.minor, unsigned{ROLEC_VERSION_MINOR});
  EXPECT_EQ(info.patch, unsigned{ROLEC_VERSION_PATCH});
  EXPECT_EQ(info.abi, unsigned{ROLEC_ABI_VERSION});
  EXPECT_EQ(std::string(info.text), std::to_string(ROLEC_VERSION_MAJOR) + "." +
                                        std::to_string(ROLEC_VERSION_MINOR) + "." +
                                        std::to_string(ROLEC_VERSION_PATCH));
  EXPECT_EQ(rolec_version(nullptr), ROLEC_ERR_INVALID_ARGUMENT);
}

TEST(CapiStatus, EveryStatusHasAName) {
  EXPECT_STREQ(rolec_status_name(ROLEC_OK), "ok");
  EXPECT_STREQ(rolec_status_name(ROLEC_ERR_INVALID_ARGUMENT), "invalid_argument");
  EXPECT_STREQ(rolec_status_name(ROLEC_ERR_COMPILE), "compile");
  EXPECT_STREQ(rolec_status_name(ROLEC_ERR_BAD_IMAGE), "bad_image");
  EXPECT_STREQ(rolec_status_name(ROLEC_ERR_IO), "io");
  EXPECT_STREQ(rolec_status_name(ROLEC_ERR_NOT_FOUND), "not_found");
  EXPECT_STREQ(rolec_status_name(ROLEC_ERR_OUT_OF_RANGE), "out_of_range");
  EXPECT_STREQ(rolec_status_name(ROLEC_ERR_OUT_OF_MEMORY), "out_of_memory");
  EXPECT_STREQ(rolec_status_name(ROLEC_ERR_INTERNAL), "internal");
  EXPECT_STREQ(rolec_status_name(static_cast<rolec_status>(99)), "unknown");
}

TEST(CapiStatus, LastErrorIsPerThreadAndKeptOnSuccess) {
  EXPECT_EQ(rolec_version(nullptr), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(rolec_last_error(), "out is NULL");
  rolec_version_info info{};
  ASSERT_EQ(rolec_version(&info), ROLEC_OK);
  EXPECT_STREQ(rolec_last_error(), "out is NULL");  // a success leaves it, as errno
  std::string other;
  std::thread([&] { other = rolec_last_error(); }).join();
  EXPECT_EQ(other, "");
}

TEST(CapiCompile, CompilesToAnImageWithoutDiagnostics) {
  rolec_source source = {"small.role", kSmallPolicy, ROLEC_NUL_TERMINATED};
  char* image = nullptr;
  size_t length = 0;
  char* diagnostics = nullptr;
  ASSERT_EQ(rolec_compile(&source, 1, ROLEC_COMPILE_NO_STDLIB, &image, &length, &diagnostics),
            ROLEC_OK)
      << rolec_last_error();
  EXPECT_NE(image, nullptr);
  EXPECT_GT(length, 64u);
  ASSERT_NE(diagnostics, nullptr);
  EXPECT_STREQ(diagnostics, "");
  rolec_policy* policy = nullptr;
  EXPECT_EQ(rolec_policy_load(image, length, &policy), ROLEC_OK) << rolec_last_error();
  rolec_policy_free(policy);
  rolec_string_free(image);
  rolec_string_free(diagnostics);
}

TEST(CapiCompile, AnExplicitLengthNeedNotEndInNul) {
  std::string text = std::string(kSmallPolicy) + "role \"Cut\" {";  // the tail is not compiled
  rolec_source source = {"small.role", text.data(), std::strlen(kSmallPolicy)};
  rolec_policy* policy = nullptr;
  ASSERT_EQ(rolec_policy_compile(&source, 1, ROLEC_COMPILE_NO_STDLIB, &policy, nullptr), ROLEC_OK)
      << rolec_last_error();
  rolec_role_id id;
  EXPECT_EQ(rolec_policy_find_role(policy, "Cut", ROLEC_NUL_TERMINATED, &id), ROLEC_ERR_NOT_FOUND);
  rolec_policy_free(policy);
}

TEST(CapiCompile, ErrorsComeBackAsDiagnosticsText) {
  const char* text = "role \"R\" { allow microsoft.directory/users/pasword/update }\n";
  rolec_source source = {"bad.role", text, ROLEC_NUL_TERMINATED};
  char* image = reinterpret_cast<char*>(1);
  size_t length = 7;
  char* diagnostics = nullptr;
  EXPECT_EQ(rolec_compile(&source, 1, 0, &image, &length, &diagnostics), ROLEC_ERR_COMPILE);
  EXPECT_EQ(image, nullptr);
  EXPECT_EQ(length, 0u);
  ASSERT_NE(diagnostics, nullptr);
  EXPECT_NE(std::strstr(diagnostics, "bad.role:1:"), nullptr) << diagnostics;
  EXPECT_NE(std::strstr(diagnostics, "error[E"), nullptr) << diagnostics;
  EXPECT_NE(std::strstr(rolec_last_error(), "1 error in the sources; the first: bad.role:1:"),
            nullptr)
      << rolec_last_error();
  rolec_string_free(diagnostics);

  rolec_policy* policy = reinterpret_cast<rolec_policy*>(1);
  EXPECT_EQ(rolec_policy_compile(&source, 1, 0, &policy, nullptr), ROLEC_ERR_COMPILE);
  EXPECT_EQ(policy, nullptr);
}

TEST(CapiCompile, BadArgumentsAreErrors) {
  char* image = nullptr;
  size_t length = 0;
  rolec_source good = {"a.role", kSmallPolicy, ROLEC_NUL_TERMINATED};
  EXPECT_EQ(rolec_compile(nullptr, 1, 0, &image, &length, nullptr), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_compile(&good, 0, 0, &image, &length, nullptr), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(rolec_last_error(), "no sources to compile");
  EXPECT_EQ(rolec_compile(&good, 1, 0, nullptr, &length, nullptr), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_compile(&good, 1, 0, &image, nullptr, nullptr), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_compile(&good, 1, 0x10, &image, &length, nullptr), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(rolec_last_error(), "unknown compile flags 0x10");
  rolec_source no_path = {nullptr, kSmallPolicy, ROLEC_NUL_TERMINATED};
  EXPECT_EQ(rolec_compile(&no_path, 1, 0, &image, &length, nullptr), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(rolec_last_error(), "sources[0].path is NULL");
  rolec_source no_text[] = {good, {"b.role", nullptr, 5}};
  EXPECT_EQ(rolec_compile(no_text, 2, 0, &image, &length, nullptr), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(rolec_last_error(), "sources[1].text is NULL with length 5");
  rolec_source absurd = {"c.role", kSmallPolicy, ~size_t{0} - 1};
  EXPECT_EQ(rolec_compile(&absurd, 1, 0, &image, &length, nullptr), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(image, nullptr);
  EXPECT_EQ(rolec_policy_compile(&good, 1, 0, nullptr, nullptr), ROLEC_ERR_INVALID_ARGUMENT);
}

TEST(CapiLoad, CorruptTruncatedAndEmptyImagesAreRejected) {
  const std::string image = CompileImage(kSmallPolicy);
  ASSERT_FALSE(image.empty());
  rolec_policy* policy = reinterpret_cast<rolec_policy*>(1);

  std::string corrupt = image;
  corrupt[corrupt.size() / 2] ^= 0x5A;
  EXPECT_EQ(rolec_policy_load(corrupt.data(), corrupt.size(), &policy), ROLEC_ERR_BAD_IMAGE);
  EXPECT_EQ(policy, nullptr);
  EXPECT_STRNE(rolec_last_error(), "");

  for (size_t cut : {size_t{0}, size_t{1}, size_t{8}, image.size() / 2, image.size() - 1}) {
    EXPECT_EQ(rolec_policy_load(image.data(), cut, &policy), ROLEC_ERR_BAD_IMAGE) << cut;
    EXPECT_EQ(policy, nullptr);
  }
  EXPECT_EQ(rolec_policy_load(nullptr, 0, &policy), ROLEC_ERR_BAD_IMAGE);
  EXPECT_EQ(rolec_policy_load(nullptr, 10, &policy), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_policy_load(image.data(), ROLEC_NUL_TERMINATED, &policy),
            ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_policy_load(image.data(), image.size(), nullptr), ROLEC_ERR_INVALID_ARGUMENT);
  ASSERT_EQ(rolec_policy_load(image.data(), image.size(), &policy), ROLEC_OK);
  rolec_policy_free(policy);
  rolec_policy_free(nullptr);
}

TEST(CapiLoad, FromAFile) {
  const std::string image = CompileImage(kSmallPolicy);
  const std::string path = ::testing::TempDir() + "capi_small.rolec";
  std::ofstream(path, std::ios::binary) << image;
  rolec_policy* policy = nullptr;
  ASSERT_EQ(rolec_policy_load_file(path.c_str(), &policy), ROLEC_OK) << rolec_last_error();
  uint32_t actions = 0, roles = 0, rules = 0;
  ASSERT_EQ(rolec_policy_counts(policy, &actions, &roles, &rules), ROLEC_OK);
  EXPECT_EQ(actions, 3u);
  EXPECT_EQ(roles, 4u);
  EXPECT_EQ(rules, 4u);
  EXPECT_EQ(rolec_policy_counts(policy, nullptr, nullptr, nullptr), ROLEC_OK);
  EXPECT_EQ(rolec_policy_counts(nullptr, &actions, &roles, &rules), ROLEC_ERR_INVALID_ARGUMENT);
  rolec_policy_free(policy);

  const std::string missing = ::testing::TempDir() + "capi_no_such_file.rolec";
  EXPECT_EQ(rolec_policy_load_file(missing.c_str(), &policy), ROLEC_ERR_IO);
  EXPECT_EQ(policy, nullptr);
  EXPECT_NE(std::strstr(rolec_last_error(), "cannot open policy image"), nullptr);

  const std::string garbage = ::testing::TempDir() + "capi_garbage.rolec";
  std::ofstream(garbage, std::ios::binary) << image.substr(0, image.size() / 3);
  EXPECT_EQ(rolec_policy_load_file(garbage.c_str(), &policy), ROLEC_ERR_BAD_IMAGE);
  EXPECT_NE(std::strstr(rolec_last_error(), garbage.c_str()), nullptr) << rolec_last_error();

  EXPECT_EQ(rolec_policy_load_file(nullptr, &policy), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_policy_load_file(path.c_str(), nullptr), ROLEC_ERR_INVALID_ARGUMENT);
  std::remove(path.c_str());
  std::remove(garbage.c_str());
}

TEST(CapiLookup, ActionsAndRolesByName) {
  PolicyPtr policy = CompileOrDie(kSmallPolicy);
  rolec_action_id action = 0;
  ASSERT_EQ(rolec_policy_find_action(policy.get(), "MICROSOFT.DIRECTORY/users/standard/read",
                                     ROLEC_NUL_TERMINATED, &action),
            ROLEC_OK);
  EXPECT_LT(action, 3u);
  EXPECT_EQ(rolec_policy_find_action(policy.get(), "microsoft.directory/users/nope/read",
                                     ROLEC_NUL_TERMINATED, &action),
            ROLEC_ERR_NOT_FOUND);
  EXPECT_EQ(action, ROLEC_NO_ACTION);
  EXPECT_STREQ(rolec_last_error(), "unknown action 'microsoft.directory/users/nope/read'");

  rolec_role_id role = 0;
  ASSERT_EQ(rolec_policy_find_role(policy.get(), "helpdesk", 8, &role), ROLEC_OK);
  EXPECT_LT(role, 4u);
  EXPECT_EQ(rolec_policy_find_role(policy.get(), "Helpdesk2", 8, &role), ROLEC_OK);  // length 8
  EXPECT_EQ(rolec_policy_find_role(policy.get(), "Nobody", ROLEC_NUL_TERMINATED, &role),
            ROLEC_ERR_NOT_FOUND);
  EXPECT_EQ(role, ROLEC_NO_ROLE);

  EXPECT_EQ(rolec_policy_find_role(nullptr, "Reader", ROLEC_NUL_TERMINATED, &role),
            ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_policy_find_role(policy.get(), nullptr, 3, &role), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_policy_find_role(policy.get(), "Reader", ROLEC_NUL_TERMINATED, nullptr),
            ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_policy_find_action(nullptr, "a", 1, &action), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_policy_find_action(policy.get(), nullptr, ROLEC_NUL_TERMINATED, &action),
            ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_policy_find_action(policy.get(), "a", 1, nullptr), ROLEC_ERR_INVALID_ARGUMENT);
}

TEST(CapiLookup, TheStandardLibraryIsInByDefault) {
  PolicyPtr policy = CompileOrDie("import entra\n", 0);
  ASSERT_NE(policy, nullptr);
  EXPECT_NE(Role(policy.get(), "Helpdesk Administrator"), ROLEC_NO_ROLE);
  EXPECT_NE(Action(policy.get(), "microsoft.directory/users/password/update"), ROLEC_NO_ACTION);
}

std::string Text(rolec_string_view view) { return std::string(view.data, view.length); }

// Ids back to names: every id of the table round-trips through its name.
TEST(CapiLookup, IdsBackToNames) {
  PolicyPtr policy = CompileOrDie("import entra\n", 0);
  ASSERT_NE(policy, nullptr);
  uint32_t actions = 0, roles = 0;
  ASSERT_EQ(rolec_policy_counts(policy.get(), &actions, &roles, nullptr), ROLEC_OK);
  for (rolec_role_id id = 0; id < roles; ++id) {
    rolec_string_view name{}, template_id{};
    ASSERT_EQ(rolec_policy_role_name(policy.get(), id, &name, &template_id), ROLEC_OK);
    EXPECT_EQ(Role(policy.get(), Text(name).c_str()), id) << Text(name);
    if (template_id.length > 0) EXPECT_EQ(Role(policy.get(), Text(template_id).c_str()), id);
  }
  for (rolec_action_id id = 0; id < actions; ++id) {
    rolec_string_view name{};
    ASSERT_EQ(rolec_policy_action_name(policy.get(), id, &name), ROLEC_OK);
    EXPECT_EQ(Action(policy.get(), Text(name).c_str()), id) << Text(name);
  }
  const rolec_role_id ga = Role(policy.get(), "Global Administrator");
  rolec_string_view name{}, template_id{};
  ASSERT_EQ(rolec_policy_role_name(policy.get(), ga, &name, &template_id), ROLEC_OK);
  EXPECT_EQ(Text(name), "Global Administrator");
  EXPECT_EQ(Text(template_id), "62e90394-69f5-4237-9190-012177145e10");
  EXPECT_EQ(rolec_policy_role_name(policy.get(), ga, nullptr, nullptr), ROLEC_OK);

  EXPECT_EQ(rolec_policy_role_name(policy.get(), roles, &name, &template_id), ROLEC_ERR_OUT_OF_RANGE);
  EXPECT_EQ(name.length, 0u);
  EXPECT_EQ(template_id.length, 0u);
  EXPECT_NE(std::strstr(rolec_last_error(), "not in the policy"), nullptr);
  EXPECT_EQ(rolec_policy_action_name(policy.get(), ROLEC_NO_ACTION, &name), ROLEC_ERR_OUT_OF_RANGE);
  EXPECT_EQ(name.length, 0u);
  EXPECT_EQ(rolec_policy_action_name(policy.get(), 0, nullptr), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_policy_action_name(nullptr, 0, &name), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_policy_role_name(nullptr, 0, &name, nullptr), ROLEC_ERR_INVALID_ARGUMENT);
}

}  // namespace
}  // namespace rolec::capi_testing
