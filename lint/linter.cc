// lint/linter.cc — the lint rules' checks, configuration and suppressions.
//
// Coverage is decided over the catalog (CatalogIndex::Expand), the same expansion the compiler
// lowers grants with; "unconditional" means an allow or except without `when`.
#include "lint/linter.h"

#include <algorithm>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "fmt/format.h"
#include "lint/condition_rules.h"
#include "lint/escalation_risk.h"
#include "lint/rules.h"
#include "lint/scopability_rules.h"
#include "lint/suppressions.h"
#include "compiler/emit.h"
#include "rolec/analysis.hpp"
#include "rolec/policy.hpp"
#include "runtime/action_pattern.h"

namespace rolec::lint {
namespace {

using rolec::ActionId;
using compiler::CatalogIndex;
using compiler::Frontend;
using compiler::ParsedFile;
using rolec::RoleId;

// The name of the stdlib set of keyword permissions custom roles may hold (stdlib/entra/catalog.role).
constexpr std::string_view kCustomPatternsSet = "custom_role_permission_patterns";

std::string LineText(std::string_view text, uint32_t line) {
  size_t start = 0;
  for (uint32_t l = 1; l < line; ++l) {
    start = text.find('\n', start);
    if (start == std::string_view::npos) return "";
    ++start;
  }
  size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  std::string_view out = text.substr(start, end - start);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return std::string(out);
}

// An action path of a rule, with the set it came through (for messages), if any.
struct Item {
  const grammar::ActionPath* path = nullptr;
  SourceSpan span;      // where to point: the path, or the set name it came through
  std::string via_set;  // "" if written in the rule itself
};

class Linter {
 public:
  Linter(Frontend& fe, const Config& config) : fe_(fe), config_(config) {
    for (RoleId id = 0; id < fe_.symbols->roles().size(); ++id) {
      role_of_decl_[fe_.symbols->roles()[id].decl] = id;
    }
    // The stdlib's keyword permissions for custom roles, lower-cased.
    for (const ParsedFile& file : fe_.files) {
      if (!file.from_stdlib) continue;
      for (const grammar::Item& item : file.ast->items) {
        const auto* set = std::get_if<grammar::SetDecl>(&item);
        if (set == nullptr || set->name != kCustomPatternsSet) continue;
        for (const grammar::ActionItem& a : set->actions) {
          if (const auto* p = std::get_if<grammar::ActionPath>(&a.value)) {
            custom_patterns_.insert(compiler::ToLower(p->text));
          }
        }
      }
    }
  }

  std::vector<Diagnostic> Run() {
    for (const ParsedFile& file : fe_.files) {
      if (file.from_stdlib) continue;
      for (const grammar::Item& item : file.ast->items) {
        if (const auto* role = std::get_if<grammar::RoleDecl>(&item)) LintRole(file, *role);
      }
    }
    LintAgainstBuiltins();
    LintEscalationRisk();
    ApplySuppressions();
    std::stable_sort(findings_.begin(), findings_.end(), [this](const Diagnostic& a, const Diagnostic& b) {
      return std::tie(file_order_[a.span.file], a.span.line, a.span.column) <
             std::tie(file_order_[b.span.file], b.span.line, b.span.column);
    });
    return std::move(findings_);
  }

 private:
  void Report(std::string_view rule, const SourceSpan& span, std::string message, std::string help = "") {
    std::optional<Severity> severity = config_.SeverityOf(rule);
    if (!severity.has_value()) return;
    Diagnostic d;
    d.severity = *severity;
    d.code = std::string(rule);
    d.message = std::move(message);
    d.span = span;
    d.help = std::move(help);
    for (const ParsedFile& file : fe_.files) {
      if (file.path == span.file) d.source_line = LineText(file.text, span.line);
    }
    findings_.push_back(std::move(d));
  }

  void Report(std::vector<RuleFinding> findings) {
    for (RuleFinding& f : findings) Report(f.rule, f.span, std::move(f.message), std::move(f.help));
  }

