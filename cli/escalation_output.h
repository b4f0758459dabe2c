// cli/escalation_output.h — what `rolec escalation` and `rolec tiers` share: an edge's allowing
// rule, its one-line label, its JSON, and the graph built with errors printed.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "cli/args.h"
#include "nlohmann/json.hpp"
#include "rolec/analysis.hpp"
#include "rolec/policy.hpp"

namespace rolec::cli {

// "file:line" of the rule Explain names for the edge's witness ("" if none).
std::string EdgeRuleSource(const Policy& policy, const analysis::EscalationEdge& edge);

// "A -> B: <DescribeEdge>".
std::string EdgeLine(const Policy& policy, const analysis::EscalationEdge& edge);

// "allowed by FILE:LINE; kind: ID (SOURCE)" plus "; needs ownership" / "; protection edge".
std::string EdgeProvenance(const Policy& policy, const analysis::EscalationEdge& edge);

// The policy of --policy (and --max-errors) loaded and its escalation graph built; nullopt after
// printing the error.
struct LoadedGraph {
  std::shared_ptr<const Policy> policy;
  analysis::EscalationGraph graph;
};
std::optional<LoadedGraph> LoadGraph(const ParsedArgs& args);

nlohmann::ordered_json EdgeJson(const Policy& policy, const analysis::EscalationEdge& edge);

}  // namespace rolec::cli
