// cli/diff.cc — `rolec diff A B`: the actions only A allows, only B allows, and those both allow
// in different cases, exact over the catalog and the request domain (docs/analysis.md).
#include <iostream>
#include <sstream>
#include <string>

#include "cli/analysis_output.h"
#include "cli/commands.h"
#include "cli/io.h"
#include "cli/json_request.h"
#include "cli/policy_loading.h"
#include "fmt/format.h"
#include "rolec/analysis.hpp"

namespace rolec::cli {
namespace {

using analysis::ActionDiff;

const char* KindName(ActionDiff::Kind kind) {
  switch (kind) {
    case ActionDiff::Kind::kOnlyA: return "only_a";
    case ActionDiff::Kind::kOnlyB: return "only_b";
    case ActionDiff::Kind::kDifferent: return "different";
  }
  return "";
}

}  // namespace

const CommandSpec& DiffSpec() {
  static const CommandSpec kSpec = [] {
    CommandSpec spec = {
        "diff",
        "Compare what two roles allow: actions only one allows, and cases where they differ.",
        {"rolec diff [--policy FILE]... [--policy-a FILE]... [--policy-b FILE]... A B [--json]"},
        "A and B are roles by display name or template id. For every catalog action either\n"
        "role's allow rules cover, compares the cases of the request domain (docs/analysis.md)\n"
        "in which each allows it, and prints the actions only A allows, only B allows, and those\n"
        "both allow in different cases (with the cases). --policy-a/--policy-b load A and B from\n"
        "different files, e.g. two versions of one role: 'rolec diff --policy-a old.role\n"
        "--policy-b new.role \"Contoso Helpdesk\" \"Contoso Helpdesk\"'.\n"
        "Exit codes: 0 no difference, 2 some difference, 1 error.",
        ComparisonPolicyOptions(),
        2,
        2,
        "ROLE",
    };
    spec.options.push_back({"json", 0, "", false, "Print the difference as a JSON object (docs/cli.md)."});
    spec.options.push_back(MaxErrorsOption());
    return spec;
  }();
  return kSpec;
}

int RunDiff(const ParsedArgs& args) {
  absl::StatusOr<RolePair> pair = LoadRolePair(args);
  if (!pair.ok()) return kExitError;
  absl::StatusOr<analysis::DiffResult> result = analysis::Diff(pair->a, pair->b);
  if (!result.ok()) {
    PrintError(result.status());
    return kExitError;
  }
  const std::string_view name_a = pair->policy_a->role(pair->a.role).name;
  const std::string_view name_b = pair->policy_b->role(pair->b.role).name;
  size_t counts[3] = {0, 0, 0};
  for (const ActionDiff& diff : result->diffs) ++counts[static_cast<int>(diff.kind)];
  if (args.Has("json")) {
    nlohmann::ordered_json out;
    out["a"] = name_a;
    out["b"] = name_b;
    out["compared"] = result->compared;
    out["same"] = result->same;
    nlohmann::ordered_json diffs = nlohmann::ordered_json::array();
    for (const ActionDiff& diff : result->diffs) {
      nlohmann::ordered_json d;
      d["action"] = diff.action;
      d["kind"] = KindName(diff.kind);
      d["a_not_b"] = ScopedCasesJson(diff.a_not_b);
      d["b_not_a"] = ScopedCasesJson(diff.b_not_a);
      diffs.push_back(std::move(d));
    }
    out["diffs"] = std::move(diffs);
    std::cout << DumpJson(out, 2) << "\n";
  } else {
    std::ostringstream text;
    text << "A: " << name_a << "\nB: " << name_b << "\n";
    text << fmt::format(
        "{} actions compared: {} allowed alike, {} only by A, {} only by B, {} by both in "
        "different cases\n",
        result->compared, result->same, counts[0], counts[1], counts[2]);
    const char* titles[] = {"only A allows", "only B allows", "both allow, in different cases"};
    for (int kind = 0; kind < 3; ++kind) {
      if (counts[kind] == 0) continue;
      text << fmt::format("\n{} ({}):\n", titles[kind], counts[kind]);
      for (const ActionDiff& diff : result->diffs) {
        if (static_cast<int>(diff.kind) != kind) continue;
        text << "  " << diff.action << "\n";
        if (diff.kind == ActionDiff::Kind::kOnlyA) {
          PrintScopedCases(text, diff.a_not_b, "    ", true);
        } else if (diff.kind == ActionDiff::Kind::kOnlyB) {
          PrintScopedCases(text, diff.b_not_a, "    ", true);
        } else {
          if (diff.a_not_b.tenant.count + diff.a_not_b.unit.count > 0) {
            text << "    A allows, B does not:\n";
            PrintScopedCases(text, diff.a_not_b, "      ", true);
          }
          if (diff.b_not_a.tenant.count + diff.b_not_a.unit.count > 0) {
            text << "    B allows, A does not:\n";
            PrintScopedCases(text, diff.b_not_a, "      ", true);
          }
        }
      }
    }
    std::cout << EscapeControlChars(text.str());
  }
  std::cout.flush();
  return result->diffs.empty() ? kExitOk : kExitDeny;
}

}  // namespace rolec::cli
