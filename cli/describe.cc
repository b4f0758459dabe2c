// cli/describe.cc — `rolec describe ROLE`: a role as compiled, for people and for tools.
//
// Shows the metadata, the rules as written, and what they amount to: every catalog action the role
// covers, grouped by namespace/entity, with its privileged label and the conditions that limit it
// (the role's own `when`, its excepts, the action's intrinsic target rule). Actions an
// unconditional except removes are listed apart: they are covered by an allow but never granted.
#include <algorithm>
#include <cctype>
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "cli/io.h"
#include "cli/json_request.h"
#include "cli/policy_loading.h"
#include "fmt/format.h"
#include "fmt/ranges.h"
#include "nlohmann/json.hpp"
#include "rolec/policy_text.hpp"

namespace rolec::cli {
namespace {

// What the role's rules make of one catalog action.
struct ActionView {
  ActionInfo info;
  std::vector<std::string> only_when;    // conditions of the covering allows; empty = always
  std::vector<std::string> except_when;  // conditions of covering conditional excepts
  std::string removed_by;                // an unconditional except covering it, "" if none
};

bool RuleCovers(const RuleInfo& rule, std::string_view action) {
  for (std::string_view pattern : rule.patterns) {
    if (ActionPatternMatches(pattern, action)) return true;
  }
  return false;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "namespace/entity" of an action name.
std::string GroupOf(std::string_view action) {
  size_t first = action.find('/');
  if (first == std::string_view::npos) return std::string(action);
  size_t second = action.find('/', first + 1);
  return std::string(action.substr(0, second));
}

std::vector<ActionView> ViewActions(const Policy& policy, RoleId role,
                                    const std::vector<RuleInfo>& rules) {
  std::vector<ActionView> views;
  for (ActionId id : policy.RoleActions(role)) {
    ActionView view;
    view.info = policy.action(id);
    bool unconditional_allow = false;
    std::vector<std::string> conditions;
    for (const RuleInfo& rule : rules) {
      if (!RuleCovers(rule, view.info.name)) continue;
      if (!rule.is_except) {
        if (rule.condition.empty()) {
          unconditional_allow = true;
        } else {
          conditions.emplace_back(rule.condition);
        }
      } else if (rule.condition.empty()) {
        if (view.removed_by.empty()) {
          view.removed_by = fmt::format("{} ({})", RuleText(rule), SourceText(rule.source));
        }
      } else {
        view.except_when.emplace_back(rule.condition);
      }
    }
    if (!unconditional_allow) view.only_when = std::move(conditions);
    views.push_back(std::move(view));
  }
  std::sort(views.begin(), views.end(), [](const ActionView& a, const ActionView& b) {
    return Lower(a.info.name) < Lower(b.info.name);
  });
  return views;
}

std::string JoinConditions(const std::vector<std::string>& conditions) {
  std::string text;
  for (size_t i = 0; i < conditions.size(); ++i) {
    if (i > 0) text += " or ";
    text += conditions.size() > 1 ? "(" + conditions[i] + ")" : conditions[i];
  }
  return text;
}

// The rules' limits in one line each: a conditional allow grants only when its condition holds, an
// except removes (always or when its condition holds).
std::vector<std::string> Limitations(const std::vector<RuleInfo>& rules,
                                     const std::vector<ActionView>& views) {
  std::vector<std::string> lines;
  auto patterns = [](const RuleInfo& rule) {
    std::string text;
    for (size_t i = 0; i < rule.patterns.size(); ++i) {
      text += (i > 0 ? ", " : "") + std::string(rule.patterns[i]);
    }
    return text;
  };
  for (const RuleInfo& rule : rules) {
    if (!rule.is_except && !rule.condition.empty()) {
      lines.push_back(fmt::format("{}: only when {} ({})", patterns(rule), rule.condition,
                                  SourceText(rule.source)));
    } else if (rule.is_except && rule.condition.empty()) {
      lines.push_back(
          fmt::format("{}: never (except, {})", patterns(rule), SourceText(rule.source)));
    } else if (rule.is_except) {
      lines.push_back(fmt::format("{}: not when {} (except, {})", patterns(rule), rule.condition,
                                  SourceText(rule.source)));
    }
  }
  size_t intrinsic = std::count_if(views.begin(), views.end(), [](const ActionView& view) {
    return !view.info.intrinsic_rule.empty() && view.removed_by.empty();
  });
  if (intrinsic > 0) {
    lines.push_back(fmt::format(
        "{} action{} also require{} a target rule of the action itself (marked 'requires')",
        intrinsic, intrinsic == 1 ? "" : "s", intrinsic == 1 ? "s" : ""));
  }
  return lines;
}

std::string_view YesNo(bool value) { return value ? "yes" : "no"; }

void PrintText(const Policy& policy, RoleId role, const std::vector<RuleInfo>& rules,
               const std::vector<ActionView>& views) {
  const RoleInfo info = policy.role(role);
  std::string out = fmt::format("{}\n", info.name);
  out += fmt::format("  template id  {}\n", info.template_id.empty() ? "(none)" : info.template_id);
  out += fmt::format("  description  {}\n", info.description);
  out += fmt::format("  module       {}\n", info.module);
  out += fmt::format("  privileged   {}\n", YesNo(info.privileged));
  out += fmt::format("  deprecated   {}\n", YesNo(info.deprecated));
  out += fmt::format("  source       {}\n", SourceText(info.source));

  out += fmt::format("\nRules ({}):\n", rules.size());
  // One pattern per line: built-in roles have rules with dozens of patterns.
  for (const RuleInfo& rule : rules) {
    out +=
        fmt::format("  {:<6} {}\n", rule.is_except ? "except" : "allow", SourceText(rule.source));
    for (std::string_view pattern : rule.patterns) out += fmt::format("      {}\n", pattern);
    if (!rule.condition.empty()) out += fmt::format("    when {}\n", rule.condition);
  }

  size_t granted = 0, privileged = 0;
  for (const ActionView& view : views) {
    if (!view.removed_by.empty()) continue;
    ++granted;
    if (view.info.privileged) ++privileged;
  }
  out += fmt::format("\nActions ({} catalog action{}, {} privileged):\n", granted,
                     granted == 1 ? "" : "s", privileged);
  std::string group;
  for (const ActionView& view : views) {
    if (!view.removed_by.empty()) continue;
    std::string this_group = GroupOf(view.info.name);
    if (Lower(this_group) != Lower(group)) {
      group = this_group;
      out += fmt::format("  {}\n", group);
    }
    out += fmt::format("    {}", view.info.name);
    if (view.info.privileged) out += "  [privileged]";
    if (!view.only_when.empty())
      out += fmt::format("  only when {}", JoinConditions(view.only_when));
    if (!view.except_when.empty()) {
      out += fmt::format("  except when {}", JoinConditions(view.except_when));
    }
    if (!view.info.intrinsic_rule.empty()) {
      out += fmt::format("  requires {}", view.info.intrinsic_rule);
    }
    out += "\n";
  }

  size_t removed = views.size() - granted;
  if (removed > 0) {
    out += fmt::format("\nRemoved by except ({}):\n", removed);
    for (const ActionView& view : views) {
      if (view.removed_by.empty()) continue;
      out += fmt::format("    {}{}  by {}\n", view.info.name,
                         view.info.privileged ? "  [privileged]" : "", view.removed_by);
    }
  }

  std::vector<std::string> limitations = Limitations(rules, views);
  out += "\nLimitations:\n";
  if (limitations.empty()) out += "  none: every rule is unconditional\n";
  for (const std::string& line : limitations) out += fmt::format("  - {}\n", line);
  std::cout << EscapeControlChars(out);  // names, descriptions and conditions from the policy
}

void PrintJson(const Policy& policy, RoleId role, const std::vector<RuleInfo>& rules,
               const std::vector<ActionView>& views) {
  using Ordered = nlohmann::ordered_json;
  const RoleInfo info = policy.role(role);
  Ordered json_rules = Ordered::array();
  for (const RuleInfo& rule : rules) {
    Ordered patterns = Ordered::array();
    for (std::string_view pattern : rule.patterns) patterns.push_back(pattern);
    json_rules.push_back(Ordered{{"kind", rule.is_except ? "except" : "allow"},
                                 {"patterns", std::move(patterns)},
                                 {"condition", rule.condition},
                                 {"source", SourceText(rule.source)}});
  }
  Ordered actions = Ordered::array();
  Ordered removed = Ordered::array();
  for (const ActionView& view : views) {
    if (!view.removed_by.empty()) {
      removed.push_back(Ordered{{"name", view.info.name},
                                {"privileged", view.info.privileged},
                                {"removed_by", view.removed_by}});
      continue;
    }
    actions.push_back(Ordered{{"name", view.info.name},
                              {"privileged", view.info.privileged},
                              {"only_when", view.only_when},
                              {"except_when", view.except_when},
                              {"requires", view.info.intrinsic_rule}});
  }
  Ordered document{{"name", info.name},
                   {"template_id", info.template_id},
                   {"description", info.description},
                   {"module", info.module},
                   {"privileged", info.privileged},
                   {"deprecated", info.deprecated},
                   {"source", SourceText(info.source)},
                   {"rules", std::move(json_rules)},
                   {"actions", std::move(actions)},
                   {"removed_actions", std::move(removed)},
                   {"limitations", Limitations(rules, views)}};
  std::cout << DumpJson(document, 2) << "\n";
}

}  // namespace

const CommandSpec& DescribeSpec() {
  static const CommandSpec kSpec = {
      "describe",
      "Describe a role as compiled: metadata, rules, and the catalog actions it grants.",
      {"rolec describe ROLE [--policy FILE]... [--json]"},
      "ROLE is a display name or template id, matched case-insensitively. Actions are grouped\n"
      "by namespace/entity and marked [privileged]; conditions that limit an action are shown\n"
      "beside it ('only when', 'except when', 'requires'). Without --policy, the Entra standard\n"
      "library alone is used.",
      {
          PolicyOption(),
          {"json", 0, "", false, "Print the description as a JSON object."},
          MaxErrorsOption(),
      },
      1,
      1,
      "ROLE",
  };
  return kSpec;
}

int RunDescribe(const ParsedArgs& args) {
  const std::shared_ptr<const Policy> loaded = LoadPolicyFromArgs(args);
  if (!loaded) return kExitError;
  const Policy& policy = *loaded;
  const std::string& query = args.positionals()[0];
  const RoleId role = policy.FindRole(query);
  if (role == kNoRole) {
    // A custom role lives in the user's .role files: say whether they were given at all, since
    // without --policy only the built-in roles can be found.
    const std::vector<std::string> policies = args.Values("policy");
    std::string where =
        policies.empty()
            ? "; only the built-in Entra roles are known without --policy: if it is a custom "
              "role, pass the .role file or image that declares it with --policy FILE"
            : fmt::format("; it is neither a built-in Entra role nor declared in {} ({})",
                          policies.size() == 1 ? "the --policy file" : "the --policy files",
                          fmt::join(policies, ", "));
    PrintError(UnknownRoleMessage(policy, query) + where);
    return kExitError;
  }
  std::vector<RuleInfo> rules;
  for (uint32_t index : policy.RoleRules(role)) rules.push_back(policy.rule(index));
  std::vector<ActionView> views = ViewActions(policy, role, rules);
  if (args.Has("json")) {
    PrintJson(policy, role, rules, views);
  } else {
    PrintText(policy, role, rules, views);
  }
  return kExitOk;
}

}  // namespace rolec::cli
