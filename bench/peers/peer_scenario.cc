// bench/peers/peer_scenario.cc — the peer scenario as .role source, and the engine over it.
#include "bench/peers/peer_scenario.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <utility>

#include "fmt/format.h"
#include "rolec/compiler.hpp"
#include "runtime/action_pattern.h"

namespace rolec::bench {
namespace {

using nlohmann::json;

// The scenario's one forbid condition (README "Exclusion 2").
constexpr std::string_view kRagForbid = "targetMemberOrOwnerOfRoleAssignableGroup";
constexpr std::string_view kRagCondition = "target.role_assignable_group_member";
// More forbids on one role would mean 2^n variants of it; the scenario has one.
constexpr size_t kMaxForbidsPerRole = 6;

std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

struct Grant {
  std::vector<std::string> patterns;
  std::string role_set;  // targetRolesSubsetOf, "" if unconditional
};
struct ScenarioRole {
  std::string id;
  std::string display_name;
  std::vector<Grant> grants;
};
struct Forbid {
  std::string id;
  std::set<std::string> actions;
  std::vector<std::string> exempt;
};

bool Covers(const std::string& pattern, const std::string& action) {
  if (!runtime::PatternError(pattern).empty()) return false;  // the compiler reports it
  return runtime::PatternMatches(pattern, action);
}

absl::Status Invalid(std::string message) { return absl::InvalidArgumentError(std::move(message)); }

}  // namespace

std::string PeerPolicy::VariantName(size_t role, uint32_t applicable) const {
  const Role& r = roles[role];
  const uint32_t all = (uint32_t{1} << r.forbids.size()) - 1;
  if ((applicable & all) == all) return r.display_name;
  std::string exempt;
  for (size_t i = 0; i < r.forbids.size(); ++i) {
    if (applicable >> i & 1) continue;
    if (!exempt.empty()) exempt += ", ";
    exempt += forbid_ids[r.forbids[i]];
  }
  return fmt::format("{} [exempt: {}]", r.display_name, exempt);
}

absl::StatusOr<PeerPolicy> ConvertPeerScenario(const json& roles_json, const json& actions_json) {
  try {
    // The wildcard keywords must be rolec's (README: the scenario decides alike under both readings).
    std::set<std::string> wildcards;
    for (const json& w : roles_json.at("wildcardSegments")) wildcards.insert(w.get<std::string>());
    if (wildcards != std::set<std::string>{"allEntities", "allProperties", "allTasks"}) {
      return Invalid("wildcardSegments other than allEntities, allProperties, allTasks");
    }

    std::vector<ScenarioRole> roles;
    std::set<std::string> catalog;
    for (const json& a : actions_json) catalog.insert(a.get<std::string>());
    for (const json& r : roles_json.at("roles")) {
      ScenarioRole role;
      role.id = r.at("id").get<std::string>();
      role.display_name = r.value("displayName", role.id);
      for (const json& g : r.at("grants")) {
        Grant grant;
        for (const json& p : g.at("actions")) grant.patterns.push_back(p.get<std::string>());
        if (g.contains("condition")) {
          const json& c = g.at("condition");
          if (c.size() != 1 || !c.contains("targetRolesSubsetOf")) {
            return Invalid(fmt::format("unsupported condition {}", c.dump()));
          }
          grant.role_set = c.at("targetRolesSubsetOf").get<std::string>();
        }
        for (const std::string& p : grant.patterns) {
          if (runtime::IsConcrete(p)) catalog.insert(p);
        }
        role.grants.push_back(std::move(grant));
      }
      roles.push_back(std::move(role));
    }
    std::map<std::string, size_t> role_index;
    for (size_t i = 0; i < roles.size(); ++i) role_index[roles[i].id] = i;
    auto display = [&](const std::string& id) -> absl::StatusOr<std::string> {
      auto it = role_index.find(id);
      if (it == role_index.end()) return Invalid(fmt::format("unknown role '{}'", id));
      return roles[it->second].display_name;
    };

    std::vector<Forbid> forbids;
    for (const json& f : roles_json.value("forbids", json::array())) {
      Forbid forbid;
      forbid.id = f.at("id").get<std::string>();
      if (f.at("when").get<std::string>() != kRagForbid) {
        return Invalid(fmt::format("unsupported forbid condition {}", f.at("when").dump()));
      }
      for (const json& a : f.at("actions")) {
        std::string action = a.get<std::string>();
        if (!runtime::IsConcrete(action)) return Invalid(fmt::format("forbid names a pattern '{}'", action));
        forbid.actions.insert(action);
        catalog.insert(action);
      }
      for (const json& r : f.value("unlessPrincipalHasAnyRole", json::array())) {
        std::string id = r.get<std::string>();
        if (role_index.find(id) == role_index.end()) return Invalid(fmt::format("unknown role '{}'", id));
        forbid.exempt.push_back(id);
      }
      forbids.push_back(std::move(forbid));
    }

    PeerPolicy out;
    for (const Forbid& f : forbids) {
      out.forbid_ids.push_back(f.id);
      out.forbid_exempt.push_back(f.exempt);
    }
    std::string& s = out.source;
    s += "// The shared peer harness's scenario (../shared/bench-peers/scenario), converted by\n";
    s += "// bench/peers/peer_scenario.cc. Do not edit: regenerate from the scenario.\n";
    s += "module peers\n\n";
    for (const std::string& action : catalog) s += fmt::format("action {} {{}}\n", action);
    s += "\n";
    for (const auto& [name, members] : roles_json.at("roleSets").items()) {
      s += fmt::format("set roles {} = [", name);
      bool first = true;
      for (const json& m : members) {
        absl::StatusOr<std::string> member = display(m.get<std::string>());
        if (!member.ok()) return member.status();
        s += (first ? "" : ", ") + Quote(*member);
        first = false;
      }
      s += "]\n";
    }
    s += "\n";

    for (const ScenarioRole& role : roles) {
      PeerPolicy::Role converted{role.id, role.display_name, {}};
      // The forbids whose actions this role's grants cover.
      for (uint32_t f = 0; f < forbids.size(); ++f) {
        bool covers = false;
        for (const Grant& g : role.grants) {
          for (const std::string& p : g.patterns) {
            for (const std::string& a : forbids[f].actions) covers = covers || Covers(p, a);
          }
        }
        if (covers) converted.forbids.push_back(f);
      }
      if (converted.forbids.size() > kMaxForbidsPerRole) {
        return Invalid(fmt::format("role '{}' is touched by {} forbids (at most {})", role.id,
                                   converted.forbids.size(), kMaxForbidsPerRole));
      }
      out.roles.push_back(converted);
      const size_t index = out.roles.size() - 1;

      // One role per subset of its forbids that still apply; the full set is the plain role.
      const uint32_t variants = uint32_t{1} << converted.forbids.size();
      for (uint32_t applicable = variants; applicable-- > 0;) {
        std::set<std::string> forbidden;
        for (size_t i = 0; i < converted.forbids.size(); ++i) {
          if (applicable >> i & 1) {
            const auto& actions = forbids[converted.forbids[i]].actions;
            forbidden.insert(actions.begin(), actions.end());
          }
        }
        s += fmt::format("role {} {{\n", Quote(out.VariantName(index, applicable)));
        std::set<std::string> excepts;
        for (const Grant& g : role.grants) {
          std::vector<std::string> plain, guarded;
          for (const std::string& p : g.patterns) {
            if (runtime::IsConcrete(p)) {
              bool is_forbidden = false;
              for (const std::string& a : forbidden) is_forbidden = is_forbidden || runtime::EqualsIgnoreCase(p, a);
              (is_forbidden ? guarded : plain).push_back(p);
              continue;
            }
            plain.push_back(p);
            for (const std::string& a : forbidden) {
              if (Covers(p, a)) excepts.insert(a);
            }
          }
          std::string condition = g.role_set.empty() ? "" : fmt::format("target.roles within {}", g.role_set);
          auto emit = [&s](const std::vector<std::string>& patterns, const std::string& when) {
            if (patterns.empty()) return;
            for (size_t i = 0; i < patterns.size(); ++i) {
              s += i == 0 ? "  allow " : "        ";
              s += patterns[i];
              s += i + 1 < patterns.size() ? ",\n" : "\n";
            }
            if (!when.empty()) s += fmt::format("    when {}\n", when);
          };
          emit(plain, condition);
          emit(guarded, condition.empty() ? fmt::format("not {}", kRagCondition)
                                          : fmt::format("{} and not {}", condition, kRagCondition));
        }
        for (const std::string& a : excepts) s += fmt::format("  except {} when {}\n", a, kRagCondition);
        s += "}\n\n";
      }
    }
    return out;
  } catch (const json::exception& e) {
    return Invalid(fmt::format("malformed scenario JSON: {}", e.what()));
  }
}

namespace {

absl::StatusOr<json> ReadJson(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(fmt::format("cannot open {}", path));
  try {
    return json::parse(in);
  } catch (const json::exception& e) {
    return Invalid(fmt::format("{}: {}", path, e.what()));
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<PeerEngine>> PeerEngine::Load(const std::string& root) {
  absl::StatusOr<json> roles = ReadJson(root + "/scenario/roles.json");
  if (!roles.ok()) return roles.status();
  absl::StatusOr<json> actions = ReadJson(root + "/scenario/actions.json");
  if (!actions.ok()) return actions.status();
  absl::StatusOr<json> directory = ReadJson(root + "/scenario/directory.json");
  if (!directory.ok()) return directory.status();
  absl::StatusOr<PeerPolicy> converted = ConvertPeerScenario(*roles, *actions);
  if (!converted.ok()) return converted.status();

  CompileOptions options;
  options.with_stdlib = false;
  CompileResult compiled = Compile({{"peers.role", converted->source}}, options);
  if (!compiled.ok()) {
    std::string errors;
    for (const Diagnostic& d : compiled.diagnostics) {
      if (d.severity == Severity::kError) errors += FormatDiagnostic(d);
    }
    return Invalid(fmt::format("the converted scenario does not compile:\n{}", errors));
  }
  absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(std::move(compiled.image));
  if (!policy.ok()) return policy.status();

  try {
    std::map<std::string, size_t> role_index;
    for (size_t i = 0; i < converted->roles.size(); ++i) role_index[converted->roles[i].id] = i;
    std::set<std::string> role_assignable_groups;
    for (const json& g : directory->at("groups")) {
      if (g.value("isRoleAssignable", false)) role_assignable_groups.insert(g.at("id").get<std::string>());
    }
    std::vector<std::string> ids;
    for (const json& u : directory->at("users")) ids.push_back(u.at("id").get<std::string>());

    std::unique_ptr<PeerEngine> engine(new PeerEngine(*converted, *policy, IdTable(ids)));
    const PeerPolicy& c = engine->converted_;
    for (const json& u : directory->at("users")) {
      User user;
      std::vector<size_t> held;
      for (const json& r : u.value("roles", json::array())) {
        auto it = role_index.find(r.get<std::string>());
        if (it == role_index.end()) return Invalid(fmt::format("user holds unknown role {}", r.dump()));
        held.push_back(it->second);
      }
      // The forbids this principal is exempt from.
      std::vector<bool> exempt(c.forbid_exempt.size(), false);
      for (size_t f = 0; f < c.forbid_exempt.size(); ++f) {
        for (size_t r : held) {
          const auto& list = c.forbid_exempt[f];
          exempt[f] = exempt[f] || std::find(list.begin(), list.end(), c.roles[r].id) != list.end();
        }
      }
      std::vector<Assignment> assignments;
      std::vector<RoleId> plain_roles;
      for (size_t r : held) {
        uint32_t applicable = 0;
        for (size_t i = 0; i < c.roles[r].forbids.size(); ++i) {
          if (!exempt[c.roles[r].forbids[i]]) applicable |= uint32_t{1} << i;
        }
        RoleId variant = engine->policy_->FindRole(c.VariantName(r, applicable));
        RoleId plain = engine->policy_->FindRole(c.roles[r].display_name);
        if (variant == kNoRole || plain == kNoRole) {
          return absl::InternalError(fmt::format("role '{}' missing from the compiled policy", c.roles[r].id));
        }
        assignments.push_back({variant, ""});
        plain_roles.push_back(plain);
      }
      user.role_count = static_cast<uint32_t>(held.size());
      if (held.size() <= User::kInline) {
        std::copy(plain_roles.begin(), plain_roles.end(), user.roles);
      } else {
        user.first_overflow = static_cast<uint32_t>(engine->overflow_roles_.size());
        engine->overflow_roles_.insert(engine->overflow_roles_.end(), plain_roles.begin(), plain_roles.end());
      }
      for (const char* relation : {"memberOf", "ownerOf"}) {
        for (const json& g : u.value(relation, json::array())) {
          user.role_assignable_group_member |= role_assignable_groups.count(g.get<std::string>()) > 0;
        }
      }
      engine->users_info_.push_back(user);
      // As a principal, prepared once (docs/embedding.md §Prepared principals): what a decision reads.
      absl::StatusOr<PreparedPrincipal> prepared = engine->policy_->Prepare("", assignments);
      if (!prepared.ok()) return prepared.status();
      engine->prepared_.push_back(*std::move(prepared));
    }
    return engine;
  } catch (const json::exception& e) {
    return Invalid(fmt::format("malformed directory.json: {}", e.what()));
  }
}

PeerEngine::ResolvedRequest PeerEngine::Resolve(std::string_view principal, std::string_view action,
                                                std::string_view target) const {
  ResolvedRequest r;
  r.principal = users_.Find(principal);
  r.target = users_.Find(target);
  r.action = policy_->FindAction(action);
  r.action_name = action;
  return r;
}

}  // namespace rolec::bench
