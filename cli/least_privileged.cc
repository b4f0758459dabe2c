// cli/least_privileged.cc — `rolec least-privileged ACTION|TASK... [target flags] [--policy FILE]...
// [--json] [--top N]`: the roles that allow all the given actions or tasks, least privileged first,
// each with what ranks it before the next; `--tasks` lists the task table. docs/analysis.md
// § Least privileged, docs/cli.md.
#include <algorithm>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "cli/analysis_output.h"
#include "cli/commands.h"
#include "cli/io.h"
#include "cli/json_request.h"
#include "cli/policy_loading.h"
#include "cli/target_flags.h"
#include "fmt/format.h"
#include "rolec/analysis.hpp"

namespace rolec::cli {
namespace {

// A need and the word of the command line it came from.
struct AskedNeed {
  analysis::Need need;
  std::string task;  // the task's name, "" for an action
};

std::string NeedText(const AskedNeed& asked) {
  const analysis::Need& need = asked.need;
  std::string text = need.action;
  if (!need.target) {
    text += " for some request";
  } else if (!need.target_text.empty()) {
    text += " on " + need.target_text;
  } else {
    text += " on the given target";
  }
  if (!asked.task.empty()) text += fmt::format(" (task '{}')", asked.task);
  return text;
}

// "unknown action or task 'X' ... (did you mean 'Y'?)": the closest task name or catalog action.
std::string UnknownWordMessage(const Policy& policy, std::string_view word, std::string_view message) {
  std::vector<std::pair<size_t, std::string>> scored;
  // No name is near a word of this length, and the distances would cost seconds on huge input.
  constexpr size_t kLongestSuggested = 256;
  for (const analysis::Task& task : analysis::Tasks()) {
    if (word.size() > kLongestSuggested) break;
    scored.emplace_back(EditDistance(task.name, word), task.name);
  }
  for (ActionId id = 0; id < policy.action_count() && word.size() <= kLongestSuggested; ++id) {
    const std::string_view name = policy.action(id).name;
    scored.emplace_back(EditDistance(name, word), std::string(name));
  }
  std::sort(scored.begin(), scored.end());
  std::string text(message);
  if (!scored.empty() && scored[0].first <= std::max<size_t>(3, word.size() / 4)) {
    text += fmt::format(" (did you mean '{}'?)", scored[0].second);
  }
  if (scored.empty() || scored[0].first > std::max<size_t>(3, word.size() / 4)) {
    text += "; 'rolec least-privileged --tasks' lists the task names";
  }
  return text;
}

std::string CriterionName(analysis::RankCriterion criterion) {
  switch (criterion) {
    case analysis::RankCriterion::kSubsumption: return "subsumption";
    case analysis::RankCriterion::kPrivilegedPermissions: return "privileged_permissions";
    case analysis::RankCriterion::kPermissions: return "permissions";
    case analysis::RankCriterion::kCases: return "cases";
    case analysis::RankCriterion::kOutsideCatalog: return "outside_catalog";
    case analysis::RankCriterion::kTier: return "tier";
    case analysis::RankCriterion::kPrivilegedLabel: return "privileged_label";
    case analysis::RankCriterion::kName: return "name";
  }
  return "name";
}

// Why `x` ranks before `next`, in words.
std::string BeforeNextText(const Policy& policy, const analysis::RankedRole& x,
                           const analysis::RankedRole& next) {
  const std::string_view other = policy.role(next.role).name;
  const analysis::RoleIndex::Profile& a = x.profile;
  const analysis::RoleIndex::Profile& b = next.profile;
  switch (*x.before_next) {
    case analysis::RankCriterion::kSubsumption:
      return fmt::format("'{}' allows everything this role allows, and more", other);
    case analysis::RankCriterion::kPrivilegedPermissions:
      return fmt::format("fewer privileged permissions ({} < {})", a.privileged_permissions,
                         b.privileged_permissions);
    case analysis::RankCriterion::kPermissions:
      return fmt::format("as many privileged permissions ({}), fewer permissions ({} < {})",
                         a.privileged_permissions, a.permissions, b.permissions);
    case analysis::RankCriterion::kCases:
      return fmt::format("as many permissions ({}, {} privileged), allowed in fewer cases ({} < {})",
                         a.permissions, a.privileged_permissions, WithThousands(a.cases),
                         WithThousands(b.cases));
    case analysis::RankCriterion::kOutsideCatalog:
      return fmt::format("alike over the catalog, fewer permissions outside it ({} < {})",
                         a.outside_catalog, b.outside_catalog);
    case analysis::RankCriterion::kTier:
      return fmt::format("alike in size; tier {}, '{}' is tier {}", x.tier, other, next.tier);
    case analysis::RankCriterion::kPrivilegedLabel:
      return fmt::format("alike in size and tier; not labelled privileged, '{}' is", other);
    case analysis::RankCriterion::kName:
      return x.same_as_next ? "allows exactly the same requests, with the same permissions outside the catalog; by name"
                            : "alike in size, tier and label; by name";
  }
  return "";
}

nlohmann::ordered_json TargetJson(const analysis::Need& need) {
  if (!need.target) return nullptr;
  OwnedRequest request = *need.target;
  request.action = need.action;
  request.assignments.clear();
  nlohmann::ordered_json json = RequestJson(request);
  json["text"] = need.target_text.empty() ? "the given target" : need.target_text;
  return json;
}

nlohmann::ordered_json NeedJson(const AskedNeed& asked) {
  nlohmann::ordered_json json;
  json["action"] = asked.need.action;
  json["task"] = asked.task.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(asked.task);
  json["target"] = TargetJson(asked.need);
  return json;
}

int ListTasks(bool json) {
  if (json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const analysis::Task& task : analysis::Tasks()) {
      nlohmann::ordered_json entry;
      entry["name"] = task.name;
      entry["description"] = task.description;
      nlohmann::ordered_json needs = nlohmann::ordered_json::array();
      for (const analysis::Need& need : task.needs) needs.push_back(NeedJson(AskedNeed{need, ""}));
      entry["needs"] = std::move(needs);
      list.push_back(std::move(entry));
    }
    std::cout << DumpJson(nlohmann::ordered_json{{"tasks", std::move(list)}}, 2) << "\n";
  } else {
    std::string text;
    for (const analysis::Task& task : analysis::Tasks()) {
      text += fmt::format("{}\n  {}\n", task.name, task.description);
      for (const analysis::Need& need : task.needs) text += "    " + NeedText(AskedNeed{need, ""}) + "\n";
    }
    std::cout << text;
  }
  std::cout.flush();
  return kExitOk;
}

void PrintText(const Policy& policy, const std::vector<AskedNeed>& asked,
               const analysis::LeastPrivilegedResult& result, size_t shown) {
  std::string text = fmt::format("least privileged for {} need{}:\n", asked.size(), asked.size() == 1 ? "" : "s");
  for (size_t i = 0; i < asked.size(); ++i) text += fmt::format("  {}. {}\n", i + 1, NeedText(asked[i]));
  const size_t n = result.roles.size();
  text += fmt::format("{} role{} meet{} {}, least privileged first", n, n == 1 ? "" : "s",
                      n == 1 ? "s" : "", asked.size() == 1 ? "it" : "them all");
  if (shown < n) text += fmt::format(" (the first {} shown)", shown);
  text += ":\n";
  for (size_t r = 0; r < shown; ++r) {
    const analysis::RankedRole& row = result.roles[r];
    const RoleInfo info = policy.role(row.role);
    text += fmt::format("\n{:>2}. {}\n", r + 1, info.name);
    text += fmt::format("    {} permissions ({} privileged), {} cases, {} outside the catalog; tier {}, {}\n",
                        row.profile.permissions, row.profile.privileged_permissions,
                        WithThousands(row.profile.cases), row.profile.outside_catalog, row.tier,
                        info.privileged ? "labelled privileged" : "not labelled privileged");
    if (!row.scopes.empty()) {
      std::string scopes;
      for (const std::string& scope : row.scopes) scopes += (scopes.empty() ? "" : " or ") + scope;
      text += fmt::format("    one assignment at {}\n", scopes);
    }
    for (size_t i = 0; i < row.grants.size(); ++i) {
      const analysis::NeedGrant& grant = row.grants[i];
      text += fmt::format("    {}: {}{}\n", asked.size() == 1 ? "allowed by" : fmt::format("need {}", i + 1),
                          RuleSummary(policy, grant.rule),
                          asked[i].need.target ? "" : fmt::format(" (e.g. at {})", grant.scope));
    }
    if (row.before_next) {
      text += fmt::format("    before {}: {}\n", policy.role(result.roles[r + 1].role).name,
                          BeforeNextText(policy, row, result.roles[r + 1]));
    }
  }
  std::cout << EscapeControlChars(text);  // names and conditions come from the policy
}

void PrintJson(const Policy& policy, const std::vector<AskedNeed>& asked,
               const analysis::LeastPrivilegedResult& result, size_t shown,
               const std::vector<std::string>& files) {
  nlohmann::ordered_json out;
  nlohmann::ordered_json needs = nlohmann::ordered_json::array();
  for (const AskedNeed& need : asked) needs.push_back(NeedJson(need));
  out["needs"] = std::move(needs);
  out["total"] = result.roles.size();
  nlohmann::ordered_json roles = nlohmann::ordered_json::array();
  for (size_t r = 0; r < shown; ++r) {
    const analysis::RankedRole& row = result.roles[r];
    const RoleInfo info = policy.role(row.role);
    nlohmann::ordered_json entry;
    entry["rank"] = r + 1;
    entry["role"] = info.name;
    entry["template_id"] = info.template_id;
    entry["privileged_role"] = info.privileged;
    entry["unit_assignable"] = info.admin_unit_scopable;
    entry["permissions"] = row.profile.permissions;
    entry["privileged_permissions"] = row.profile.privileged_permissions;
    entry["cases"] = row.profile.cases;
    entry["outside_catalog"] = row.profile.outside_catalog;
    entry["tier"] = row.tier;
    entry["scopes"] = row.scopes;
    nlohmann::ordered_json grants = nlohmann::ordered_json::array();
    for (const analysis::NeedGrant& grant : row.grants) {
      nlohmann::ordered_json g;
      g["scope"] = grant.scope;
      g["rule"] = RuleSource(policy, grant.rule);
      g["condition"] = OneLine(policy.rule(grant.rule).condition);
      g["eval"] = EvalCommand(grant.witness, files);
      grants.push_back(std::move(g));
    }
    entry["grants"] = std::move(grants);
    if (row.before_next) {
      entry["before_next"] = {{"role", policy.role(result.roles[r + 1].role).name},
                              {"criterion", CriterionName(*row.before_next)},
                              {"same_requests", row.same_as_next},
                              {"text", BeforeNextText(policy, row, result.roles[r + 1])}};
    } else {
      entry["before_next"] = nullptr;
    }
    roles.push_back(std::move(entry));
  }
  out["roles"] = std::move(roles);
  std::cout << DumpJson(out, 2) << "\n";
}

absl::StatusOr<size_t> ReadTop(const ParsedArgs& args) {
  if (!args.Has("top")) return static_cast<size_t>(-1);
  const std::string value = args.Value("top");
  uint64_t parsed = 0;
  const bool digits = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
  if (!digits || !absl::SimpleAtoi(value, &parsed) || parsed == 0) {
    return absl::InvalidArgumentError(
        fmt::format("--top '{}' is not a number of roles (expected 1 or more)", value));
  }
  return static_cast<size_t>(parsed);
}

}  // namespace

