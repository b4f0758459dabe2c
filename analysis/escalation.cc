// analysis/escalation.cc — BuildEscalationGraph: for every edge kind, every role R holding a probe
// action and every role S, whether Policy::Check allows R (at tenant scope) the probe on a target
// holding exactly S, over every combination of the other target facts the conditions concerned
// read (docs/analysis.md § Escalation).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "fmt/format.h"
#include "rolec/analysis.hpp"

namespace rolec::analysis {
namespace {

// The most target facts one (role, action) may make rolec enumerate: 2^12 requests per target role.
constexpr size_t kMaxFacts = 12;

constexpr std::string_view kPrincipal = "principal";
constexpr std::string_view kTarget = "target";

// A target fact besides its roles that some condition concerned reads: enumerated both ways.
struct Fact {
  ConditionAtom::Kind kind;
  std::string unit;   // kTargetInAdminUnit: the unit id
  std::string label;  // as in the condition language
};

void AddFacts(const std::vector<ConditionAtom>& atoms, std::vector<Fact>* facts) {
  for (const ConditionAtom& atom : atoms) {
    Fact fact{atom.kind, "", ""};
    switch (atom.kind) {
      case ConditionAtom::Kind::kTargetRoleAssignableGroupMember:
        fact.label = "target.role_assignable_group_member";
        break;
      case ConditionAtom::Kind::kTargetRestrictedAuRole:
        fact.label = "target.restricted_au_role";
        break;
      case ConditionAtom::Kind::kPrincipalOwnsTarget:
        fact.label = "principal owns target";
        break;
      case ConditionAtom::Kind::kContextMfa:
        fact.label = "context.mfa";
        break;
      case ConditionAtom::Kind::kTargetInAdminUnit:
        fact.unit = std::string(atom.text);
        fact.label = fmt::format("target.admin_units has \"{}\"", atom.text);
        break;
      default:
        // Fixed by the probe: the kind, the roles (exactly S), tenant scope, the assignment's role,
        // not self, not in a restricted unit, role-assignable as the probe says.
        continue;
    }
    const bool seen = std::any_of(facts->begin(), facts->end(), [&](const Fact& f) {
      return f.kind == fact.kind && f.unit == fact.unit;
    });
    if (!seen) facts->push_back(std::move(fact));
  }
}

// One probe for one role R: its action resolved and the facts to enumerate.
struct Prepared {
  const EdgeProbe* probe = nullptr;
  ActionId action = kNoAction;
  std::vector<Fact> facts;
};

// The request of combination `combo` (bit i = facts[i] holds), with views into `storage`.
struct RequestStorage {
  Assignment assignment;
  RoleId target_role = kNoRole;
  std::vector<std::string_view> units;
  std::string_view owner = kPrincipal;
  Request request;
};

void Fill(const Prepared& prepared, RoleId from, RoleId to, uint32_t combo, RequestStorage* s) {
  s->assignment = Assignment{from, ""};
  s->target_role = to;
  s->units.clear();
  Request& r = s->request;
  r = Request{};
  r.principal_id = kPrincipal;
  r.assignments = absl::Span<const Assignment>(&s->assignment, 1);
  r.action_id = prepared.action;
  r.action = prepared.probe->action;
  r.target.kind = prepared.probe->target_kind;
  r.target.id = kTarget;
  r.target.role_assignable = prepared.probe->role_assignable;
  if (to != kNoRole) r.target.roles = absl::Span<const RoleId>(&s->target_role, 1);
  bool owns = false;
  for (size_t i = 0; i < prepared.facts.size(); ++i) {
    if (!(combo >> i & 1u)) continue;
    const Fact& fact = prepared.facts[i];
    switch (fact.kind) {
      case ConditionAtom::Kind::kTargetRoleAssignableGroupMember:
        r.target.role_assignable_group_member = true;
        break;
      case ConditionAtom::Kind::kTargetRestrictedAuRole:
        r.target.role_scoped_to_restricted_admin_unit = true;
        break;
      case ConditionAtom::Kind::kPrincipalOwnsTarget:
        owns = true;
        break;
      case ConditionAtom::Kind::kContextMfa:
        r.context.mfa = true;
        break;
      case ConditionAtom::Kind::kTargetInAdminUnit:
        s->units.push_back(fact.unit);
        break;
      default:
        break;
    }
  }
  r.target.admin_units = absl::Span<const std::string_view>(s->units);
  if (owns) r.target.owners = absl::Span<const std::string_view>(&s->owner, 1);
}

OwnedRequest ToOwned(const Policy& policy, const Request& r) {
  OwnedRequest owned;
  owned.principal_id = std::string(r.principal_id);
  owned.assignments.push_back(OwnedAssignment{std::string(policy.role(r.assignments[0].role).name), "/"});
  owned.action = std::string(r.action);
  owned.target.kind = r.target.kind;
  owned.target.id = std::string(r.target.id);
  for (RoleId role : r.target.roles) owned.target.roles.emplace_back(policy.role(role).name);
  owned.target.role_assignable_group_member = r.target.role_assignable_group_member;
  owned.target.role_scoped_to_restricted_admin_unit = r.target.role_scoped_to_restricted_admin_unit;
  owned.target.role_assignable = r.target.role_assignable;
  for (std::string_view unit : r.target.admin_units) owned.target.admin_units.emplace_back(unit);
  for (std::string_view owner : r.target.owners) owned.target.owners.emplace_back(owner);
  owned.context = r.context;
  return owned;
}

// The combinations in `allowed` as a short disjunction of conjunctions of facts: a cube grown
// from each uncovered allowed combination by dropping every literal it can without taking in a
// denied one, then the cubes the others cover dropped. Exact over the 2^k combinations.
CaseSet DescribeCombos(const std::vector<bool>& allowed, const std::vector<Fact>& facts) {
  CaseSet cases;
  const uint32_t n = static_cast<uint32_t>(allowed.size());
  cases.of = n;
  cases.count = static_cast<uint32_t>(std::count(allowed.begin(), allowed.end(), true));
  if (cases.count == 0) return cases;
  if (cases.count == n) {
    cases.terms.emplace_back();
    return cases;
  }
  const uint32_t full = n - 1;
  auto all_allowed = [&](uint32_t care, uint32_t value) {
    for (uint32_t q = 0; q < n; ++q) {
      if ((q & care) == (value & care) && !allowed[q]) return false;
    }
    return true;
  };
  std::vector<std::pair<uint32_t, uint32_t>> cubes;  // care mask, value
  std::vector<bool> covered(n, false);
  for (uint32_t p = 0; p < n; ++p) {
    if (!allowed[p] || covered[p]) continue;
    uint32_t care = full;
    for (uint32_t bit = 0; bit < facts.size(); ++bit) {
      const uint32_t wider = care & ~(1u << bit);
      if (all_allowed(wider, p)) care = wider;
    }
    for (uint32_t q = 0; q < n; ++q) {
      if ((q & care) == (p & care)) covered[q] = true;
    }
    cubes.emplace_back(care, p & care);
  }
  for (size_t i = cubes.size(); i-- > 0;) {
    bool redundant = true;
    for (uint32_t q = 0; q < n && redundant; ++q) {
      if ((q & cubes[i].first) != cubes[i].second) continue;
      redundant = std::any_of(cubes.begin(), cubes.end(), [&](const auto& c) {
        return &c != &cubes[i] && (q & c.first) == c.second;
      });
    }
    if (redundant && cubes.size() > 1) cubes.erase(cubes.begin() + static_cast<ptrdiff_t>(i));
  }
  for (const auto& [care, value] : cubes) {
    std::vector<std::string> term;
    for (uint32_t bit = 0; bit < facts.size(); ++bit) {
      if (!(care >> bit & 1u)) continue;
      term.push_back((value >> bit & 1u) ? facts[bit].label : "not " + facts[bit].label);
    }
    cases.terms.push_back(std::move(term));
  }
  return cases;
}

// Whether R's rules can matter for a probe action outside the catalog: Explain on a plain request
// says "no grant" for every assignment when no allow rule of R covers it.
bool MayHold(const Policy& policy, RoleId role, const EdgeProbe& probe) {
  const Assignment assignment{role, ""};
  Request request;
  request.principal_id = kPrincipal;
  request.assignments = absl::Span<const Assignment>(&assignment, 1);
  request.action = probe.action;
  request.target.kind = probe.target_kind;
  request.target.id = kTarget;
  request.target.role_assignable = probe.role_assignable;
  const Explanation explanation = policy.Explain(request);
  if (explanation.decision == Decision::kAllow) return true;
  return std::any_of(explanation.denials.begin(), explanation.denials.end(),
                     [](const Denial& d) { return d.kind != Denial::Kind::kNoGrant; });
}

absl::StatusOr<std::vector<Prepared>> Prepare(const Policy& policy, RoleId role,
                                              const EdgeKindInfo& kind) {
  std::vector<Prepared> prepared;
  for (const EdgeProbe& probe : kind.probes) {
    Prepared p;
    p.probe = &probe;
    p.action = policy.FindAction(probe.action);
    if (p.action != kNoAction) {
      const std::vector<uint32_t> rules = policy.GrantRules(role, p.action);
      if (rules.empty()) continue;
      for (uint32_t rule : rules) AddFacts(policy.RuleConditionAtoms(rule), &p.facts);
      AddFacts(policy.IntrinsicRuleAtoms(p.action), &p.facts);
    } else {
      if (!MayHold(policy, role, probe)) continue;
      // Outside the catalog (matched by pattern, or a keyword query over catalog actions): every
      // rule of R may be read, and the intrinsic rules of the catalog actions the query covers.
      for (uint32_t rule : policy.RoleRules(role)) AddFacts(policy.RuleConditionAtoms(rule), &p.facts);
      for (ActionId covered : policy.PatternActions(probe.action)) {
        AddFacts(policy.IntrinsicRuleAtoms(covered), &p.facts);
      }
    }
    if (p.facts.size() > kMaxFacts) {
      return absl::ResourceExhaustedError(fmt::format(
          "escalation: the conditions of role '{}' for {} read {} target facts (at most {})",
          policy.role(role).name, probe.action, p.facts.size(), kMaxFacts));
    }
    prepared.push_back(std::move(p));
  }
  return prepared;
}

}  // namespace

absl::StatusOr<EscalationGraph> BuildEscalationGraph(const Policy& policy) {
  EscalationGraph graph;
  graph.policy = &policy;
  const RoleId roles = policy.role_count();
  RequestStorage storage;
  for (const EdgeKindInfo& kind : EdgeKinds()) {
    for (RoleId from = 0; from < roles; ++from) {
      absl::StatusOr<std::vector<Prepared>> prepared = Prepare(policy, from, kind);
      if (!prepared.ok()) return prepared.status();
      if (prepared->empty()) continue;
      // A tenant-wide object (a policy): decided once, an edge to every other role.
      const bool per_target = kind.probes[0].target_holds_role;
      struct Best {
        const Prepared* prepared = nullptr;
        std::vector<bool> allowed;
        uint32_t count = 0;
      };
      auto decide = [&](RoleId to) {
        Best best;
        for (const Prepared& p : *prepared) {
          std::vector<bool> allowed(size_t{1} << p.facts.size(), false);
          uint32_t count = 0;
          for (uint32_t combo = 0; combo < allowed.size(); ++combo) {
            Fill(p, from, to, combo, &storage);
            ++graph.checks;
            if (policy.Check(storage.request) == Decision::kAllow) {
              allowed[combo] = true;
              ++count;
            }
          }
          // The probe allowed in the largest share of its cases; the first on a tie.
          if (count > 0 && (best.prepared == nullptr ||
                            uint64_t{count} * best.allowed.size() > uint64_t{best.count} * allowed.size())) {
            best = Best{&p, std::move(allowed), count};
          }
        }
        return best;
      };
      auto add_edge = [&](RoleId to, const Best& best, RoleId witness_role) {
        EscalationEdge edge;
        edge.from = from;
        edge.to = to;
        edge.kind = kind.kind;
        edge.action = std::string(best.prepared->probe->action);
        edge.condition = DescribeCombos(best.allowed, best.prepared->facts);
        // The witness: an allowed combination with the fewest facts set.
        uint32_t witness = 0;
        int fewest = 64;
        bool owns_always = true;
        size_t owns_bit = best.prepared->facts.size();
        for (size_t i = 0; i < best.prepared->facts.size(); ++i) {
          if (best.prepared->facts[i].kind == ConditionAtom::Kind::kPrincipalOwnsTarget) owns_bit = i;
        }
        for (uint32_t combo = 0; combo < best.allowed.size(); ++combo) {
          if (!best.allowed[combo]) continue;
          if (owns_bit == best.prepared->facts.size() || !(combo >> owns_bit & 1u)) owns_always = false;
          const int set = __builtin_popcount(combo);
          if (set < fewest) {
            fewest = set;
            witness = combo;
          }
        }
        edge.needs_ownership = owns_always;
        Fill(*best.prepared, from, witness_role, witness, &storage);
        edge.witness = ToOwned(policy, storage.request);
        graph.edges.push_back(std::move(edge));
      };
      if (!per_target) {
        const Best best = decide(kNoRole);
        if (best.prepared == nullptr) continue;
        for (RoleId to = 0; to < roles; ++to) {
          if (to != from) add_edge(to, best, kNoRole);
        }
        continue;
      }
      for (RoleId to = 0; to < roles; ++to) {
        if (to == from) continue;
        const Best best = decide(to);
        if (best.prepared != nullptr) add_edge(to, best, to);
      }
    }
  }
  std::vector<std::string_view> names(roles);
  for (RoleId role = 0; role < roles; ++role) names[role] = policy.role(role).name;
  std::sort(graph.edges.begin(), graph.edges.end(), [&](const EscalationEdge& x, const EscalationEdge& y) {
    if (x.from != y.from && names[x.from] != names[y.from]) return names[x.from] < names[y.from];
    if (x.to != y.to && names[x.to] != names[y.to]) return names[x.to] < names[y.to];
    return x.kind < y.kind;
  });
  graph.out.assign(roles, {});
  for (uint32_t i = 0; i < graph.edges.size(); ++i) graph.out[graph.edges[i].from].push_back(i);
  return graph;
}

std::string DescribeEdge(const Policy& policy, const EscalationEdge& edge) {
  const EdgeKindInfo& kind = EdgeKindOf(edge.kind);
  std::string object = std::string(kind.holder);
  const size_t at = object.find("{}");
  if (at != std::string::npos) {
    const std::string_view name = policy.role(edge.to).name;
    object.replace(at, 2, name);
    // "a {} holder" before a vowel: "an Agent User holder".
    if (at == 2 && object.compare(0, 2, "a ") == 0 && !name.empty() &&
        std::string_view("AEIOUaeiou").find(name[0]) != std::string_view::npos) {
      object.insert(1, "n");
    }
  }
  return fmt::format("{} {}: {}, {}", kind.phrase, object, edge.action, FormatCaseSet(edge.condition));
}

bool Standing(const EscalationEdge& edge, bool all_kinds) {
  return all_kinds || (EdgeKindOf(edge.kind).takeover && !edge.needs_ownership);
}

}  // namespace rolec::analysis
