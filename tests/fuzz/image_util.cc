// tests/fuzz/image_util.cc — CheckImage: any bytes as a policy image, as a hostile file would be.
//
// Every input is loaded twice: as it is (so the header, size and checksum checks are exercised)
// and with its header repaired (RepairImageHeader), so that a mutation of a valid image reaches
// the structural checks behind the checksum — the ones that stand between a forged image and the
// evaluator. When an image loads, everything a program or `rolec dis` may do with it is done:
// the read-only views, Disassemble, and a fixed battery of requests through Check and Explain.
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fmt/format.h"
#include "fuzz/fuzz_targets.h"
#include "rolec/rolec.hpp"
#include "runtime/checksum.h"
#include "runtime/image_format.h"

namespace rolec::fuzz {
namespace {

// Reads every table through the public views; returns a problem or "".
std::string ExerciseViews(const Policy& policy) {
  const uint32_t actions = policy.action_count();
  const uint32_t roles = policy.role_count();
  const uint32_t rules = policy.rule_count();
  for (uint32_t a = 0; a < actions; ++a) {
    const ActionInfo info = policy.action(a);
    if (policy.FindAction(info.name) == kNoAction) {
      return fmt::format("catalog action {} ('{}') is not found by name", a, info.name);
    }
  }
  for (RoleId r = 0; r < roles; ++r) {
    const RoleInfo info = policy.role(r);
    if (policy.FindRole(info.name) == kNoRole) {
      return fmt::format("role {} ('{}') is not found by its name", r, info.name);
    }
    for (uint32_t rule : policy.RoleRules(r)) {
      if (rule >= rules) return fmt::format("role {} lists rule {} of {}", r, rule, rules);
      if (policy.rule(rule).role != r) {
        return fmt::format("rule {} listed by role {} belongs to role {}", rule, r,
                           policy.rule(rule).role);
      }
    }
    for (ActionId a : policy.RoleActions(r)) {
      if (a >= actions) return fmt::format("role {} grants action {} of {}", r, a, actions);
    }
    for (ActionId a : policy.RoleExceptedActions(r)) {
      if (a >= actions) return fmt::format("role {} excepts action {} of {}", r, a, actions);
    }
  }
  for (uint32_t i = 0; i < rules; ++i) {
    const RuleInfo info = policy.rule(i);
    if (info.patterns.empty()) return fmt::format("rule {} has no pattern", i);
  }
  // Out-of-range ids answer empty views rather than reading past a table.
  if (!policy.action(actions).name.empty() || !policy.role(roles).name.empty() ||
      !policy.rule(rules).patterns.empty()) {
    return "a view of an out-of-range id is not empty";
  }
  (void)Disassemble(policy);
  return "";
}

// One request, decided by Check and by Explain; `must_error` when the request is wrong in itself.
std::string Decide(const Policy& policy, const Request& request, bool must_error,
                   std::string_view what) {
  const Decision fast = policy.Check(request);
  const Explanation explained = policy.Explain(request);
  if (explained.decision != fast) {
    return fmt::format("{}: Check says {} but Explain says {}", what,
                       fast == Decision::kAllow ? "allow" : "deny",
                       explained.decision == Decision::kAllow ? "allow" : "deny");
  }
  if (must_error) {
    if (fast != Decision::kDeny) return fmt::format("{}: an erroneous request was allowed", what);
    if (explained.errors.empty()) return fmt::format("{}: an erroneous request has no error", what);
  }
  if (fast == Decision::kAllow && explained.reasons.empty()) {
    return fmt::format("{}: allowed without a reason", what);
  }
  (void)policy.FormatExplanation(request, explained);
  return "";
}

// A fixed battery of requests over the image's first and last roles and actions: by id and by
// name, in and out of the catalog, tenant- and unit-scoped, with each target attribute, and the
// requests that are wrong in themselves (ids out of range, a malformed action).
std::string ExerciseRequests(const Policy& policy) {
  const uint32_t actions = policy.action_count();
  const uint32_t roles = policy.role_count();
  std::vector<RoleId> some_roles;
  for (RoleId r = 0; r < roles && r < 4; ++r) some_roles.push_back(r);
  if (roles > 4) some_roles.push_back(roles - 1);
  std::vector<ActionId> some_actions;
  for (ActionId a = 0; a < actions && a < 3; ++a) some_actions.push_back(a);
  if (actions > 3) some_actions.push_back(actions - 1);

  std::vector<std::string> names;  // by name: catalog, odd case, outside the catalog
  for (ActionId a : some_actions) {
    std::string name(policy.action(a).name);
    names.push_back(name);
    for (char& c : name) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    names.push_back(name);
    const size_t last = name.rfind('/');
    if (last != std::string::npos) names.push_back(name.substr(0, last) + "/frobnicate");
  }
  names.push_back("microsoft.directory/users/extra/property/read");

  const std::string_view admin_units[] = {"au1", "au2"};
  const std::string_view owners[] = {"alice"};
  int n = 0;
  for (RoleId role : some_roles) {
    const std::vector<RoleId> target_roles = {role, some_roles.front()};
    for (size_t shape = 0; shape < 4; ++shape) {
      const Assignment assignments[] = {{role, shape % 2 == 0 ? "" : "au1"},
                                        {some_roles.back(), ""}};
      Request request;
      request.principal_id = "alice";
      request.assignments = absl::MakeConstSpan(assignments, shape < 2 ? 1 : 2);
      request.target.kind = static_cast<TargetKind>(shape * 2 + 1);
      request.target.id = shape == 3 ? "alice" : "bob";
      request.target.roles = absl::MakeConstSpan(target_roles.data(), shape % 3);
      request.target.role_assignable_group_member = shape == 1;
      request.target.role_scoped_to_restricted_admin_unit = shape == 2;
      request.target.in_restricted_admin_unit = shape == 3;
      request.target.role_assignable = shape == 0;
      request.target.admin_units = absl::MakeConstSpan(admin_units, shape % 3);
      request.target.owners = absl::MakeConstSpan(owners, shape / 2);
      request.context.mfa = shape >= 2;
      for (ActionId a : some_actions) {
        request.action_id = a;
        request.action = {};
        std::string problem = Decide(policy, request, false, fmt::format("request {}", n++));
        if (!problem.empty()) return problem;
      }
      request.action_id = kNoAction;
      for (const std::string& name : names) {
        request.action = name;
        std::string problem = Decide(policy, request, false, fmt::format("request {}", n++));
        if (!problem.empty()) return problem;
      }
    }
  }

  // Requests that are wrong in themselves: always deny, always an error.
  const RoleId valid = roles > 0 ? 0 : kNoRole;
  const Assignment bad_role[] = {{roles, ""}};
  const Assignment good_role[] = {{valid, ""}};
  const RoleId bad_target_roles[] = {roles};
  Request request;
  request.assignments = bad_role;
  request.action_id = actions > 0 ? 0 : kNoAction;
  request.action = "microsoft.directory/users/delete";
  std::string problem = Decide(policy, request, true, "out-of-range role id");
  if (!problem.empty()) return problem;
  if (roles > 0) {
    request.assignments = good_role;
    request.target.roles = bad_target_roles;
    problem = Decide(policy, request, true, "out-of-range target role id");
    if (!problem.empty()) return problem;
    request.target.roles = {};
    request.action_id = actions;
    problem = Decide(policy, request, true, "out-of-range action id");
    if (!problem.empty()) return problem;
    request.action_id = kNoAction;
    for (std::string_view malformed : {"", "a/b", "microsoft.directory/allTasks/delete",
                                       "a/b/c/d/e/f/g/h", "microsoft.directory//delete"}) {
      request.action = malformed;
      problem = Decide(policy, request, true, fmt::format("malformed action '{}'", malformed));
      if (!problem.empty()) return problem;
    }
  }
  return "";
}

std::string CheckLoaded(std::string_view bytes, std::string_view variant) {
  absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(std::string(bytes));
  if (!policy.ok()) {
    if (policy.status().message().empty()) return std::string(variant) + ": rejected without a message";
    return "";
  }
  if ((*policy)->bytes() != bytes) return std::string(variant) + ": bytes() differs from the input";
  std::string problem = ExerciseViews(**policy);
  if (problem.empty()) problem = ExerciseRequests(**policy);
  return problem.empty() ? "" : fmt::format("{}: {}", variant, problem);
}

}  // namespace

std::string RepairImageHeader(std::string_view image) {
  std::string out(image);
  if (out.size() < sizeof(runtime::ImageHeader)) return out;
  const uint64_t size = out.size();
  std::memcpy(&out[offsetof(runtime::ImageHeader, image_bytes)], &size, sizeof size);
  const uint64_t checksum = runtime::Xxh64(out.data() + runtime::kChecksummedFrom,
                                           out.size() - runtime::kChecksummedFrom);
  std::memcpy(&out[runtime::kChecksumOffset], &checksum, sizeof checksum);
  return out;
}

std::vector<std::string> SeedImages(const std::string& source_dir) {
  std::vector<SourceFile> files;
  const std::filesystem::path decisions = std::filesystem::path(source_dir) / "tests/decisions";
  if (std::filesystem::exists(decisions)) {
    std::vector<std::filesystem::path> paths;
    for (const auto& entry : std::filesystem::directory_iterator(decisions)) {
      if (entry.path().extension() == ".role") paths.push_back(entry.path());
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths) {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      files.push_back({"tests/decisions/" + path.filename().string(), text.str()});
    }
  }
  // Generated policies: conditions of every predicate, action and role sets, extends.
  for (const char* input : {"", "\x03\x02\x01\xff\x80\x40\x20\x10\x08\x04\x02\x01\x33\x66\x99",
                            "rolec fuzz: a seed image with several roles and conditions, please",
                            "\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8"}) {
    files.push_back({"generated.role", DescribeDifferentialInput(input).source});
  }
  std::vector<std::string> images;
  CompileOptions options;
  options.with_stdlib = false;
  for (const SourceFile& file : files) {
    CompileResult result = Compile({file}, options);
    if (result.ok()) images.push_back(std::move(result.image));
  }
  return images;
}

std::string CheckImage(std::string_view input) {
  if (input.size() > kMaxFuzzInputBytes) return "";
  std::string problem = CheckLoaded(input, "as given");
  if (!problem.empty()) return problem;
  const std::string repaired = RepairImageHeader(input);
  if (repaired == input) return "";
  return CheckLoaded(repaired, "with the header repaired");
}

}  // namespace rolec::fuzz
