// The image format end to end: determinism, the accessors of a loaded image, and the loader
// rejecting damaged images (truncation, bit flips) and hostile ones (a correct checksum over
// wrong contents) with a clear message, never a crash and never an allow.
#include "runtime/image_verifier.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "rolec/policy.hpp"
#include "rolec/request.hpp"
#include "runtime/image_builder.h"
#include "runtime/image_format.h"
#include "runtime/runtime_util.h"

namespace rolec::testing {
namespace {

using runtime::Section;

uint32_t S(Section section) { return runtime::SectionIndex(section); }

// Byte offset of record `index` of a table section.
size_t RecordAt(const std::string& image, Section section, uint32_t index, size_t record_bytes) {
  return SectionOffset(image, S(section)) + index * record_bytes;
}

// Word `word` of grant block `b`: 0 = covers, 1 = unconditional (image_format.h GrantBlock).
size_t BlockWordAt(const std::string& image, uint32_t b, int word) {
  return RecordAt(image, Section::kGrantBlocks, b, sizeof(runtime::GrantBlock)) + 8 * word;
}
uint64_t GetU64(const std::string& image, size_t at) {
  uint64_t value = 0;
  std::memcpy(&value, image.data() + at, 8);
  return value;
}
void PutU64(std::string& image, size_t at, uint64_t value) { std::memcpy(image.data() + at, &value, 8); }

std::string LoadError(const std::string& image) {
  absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(image);
  if (policy.ok()) return "(loaded)";
  return std::string(policy.status().message());
}

#define EXPECT_CONTAINS(text, part) \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "in: " << (text)

TEST(ImageFormat, Deterministic) {
  const std::string first = Build(SampleFixture());
  const std::string second = Build(SampleFixture());
  EXPECT_EQ(first, second);
  EXPECT_EQ(first, SampleImage());
  EXPECT_EQ(first.size() % 8, 0u);
  EXPECT_EQ(first.substr(0, 8), "ROLECIMG");
  // Finish does not change the builder: calling it twice gives the same bytes.
  runtime::ImageBuilder builder;
  builder.AddString("x");
  runtime::RoleRecord role;
  role.name = "R";
  builder.AddRole(role);
  EXPECT_EQ(builder.Finish(), builder.Finish());
}

TEST(ImageFormat, AddStringInterns) {
  runtime::ImageBuilder builder;
  EXPECT_EQ(builder.AddString(""), 0u);
  EXPECT_EQ(builder.AddString("au-1"), 1u);
  EXPECT_EQ(builder.AddString("au-2"), 2u);
  EXPECT_EQ(builder.AddString("au-1"), 1u);
}

TEST(ImageFormat, TablesRoundTrip) {
  std::shared_ptr<const Policy> policy = SamplePolicy();
  ASSERT_NE(policy, nullptr);
  const FixturePolicy& fixture = SampleFixture();
  ASSERT_EQ(policy->action_count(), fixture.actions.size());
  ASSERT_EQ(policy->role_count(), fixture.roles.size());
  EXPECT_EQ(policy->rule_count(), 15u);
  EXPECT_EQ(policy->bytes(), SampleImage());

  for (ActionId id = 0; id < fixture.actions.size(); ++id) {
    const FixtureAction& expected = fixture.actions[id];
    ActionInfo info = policy->action(id);
    EXPECT_EQ(info.name, expected.name);
    EXPECT_EQ(info.description, expected.description);
    EXPECT_EQ(info.privileged, expected.privileged);
    EXPECT_EQ(info.custom_allowed, !expected.privileged);
    EXPECT_FALSE(info.protected_action);
    EXPECT_EQ(info.intrinsic_rule, expected.intrinsic_text);
    EXPECT_EQ(policy->FindAction(expected.name), id);
  }
  EXPECT_EQ(policy->FindAction("MICROSOFT.DIRECTORY/USERS/DELETE"), 4u);
  EXPECT_EQ(policy->FindAction("microsoft.directory/users/remove"), kNoAction);
  EXPECT_EQ(policy->FindAction(""), kNoAction);
  EXPECT_EQ(policy->action(99).name, "");

  for (RoleId id = 0; id < fixture.roles.size(); ++id) {
    const FixtureRole& expected = fixture.roles[id];
    RoleInfo info = policy->role(id);
    EXPECT_EQ(info.name, expected.name);
    EXPECT_EQ(info.template_id, expected.template_id);
    EXPECT_EQ(info.module, "fixture");
    EXPECT_EQ(info.privileged, expected.privileged);
    EXPECT_FALSE(info.deprecated);
    EXPECT_EQ(info.source.file, "fixture.role");
    EXPECT_EQ(info.source.line, id + 1);
    EXPECT_EQ(policy->FindRole(expected.name), id);
    if (!expected.template_id.empty()) EXPECT_EQ(policy->FindRole(expected.template_id), id);
    EXPECT_EQ(policy->RoleRules(id).size(), expected.rules.size());
  }
  EXPECT_EQ(policy->FindRole("nobody"), kNoRole);
  EXPECT_EQ(policy->FindRole(""), kNoRole);  // no role has an empty template id entry
  EXPECT_EQ(policy->role(kNoRole).name, "");

  // Rule 3 is the helpdesk's conditional allow.
  RuleInfo rule = policy->rule(3);
  EXPECT_FALSE(rule.is_except);
  EXPECT_EQ(rule.role, 2u);
  ASSERT_EQ(rule.patterns.size(), 2u);
  EXPECT_EQ(rule.patterns[1], "microsoft.directory/users/invalidateAllRefreshTokens");
  EXPECT_EQ(rule.condition.substr(0, 19), "target.roles within");
  EXPECT_EQ(rule.source.line, 3u);
  EXPECT_EQ(rule.source.column, 1u);
  EXPECT_TRUE(policy->rule(6).is_except);
  EXPECT_TRUE(policy->rule(999).patterns.empty());

  // Global Administrator: every action; Tier1: the service health ones, one of them excepted.
  std::vector<ActionId> all(fixture.actions.size());
  for (ActionId id = 0; id < all.size(); ++id) all[id] = id;
  EXPECT_EQ(policy->RoleActions(0), all);
  EXPECT_EQ(policy->RoleActions(3), (std::vector<ActionId>{10, 11}));
  EXPECT_EQ(policy->RoleExceptedActions(3), (std::vector<ActionId>{11}));
  EXPECT_EQ(policy->RoleExceptedActions(4), (std::vector<ActionId>{6}));
  EXPECT_TRUE(policy->RoleExceptedActions(0).empty());
  EXPECT_EQ(policy->RoleActions(8), (std::vector<ActionId>{7, 8}));
  EXPECT_TRUE(policy->RoleActions(kNoRole).empty());
}

TEST(ImageFormat, EmptyPolicyLoads) {
  runtime::ImageBuilder builder;
  std::shared_ptr<const Policy> policy = Load(builder.Finish());
  ASSERT_NE(policy, nullptr);
  EXPECT_EQ(policy->role_count(), 0u);
  Request request;
  request.action = "microsoft.directory/users/delete";
  EXPECT_EQ(policy->Check(request), Decision::kDeny);
}

TEST(ImageLoad, TruncatedAtEveryLength) {
  const std::string& image = SampleImage();
  for (size_t length = 0; length < image.size(); ++length) {
    absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(image.substr(0, length));
    ASSERT_FALSE(policy.ok()) << length;
    if (length >= sizeof(runtime::ImageHeader)) {
      EXPECT_EQ(policy.status().code(), absl::StatusCode::kDataLoss) << length;
      EXPECT_EQ(policy.status().message(),
                "policy image: truncated: the header says " + std::to_string(image.size()) +
                    " bytes, but there are " + std::to_string(length));
    }
  }
  EXPECT_EQ(LoadError(""), "policy image: not a policy image (it does not start with \"ROLECIMG\")");
  EXPECT_EQ(LoadError(image.substr(0, 100)),
            "policy image: truncated: 100 bytes, but the header alone is 288 bytes");
  EXPECT_EQ(LoadError(image + std::string(8, '\0')),
            "policy image: " + std::to_string(image.size() + 8) + " bytes, but the header says " +
                std::to_string(image.size()) + " (trailing data)");
}

TEST(ImageLoad, EveryBitFlipIsRejected) {
  const std::string& image = SampleImage();
  for (size_t i = 0; i < image.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string damaged = image;
      damaged[i] = static_cast<char>(damaged[i] ^ (1 << bit));
      ASSERT_FALSE(Policy::Load(damaged).ok()) << "byte " << i << " bit " << bit;
    }
  }
  std::string damaged = image;
  damaged[1000] ^= 1;
  EXPECT_CONTAINS(LoadError(damaged), "policy image: checksum mismatch (expected 0x");
}

TEST(ImageLoad, SizeLimit) {
  const std::string& image = SampleImage();
  absl::StatusOr<runtime::ImageView> view = runtime::VerifyImage(
      reinterpret_cast<const uint8_t*>(image.data()), runtime::kMaxImageBytes + 1);
  ASSERT_FALSE(view.ok());
  EXPECT_EQ(view.status().message(),
            "policy image: 268435457 bytes exceeds the maximum image size of 268435456 bytes");
}

TEST(ImageLoad, Version) {
  std::string image = SampleImage();
  PutU32(image, 8, 1);
  EXPECT_EQ(LoadError(image),
            "policy image: format version 1 is not supported (this build reads version 3); compile "
            "the policy again from its sources with this rolec");
}

// An image of the previous format (2: no administrative-unit flag, no ASSIGNMENT_ROLE_IN) is
// refused with the same clear message, never read with today's meaning.
TEST(ImageLoad, PreviousFormatVersionIsRejected) {
  std::string image = SampleImage();
  PutU32(image, 8, 2);
  EXPECT_EQ(LoadError(image),
            "policy image: format version 2 is not supported (this build reads version 3); compile "
            "the policy again from its sources with this rolec");
}

TEST(ImageLoad, LoadFile) {
  const std::string path = ::testing::TempDir() + "/rolec_runtime_test.rolec";
  std::FILE* file = std::fopen(path.c_str(), "wb");
  ASSERT_NE(file, nullptr);
  std::fwrite(SampleImage().data(), 1, SampleImage().size(), file);
  std::fclose(file);
  absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::LoadFile(path);
  ASSERT_TRUE(policy.ok()) << policy.status();
  EXPECT_EQ((*policy)->bytes(), SampleImage());
  // An oversized (sparse) file is refused from its size, without reading it.
  std::filesystem::resize_file(path, runtime::kMaxImageBytes + 1);
  policy = Policy::LoadFile(path);
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().message(), "policy image: '" + path +
                                           "' is larger than the maximum image size of 268435456 bytes");
  std::remove(path.c_str());
  policy = Policy::LoadFile(path);
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().code(), absl::StatusCode::kNotFound);
  EXPECT_CONTAINS(policy.status().message(), "cannot open policy image");
}