const CommandSpec& LeastPrivilegedSpec() {
  static const CommandSpec kSpec = [] {
    CommandSpec spec = {
        "least-privileged",
        "List the roles that allow all the given actions or tasks, least privileged first.",
        {"rolec least-privileged [--policy FILE]... ACTION|TASK... [target flags] [--json] [--top N]",
         "rolec least-privileged --tasks [--json]"},
        "Each ACTION is a catalog action or a keyword permission (e.g.\n"
        "microsoft.directory/signInReports/allProperties/read); each TASK a name from the task\n"
        "table ('rolec least-privileged --tasks'), e.g. 'reset the password of a non-administrator'.\n"
        "Lists every role (standard library and policies) one assignment of which allows them all:\n"
        "an action for some request, or, with target flags (those of 'rolec eval'), on that target\n"
        "(a task brings its own target). Ranked least privileged first: fewer privileged\n"
        "permissions, then fewer permissions, then fewer cases, then fewer permissions outside the\n"
        "catalog, then the higher tier ('rolec tiers'), then not labelled privileged, then by name;\n"
        "a role is never ranked after one that allows everything it does and more. Each row says\n"
        "what ranks it before the next (docs/analysis.md).\n"
        "Exit codes: 0 some role allows them all, 2 none does, 1 error.",
        {
            PolicyOption(),
            {"json", 0, "", false, "Print the answer as a JSON object (docs/cli.md)."},
            {"top", 0, "N", false, "Show only the first N roles (the count still says how many)."},
            {"tasks", 0, "", false, "List the task table instead of answering a question."},
            MaxErrorsOption(),
        },
        0,
        static_cast<size_t>(-1),
        "ACTION",
    };
    const std::vector<OptionSpec>& target = TargetFlagOptions();
    spec.options.insert(spec.options.begin() + 1, target.begin(), target.end());
    return spec;
  }();
  return kSpec;
}