  // The program compiled and loaded once, for the rules that ask the analysis layer; null if it
  // cannot be (the compile that precedes lint reports why).
  const Policy* CompiledPolicy() {
    if (policy_built_) return policy_.get();
    policy_built_ = true;
    compiler::DiagnosticSink scratch;
    std::string image = compiler::EmitImage(fe_.program, scratch, size_t{256} << 20);
    if (image.empty() || scratch.has_errors()) return nullptr;
    absl::StatusOr<std::shared_ptr<const Policy>> loaded = Policy::Load(std::move(image));
    if (loaded.ok()) policy_ = *std::move(loaded);
    return policy_.get();
  }
  // The user role `id` of the program in CompiledPolicy(), or kNoRole.
  RoleId PolicyRole(RoleId id) {
    const Policy* policy = CompiledPolicy();
    if (policy == nullptr) return kNoRole;
    const std::string& name = fe_.program.roles[id].name;
    const RoleId found = policy->FindRole(name);
    return found != kNoRole && policy->role(found).name == name ? found : kNoRole;
  }

  // The rule's action paths, action sets expanded (recursively, each set once).
  std::vector<Item> Items(const ParsedFile& file, const grammar::RuleDecl& rule) {
    std::vector<Item> out;
    std::set<const grammar::SetDecl*> seen;
    for (const grammar::ActionItem& a : rule.actions) AddItem(file, a, "", SourceSpan{}, seen, out);
    return out;
  }

  void AddItem(const ParsedFile& file, const grammar::ActionItem& a, const std::string& via,
               const SourceSpan& via_span, std::set<const grammar::SetDecl*>& seen, std::vector<Item>& out) {
    if (const auto* p = std::get_if<grammar::ActionPath>(&a.value)) {
      out.push_back({p, via.empty() ? p->span : via_span, via});
      return;
    }
    const auto& name = std::get<grammar::Name>(a.value);
    compiler::DiagnosticSink scratch;  // the compiler has reported unknown sets already
    const compiler::SetSymbol* set = fe_.symbols->ResolveSet(name, file, scratch);
    if (set == nullptr || !seen.insert(set->decl).second) return;
    const std::string set_name = name.module.empty() ? name.text : name.module + "." + name.text;
    for (const grammar::ActionItem& member : set->decl->actions) {
      AddItem(*set->file, member, via.empty() ? set_name : via, via.empty() ? name.span : via_span, seen, out);
    }
  }

  const std::vector<ActionId>& Covered(const grammar::ActionPath& path) {
    return fe_.catalog->Expand(path.text);
  }

