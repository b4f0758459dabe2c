// tests/fuzz/differential_util.cc — CheckDifferential: the optimized path against the oracle.
//
// The fuzz input drives a structured generator (every input, however short, is a valid case:
// an exhausted input reads as zeros). Over a fixed catalog of fourteen actions chosen for the
// shapes on which matching semantics differ (subtypes, property paths of zero to four segments,
// two namespaces, intrinsic target rules), it writes a .role file of one to four roles with allow
// and except rules whose patterns use every keyword, action sets, role sets, `extends`, and
// conditions over every predicate nested up to three deep; then up to eight requests with actions
// in and out of the catalog (in odd case, or malformed), scopes, target attributes and context.
// The file must compile, and for every request Policy::Check by name, Policy::Check by
// pre-resolved id, Policy::Explain and compiler::ReferenceEvaluator must agree.
#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/frontend.h"
#include "reference/reference_evaluator.h"
#include "fmt/format.h"
#include "fuzz/fuzz_targets.h"
#include "rolec/rolec.hpp"

namespace rolec::fuzz {
namespace {

struct CatalogAction {
  const char* name;
  const char* properties;  // the rest of the action declaration's body
};

// INVARIANT: every pattern the generator writes is either one of these names (possibly in odd
// case) or contains a keyword, so that the generated file never names an unknown action (E0201).
constexpr CatalogAction kCatalog[] = {
    {"microsoft.directory/users/delete", ""},
    {"microsoft.directory/users/basic/update", ""},
    {"microsoft.directory/users/standard/read", ""},
    {"microsoft.directory/users/password/update", "privileged true"},
    {"microsoft.directory/users/authenticationMethods/standard/read", ""},
    {"microsoft.directory/groups/members/update", "requires not target.role_assignable"},
    {"microsoft.directory/groups/basic/update", ""},
    {"microsoft.directory/groups.security/basic/update", ""},
    {"microsoft.directory/groups.unified/delete", ""},
    {"microsoft.directory/applications/credentials/update",
     "privileged true requires principal owns target or target.kind != application"},
    {"microsoft.directory/verifiableCredentials/configuration/contracts/cards/revoke", ""},
    {"microsoft.directory/protected/thing/update", "protected true requires context.mfa"},
    {"microsoft.office365.serviceHealth/incidents/read", ""},
    {"microsoft.office365.serviceHealth/incidents/update", ""},
};
constexpr size_t kCatalogSize = sizeof kCatalog / sizeof kCatalog[0];

// Well-formed actions outside the catalog, each next to a catalog action on some axis: a new verb,
// a deeper subtype, a sibling entity that shares a prefix (`groupsx` is no subtype of `groups`),
// an extra or missing property segment, another namespace.
constexpr const char* kOutsideCatalog[] = {
    "microsoft.directory/users/frobnicate",
    "microsoft.directory/users/extra/basic/update",
    "microsoft.directory/users/password/extra/update",
    "microsoft.directory/groups.security.special/basic/update",
    "microsoft.directory/groups.other/members/update",
    "microsoft.directory/groupsx/basic/update",
    "microsoft.directory/verifiableCredentials/configuration/contracts/read",
    "microsoft.directory/verifiableCredentials/configuration/contracts/cards/x/revoke",
    "microsoft.directory/deletedItems.devices/delete",
    "microsoft.office365.serviceHealth/healthOverviews/read",
    "microsoft.azure.other/things/read",
};
// Keyword queries: allowed iff every action they denote is (docs/semantics.md §Keyword queries).
constexpr const char* kQueries[] = {
    "microsoft.directory/users/allTasks",
    "microsoft.directory/allEntities/basic/read",
    "microsoft.directory/users/allProperties/allTasks",
    "microsoft.directory/users/allProperties/read",
    "microsoft.directory/allEntities/allProperties/allTasks",
    "microsoft.directory/groups/allProperties/update",
    "microsoft.directory/groups.security/allTasks",
    "microsoft.office365.serviceHealth/allEntities/allTasks",
    "microsoft.directory/verifiableCredentials/configuration/contracts/allProperties/update",
};
// Actions no request may carry: the evaluators must both deny them.
constexpr const char* kMalformed[] = {
    "microsoft.directory/users",
    "microsoft.directory/allTasks/delete",
    "microsoft.directory/users/allProperties",
    "a/b/c/d/e/f/g/h",
    "microsoft.directory//delete",
};

constexpr const char* kKinds[] = {"user", "group", "device", "application", "servicePrincipal",
                                  "administrativeUnit", "roleDefinition", "other"};

// Reads bounded numbers from the fuzz input, front to back.
class ByteSource {
 public:
  explicit ByteSource(std::string_view data) : data_(data) {}

