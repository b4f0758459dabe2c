#include "compiler/resolve.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "compiler/catalog_index.h"
#include "grammar/edit_distance.h"
#include "fmt/format.h"

namespace rolec::compiler {
namespace {

std::string SetKey(std::string_view module, std::string_view name) {
  return fmt::format("{}.{}", module, name);
}

std::string DisplayName(const grammar::Name& name) {
  std::string text = name.quoted ? fmt::format("\"{}\"", name.text) : name.text;
  return name.module.empty() ? text : fmt::format("{}.{}", name.module, text);
}

}  // namespace

SymbolTable SymbolTable::Build(std::vector<ParsedFile>& files, DiagnosticSink& sink) {
  SymbolTable table;
  absl::flat_hash_set<std::string> modules;
  for (ParsedFile& file : files) {
    file.module = file.ast->module.empty() ? "main" : file.ast->module;
    modules.insert(file.module);
  }
  for (ParsedFile& file : files) {
    file.visible.insert(file.module);
    for (const grammar::Import& import : file.ast->imports) {
      if (!modules.contains(import.module)) {
        sink.Error("E0216", import.span, fmt::format("unknown module '{}'", import.module),
                   "the standard library is module 'entra'; other modules are the files given to rolec");
        continue;
      }
      file.visible.insert(import.module);
    }
  }

  // Declarations, in file order: actions, sets and roles.
  absl::flat_hash_map<std::string, const grammar::ActionDecl*> action_by_name;
  absl::flat_hash_map<std::string, const grammar::SetDecl*> set_decls;
  absl::flat_hash_map<std::string, const grammar::RoleDecl*> role_decl_by_key;
  for (const ParsedFile& file : files) {
    for (const grammar::Item& item : file.ast->items) {
      if (const auto* action = std::get_if<grammar::ActionDecl>(&item)) {
        std::string key = ToLower(action->path.text);
        auto [it, inserted] = action_by_name.emplace(key, action);
        if (!inserted) {
          sink.Error("E0204", action->path.span,
                     fmt::format("action '{}' is declared twice", action->path.text),
                     fmt::format("first declared at {}:{}:{}", it->second->path.span.file,
                                 it->second->path.span.line, it->second->path.span.column));
          continue;
        }
        table.actions_.push_back({action, &file});
      } else if (const auto* set = std::get_if<grammar::SetDecl>(&item)) {
        std::string key = SetKey(file.module, set->name);
        auto [it, inserted] = set_decls.emplace(key, set);
        if (!inserted) {
          sink.Error("E0215", set->span, fmt::format("set '{}' is declared twice in module '{}'",
                                                     set->name, file.module),
                     fmt::format("first declared at {}:{}:{}", it->second->span.file,
                                 it->second->span.line, it->second->span.column));
          continue;
        }
        table.sets_.emplace(key, SetSymbol{set, &file});
      } else if (const auto* role = std::get_if<grammar::RoleDecl>(&item)) {
        std::string name_key = ToLower(role->name.text);
        auto existing = table.role_by_key_.find(name_key);
        if (existing != table.role_by_key_.end()) {
          const grammar::RoleDecl* first = table.roles_[existing->second].decl;
          sink.Error("E0211", role->name.span,
                     fmt::format("role '{}' is declared twice", role->name.text),
                     fmt::format("first declared at {}:{}:{} (role names are unique across all modules, "
                                 "compared case-insensitively)",
                                 first->name.span.file, first->name.span.line, first->name.span.column));
          continue;
        }
        RoleId id = static_cast<RoleId>(table.roles_.size());
        table.roles_.push_back({role, &file, {}});
        table.role_by_key_.emplace(name_key, id);
        if (role->template_id && !role->template_id->empty()) {
          std::string id_key = ToLower(*role->template_id);
          auto [it, inserted] = table.role_by_key_.emplace(id_key, id);
          if (!inserted && it->second != id) {
            sink.Error("E0212", role->template_id_span,
                       fmt::format("template id '{}' of role '{}' is already used by role '{}'",
                                   *role->template_id, role->name.text,
                                   table.roles_[it->second].decl->name.text));
          }
        }
      }
    }
  }

  // extends: resolve, then order with a depth-first walk that reports cycles once.
  for (RoleSymbol& role : table.roles_) {
    for (const grammar::Name& base : role.decl->extends) {
      RoleId id = table.ResolveRole(base, *role.file, sink);
      if (id != kNoRole) role.extends.push_back(id);
    }
  }
  enum class Mark : uint8_t { kNone, kActive, kDone, kCycle };
  std::vector<Mark> marks(table.roles_.size(), Mark::kNone);
  // Iterative DFS so that a long chain of extends cannot overflow the stack.
  for (RoleId root = 0; root < table.roles_.size(); ++root) {
    if (marks[root] != Mark::kNone) continue;
    std::vector<std::pair<RoleId, size_t>> stack = {{root, 0}};
    marks[root] = Mark::kActive;
    while (!stack.empty()) {
      auto& [role, next] = stack.back();
      const std::vector<RoleId>& bases = table.roles_[role].extends;
      if (next < bases.size()) {
        RoleId base = bases[next++];
        if (marks[base] == Mark::kActive) {
          // Every role on the stack from `base` up is in the cycle.
          std::string path;
          bool in_cycle = false;
          for (const auto& frame : stack) {
            if (frame.first == base) in_cycle = true;
            if (in_cycle) {
              path += fmt::format("'{}' -> ", table.roles_[frame.first].decl->name.text);
              marks[frame.first] = Mark::kCycle;
            }
          }
          path += fmt::format("'{}'", table.roles_[base].decl->name.text);
          const grammar::RoleDecl* decl = table.roles_[role].decl;
          sink.Error("E0213", decl->name.span, fmt::format("cycle in extends: {}", path),
                     "a role cannot extend itself, directly or through other roles");
        } else if (marks[base] == Mark::kNone) {
          marks[base] = Mark::kActive;
          stack.emplace_back(base, 0);
        }
        continue;
      }
      if (marks[role] == Mark::kActive) {
        bool base_in_cycle = std::any_of(bases.begin(), bases.end(),
                                         [&](RoleId b) { return marks[b] == Mark::kCycle; });
        marks[role] = base_in_cycle ? Mark::kCycle : Mark::kDone;
        if (!base_in_cycle) table.extends_order_.push_back(role);
      }
      stack.pop_back();
    }
  }
  return table;
}

bool SymbolTable::CheckQualifier(const grammar::Name& name, const ParsedFile& file,
                                 DiagnosticSink& sink) const {
  if (name.module.empty() || file.visible.contains(name.module)) return true;
  sink.Error("E0217", name.span,
             fmt::format("module '{}' is not imported in this file", name.module),
             fmt::format("add 'import {}' at the top of the file", name.module));
  return false;
}

RoleId SymbolTable::FindRole(std::string_view name_or_id) const {
  auto it = role_by_key_.find(ToLower(name_or_id));
  return it == role_by_key_.end() ? kNoRole : it->second;
}

std::string SymbolTable::SuggestRole(std::string_view name) const {
  const std::string lower = ToLower(name);
  // Ranked by (kind, distance, stdlib): a near miss (edit distance within a third of the name, at
  // least 2) before a name that merely starts with or contains what was written; a closer one
  // first; and at equal distance a role of the user's own files before a standard-library one —
  // "Mics" is the local "Misc", not the built-in "Dynamics 365 …" that contains it.
  const size_t bound = std::max<size_t>(2, lower.size() / 3);
  std::string best;
  std::tuple<int, size_t, bool> best_rank{3, 0, true};
  for (const RoleSymbol& role : roles_) {
    const std::string candidate = ToLower(role.decl->name.text);
    const bool stdlib = role.file->from_stdlib;
    std::tuple<int, size_t, bool> rank{3, 0, stdlib};
    const size_t distance = grammar::EditDistance(lower, candidate, bound);
    if (distance <= bound) {
      rank = {0, distance, stdlib};
    } else if (lower.size() >= 3 &&
               (candidate.rfind(lower, 0) == 0 || candidate.find(lower) != std::string::npos)) {
      // A prefix ranks before a containment; the shorter candidate (closer to what was written)
      // first.
      rank = {candidate.rfind(lower, 0) == 0 ? 1 : 2, candidate.size() - lower.size(), stdlib};
    }
    if (std::get<0>(rank) < 3 && rank < best_rank) {
      best_rank = rank;
      best = role.decl->name.text;
    }
  }
  return best;
}

// The set names of `module` and of the standard library nearest to `name`, best first, at most 3:
// "did you mean" for E0214.
std::vector<std::string> SymbolTable::SuggestSets(std::string_view name, std::string_view module) const {
  const std::string lower = ToLower(name);
  const size_t bound = std::max<size_t>(2, lower.size() / 3);
  std::vector<std::tuple<size_t, bool, std::string>> ranked;
  for (const auto& [key, set] : sets_) {
    const std::string& set_module = set.file->module;
    const bool local = set_module == module;
    if (!local && set_module != "entra") continue;
    const size_t distance = grammar::EditDistance(lower, ToLower(set.decl->name), bound);
    if (distance > bound) continue;
    ranked.emplace_back(distance, !local,
                        local ? std::string(set.decl->name) : "entra." + std::string(set.decl->name));
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (const auto& entry : ranked) {
    // Only names about as near as the nearest: one edit away does not need a list of ten-away.
    if (out.size() == 3 || std::get<0>(entry) > std::get<0>(ranked[0]) + 1) break;
    out.push_back(std::get<2>(entry));
  }
  return out;
}

RoleId SymbolTable::ResolveRole(const grammar::Name& name, const ParsedFile& file,
                                DiagnosticSink& sink) const {
  if (!CheckQualifier(name, file, sink)) return kNoRole;
  RoleId id = FindRole(name.text);
  if (id != kNoRole && !name.module.empty() && roles_[id].file->module != name.module) {
    sink.Error("E0210", name.span,
               fmt::format("role '{}' is not in module '{}' (it is in module '{}')", name.text,
                           name.module, roles_[id].file->module));
    return kNoRole;
  }
  if (id == kNoRole) {
    std::string suggestion = SuggestRole(name.text);
    sink.Error("E0210", name.span, fmt::format("unknown role {}", DisplayName(name)),
               suggestion.empty() ? "" : fmt::format("did you mean \"{}\"?", suggestion));
  }
  return id;
}

const SetSymbol* SymbolTable::ResolveSet(const grammar::Name& name, const ParsedFile& file,
                                         DiagnosticSink& sink) const {
  if (!CheckQualifier(name, file, sink)) return nullptr;
  std::string module = name.module.empty() ? file.module : name.module;
  auto it = sets_.find(SetKey(module, name.text));
  if (it == sets_.end()) {
    std::string help;
    if (name.module.empty() && module != "entra" && sets_.contains(SetKey("entra", name.text))) {
      help = fmt::format("did you mean 'entra.{}'?", name.text);
    } else {
      std::vector<std::string> near = SuggestSets(name.text, module);
      if (name.module == "entra") {
        near.erase(std::remove_if(near.begin(), near.end(),
                                  [](const std::string& n) { return n.rfind("entra.", 0) != 0; }),
                   near.end());
      }
      for (size_t i = 0; i < near.size(); ++i) {
        help += fmt::format("{}'{}'", i == 0 ? "did you mean " : (i + 1 == near.size() ? " or " : ", "),
                            near[i]);
      }
      if (!help.empty()) help += "?";
    }
    sink.Error("E0214", name.span, fmt::format("unknown set '{}' in module '{}'", name.text, module),
               help);
    return nullptr;
  }
  return &it->second;
}

}  // namespace rolec::compiler
