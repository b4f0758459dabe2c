// runtime/image_view.cc — lookups in a verified image's hash indexes and grant table.
#include "runtime/image_view.h"

#include "runtime/action_pattern.h"

namespace rolec::runtime {

// Probing stops at an empty slot or after kMaxProbeDistance slots: the verifier guarantees every
// key lies within that distance of its home slot, so going further could only find nothing.

ActionId ImageView::FindAction(std::string_view name, uint64_t hash) const noexcept {
  const uint8_t* slots = Base(Section::kActionIndex);
  const uint32_t mask = Count(Section::kActionIndex) - 1;
  const uint32_t tag = NameTag(hash);
  const uint32_t home = static_cast<uint32_t>(hash) & mask;
  for (uint32_t distance = 0; distance <= kMaxProbeDistance; ++distance) {
    NameSlot slot = ReadRecord<NameSlot>(slots, uint64_t{(home + distance) & mask} * sizeof(NameSlot));
    if (slot.value == kNone32) return kNoAction;
    if (slot.tag == tag && EqualsIgnoreCase(String(Action(slot.value).name), name)) return slot.value;
  }
  return kNoAction;
}

ActionId ImageView::FindAction(std::string_view name) const noexcept {
  return FindAction(name, HashIgnoreCase(name));
}

RoleId ImageView::FindRole(std::string_view name_or_template_id) const noexcept {
  const uint64_t hash = HashIgnoreCase(name_or_template_id);
  const uint8_t* slots = Base(Section::kRoleIndex);
  const uint32_t mask = Count(Section::kRoleIndex) - 1;
  const uint32_t tag = NameTag(hash);
  const uint32_t home = static_cast<uint32_t>(hash) & mask;
  for (uint32_t distance = 0; distance <= kMaxProbeDistance; ++distance) {
    NameSlot slot = ReadRecord<NameSlot>(slots, uint64_t{(home + distance) & mask} * sizeof(NameSlot));
    if (slot.value == kNone32) return kNoRole;
    if (slot.tag != tag) continue;
    RoleId role = slot.value / 2;
    RoleEntry entry = Role(role);
    std::string_view key = String((slot.value & 1) ? entry.template_id : entry.name);
    if (EqualsIgnoreCase(key, name_or_template_id)) return role;
  }
  return kNoRole;
}

bool ImageView::FindGrant(RoleId role, ActionId action, GrantSlot* out) const noexcept {
  const uint64_t hash = GrantKeyHash(role, action);
  const uint8_t* slots = Base(Section::kGrantIndex);
  const uint32_t mask = Count(Section::kGrantIndex) - 1;
  const uint32_t home = static_cast<uint32_t>(hash) & mask;
  for (uint32_t distance = 0; distance <= kMaxProbeDistance; ++distance) {
    GrantSlot slot =
        ReadRecord<GrantSlot>(slots, uint64_t{(home + distance) & mask} * sizeof(GrantSlot));
    if (slot.grant == kNone32) return false;
    if (slot.role == role && slot.action == action) {
      *out = slot;
      return true;
    }
  }
  return false;
}

std::pair<uint32_t, uint32_t> ImageView::RoleGrants(RoleId role) const noexcept {
  // Grants are sorted by (role, action): two binary searches on the role.
  auto lower_bound = [&](RoleId key) {
    uint32_t lo = 0;
    uint32_t hi = grant_count();
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      if (Grant(mid).role < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  };
  uint32_t first = lower_bound(role);
  uint32_t last = role == kNoRole ? grant_count() : lower_bound(role + 1);
  return {first, last};
}

}  // namespace rolec::runtime