// A hostile image: one field changed and the checksum recomputed, as an attacker would.
struct Surgery {
  const char* name;
  std::function<void(std::string&)> edit;
  std::string message;  // expected part of the error
};

std::vector<Surgery> Surgeries() {
  const std::string& sample = SampleImage();
  const uint32_t strings = SectionCount(sample, S(Section::kStrings));
  const uint32_t chunks = SectionCount(sample, S(Section::kChunks));
  const size_t sections = offsetof(runtime::ImageHeader, sections);
  auto section_field = [=](Section s, int field) { return sections + S(s) * 16 + field * 4; };
  return {
      {"rule names an unknown role",
       [](std::string& image) { PutU32(image, RecordAt(image, Section::kRules, 0, sizeof(runtime::RuleEntry)), 400); },
       "policy image: rule 0 refers to role 400 but there are 9 roles"},
      {"action names an unknown string",
       [](std::string& image) {
         PutU32(image, RecordAt(image, Section::kActions, 1, sizeof(runtime::ActionEntry)) + 4, 99999);
       },
       "policy image: action 1 refers to string 99999 but there are " + std::to_string(strings) + " strings"},
      {"unknown opcode",
       [](std::string& image) { image[SectionOffset(image, S(Section::kCode))] = static_cast<char>(0xEE); },
       "policy image: chunk 0 at byte 0: unknown opcode 0xee"},
      {"rule names an unknown chunk",
       [](std::string& image) {
         PutU32(image, RecordAt(image, Section::kRules, 3, sizeof(runtime::RuleEntry)) + 16, 50);
       },
       "policy image: rule 3 refers to chunk 50 but there are " + std::to_string(chunks) + " chunks"},
      {"rule pattern names an unknown string",
       [](std::string& image) { PutU32(image, SectionOffset(image, S(Section::kRulePatterns)), 99999); },
       "policy image: rule 0 refers to string 99999"},
      {"forged fast-path flag",
       [](std::string& image) {
         // The first grant of the helpdesk (role 2) is conditional.
         for (uint32_t g = 0; g < SectionCount(image, S(Section::kGrants)); ++g) {
           size_t at = RecordAt(image, Section::kGrants, g, sizeof(runtime::GrantEntry));
           if (GetU32(image, at) == 2) {
             PutU32(image, at + 20, runtime::kGrantUnconditional);
             return;
           }
         }
       },
       "has flags 0x1 but its rules imply 0x0"},
      {"forged fast-path bit in the grant blocks only",
       [](std::string& image) {
         // A covered pair whose grant is conditional: mark it unconditional in its block alone.
         for (uint32_t b = 0; b < SectionCount(image, S(Section::kGrantBlocks)); ++b) {
           const uint64_t unconditional = GetU64(image, BlockWordAt(image, b, 1));
           const uint64_t conditional = GetU64(image, BlockWordAt(image, b, 0)) & ~unconditional;
           if (conditional != 0) {
             PutU64(image, BlockWordAt(image, b, 1), unconditional | (conditional & (~conditional + 1)));
             return;
           }
         }
       },
       "is marked unconditional, but grant"},
      {"grant block covers a pair with no grant",
       [](std::string& image) {
         // The first block with an uncovered catalog action (of 12) gains it.
         for (uint32_t b = 0; b < SectionCount(image, S(Section::kGrantBlocks)); ++b) {
           const uint64_t covers = GetU64(image, BlockWordAt(image, b, 0));
           if ((covers & 0xFFF) == 0xFFF) continue;
           PutU64(image, BlockWordAt(image, b, 0), covers | (covers + 1));  // the lowest uncovered action
           return;
         }
       },
       "covers role"},
      {"grant block miscounts the grants before it",
       [](std::string& image) {
         const size_t last = SectionCount(image, S(Section::kGrantBlocks)) - 1;
         const size_t at = SectionOffset(image, S(Section::kGrantBlocks)) + last * 24 + 16;
         PutU32(image, at, GetU32(image, at) + 1);
       },
       "says its first grant is"},
      {"grant block covers an action past the catalog",
       [](std::string& image) {
         // The sample's 12 actions fit one block: bit 63 names no action.
         const size_t at = SectionOffset(image, S(Section::kGrantBlocks)) + 4;
         PutU32(image, at, GetU32(image, at) | 0x80000000u);
       },
       "covers actions beyond the 12 actions"},
      {"grant blocks of the wrong count",
       [=](std::string& image) {
         // Drop the last block (zeroed, so that it reads as padding).
         const size_t end = SectionOffset(image, S(Section::kGrantBlocks)) +
                            GetU32(image, section_field(Section::kGrantBlocks, 1));
         std::memset(image.data() + end - 24, 0, 24);
         PutU32(image, section_field(Section::kGrantBlocks, 2), GetU32(image, section_field(Section::kGrantBlocks, 2)) - 1);
         PutU32(image, section_field(Section::kGrantBlocks, 1), GetU32(image, section_field(Section::kGrantBlocks, 1)) - 24);
       },
       "policy image: grant_blocks holds"},
      {"grant lists another role's rule",
       [](std::string& image) { PutU32(image, SectionOffset(image, S(Section::kGrantRules)), 3); },
       "policy image: grant 0 (role 0) lists rule 3, which belongs to role 2"},
      {"grant lists an unknown rule",
       [](std::string& image) { PutU32(image, SectionOffset(image, S(Section::kGrantRules)), 70000); },
       "policy image: grant 0 refers to rule 70000 but there are 15 rules"},
      {"grants out of order",
       [](std::string& image) { PutU32(image, RecordAt(image, Section::kGrants, 1, sizeof(runtime::GrantEntry)) + 4, 0); },
       "policy image: grants 0 and 1 are not in strictly ascending (role, action) order"},
      {"action index tag",
       [](std::string& image) {
         const size_t base = SectionOffset(image, S(Section::kActionIndex));
         for (uint32_t i = 0;; ++i) {
           if (GetU32(image, base + i * 16 + 4) != runtime::kNone32) {
             PutU32(image, base + i * 16, GetU32(image, base + i * 16) ^ 1);
             return;
           }
         }
       },
       "the tag does not match the hash of"},
      {"action index slot names other bytes than its key",
       [](std::string& image) {
         const size_t base = SectionOffset(image, S(Section::kActionIndex));
         for (uint32_t i = 0;; ++i) {
           if (GetU32(image, base + i * 16 + 4) != runtime::kNone32) {
             PutU32(image, base + i * 16 + 8, GetU32(image, base + i * 16 + 8) + 1);
             return;
           }
         }
       },
       "but its key is string"},
      {"action index entry moved out of reach",
       [](std::string& image) {
         const size_t base = SectionOffset(image, S(Section::kActionIndex));
         const uint32_t capacity = SectionCount(image, S(Section::kActionIndex));
         uint32_t filled = 0;
         while (GetU32(image, base + filled * 16 + 4) == runtime::kNone32) ++filled;
         uint32_t empty = (filled + 1) % capacity;
         while (GetU32(image, base + empty * 16 + 4) != runtime::kNone32) empty = (empty + 1) % capacity;
         std::memcpy(image.data() + base + empty * 16, image.data() + base + filled * 16, 16);
         for (int k = 0; k < 4; ++k) PutU32(image, base + filled * 16 + k * 4, 0);
         PutU32(image, base + filled * 16 + 4, runtime::kNone32);
       },
       "action_index slot"},
      {"section misaligned",
       [=](std::string& image) { PutU32(image, section_field(Section::kActions, 0), GetU32(image, section_field(Section::kActions, 0)) + 4); },
       "is not 8-aligned"},
      {"sections overlap",
       [=](std::string& image) { PutU32(image, section_field(Section::kActions, 0), GetU32(image, section_field(Section::kStrings, 0))); },
       "policy image: section actions at offset"},
      {"section runs past the end",
       [=](std::string& image) {
         PutU32(image, section_field(Section::kCode, 1), GetU32(image, section_field(Section::kCode, 1)) + 8000);
         PutU32(image, section_field(Section::kCode, 2), GetU32(image, section_field(Section::kCode, 2)) + 8000);
       },
       "runs past the end of the image"},
      {"count does not fit the bytes",
       [=](std::string& image) { PutU32(image, section_field(Section::kActions, 2), 13); },
       "policy image: section actions: 288 bytes do not hold 13 entries of 24 bytes"},
      {"reserved header field", [](std::string& image) { PutU32(image, 44, 1); },
       "policy image: reserved header field is not zero"},
      {"role set member count",
       [](std::string& image) {
         size_t at = RecordAt(image, Section::kRoleSets, 0, sizeof(runtime::RoleSetEntry)) + 4;
         PutU32(image, at, GetU32(image, at) + 1);
       },
       "policy image: role set 0 ('helpdesk_resettable') lists 3 members but its bitset holds 2"},
      {"role rule range",
       [](std::string& image) {
         size_t at = RecordAt(image, Section::kRoles, 0, sizeof(runtime::RoleEntry)) + 36;
         PutU32(image, at, GetU32(image, at) + 1);
       },
       "policy image: the roles' rule ranges cover 16 rules, but there are 15"},
      {"malformed catalog name",
       [](std::string& image) {
         // Action 0's name is string 0's neighbour somewhere in the blob: find it.
         const size_t blob = SectionOffset(image, S(Section::kStringBytes));
         const size_t at = image.find("microsoft.directory/users/password/update", blob);
         image[at + 19] = '*';
       },
       "policy image: action 0 'microsoft.directory*users/password/update' is not a well-formed "
       "action: segment 1 contains '*'"},
      {"catalog fingerprint",
       [](std::string& image) { image[runtime::kChecksummedFrom] ^= 1; },
       "policy image: catalog fingerprint mismatch"},
      {"header size", [](std::string& image) { PutU32(image, 12, 64); },
       "policy image: header size 64 is not 288"},
  };
}

