// runtime/image_view.cc — lookups in a verified image's name indexes and grant rows.
#include "runtime/image_view.h"

#include "runtime/action_pattern.h"

namespace rolec::runtime {

// Probing stops at an empty slot or after kMaxProbeDistance slots: the verifier guarantees every
// key lies within that distance of its home slot, so going further could only find nothing.
uint32_t ImageView::FindNameValue(Section index, std::string_view key, uint64_t hash) const noexcept {
  const uint8_t* slots = Base(index);
  const char* string_bytes = reinterpret_cast<const char*>(Base(Section::kStringBytes));
  const uint32_t mask = Count(index) - 1;
  const uint32_t tag = NameTag(hash);
  const uint32_t home = static_cast<uint32_t>(hash) & mask;
  for (uint32_t distance = 0; distance <= kMaxProbeDistance; ++distance) {
    NameSlot slot = ReadRecord<NameSlot>(slots, uint64_t{(home + distance) & mask} * sizeof(NameSlot));
    if (slot.value == kNone32) return kNone32;
    // The slot names its key's bytes: compare them without reading the record first.
    if (slot.tag == tag &&
        EqualsIgnoreCase(std::string_view(string_bytes + slot.key_offset, slot.key_length), key)) {
      return slot.value;
    }
  }
  return kNone32;
}

static_assert(kNoAction == kNone32, "FindAction returns the name index's empty value as is");

ActionId ImageView::FindAction(std::string_view name, uint64_t hash) const noexcept {
  return FindNameValue(Section::kActionIndex, name, hash);
}

ActionId ImageView::FindAction(std::string_view name) const noexcept {
  return FindAction(name, HashIgnoreCase(name));
}

RoleId ImageView::FindRole(std::string_view name_or_template_id) const noexcept {
  const uint32_t value = FindNameValue(Section::kRoleIndex, name_or_template_id,
                                       HashIgnoreCase(name_or_template_id));
  return value == kNone32 ? kNoRole : value / 2;
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