  // A number in [0, bound), bound in [1, 65536]; 0 once the input is exhausted.
  uint32_t Below(uint32_t bound) {
    uint32_t raw = Byte();
    if (bound > 256) raw = raw << 8 | Byte();
    return raw % bound;
  }
  // Counted from the top so that an exhausted input (zeros) takes no optional branch: the
  // shortest inputs give the simplest cases.
  bool Chance(uint32_t percent) { return Below(100) >= 100 - percent; }
  template <class T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(static_cast<uint32_t>(N))];
  }

 private:
  uint32_t Byte() {
    if (position_ >= data_.size()) return 0;
    return static_cast<unsigned char>(data_[position_++]);
  }
  std::string_view data_;
  size_t position_ = 0;
};

std::vector<std::string> Split(std::string_view action) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t slash = action.find('/', start);
    out.emplace_back(action.substr(start, slash - start));
    if (slash == std::string_view::npos) return out;
    start = slash + 1;
  }
}

std::string Join(const std::vector<std::string>& segments) {
  std::string out;
  for (const std::string& s : segments) out += (out.empty() ? "" : "/") + s;
  return out;
}

bool InCatalog(std::string_view action) {
  for (const CatalogAction& a : kCatalog) {
    if (a.name == action) return true;
  }
  return false;
}

class Generator {
 public:
  explicit Generator(std::string_view input) : in_(input) {}

  GeneratedCase Generate(std::vector<OwnedRequest>* requests) {
    GeneratedCase out;
    role_count_ = 1 + in_.Below(4);
    std::string& s = out.source;
    s += "module fz\n\n";
    for (const CatalogAction& a : kCatalog) {
      s += fmt::format("action {} {{ description \"d\" {} }}\n", a.name, a.properties);
    }
    s += "\n";
    role_set_count_ = in_.Below(3);
    for (uint32_t i = 0; i < role_set_count_; ++i) s += fmt::format("set roles S{} = {}\n", i, RoleList());
    action_set_count_ = in_.Below(3);
    for (uint32_t i = 0; i < action_set_count_; ++i) {
      s += fmt::format("set actions A{} = [{}", i, Pattern());
      for (uint32_t n = in_.Below(3); n > 0; --n) s += ", " + Pattern();
      s += "]\n";
    }
    for (uint32_t r = 0; r < role_count_; ++r) s += Role(r);

    const uint32_t count = 1 + in_.Below(8);
    for (uint32_t i = 0; i < count; ++i) {
      requests->push_back(Request());
      out.requests += Describe(requests->back()) + "\n";
    }
    return out;
  }

 private:
  std::string RoleName(uint32_t r) { return fmt::format("\"R{}\"", r); }
  std::string AnyRole() { return RoleName(in_.Below(role_count_)); }

  std::string RoleList() {
    std::string out = "[";
    for (uint32_t n = in_.Below(3); n > 0; --n) out += AnyRole() + (n > 1 ? ", " : "");
    return out + "]";
  }

  // A pattern built from an action by replacing segments with keywords or a supertype.
  std::string Pattern() {
    const bool outside = in_.Chance(20);
    std::string base = outside ? in_.Pick(kOutsideCatalog) : kCatalog[in_.Below(kCatalogSize)].name;
    std::vector<std::string> seg = Split(base);
    std::vector<std::string> props(seg.begin() + 2, seg.end() - 1);
    std::string entity = seg[1];
    std::string verb = seg.back();
    if (in_.Chance(20)) {
      entity = "allEntities";
    } else if (entity.find('.') != std::string::npos && in_.Chance(40)) {
      entity = entity.substr(0, entity.find('.'));
    }
    if (in_.Chance(30)) verb = "allTasks";
    if (in_.Chance(35)) {
      // allProperties after a fixed prefix of the property path; it may also be appended to an
      // action without one, as long as the pattern keeps at most seven segments.
      size_t keep = in_.Below(static_cast<uint32_t>(props.size()) + 1);
      if (keep + 4 > 7) keep = 3;
      props.resize(keep);
      props.push_back("allProperties");
    }
    std::vector<std::string> out = {seg[0], entity};
    out.insert(out.end(), props.begin(), props.end());
    out.push_back(verb);
    std::string pattern = Join(out);
    if (!InCatalog(pattern) && pattern.find("all") == std::string::npos) {
      pattern = Join({seg[0], entity, "allTasks"});  // concrete outside the catalog: E0201
    }
    if (in_.Chance(10)) FlipCase(&pattern);
    return pattern;
  }

  void FlipCase(std::string* text) {
    for (char& c : *text) {
      if (std::isalpha(static_cast<unsigned char>(c)) && in_.Chance(30)) {
        c = std::islower(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(c))
                                                        : static_cast<char>(std::tolower(c));
      }
    }
  }

