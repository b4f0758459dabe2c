// Every opcode of the condition VM, true and false, as a table; the table itself is checked to
// cover the whole instruction set.
#include "runtime/condition_vm.h"

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/image_builder.h"
#include "runtime/opcodes.h"
#include "runtime/policy_impl.h"
#include "runtime/runtime_util.h"

namespace rolec::testing {
namespace {

using runtime::Opcode;

struct VmRow {
  std::string name;
  Code code;
  std::function<void(Request&)> setup;
  std::string_view scope;  // "" = tenant
  bool expected;
  RoleId role = kNoRole;   // the assignment's role (ASSIGNMENT_ROLE_IN)
};

// Role ids 0 "A", 1 "B", 2 "C"; set 0 "ab" = {A, B}, set 1 "none" = {}.
constexpr RoleId kA = 0;
constexpr RoleId kB = 1;
constexpr RoleId kC = 2;

const RoleId kNoRoles[] = {0};  // a span of length 0 is taken from it
const RoleId kRolesA[] = {kA};
const RoleId kRolesAB[] = {kA, kB};
const RoleId kRolesC[] = {kC};
const RoleId kRolesAC[] = {kA, kC};
const RoleId kRolesCB[] = {kC, kB};
const std::string_view kUnits[] = {"au-2", "au-1"};
const std::string_view kUpperUnit[] = {"AU-1"};
const std::string_view kOwners[] = {"x", "p"};
const std::string_view kOtherOwner[] = {"x"};
const std::string_view kEmptyOwner[] = {""};

Code Push(bool value) { return Code().Op(value ? Opcode::kPushTrue : Opcode::kPushFalse); }

// <a> JUMP_IF_FALSE_OR_POP L <b> L: RETURN — `a and b`.
Code And(bool a, bool b) {
  return Push(a).Jump(Opcode::kJumpIfFalseOrPop, 1).Op(b ? Opcode::kPushTrue : Opcode::kPushFalse).Label(1).Return();
}
Code Or(bool a, bool b) {
  return Push(a).Jump(Opcode::kJumpIfTrueOrPop, 1).Op(b ? Opcode::kPushTrue : Opcode::kPushFalse).Label(1).Return();
}

std::vector<VmRow> Rows() {
  auto none = [](Request&) {};
  auto roles = [](absl::Span<const RoleId> held) { return [held](Request& r) { r.target.roles = held; }; };
  std::vector<VmRow> rows = {
      {"push true", Push(true).Return(), none, "", true},
      {"push false", Push(false).Return(), none, "", false},
      {"kind is user", Code().Kind(TargetKind::kUser).Return(),
       [](Request& r) { r.target.kind = TargetKind::kUser; }, "", true},
      {"kind is not user", Code().Kind(TargetKind::kUser).Return(),
       [](Request& r) { r.target.kind = TargetKind::kGroup; }, "", false},
      {"kind other", Code().Kind(TargetKind::kOther).Return(),
       [](Request& r) { r.target.kind = TargetKind::kOther; }, "", true},
      {"within: no roles", Code().Set(Opcode::kTargetRolesWithin, 0).Return(),
       roles(absl::Span<const RoleId>(kNoRoles, 0)), "", true},
      {"within: A", Code().Set(Opcode::kTargetRolesWithin, 0).Return(), roles(kRolesA), "", true},
      {"within: A B", Code().Set(Opcode::kTargetRolesWithin, 0).Return(), roles(kRolesAB), "", true},
      {"within: C", Code().Set(Opcode::kTargetRolesWithin, 0).Return(), roles(kRolesC), "", false},
      {"within: A C", Code().Set(Opcode::kTargetRolesWithin, 0).Return(), roles(kRolesAC), "", false},
      {"within empty set: no roles", Code().Set(Opcode::kTargetRolesWithin, 1).Return(),
       roles(absl::Span<const RoleId>(kNoRoles, 0)), "", true},
      {"within empty set: A", Code().Set(Opcode::kTargetRolesWithin, 1).Return(), roles(kRolesA), "", false},
      {"any: no roles", Code().Set(Opcode::kTargetRolesAny, 0).Return(),
       roles(absl::Span<const RoleId>(kNoRoles, 0)), "", false},
      {"any: C B", Code().Set(Opcode::kTargetRolesAny, 0).Return(), roles(kRolesCB), "", true},
      {"any: C", Code().Set(Opcode::kTargetRolesAny, 0).Return(), roles(kRolesC), "", false},
      {"assignment role A in ab", Code().Set(Opcode::kAssignmentRoleIn, 0).Return(), none, "", true, kA},
      {"assignment role C in ab", Code().Set(Opcode::kAssignmentRoleIn, 0).Return(), none, "", false, kC},
      {"assignment role A in none", Code().Set(Opcode::kAssignmentRoleIn, 1).Return(), none, "", false, kA},
      {"no assignment role", Code().Set(Opcode::kAssignmentRoleIn, 0).Return(), roles(kRolesA), "", false},
      {"assignment role out of range", Code().Set(Opcode::kAssignmentRoleIn, 0).Return(), none, "au-1",
       false, 7},
      {"has C: A C", Code().Role(kC).Return(), roles(kRolesAC), "", true},
      {"has C: A", Code().Role(kC).Return(), roles(kRolesA), "", false},
      {"rag member", Code().Op(Opcode::kTargetRagMember).Return(),
       [](Request& r) { r.target.role_assignable_group_member = true; }, "", true},
      {"not rag member", Code().Op(Opcode::kTargetRagMember).Return(), none, "", false},
      {"restricted au role", Code().Op(Opcode::kTargetRestrictedAuRole).Return(),
       [](Request& r) { r.target.role_scoped_to_restricted_admin_unit = true; }, "", true},
      {"no restricted au role", Code().Op(Opcode::kTargetRestrictedAuRole).Return(), none, "", false},
      {"in restricted au", Code().Op(Opcode::kTargetInRestrictedAu).Return(),
       [](Request& r) { r.target.in_restricted_admin_unit = true; }, "", true},
      {"not in restricted au", Code().Op(Opcode::kTargetInRestrictedAu).Return(), none, "", false},
      {"role assignable", Code().Op(Opcode::kTargetRoleAssignable).Return(),
       [](Request& r) { r.target.role_assignable = true; }, "", true},
      {"not role assignable", Code().Op(Opcode::kTargetRoleAssignable).Return(), none, "", false},
      {"in admin unit", Code().String(Opcode::kTargetInAdminUnit, "au-1").Return(),
       [](Request& r) { r.target.admin_units = kUnits; }, "", true},
      {"admin unit ids are exact", Code().String(Opcode::kTargetInAdminUnit, "au-1").Return(),
       [](Request& r) { r.target.admin_units = kUpperUnit; }, "", false},
      {"in no admin unit", Code().String(Opcode::kTargetInAdminUnit, "au-1").Return(), none, "", false},
      {"target is self", Code().Op(Opcode::kTargetIsSelf).Return(),
       [](Request& r) { r.principal_id = "p"; r.target.id = "p"; }, "", true},
      {"target is someone else", Code().Op(Opcode::kTargetIsSelf).Return(),
       [](Request& r) { r.principal_id = "p"; r.target.id = "q"; }, "", false},
      {"no principal is never self", Code().Op(Opcode::kTargetIsSelf).Return(), none, "", false},
      {"owns target", Code().Op(Opcode::kPrincipalOwnsTarget).Return(),
       [](Request& r) { r.principal_id = "p"; r.target.owners = kOwners; }, "", true},
      {"does not own target", Code().Op(Opcode::kPrincipalOwnsTarget).Return(),
       [](Request& r) { r.principal_id = "p"; r.target.owners = kOtherOwner; }, "", false},
      {"no principal owns nothing", Code().Op(Opcode::kPrincipalOwnsTarget).Return(),
       [](Request& r) { r.target.owners = kEmptyOwner; }, "", false},
      {"scope is tenant", Code().Op(Opcode::kScopeIsTenant).Return(), none, "", true},
      {"scope is a unit", Code().Op(Opcode::kScopeIsTenant).Return(), none, "au-1", false},
      {"scope unit is au-1", Code().String(Opcode::kScopeAdminUnitIs, "au-1").Return(), none, "au-1", true},
      {"scope unit is not au-1", Code().String(Opcode::kScopeAdminUnitIs, "au-1").Return(), none, "au-2", false},
      {"tenant scope is no unit", Code().String(Opcode::kScopeAdminUnitIs, "").Return(), none, "", false},
      {"mfa", Code().Op(Opcode::kContextMfa).Return(), [](Request& r) { r.context.mfa = true; }, "", true},
      {"no mfa", Code().Op(Opcode::kContextMfa).Return(), none, "", false},
      {"not true", Push(true).Op(Opcode::kNot).Return(), none, "", false},
      {"not false", Push(false).Op(Opcode::kNot).Return(), none, "", true},
      {"not not true", Push(true).Op(Opcode::kNot).Op(Opcode::kNot).Return(), none, "", true},
      {"true and true", And(true, true), none, "", true},
      {"true and false", And(true, false), none, "", false},
      {"false and true", And(false, true), none, "", false},
      {"false and false", And(false, false), none, "", false},
      {"true or true", Or(true, true), none, "", true},
      {"true or false", Or(true, false), none, "", true},
      {"false or true", Or(false, true), none, "", true},
      {"false or false", Or(false, false), none, "", false},
      // (a or b) and not c, with the values coming from the target.
      {"nested: rag or restricted, and not assignable",
       Code()
           .Op(Opcode::kTargetRagMember)
           .Jump(Opcode::kJumpIfTrueOrPop, 1)
           .Op(Opcode::kTargetInRestrictedAu)
           .Label(1)
           .Jump(Opcode::kJumpIfFalseOrPop, 2)
           .Op(Opcode::kTargetRoleAssignable)
           .Op(Opcode::kNot)
           .Label(2)
           .Return(),
       [](Request& r) { r.target.in_restricted_admin_unit = true; }, "", true},
      {"nested: assignable blocks",
       Code()
           .Op(Opcode::kTargetRagMember)
           .Jump(Opcode::kJumpIfTrueOrPop, 1)
           .Op(Opcode::kTargetInRestrictedAu)
           .Label(1)
           .Jump(Opcode::kJumpIfFalseOrPop, 2)
           .Op(Opcode::kTargetRoleAssignable)
           .Op(Opcode::kNot)
           .Label(2)
           .Return(),
       [](Request& r) {
         r.target.role_assignable_group_member = true;
         r.target.role_assignable = true;
       },
       "", false},
  };
  return rows;
}

TEST(ConditionVm, EveryOpcodeTrueAndFalse) {
  const std::vector<VmRow> rows = Rows();
  runtime::ImageBuilder builder;
  for (const char* name : {"A", "B", "C"}) {
    runtime::RoleRecord role;
    role.name = name;
    builder.AddRole(role);
  }
  builder.AddRoleSet("ab", {kA, kB});
  builder.AddRoleSet("none", {});
  std::vector<uint32_t> chunks;
  std::set<int> covered;
  for (const VmRow& row : rows) {
    std::vector<uint8_t> code = row.code.Assemble(builder);
    size_t pc = 0;
    while (pc < code.size()) {
      runtime::Instruction instruction;
      ASSERT_TRUE(runtime::DecodeInstruction(code.data(), code.size(), pc, &instruction)) << row.name;
      covered.insert(static_cast<int>(instruction.opcode));
      pc += instruction.size;
    }
    chunks.push_back(builder.AddChunk(std::move(code)));
  }
  std::shared_ptr<const Policy> policy = Load(builder.Finish());
  ASSERT_NE(policy, nullptr);
  const runtime::ImageView& image = policy->impl().image();
  for (size_t i = 0; i < rows.size(); ++i) {
    Request request;
    rows[i].setup(request);
    EXPECT_EQ(runtime::RunCondition(image, chunks[i], request, rows[i].scope, rows[i].role),
              rows[i].expected)
        << rows[i].name;
  }
  for (int op = 0; op < static_cast<int>(Opcode::kCount); ++op) {
    EXPECT_TRUE(covered.count(op)) << "no VM test for " << runtime::kOpcodeInfo[op].mnemonic;
  }
}

TEST(Opcodes, TableIsConsistent) {
  std::set<std::string> mnemonics;
  for (int op = 0; op < static_cast<int>(Opcode::kCount); ++op) {
    const runtime::OpcodeInfo& info = runtime::kOpcodeInfo[op];
    EXPECT_TRUE(mnemonics.insert(info.mnemonic).second) << info.mnemonic;
    EXPECT_NE(std::string(info.doc), "");
    // The verifier treats every instruction but these four as "push one value".
    const auto opcode = static_cast<Opcode>(op);
    if (opcode == Opcode::kNot) {
      EXPECT_EQ(info.stack_effect, 0);
    } else if (opcode == Opcode::kJumpIfFalseOrPop || opcode == Opcode::kJumpIfTrueOrPop) {
      EXPECT_EQ(info.shape, runtime::OperandShape::kJump);
      EXPECT_EQ(info.stack_effect, -1);
    } else if (opcode == Opcode::kReturn) {
      EXPECT_EQ(info.stack_effect, -1);
    } else {
      EXPECT_EQ(info.stack_effect, +1) << info.mnemonic;
      EXPECT_NE(info.shape, runtime::OperandShape::kJump);
    }
  }
}

TEST(Opcodes, DecodeInstruction) {
  const uint8_t code[] = {static_cast<uint8_t>(Opcode::kTargetHasRole), 0x04, 0x03, 0x02, 0x01,
                          static_cast<uint8_t>(Opcode::kJumpIfTrueOrPop), 0x34, 0x12,
                          static_cast<uint8_t>(Opcode::kTargetKindIs), 0x05,
                          static_cast<uint8_t>(Opcode::kReturn), 0xEE};
  runtime::Instruction i;
  ASSERT_TRUE(runtime::DecodeInstruction(code, sizeof code, 0, &i));
  EXPECT_EQ(i.opcode, Opcode::kTargetHasRole);
  EXPECT_EQ(i.operand, 0x01020304u);
  EXPECT_EQ(i.size, 5u);
  ASSERT_TRUE(runtime::DecodeInstruction(code, sizeof code, 5, &i));
  EXPECT_EQ(i.operand, 0x1234u);
  EXPECT_EQ(i.size, 3u);
  ASSERT_TRUE(runtime::DecodeInstruction(code, sizeof code, 8, &i));
  EXPECT_EQ(i.operand, 5u);
  ASSERT_TRUE(runtime::DecodeInstruction(code, sizeof code, 10, &i));
  EXPECT_EQ(i.size, 1u);
  EXPECT_FALSE(runtime::DecodeInstruction(code, sizeof code, 11, &i));  // unknown opcode
  EXPECT_FALSE(runtime::DecodeInstruction(code, sizeof code, 12, &i));  // past the end
  EXPECT_FALSE(runtime::DecodeInstruction(code, 3, 0, &i));             // truncated operand
}

}  // namespace
}  // namespace rolec::testing
