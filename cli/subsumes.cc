// cli/subsumes.cc — `rolec subsumes A B`: does A allow every request B allows? yes, or no with a
// witness request (docs/analysis.md).
#include <iostream>
#include <string>

#include "cli/analysis_output.h"
#include "cli/commands.h"
#include "cli/io.h"
#include "cli/json_request.h"
#include "cli/policy_loading.h"
#include "fmt/format.h"
#include "rolec/analysis.hpp"

namespace rolec::cli {

const CommandSpec& SubsumesSpec() {
  static const CommandSpec kSpec = [] {
    CommandSpec spec = {
        "subsumes",
        "Say whether role A allows everything role B allows; if not, show a request that proves it.",
        {"rolec subsumes [--policy FILE]... [--policy-a FILE]... [--policy-b FILE]... A B [--json]"},
        "A and B are roles by display name or template id. Answers 'yes' if, for every catalog\n"
        "action B's allow rules cover and every case of the request domain (docs/analysis.md),\n"
        "what B assigned at a scope allows, A allows assigned at that scope or tenant-wide;\n"
        "otherwise 'no' with a witness: the action and a request that B allows and A denies,\n"
        "written as the 'rolec eval' commands that show it.\n"
        "Exit codes: 0 yes, 2 no, 1 error.",
        ComparisonPolicyOptions(),
        2,
        2,
        "ROLE",
    };
    spec.options.push_back({"json", 0, "", false, "Print the answer as a JSON object (docs/cli.md)."});
    spec.options.push_back(MaxErrorsOption());
    return spec;
  }();
  return kSpec;
}

int RunSubsumes(const ParsedArgs& args) {
  absl::StatusOr<RolePair> pair = LoadRolePair(args);
  if (!pair.ok()) return kExitError;
  absl::StatusOr<analysis::SubsumesResult> result = analysis::Subsumes(pair->a, pair->b);
  if (!result.ok()) {
    PrintError(result.status());
    return kExitError;
  }
  const std::string name_a(pair->policy_a->role(pair->a.role).name);
  const std::string name_b(pair->policy_b->role(pair->b.role).name);
  std::string eval_b;
  std::vector<std::string> eval_a;
  if (!result->subsumes) {
    eval_b = EvalCommand(result->witness, pair->files_b);
    for (const OwnedRequest& denied : result->denied_as_a) {
      eval_a.push_back(EvalCommand(denied, pair->files_a));
    }
  }
  if (args.Has("json")) {
    nlohmann::ordered_json out;
    out["a"] = name_a;
    out["b"] = name_b;
    out["subsumes"] = result->subsumes;
    out["actions"] = result->actions;
    if (!result->subsumes) {
      nlohmann::ordered_json witness;
      witness["action"] = result->action;
      witness["scope"] = result->witness.assignments[0].scope;
      witness["request"] = RequestJson(result->witness);
      witness["b_allows"] = eval_b;
      witness["a_denies"] = eval_a;  // A at B's scope (if assignable there) and at tenant scope
      out["witness"] = std::move(witness);
    }
    std::cout << DumpJson(out, 2) << "\n";
  } else if (result->subsumes) {
    std::cout << EscapeControlChars(fmt::format(
        "yes: '{}' allows everything '{}' allows ({} actions, every case)\n", name_a, name_b,
        result->actions));
  } else {
    std::string text = fmt::format("no: '{}' allows {} where '{}' does not, e.g.\n  {}   # allow\n",
                                   name_b, result->action, name_a, eval_b);
    for (const std::string& command : eval_a) text += fmt::format("  {}   # deny\n", command);
    std::cout << EscapeControlChars(text);
  }
  std::cout.flush();
  return result->subsumes ? kExitOk : kExitDeny;
}

}  // namespace rolec::cli