TEST(ImageLoad, HostileImagesWithAValidChecksum) {
  for (const Surgery& surgery : Surgeries()) {
    std::string image = SampleImage();
    surgery.edit(image);
    ASSERT_NE(image, SampleImage()) << surgery.name;
    Reseal(image);
    EXPECT_CONTAINS(LoadError(image), surgery.message) << surgery.name;
  }
}

TEST(ImageLoad, NonZeroPadding) {
  std::string image = SampleImage();
  // The string bytes are followed by padding up to the next 8-aligned section.
  const uint32_t s = S(Section::kStringBytes);
  const size_t end = SectionOffset(image, s) + GetU32(image, offsetof(runtime::ImageHeader, sections) + s * 16 + 4);
  ASSERT_LT(end, SectionOffset(image, s + 1)) << "no padding after the string bytes";
  image[end] = 'x';
  Reseal(image);
  EXPECT_EQ(LoadError(image), "policy image: non-zero padding byte at offset " + std::to_string(end) +
                                  " (before section actions)");
}

// Builder misuse surfaces at load time with a message naming the mistake.
TEST(ImageLoad, BuilderMisuse) {
  {
    runtime::ImageBuilder builder;
    runtime::ActionRecord action;
    action.name = "microsoft.directory/users/delete";
    builder.AddAction(action);
    action.name = "Microsoft.Directory/Users/Delete";
    builder.AddAction(action);
    EXPECT_CONTAINS(LoadError(builder.Finish()), "have the same name");
  }
  {
    runtime::ImageBuilder builder;
    runtime::RoleRecord role;
    role.name = "A";
    builder.AddRole(role);
    role.name = "B";
    builder.AddRole(role);
    runtime::RuleRecord rule;
    rule.patterns = {"microsoft.directory/users/delete"};
    for (RoleId owner : {0u, 1u, 0u}) {
      rule.role = owner;
      builder.AddRule(rule);
    }
    EXPECT_EQ(LoadError(builder.Finish()),
              "policy image: the roles' rule ranges cover 4 rules, but there are 3 (a role's rules "
              "must be contiguous and each rule in its role's range)");
  }
  {
    runtime::ImageBuilder builder;
    runtime::RoleRecord role;
    role.name = "A";
    builder.AddRole(role);
    builder.AddRoleSet("s", {5});
    EXPECT_EQ(LoadError(builder.Finish()),
              "policy image: role set 0 ('s') lists 1 members but its bitset holds 0 (a member that "
              "is not a role?)");
  }
  {
    runtime::ImageBuilder builder;
    runtime::RoleRecord role;
    role.name = "A";
    builder.AddRole(role);
    runtime::RuleRecord rule;
    rule.role = 7;
    rule.patterns = {"microsoft.directory/users/delete"};
    builder.AddRule(rule);
    EXPECT_EQ(LoadError(builder.Finish()), "policy image: rule 0 refers to role 7 but there are 1 roles");
  }
  {
    runtime::ImageBuilder builder;
    runtime::RoleRecord role;
    role.name = "A";
    builder.AddRole(role);
    runtime::RuleRecord rule;
    rule.role = 0;
    rule.patterns = {"microsoft.directory/users"};
    builder.AddRule(rule);
    EXPECT_EQ(LoadError(builder.Finish()),
              "policy image: rule 0 pattern 'microsoft.directory/users' is malformed: an action has "
              "3 to 7 segments, this has 2");
  }
  {
    runtime::ImageBuilder builder;
    runtime::ActionRecord action;
    action.name = "microsoft.directory/users/allTasks";
    builder.AddAction(action);
    EXPECT_CONTAINS(LoadError(builder.Finish()),
                    "policy image: action 0 'microsoft.directory/users/allTasks' is not a well-formed action");
  }
}

