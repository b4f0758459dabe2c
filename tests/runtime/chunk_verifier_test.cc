// The chunk verifier rejecting each class of bad chunk, directly and through Policy::Load.
#include "runtime/chunk_verifier.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "rolec/policy.hpp"
#include "runtime/condition_vm.h"
#include "runtime/image_builder.h"
#include "runtime/opcodes.h"
#include "runtime/policy_impl.h"
#include "runtime/runtime_util.h"

namespace rolec::testing {
namespace {

using runtime::Opcode;

constexpr uint8_t Op(Opcode op) { return static_cast<uint8_t>(op); }
constexpr uint8_t T = Op(Opcode::kPushTrue);
constexpr uint8_t F = Op(Opcode::kPushFalse);
constexpr uint8_t KIND = Op(Opcode::kTargetKindIs);
constexpr uint8_t WITHIN = Op(Opcode::kTargetRolesWithin);
constexpr uint8_t HAS = Op(Opcode::kTargetHasRole);
constexpr uint8_t IN_AU = Op(Opcode::kTargetInAdminUnit);
constexpr uint8_t NOT = Op(Opcode::kNot);
constexpr uint8_t JIF = Op(Opcode::kJumpIfFalseOrPop);
constexpr uint8_t JIT = Op(Opcode::kJumpIfTrueOrPop);
constexpr uint8_t RET = Op(Opcode::kReturn);
constexpr uint8_t MFA = Op(Opcode::kContextMfa);

const runtime::ChunkLimits kLimits{/*role_count=*/3, /*role_set_count=*/2, /*string_count=*/5};

struct ChunkRow {
  const char* name;
  std::vector<uint8_t> code;
  uint32_t offset;
  const char* message;  // "" = valid
};

std::vector<ChunkRow> Rows() {
  std::vector<uint8_t> overflow(17, T);
  overflow.push_back(RET);
  std::vector<uint8_t> huge(runtime::kMaxChunkBytes + 1, NOT);
  std::vector<uint8_t> largest;  // kMaxChunkBytes exactly: T, then NOTs, then RETURN
  largest.push_back(T);
  largest.resize(runtime::kMaxChunkBytes - 1, NOT);
  largest.push_back(RET);
  return {
      {"true", {T, RET}, 0, ""},
      {"and", {T, JIF, 1, 0, F, RET}, 0, ""},
      {"or of two", {MFA, JIT, 5, 0, HAS, 2, 0, 0, 0, RET}, 0, ""},
      {"every operand at its limit", {KIND, 8, JIF, 13, 0, WITHIN, 1, 0, 0, 0, JIF, 5, 0, IN_AU, 4, 0, 0, 0, RET}, 0, ""},
      {"largest chunk", largest, 0, ""},
      {"empty", {}, 0, "empty chunk"},
      {"too large", huge, 0, "chunk of 65537 bytes exceeds the maximum of 65536"},
      {"unknown opcode", {0xEE, RET}, 0, "unknown opcode 0xee"},
      {"first opcode past the table", {T, static_cast<uint8_t>(Opcode::kCount)}, 1,
       "unknown opcode 0x15"},
      {"truncated operand", {HAS, 1, 0}, 0,
       "operand of TARGET_HAS_ROLE runs past the end of the chunk"},
      {"truncated jump", {T, JIF, 1}, 1,
       "operand of JUMP_IF_FALSE_OR_POP runs past the end of the chunk"},
      {"role out of range", {HAS, 3, 0, 0, 0, RET}, 0, "role 3 out of range (there are 3 roles)"},
      {"role far out of range", {HAS, 0xFF, 0xFF, 0xFF, 0xFF, RET}, 0,
       "role 4294967295 out of range (there are 3 roles)"},
      {"set out of range", {WITHIN, 2, 0, 0, 0, RET}, 0, "role set 2 out of range (there are 2 role sets)"},
      {"string out of range", {IN_AU, 5, 0, 0, 0, RET}, 0, "string 5 out of range (there are 5 strings)"},
      {"kind out of range", {KIND, 9, RET}, 0, "target kind 9 out of range (there are 9 kinds)"},
      {"jump to the end", {T, JIF, 1, 0, RET}, 1, "jump past end of chunk"},
      {"jump past the end", {T, JIF, 0xFF, 0xFF, RET}, 1, "jump past end of chunk"},
      {"jump into an operand", {T, JIF, 1, 0, HAS, 0, 0, 0, 0, RET}, 1,
       "jump into the middle of an instruction (byte 5)"},
      {"stack underflow: NOT", {NOT, RET}, 0, "stack underflow: NOT needs a value"},
      {"stack underflow: jump", {JIF, 0, 0, RET}, 0,
       "stack underflow: JUMP_IF_FALSE_OR_POP needs a value"},
      {"return on an empty stack", {RET}, 0, "RETURN at stack depth 0 (must be 1)"},
      {"return with two values", {T, T, RET}, 2, "RETURN at stack depth 2 (must be 1)"},
      {"stack overflow", overflow, 16, "stack overflow: depth 17 exceeds the maximum of 16"},
      {"no return", {T}, 1, "chunk ends without RETURN"},
      {"no return after NOT", {T, NOT}, 2, "chunk ends without RETURN"},
      {"unreachable code", {T, RET, F, RET}, 2, "unreachable instruction"},
      {"depth differs at a join (fall-through)", {T, JIF, 2, 0, T, T, RET}, 1,
       "stack depth 1 at the jump target (byte 6) but 2 on the path falling into it"},
      {"depth differs at a join (two jumps)", {T, T, JIF, 3, 0, JIF, 0, 0, RET}, 5,
       "stack depth 1 at the jump target (byte 8) but 2 on another path into it"},
      {"fall-through pops below zero", {T, JIF, 1, 0, NOT, RET}, 4, "stack underflow: NOT needs a value"},
  };
}

TEST(ChunkVerifier, Table) {
  for (const ChunkRow& row : Rows()) {
    runtime::ChunkProblem problem = runtime::VerifyChunk(row.code, kLimits);
    EXPECT_EQ(problem.message, row.message) << row.name;
    if (!problem.ok()) EXPECT_EQ(problem.offset, row.offset) << row.name;
  }
}

// An image whose limits are kLimits (3 roles, 2 sets, 5 strings) and whose chunk 1 is `code`.
std::string ImageWithChunk(const std::vector<uint8_t>& code) {
  runtime::ImageBuilder builder;  // string 0 is ""
  for (const char* text : {"one", "two", "three", "four"}) builder.AddString(text);
  for (const char* name : {"one", "two", "three"}) {
    runtime::RoleRecord role;
    role.name = name;
    builder.AddRole(role);
  }
  builder.AddRoleSet("four", {0});
  builder.AddRoleSet("one", {1});
  builder.AddChunk({T, RET});
  builder.AddChunk(code);
  return builder.Finish();
}

// Every value of every byte of a valid chunk is either rejected or runs to a RETURN: whatever the
// verifier accepts, the unchecked VM executes safely (and, under ASan, without a stray read).
TEST(ChunkVerifier, EveryValueOfEveryByteIsRejectedOrRuns) {
  // (true and target has C) or not context.mfa
  const std::vector<uint8_t> base = {T, JIF, 5, 0, HAS, 2, 0, 0, 0, JIT, 2, 0, MFA, NOT, RET};
  ASSERT_TRUE(runtime::VerifyChunk(base, kLimits).ok());
  int accepted = 0;
  for (size_t i = 0; i < base.size(); ++i) {
    for (int value = 0; value < 256; ++value) {
      std::vector<uint8_t> code = base;
      code[i] = static_cast<uint8_t>(value);
      const bool valid = runtime::VerifyChunk(code, kLimits).ok();
      absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(ImageWithChunk(code));
      ASSERT_EQ(policy.ok(), valid) << i << " " << value;
      if (!valid) continue;
      ++accepted;
      const RoleId roles[] = {2};
      Request request;
      request.target.roles = roles;
      request.context.mfa = true;
      bool value_for_c = runtime::RunCondition((*policy)->impl().image(), 1, request, "");
      request.target.roles = {};
      bool value_for_none = runtime::RunCondition((*policy)->impl().image(), 1, request, "au");
      if (code == base) {
        EXPECT_TRUE(value_for_c);
        EXPECT_FALSE(value_for_none);
      }
    }
  }
  EXPECT_GE(accepted, static_cast<int>(base.size()));  // at least the unchanged values
}

// A bad chunk in an image: Load names the chunk and the byte.
TEST(ChunkVerifier, LoadRejectsABadChunk) {
  for (const ChunkRow& row : Rows()) {
    if (std::string(row.message).empty()) continue;
    absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(ImageWithChunk(row.code));
    ASSERT_FALSE(policy.ok()) << row.name;
    EXPECT_EQ(policy.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(policy.status().message(),
              "policy image: chunk 1 at byte " + std::to_string(row.offset) + ": " + row.message)
        << row.name;
  }
}

TEST(ChunkVerifier, LoadAcceptsTheValidRows) {
  for (const ChunkRow& row : Rows()) {
    if (!std::string(row.message).empty()) continue;
    EXPECT_TRUE(Policy::Load(ImageWithChunk(row.code)).ok()) << row.name;
  }
}

}  // namespace
}  // namespace rolec::testing
