// bench/synthetic_policy.cc — the synthetic policy generator (see synthetic_policy.h).
#include "bench/synthetic_policy.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "bench/rng.h"
#include "fmt/format.h"

namespace rolec::bench {
namespace {

// Entra-shaped vocabulary. Dotted entities are subtypes (`groups.security` ⊂ `groups`), which the
// compiler's pattern expansion must handle; no name is a keyword (allEntities, allProperties,
// allTasks).
const std::vector<std::string> kDirectoryEntities = {
    "users", "groups", "groups.security", "groups.unified", "devices", "applications",
    "servicePrincipals", "administrativeUnits", "contacts", "domains", "organization", "policies",
    "roleAssignments", "roleDefinitions", "auditLogs", "signInReports", "bitlockerKeys",
    "deletedItems", "deletedItems.users", "deletedItems.groups", "conditionalAccessPolicies",
    "authorizationPolicy", "namedLocations", "entitlementManagement", "accessReviews", "connectors",
    "crossTenantAccessPolicy", "identityProviders", "identityProtection", "permissionGrantPolicies",
    "subscribedSkus", "hybridAuthenticationPolicy", "passwordHashSync", "verifiableCredentials",
    "lifecycleWorkflows", "customAuthenticationExtensions", "multiTenantOrganization",
    "authenticationMethodPolicies", "b2cUserFlow", "b2cTrustFrameworkPolicy"};
const std::vector<std::string> kServiceNamespaces = {
    "microsoft.office365.serviceHealth", "microsoft.office365.supportTickets",
    "microsoft.azure.supportTickets", "microsoft.office365.usageReports",
    "microsoft.office365.messageCenter", "microsoft.intune", "microsoft.exchange",
    "microsoft.sharepoint", "microsoft.teams", "microsoft.insights", "microsoft.azure.print",
    "microsoft.cloudPC", "microsoft.dynamics365", "microsoft.powerApps",
    "microsoft.permissionsManagement", "microsoft.windows.defenderAdvancedThreatProtection"};
const std::vector<std::string> kServiceEntities = {
    "tickets", "messages", "reports", "policies", "devices", "printers", "connectors", "sites",
    "teams", "configurations", "summary", "exchange", "sharePoint", "events", "resourceHealth",
    "apps", "environments", "alerts", "incidents", "queues"};
const std::vector<std::string> kProperties = {
    "standard", "basic", "members", "owners", "credentials", "password", "authenticationMethods",
    "appRoleAssignedTo", "memberOf", "manager", "photo", "settings", "tag", "audience",
    "permissions", "synchronization", "lifeCycleInfo", "sponsors", "extensionAttributeSet1",
    "userPrincipalName", "notes", "registeredDevices", "hiddenMembers", "detail", "configuration"};
const std::vector<std::string> kSubProperties = {"secrets", "certificates", "jobs", "fido2", "schedules"};
const std::vector<std::string> kEntityVerbs = {
    "create", "delete", "restore", "enable", "disable", "invalidateAllRefreshTokens", "assignLicense"};
constexpr std::string_view kDirectory = "microsoft.directory";
constexpr uint32_t kMaxBaseRoles = 16;
constexpr uint32_t kRoleSets = 8;

std::string_view Namespace(std::string_view action) { return action.substr(0, action.find('/')); }
std::string_view Entity(std::string_view action) {
  size_t a = action.find('/');
  size_t b = action.find('/', a + 1);
  return action.substr(a + 1, b - a - 1);
}
std::string_view Verb(std::string_view action) { return action.substr(action.rfind('/') + 1); }

// The actions one (namespace, entity) pair contributes to the candidate pool.
void AddEntityActions(Rng& rng, const std::string& ns, const std::string& entity, std::set<std::string>& out) {
  std::string prefix = fmt::format("{}/{}/", ns, entity);
  uint32_t verbs = rng.Between(1, 4);
  for (uint32_t i = 0; i < verbs; ++i) out.insert(prefix + rng.Pick(kEntityVerbs));
  out.insert(prefix + "standard/read");
  uint32_t properties = rng.Between(3, 8);
  for (uint32_t i = 0; i < properties; ++i) {
    const std::string& property = rng.Pick(kProperties);
    out.insert(fmt::format("{}{}/read", prefix, property));
    if (rng.Percent(70)) out.insert(fmt::format("{}{}/update", prefix, property));
    if (rng.Percent(10)) out.insert(fmt::format("{}{}/{}/update", prefix, property, rng.Pick(kSubProperties)));
  }
}

std::vector<std::string> GenerateCatalog(Rng& rng, uint32_t size) {
  std::set<std::string> pool;
  for (const std::string& entity : kDirectoryEntities) AddEntityActions(rng, std::string(kDirectory), entity, pool);
  for (const std::string& ns : kServiceNamespaces) {
    std::vector<std::string> entities = kServiceEntities;
    rng.Shuffle(entities);
    uint32_t count = rng.Between(3, 8);
    for (uint32_t i = 0; i < count; ++i) AddEntityActions(rng, ns, entities[i], pool);
  }
  // Larger catalogs than the vocabulary gives: more directory entities.
  for (uint32_t k = 1; pool.size() < size; ++k) {
    AddEntityActions(rng, std::string(kDirectory), fmt::format("customEntity{}", k), pool);
  }
  std::vector<std::string> actions(pool.begin(), pool.end());
  rng.Shuffle(actions);
  actions.resize(size);
  std::sort(actions.begin(), actions.end());
  return actions;
}

// What the role generator draws from: the catalog grouped the way patterns address it.
struct CatalogShape {
  std::vector<std::pair<std::string, std::string>> entities;            // (namespace, entity)
  std::map<std::pair<std::string, std::string>, std::vector<uint32_t>> by_entity;  // -> action indices
  std::vector<std::pair<std::string, std::string>> read_entities;  // entities with a read action
  std::vector<uint32_t> reads;                  // actions whose verb is `read`
  std::vector<std::string> service_namespaces;  // namespaces other than the directory with a read action
  std::vector<uint32_t> sensitive;              // directory actions on users/groups/devices that modify
};

CatalogShape Shape(const std::vector<std::string>& actions) {
  CatalogShape shape;
  std::set<std::string> namespaces;
  for (uint32_t i = 0; i < actions.size(); ++i) {
    std::string ns(Namespace(actions[i]));
    std::string entity(Entity(actions[i]));
    auto key = std::make_pair(ns, entity);
    if (shape.by_entity.find(key) == shape.by_entity.end()) shape.entities.push_back(key);
    shape.by_entity[key].push_back(i);
    bool modifies = Verb(actions[i]) != "read";
    if (!modifies) {
      shape.reads.push_back(i);
      if (shape.read_entities.empty() || shape.read_entities.back() != key) shape.read_entities.push_back(key);
      if (ns != kDirectory) namespaces.insert(ns);
    }
    bool user_like = entity == "users" || entity == "groups" || entity == "devices";
    if (ns == kDirectory && modifies && user_like) shape.sensitive.push_back(i);
  }
  shape.service_namespaces.assign(namespaces.begin(), namespaces.end());
  if (shape.sensitive.empty()) {
    for (uint32_t i = 0; i < actions.size(); ++i) {
      if (Verb(actions[i]) != "read") shape.sensitive.push_back(i);
    }
  }
  if (shape.sensitive.empty()) shape.sensitive.push_back(0);
  if (shape.reads.empty()) {  // a catalog without reads: base roles read whatever there is
    shape.reads.push_back(0);
    shape.read_entities.push_back(shape.entities[0]);
  }
  return shape;
}

std::string Guid(Rng& rng, uint32_t index) {
  // The last group is the role index, so template ids are unique whatever the random bits.
  uint64_t r = rng.Next();
  return fmt::format("{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}", static_cast<uint32_t>(r >> 32),
                     static_cast<uint32_t>(r >> 16) & 0xFFFF, static_cast<uint32_t>(r >> 4) & 0xFFF,
                     static_cast<uint32_t>(rng.Next()) & 0xFFF, index);
}

class RoleWriter {
 public:
  RoleWriter(Rng& rng, const std::vector<std::string>& actions, const CatalogShape& shape, uint32_t base_roles)
      : rng_(rng), actions_(actions), shape_(shape), base_roles_(base_roles) {}

