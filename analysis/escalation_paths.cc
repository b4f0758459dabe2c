// analysis/escalation_paths.cc — shortest paths to one role (BFS backwards) and the transitive
// closure (BFS from every role) over an escalation graph's standing edges.
#include <deque>
#include <vector>

#include "rolec/analysis.hpp"

namespace rolec::analysis {

PathsTo ShortestPathsTo(const EscalationGraph& graph, RoleId to, bool all_kinds) {
  const size_t roles = graph.out.size();
  PathsTo paths;
  paths.to = to;
  paths.distance.assign(roles, -1);
  paths.next_edge.assign(roles, 0);
  if (to >= roles) return paths;
  std::vector<std::vector<uint32_t>> in(roles);
  for (uint32_t i = 0; i < graph.edges.size(); ++i) {
    if (Standing(graph.edges[i], all_kinds)) in[graph.edges[i].to].push_back(i);
  }
  std::deque<RoleId> queue = {to};
  paths.distance[to] = 0;
  while (!queue.empty()) {
    const RoleId v = queue.front();
    queue.pop_front();
    for (uint32_t e : in[v]) {
      const RoleId u = graph.edges[e].from;
      if (paths.distance[u] >= 0) continue;
      paths.distance[u] = paths.distance[v] + 1;
      paths.next_edge[u] = e;
      queue.push_back(u);
    }
  }
  return paths;
}

std::vector<uint32_t> PathsTo::Path(RoleId from, const EscalationGraph& graph) const {
  std::vector<uint32_t> path;
  if (from >= distance.size() || distance[from] <= 0) return path;
  for (RoleId at = from; at != to;) {
    const uint32_t e = next_edge[at];
    path.push_back(e);
    at = graph.edges[e].to;
  }
  return path;
}

std::vector<std::vector<bool>> TransitiveClosure(const EscalationGraph& graph, bool all_kinds) {
  const size_t roles = graph.out.size();
  std::vector<std::vector<bool>> reachable(roles, std::vector<bool>(roles, false));
  std::vector<RoleId> stack;
  for (RoleId start = 0; start < roles; ++start) {
    std::vector<bool>& seen = reachable[start];
    stack.assign(1, start);
    while (!stack.empty()) {
      const RoleId v = stack.back();
      stack.pop_back();
      for (uint32_t e : graph.out[v]) {
        const EscalationEdge& edge = graph.edges[e];
        if (!Standing(edge, all_kinds) || seen[edge.to]) continue;
        seen[edge.to] = true;
        stack.push_back(edge.to);
      }
    }
    seen[start] = false;  // a role does not "reach" itself unless through a cycle: not reported
  }
  return reachable;
}

}  // namespace rolec::analysis
