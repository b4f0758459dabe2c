// cli/analysis_output.h — what `who-can`, `diff` and `subsumes` share: printing case sets, their
// JSON, rule references, the unknown-action message, and loading the two sides of a comparison.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/args.h"
#include "nlohmann/json.hpp"
#include "rolec/analysis.hpp"
#include "rolec/policy.hpp"

namespace rolec::cli {

// Runs of whitespace (a condition written over several lines) as one space.
std::string OneLine(std::string_view text);

// "file:line".
std::string RuleSource(const Policy& policy, uint32_t rule);
// "allow at file:line when COND" / "except at file:line" (unconditional).
std::string RuleSummary(const Policy& policy, uint32_t rule);

// "<indent>at tenant scope: ...\n<indent>at unit scope:   ...\n"; a unit half only when the
// roles concerned may be assigned at a unit. With skip_never, a half that is "never" is left out
// (unless both are).
void PrintScopedCases(std::ostream& out, const analysis::ScopedCases& cases, std::string_view indent,
                      bool skip_never = false);
nlohmann::ordered_json ScopedCasesJson(const analysis::ScopedCases& cases);

// "unknown action 'X': not in the catalog (did you mean 'Y'?)".
std::string UnknownActionMessage(const Policy& policy, std::string_view action);

// The --policy, --policy-a and --policy-b options of diff and subsumes.
std::vector<OptionSpec> ComparisonPolicyOptions();

// The two roles of `rolec diff A B` / `rolec subsumes A B`, each resolved in its own policy:
// --policy files plus --policy-a (for A) or --policy-b (for B); one policy when neither is given.
struct RolePair {
  std::shared_ptr<const Policy> policy_a, policy_b;
  analysis::RoleRef a, b;
  std::vector<std::string> files_a, files_b;  // the --policy files of each side
};
// Errors (already printed): a policy that does not load, an unknown role.
absl::StatusOr<RolePair> LoadRolePair(const ParsedArgs& args);

// `request` in the JSON request format of `rolec eval --requests` (docs/cli.md).
nlohmann::ordered_json RequestJson(const OwnedRequest& request);

// The `rolec eval` command that asks `request` (its one assignment) with `files` as --policy.
std::string EvalCommand(const OwnedRequest& request, const std::vector<std::string>& files);

}  // namespace rolec::cli
