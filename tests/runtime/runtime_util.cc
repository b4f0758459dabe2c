// tests/runtime/runtime_util.cc — fixture policies and image surgery for the runtime tests.
#include "runtime/runtime_util.h"

#include <cstring>
#include <map>
#include <utility>

#include "gtest/gtest.h"
#include "runtime/action_pattern.h"
#include "runtime/checksum.h"
#include "runtime/image_format.h"

namespace rolec::testing {

using runtime::Opcode;

Code& Code::Op(Opcode op) {
  items_.push_back({Item::Type::kOp, op, 0, ""});
  return *this;
}

Code& Code::Kind(TargetKind kind) {
  items_.push_back({Item::Type::kKind, Opcode::kTargetKindIs, static_cast<uint32_t>(kind), ""});
  return *this;
}

Code& Code::Set(Opcode op, uint32_t set) {
  items_.push_back({Item::Type::kU32, op, set, ""});
  return *this;
}

Code& Code::Role(RoleId role) {
  items_.push_back({Item::Type::kU32, Opcode::kTargetHasRole, role, ""});
  return *this;
}

Code& Code::String(Opcode op, std::string text) {
  items_.push_back({Item::Type::kString, op, 0, std::move(text)});
  return *this;
}

Code& Code::Jump(Opcode op, int label) {
  items_.push_back({Item::Type::kJump, op, static_cast<uint32_t>(label), ""});
  return *this;
}

Code& Code::Label(int label) {
  items_.push_back({Item::Type::kLabel, Opcode::kReturn, static_cast<uint32_t>(label), ""});
  return *this;
}

std::vector<uint8_t> Code::Assemble(runtime::ImageBuilder& builder) const {
  std::vector<uint8_t> code;
  std::multimap<uint32_t, size_t> pending;  // label -> jump operand position
  for (const Item& item : items_) {
    const uint8_t op = static_cast<uint8_t>(item.op);
    switch (item.type) {
      case Item::Type::kOp: runtime::EmitOp(code, op); break;
      case Item::Type::kKind: runtime::EmitOpU8(code, op, static_cast<uint8_t>(item.value)); break;
      case Item::Type::kU32: runtime::EmitOpU32(code, op, item.value); break;
      case Item::Type::kString: runtime::EmitOpU32(code, op, builder.AddString(item.text)); break;
      case Item::Type::kJump: pending.emplace(item.value, runtime::EmitJump(code, op)); break;
      case Item::Type::kLabel: {
        auto [first, last] = pending.equal_range(item.value);
        for (auto it = first; it != last; ++it) runtime::PatchJump(code, it->second);
        pending.erase(first, last);
        break;
      }
    }
  }
  return code;
}

std::string Build(const FixturePolicy& fixture) {
  runtime::ImageBuilder builder;
  for (const FixtureRole& role : fixture.roles) {
    runtime::RoleRecord record;
    record.name = role.name;
    record.template_id = role.template_id;
    record.description = "Role " + role.name;
    record.module = "fixture";
    record.privileged = role.privileged;
    record.admin_unit_scopable = role.admin_unit_scopable;
    record.source = {"fixture.role", static_cast<uint32_t>(&role - fixture.roles.data()) + 1, 1};
    builder.AddRole(record);
  }
  for (const FixtureSet& set : fixture.sets) builder.AddRoleSet(set.name, set.members);
  for (const FixtureAction& action : fixture.actions) {
    runtime::ActionRecord record;
    record.name = action.name;
    record.description = action.description;
    record.privileged = action.privileged;
    record.custom_allowed = !action.privileged;
    if (action.intrinsic) {
      record.intrinsic_chunk = builder.AddChunk(action.intrinsic->Assemble(builder));
      record.intrinsic_text = action.intrinsic_text;
    }
    builder.AddAction(record);
  }
  uint32_t rule_index = 0;
  for (RoleId role_id = 0; role_id < fixture.roles.size(); ++role_id) {
    const FixtureRole& role = fixture.roles[role_id];
    std::map<ActionId, runtime::GrantRecord> grants;
    for (size_t k = 0; k < role.rules.size(); ++k) {
      const FixtureRule& rule = role.rules[k];
      runtime::RuleRecord record;
      record.is_except = rule.is_except;
      record.role = role_id;
      record.patterns = rule.patterns;
      if (rule.condition) record.chunk = builder.AddChunk(rule.condition->Assemble(builder));
      record.condition_text = rule.condition_text;
      record.source = {"fixture.role", role_id + 1, static_cast<uint32_t>(k) + 1};
      builder.AddRule(record);
      for (ActionId a = 0; a < fixture.actions.size(); ++a) {
        bool covers = false;
        for (const std::string& pattern : rule.patterns) {
          covers = covers || runtime::PatternMatches(pattern, fixture.actions[a].name);
        }
        if (!covers) continue;
        runtime::GrantRecord& grant = grants[a];
        grant.role = role_id;
        grant.action = a;
        (rule.is_except ? grant.except_rules : grant.allow_rules).push_back(rule_index);
      }
      ++rule_index;
    }
    for (const auto& [action, grant] : grants) {
      if (!grant.allow_rules.empty()) builder.AddGrant(grant);
    }
  }
  return builder.Finish();
}

std::shared_ptr<const Policy> Load(const std::string& image) {
  absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(image);
  EXPECT_TRUE(policy.ok()) << policy.status();
  return policy.ok() ? *policy : nullptr;
}

namespace {

FixtureRule Allow(std::vector<std::string> patterns) {
  FixtureRule rule;
  rule.patterns = std::move(patterns);
  return rule;
}

FixtureRule AllowWhen(std::vector<std::string> patterns, Code condition, std::string text) {
  FixtureRule rule = Allow(std::move(patterns));
  rule.condition = std::move(condition);
  rule.condition_text = std::move(text);
  return rule;
}

FixtureRule Except(std::vector<std::string> patterns) {
  FixtureRule rule = Allow(std::move(patterns));
  rule.is_except = true;
  return rule;
}

FixtureRule ExceptWhen(std::vector<std::string> patterns, Code condition, std::string text) {
  FixtureRule rule = AllowWhen(std::move(patterns), std::move(condition), std::move(text));
  rule.is_except = true;
  return rule;
}

FixturePolicy MakeSampleFixture() {
  FixturePolicy f;
  auto action = [&](std::string name, bool privileged = false) {
    FixtureAction a;
    a.name = std::move(name);
    a.description = "Does " + a.name.substr(a.name.find('/') + 1);
    a.privileged = privileged;
    f.actions.push_back(std::move(a));
  };
  action("microsoft.directory/users/password/update", true);      // 0
  action("microsoft.directory/users/invalidateAllRefreshTokens");  // 1
  action("microsoft.directory/users/standard/read");               // 2
  action("microsoft.directory/users/basic/update");                // 3
  action("microsoft.directory/users/delete", true);                // 4
  action("microsoft.directory/groups/members/update");             // 5
  f.actions.back().intrinsic = Code().Op(Opcode::kTargetRoleAssignable).Op(Opcode::kNot).Return();
  f.actions.back().intrinsic_text = "not target.role_assignable";
  action("microsoft.directory/groups/delete");                     // 6
  action("microsoft.directory/groups.security/create");            // 7
  action("microsoft.directory/deletedItems.devices/delete");       // 8
  action("microsoft.directory/bitlockerKeys/key/read", true);      // 9
  action("microsoft.office365.serviceHealth/messages/read");       // 10
  action("microsoft.office365.serviceHealth/messages/update");     // 11

  f.roles.push_back({"Global Administrator", "62e90394-69f5-4237-9190-012177145e10", true,
                     {Allow({"microsoft.directory/allEntities/allProperties/allTasks"}),
                      Allow({"microsoft.office365.serviceHealth/allEntities/allTasks"})}});
  f.roles.push_back({"Directory Readers", "88d8e3e3-8f55-4a1e-953a-9b9898b8876b", false,
                     {Allow({"microsoft.directory/users/standard/read"})}});
  f.roles.push_back(
      {"Helpdesk Administrator", "729827e3-9c14-49f7-bb1b-9608f156bbb8", true,
       {AllowWhen({"microsoft.directory/users/password/update",
                   "microsoft.directory/users/invalidateAllRefreshTokens"},
                  Code()
                      .Set(Opcode::kTargetRolesWithin, 0)
                      .Jump(Opcode::kJumpIfFalseOrPop, 1)
                      .Op(Opcode::kTargetRagMember)
                      .Op(Opcode::kNot)
                      .Label(1)
                      .Return(),
                  "target.roles within helpdesk_resettable and not "
                  "target.role_assignable_group_member"),
        Allow({"microsoft.directory/users/standard/read"})}});
  f.roles.push_back({"Contoso Tier1", "", false,
                     {Allow({"microsoft.office365.serviceHealth/allEntities/allTasks"}),
                      Except({"microsoft.office365.serviceHealth/allEntities/update"})}});
  f.roles.push_back({"Groups Administrator", "fdd7a751-b60b-444a-984c-02652fe8fa1c", true,
                     {Allow({"microsoft.directory/groups/allProperties/allTasks"}),
                      ExceptWhen({"microsoft.directory/groups/delete"},
                                 Code().Op(Opcode::kTargetRoleAssignable).Return(),
                                 "target.role_assignable")}});
  f.roles.push_back({"AU Helpdesk", "", false,
                     {Allow({"microsoft.directory/users/password/update",
                             "microsoft.directory/users/basic/update",
                             "microsoft.directory/users/standard/read"})}});
  f.roles.push_back({"BitLocker Reader", "", false,
                     {AllowWhen({"microsoft.directory/bitlockerKeys/key/read"},
                                Code().Op(Opcode::kContextMfa).Return(), "context.mfa")}});
  f.roles.push_back({"Self Service", "", false,
                     {AllowWhen({"microsoft.directory/users/basic/update"},
                                Code().Op(Opcode::kTargetIsSelf).Return(), "target is self"),
                      AllowWhen({"microsoft.directory/users/basic/update"},
                                Code().Op(Opcode::kPrincipalOwnsTarget).Return(),
                                "principal owns target")}});
  f.roles.push_back({"Device Cleaner", "", false,
                     {Allow({"microsoft.directory/deletedItems/delete"}),
                      Allow({"microsoft.directory/groups.security/create"})}});
  f.sets.push_back({"helpdesk_resettable", {1, 3}});
  // The roles the compiler would mark scopable: custom roles with a permission on users or groups,
  // and the built-in Helpdesk Administrator (admin-units-assign-roles.md).
  for (FixtureRole& role : f.roles) {
    role.admin_unit_scopable = role.name == "AU Helpdesk" || role.name == "Helpdesk Administrator" ||
                               role.name == "Groups Administrator" || role.name == "Self Service" ||
                               role.name == "Device Cleaner";
  }
  return f;
}

}  // namespace

const FixturePolicy& SampleFixture() {
  static const FixturePolicy* fixture = new FixturePolicy(MakeSampleFixture());
  return *fixture;
}

const std::string& SampleImage() {
  static const std::string* image = new std::string(Build(SampleFixture()));
  return *image;
}

std::shared_ptr<const Policy> SamplePolicy() {
  static const std::shared_ptr<const Policy>* policy =
      new std::shared_ptr<const Policy>(Load(SampleImage()));
  return *policy;
}

std::string SampleImageWithoutCatalog() {
  FixturePolicy fixture = SampleFixture();
  fixture.actions.clear();
  return Build(fixture);
}

uint32_t SectionOffset(const std::string& image, uint32_t section) {
  return GetU32(image, offsetof(runtime::ImageHeader, sections) + section * 16);
}

uint32_t SectionCount(const std::string& image, uint32_t section) {
  return GetU32(image, offsetof(runtime::ImageHeader, sections) + section * 16 + 8);
}

void PutU32(std::string& image, size_t offset, uint32_t value) {
  std::memcpy(image.data() + offset, &value, sizeof value);
}

uint32_t GetU32(const std::string& image, size_t offset) {
  uint32_t value;
  std::memcpy(&value, image.data() + offset, sizeof value);
  return value;
}

void Reseal(std::string& image) {
  uint64_t checksum = runtime::Xxh64(image.data() + runtime::kChecksummedFrom,
                                     image.size() - runtime::kChecksummedFrom);
  std::memcpy(image.data() + runtime::kChecksumOffset, &checksum, sizeof checksum);
}

OwnedRequest MakeRequest(std::vector<OwnedAssignment> assignments, std::string action,
                         OwnedTarget target) {
  OwnedRequest request;
  request.principal_id = "principal";
  request.assignments = std::move(assignments);
  request.action = std::move(action);
  request.target = std::move(target);
  return request;
}

}  // namespace rolec::testing
