// runtime/image_format.cc — the section table and the catalog fingerprint.
#include "runtime/image_format.h"

#include <algorithm>
#include <string>

#include "runtime/checksum.h"

namespace rolec::runtime {

const SectionInfo kSectionInfo[kSectionCount] = {
    {"strings", sizeof(StringEntry)},
    {"string_bytes", 1},
    {"actions", sizeof(ActionEntry)},
    {"action_index", sizeof(NameSlot)},
    {"roles", sizeof(RoleEntry)},
    {"role_index", sizeof(NameSlot)},
    {"role_sets", sizeof(RoleSetEntry)},
    {"role_set_bits", sizeof(uint64_t)},
    {"rules", sizeof(RuleEntry)},
    {"rule_patterns", sizeof(uint32_t)},
    {"grants", sizeof(GrantEntry)},
    {"grant_rules", sizeof(uint32_t)},
    {"grant_blocks", sizeof(GrantBlock)},
    {"chunks", sizeof(ChunkEntry)},
    {"code", 1},
};

uint64_t CatalogFingerprint(std::vector<std::string_view> names) {
  std::vector<std::string> lowered;
  lowered.reserve(names.size());
  size_t total = 0;
  for (std::string_view name : names) {
    std::string lower(name);
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    }
    total += lower.size() + 1;
    lowered.push_back(std::move(lower));
  }
  std::sort(lowered.begin(), lowered.end());
  std::string joined;
  joined.reserve(total);
  for (const std::string& name : lowered) {
    joined += name;
    joined += '\n';
  }
  return Xxh64(joined.data(), joined.size());
}

}  // namespace rolec::runtime