// Random edits with the checksum recomputed: the loader either rejects the image or accepts one
// it can evaluate safely; for an accepted image, Check and Explain still agree.
TEST(ImageLoad, RandomHostileEdits) {
  std::mt19937 random(20240611);
  const std::string& sample = SampleImage();
  std::shared_ptr<const Policy> reference = SamplePolicy();
  std::vector<OwnedRequest> requests;
  for (const FixtureRole& role : SampleFixture().roles) {
    for (const FixtureAction& action : SampleFixture().actions) {
      OwnedRequest request = MakeRequest({{role.name, "/"}}, action.name);
      request.target.kind = TargetKind::kUser;
      requests.push_back(request);
    }
  }
  int loaded = 0;
  for (int iteration = 0; iteration < 3000; ++iteration) {
    std::string image = sample;
    const int edits = 1 + static_cast<int>(random() % 3);
    for (int e = 0; e < edits; ++e) {
      const size_t at = runtime::kChecksummedFrom + random() % (image.size() - runtime::kChecksummedFrom - 4);
      if (random() % 2) {
        image[at] = static_cast<char>(random());
      } else {
        PutU32(image, at & ~size_t{3}, static_cast<uint32_t>(random() % 40));  // small, plausible values
      }
    }
    Reseal(image);
    absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(image);
    if (!policy.ok()) {
      EXPECT_EQ(policy.status().message().substr(0, 14), "policy image: ");
      continue;
    }
    ++loaded;
    for (const OwnedRequest& owned : requests) {
      // Role names are looked up in the edited image; a renamed role fails to bind, which is fine.
      absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(**policy, owned);
      if (!bound.ok()) continue;
      EXPECT_EQ((*policy)->Check(bound->request()), (*policy)->Explain(bound->request()).decision);
    }
    (void)Disassemble(**policy);
  }
  // Some edits only touch text (descriptions, padding of names): those images load.
  EXPECT_GT(loaded, 0);
}

}  // namespace
}  // namespace rolec::testing
