// rolec_explain: the JSON it returns parses, says what Policy::Explain says, and has the shape
// `rolec eval --json` prints (compared with the CLI's own output on the same question).
#include <cstdio>
#include <cstring>
#include <string>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/capi/capi_fixture.h"

namespace rolec::capi_testing {
namespace {

nlohmann::json Explain(const rolec_policy* policy, const rolec_request& request) {
  char* json = nullptr;
  EXPECT_EQ(rolec_explain(policy, &request, &json), ROLEC_OK) << rolec_last_error();
  if (json == nullptr) return nullptr;
  StringPtr owned(json);
  return nlohmann::json::parse(json);
}

TEST(CapiExplain, AnAllowNamesItsRule) {
  PolicyPtr policy = CompileOrDie(kSmallPolicy);
  PrincipalPtr helpdesk = Prepare(policy.get(), "Helpdesk");
  rolec_request request = {helpdesk.get(), ROLEC_NO_ACTION,
                           View("microsoft.directory/users/password/update"), nullptr, nullptr};
  nlohmann::json out = Explain(policy.get(), request);
  EXPECT_EQ(out["decision"], "allow");
  ASSERT_EQ(out["reasons"].size(), 1u);
  EXPECT_EQ(out["reasons"][0]["assignment"], 0);
  EXPECT_EQ(out["reasons"][0]["role"], "Helpdesk");
  EXPECT_EQ(out["reasons"][0]["scope"], "/");
  EXPECT_EQ(out["reasons"][0]["rule"],
            "allow microsoft.directory/users/password/update when target.roles within [\"Reader\"]");
  EXPECT_EQ(out["reasons"][0]["source"], "small.role:6:3");
  EXPECT_EQ(out["denials"], nlohmann::json::array());
  EXPECT_EQ(out["errors"], nlohmann::json::array());
  EXPECT_EQ(out["notes"], nlohmann::json::array());
}

TEST(CapiExplain, ADenialSaysWhyAndABadRequestHasErrors) {
  PolicyPtr policy = CompileOrDie(kSmallPolicy);
  PrincipalPtr helpdesk = Prepare(policy.get(), "Helpdesk", "au-1");
  const rolec_string_view names[] = {View("Helpdesk")};
  const rolec_string_view units[] = {View("au-1")};
  rolec_target target = {};
  target.kind = ROLEC_TARGET_USER;
  target.role_names = names;
  target.role_name_count = 1;
  target.admin_units = units;
  target.admin_unit_count = 1;
  rolec_request request = {helpdesk.get(),
                           Action(policy.get(), "microsoft.directory/users/password/update"),
                           {nullptr, 0}, &target, nullptr};
  nlohmann::json out = Explain(policy.get(), request);
  EXPECT_EQ(out["decision"], "deny");
  EXPECT_EQ(out["reasons"], nlohmann::json::array());
  ASSERT_EQ(out["denials"].size(), 1u) << out.dump();
  EXPECT_EQ(out["denials"][0]["kind"], "condition_failed");
  EXPECT_EQ(out["denials"][0]["role"], "Helpdesk");
  EXPECT_EQ(out["denials"][0]["scope"], "/administrativeUnits/au-1");
  EXPECT_NE(out["denials"][0]["message"].get<std::string>().find("condition failed"),
            std::string::npos)
      << out.dump();

  request.action_id = 77;  // out of range
  out = Explain(policy.get(), request);
  EXPECT_EQ(out["decision"], "deny");
  ASSERT_FALSE(out["errors"].empty()) << out.dump();

  request.action_id = ROLEC_NO_ACTION;
  request.action = View("not-an-action");
  out = Explain(policy.get(), request);
  EXPECT_EQ(out["decision"], "deny");
  EXPECT_FALSE(out["errors"].empty()) << out.dump();
}

TEST(CapiExplain, BadArgumentsAreErrors) {
  PolicyPtr policy = CompileOrDie(kSmallPolicy);
  PrincipalPtr reader = Prepare(policy.get(), "Reader");
  rolec_request request = {reader.get(), ROLEC_NO_ACTION, View("x/y/z"), nullptr, nullptr};
  char* json = reinterpret_cast<char*>(1);
  EXPECT_EQ(rolec_explain(nullptr, &request, &json), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(json, nullptr);
  EXPECT_EQ(rolec_explain(policy.get(), nullptr, &json), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_explain(policy.get(), &request, nullptr), ROLEC_ERR_INVALID_ARGUMENT);
  request.action = {nullptr, 4};
  EXPECT_EQ(rolec_explain(policy.get(), &request, &json), ROLEC_ERR_INVALID_ARGUMENT);
  request.action = View("x/y/z");
  request.principal = nullptr;
  EXPECT_EQ(rolec_explain(policy.get(), &request, &json), ROLEC_ERR_INVALID_ARGUMENT);
  const rolec_string_view unknown = View("Nobody");
  rolec_target target = {};
  target.role_names = &unknown;
  target.role_name_count = 1;
  request.principal = reader.get();
  request.target = &target;
  EXPECT_EQ(rolec_explain(policy.get(), &request, &json), ROLEC_ERR_NOT_FOUND);
  EXPECT_EQ(json, nullptr);
  rolec_string_free(nullptr);
}

#ifdef ROLEC_BINARY
std::string RunCommand(const std::string& command) {
  std::string output;
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return output;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  ::pclose(pipe);
  return output;
}

// The README's question, through the CLI and through the C API: the same JSON.
TEST(CapiExplain, SameJsonAsRolecEval) {
  PolicyPtr policy = CompileOrDie("import entra\n", 0);
  ASSERT_NE(policy, nullptr);
  for (const char* target_role : {"Global Administrator", "Directory Readers"}) {
    PrincipalPtr helpdesk = Prepare(policy.get(), "Helpdesk Administrator");
    const rolec_string_view names[] = {View(target_role)};
    rolec_target target = {};
    target.kind = ROLEC_TARGET_USER;
    target.role_names = names;
    target.role_name_count = 1;
    rolec_request request = {helpdesk.get(), ROLEC_NO_ACTION,
                             View("microsoft.directory/users/password/update"), &target, nullptr};
    nlohmann::json ours = Explain(policy.get(), request);
    const std::string cli = RunCommand(std::string(ROLEC_BINARY) +
                                " eval --as 'Helpdesk Administrator' --target-role '" +
                                target_role + "' microsoft.directory/users/password/update --json");
    ASSERT_FALSE(cli.empty()) << target_role;
    EXPECT_EQ(ours, nlohmann::json::parse(cli)) << target_role;
  }
}
#endif

}  // namespace
}  // namespace rolec::capi_testing
