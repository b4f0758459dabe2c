// runtime/decision_key.cc — see decision_key.h; each field is read as Evaluation reads it.
#include "runtime/decision_key.h"

#include "runtime/action_pattern.h"

namespace rolec::runtime {

ActionDecisionKey DecisionKeyOf(const ImageView& image, RoleId role, ActionId action) {
  ActionDecisionKey key;
  const GrantBit bit = image.FindGrant(role, action);
  if (!bit.covered()) return key;  // AssignmentAllows denies without reading more
  key.covered = true;
  const ActionEntry entry = image.Action(action);
  key.intrinsic_chunk = entry.intrinsic_chunk;
  const ActionSegments segments = SplitAction(image.String(entry.name));
  key.read = IsReadAction(segments);
  key.bitlocker_key_read = IsBitLockerKeyRead(segments);
  key.unit_member = IsAdminUnitMemberAction(segments);
  key.unconditional = bit.unconditional();
  if (key.unconditional) return key;  // Check's fast path runs no rule
  const GrantEntry grant = image.Grant(bit.grant());
  key.allow_count = grant.allow_count;
  for (uint32_t k = 0; k < grant.allow_count + grant.except_count; ++k) {
    key.rules.push_back(image.GrantRule(grant.first_rule + k));
  }
  return key;
}

}  // namespace rolec::runtime
