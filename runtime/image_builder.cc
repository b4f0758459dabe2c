// runtime/image_builder.cc — serializes the tables added to an ImageBuilder into the layout of
// runtime/image_format.h.
//
// The builder trusts its caller (the compiler's emit stage) and does not validate: a misuse such
// as a rule naming an unknown role, a set naming a role added later, or the rules of a role that
// are not contiguous is written as is, and Policy::Load rejects the image with a message that names
// the table and index. Keeping all validation in the loader means it is written, and tested, once.
#include "runtime/image_builder.h"

#include <algorithm>
#include <utility>

#include "runtime/action_pattern.h"
#include "runtime/checksum.h"
#include "runtime/hash_index.h"
#include "runtime/image_format.h"

namespace rolec::runtime {
namespace {

// The builder's string table plus the strings that the records name, interned at Finish time
// (Finish is const, so it works on a copy and leaves AddString's indices untouched).
class Interner {
 public:
  Interner(const std::vector<std::string>& strings,
           const absl::flat_hash_map<std::string, uint32_t>& index)
      : strings_(strings), index_(index) {}

  uint32_t Intern(const std::string& text) {
    auto it = index_.find(text);
    if (it != index_.end()) return it->second;
    uint32_t id = static_cast<uint32_t>(strings_.size());
    strings_.push_back(text);
    index_.emplace(text, id);
    return id;
  }
  const std::vector<std::string>& strings() const { return strings_; }

