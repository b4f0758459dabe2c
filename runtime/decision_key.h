// runtime/decision_key.h — everything the evaluator reads about a catalog action, per role.
//
// CheckRequest (runtime/evaluator.cc) decides a request whose action is catalog action A, with
// assignments of role R only, from the request and from these facts about (R, A) and nothing else
// about A: whether R's grant covers A, whether it is unconditional (the fast path), the grant's
// allow and except rules, A's intrinsic target rule, and three facts of A's name — a read verb
// (restricted units), the BitLocker key read (restricted units, unit scope), and an action on a
// unit's members (unit scope). So two catalog actions with equal keys for R are decided alike on
// every such request that differs only in which of the two it names. The analysis layer relies on
// it to decide one action of a domain shape and reuse the answer for the others
// (analysis/action_domain.h). Whoever makes the evaluator read something more about the action
// must add it here; tests/runtime/decision_key_test.cc checks the promise on the stdlib.
#pragma once

#include <cstdint>
#include <utility>

#include "absl/container/inlined_vector.h"
#include "runtime/image_format.h"
#include "runtime/image_view.h"

namespace rolec::runtime {

struct ActionDecisionKey {
  bool covered = false;        // R's grant covers A; when false every other field is default
  bool unconditional = false;  // the fast path; when true `rules` is empty (none is read)
  uint32_t intrinsic_chunk = kNone32;
  bool read = false;
  bool bitlocker_key_read = false;
  bool unit_member = false;
  // The grant's allow rules, then its except rules (most grants have one or two: no allocation).
  absl::InlinedVector<uint32_t, 4> rules;
  uint32_t allow_count = 0;

  bool operator==(const ActionDecisionKey& o) const {
    return covered == o.covered && unconditional == o.unconditional &&
           intrinsic_chunk == o.intrinsic_chunk && read == o.read &&
           bitlocker_key_read == o.bitlocker_key_read && unit_member == o.unit_member &&
           allow_count == o.allow_count && rules == o.rules;
  }
  bool operator!=(const ActionDecisionKey& o) const { return !(*this == o); }
  template <typename H>
  friend H AbslHashValue(H h, const ActionDecisionKey& k) {
    return H::combine(std::move(h), k.covered, k.unconditional, k.intrinsic_chunk, k.read,
                      k.bitlocker_key_read, k.unit_member, k.allow_count, k.rules);
  }
};

// The key of (role, action) in a verified image; both in range.
ActionDecisionKey DecisionKeyOf(const ImageView& image, RoleId role, ActionId action);

}  // namespace rolec::runtime
