#include "compiler/catalog_index.h"

#include <algorithm>
#include <utility>

#include "grammar/edit_distance.h"
#include "runtime/action_pattern.h"

namespace rolec::compiler {
namespace {

std::string NamespaceOf(std::string_view lower_name) {
  return std::string(lower_name.substr(0, lower_name.find('/')));
}

// "namespace/root" of a lower-cased action or pattern: the entity cut at its first dot.
std::string EntityRootKey(std::string_view lower_name) {
  size_t first = lower_name.find('/');
  if (first == std::string_view::npos) return std::string(lower_name);
  size_t end = lower_name.find_first_of("/.", first + 1);
  return std::string(lower_name.substr(0, end));
}


}  // namespace

std::string ToLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

CatalogIndex::CatalogIndex(std::vector<std::string> names) : names_(std::move(names)) {
  for (ActionId id = 0; id < names_.size(); ++id) {
    std::string lower = ToLower(names_[id]);
    by_namespace_[NamespaceOf(lower)].push_back(id);
    by_entity_root_[EntityRootKey(lower)].push_back(id);
    // Every dotted prefix of the entity is a supertype: groups.security.x -> groups, groups.security.
    size_t first = lower.find('/');
    size_t second = lower.find('/', first + 1);
    for (size_t dot = lower.find('.', first + 1); dot != std::string::npos && dot < second;
         dot = lower.find('.', dot + 1)) {
      supertypes_.insert(lower.substr(0, dot));
    }
    by_lower_name_.emplace(std::move(lower), id);
  }
}

ActionId CatalogIndex::Find(std::string_view name) const {
  auto it = by_lower_name_.find(ToLower(name));
  return it == by_lower_name_.end() ? kNoAction : it->second;
}

const std::vector<ActionId>& CatalogIndex::Expand(std::string_view pattern) {
  std::string lower = ToLower(pattern);
  auto cached = expansions_.find(lower);
  if (cached != expansions_.end()) return cached->second;
  std::vector<ActionId> out;
  size_t first = lower.find('/');
  size_t second = lower.find('/', first + 1);
  bool has_subtypes = second != std::string::npos && supertypes_.contains(lower.substr(0, second));
  if (runtime::IsConcrete(lower) && !has_subtypes) {
    ActionId id = Find(lower);
    if (id != kNoAction) out.push_back(id);
  } else {
    std::string entity = lower.substr(first + 1, second == std::string::npos ? second : second - first - 1);
    const auto& index = entity == "allentities" ? by_namespace_ : by_entity_root_;
    auto candidates = index.find(entity == "allentities" ? NamespaceOf(lower) : EntityRootKey(lower));
    if (candidates != index.end()) {
      for (ActionId id : candidates->second) {
        if (runtime::PatternMatches(lower, names_[id])) out.push_back(id);
      }
    }
  }
  return expansions_.emplace(std::move(lower), std::move(out)).first->second;
}

bool CatalogIndex::HasNamespaceOf(std::string_view pattern) const {
  return by_namespace_.contains(NamespaceOf(ToLower(pattern)));
}

std::vector<std::string> CatalogIndex::Suggest(std::string_view name, size_t limit) const {
  std::string lower = ToLower(name);
  std::string key = std::to_string(limit) + ":" + lower;
  if (auto cached = suggestions_.find(key); cached != suggestions_.end()) return cached->second;
  size_t bound = std::max<size_t>(3, lower.size() / 5);
  std::vector<std::pair<size_t, ActionId>> scored;
  for (const auto& [candidate, id] : by_lower_name_) {
    size_t len_diff = candidate.size() > lower.size() ? candidate.size() - lower.size()
                                                      : lower.size() - candidate.size();
    if (len_diff > bound) continue;
    size_t d = grammar::EditDistance(lower, candidate, bound);
    if (d <= bound) scored.emplace_back(d, id);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < scored.size() && i < limit; ++i) out.push_back(names_[scored[i].second]);
  suggestions_.emplace(std::move(key), out);
  return out;
}

}  // namespace rolec::compiler
