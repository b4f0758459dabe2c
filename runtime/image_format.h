// runtime/image_format.h — the binary layout of a policy image, in one place (docs/bytecode.md).
//
// An image is little-endian and position-independent (offsets, never pointers), so it can be read
// in place from a buffer or an mmap. It is a fixed header with a directory of sections, then the
// sections, each 8-aligned and zero-padded:
//
//   0   magic "ROLECIMG"           8   format_version u32    12  header_bytes u32
//   16  image_bytes u64            24  checksum u64 = XXH64(bytes [32, image_bytes))
//   32  catalog_fingerprint u64    40  section_count u32     44  reserved u32 (0)
//   48  SectionEntry[kSectionCount] {offset, bytes, count, reserved} — in Section order
//
// Tables are arrays of the fixed-size little-endian records below; blobs (string bytes, code) are
// byte arrays that the records index. Record fields are u32 so every record is 4-aligned inside
// an 8-aligned section; readers copy records out with memcpy, never through a cast pointer.
//
// The writer is ImageBuilder (image_builder.cc), the checker VerifyImage (image_verifier.cc), the
// reader ImageView (image_view.h). Any change here is a new kImageFormatVersion.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "rolec/policy.hpp"

namespace rolec::runtime {

// Records are read by memcpy straight from the image, which is little-endian.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "policy images are read in place; rolec supports little-endian hosts only");

inline constexpr std::string_view kImageMagic = kPolicyImageMagic;  // include/rolec/policy.hpp
inline constexpr uint32_t kImageFormatVersion = 3;
// Larger images are refused before they are copied or checksummed.
inline constexpr uint64_t kMaxImageBytes = uint64_t{256} << 20;
inline constexpr uint32_t kSectionAlignment = 8;
// The checksum covers everything after itself.
inline constexpr uint32_t kChecksumOffset = 24;
inline constexpr uint32_t kChecksummedFrom = 32;
// Marks "no entry" in index slots and "no chunk" in records.
inline constexpr uint32_t kNone32 = 0xFFFFFFFFu;
// Every key of a hash index sits at most this many slots after its home slot (linear probing).
// The builder grows a table until it holds; the verifier rejects a table where it does not, which
// bounds both verification and lookups of absent keys whatever the image says.
inline constexpr uint32_t kMaxProbeDistance = 32;

enum class Section : uint32_t {
  kStrings,       // StringEntry[string_count]
  kStringBytes,   // u8[]: the strings' bytes, back to back, no terminators
  kActions,       // ActionEntry[action_count]: the catalog
  kActionIndex,   // NameSlot[capacity]: action name -> action id
  kRoles,         // RoleEntry[role_count]
  kRoleIndex,     // NameSlot[capacity]: role name or template id -> role id
  kRoleSets,      // RoleSetEntry[set_count]
  kRoleSetBits,   // u64[set_count * words_per_set]: one bitset over role ids per set
  kRules,         // RuleEntry[rule_count], grouped by role
  kRulePatterns,  // u32[]: string indices of the rules' patterns
  kGrants,        // GrantEntry[grant_count], ascending by (role, action)
  kGrantRules,    // u32[]: rule indices of the grants (allows, then excepts)
  kGrantBlocks,   // GrantBlock[role_count * blocks_per_role]: (role, action) -> grant, as bits
  kChunks,        // ChunkEntry[chunk_count]
  kCode,          // u8[]: the chunks' bytecode, back to back
};
inline constexpr uint32_t kSectionCount = 15;

struct SectionInfo {
  const char* name;
  uint32_t entry_bytes;  // size of one counted entry (1 for byte blobs)
};
extern const SectionInfo kSectionInfo[kSectionCount];

inline constexpr uint32_t SectionIndex(Section section) { return static_cast<uint32_t>(section); }

struct SectionEntry {
  uint32_t offset;  // from the start of the image; a multiple of 8
  uint32_t bytes;   // == count * entry_bytes
  uint32_t count;
  uint32_t reserved;  // 0
};

struct ImageHeader {
  char magic[8];
  uint32_t format_version;
  uint32_t header_bytes;  // sizeof(ImageHeader)
  uint64_t image_bytes;
  uint64_t checksum;
  uint64_t catalog_fingerprint;
  uint32_t section_count;  // kSectionCount
  uint32_t reserved;
  SectionEntry sections[kSectionCount];
};
static_assert(sizeof(ImageHeader) == 48 + 16 * kSectionCount, "header layout");
static_assert(offsetof(ImageHeader, checksum) == kChecksumOffset, "header layout");
static_assert(offsetof(ImageHeader, catalog_fingerprint) == kChecksummedFrom, "header layout");

struct StringEntry {
  uint32_t offset;  // into kStringBytes
  uint32_t length;
};

// ActionEntry::flags
inline constexpr uint32_t kActionPrivileged = 1u << 0;
inline constexpr uint32_t kActionCustomAllowed = 1u << 1;
inline constexpr uint32_t kActionProtected = 1u << 2;
inline constexpr uint32_t kActionFlagsMask = 7u;
struct ActionEntry {
  uint32_t name;            // string index: canonical spelling
  uint32_t description;     // string index
  uint32_t intrinsic_text;  // string index ("" if none)
  uint32_t intrinsic_chunk;  // chunk index or kNone32
  uint32_t flags;           // kAction*
  uint32_t reserved;        // 0
};

// RoleEntry::flags
inline constexpr uint32_t kRolePrivileged = 1u << 0;
inline constexpr uint32_t kRoleDeprecated = 1u << 1;
// The role may be assigned at administrative-unit scope (docs/semantics.md §Administrative units).
inline constexpr uint32_t kRoleAdminUnitScopable = 1u << 2;
inline constexpr uint32_t kRoleFlagsMask = 7u;
struct RoleEntry {
  uint32_t name;         // string indices
  uint32_t template_id;  // "" if none
  uint32_t description;
  uint32_t module;
  uint32_t source_file;
  uint32_t source_line;
  uint32_t source_column;
  uint32_t flags;       // kRole*
  uint32_t first_rule;  // the role's rules are [first_rule, first_rule + rule_count)
  uint32_t rule_count;
};

struct RoleSetEntry {
  uint32_t name;          // string index
  uint32_t member_count;  // == number of bits set in the set's bitset
};

// RuleEntry::flags
inline constexpr uint32_t kRuleExcept = 1u << 0;
inline constexpr uint32_t kRuleFlagsMask = 1u;
struct RuleEntry {
  uint32_t role;
  uint32_t flags;          // kRule*
  uint32_t first_pattern;  // into kRulePatterns; the rules' ranges tile it in rule order
  uint32_t pattern_count;  // >= 1
  uint32_t chunk;          // condition chunk or kNone32 (unconditional)
  uint32_t condition_text;  // string index ("" if unconditional)
  uint32_t source_file;
  uint32_t source_line;
  uint32_t source_column;
  uint32_t reserved;  // 0
};

// GrantEntry::flags. kGrantUnconditional: some allow rule is unconditional and no except rule
// covers the action, so the role grants the action without running any condition (the
// evaluator's fast path, read from the GrantBlock's `unconditional` bits).
inline constexpr uint32_t kGrantUnconditional = 1u << 0;
inline constexpr uint32_t kGrantFlagsMask = 1u;
struct GrantEntry {
  uint32_t role;
  uint32_t action;
  uint32_t first_rule;    // into kGrantRules; the grants' ranges tile it in grant order
  uint32_t allow_count;   // >= 1: allow rules, ascending
  uint32_t except_count;  // then except rules, ascending
  uint32_t flags;         // kGrant*
};

// A slot of a name index (actions, roles). Empty: {0, kNone32, 0, 0}. The key's bytes are named
// by the slot itself, so a lookup compares them without first reading the record and its string
// entry (three dependent loads fewer on the evaluator's string path).
struct NameSlot {
  uint32_t tag;         // HashIgnoreCase(key) >> 32
  uint32_t value;       // action id; for roles, role id * 2 + (1 if the key is the template id)
  uint32_t key_offset;  // the key's StringEntry.offset (into kStringBytes)
  uint32_t key_length;  // the key's StringEntry.length
};

// The grants of one role for 64 consecutive catalog actions, [64 * b, 64 * b + 64): block b of the
// role's row. A role's row has BlocksPerRole(action_count) blocks; the rows are in role order. Bit
// k of `covers`: some allow rule of the role covers action 64 * b + k, i.e. there is a grant for
// the pair. Bit k of `unconditional`: that grant's kGrantUnconditional flag (so unconditional is a
// subset of covers). `first_grant`: the index of the first grant of this block's actions, i.e. the
// number of covered pairs before this block in (role, action) order; the grant of a covered pair is
// first_grant + popcount(covers & ((1 << k) - 1)). A check reads one block per assignment.
inline constexpr uint32_t kGrantBlockActions = 64;
struct GrantBlock {
  uint64_t covers;
  uint64_t unconditional;
  uint32_t first_grant;
  uint32_t reserved;  // 0
};
// Bits set in a word. Inline and branch-free: the build does not assume the POPCNT instruction,
// and the compiler's builtin then calls into libgcc.
inline uint32_t PopCount64(uint64_t x) noexcept {
  x = x - ((x >> 1) & 0x5555555555555555ull);
  x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
  return static_cast<uint32_t>((x * 0x0101010101010101ull) >> 56);
}
inline uint32_t BlocksPerRole(uint32_t action_count) noexcept {
  return static_cast<uint32_t>((uint64_t{action_count} + kGrantBlockActions - 1) / kGrantBlockActions);
}

struct ChunkEntry {
  uint32_t offset;  // into kCode; the chunks tile it in chunk order
  uint32_t bytes;   // 1..kMaxChunkBytes
};

// Hash indexes use linear probing from home slot `hash & (capacity - 1)`.
inline uint32_t NameTag(uint64_t hash) noexcept { return static_cast<uint32_t>(hash >> 32); }
inline uint32_t RoleIndexValue(RoleId role, bool is_template_id) noexcept {
  return role * 2 + (is_template_id ? 1 : 0);
}
inline uint32_t WordsPerRoleSet(uint32_t role_count) noexcept {
  return static_cast<uint32_t>((static_cast<uint64_t>(role_count) + 63) / 64);
}

// Reads a record of type T at byte `offset` of `base`. The caller has checked the bounds.
template <class T>
inline T ReadRecord(const uint8_t* base, uint64_t offset) noexcept {
  T record;
  std::memcpy(&record, base + offset, sizeof record);
  return record;
}

// XXH64 of the lower-cased catalog names, sorted bytewise, each followed by '\n': identifies the
// catalog an image was compiled against, whatever order the actions are in.
uint64_t CatalogFingerprint(std::vector<std::string_view> names);

}  // namespace rolec::runtime
