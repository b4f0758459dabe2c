// runtime/image_builder.h — writes a policy image. The compiler's emit stage is its only user.
//
// The builder owns the binary layout (docs/bytecode.md) so that the format is known in one place,
// runtime/, beside the loader that reads it. The caller adds tables in a deterministic order; the
// same calls give the same bytes (string interning, hash tables and checksums are deterministic).
//
// Ids are dense and assigned in call order: the first AddRole returns RoleId 0, and so on. Condition
// chunks may reference role ids, role-set indices and string indices (from AddString) in their
// operands, so the caller adds roles, sets and strings before it encodes chunks that name them.
// String 0 is always "". The builder does not validate what it is given: an inconsistent call (a
// rule of an unknown role, a set member added later, a role's rules not contiguous, a bad chunk)
// yields an image that Policy::Load rejects with a message naming the table and the index.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "rolec/policy.hpp"

namespace rolec::runtime {

inline constexpr uint32_t kNoChunk = 0xFFFFFFFFu;

struct SourceRecord {
  std::string file;
  uint32_t line = 0;
  uint32_t column = 0;
};

struct ActionRecord {
  std::string name;  // canonical spelling, e.g. microsoft.directory/users/password/update
  std::string description;
  bool privileged = false;
  bool custom_allowed = false;
  bool protected_action = false;
  uint32_t intrinsic_chunk = kNoChunk;  // condition that must hold on the target, or kNoChunk
  std::string intrinsic_text;           // its source text
};

struct RoleRecord {
  std::string name;
  std::string template_id;  // may be empty
  std::string description;
  std::string module;
  bool privileged = false;
  bool deprecated = false;
  bool admin_unit_scopable = false;
  SourceRecord source;
};

struct RuleRecord {
  bool is_except = false;
  RoleId role = kNoRole;
  std::vector<std::string> patterns;  // action patterns as written (lower-casing is the runtime's)
  uint32_t chunk = kNoChunk;          // condition, or kNoChunk if unconditional
  std::string condition_text;
  SourceRecord source;
};

// Which rules of one role cover one catalog action. Only pairs with at least one allow rule are
// added. The runtime derives the fast-path flag (some allow unconditional and no except) itself.
struct GrantRecord {
  RoleId role = kNoRole;
  ActionId action = kNoAction;
  std::vector<uint32_t> allow_rules;   // rule indices, ascending
  std::vector<uint32_t> except_rules;  // rule indices, ascending
};

class ImageBuilder {
 public:
  ImageBuilder();

  // Interns a string; the same text gives the same index.
  uint32_t AddString(std::string_view text);
  ActionId AddAction(const ActionRecord& action);
  RoleId AddRole(const RoleRecord& role);
  // A named set of roles (for TARGET_ROLES_WITHIN / TARGET_ROLES_ANY). Returns the set index.
  uint32_t AddRoleSet(std::string_view name, const std::vector<RoleId>& members);
  // A condition chunk; `code` must be valid bytecode (the loader verifies it anyway).
  uint32_t AddChunk(std::vector<uint8_t> code);
  // Rules of a role must be added contiguously, in the order of that role's id; returns the index.
  uint32_t AddRule(const RuleRecord& rule);
  void AddGrant(const GrantRecord& grant);

  // Serializes everything: header, tables, hash indexes, checksum.
  std::string Finish() const;

 private:
  std::vector<std::string> strings_;
  absl::flat_hash_map<std::string, uint32_t> string_index_;
  std::vector<ActionRecord> actions_;
  std::vector<RoleRecord> roles_;
  std::vector<std::pair<std::string, std::vector<RoleId>>> role_sets_;
  std::vector<std::vector<uint8_t>> chunks_;
  std::vector<RuleRecord> rules_;
  std::vector<GrantRecord> grants_;
};

// Appends an instruction to a chunk under construction (helpers for the compiler's lowering).
void EmitOp(std::vector<uint8_t>& code, uint8_t opcode);
void EmitOpU8(std::vector<uint8_t>& code, uint8_t opcode, uint8_t operand);
void EmitOpU32(std::vector<uint8_t>& code, uint8_t opcode, uint32_t operand);
// Emits a jump with a placeholder offset; returns the position to patch.
size_t EmitJump(std::vector<uint8_t>& code, uint8_t opcode);
// Points the jump at `at` to the current end of the chunk.
void PatchJump(std::vector<uint8_t>& code, size_t at);

}  // namespace rolec::runtime
