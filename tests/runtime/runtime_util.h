// tests/runtime/runtime_util.h — building policy images for runtime tests without the compiler.
//
// A FixturePolicy describes actions, roles with their rules, and role sets as plain data; Build
// turns it into an image with ImageBuilder, computing the (role, action) grants from the patterns
// the way the compiler's emit stage does. Conditions are written as bytecode with a small
// assembler (Code) whose operands may refer to strings, interned when the image is built.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rolec/policy.hpp"
#include "rolec/request.hpp"
#include "runtime/image_builder.h"
#include "runtime/opcodes.h"

namespace rolec::testing {

// A tiny assembler for condition chunks. Labels are resolved by Finish.
class Code {
 public:
  Code& Op(runtime::Opcode op);
  Code& Kind(TargetKind kind);                       // TARGET_KIND_IS
  Code& Set(runtime::Opcode op, uint32_t set);       // TARGET_ROLES_WITHIN / _ANY
  Code& Role(RoleId role);                           // TARGET_HAS_ROLE
  Code& String(runtime::Opcode op, std::string text);  // TARGET_IN_ADMIN_UNIT / SCOPE_ADMIN_UNIT_IS
  Code& Jump(runtime::Opcode op, int label);         // forward jump to `label`
  Code& Label(int label);
  Code& Return() { return Op(runtime::Opcode::kReturn); }

  // The bytes, with strings interned in `builder`.
  std::vector<uint8_t> Assemble(runtime::ImageBuilder& builder) const;

 private:
  struct Item {
    enum class Type { kOp, kKind, kU32, kString, kJump, kLabel } type;
    runtime::Opcode op = runtime::Opcode::kReturn;
    uint32_t value = 0;
    std::string text;
  };
  std::vector<Item> items_;
};

struct FixtureRule {
  bool is_except = false;
  std::vector<std::string> patterns;
  std::optional<Code> condition;  // none = unconditional
  std::string condition_text;
};

struct FixtureRole {
  std::string name;
  std::string template_id;
  bool privileged = false;
  std::vector<FixtureRule> rules;
  bool admin_unit_scopable = false;  // may be assigned at administrative-unit scope
};

struct FixtureAction {
  std::string name;
  std::string description;
  bool privileged = false;
  std::optional<Code> intrinsic;
  std::string intrinsic_text;
};

struct FixtureSet {
  std::string name;
  std::vector<RoleId> members;
};

struct FixturePolicy {
  std::vector<FixtureAction> actions;
  std::vector<FixtureRole> roles;
  std::vector<FixtureSet> sets;
};

// The image of a fixture. Rules get sources "fixture.role:<role+1>:<rule+1>".
std::string Build(const FixturePolicy& fixture);
std::shared_ptr<const Policy> Load(const std::string& image);

// The policy most runtime tests use: a small Entra-like catalog and roles that exercise every
// feature (conditions, excepts, intrinsic rules, sets, template ids). See runtime_util.cc.
const FixturePolicy& SampleFixture();
const std::string& SampleImage();
std::shared_ptr<const Policy> SamplePolicy();

// The same roles without any catalog, so that every query takes the slow path.
std::string SampleImageWithoutCatalog();

// Offsets inside an image, for tests that corrupt one field and reseal it.
uint32_t SectionOffset(const std::string& image, uint32_t section);
uint32_t SectionCount(const std::string& image, uint32_t section);
void PutU32(std::string& image, size_t offset, uint32_t value);
uint32_t GetU32(const std::string& image, size_t offset);
// Recomputes the checksum after an edit, as an attacker would.
void Reseal(std::string& image);

// Request construction.
OwnedRequest MakeRequest(std::vector<OwnedAssignment> assignments, std::string action,
                         OwnedTarget target = {});

}  // namespace rolec::testing
