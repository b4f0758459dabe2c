// runtime/evaluator.h — the decision procedure (DESIGN.md §2, docs/bytecode.md §Evaluation).
//
// Check and Explain are one function template instantiated twice, so they cannot disagree: the
// Check instantiation stops at the first allowing assignment and may take the precomputed fast
// path (kGrantUnconditional); the Explain instantiation visits everything and records why. For
// each assignment, in order:
//   1. scope: an administrative-unit scope applies only to a target in that unit; a tenant scope
//      does not apply to a modification (verb other than `read`) of a target in a restricted
//      management administrative unit;
//   2. the rules of the role covering the action: for a catalog action, the (role, action) grant
//      of the image's index; for a well-formed action outside the catalog, every rule with a
//      pattern that matches it (PatternMatches);
//   3. allowed by the role = some covering allow rule whose condition holds and no covering
//      except rule whose condition holds;
//   4. and the catalog action's intrinsic target rule holds -> allow.
// A request with an out-of-range role id (assignment or target), an out-of-range action id, or a
// malformed action is denied; Explain lists those as errors.
#pragma once

#include <string>

#include "rolec/policy.hpp"
#include "runtime/image_view.h"

namespace rolec::runtime {

// No allocation, no locks, no exceptions.
Decision CheckRequest(const ImageView& image, const Request& request) noexcept;
Explanation ExplainRequest(const ImageView& image, const Request& request);
std::string FormatExplanation(const ImageView& image, const Request& request,
                              const Explanation& explanation);

}  // namespace rolec::runtime
