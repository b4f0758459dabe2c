// bench/synthetic_policy.h — deterministic synthetic .role policies for compile and scaling benchmarks.
//
// A synthetic policy looks like what a large tenant's custom roles look like: a catalog of ~1000
// Entra-shaped actions (namespaces, entities with dotted subtypes, property sets, 3- to 5-segment
// actions), a few base roles that others extend, role sets for `within` conditions, and many custom
// roles made of concrete actions, wildcard patterns (allProperties/allTasks, allEntities), conditional
// grants (target.roles within a set, not target.role_assignable_group_member, target.kind, context.mfa)
// and an occasional except. The same options give the same bytes on every machine (bench/rng.h).
//
// The policy is split into files of at most `roles_per_file` roles (every file stays far below
// CompileOptions::max_source_bytes) and compiles with CompileOptions::with_stdlib = false and no
// error or warning.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "rolec/compiler.hpp"

namespace rolec::bench {

struct SyntheticOptions {
  uint32_t roles = 1000;   // total roles, base roles included
  uint32_t actions = 1000;  // catalog size
  uint32_t roles_per_file = 5000;
  uint64_t seed = 20240601;
};

struct SyntheticPolicy {
  std::vector<SourceFile> files;   // the catalog file first, then the role files
  size_t lines = 0;                // source lines over all files
  size_t bytes = 0;                // source bytes over all files
  std::vector<std::string> actions;     // the catalog, sorted
  std::vector<std::string> role_names;  // in declaration order
  uint32_t base_roles = 0;              // the first base_roles names are the base roles
};

SyntheticPolicy GenerateSyntheticPolicy(const SyntheticOptions& options);

// Compile options that fit a synthetic policy of any size generated above (stdlib off; total size
// and role limits raised to what the policy needs).
CompileOptions SyntheticCompileOptions(const SyntheticPolicy& policy);

}  // namespace rolec::bench
