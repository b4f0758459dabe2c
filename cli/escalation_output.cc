// cli/escalation_output.cc — edge labels, provenance and JSON for `rolec escalation`/`tiers`.
#include "cli/escalation_output.h"

#include "cli/analysis_output.h"
#include "cli/io.h"
#include "cli/policy_loading.h"
#include "fmt/format.h"

namespace rolec::cli {

std::string EdgeRuleSource(const Policy& policy, const analysis::EscalationEdge& edge) {
  absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(policy, edge.witness);
  if (!bound.ok()) return "";
  const Explanation explanation = policy.Explain(bound->request());
  // A keyword query (roleAssignments/allProperties/allTasks) is allowed by every rule that allows
  // one of the actions it denotes: each is named once.
  std::string sources;
  for (const AllowReason& reason : explanation.reasons) {
    const std::string source = RuleSource(policy, reason.rule);
    if (sources.find(source) != std::string::npos) continue;
    sources += (sources.empty() ? "" : ", ") + source;
  }
  return sources;
}

std::string EdgeLine(const Policy& policy, const analysis::EscalationEdge& edge) {
  return fmt::format("{} -> {}: {}", policy.role(edge.from).name, policy.role(edge.to).name,
                     analysis::DescribeEdge(policy, edge));
}

std::string EdgeProvenance(const Policy& policy, const analysis::EscalationEdge& edge) {
  const analysis::EdgeKindInfo& kind = analysis::EdgeKindOf(edge.kind);
  std::string text = fmt::format("allowed by {}; kind {} ({})", EdgeRuleSource(policy, edge), kind.id,
                                 kind.source);
  if (!kind.takeover) text += "; protection edge, not counted for paths";
  if (edge.needs_ownership) text += "; needs ownership of the object, not counted for paths";
  return text;
}

std::optional<LoadedGraph> LoadGraph(const ParsedArgs& args) {
  std::shared_ptr<const Policy> policy = LoadPolicyFromArgs(args);
  if (!policy) return std::nullopt;
  absl::StatusOr<analysis::EscalationGraph> graph = analysis::BuildEscalationGraph(*policy);
  if (!graph.ok()) {
    PrintError(graph.status());
    return std::nullopt;
  }
  return LoadedGraph{std::move(policy), *std::move(graph)};
}

nlohmann::ordered_json EdgeJson(const Policy& policy, const analysis::EscalationEdge& edge) {
  const analysis::EdgeKindInfo& kind = analysis::EdgeKindOf(edge.kind);
  nlohmann::ordered_json json;
  json["from"] = policy.role(edge.from).name;
  json["to"] = policy.role(edge.to).name;
  json["kind"] = kind.id;
  json["action"] = edge.action;
  json["condition"] = analysis::FormatCaseSet(edge.condition);
  json["label"] = analysis::DescribeEdge(policy, edge);
  json["takeover"] = kind.takeover;
  json["needs_ownership"] = edge.needs_ownership;
  json["standing"] = analysis::Standing(edge);
  json["rule"] = EdgeRuleSource(policy, edge);
  json["source"] = kind.source;
  json["witness"] = RequestJson(edge.witness);
  return json;
}

}  // namespace rolec::cli
