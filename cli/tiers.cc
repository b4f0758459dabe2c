// cli/tiers.cc — `rolec tiers [--policy FILE]... [--json]`: every role's tier (docs/analysis.md
// § Tiers), each tier-0 role with its shortest path to Global Administrator.
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "cli/escalation_output.h"
#include "cli/io.h"
#include "cli/json_request.h"
#include "cli/policy_loading.h"
#include "fmt/format.h"
#include "rolec/analysis.hpp"

namespace rolec::cli {
namespace {

std::string Reason(const Policy& policy, const analysis::EscalationGraph& graph,
                   const analysis::TierReport& report, const analysis::TierEntry& entry) {
  if (entry.tier == 0) {
    if (entry.role == report.global_administrator) return "is Global Administrator";
    return fmt::format("reaches Global Administrator in {} step{}", entry.path.size(),
                       entry.path.size() == 1 ? "" : "s");
  }
  if (entry.privileged_action != kNoAction) {
    return fmt::format("holds the privileged permission {}", policy.action(entry.privileged_action).name);
  }
  if (!entry.path.empty()) {
    return fmt::format("can take over another role: {}", EdgeLine(policy, graph.edges[entry.path[0]]));
  }
  return "no privileged permission and no takeover edge";
}

}  // namespace

const CommandSpec& TiersSpec() {
  static const CommandSpec kSpec = {
      "tiers",
      "Sort every role into tier 0, 1 or 2 by what its holder can reach.",
      {"rolec tiers [--policy FILE]... [--json]"},
      "Tier 0: Global Administrator and every role whose holder can reach it over takeover edges\n"
      "(rolec escalation), each with its shortest path. Tier 1: not tier 0, and holds a privileged\n"
      "permission or can take over a holder of another role. Tier 2: the rest (docs/analysis.md).\n"
      "Exit codes: 0 success, 1 error.",
      {
          PolicyOption(),
          {"json", 0, "", false, "Print the report as a JSON object (docs/cli.md)."},
          MaxErrorsOption(),
      },
      0,
      0,
      "",
  };
  return kSpec;
}

int RunTiers(const ParsedArgs& args) {
  std::optional<LoadedGraph> loaded = LoadGraph(args);
  if (!loaded) return kExitError;
  const Policy& policy = *loaded->policy;
  const analysis::EscalationGraph* graph = &loaded->graph;
  absl::StatusOr<analysis::TierReport> report = analysis::Tiers(*graph);
  if (!report.ok()) {
    PrintError(report.status());
    return kExitError;
  }
  if (args.Has("json")) {
    nlohmann::ordered_json out;
    out["counts"] = {report->count[0], report->count[1], report->count[2]};
    nlohmann::ordered_json roles = nlohmann::ordered_json::array();
    for (const analysis::TierEntry& entry : report->roles) {
      nlohmann::ordered_json role;
      role["role"] = policy.role(entry.role).name;
      role["template_id"] = policy.role(entry.role).template_id;
      role["tier"] = entry.tier;
      role["reason"] = Reason(policy, *graph, *report, entry);
      nlohmann::ordered_json path = nlohmann::ordered_json::array();
      for (uint32_t e : entry.path) path.push_back(EdgeJson(policy, graph->edges[e]));
      role["path"] = std::move(path);
      if (entry.privileged_action != kNoAction) {
        role["privileged_action"] = policy.action(entry.privileged_action).name;
      }
      nlohmann::ordered_json weakens = nlohmann::ordered_json::array();
      for (uint32_t e : entry.weakens) weakens.push_back(EdgeJson(policy, graph->edges[e]));
      role["weakens"] = std::move(weakens);
      roles.push_back(std::move(role));
    }
    out["roles"] = std::move(roles);
    std::cout << DumpJson(out, 2) << "\n";
  } else {
    std::string text = fmt::format("{} roles: tier 0 {}, tier 1 {}, tier 2 {}\n", report->roles.size(),
                                   report->count[0], report->count[1], report->count[2]);
    int tier = -1;
    for (const analysis::TierEntry& entry : report->roles) {
      if (entry.tier != tier) {
        tier = entry.tier;
        text += fmt::format("\ntier {}\n", tier);
      }
      text += fmt::format("  {}: {}\n", policy.role(entry.role).name, Reason(policy, *graph, *report, entry));
      if (entry.tier == 0) {
        for (uint32_t e : entry.path) text += fmt::format("    {}\n", EdgeLine(policy, graph->edges[e]));
      }
      for (uint32_t e : entry.weakens) {
        text += fmt::format("    also weakens: {}\n", EdgeLine(policy, graph->edges[e]));
      }
    }
    std::cout << EscapeControlChars(text);
  }
  std::cout.flush();
  return kExitOk;
}

}  // namespace rolec::cli