  std::string RoleSet() {
    if (role_set_count_ > 0 && in_.Chance(50)) return fmt::format("S{}", in_.Below(role_set_count_));
    return RoleList();
  }

  std::string Predicate() {
    switch (in_.Below(16)) {
      case 0: return in_.Chance(50) ? "true" : "false";
      case 1: return fmt::format("target.kind == {}", in_.Pick(kKinds));
      case 2: return fmt::format("target.kind != {}", in_.Pick(kKinds));
      case 3: return fmt::format("target.kind in [{}, {}]", in_.Pick(kKinds), in_.Pick(kKinds));
      case 4: return "target.roles within " + RoleSet();
      case 5: return "target.roles in " + RoleSet();
      case 6: return "target.roles has " + AnyRole();
      case 7: return "target.role_assignable_group_member";
      case 8: return "target.restricted_au_role";
      case 9: return "target.in_restricted_au";
      case 10: return "target.role_assignable";
      case 11: return fmt::format("target.admin_units has \"au{}\"", 1 + in_.Below(2));
      case 12: return in_.Chance(50) ? "target is self" : "principal owns target";
      case 13: return in_.Chance(50) ? "scope is tenant" : "scope is admin_unit";
      case 14: return fmt::format("scope.admin_unit == \"au{}\"", 1 + in_.Below(2));
      default: return "context.mfa";
    }
  }

  std::string Condition(int depth) {
    const uint32_t shape = depth >= 3 ? 0 : in_.Below(5);
    switch (shape) {
      case 1: return "not " + Condition(depth + 1);
      case 2:
      case 3: {
        const char* op = shape == 2 ? " and " : " or ";
        std::string out = "(" + Condition(depth + 1);
        for (uint32_t n = 1 + in_.Below(3); n > 0; --n) out += op + Condition(depth + 1);
        return out + ")";
      }
      default: return Predicate();
    }
  }

  std::string Role(uint32_t r) {
    std::string out = "role " + RoleName(r);
    if (r > 0 && in_.Chance(25)) {
      const uint32_t first = in_.Below(r);
      out += " extends " + RoleName(first);
      const uint32_t second = in_.Below(r);
      if (second != first && in_.Chance(30)) out += ", " + RoleName(second);
    }
    out += " {\n";
    for (uint32_t n = 1 + in_.Below(4); n > 0; --n) {
      out += in_.Chance(30) ? "  except " : "  allow ";
      for (uint32_t items = 1 + in_.Below(2); items > 0; --items) {
        if (action_set_count_ > 0 && in_.Chance(15)) {
          out += fmt::format("A{}", in_.Below(action_set_count_));
        } else {
          out += Pattern();
        }
        if (items > 1) out += ", ";
      }
      if (in_.Chance(50)) out += " when " + Condition(0);
      out += "\n";
    }
    return out + "}\n";
  }

  std::string Action() {
    const uint32_t pick = in_.Below(100);
    std::string action;
    if (pick < 55) action = kCatalog[in_.Below(kCatalogSize)].name;
    else if (pick < 85) action = in_.Pick(kOutsideCatalog);
    else if (pick < 96) action = in_.Pick(kQueries);
    else action = in_.Pick(kMalformed);
    if (in_.Chance(10)) FlipCase(&action);
    return action;
  }

  OwnedRequest Request() {
    OwnedRequest r;
    r.principal_id = in_.Chance(90) ? "alice" : "";
    for (uint32_t n = 1 + in_.Below(3); n > 0; --n) {
      OwnedAssignment a;
      a.role = fmt::format("R{}", in_.Below(role_count_));
      if (in_.Chance(25)) a.scope = fmt::format("/administrativeUnits/au{}", 1 + in_.Below(2));
      r.assignments.push_back(a);
    }
    r.action = Action();
    r.target.kind = static_cast<TargetKind>(in_.Below(kTargetKindCount));
    const uint32_t id = in_.Below(3);
    r.target.id = id == 0 ? "alice" : id == 1 ? "bob" : "";
    for (uint32_t n = in_.Below(3); n > 0; --n) r.target.roles.push_back(fmt::format("R{}", in_.Below(role_count_)));
    r.target.role_assignable_group_member = in_.Chance(25);
    r.target.role_scoped_to_restricted_admin_unit = in_.Chance(20);
    r.target.in_restricted_admin_unit = in_.Chance(20);
    r.target.role_assignable = in_.Chance(25);
    if (in_.Chance(40)) r.target.admin_units.push_back("au1");
    if (in_.Chance(40)) r.target.admin_units.push_back("au2");
    for (const std::string& unit : r.target.admin_units) {
      if (in_.Chance(30)) r.target.restricted_admin_units.push_back(unit);
    }
    if (in_.Chance(30)) r.target.owners.push_back("alice");
    r.context.mfa = in_.Chance(50);
    return r;
  }

