// cli/escalation.cc — `rolec escalation [--from ROLE] [--to ROLE] [--policy FILE]...
// [--format text|json|dot|mermaid]`: the escalation graph (docs/analysis.md § Escalation): the
// edges out of a role, the shortest paths into one, or the path between two.
#include <algorithm>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "cli/commands.h"
#include "cli/escalation_output.h"
#include "cli/io.h"
#include "cli/json_request.h"
#include "cli/policy_loading.h"
#include "fmt/format.h"
#include "rolec/analysis.hpp"

namespace rolec::cli {
namespace {

using analysis::EscalationEdge;
using analysis::EscalationGraph;

// What one invocation shows: the edges listed, and the paths (each a list of edge indices).
struct View {
  std::optional<RoleId> from, to;
  std::vector<uint32_t> edges;
  std::vector<std::vector<uint32_t>> paths;
};

View Select(const EscalationGraph& graph, std::optional<RoleId> from, std::optional<RoleId> to) {
  View view{from, to, {}, {}};
  if (to) {
    const analysis::PathsTo paths = analysis::ShortestPathsTo(graph, *to);
    if (from) {
      if (std::vector<uint32_t> path = paths.Path(*from, graph); !path.empty()) {
        view.paths.push_back(path);
        view.edges = path;
      }
      return view;
    }
    std::vector<RoleId> reaching;
    for (RoleId role = 0; role < graph.out.size(); ++role) {
      if (paths.distance[role] > 0) reaching.push_back(role);
    }
    const Policy& policy = *graph.policy;
    std::stable_sort(reaching.begin(), reaching.end(), [&](RoleId x, RoleId y) {
      if (paths.distance[x] != paths.distance[y]) return paths.distance[x] < paths.distance[y];
      return policy.role(x).name < policy.role(y).name;
    });
    for (RoleId role : reaching) view.paths.push_back(paths.Path(role, graph));
    for (uint32_t e = 0; e < graph.edges.size(); ++e) {
      if (graph.edges[e].to == *to) view.edges.push_back(e);
    }
    return view;
  }
  if (from) {
    view.edges = graph.out[*from];
    return view;
  }
  for (uint32_t e = 0; e < graph.edges.size(); ++e) view.edges.push_back(e);
  return view;
}

void PrintPath(const Policy& policy, const EscalationGraph& graph, const std::vector<uint32_t>& path,
               std::string* text) {
  const EscalationEdge& first = graph.edges[path.front()];
  *text += fmt::format("\n{} -> {} ({} step{})\n", policy.role(first.from).name,
                       policy.role(graph.edges[path.back()].to).name, path.size(),
                       path.size() == 1 ? "" : "s");
  size_t step = 0;
  for (uint32_t e : path) {
    *text += fmt::format("  {}. {}\n     {}\n", ++step, EdgeLine(policy, graph.edges[e]),
                         EdgeProvenance(policy, graph.edges[e]));
  }
}

// Edges of one source grouped by (kind, action, condition), each group with its targets.
void PrintGrouped(const Policy& policy, const EscalationGraph& graph, const std::vector<uint32_t>& edges,
                  std::string* text) {
  std::map<RoleId, std::vector<uint32_t>> by_from;
  for (uint32_t e : edges) by_from[graph.edges[e].from].push_back(e);
  std::vector<RoleId> sources;
  for (const auto& [role, list] : by_from) sources.push_back(role);
  std::sort(sources.begin(), sources.end(),
            [&](RoleId x, RoleId y) { return policy.role(x).name < policy.role(y).name; });
  for (RoleId source : sources) {
    const std::vector<uint32_t>& list = by_from[source];
    std::set<RoleId> targets;
    for (uint32_t e : list) targets.insert(graph.edges[e].to);
    *text += fmt::format("\n{}: {} edge{} to {} role{}\n", policy.role(source).name, list.size(),
                         list.size() == 1 ? "" : "s", targets.size(), targets.size() == 1 ? "" : "s");
    using Key = std::tuple<analysis::EdgeKind, std::string, std::string, bool>;
    std::map<Key, std::vector<uint32_t>> groups;
    for (uint32_t e : list) {
      const EscalationEdge& edge = graph.edges[e];
      groups[Key{edge.kind, edge.action, analysis::FormatCaseSet(edge.condition), edge.needs_ownership}]
          .push_back(e);
    }
    for (const auto& [key, members] : groups) {
      const EscalationEdge& edge = graph.edges[members.front()];
      const analysis::EdgeKindInfo& kind = analysis::EdgeKindOf(edge.kind);
      *text += fmt::format("  {}: {}, {} -> {} role{}\n     {}\n", kind.id, edge.action,
                           std::get<2>(key), members.size(), members.size() == 1 ? "" : "s",
                           EdgeProvenance(policy, edge));
      std::string names;
      for (uint32_t e : members) {
        names += (names.empty() ? "" : ", ") + std::string(policy.role(graph.edges[e].to).name);
      }
      *text += fmt::format("     to: {}\n", names);
    }
  }
}

std::string Text(const Policy& policy, const EscalationGraph& graph, const View& view) {
  std::string text;
  if (view.to && view.from) {
    if (view.paths.empty()) {
      return fmt::format("no path from {} to {}\n", policy.role(*view.from).name, policy.role(*view.to).name);
    }
    text = fmt::format("shortest path from {} to {}:\n", policy.role(*view.from).name,
                       policy.role(*view.to).name);
    PrintPath(policy, graph, view.paths[0], &text);
    return text;
  }
  if (view.to) {
    size_t direct = 0;
    for (const auto& path : view.paths) direct += path.size() == 1;
    text = fmt::format("{} role{} reach {} ({} directly); shortest paths over takeover edges:\n",
                       view.paths.size(), view.paths.size() == 1 ? "" : "s", policy.role(*view.to).name,
                       direct);
    for (const auto& path : view.paths) PrintPath(policy, graph, path, &text);
    std::vector<uint32_t> other;
    for (uint32_t e : view.edges) {
      if (!analysis::Standing(graph.edges[e])) other.push_back(e);
    }
    if (!other.empty()) {
      text += fmt::format("\nedges into {} not counted for paths (protection or ownership):\n",
                          policy.role(*view.to).name);
      PrintGrouped(policy, graph, other, &text);
    }
    return text;
  }
  text = view.from ? fmt::format("{} edge{} out of {}\n", view.edges.size(), view.edges.size() == 1 ? "" : "s",
                                 policy.role(*view.from).name)
                   : fmt::format("{} edge{} between {} roles ({} Policy::Check calls)\n", view.edges.size(),
                                 view.edges.size() == 1 ? "" : "s", graph.out.size(),
                                 WithThousands(graph.checks));
  PrintGrouped(policy, graph, view.edges, &text);
  return text;
}

nlohmann::ordered_json Json(const Policy& policy, const EscalationGraph& graph, const View& view) {
  nlohmann::ordered_json out;
  out["from"] = view.from ? nlohmann::ordered_json(policy.role(*view.from).name) : nlohmann::ordered_json();
  out["to"] = view.to ? nlohmann::ordered_json(policy.role(*view.to).name) : nlohmann::ordered_json();
  nlohmann::ordered_json edges = nlohmann::ordered_json::array();
  for (uint32_t e : view.edges) edges.push_back(EdgeJson(policy, graph.edges[e]));
  out["edges"] = std::move(edges);
  if (view.to) {
    nlohmann::ordered_json paths = nlohmann::ordered_json::array();
    for (const auto& path : view.paths) {
      nlohmann::ordered_json p;
      p["from"] = policy.role(graph.edges[path.front()].from).name;
      p["length"] = path.size();
      nlohmann::ordered_json steps = nlohmann::ordered_json::array();
      for (uint32_t e : path) steps.push_back(EdgeJson(policy, graph.edges[e]));
      p["steps"] = std::move(steps);
      paths.push_back(std::move(p));
    }
    out["paths"] = std::move(paths);
  }
  return out;
}

// The edges a diagram draws: the paths' edges with --to, else the view's edges; one arrow per
// (from, to) pair, labelled with its kinds.
std::vector<std::pair<std::pair<RoleId, RoleId>, std::string>> Arrows(const EscalationGraph& graph,
                                                                       const View& view) {
  std::vector<uint32_t> drawn;
  if (view.to) {
    for (const auto& path : view.paths) drawn.insert(drawn.end(), path.begin(), path.end());
  } else {
    drawn = view.edges;
  }
  std::map<std::pair<RoleId, RoleId>, std::set<std::string>> kinds;
  for (uint32_t e : drawn) {
    const EscalationEdge& edge = graph.edges[e];
    kinds[{edge.from, edge.to}].insert(std::string(analysis::EdgeKindOf(edge.kind).id));
  }
  std::vector<std::pair<std::pair<RoleId, RoleId>, std::string>> arrows;
  for (const auto& [pair, set] : kinds) {
    std::string label;
    for (const std::string& id : set) label += (label.empty() ? "" : ", ") + id;
    arrows.emplace_back(pair, label);
  }
  return arrows;
}

std::string Quoted(std::string_view text, bool mermaid) {
  std::string out;
  for (char c : text) {
    if (c == '"') {
      out += mermaid ? "#quot;" : "\\\"";
    } else if (c == '\\' && !mermaid) {
      out += "\\\\";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Diagram(const Policy& policy, const EscalationGraph& graph, const View& view, bool mermaid) {
  const auto arrows = Arrows(graph, view);
  std::set<RoleId> nodes;
  for (const auto& [pair, label] : arrows) nodes.insert({pair.first, pair.second});
  std::vector<RoleId> ordered(nodes.begin(), nodes.end());
  std::sort(ordered.begin(), ordered.end(),
            [&](RoleId x, RoleId y) { return policy.role(x).name < policy.role(y).name; });
  std::string text = mermaid ? "flowchart LR\n" : "digraph escalation {\n  rankdir=LR;\n";
  for (RoleId role : ordered) {
    text += mermaid ? fmt::format("  r{}[\"{}\"]\n", role, Quoted(policy.role(role).name, true))
                    : fmt::format("  r{} [label=\"{}\"];\n", role, Quoted(policy.role(role).name, false));
  }
  for (const auto& [pair, label] : arrows) {
    text += mermaid ? fmt::format("  r{} -->|{}| r{}\n", pair.first, label, pair.second)
                    : fmt::format("  r{} -> r{} [label=\"{}\"];\n", pair.first, pair.second, label);
  }
  if (!mermaid) text += "}\n";
  return text;
}

absl::StatusOr<std::optional<RoleId>> RoleOption(const Policy& policy, const ParsedArgs& args,
                                                 std::string_view option) {
  if (!args.Has(option)) return std::optional<RoleId>();
  const std::string name = args.Value(option);
  const RoleId role = policy.FindRole(name);
  if (role == kNoRole) return absl::NotFoundError(fmt::format("--{}: {}", option, UnknownRoleMessage(policy, name)));
  return std::optional<RoleId>(role);
}

}  // namespace

const CommandSpec& EscalationSpec() {
  static const CommandSpec kSpec = {
      "escalation",
      "Show the escalation graph: who can take over a holder of which role.",
      {"rolec escalation [--from ROLE] [--to ROLE] [--policy FILE]... [--format text|json|dot|mermaid]"},
      "An edge R -> S says a holder of R (assigned at tenant scope) can take over a holder of S:\n"
      "reset their password or add an authentication method, add a credential or an owner to a\n"
      "service principal or application holding S, add a member to a role-assignable group\n"
      "holding S, or assign S; each edge was decided by Policy::Check on a witness request\n"
      "(docs/analysis.md). With --to, the shortest path from every role that reaches ROLE; with\n"
      "--from, the edges out of ROLE; with both, the shortest path between them; with neither,\n"
      "every edge. Exit codes: 0 something to show, 2 no edge or path, 1 error.",
      {
          {"from", 0, "ROLE", false, "The role whose holder escalates (display name or template id)."},
          {"to", 0, "ROLE", false, "The role to reach, e.g. \"Global Administrator\"."},
          PolicyOption(),
          {"format", 0, "FORMAT", false, "text (default), json, dot or mermaid (docs/cli.md)."},
          MaxErrorsOption(),
      },
      0,
      0,
      "",
  };
  return kSpec;
}

int RunEscalation(const ParsedArgs& args) {
  const std::string format = args.Value("format", "text");
  if (format != "text" && format != "json" && format != "dot" && format != "mermaid") {
    PrintError(fmt::format("--format: unknown format '{}' (expected text, json, dot or mermaid)", format));
    return kExitError;
  }
  std::optional<LoadedGraph> loaded = LoadGraph(args);
  if (!loaded) return kExitError;
  const std::shared_ptr<const Policy>& policy = loaded->policy;
  const EscalationGraph* graph = &loaded->graph;
  absl::StatusOr<std::optional<RoleId>> from = RoleOption(*policy, args, "from");
  absl::StatusOr<std::optional<RoleId>> to = RoleOption(*policy, args, "to");
  if (!from.ok() || !to.ok()) {
    if (!from.ok()) PrintError(from.status());
    if (!to.ok()) PrintError(to.status());
    return kExitError;
  }
  const View view = Select(*graph, *from, *to);
  if (format == "json") {
    std::cout << DumpJson(Json(*policy, *graph, view), 2) << "\n";
  } else if (format == "text") {
    std::cout << EscapeControlChars(Text(*policy, *graph, view));
  } else {
    std::cout << EscapeControlChars(Diagram(*policy, *graph, view, format == "mermaid"));
  }
  std::cout.flush();
  const bool found = view.to ? !view.paths.empty() : !view.edges.empty();
  return found ? kExitOk : kExitDeny;
}

}  // namespace rolec::cli