  static std::string BaseName(uint32_t i) { return fmt::format("Synthetic Base {:02}", i); }
  static std::string CustomName(uint32_t i) { return fmt::format("Synthetic Role {:06}", i); }

  // A base role: a reader that custom roles extend.
  void Base(uint32_t index, std::string& out) {
    std::vector<std::string> patterns;
    for (int i = 0; i < 5; ++i) patterns.push_back(actions_[rng_.Pick(shape_.reads)]);
    std::sort(patterns.begin(), patterns.end());
    patterns.erase(std::unique(patterns.begin(), patterns.end()), patterns.end());
    const auto& [ns, entity] = rng_.Pick(shape_.read_entities);
    patterns.push_back(fmt::format("{}/{}/allProperties/read", ns, entity));
    out += fmt::format("/// Synthetic base role {}: reads a few entities.\n", index);
    out += fmt::format("role \"{}\" {{\n", BaseName(index));
    out += fmt::format("  id          \"{}\"\n", Guid(rng_, index));
    out += fmt::format("  description \"Synthetic base role {}\"\n", index);
    Allow(patterns, "", out);
    out += "}\n\n";
  }

  // A custom role: concrete actions, an entity wildcard, conditional grants, sometimes an except.
  void Custom(uint32_t index, std::string& out) {
    out += fmt::format("/// Synthetic custom role {}.\n", index);
    out += fmt::format("role \"{}\"", CustomName(index));
    if (rng_.Percent(10)) out += fmt::format(" extends \"{}\"", BaseName(rng_.Below(base_roles_)));
    out += " {\n";
    out += fmt::format("  id          \"{}\"\n", Guid(rng_, index));
    out += fmt::format("  description \"Synthetic custom role {}\"\n", index);

    // Concrete actions from one or two entities.
    std::vector<std::string> concrete;
    uint32_t entities = rng_.Between(1, 2);
    for (uint32_t e = 0; e < entities; ++e) {
      const auto& members = shape_.by_entity.at(rng_.Pick(shape_.entities));
      uint32_t count = rng_.Between(1, 4);
      for (uint32_t i = 0; i < count; ++i) concrete.push_back(actions_[rng_.Pick(members)]);
    }
    std::sort(concrete.begin(), concrete.end());
    concrete.erase(std::unique(concrete.begin(), concrete.end()), concrete.end());
    Allow(concrete, "", out);

    // An entity wildcard, and sometimes an except inside it.
    if (rng_.Percent(50)) {
      bool all_tasks = rng_.Percent(50);
      const auto& key = all_tasks ? rng_.Pick(shape_.entities) : rng_.Pick(shape_.read_entities);
      Allow({fmt::format("{}/{}/allProperties/{}", key.first, key.second, all_tasks ? "allTasks" : "read")}, "", out);
      const auto& members = shape_.by_entity.at(key);
      if (all_tasks && members.size() >= 2 && rng_.Percent(20)) {
        std::string excepted = actions_[rng_.Pick(members)];
        std::string condition = rng_.Percent(50) ? "" : fmt::format("target.roles within {}", SetName());
        Rule("except", {excepted}, condition, out);
      }
    }
    // A reader over a whole service namespace.
    if (rng_.Percent(3) && !shape_.service_namespaces.empty()) {
      Allow({fmt::format("{}/allEntities/allProperties/read", rng_.Pick(shape_.service_namespaces))}, "", out);
    }
    // Sensitive actions guarded like Entra's reset-password matrix.
    if (rng_.Percent(30)) {
      std::vector<std::string> guarded;
      uint32_t count = rng_.Between(1, 3);
      for (uint32_t i = 0; i < count; ++i) guarded.push_back(actions_[rng_.Pick(shape_.sensitive)]);
      std::sort(guarded.begin(), guarded.end());
      guarded.erase(std::unique(guarded.begin(), guarded.end()), guarded.end());
      std::string condition = fmt::format("target.roles within {}", SetName());
      if (rng_.Percent(50)) condition += "\n     and not target.role_assignable_group_member";
      Allow(guarded, condition, out);
    }
    // Other target and context conditions.
    if (rng_.Percent(10)) {
      static const char* const kConditions[] = {"target.kind == user", "context.mfa",
                                                "not target.role_assignable_group_member",
                                                "target.kind in [user, group] and context.mfa"};
      Allow({actions_[rng_.Pick(shape_.sensitive)]}, kConditions[rng_.Below(4)], out);
    }
    out += "}\n\n";
  }