  static std::string Describe(const OwnedRequest& r) {
    std::string out = fmt::format("principal '{}' as", r.principal_id);
    for (const OwnedAssignment& a : r.assignments) out += fmt::format(" {}@{}", a.role, a.scope);
    out += fmt::format(" {} on {} id '{}' roles [", r.action,
                       r.target.kind == TargetKind::kUnspecified ? "(unspecified)"
                                                                 : TargetKindName(r.target.kind),
                       r.target.id);
    for (const std::string& role : r.target.roles) out += " " + role;
    out += " ] aus [";
    for (const std::string& au : r.target.admin_units) out += " " + au;
    out += " ] restricted [";
    for (const std::string& au : r.target.restricted_admin_units) out += " " + au;
    out += " ] owners [";
    for (const std::string& o : r.target.owners) out += " " + o;
    out += fmt::format(" ] rag_member={} restricted_au_role={} in_restricted_au={} "
                       "role_assignable={} mfa={}",
                       r.target.role_assignable_group_member,
                       r.target.role_scoped_to_restricted_admin_unit,
                       r.target.in_restricted_admin_unit, r.target.role_assignable,
                       r.context.mfa);
    return out;
  }

  ByteSource in_;
  uint32_t role_count_ = 1;
  uint32_t role_set_count_ = 0;
  uint32_t action_set_count_ = 0;
};

const char* Name(Decision d) { return d == Decision::kAllow ? "allow" : "deny"; }

}  // namespace

GeneratedCase DescribeDifferentialInput(std::string_view input) {
  std::vector<OwnedRequest> requests;
  return Generator(input).Generate(&requests);
}

std::string CheckDifferential(std::string_view input, DifferentialStats* stats) {
  if (input.size() > kMaxFuzzInputBytes) return "";
  std::vector<OwnedRequest> requests;
  const GeneratedCase generated = Generator(input).Generate(&requests);
  const std::vector<SourceFile> sources = {{"generated.role", generated.source}};
  CompileOptions options;
  options.with_stdlib = false;
  const CompileResult result = Compile(sources, options);
  if (!result.ok()) {
    std::string out = "the generated policy does not compile:\n";
    for (const Diagnostic& d : result.diagnostics) out += FormatDiagnostic(d);
    return out + generated.source;
  }
  absl::StatusOr<std::shared_ptr<const Policy>> loaded = Policy::Load(result.image);
  if (!loaded.ok()) {
    return fmt::format("the compiled image does not load: {}\n{}", std::string(loaded.status().message()),
                       generated.source);
  }
  const Policy& policy = **loaded;
  std::unique_ptr<compiler::Frontend> frontend = compiler::RunFrontend(sources, options);
  const compiler::ReferenceEvaluator reference(frontend->program);

  for (size_t i = 0; i < requests.size(); ++i) {
    const OwnedRequest& owned = requests[i];
    auto fail = [&](const std::string& what, const Explanation* explanation,
                    const BoundRequest* bound) {
      std::string out = fmt::format("request {}: {}\n{}\nrequests:\n{}", i, what,
                                    generated.source, generated.requests);
      if (explanation != nullptr) {
        out += "explanation:\n" + policy.FormatExplanation(bound->request(), *explanation);
      }
      return out;
    };
    absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(policy, owned);
    if (!bound.ok()) return fail("does not bind: " + std::string(bound.status().message()), nullptr, nullptr);
    const Decision by_name = policy.Check(bound->request());
    const Explanation explained = policy.Explain(bound->request());
    const Decision oracle = reference.Evaluate(owned);
    if (explained.decision != by_name) {
      return fail(fmt::format("Check says {}, Explain says {}", Name(by_name),
                              Name(explained.decision)),
                  &explained, &*bound);
    }
    if (oracle != by_name) {
      return fail(fmt::format("the VM says {}, the reference evaluator says {}", Name(by_name),
                              Name(oracle)),
                  &explained, &*bound);
    }
    if (stats != nullptr) {
      ++(by_name == Decision::kAllow ? stats->allows : stats->denies);
      if (!explained.errors.empty()) ++stats->errors;
    }
    Request by_id = bound->request();
    by_id.action_id = policy.FindAction(owned.action);
    if (by_id.action_id != kNoAction && policy.Check(by_id) != by_name) {
      return fail(fmt::format("Check by action id says {}, by name {}", Name(policy.Check(by_id)),
                              Name(by_name)),
                  &explained, &*bound);
    }
  }
  return "";
}

}  // namespace rolec::fuzz