  void LintRole(const ParsedFile& file, const grammar::RoleDecl& decl) {
    auto found = role_of_decl_.find(&decl);
    if (found == role_of_decl_.end()) return;
    const RoleId id = found->second;
    const compiler::IrRole& role = fe_.program.roles[id];
    LintRoleElsewhere(decl, id);

    // What the role holds unconditionally from the roles it extends, and everything it may grant.
    absl::flat_hash_set<ActionId> inherited_unconditional;
    absl::flat_hash_set<ActionId> granted;  // any allow, conditional or not, own or inherited
    for (const compiler::IrRule& rule : role.rules) {
      if (rule.is_except) continue;
      granted.insert(rule.covered.begin(), rule.covered.end());
    }
    for (RoleId base : fe_.symbols->roles()[id].extends) {
      for (const compiler::IrRule& rule : fe_.program.roles[base].rules) {
        if (!rule.is_except && !rule.condition.has_value()) {
          inherited_unconditional.insert(rule.covered.begin(), rule.covered.end());
        }
      }
    }

    // extends-deprecated, and custom-unavailable-action through an extended role (Entra custom
    // roles have no inheritance: an export lists the base's permissions as the role's own).
    for (size_t i = 0; i < decl.extends.size() && i < fe_.symbols->roles()[id].extends.size(); ++i) {
      const RoleId base = fe_.symbols->roles()[id].extends[i];
      const compiler::IrRole& base_role = fe_.program.roles[base];
      if (base_role.deprecated) {
        Report("extends-deprecated", decl.extends[i].span,
               fmt::format("role '{}' extends '{}', which Microsoft has deprecated", role.name, base_role.name),
               "deprecated roles stay assignable but get no new permissions; extend (or copy the "
               "permissions of) the role that replaces it");
      }
      // One finding per base: the first permission Entra would reject, and how many there are.
      std::string first, first_why;
      size_t unavailable = 0;
      for (const compiler::IrRule& rule : base_role.rules) {
        if (rule.is_except) continue;
        for (const std::string& pattern : rule.patterns) {
          if (std::string why = Unavailable(pattern); !why.empty()) {
            if (unavailable++ == 0) {
              first = pattern;
              first_why = std::move(why);
            }
          }
        }
      }
      if (unavailable > 0) {
        Report("custom-unavailable-action", decl.extends[i].span,
               fmt::format("role '{}' extends '{}', whose permission '{}' {}{}", role.name,
                           base_role.name, first, first_why,
                           unavailable > 1 ? fmt::format(" ({} such permissions in all)", unavailable) : ""),
               "Entra custom roles cannot inherit; deploying this role lists the base's "
               "permissions as its own, and Entra rejects these");
      }
    }

    // Per rule: the items and their coverage.
    struct RuleItems {
      const grammar::RuleDecl* rule;
      std::vector<Item> items;
    };
    std::vector<RuleItems> rules;
    for (const grammar::RuleDecl& rule : decl.rules) rules.push_back({&rule, Items(file, rule)});

    absl::flat_hash_set<ActionId> unconditional_excepts;
    for (const RuleItems& r : rules) {
      if (!r.rule->is_except || r.rule->condition) continue;
      for (const Item& item : r.items) {
        const auto& c = Covered(*item.path);
        unconditional_excepts.insert(c.begin(), c.end());
      }
    }

    for (size_t ri = 0; ri < rules.size(); ++ri) {
      const RuleItems& r = rules[ri];
      for (size_t ii = 0; ii < r.items.size(); ++ii) {
        const Item& item = r.items[ii];
        const std::string& text = item.path->text;
        const std::string via = item.via_set.empty() ? "" : fmt::format(" (through set '{}')", item.via_set);
        const std::vector<ActionId>& covered = Covered(*item.path);
        if (r.rule->is_except) {
          const bool removes = std::any_of(covered.begin(), covered.end(),
                                           [&](ActionId a) { return granted.count(a) > 0; });
          if (!removes && !covered.empty()) {
            Report("except-removes-nothing", item.span,
                   fmt::format("except '{}'{} removes nothing: role '{}' grants none of the {} it covers",
                               text, via, role.name, Plural(covered.size())),
                   "delete the except, or check it names the action you meant");
          }
          continue;
        }
        // custom-unavailable-action
        if (std::string why = Unavailable(text); !why.empty()) {
          Report("custom-unavailable-action", item.span, fmt::format("'{}'{} {}", text, via, why),
                 AvailableHelp(*item.path));
        }
        // privileged-permission
        std::vector<ActionId> privileged;
        for (ActionId a : covered) {
          if (fe_.program.actions[a].privileged) privileged.push_back(a);
        }
        if (!privileged.empty()) {
          const compiler::IrAction& first = fe_.program.actions[privileged.front()];
          if (privileged.size() == 1 && runtime::IsConcrete(text)) {
            Report("privileged-permission", item.span,
                   fmt::format("role '{}' grants the privileged permission '{}'{}", role.name, first.name, via),
                   first.description.empty() ? "" : fmt::format("{}: {}", first.name, first.description));
          } else {
            std::vector<std::string> names;
            for (size_t k = 0; k < privileged.size() && k < 3; ++k) names.push_back(fe_.program.actions[privileged[k]].name);
            Report("privileged-permission", item.span,
                   fmt::format("'{}'{} grants {} privileged permission{}: {}{}", text, via, privileged.size(),
                               privileged.size() == 1 ? "" : "s", fmt::join(names, ", "),
                               privileged.size() > 3 ? ", ..." : ""),
                   "privileged permissions let the holder take over other principals or the tenant "
                   "(privileged-roles-permissions.md); grant only what the task needs");
          }
        }
        if (covered.empty()) continue;
        // grant-wholly-excepted
        if (std::all_of(covered.begin(), covered.end(),
                        [&](ActionId a) { return unconditional_excepts.count(a) > 0; })) {
          Report("grant-wholly-excepted", item.span,
                 fmt::format("'{}'{} grants nothing: an unconditional except of role '{}' removes all "
                             "{} it covers", text, via, role.name, Plural(covered.size())),
                 "delete the allow, or narrow the except");
          continue;
        }
        // redundant-grant: a concrete action (or a pattern written twice) already held
        // unconditionally by another allow of the role or of a role it extends.
        std::string by;
        const bool concrete = runtime::IsConcrete(text);
        for (size_t rj = 0; rj < rules.size() && by.empty(); ++rj) {
          const RuleItems& other = rules[rj];
          if (other.rule->is_except || other.rule->condition) continue;
          for (size_t ij = 0; ij < other.items.size(); ++ij) {
            if (rj == ri && ij == ii) continue;
            const grammar::ActionPath& o = *other.items[ij].path;
            const bool same_text = compiler::ToLower(o.text) == compiler::ToLower(text);
            if (same_text && (rj < ri || (rj == ri && ij < ii) || r.rule->condition)) {
              by = fmt::format("'{}' at line {}", o.text, o.span.line);
              break;
            }
            if (concrete && !same_text) {
              const auto& oc = Covered(o);
              if (std::includes(oc.begin(), oc.end(), covered.begin(), covered.end())) {
                by = fmt::format("'{}' at line {}", o.text, o.span.line);
                break;
              }
            }
          }
        }
        if (by.empty() && concrete &&
            std::all_of(covered.begin(), covered.end(),
                        [&](ActionId a) { return inherited_unconditional.count(a) > 0; })) {
          by = "a role it extends";
        }
        if (!by.empty()) {
          Report("redundant-grant", item.span,
                 fmt::format("'{}'{}{} is already granted unconditionally by {}", text, via,
                             r.rule->condition ? " (with a condition)" : "", by),
                 r.rule->condition ? "the condition restricts nothing: the action is allowed without it"
                                   : "delete the duplicate grant");
        }
      }
    }
  }

