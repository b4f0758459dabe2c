// compiler/catalog_index.h — the action catalog as the compiler queries it.
//
// Answers three questions fast: is this concrete action in the catalog (case-insensitive), which
// catalog actions does this pattern cover (cached per distinct pattern; only the actions of the
// pattern's namespace are scanned), and which catalog names are closest to a misspelt one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "rolec/policy.hpp"

namespace rolec::compiler {

class CatalogIndex {
 public:
  // `names` are the catalog's canonical spellings; ActionId = position.
  explicit CatalogIndex(std::vector<std::string> names);

  // kNoAction if absent.
  ActionId Find(std::string_view name) const;
  // Catalog actions covered by a well-formed pattern, ascending. Cached.
  const std::vector<ActionId>& Expand(std::string_view pattern);
  // True if some catalog action has this namespace (the first segment of `pattern`).
  bool HasNamespaceOf(std::string_view pattern) const;
  // Up to `limit` catalog names within a small edit distance of `name`, closest first. Cached per
  // distinct (lower-cased) name: a file repeating one misspelling 10,000 times costs one search.
  std::vector<std::string> Suggest(std::string_view name, size_t limit = 1) const;

  const std::string& name(ActionId id) const { return names_[id]; }
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
  absl::flat_hash_map<std::string, ActionId> by_lower_name_;
  absl::flat_hash_map<std::string, std::vector<ActionId>> by_namespace_;
  // "namespace/root" -> actions whose entity is root or root.x (root = the entity before its first
  // dot), so a pattern with a concrete entity scans only its own entity family.
  absl::flat_hash_map<std::string, std::vector<ActionId>> by_entity_root_;
  absl::flat_hash_map<std::string, std::vector<ActionId>> expansions_;
  // "namespace/entity" (lower-cased) of every entity that has dotted subtypes in the catalog: a
  // concrete pattern on such an entity also covers the subtypes' actions.
  absl::flat_hash_set<std::string> supertypes_;
  // Suggest's answers, by limit and lower-cased name.
  mutable absl::flat_hash_map<std::string, std::vector<std::string>> suggestions_;
};

// ASCII lower-case copy.
std::string ToLower(std::string_view text);

}  // namespace rolec::compiler