  std::string SetName() { return fmt::format("synth_set_{}", rng_.Below(kRoleSets)); }

 private:
  void Allow(const std::vector<std::string>& patterns, const std::string& condition, std::string& out) {
    Rule("allow", patterns, condition, out);
  }
  // One pattern per line, as the stdlib writes them.
  static void Rule(std::string_view keyword, const std::vector<std::string>& patterns,
                   const std::string& condition, std::string& out) {
    for (size_t i = 0; i < patterns.size(); ++i) {
      out += i == 0 ? fmt::format("  {} ", keyword) : std::string("        ");
      out += patterns[i];
      out += i + 1 < patterns.size() ? ",\n" : "\n";
    }
    if (!condition.empty()) out += fmt::format("    when {}\n", condition);
  }

  Rng& rng_;
  const std::vector<std::string>& actions_;
  const CatalogShape& shape_;
  uint32_t base_roles_;
};

size_t CountLines(const std::string& text) { return std::count(text.begin(), text.end(), '\n'); }

}  // namespace

SyntheticPolicy GenerateSyntheticPolicy(const SyntheticOptions& options) {
  Rng rng(options.seed);
  SyntheticPolicy policy;
  policy.actions = GenerateCatalog(rng, std::max<uint32_t>(options.actions, 1));
  CatalogShape shape = Shape(policy.actions);

  std::string catalog = "module synth\n\n";
  catalog += fmt::format("// Synthetic action catalog: {} actions (bench/synthetic_policy.cc).\n", policy.actions.size());
  for (size_t i = 0; i < policy.actions.size(); ++i) {
    catalog += fmt::format("action {} {{ description \"Synthetic action {}\" }}\n", policy.actions[i], i);
  }
  policy.files.push_back({"synthetic/catalog.role", std::move(catalog)});

  const uint32_t total = std::max<uint32_t>(options.roles, 1);
  policy.base_roles = std::min(total, kMaxBaseRoles);
  RoleWriter writer(rng, policy.actions, shape, policy.base_roles);
  const uint32_t per_file = std::max<uint32_t>(options.roles_per_file, 1);
  std::string text;
  for (uint32_t i = 0; i < total; ++i) {
    if (i % per_file == 0) {
      if (i > 0) {
        policy.files.push_back({fmt::format("synthetic/roles_{:04}.role", i / per_file - 1), std::move(text)});
      }
      text = "module synth\n\n";
    }
    if (i == 0) {
      // Role sets over the base roles, for `target.roles within` conditions.
      for (uint32_t s = 0; s < kRoleSets; ++s) {
        text += fmt::format("set roles synth_set_{} = [", s);
        uint32_t members = std::min(policy.base_roles, rng.Between(3, 8));
        std::set<uint32_t> picked;
        while (picked.size() < members) picked.insert(rng.Below(policy.base_roles));
        bool first = true;
        for (uint32_t m : picked) {
          text += fmt::format("{}\"{}\"", first ? "" : ", ", RoleWriter::BaseName(m));
          first = false;
        }
        text += "]\n";
      }
      text += "\n";
    }
    if (i < policy.base_roles) {
      policy.role_names.push_back(RoleWriter::BaseName(i));
      writer.Base(i, text);
    } else {
      policy.role_names.push_back(RoleWriter::CustomName(i));
      writer.Custom(i, text);
    }
  }
  policy.files.push_back({fmt::format("synthetic/roles_{:04}.role", (total - 1) / per_file), std::move(text)});
  for (const SourceFile& file : policy.files) {
    policy.lines += CountLines(file.text);
    policy.bytes += file.text.size();
  }
  return policy;
}

CompileOptions SyntheticCompileOptions(const SyntheticPolicy& policy) {
  CompileOptions options;
  options.with_stdlib = false;
  options.max_total_bytes = std::max(options.max_total_bytes, policy.bytes + 1);
  options.max_roles = std::max<size_t>(options.max_roles, policy.role_names.size());
  return options;
}

}  // namespace rolec::bench