  // The rules in files of their own (lint/condition_rules.h, lint/scopability_rules.h).
  void LintRoleElsewhere(const grammar::RoleDecl& decl, RoleId id) {
    const RoleId in_policy = PolicyRole(id);
    if (in_policy != kNoRole && (config_.SeverityOf("condition-always-true").has_value() ||
                                 config_.SeverityOf("condition-always-false").has_value())) {
      Report(ConditionFindings(*CompiledPolicy(), in_policy, decl));
    }
    Report(ScopabilityFindings(fe_, id, CompiledPolicy(), in_policy));
  }

  static std::string Plural(size_t n) { return fmt::format("{} catalog action{}", n, n == 1 ? "" : "s"); }

  // Why a custom role cannot hold `pattern`, or "" if it can.
  std::string Unavailable(std::string_view pattern) {
    if (runtime::IsConcrete(pattern)) {
      const ActionId id = fe_.catalog->Find(pattern);
      if (id == kNoAction) return "";  // unknown actions are E0201's
      return fe_.program.actions[id].custom_allowed
                 ? ""
                 : "is not available in custom roles: Entra rejects the role at deploy time";
    }
    return custom_patterns_.count(compiler::ToLower(pattern)) > 0
               ? ""
               : "is a pattern custom roles cannot hold: Entra accepts only the permissions its "
                 "custom-role pages list, and this one is not among them";
  }

  // For a grant custom roles cannot hold: what they may hold instead.
  std::string AvailableHelp(const grammar::ActionPath& path) {
    std::vector<std::string> allowed;
    for (ActionId a : Covered(path)) {
      if (fe_.program.actions[a].custom_allowed) allowed.push_back(fe_.program.actions[a].name);
    }
    if (runtime::IsConcrete(path.text) || allowed.empty()) {
      return "the permissions available to custom roles are in custom-available-permissions.md "
             "and the custom-*-permissions.md pages (`rolec describe` marks each action "
             "custom_allowed)";
    }
    return fmt::format("list the {} custom-allowed action{} it covers instead: {}{}", allowed.size(),
                       allowed.size() == 1 ? "" : "s",
                       fmt::join(allowed.begin(), allowed.begin() + std::min<size_t>(allowed.size(), 4), ", "),
                       allowed.size() > 4 ? ", ..." : "");
  }

  // The permissions of a role outside the catalog (patterns that cover no catalog action, such as
  // microsoft.agentRegistry/... ): Subsumes compares catalog actions only, so these are compared
  // here, conservatively, from the rules' text.
  struct OutsideCatalog {
    std::vector<std::string_view> unconditional;  // allow patterns without a condition
    std::vector<std::string_view> all;            // every allow pattern
    bool excepts = false;                         // an except rule names one
  };
  static OutsideCatalog OutsideCatalogOf(const Policy& policy, RoleId role) {
    OutsideCatalog out;
    for (uint32_t index : policy.RoleRules(role)) {
      const RuleInfo rule = policy.rule(index);
      for (std::string_view pattern : rule.patterns) {
        if (!policy.PatternActions(pattern).empty()) continue;
        if (rule.is_except) {
          out.excepts = true;
          continue;
        }
        out.all.push_back(pattern);
        if (rule.condition.empty()) out.unconditional.push_back(pattern);
      }
    }
    return out;
  }
  // Whether `coverer` certainly allows every outside-catalog permission `coveree` may allow.
  static bool CoversOutsideCatalog(const OutsideCatalog& coverer, const OutsideCatalog& coveree) {
    if (coveree.all.empty()) return true;
    if (coverer.excepts) return false;
    return std::all_of(coveree.all.begin(), coveree.all.end(), [&](std::string_view p) {
      return std::any_of(coverer.unconditional.begin(), coverer.unconditional.end(), [&](std::string_view q) {
        return compiler::ToLower(q) == compiler::ToLower(p) || runtime::PatternMatches(q, p);
      });
    });
  }