 private:
  std::vector<std::string> strings_;
  absl::flat_hash_map<std::string, uint32_t> index_;
};

template <class T>
void AppendRecord(std::string& out, const T& record) {
  out.append(reinterpret_cast<const char*>(&record), sizeof record);
}

template <class T>
std::string RecordBytes(const std::vector<T>& records) {
  std::string out;
  out.reserve(records.size() * sizeof(T));
  for (const T& record : records) AppendRecord(out, record);
  return out;
}

bool IsEmptyNameSlot(const NameSlot& slot) { return slot.value == kNone32; }

struct NameKey {
  uint64_t hash;
  uint32_t value;
  StringEntry key;  // where the key's bytes are
};

std::vector<NameSlot> BuildNameIndex(const std::vector<NameKey>& keys) {
  return BuildProbingIndex<NameSlot>(
      keys.size(), NameSlot{0, kNone32, 0, 0}, [&](size_t k) { return keys[k].hash; },
      [&](size_t k) {
        return NameSlot{NameTag(keys[k].hash), keys[k].value, keys[k].key.offset, keys[k].key.length};
      },
      IsEmptyNameSlot);
}

void PadTo(std::string& out, size_t alignment) {
  while (out.size() % alignment != 0) out.push_back('\0');
}

}  // namespace

ImageBuilder::ImageBuilder() {
  // String 0 is "", the value of every absent optional text.
  AddString("");
}

uint32_t ImageBuilder::AddString(std::string_view text) {
  std::string key(text);
  auto it = string_index_.find(key);
  if (it != string_index_.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(strings_.size());
  strings_.push_back(key);
  string_index_.emplace(std::move(key), id);
  return id;
}

ActionId ImageBuilder::AddAction(const ActionRecord& action) {
  actions_.push_back(action);
  return static_cast<ActionId>(actions_.size() - 1);
}

RoleId ImageBuilder::AddRole(const RoleRecord& role) {
  roles_.push_back(role);
  return static_cast<RoleId>(roles_.size() - 1);
}

uint32_t ImageBuilder::AddRoleSet(std::string_view name, const std::vector<RoleId>& members) {
  role_sets_.emplace_back(std::string(name), members);
  return static_cast<uint32_t>(role_sets_.size() - 1);
}

uint32_t ImageBuilder::AddChunk(std::vector<uint8_t> code) {
  chunks_.push_back(std::move(code));
  return static_cast<uint32_t>(chunks_.size() - 1);
}

uint32_t ImageBuilder::AddRule(const RuleRecord& rule) {
  rules_.push_back(rule);
  return static_cast<uint32_t>(rules_.size() - 1);
}

void ImageBuilder::AddGrant(const GrantRecord& grant) { grants_.push_back(grant); }

std::string ImageBuilder::Finish() const {
  Interner interner(strings_, string_index_);
  const uint32_t role_count = static_cast<uint32_t>(roles_.size());

  // Actions.
  std::vector<ActionEntry> actions;
  actions.reserve(actions_.size());
  for (const ActionRecord& a : actions_) {
    ActionEntry e{};
    e.name = interner.Intern(a.name);
    e.description = interner.Intern(a.description);
    e.intrinsic_text = interner.Intern(a.intrinsic_text);
    e.intrinsic_chunk = a.intrinsic_chunk;
    e.flags = (a.privileged ? kActionPrivileged : 0) | (a.custom_allowed ? kActionCustomAllowed : 0) |
              (a.protected_action ? kActionProtected : 0);
    actions.push_back(e);
  }

  // Roles, with the range of rules each one owns.
  std::vector<RoleEntry> roles;
  roles.reserve(roles_.size());
  for (const RoleRecord& r : roles_) {
    RoleEntry e{};
    e.name = interner.Intern(r.name);
    e.template_id = interner.Intern(r.template_id);
    e.description = interner.Intern(r.description);
    e.module = interner.Intern(r.module);
    e.source_file = interner.Intern(r.source.file);
    e.source_line = r.source.line;
    e.source_column = r.source.column;
    e.flags = (r.privileged ? kRolePrivileged : 0) | (r.deprecated ? kRoleDeprecated : 0) |
              (r.admin_unit_scopable ? kRoleAdminUnitScopable : 0);
    e.first_rule = 0;
    e.rule_count = 0;
    roles.push_back(e);
  }
  for (uint32_t i = 0; i < rules_.size(); ++i) {
    RoleId role = rules_[i].role;
    if (role >= role_count) continue;  // rejected by the loader
    // INVARIANT (for the caller): a role's rules are contiguous. If they are not, the range below
    // covers another role's rules and the loader says so.
    if (roles[role].rule_count == 0) roles[role].first_rule = i;
    roles[role].rule_count = i + 1 - roles[role].first_rule;
  }

  // Rules and their pattern lists.
  std::vector<RuleEntry> rules;
  std::vector<uint32_t> rule_patterns;
  rules.reserve(rules_.size());
  for (const RuleRecord& r : rules_) {
    RuleEntry e{};
    e.role = r.role;
    e.flags = r.is_except ? kRuleExcept : 0;
    e.first_pattern = static_cast<uint32_t>(rule_patterns.size());
    e.pattern_count = static_cast<uint32_t>(r.patterns.size());
    for (const std::string& pattern : r.patterns) rule_patterns.push_back(interner.Intern(pattern));
    e.chunk = r.chunk;
    e.condition_text = interner.Intern(r.condition_text);
    e.source_file = interner.Intern(r.source.file);
    e.source_line = r.source.line;
    e.source_column = r.source.column;
    rules.push_back(e);
  }

  // Role sets as bitsets over role ids.
  const uint32_t words_per_set = WordsPerRoleSet(role_count);
  std::vector<RoleSetEntry> role_sets;
  std::vector<uint64_t> role_set_bits(role_sets_.size() * static_cast<size_t>(words_per_set), 0);
  for (size_t s = 0; s < role_sets_.size(); ++s) {
    std::vector<RoleId> members = role_sets_[s].second;
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
    RoleSetEntry e{};
    e.name = interner.Intern(role_sets_[s].first);
    // Counts every member, known or not, so that a member the bitset cannot hold makes the count
    // disagree with the bits and the loader rejects the image.
    e.member_count = static_cast<uint32_t>(members.size());
    for (RoleId member : members) {
      if (member < role_count) {
        role_set_bits[s * words_per_set + member / 64] |= uint64_t{1} << (member % 64);
      }
    }
    role_sets.push_back(e);
  }

  // Grants, in (role, action) order so that a role's grants are one sorted range.
  std::vector<const GrantRecord*> sorted_grants;
  sorted_grants.reserve(grants_.size());
  for (const GrantRecord& g : grants_) sorted_grants.push_back(&g);
  std::stable_sort(sorted_grants.begin(), sorted_grants.end(),
                   [](const GrantRecord* a, const GrantRecord* b) {
                     return std::make_pair(a->role, a->action) < std::make_pair(b->role, b->action);
                   });
  std::vector<GrantEntry> grants;
  std::vector<uint32_t> grant_rules;
  grants.reserve(sorted_grants.size());
  for (const GrantRecord* g : sorted_grants) {
    GrantEntry e{};
    e.role = g->role;
    e.action = g->action;
    e.first_rule = static_cast<uint32_t>(grant_rules.size());
    e.allow_count = static_cast<uint32_t>(g->allow_rules.size());
    e.except_count = static_cast<uint32_t>(g->except_rules.size());
    bool unconditional_allow = false;
    for (uint32_t rule : g->allow_rules) {
      grant_rules.push_back(rule);
      if (rule < rules_.size() && rules_[rule].chunk == kNoChunk) unconditional_allow = true;
    }
    for (uint32_t rule : g->except_rules) grant_rules.push_back(rule);
    e.flags = (unconditional_allow && g->except_rules.empty()) ? kGrantUnconditional : 0;
    grants.push_back(e);
  }

  // Chunks, back to back.
  std::vector<ChunkEntry> chunks;
  std::string code;
  for (const std::vector<uint8_t>& chunk : chunks_) {
    chunks.push_back(ChunkEntry{static_cast<uint32_t>(code.size()), static_cast<uint32_t>(chunk.size())});
    code.append(reinterpret_cast<const char*>(chunk.data()), chunk.size());
  }

  // The strings are complete now: lay them out.
  std::vector<StringEntry> string_entries;
  std::string string_bytes;
  for (const std::string& s : interner.strings()) {
    string_entries.push_back(StringEntry{static_cast<uint32_t>(string_bytes.size()),
                                         static_cast<uint32_t>(s.size())});
    string_bytes += s;
  }

  // Name indexes. Every key is a string of the table, so each slot can name the key's bytes.
  auto key_of = [&](const std::string& text) { return string_entries[interner.Intern(text)]; };
  std::vector<NameKey> action_keys;
  for (ActionId id = 0; id < actions_.size(); ++id) {
    action_keys.push_back(NameKey{HashIgnoreCase(actions_[id].name), id, key_of(actions_[id].name)});
  }
  std::vector<NameSlot> action_index = BuildNameIndex(action_keys);
  std::vector<NameKey> role_keys;
  for (RoleId id = 0; id < roles_.size(); ++id) {
    role_keys.push_back(
        NameKey{HashIgnoreCase(roles_[id].name), RoleIndexValue(id, false), key_of(roles_[id].name)});
    if (!roles_[id].template_id.empty()) {
      role_keys.push_back(NameKey{HashIgnoreCase(roles_[id].template_id), RoleIndexValue(id, true),
                                  key_of(roles_[id].template_id)});
    }
  }
  std::vector<NameSlot> role_index = BuildNameIndex(role_keys);

  // Grant rows: per role, one bit pair per catalog action (docs/bytecode.md §Grant blocks). A grant
  // naming an unknown role or action, or a second grant of one pair, has no bit of its own: the
  // rows then disagree with the grant table and the loader says so.
  const uint32_t per_role = BlocksPerRole(static_cast<uint32_t>(actions_.size()));
  std::vector<GrantBlock> grant_blocks(uint64_t{role_count} * per_role, GrantBlock{0, 0, 0, 0});
  for (const GrantEntry& g : grants) {
    if (g.role >= role_count || g.action >= actions_.size()) continue;
    GrantBlock& block = grant_blocks[uint64_t{g.role} * per_role + g.action / kGrantBlockActions];
    const uint64_t bit = uint64_t{1} << (g.action % kGrantBlockActions);
    block.covers |= bit;
    if (g.flags & kGrantUnconditional) block.unconditional |= bit;
  }
  uint32_t covered = 0;
  for (GrantBlock& block : grant_blocks) {
    block.first_grant = covered;
    covered += static_cast<uint32_t>(__builtin_popcountll(block.covers));
  }

  // Serialize: header, then the sections in directory order.
  struct Payload {
    std::string bytes;
    uint32_t count;
  };
  Payload payloads[kSectionCount] = {
      {RecordBytes(string_entries), static_cast<uint32_t>(string_entries.size())},
      {string_bytes, static_cast<uint32_t>(string_bytes.size())},
      {RecordBytes(actions), static_cast<uint32_t>(actions.size())},
      {RecordBytes(action_index), static_cast<uint32_t>(action_index.size())},
      {RecordBytes(roles), static_cast<uint32_t>(roles.size())},
      {RecordBytes(role_index), static_cast<uint32_t>(role_index.size())},
      {RecordBytes(role_sets), static_cast<uint32_t>(role_sets.size())},
      {RecordBytes(role_set_bits), static_cast<uint32_t>(role_set_bits.size())},
      {RecordBytes(rules), static_cast<uint32_t>(rules.size())},
      {RecordBytes(rule_patterns), static_cast<uint32_t>(rule_patterns.size())},
      {RecordBytes(grants), static_cast<uint32_t>(grants.size())},
      {RecordBytes(grant_rules), static_cast<uint32_t>(grant_rules.size())},
      {RecordBytes(grant_blocks), static_cast<uint32_t>(grant_blocks.size())},
      {RecordBytes(chunks), static_cast<uint32_t>(chunks.size())},
      {code, static_cast<uint32_t>(code.size())},
  };

  ImageHeader header;
  std::memset(&header, 0, sizeof header);
  std::memcpy(header.magic, kImageMagic.data(), sizeof header.magic);
  header.format_version = kImageFormatVersion;
  header.header_bytes = sizeof(ImageHeader);
  header.section_count = kSectionCount;

  std::string out(sizeof(ImageHeader), '\0');
  for (uint32_t s = 0; s < kSectionCount; ++s) {
    PadTo(out, kSectionAlignment);
    header.sections[s].offset = static_cast<uint32_t>(out.size());
    header.sections[s].bytes = static_cast<uint32_t>(payloads[s].bytes.size());
    header.sections[s].count = payloads[s].count;
    out += payloads[s].bytes;
  }
  PadTo(out, kSectionAlignment);

  std::vector<std::string_view> names;
  names.reserve(actions_.size());
  for (const ActionRecord& a : actions_) names.push_back(a.name);
  header.catalog_fingerprint = CatalogFingerprint(std::move(names));
  header.image_bytes = out.size();
  std::memcpy(out.data(), &header, sizeof header);
  header.checksum = Xxh64(out.data() + kChecksummedFrom, out.size() - kChecksummedFrom);
  std::memcpy(out.data() + kChecksumOffset, &header.checksum, sizeof header.checksum);
  return out;
}

void EmitOp(std::vector<uint8_t>& code, uint8_t opcode) { code.push_back(opcode); }

void EmitOpU8(std::vector<uint8_t>& code, uint8_t opcode, uint8_t operand) {
  code.push_back(opcode);
  code.push_back(operand);
}

void EmitOpU32(std::vector<uint8_t>& code, uint8_t opcode, uint32_t operand) {
  code.push_back(opcode);
  for (int i = 0; i < 4; ++i) code.push_back(static_cast<uint8_t>(operand >> (8 * i)));
}

size_t EmitJump(std::vector<uint8_t>& code, uint8_t opcode) {
  code.push_back(opcode);
  code.push_back(0xFF);
  code.push_back(0xFF);
  return code.size() - 2;
}

void PatchJump(std::vector<uint8_t>& code, size_t at) {
  // Offsets count from the end of the jump instruction. One that does not fit in u16 belongs to a
  // chunk longer than kMaxChunkBytes, which the loader rejects anyway.
  size_t offset = code.size() - (at + 2);
  if (offset > 0xFFFF) offset = 0xFFFF;
  code[at] = static_cast<uint8_t>(offset & 0xFF);
  code[at + 1] = static_cast<uint8_t>(offset >> 8);
}

}  // namespace rolec::runtime
