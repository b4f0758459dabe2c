// runtime/image_view.h — typed, read-only access to a verified policy image.
//
// An ImageView is a pointer to the image's bytes plus the location of each section. Only
// VerifyImage (image_verifier.h) makes one, after checking every offset, count, index, hash table
// and chunk; so the accessors here index without bounds checks and the evaluator can trust what
// they return.
// INVARIANT: an ImageView exists only for bytes that passed VerifyImage, and it does not own them:
// the bytes must outlive it and never change.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>

#include "absl/types/span.h"
#include "rolec/policy.hpp"
#include "runtime/image_format.h"

namespace rolec::runtime {

// One (role, action) pair's bit in its grant block (image_format.h GrantBlock).
struct GrantBit {
  GrantBlock block;
  uint64_t bit;

  // Some allow rule of the role covers the action: there is a grant.
  bool covered() const noexcept { return (block.covers & bit) != 0; }
  // The grant's kGrantUnconditional flag (the fast path); false if not covered.
  bool unconditional() const noexcept { return (block.unconditional & bit) != 0; }
  // The grant's index in the grant table; only if covered().
  uint32_t grant() const noexcept { return block.first_grant + PopCount64(block.covers & (bit - 1)); }
};

class ImageView {
 public:
  ImageView() = default;

  const uint8_t* data() const noexcept { return base_; }
  size_t size() const noexcept { return size_; }
  ImageHeader header() const noexcept { return ReadRecord<ImageHeader>(base_, 0); }
  SectionEntry section(Section s) const noexcept { return sections_[SectionIndex(s)]; }

  uint32_t string_count() const noexcept { return Count(Section::kStrings); }
  uint32_t action_count() const noexcept { return Count(Section::kActions); }
  uint32_t role_count() const noexcept { return Count(Section::kRoles); }
  uint32_t role_set_count() const noexcept { return Count(Section::kRoleSets); }
  uint32_t rule_count() const noexcept { return Count(Section::kRules); }
  uint32_t grant_count() const noexcept { return Count(Section::kGrants); }
  uint32_t chunk_count() const noexcept { return Count(Section::kChunks); }

  std::string_view String(uint32_t index) const noexcept {
    StringEntry e = Entry<StringEntry>(Section::kStrings, index);
    return std::string_view(reinterpret_cast<const char*>(Base(Section::kStringBytes)) + e.offset,
                            e.length);
  }
  ActionEntry Action(ActionId id) const noexcept { return Entry<ActionEntry>(Section::kActions, id); }
  RoleEntry Role(RoleId id) const noexcept { return Entry<RoleEntry>(Section::kRoles, id); }
  RuleEntry Rule(uint32_t index) const noexcept { return Entry<RuleEntry>(Section::kRules, index); }
  // The string index of pattern `i` of the rule list.
  uint32_t RulePattern(uint32_t i) const noexcept { return Entry<uint32_t>(Section::kRulePatterns, i); }
  RoleSetEntry RoleSet(uint32_t set) const noexcept { return Entry<RoleSetEntry>(Section::kRoleSets, set); }
  GrantEntry Grant(uint32_t index) const noexcept { return Entry<GrantEntry>(Section::kGrants, index); }
  uint32_t GrantRule(uint32_t i) const noexcept { return Entry<uint32_t>(Section::kGrantRules, i); }
  ChunkEntry Chunk(uint32_t index) const noexcept { return Entry<ChunkEntry>(Section::kChunks, index); }
  absl::Span<const uint8_t> ChunkCode(uint32_t index) const noexcept {
    ChunkEntry e = Chunk(index);
    return absl::Span<const uint8_t>(Base(Section::kCode) + e.offset, e.bytes);
  }

  bool RoleSetContains(uint32_t set, RoleId role) const noexcept {
    uint64_t word = Entry<uint64_t>(Section::kRoleSetBits,
                                    set * words_per_role_set_ + role / 64);
    return (word >> (role % 64)) & 1;
  }
  uint32_t words_per_role_set() const noexcept { return words_per_role_set_; }
  uint64_t RoleSetWord(uint32_t set, uint32_t word) const noexcept {
    return Entry<uint64_t>(Section::kRoleSetBits, set * words_per_role_set_ + word);
  }

  // Catalog action by name, ASCII case-insensitive; kNoAction if absent. `hash` is
  // HashIgnoreCase(name).
  ActionId FindAction(std::string_view name, uint64_t hash) const noexcept;
  ActionId FindAction(std::string_view name) const noexcept;
  // Role by display name or template id, ASCII case-insensitive; kNoRole if absent.
  RoleId FindRole(std::string_view name_or_template_id) const noexcept;
  // Whether and how role < role_count() is granted action < action_count(): one GrantBlock read.
  GrantBit FindGrant(RoleId role, ActionId action) const noexcept {
    return GrantBit{Entry<GrantBlock>(Section::kGrantBlocks,
                                      uint64_t{role} * blocks_per_role_ + action / kGrantBlockActions),
                    uint64_t{1} << (action % kGrantBlockActions)};
  }
  uint32_t blocks_per_role() const noexcept { return blocks_per_role_; }
  GrantBlock GrantBlockAt(uint64_t index) const noexcept {
    return Entry<GrantBlock>(Section::kGrantBlocks, index);
  }
  // The grants of a role < role_count(): [first, second) indices into the grant table.
  std::pair<uint32_t, uint32_t> RoleGrants(RoleId role) const noexcept;

 private:
  friend class ImageVerifier;

  // The value of the name index's slot whose key equals `key` ignoring case; kNone32 if none.
  uint32_t FindNameValue(Section index, std::string_view key, uint64_t hash) const noexcept;
  uint32_t Count(Section s) const noexcept { return sections_[SectionIndex(s)].count; }
  const uint8_t* Base(Section s) const noexcept { return base_ + sections_[SectionIndex(s)].offset; }
  template <class T>
  T Entry(Section s, uint64_t index) const noexcept {
    return ReadRecord<T>(Base(s), index * sizeof(T));
  }

  const uint8_t* base_ = nullptr;
  size_t size_ = 0;
  SectionEntry sections_[kSectionCount] = {};
  uint32_t words_per_role_set_ = 0;
  uint32_t blocks_per_role_ = 0;
};

}  // namespace rolec::runtime
