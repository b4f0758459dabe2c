// The escalation graph and tiers: facts of the standard library (decided with docs/semantics.md's
// matrices), and a property test against Policy::Check on random custom roles: every edge's
// witness is allowed, its condition's share of cases is the share a brute force over every target
// fact finds, and where the graph has no edge of a kind, no probe request of that kind is allowed.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "analysis/analysis_util.h"
#include "fmt/format.h"
#include "gtest/gtest.h"
#include "rolec/analysis.hpp"
#include "rolec/request.hpp"

namespace rolec::analysis_test {
namespace {

using analysis::EdgeKind;
using analysis::EscalationEdge;
using analysis::EscalationGraph;

const EscalationGraph& StdlibGraph() {
  static const EscalationGraph* graph = [] {
    absl::StatusOr<EscalationGraph> built = analysis::BuildEscalationGraph(Stdlib());
    if (!built.ok()) {
      ADD_FAILURE() << built.status();
      return new EscalationGraph();
    }
    return new EscalationGraph(std::move(*built));
  }();
  return *graph;
}

const EscalationEdge* FindEdge(const EscalationGraph& graph, const Policy& policy, std::string_view from,
                               std::string_view to, EdgeKind kind) {
  const RoleId f = policy.FindRole(from), t = policy.FindRole(to);
  if (f == kNoRole || t == kNoRole || f >= graph.out.size()) return nullptr;
  for (uint32_t e : graph.out[f]) {
    if (graph.edges[e].to == t && graph.edges[e].kind == kind) return &graph.edges[e];
  }
  return nullptr;
}

Decision CheckOwned(const Policy& policy, const OwnedRequest& owned) {
  absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(policy, owned);
  EXPECT_TRUE(bound.ok()) << bound.status();
  return bound.ok() ? policy.Check(bound->request()) : Decision::kDeny;
}

// Decision (docs/analysis.md § Escalation, from docs/semantics.md § The matrices' protections):
// Helpdesk Administrator resets the passwords of non-administrators and of the limited admins of
// its matrix column only, so it has no password-reset edge to Global Administrator and no path to
// it at all; Privileged Authentication Administrator's column reaches every user, so its edge to
// Global Administrator holds for any target.
TEST(EscalationStdlib, HelpdeskDoesNotReachGlobalAdministratorPrivilegedAuthenticationDoes) {
  const Policy& policy = Stdlib();
  const EscalationGraph& graph = StdlibGraph();
  EXPECT_EQ(FindEdge(graph, policy, "Helpdesk Administrator", "Global Administrator", EdgeKind::kPasswordReset),
            nullptr);
  const EscalationEdge* helpdesk_user =
      FindEdge(graph, policy, "Helpdesk Administrator", "User", EdgeKind::kPasswordReset);
  ASSERT_NE(helpdesk_user, nullptr);
  EXPECT_EQ(analysis::FormatCaseSet(helpdesk_user->condition),
            "not target.role_assignable_group_member and not target.restricted_au_role");
  EXPECT_NE(FindEdge(graph, policy, "Helpdesk Administrator", "Password Administrator",
                     EdgeKind::kPasswordReset),
            nullptr);
  const EscalationEdge* pim =
      FindEdge(graph, policy, "Privileged Authentication Administrator", "Global Administrator",
               EdgeKind::kPasswordReset);
  ASSERT_NE(pim, nullptr);
  EXPECT_TRUE(pim->condition.all());
  EXPECT_EQ(analysis::DescribeEdge(policy, *pim),
            "can reset the password of a Global Administrator holder: "
            "microsoft.directory/users/password/update, any target");

  const RoleId global = policy.FindRole("Global Administrator");
  const analysis::PathsTo paths = analysis::ShortestPathsTo(graph, global);
  EXPECT_EQ(paths.distance[policy.FindRole("Helpdesk Administrator")], -1);
  EXPECT_EQ(paths.distance[policy.FindRole("Authentication Administrator")], -1);
  EXPECT_EQ(paths.distance[policy.FindRole("Privileged Authentication Administrator")], 1);
  EXPECT_EQ(paths.distance[global], 0);
}

TEST(EscalationStdlib, EveryWitnessIsAllowedAndHoldsExactlyTheTargetRole) {
  const Policy& policy = Stdlib();
  const EscalationGraph& graph = StdlibGraph();
  ASSERT_GT(graph.edges.size(), 100u);
  for (const EscalationEdge& edge : graph.edges) {
    ASSERT_NE(edge.from, edge.to);
    EXPECT_EQ(CheckOwned(policy, edge.witness), Decision::kAllow) << analysis::DescribeEdge(policy, edge);
    ASSERT_EQ(edge.witness.assignments.size(), 1u);
    EXPECT_EQ(edge.witness.assignments[0].scope, "/");
    EXPECT_FALSE(edge.condition.none());
    if (analysis::EdgeKindOf(edge.kind).probes[0].target_holds_role) {
      ASSERT_EQ(edge.witness.target.roles.size(), 1u);
      EXPECT_EQ(edge.witness.target.roles[0], policy.role(edge.to).name);
    }
  }
}

TEST(EscalationStdlib, AssignmentAndGroupEdgesOfPrivilegedRoleAdministrator) {
  const Policy& policy = Stdlib();
  const EscalationGraph& graph = StdlibGraph();
  EXPECT_NE(FindEdge(graph, policy, "Privileged Role Administrator", "Global Administrator",
                     EdgeKind::kRoleAssignment),
            nullptr);
  EXPECT_NE(FindEdge(graph, policy, "Privileged Role Administrator", "Global Administrator",
                     EdgeKind::kRoleAssignableGroup),
            nullptr);
  // Groups Administrator updates members of groups "excluding role-assignable groups".
  EXPECT_EQ(FindEdge(graph, policy, "Groups Administrator", "Global Administrator",
                     EdgeKind::kRoleAssignableGroup),
            nullptr);
  // Conditional Access Administrator weakens every role's protection but takes over none.
  const EscalationEdge* ca = FindEdge(graph, policy, "Conditional Access Administrator",
                                      "Global Administrator", EdgeKind::kConditionalAccess);
  ASSERT_NE(ca, nullptr);
  EXPECT_FALSE(analysis::Standing(*ca));
  EXPECT_TRUE(analysis::Standing(*ca, /*all_kinds=*/true));
  // A plain user's edges all need ownership of the object.
  for (uint32_t e : graph.out[policy.FindRole("User")]) {
    EXPECT_TRUE(graph.edges[e].needs_ownership) << analysis::DescribeEdge(policy, graph.edges[e]);
  }
}

TEST(EscalationStdlib, ClosureAgreesWithShortestPaths) {
  const Policy& policy = Stdlib();
  const EscalationGraph& graph = StdlibGraph();
  const std::vector<std::vector<bool>> closure = analysis::TransitiveClosure(graph);
  for (RoleId to = 0; to < policy.role_count(); to += 7) {
    const analysis::PathsTo paths = analysis::ShortestPathsTo(graph, to);
    for (RoleId from = 0; from < policy.role_count(); ++from) {
      if (from == to) continue;
      EXPECT_EQ(closure[from][to], paths.distance[from] > 0)
          << policy.role(from).name << " -> " << policy.role(to).name;
      const std::vector<uint32_t> path = paths.Path(from, graph);
      ASSERT_EQ(path.size(), static_cast<size_t>(std::max(paths.distance[from], 0)));
      RoleId at = from;
      for (uint32_t e : path) {
        EXPECT_EQ(graph.edges[e].from, at);
        EXPECT_TRUE(analysis::Standing(graph.edges[e]));
        at = graph.edges[e].to;
      }
      if (!path.empty()) EXPECT_EQ(at, to);
    }
  }
}

TEST(TiersStdlib, TierZeroIsJustifiedByPathsToGlobalAdministrator) {
  const Policy& policy = Stdlib();
  const EscalationGraph& graph = StdlibGraph();
  absl::StatusOr<analysis::TierReport> report = analysis::Tiers(graph);
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->roles.size(), policy.role_count());
  auto tier_of = [&](std::string_view name) {
    for (const analysis::TierEntry& entry : report->roles) {
      if (policy.role(entry.role).name == name) return entry.tier;
    }
    return -1;
  };
  EXPECT_EQ(tier_of("Global Administrator"), 0);
  EXPECT_EQ(tier_of("Privileged Role Administrator"), 0);
  EXPECT_EQ(tier_of("Privileged Authentication Administrator"), 0);
  EXPECT_EQ(tier_of("Application Administrator"), 0);
  EXPECT_EQ(tier_of("Helpdesk Administrator"), 1);
  EXPECT_EQ(tier_of("Conditional Access Administrator"), 1);
  EXPECT_EQ(tier_of("Directory Readers"), 2);
  for (const analysis::TierEntry& entry : report->roles) {
    if (entry.tier != 0 || entry.role == report->global_administrator) continue;
    ASSERT_FALSE(entry.path.empty()) << policy.role(entry.role).name;
    EXPECT_EQ(graph.edges[entry.path.front()].from, entry.role);
    EXPECT_EQ(graph.edges[entry.path.back()].to, report->global_administrator);
  }
  EXPECT_EQ(report->count[0] + report->count[1] + report->count[2], policy.role_count());
}

TEST(TiersApi, NoGlobalAdministratorIsAnError) {
  EscalationGraph empty;
  EXPECT_FALSE(analysis::Tiers(empty).ok());
}

// ---- property test

const char* const kProbeActions[] = {
    "microsoft.directory/users/password/update",
    "microsoft.directory/users/authenticationMethods/create",
    "microsoft.directory/servicePrincipals/credentials/update",
    "microsoft.directory/applications/owners/update",
    "microsoft.directory/groups/members/update",
    "microsoft.directory/groupsAssignableToRoles/allProperties/update",
    "microsoft.directory/roleAssignments/allProperties/allTasks",
    "microsoft.directory/conditionalAccessPolicies/create",
    "microsoft.directory/users/basic/update",
};

std::string Predicate(std::mt19937& rng) {
  static const char* const kPredicates[] = {
      "target.roles within entra.non_administrator_roles",
      R"(target.roles has entra."Global Administrator")",
      R"(target.roles in ["Helpdesk Administrator", "Directory Readers"])",
      "target.role_assignable_group_member",
      "target.restricted_au_role",
      "principal owns target",
      "context.mfa",
      R"(target.admin_units has "au1")",
      "target.kind == user",
      "target is self",
  };
  const std::string p = kPredicates[std::uniform_int_distribution<size_t>(0, 9)(rng)];
  return std::uniform_int_distribution<int>(0, 3)(rng) == 0 ? "not " + p : p;
}

std::string RandomRoles(uint32_t seed) {
  std::mt19937 rng(seed);
  auto chance = [&](int percent) { return std::uniform_int_distribution<int>(0, 99)(rng) < percent; };
  std::string text = "import entra\n";
  for (int i = 0; i < 3; ++i) {
    text += fmt::format("role \"Esc Role {}\" {{\n", i);
    const int rules = std::uniform_int_distribution<int>(1, 4)(rng);
    for (int k = 0; k < rules; ++k) {
      const bool except = k > 0 && chance(25);
      text += fmt::format("  {} {}", except ? "except" : "allow",
                          kProbeActions[std::uniform_int_distribution<size_t>(0, 8)(rng)]);
      if (chance(60)) {
        text += " when " + Predicate(rng);
        if (chance(50)) text += (chance(50) ? " and " : " or ") + Predicate(rng);
      }
      text += "\n";
    }
    text += "}\n";
  }
  return text;
}

// Every combination of the target facts an edge may depend on, for one probe: the brute force.
uint32_t AllowedCombos(const Policy& policy, RoleId from, RoleId to, const analysis::EdgeProbe& probe) {
  uint32_t allowed = 0;
  for (uint32_t combo = 0; combo < 32; ++combo) {
    OwnedRequest q;
    q.principal_id = "principal";
    q.assignments.push_back(OwnedAssignment{std::string(policy.role(from).name), "/"});
    q.action = std::string(probe.action);
    q.target.kind = probe.target_kind;
    q.target.id = "target";
    q.target.role_assignable = probe.role_assignable;
    if (probe.target_holds_role) q.target.roles.emplace_back(policy.role(to).name);
    q.target.role_assignable_group_member = combo & 1u;
    q.target.role_scoped_to_restricted_admin_unit = combo & 2u;
    if (combo & 4u) q.target.owners.push_back("principal");
    q.context.mfa = combo & 8u;
    if (combo & 16u) q.target.admin_units.push_back("au1");
    allowed += CheckOwned(policy, q) == Decision::kAllow;
  }
  return allowed;
}

class EscalationProperty : public ::testing::TestWithParam<uint32_t> {};

TEST_P(EscalationProperty, EdgesAgreeWithCheck) {
  const std::string source = RandomRoles(GetParam());
  std::string error;
  std::shared_ptr<const Policy> policy = CompileWithStdlib(source, &error);
  ASSERT_NE(policy, nullptr) << error << "\n" << source;
  absl::StatusOr<EscalationGraph> graph = analysis::BuildEscalationGraph(*policy);
  ASSERT_TRUE(graph.ok()) << graph.status();
  const std::vector<std::string> targets = {"Global Administrator", "Helpdesk Administrator", "User",
                                            "Directory Readers", "Esc Role 0", "Esc Role 2"};
  for (int i = 0; i < 3; ++i) {
    const RoleId from = policy->FindRole(fmt::format("Esc Role {}", i));
    ASSERT_NE(from, kNoRole);
    for (const std::string& target : targets) {
      const RoleId to = policy->FindRole(target);
      if (to == from) continue;
      for (const analysis::EdgeKindInfo& kind : analysis::EdgeKinds()) {
        const EscalationEdge* edge = nullptr;
        for (uint32_t e : graph->out[from]) {
          if (graph->edges[e].to == to && graph->edges[e].kind == kind.kind) edge = &graph->edges[e];
        }
        uint32_t best = 0;
        for (const analysis::EdgeProbe& probe : kind.probes) {
          const uint32_t allowed = AllowedCombos(*policy, from, to, probe);
          best = std::max(best, allowed);
          if (edge != nullptr && edge->action == probe.action) {
            // The condition's share of its cases is the brute force's share of 32.
            EXPECT_EQ(uint64_t{allowed} * edge->condition.of, uint64_t{edge->condition.count} * 32)
                << analysis::DescribeEdge(*policy, *edge) << "\n" << source;
          }
        }
        if (edge == nullptr) {
          EXPECT_EQ(best, 0u) << "no " << kind.id << " edge " << i << " -> " << target
                              << " but Check allows a probe\n" << source;
        } else {
          EXPECT_GT(best, 0u);
          EXPECT_EQ(CheckOwned(*policy, edge->witness), Decision::kAllow) << source;
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, EscalationProperty, ::testing::Range(1u, 17u));

}  // namespace
}  // namespace rolec::analysis_test