  // equals-builtin and covered-by-builtin: each user role compared with every built-in that is not
  // deprecated, exactly, by the analysis layer's Subsumes over the compiled image (the same
  // decisions Policy::Check makes; docs/analysis.md). A role that allows nothing is left to the
  // other rules: every built-in covers it.
  void LintAgainstBuiltins() {
    const bool want_equal = config_.SeverityOf("equals-builtin").has_value();
    const bool want_covered = config_.SeverityOf("covered-by-builtin").has_value();
    if (!want_equal && !want_covered) return;
    std::vector<std::pair<const grammar::RoleDecl*, RoleId>> user_roles;
    for (const ParsedFile& file : fe_.files) {
      if (file.from_stdlib) continue;
      for (const grammar::Item& item : file.ast->items) {
        const auto* decl = std::get_if<grammar::RoleDecl>(&item);
        if (decl == nullptr) continue;
        auto found = role_of_decl_.find(decl);
        if (found != role_of_decl_.end()) user_roles.emplace_back(decl, found->second);
      }
    }
    if (user_roles.empty()) return;
    if (CompiledPolicy() == nullptr) return;  // the compile that precedes lint reports any problem
    const Policy& policy = *CompiledPolicy();
    std::vector<RoleId> builtins;
    for (RoleId r = 0; r < policy.role_count(); ++r) {
      const RoleInfo info = policy.role(r);
      if (info.module == "entra" && !info.deprecated) builtins.push_back(r);
    }
    for (const auto& [decl, symbol] : user_roles) {
      const compiler::IrRole& ir = fe_.program.roles[symbol];
      const RoleId custom = policy.FindRole(ir.name);
      if (custom == kNoRole || policy.role(custom).name != ir.name) continue;
      if (policy.RoleActions(custom).empty()) continue;  // grants nothing: not this rule's finding
      const analysis::RoleRef custom_ref{&policy, custom};
      const OutsideCatalog custom_outside = OutsideCatalogOf(policy, custom);
      RoleId smallest = kNoRole;
      size_t smallest_size = 0;
      std::vector<std::string> equal;  // every built-in it equals
      for (RoleId b : builtins) {
        absl::StatusOr<analysis::SubsumesResult> covers = analysis::Subsumes({&policy, b}, custom_ref);
        if (!covers.ok() || !covers->subsumes) continue;
        const OutsideCatalog builtin_outside = OutsideCatalogOf(policy, b);
        if (!CoversOutsideCatalog(builtin_outside, custom_outside)) continue;
        absl::StatusOr<analysis::SubsumesResult> back = analysis::Subsumes(custom_ref, {&policy, b});
        if (back.ok() && back->subsumes && CoversOutsideCatalog(custom_outside, builtin_outside)) {
          equal.emplace_back(policy.role(b).name);
          continue;
        }
        const size_t size = policy.RoleActions(b).size();
        if (smallest == kNoRole || size < smallest_size ||
            (size == smallest_size && policy.role(b).name < policy.role(smallest).name)) {
          smallest = b;
          smallest_size = size;
        }
      }
      if (!equal.empty()) {
        // Name first a built-in the role extends (the one its author had in mind), then by name.
        std::set<std::string> bases;
        for (RoleId base : fe_.symbols->roles()[symbol].extends) bases.insert(fe_.program.roles[base].name);
        std::sort(equal.begin(), equal.end(), [&bases](const std::string& x, const std::string& y) {
          return std::make_pair(!bases.count(x), x) < std::make_pair(!bases.count(y), y);
        });
        std::string names = fmt::format("'{}'", equal[0]);
        for (size_t i = 1; i < equal.size() && i < 3; ++i) names += fmt::format(", '{}'", equal[i]);
        if (equal.size() > 3) names += fmt::format(" and {} more", equal.size() - 3);
        Report("equals-builtin", decl->name.span,
               fmt::format("role '{}' allows exactly what the built-in role{} {} allow{} (every action, "
                           "condition and scope)", ir.name, equal.size() > 1 ? "s" : "", names,
                           equal.size() > 1 ? "" : "s"),
               fmt::format("assign the built-in '{}' instead: Microsoft keeps it up to date, and it "
                           "counts against no custom-role limit", equal[0]));
      } else if (smallest != kNoRole) {
        const std::string name(policy.role(smallest).name);
        Report("covered-by-builtin", decl->name.span,
               fmt::format("the built-in role '{}' allows everything role '{}' allows; it is the "
                           "smallest built-in that does ({} catalog actions)", name, ir.name, smallest_size),
               fmt::format("if what '{}' adds is acceptable, assign it instead; `rolec diff \"{}\" "
                           "\"{}\" --policy FILE` lists the difference", name, name, ir.name));
      }
    }
  }

