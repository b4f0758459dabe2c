// runtime/image_verifier.cc — see image_verifier.h for what is checked and why.
#include "runtime/image_verifier.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "fmt/format.h"
#include "runtime/action_pattern.h"
#include "runtime/checksum.h"
#include "runtime/chunk_verifier.h"
#include "runtime/status_macros.h"

namespace rolec::runtime {

// A class so that it may fill ImageView's private fields (it is ImageView's friend).
class ImageVerifier {
 public:
  ImageVerifier(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  absl::StatusOr<ImageView> Run() {
    ROLEC_RETURN_IF_ERROR(CheckHeader());
    ROLEC_RETURN_IF_ERROR(CheckSections());
    ROLEC_RETURN_IF_ERROR(CheckStrings());
    ROLEC_RETURN_IF_ERROR(CheckChunks());
    ROLEC_RETURN_IF_ERROR(CheckActions());
    ROLEC_RETURN_IF_ERROR(CheckRoles());
    ROLEC_RETURN_IF_ERROR(CheckRules());
    ROLEC_RETURN_IF_ERROR(CheckRoleIndex());
    ROLEC_RETURN_IF_ERROR(CheckRoleSets());
    ROLEC_RETURN_IF_ERROR(CheckGrants());
    ROLEC_RETURN_IF_ERROR(CheckGrantBlocks());
    ROLEC_RETURN_IF_ERROR(CheckFingerprint());
    return view_;
  }

 private:
  template <class... Args>
  static absl::Status Invalid(fmt::format_string<Args...> format, Args&&... args) {
    return absl::InvalidArgumentError(
        "policy image: " + fmt::format(format, std::forward<Args>(args)...));
  }
  template <class... Args>
  static absl::Status Damaged(fmt::format_string<Args...> format, Args&&... args) {
    return absl::DataLossError("policy image: " + fmt::format(format, std::forward<Args>(args)...));
  }

  // A string of a hostile image, quoted for a message: escaped and cut short.
  static std::string Quote(std::string_view text) {
    std::string out = "'";
    size_t shown = 0;
    for (char c : text) {
      if (++shown > 80) {
        out += "...";
        break;
      }
      unsigned char u = static_cast<unsigned char>(c);
      if (u >= 0x20 && u < 0x7F && c != '\'' && c != '\\') {
        out += c;
      } else {
        out += fmt::format("\\x{:02x}", u);
      }
    }
    return out + "'";
  }

  uint32_t Count(Section s) const { return header_.sections[SectionIndex(s)].count; }
  const char* Name(Section s) const { return kSectionInfo[SectionIndex(s)].name; }

  absl::Status CheckHeader() {
    if (size_ > kMaxImageBytes) {
      return Invalid("{} bytes exceeds the maximum image size of {} bytes", size_, kMaxImageBytes);
    }
    if (size_ < kImageMagic.size() ||
        std::string_view(reinterpret_cast<const char*>(data_), kImageMagic.size()) != kImageMagic) {
      return Invalid("not a policy image (it does not start with \"{}\")", kImageMagic);
    }
    if (size_ < sizeof(ImageHeader)) {
      return Damaged("truncated: {} bytes, but the header alone is {} bytes", size_,
                     sizeof(ImageHeader));
    }
    header_ = ReadRecord<ImageHeader>(data_, 0);
    if (header_.format_version != kImageFormatVersion) {
      // Images are not migrated: the semantics a version encodes may differ (version 3 added the
      // administrative-unit flag and ASSIGNMENT_ROLE_IN), so an old image is compiled again.
      return Invalid("format version {} is not supported (this build reads version {}); compile the "
                     "policy again from its sources with this rolec",
                     header_.format_version, kImageFormatVersion);
    }
    if (header_.image_bytes > size_) {
      return Damaged("truncated: the header says {} bytes, but there are {}", header_.image_bytes,
                     size_);
    }
    if (header_.image_bytes < size_) {
      return Damaged("{} bytes, but the header says {} (trailing data)", size_, header_.image_bytes);
    }
    const uint64_t computed = Xxh64(data_ + kChecksummedFrom, size_ - kChecksummedFrom);
    if (computed != header_.checksum) {
      return Damaged("checksum mismatch (expected 0x{:016x}, got 0x{:016x})", header_.checksum,
                     computed);
    }
    if (header_.header_bytes != sizeof(ImageHeader)) {
      return Invalid("header size {} is not {}", header_.header_bytes, sizeof(ImageHeader));
    }
    if (header_.section_count != kSectionCount) {
      return Invalid("{} sections, but format version {} has {}", header_.section_count,
                     kImageFormatVersion, kSectionCount);
    }
    if (header_.reserved != 0) return Invalid("reserved header field is not zero");
    return absl::OkStatus();
  }

  absl::Status CheckZero(uint64_t from, uint64_t to, std::string_view where) const {
    for (uint64_t i = from; i < to; ++i) {
      if (data_[i] != 0) return Invalid("non-zero padding byte at offset {} ({})", i, where);
    }
    return absl::OkStatus();
  }

  absl::Status CheckSections() {
    uint64_t previous_end = sizeof(ImageHeader);
    std::string previous = "the header";
    for (uint32_t s = 0; s < kSectionCount; ++s) {
      const SectionEntry& e = header_.sections[s];
      const SectionInfo& info = kSectionInfo[s];
      if (e.reserved != 0) return Invalid("section {}: reserved field is not zero", info.name);
      if (e.offset % kSectionAlignment != 0) {
        return Invalid("section {} at offset {} is not {}-aligned", info.name, e.offset,
                       kSectionAlignment);
      }
      if (e.offset < previous_end) {
        return Invalid("section {} at offset {} overlaps {} (which ends at {})", info.name,
                       e.offset, previous, previous_end);
      }
      const uint64_t end = uint64_t{e.offset} + e.bytes;
      if (end > size_) {
        return Invalid("section {} ({} bytes at offset {}) runs past the end of the image ({} bytes)",
                       info.name, e.bytes, e.offset, size_);
      }
      if (uint64_t{e.count} * info.entry_bytes != e.bytes) {
        return Invalid("section {}: {} bytes do not hold {} entries of {} bytes", info.name, e.bytes,
                       e.count, info.entry_bytes);
      }
      ROLEC_RETURN_IF_ERROR(CheckZero(previous_end, e.offset, fmt::format("before section {}", info.name)));
      previous_end = end;
      previous = fmt::format("section {}", kSectionInfo[s].name);
    }
    if (size_ - previous_end >= kSectionAlignment) {
      return Invalid("{} bytes after the last section", size_ - previous_end);
    }
    ROLEC_RETURN_IF_ERROR(CheckZero(previous_end, size_, "after the last section"));

    view_.base_ = data_;
    view_.size_ = size_;
    for (uint32_t s = 0; s < kSectionCount; ++s) view_.sections_[s] = header_.sections[s];
    view_.words_per_role_set_ = WordsPerRoleSet(Count(Section::kRoles));
    view_.blocks_per_role_ = BlocksPerRole(Count(Section::kActions));
    return absl::OkStatus();
  }

  // `owner` and `id` name the record in the message ("rule 3 refers to string ...").
  absl::Status CheckString(uint32_t index, const char* owner, uint32_t id) const {
    if (index >= Count(Section::kStrings)) {
      return Invalid("{} {} refers to string {} but there are {} strings", owner, id, index,
                     Count(Section::kStrings));
    }
    return absl::OkStatus();
  }

  absl::Status CheckChunkIndex(uint32_t chunk, const char* owner, uint32_t id) const {
    if (chunk != kNone32 && chunk >= Count(Section::kChunks)) {
      return Invalid("{} {} refers to chunk {} but there are {} chunks", owner, id, chunk,
                     Count(Section::kChunks));
    }
    return absl::OkStatus();
  }

  absl::Status CheckStrings() {
    const uint32_t count = Count(Section::kStrings);
    const uint64_t blob = header_.sections[SectionIndex(Section::kStringBytes)].bytes;
    uint64_t expected = 0;
    for (uint32_t i = 0; i < count; ++i) {
      StringEntry e = ReadRecord<StringEntry>(data_, Offset(Section::kStrings) + uint64_t{i} * sizeof e);
      if (e.offset != expected) {
        return Invalid("string {} starts at byte {} of the string bytes, expected {}", i, e.offset,
                       expected);
      }
      expected += e.length;
      if (expected > blob) {
        return Invalid("string {} ({} bytes at {}) runs past the end of the string bytes ({})", i,
                       e.length, e.offset, blob);
      }
    }
    if (expected != blob) {
      return Invalid("the strings use {} of the {} string bytes", expected, blob);
    }
    return absl::OkStatus();
  }

  absl::Status CheckChunks() {
    const uint32_t count = Count(Section::kChunks);
    const uint64_t blob = header_.sections[SectionIndex(Section::kCode)].bytes;
    const ChunkLimits limits{Count(Section::kRoles), Count(Section::kRoleSets),
                             Count(Section::kStrings)};
    uint64_t expected = 0;
    for (uint32_t i = 0; i < count; ++i) {
      ChunkEntry e = view_.Chunk(i);
      if (e.offset != expected) {
        return Invalid("chunk {} starts at byte {} of the code, expected {}", i, e.offset, expected);
      }
      expected += e.bytes;
      if (expected > blob) {
        return Invalid("chunk {} ({} bytes at {}) runs past the end of the code ({} bytes)", i,
                       e.bytes, e.offset, blob);
      }
      ChunkProblem problem = VerifyChunk(view_.ChunkCode(i), limits);
      if (!problem.ok()) return Invalid("chunk {} at byte {}: {}", i, problem.offset, problem.message);
    }
    if (expected != blob) return Invalid("the chunks use {} of the {} code bytes", expected, blob);
    return absl::OkStatus();
  }

  absl::Status CheckActions() {
    const uint32_t count = Count(Section::kActions);
    for (ActionId id = 0; id < count; ++id) {
      ActionEntry e = view_.Action(id);
      ROLEC_RETURN_IF_ERROR(CheckString(e.name, "action", id));
      ROLEC_RETURN_IF_ERROR(CheckString(e.description, "action", id));
      ROLEC_RETURN_IF_ERROR(CheckString(e.intrinsic_text, "action", id));
      ROLEC_RETURN_IF_ERROR(CheckChunkIndex(e.intrinsic_chunk, "action", id));
      if ((e.flags & ~uint32_t{kActionFlagsMask}) != 0) {
        return Invalid("action {} has unknown flags 0x{:x}", id, e.flags);
      }
      if (e.reserved != 0) return Invalid("action {}: reserved field is not zero", id);
      std::string_view name = view_.String(e.name);
      std::string problem = ActionError(name);
      if (!problem.empty()) {
        return Invalid("action {} {} is not a well-formed action: {}", id, Quote(name), problem);
      }
    }
    return CheckNameIndex(Section::kActionIndex, count, count, /*unique_keys=*/true);
  }

  // The string index of the key of a name-index value; *valid false if the value names nothing.
  uint32_t NameKey(Section index, uint32_t value, bool* valid) const {
    *valid = false;
    if (index == Section::kActionIndex) {
      if (value >= Count(Section::kActions)) return 0;
      *valid = true;
      return view_.Action(value).name;
    }
    RoleId role = value / 2;
    if (role >= Count(Section::kRoles)) return 0;
    RoleEntry entry = view_.Role(role);
    if (value & 1) {
      *valid = !view_.String(entry.template_id).empty();
      return entry.template_id;
    }
    *valid = true;
    return entry.name;
  }

  // A name index: power-of-two capacity with at least one empty slot; each of the `entries`
  // values exactly once, naming its key's bytes; each reachable by linear probing from its home
  // slot within kMaxProbeDistance; with `unique_keys`, no two keys equal ignoring case.
  absl::Status CheckNameIndex(Section index, uint32_t value_space, uint32_t entries,
                              bool unique_keys) {
    const char* name = Name(index);
    const uint32_t capacity = Count(index);
    if (capacity == 0 || (capacity & (capacity - 1)) != 0) {
      return Invalid("{} capacity {} is not a power of two", name, capacity);
    }
    if (capacity <= entries) {
      return Invalid("{} has {} slots for {} entries (it needs an empty slot)", name, capacity, entries);
    }
    const uint32_t mask = capacity - 1;
    const uint64_t base = Offset(index);
    auto slot_at = [&](uint32_t i) { return ReadRecord<NameSlot>(data_, base + uint64_t{i} * sizeof(NameSlot)); };
    std::vector<uint8_t> seen(value_space, 0);
    uint32_t filled = 0;
    for (uint32_t i = 0; i < capacity; ++i) {
      NameSlot slot = slot_at(i);
      if (slot.value == kNone32) {
        if (slot.tag != 0 || slot.key_offset != 0 || slot.key_length != 0) {
          return Invalid("{} slot {} is empty but not blank", name, i);
        }
        continue;
      }
      bool valid = false;
      const uint32_t key_string = NameKey(index, slot.value, &valid);
      if (!valid || slot.value >= value_space) {
        return Invalid("{} slot {} holds {}, which names no entry", name, i, slot.value);
      }
      const StringEntry key_entry = ReadRecord<StringEntry>(
          data_, Offset(Section::kStrings) + uint64_t{key_string} * sizeof(StringEntry));
      if (slot.key_offset != key_entry.offset || slot.key_length != key_entry.length) {
        return Invalid("{} slot {} names bytes [{}, +{}), but its key is string {} at [{}, +{})",
                       name, i, slot.key_offset, slot.key_length, key_string, key_entry.offset,
                       key_entry.length);
      }
      const std::string_view key = view_.String(key_string);
      if (seen[slot.value]) return Invalid("{} holds {} twice", name, slot.value);
      seen[slot.value] = 1;
      ++filled;
      const uint64_t hash = HashIgnoreCase(key);
      if (slot.tag != NameTag(hash)) {
        return Invalid("{} slot {}: the tag does not match the hash of {}", name, i, Quote(key));
      }
      const uint32_t home = static_cast<uint32_t>(hash) & mask;
      const uint32_t distance = (i - home) & mask;
      if (distance > kMaxProbeDistance) {
        return Invalid("{} slot {}: {} lies {} slots from its home slot (the maximum is {})", name,
                       i, Quote(key), distance, kMaxProbeDistance);
      }
      for (uint32_t d = 0; d < distance; ++d) {
        NameSlot before = slot_at((home + d) & mask);
        if (before.value == kNone32) {
          return Invalid("{} slot {}: {} is unreachable (slot {} before it is empty)", name, i,
                         Quote(key), (home + d) & mask);
        }
        if (!unique_keys || before.tag != slot.tag) continue;
        bool before_valid = false;
        const uint32_t before_key = NameKey(index, before.value, &before_valid);
        if (before_valid && EqualsIgnoreCase(view_.String(before_key), key)) {
          return Invalid("{}: {} and {} have the same name {} (names are case-insensitive)", name,
                         before.value, slot.value, Quote(key));
        }
      }
    }
    if (filled != entries) return Invalid("{} holds {} entries, expected {}", name, filled, entries);
    return absl::OkStatus();
  }

  absl::Status CheckRoles() {
    const uint32_t count = Count(Section::kRoles);
    const uint32_t rules = Count(Section::kRules);
    if (count > 0x7FFFFFFFu) return Invalid("{} roles exceed the maximum of 2^31 - 1", count);
    for (RoleId id = 0; id < count; ++id) {
      RoleEntry e = view_.Role(id);
      for (uint32_t string : {e.name, e.template_id, e.description, e.module, e.source_file}) {
        ROLEC_RETURN_IF_ERROR(CheckString(string, "role", id));
      }
      if ((e.flags & ~uint32_t{kRoleFlagsMask}) != 0) {
        return Invalid("role {} has unknown flags 0x{:x}", id, e.flags);
      }
      if (uint64_t{e.first_rule} + e.rule_count > rules) {
        return Invalid("role {}'s rules [{}, {}) run past the rule table ({} rules)", id,
                       e.first_rule, uint64_t{e.first_rule} + e.rule_count, rules);
      }
      role_rule_ranges_ += e.rule_count;
    }
    return absl::OkStatus();
  }

  absl::Status CheckRules() {
    const uint32_t count = Count(Section::kRules);
    const uint32_t roles = Count(Section::kRoles);
    const uint32_t patterns = Count(Section::kRulePatterns);
    uint64_t expected_pattern = 0;
    // Rules share patterns (the stdlib's 9,000 pattern entries name under 2,000 strings): check
    // each string once.
    std::vector<bool> pattern_checked(Count(Section::kStrings), false);
    for (uint32_t i = 0; i < count; ++i) {
      RuleEntry e = view_.Rule(i);
      if (e.role >= roles) return Invalid("rule {} refers to role {} but there are {} roles", i, e.role, roles);
      RoleEntry role = view_.Role(e.role);
      if (i < role.first_rule || i >= uint64_t{role.first_rule} + role.rule_count) {
        return Invalid("rule {} belongs to role {} but lies outside its rule range [{}, {}) (a "
                       "role's rules must be contiguous)",
                       i, e.role, role.first_rule, uint64_t{role.first_rule} + role.rule_count);
      }
      if ((e.flags & ~uint32_t{kRuleFlagsMask}) != 0) {
        return Invalid("rule {} has unknown flags 0x{:x}", i, e.flags);
      }
      if (e.reserved != 0) return Invalid("rule {}: reserved field is not zero", i);
      if (e.pattern_count == 0) return Invalid("rule {} has no pattern", i);
      if (e.first_pattern != expected_pattern) {
        return Invalid("rule {}'s patterns start at {}, expected {}", i, e.first_pattern, expected_pattern);
      }
      expected_pattern += e.pattern_count;
      if (expected_pattern > patterns) {
        return Invalid("rule {}'s patterns run past the pattern list ({} entries)", i, patterns);
      }
      for (uint32_t p = e.first_pattern; p < expected_pattern; ++p) {
        uint32_t string = view_.RulePattern(p);
        ROLEC_RETURN_IF_ERROR(CheckString(string, "rule", i));
        if (pattern_checked[string]) continue;
        pattern_checked[string] = true;
        std::string_view pattern = view_.String(string);
        std::string problem = PatternError(pattern);
        if (!problem.empty()) {
          return Invalid("rule {} pattern {} is malformed: {}", i, Quote(pattern), problem);
        }
      }
      ROLEC_RETURN_IF_ERROR(CheckChunkIndex(e.chunk, "rule", i));
      ROLEC_RETURN_IF_ERROR(CheckString(e.condition_text, "rule", i));
      ROLEC_RETURN_IF_ERROR(CheckString(e.source_file, "rule", i));
    }
    if (expected_pattern != patterns) {
      return Invalid("the rules use {} of the {} pattern entries", expected_pattern, patterns);
    }
    // Each rule lies in its own role's range (above); equal totals then mean that no range also
    // holds another role's rule.
    if (role_rule_ranges_ != count) {
      return Invalid("the roles' rule ranges cover {} rules, but there are {} (a role's rules must "
                     "be contiguous and each rule in its role's range)",
                     role_rule_ranges_, count);
    }
    return absl::OkStatus();
  }

  absl::Status CheckRoleIndex() {
    const uint32_t roles = Count(Section::kRoles);
    uint32_t entries = roles;
    for (RoleId id = 0; id < roles; ++id) {
      if (!view_.String(view_.Role(id).template_id).empty()) ++entries;
    }
    // Several roles may share a name (in different modules): the first one added is found first.
    return CheckNameIndex(Section::kRoleIndex, roles * 2, entries, /*unique_keys=*/false);
  }

  absl::Status CheckRoleSets() {
    const uint32_t sets = Count(Section::kRoleSets);
    const uint32_t roles = Count(Section::kRoles);
    const uint32_t words = view_.words_per_role_set();
    const uint64_t expected_words = uint64_t{sets} * words;
    if (Count(Section::kRoleSetBits) != expected_words) {
      return Invalid("role_set_bits holds {} words, expected {} ({} sets of {} words)",
                     Count(Section::kRoleSetBits), expected_words, sets, words);
    }
    for (uint32_t s = 0; s < sets; ++s) {
      RoleSetEntry e = view_.RoleSet(s);
      ROLEC_RETURN_IF_ERROR(CheckString(e.name, "role set", s));
      uint64_t members = 0;
      for (uint32_t w = 0; w < words; ++w) {
        uint64_t word = view_.RoleSetWord(s, w);
        if (w + 1 == words && roles % 64 != 0 && (word >> (roles % 64)) != 0) {
          return Invalid("role set {} has bits for roles beyond the {} roles", s, roles);
        }
        members += static_cast<uint64_t>(__builtin_popcountll(word));
      }
      if (members != e.member_count) {
        return Invalid("role set {} ({}) lists {} members but its bitset holds {} (a member that "
                       "is not a role?)",
                       s, Quote(view_.String(e.name)), e.member_count, members);
      }
    }
    return absl::OkStatus();
  }

  absl::Status CheckGrants() {
    const uint32_t count = Count(Section::kGrants);
    const uint32_t roles = Count(Section::kRoles);
    const uint32_t actions = Count(Section::kActions);
    const uint32_t rules = Count(Section::kRules);
    const uint32_t list = Count(Section::kGrantRules);
    uint64_t expected_rule = 0;
    for (uint32_t g = 0; g < count; ++g) {
      GrantEntry e = view_.Grant(g);
      if (e.role >= roles) return Invalid("grant {} refers to role {} but there are {} roles", g, e.role, roles);
      if (e.action >= actions) {
        return Invalid("grant {} refers to action {} but there are {} actions", g, e.action, actions);
      }
      if (g > 0) {
        GrantEntry previous = view_.Grant(g - 1);
        if (std::make_pair(previous.role, previous.action) >= std::make_pair(e.role, e.action)) {
          return Invalid("grants {} and {} are not in strictly ascending (role, action) order", g - 1, g);
        }
      }
      if (e.allow_count == 0) return Invalid("grant {} has no allow rule", g);
      if (e.first_rule != expected_rule) {
        return Invalid("grant {}'s rules start at {}, expected {}", g, e.first_rule, expected_rule);
      }
      expected_rule += uint64_t{e.allow_count} + e.except_count;
      if (expected_rule > list) return Invalid("grant {}'s rules run past the grant rule list ({} entries)", g, list);
      bool unconditional = false;
      for (uint32_t k = 0; k < e.allow_count + e.except_count; ++k) {
        const bool is_except = k >= e.allow_count;
        const uint32_t rule = view_.GrantRule(e.first_rule + k);
        if (rule >= rules) return Invalid("grant {} refers to rule {} but there are {} rules", g, rule, rules);
        if (k > 0 && k != e.allow_count && view_.GrantRule(e.first_rule + k - 1) >= rule) {
          return Invalid("grant {}'s rules are not in ascending order", g);
        }
        RuleEntry r = view_.Rule(rule);
        if (r.role != e.role) {
          return Invalid("grant {} (role {}) lists rule {}, which belongs to role {}", g, e.role, rule, r.role);
        }
        if (((r.flags & kRuleExcept) != 0) != is_except) {
          return Invalid("grant {} lists rule {} as {} rule, but it is an {} rule", g, rule,
                         is_except ? "an except" : "an allow", is_except ? "allow" : "except");
        }
        if (!is_except && r.chunk == kNone32) unconditional = true;
      }
      const uint32_t flags = (unconditional && e.except_count == 0) ? kGrantUnconditional : 0;
      if (e.flags != flags) {
        return Invalid("grant {} has flags 0x{:x} but its rules imply 0x{:x}", g, e.flags, flags);
      }
    }
    if (expected_rule != list) return Invalid("the grants use {} of the {} grant rule entries", expected_rule, list);
    return absl::OkStatus();
  }

  // The grant rows agree with the grant table bit for bit: the covers bits, read in (role, action)
  // order, are exactly the grants' pairs in table order; each block's first_grant counts the grants
  // before it; the unconditional bits are the grants' kGrantUnconditional flags; no bit names an
  // action past the catalog. With CheckGrants (the table sorted, each flag implied by its rules),
  // a lookup through the rows finds exactly the grant a search of the table would.
  absl::Status CheckGrantBlocks() {
    const uint32_t roles = Count(Section::kRoles);
    const uint32_t actions = Count(Section::kActions);
    const uint32_t grants = Count(Section::kGrants);
    const uint32_t per_role = view_.blocks_per_role();
    const uint64_t expected = uint64_t{roles} * per_role;
    const char* name = Name(Section::kGrantBlocks);
    if (Count(Section::kGrantBlocks) != expected) {
      return Invalid("{} holds {} blocks, expected {} ({} roles of {} blocks for {} actions)", name,
                     Count(Section::kGrantBlocks), expected, roles, per_role, actions);
    }
    uint32_t next = 0;  // the grant the next covers bit must be
    for (RoleId role = 0; role < roles; ++role) {
      for (uint32_t b = 0; b < per_role; ++b) {
        const uint64_t index = uint64_t{role} * per_role + b;
        const GrantBlock block = view_.GrantBlockAt(index);
        if (block.reserved != 0) return Invalid("{} block {}: reserved field is not zero", name, index);
        if (block.first_grant != next) {
          return Invalid("{} block {} (role {}, actions from {}) says its first grant is {}, expected {}",
                         name, index, role, uint64_t{b} * kGrantBlockActions, block.first_grant, next);
        }
        if ((block.unconditional & ~block.covers) != 0) {
          return Invalid("{} block {} (role {}) marks an action unconditional that it does not cover",
                         name, index, role);
        }
        const uint32_t in_block = std::min<uint32_t>(kGrantBlockActions, actions - b * kGrantBlockActions);
        if (in_block < kGrantBlockActions && (block.covers >> in_block) != 0) {
          return Invalid("{} block {} (role {}) covers actions beyond the {} actions", name, index,
                         role, actions);
        }
        for (uint64_t bits = block.covers; bits != 0; bits &= bits - 1) {
          const uint32_t k = static_cast<uint32_t>(__builtin_ctzll(bits));
          const ActionId action = b * kGrantBlockActions + k;
          if (next >= grants) {
            return Invalid("{} block {} covers role {} action {}, but there are only {} grants", name,
                           index, role, action, grants);
          }
          const GrantEntry grant = view_.Grant(next);
          if (grant.role != role || grant.action != action) {
            return Invalid("{} block {} covers role {} action {}, but grant {} is role {} action {}",
                           name, index, role, action, next, grant.role, grant.action);
          }
          const bool unconditional = (block.unconditional >> k) & 1;
          if (unconditional != ((grant.flags & kGrantUnconditional) != 0)) {
            return Invalid("{} block {}: role {} action {} is marked {}, but grant {} is {}", name,
                           index, role, action, unconditional ? "unconditional" : "conditional", next,
                           unconditional ? "conditional" : "unconditional");
          }
          ++next;
        }
      }
    }
    if (next != grants) {
      return Invalid("{} cover {} (role, action) pairs, but there are {} grants", name, next, grants);
    }
    return absl::OkStatus();
  }

  absl::Status CheckFingerprint() {
    std::vector<std::string_view> names;
    names.reserve(Count(Section::kActions));
    for (ActionId id = 0; id < Count(Section::kActions); ++id) {
      names.push_back(view_.String(view_.Action(id).name));
    }
    const uint64_t computed = CatalogFingerprint(std::move(names));
    if (computed != header_.catalog_fingerprint) {
      return Invalid("catalog fingerprint mismatch (the header says 0x{:016x}, the catalog hashes to "
                     "0x{:016x})",
                     header_.catalog_fingerprint, computed);
    }
    return absl::OkStatus();
  }

  uint64_t Offset(Section s) const { return header_.sections[SectionIndex(s)].offset; }

  const uint8_t* data_;
  size_t size_;
  ImageHeader header_{};
  ImageView view_;
  uint64_t role_rule_ranges_ = 0;  // total size of the roles' rule ranges
};

absl::StatusOr<ImageView> VerifyImage(const uint8_t* data, size_t size) {
  return ImageVerifier(data, size).Run();
}

}  // namespace rolec::runtime
