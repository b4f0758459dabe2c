// runtime/image_view.cc — lookups in a verified image's name indexes and grant rows.
#include "runtime/image_view.h"

#include "runtime/action_pattern.h"

namespace rolec::runtime {

namespace {

// The key's bytes, straight from the slot.
inline std::string_view SlotKey(const uint8_t* string_bytes, const NameSlot& slot) noexcept {
  return std::string_view(reinterpret_cast<const char*>(string_bytes) + slot.key_offset,
                          slot.key_length);
}

}  // namespace

// Probing stops at an empty slot or after kMaxProbeDistance slots: the verifier guarantees every
// key lies within that distance of its home slot, so going further could only find nothing.
ActionId ImageView::FindAction(std::string_view name, uint64_t hash) const noexcept {
  const uint8_t* slots = Base(Section::kActionIndex);
  const uint8_t* string_bytes = Base(Section::kStringBytes);
  const uint32_t mask = Count(Section::kActionIndex) - 1;
  const uint32_t tag = NameTag(hash);
  const uint32_t home = static_cast<uint32_t>(hash) & mask;
  for (uint32_t distance = 0; distance <= kMaxProbeDistance; ++distance) {
    NameSlot slot = ReadRecord<NameSlot>(slots, uint64_t{(home + distance) & mask} * sizeof(NameSlot));
    if (slot.value == kNone32) return kNoAction;
    if (slot.tag == tag && EqualsIgnoreCase(SlotKey(string_bytes, slot), name)) return slot.value;
  }
  return kNoAction;
}

ActionId ImageView::FindAction(std::string_view name) const noexcept {
  return FindAction(name, HashIgnoreCase(name));
}

RoleId ImageView::FindRole(std::string_view name_or_template_id) const noexcept {
  const uint64_t hash = HashIgnoreCase(name_or_template_id);
  const uint8_t* slots = Base(Section::kRoleIndex);
  const uint8_t* string_bytes = Base(Section::kStringBytes);
  const uint32_t mask = Count(Section::kRoleIndex) - 1;
  const uint32_t tag = NameTag(hash);
  const uint32_t home = static_cast<uint32_t>(hash) & mask;
  for (uint32_t distance = 0; distance <= kMaxProbeDistance; ++distance) {
    NameSlot slot = ReadRecord<NameSlot>(slots, uint64_t{(home + distance) & mask} * sizeof(NameSlot));
    if (slot.value == kNone32) return kNoRole;
    if (slot.tag == tag && EqualsIgnoreCase(SlotKey(string_bytes, slot), name_or_template_id)) {
      return slot.value / 2;
    }
  }
  return kNoRole;
}

std::pair<uint32_t, uint32_t> ImageView::RoleGrants(RoleId role) const noexcept {
  // Each row's first block counts the grants before the role (verified); a catalog with no
  // actions has no rows and no grants.
  if (blocks_per_role_ == 0) return {0, 0};
  const uint32_t first = GrantBlockAt(uint64_t{role} * blocks_per_role_).first_grant;
  const uint32_t last = role + 1 < role_count()
                            ? GrantBlockAt(uint64_t{role + 1} * blocks_per_role_).first_grant
                            : grant_count();
  return {first, last};
}

}  // namespace rolec::runtime