  // escalation-risk: lint/escalation_risk.h decides, over the compiled image; reported at the
  // role's name.
  void LintEscalationRisk() {
    if (!config_.SeverityOf("escalation-risk").has_value()) return;
    std::vector<std::pair<const grammar::RoleDecl*, std::string>> roles;
    for (const ParsedFile& file : fe_.files) {
      if (file.from_stdlib) continue;
      for (const grammar::Item& item : file.ast->items) {
        const auto* decl = std::get_if<grammar::RoleDecl>(&item);
        auto found = decl == nullptr ? role_of_decl_.end() : role_of_decl_.find(decl);
        if (found != role_of_decl_.end()) roles.emplace_back(decl, fe_.program.roles[found->second].name);
      }
    }
    std::vector<std::string> names;
    for (const auto& role : roles) names.push_back(role.second);
    const Policy* policy = CompiledPolicy();
    if (policy == nullptr) return;  // the compile that precedes lint reports why
    for (EscalationRisk& risk : FindEscalationRisks(*policy, names)) {
      for (const auto& [decl, name] : roles) {
        if (name == risk.role) Report("escalation-risk", decl->name.span, risk.message, risk.help);
      }
    }
  }

  void ApplySuppressions() {
    std::vector<Suppression> suppressions;
    for (size_t i = 0; i < fe_.files.size(); ++i) {
      const ParsedFile& file = fe_.files[i];
      file_order_[file.path] = i;
      if (file.from_stdlib) continue;
      for (Suppression& s : FindSuppressions(file.path, file.text)) suppressions.push_back(std::move(s));
    }
    std::vector<Diagnostic> kept;
    for (Diagnostic& d : findings_) {
      const bool suppressed = std::any_of(suppressions.begin(), suppressions.end(), [&](const Suppression& s) {
        return !s.reason.empty() && s.rule == d.code && s.span.file == d.span.file &&
               s.applies_to_line == d.span.line;
      });
      if (!suppressed) kept.push_back(std::move(d));
    }
    findings_ = std::move(kept);
    for (const Suppression& s : suppressions) {
      if (FindRule(s.rule) == nullptr) {
        Report("suppression-without-reason", s.span,
               fmt::format("rolec-lint-ignore names no known rule: '{}'", s.rule),
               "write `// rolec-lint-ignore RULE-ID: reason`; docs/lint.md lists the rule ids");
      } else if (s.reason.empty()) {
        Report("suppression-without-reason", s.span,
               fmt::format("rolec-lint-ignore {} gives no reason, so it suppresses nothing", s.rule),
               "write the reason after a colon: `// rolec-lint-ignore RULE-ID: why this is fine`");
      }
    }
  }

  Frontend& fe_;
  const Config& config_;
  absl::flat_hash_map<const grammar::RoleDecl*, RoleId> role_of_decl_;
  absl::flat_hash_set<std::string> custom_patterns_;
  absl::flat_hash_map<std::string, size_t> file_order_;
  std::vector<Diagnostic> findings_;
  bool policy_built_ = false;
  std::shared_ptr<const Policy> policy_;
};

}  // namespace

std::vector<Diagnostic> Lint(Frontend& frontend, const Config& config) {
  if (!frontend.complete || frontend.sink.has_errors() || !frontend.symbols || !frontend.catalog) return {};
  return Linter(frontend, config).Run();
}

}  // namespace rolec::lint