int RunLeastPrivileged(const ParsedArgs& args) {
  const bool json = args.Has("json");
  if (args.Has("tasks")) {
    if (!args.positionals().empty()) {
      PrintError("--tasks lists the task table and takes no ACTION or TASK");
      return kExitError;
    }
    return ListTasks(json);
  }
  if (args.positionals().empty()) {
    PrintError("expected at least one ACTION or TASK ('rolec least-privileged --tasks' lists the tasks)");
    return kExitError;
  }
  absl::StatusOr<size_t> top = ReadTop(args);
  if (!top.ok()) {
    PrintError(top.status());
    return kExitError;
  }
  std::optional<OwnedRequest> target;
  if (HasTargetFlags(args)) {
    target.emplace();
    if (absl::Status status = ReadTargetFlags(args, &*target); !status.ok()) {
      PrintError(status);
      return kExitError;
    }
  }
  const std::vector<std::string> files = args.Values("policy");
  const std::shared_ptr<const Policy> loaded = LoadPolicyFromArgs(args);
  if (!loaded) return kExitError;
  const Policy& policy = *loaded;
  bool ok = true;
  if (target) {
    for (const std::string& role : target->target.roles) {
      if (policy.FindRole(role) != kNoRole) continue;
      PrintError("target role: " + UnknownRoleMessage(policy, role));
      ok = false;
    }
  }
  std::vector<AskedNeed> asked;
  for (const std::string& word : args.positionals()) {
    absl::StatusOr<std::vector<analysis::Need>> needs = analysis::ResolveNeeds(policy, word, target);
    if (!needs.ok()) {
      PrintError(needs.status().code() == absl::StatusCode::kNotFound
                     ? UnknownWordMessage(policy, word, std::string(needs.status().message()))
                     : std::string(needs.status().message()));
      ok = false;
      continue;
    }
    const analysis::Task* task = analysis::FindTask(word);
    for (analysis::Need& need : *needs) asked.push_back(AskedNeed{std::move(need), task ? task->name : ""});
  }
  if (!ok) return kExitError;
  absl::StatusOr<analysis::RoleIndex> index = analysis::RoleIndex::Build(policy);
  if (!index.ok()) {
    PrintError(index.status());
    return kExitError;
  }
  std::vector<analysis::Need> needs;
  for (const AskedNeed& a : asked) needs.push_back(a.need);
  absl::StatusOr<analysis::LeastPrivilegedResult> result = analysis::LeastPrivileged(*index, std::move(needs));
  if (!result.ok()) {
    PrintError(result.status());
    return kExitError;
  }
  for (size_t i = 0; i < asked.size(); ++i) asked[i].need = result->needs[i];  // names as the catalog spells them
  const size_t shown = std::min(*top, result->roles.size());
  if (json) {
    PrintJson(policy, asked, *result, shown, files);
  } else {
    PrintText(policy, asked, *result, shown);
  }
  std::cout.flush();
  return result->roles.empty() ? kExitDeny : kExitOk;
}

}  // namespace rolec::cli
