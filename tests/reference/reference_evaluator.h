// tests/reference/reference_evaluator.h — the decision semantics, interpreted directly over the checked
// Program: the oracle that the optimized path (lowering, emission, image, fast-path index, VM) is
// tested against.
//
// It is deliberately simple and shares no code with the runtime's evaluation: it splits patterns and
// actions into segments itself, walks the typed condition trees, and scans every rule of every held
// role. Only the well-formedness check of a request's action is shared (runtime::PatternError), since
// it is validation, not semantics. Slow by design; never use it to serve requests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir.h"
#include "rolec/request.hpp"

namespace rolec::compiler {

class ReferenceEvaluator {
 public:
  explicit ReferenceEvaluator(const Program& program);

  // Default deny; any problem with the request (unknown role, bad scope, malformed action) denies.
  Decision Evaluate(const OwnedRequest& request) const;

  // Exposed for the matching-semantics tests.
  static bool Matches(std::string_view pattern, std::string_view action);

 private:
  struct Held {
    RoleId role;
    std::string admin_unit;  // "" = tenant scope
  };
  RoleId FindRole(std::string_view name_or_id) const;
  // The decision for one concrete action (a catalog action or a keyword query's witness).
  Decision Allows(const OwnedRequest& request, std::string_view action,
                  const std::vector<RoleId>& target_roles, const std::vector<Held>& held) const;
  bool Holds(const Cond& cond, const OwnedRequest& request, const std::vector<RoleId>& target_roles,
             const Held& held) const;

  const Program& program_;
  std::vector<std::string> role_names_;    // lower-cased, by RoleId
  std::vector<std::string> role_ids_;      // lower-cased template ids, by RoleId
  std::vector<std::string> action_names_;  // lower-cased, by ActionId
};

}  // namespace rolec::compiler
