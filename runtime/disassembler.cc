// runtime/disassembler.cc — Disassemble (policy.hpp) and the chunk disassembler.
#include "runtime/disassembler.h"

#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <utility>

#include "fmt/format.h"
#include "runtime/action_pattern.h"
#include "runtime/image_format.h"
#include "runtime/opcodes.h"
#include "runtime/policy_impl.h"

namespace rolec::runtime {
namespace {

constexpr int kMnemonicWidth = 26;

std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7F) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string Line(std::string_view indent, size_t offset, const char* mnemonic,
                 std::string_view operand) {
  if (operand.empty()) return fmt::format("{}{:04}  {}\n", indent, offset, mnemonic);
  return fmt::format("{}{:04}  {:<{}} {}\n", indent, offset, mnemonic, kMnemonicWidth, operand);
}

// One helper per operand shape.
std::string SimpleInstruction(std::string_view indent, size_t offset, const char* mnemonic) {
  return Line(indent, offset, mnemonic, "");
}

std::string KindInstruction(std::string_view indent, size_t offset, const char* mnemonic,
                            uint32_t kind) {
  std::string_view name = TargetKindName(static_cast<TargetKind>(kind));
  return Line(indent, offset, mnemonic,
              fmt::format("kind {} ({})", kind, name.empty() ? "unspecified" : name));
}

std::string SetInstruction(std::string_view indent, size_t offset, const char* mnemonic,
                           uint32_t set, const ImageView* image) {
  std::string operand = fmt::format("set {}", set);
  if (image != nullptr && set < image->role_set_count()) {
    operand += fmt::format(" ({})", image->String(image->RoleSet(set).name));
  }
  return Line(indent, offset, mnemonic, operand);
}

std::string RoleInstruction(std::string_view indent, size_t offset, const char* mnemonic,
                            uint32_t role, const ImageView* image) {
  std::string operand = fmt::format("role {}", role);
  if (image != nullptr && role < image->role_count()) {
    operand += fmt::format(" ({})", image->String(image->Role(role).name));
  }
  return Line(indent, offset, mnemonic, operand);
}

std::string StringInstruction(std::string_view indent, size_t offset, const char* mnemonic,
                              uint32_t string, const ImageView* image) {
  std::string operand = fmt::format("string {}", string);
  if (image != nullptr && string < image->string_count()) {
    operand += fmt::format(" ({})", Quoted(image->String(string)));
  }
  return Line(indent, offset, mnemonic, operand);
}

std::string JumpInstruction(std::string_view indent, size_t offset, const char* mnemonic,
                            uint32_t distance, size_t size) {
  return Line(indent, offset, mnemonic, fmt::format("{} -> {:04}", distance, offset + size + distance));
}

std::string FlagList(std::initializer_list<std::pair<bool, const char*>> flags) {
  std::string out;
  for (const auto& [set, name] : flags) {
    if (!set) continue;
    out += out.empty() ? "  [" : ", ";
    out += name;
  }
  return out.empty() ? out : out + "]";
}

std::string SourceText(const ImageView& image, uint32_t file, uint32_t line, uint32_t column) {
  return fmt::format("{}:{}:{}", image.String(file), line, column);
}

// Occupied slots and the longest distance from a home slot, for the index summary.
struct IndexStats {
  uint32_t capacity = 0;
  uint32_t entries = 0;
  uint32_t longest_probe = 0;
};

IndexStats NameIndexStats(const ImageView& image, Section section) {
  IndexStats stats;
  const SectionEntry e = image.section(section);
  stats.capacity = e.count;
  const uint32_t mask = e.count - 1;
  for (uint32_t i = 0; i < e.count; ++i) {
    const NameSlot slot = ReadRecord<NameSlot>(image.data(), e.offset + uint64_t{i} * sizeof slot);
    if (slot.value == kNone32) continue;
    ++stats.entries;
    std::string_view key;
    if (section == Section::kActionIndex) {
      key = image.String(image.Action(slot.value).name);
    } else {
      const RoleEntry role = image.Role(slot.value / 2);
      key = image.String((slot.value & 1) ? role.template_id : role.name);
    }
    const uint32_t home = static_cast<uint32_t>(HashIgnoreCase(key)) & mask;
    stats.longest_probe = std::max(stats.longest_probe, (i - home) & mask);
  }
  return stats;
}

// The grant rows in one line: their shape and how many pairs they cover.
std::string GrantBlocksLine(const ImageView& image) {
  uint64_t covered = 0;
  uint64_t unconditional = 0;
  const uint64_t blocks = uint64_t{image.role_count()} * image.blocks_per_role();
  for (uint64_t b = 0; b < blocks; ++b) {
    const GrantBlock block = image.GrantBlockAt(b);
    covered += static_cast<uint64_t>(__builtin_popcountll(block.covers));
    unconditional += static_cast<uint64_t>(__builtin_popcountll(block.unconditional));
  }
  return fmt::format("  {:<14} {} roles x {} blocks of {} actions, {} pairs covered, {} unconditional\n",
                     "grant_blocks", image.role_count(), image.blocks_per_role(), kGrantBlockActions,
                     covered, unconditional);
}

std::string IndexLine(const char* name, const IndexStats& stats) {
  return fmt::format("  {:<14} capacity {}, {} entries, longest probe {}\n", name, stats.capacity,
                     stats.entries, stats.longest_probe);
}

std::string RuleList(const ImageView& image, uint32_t first, uint32_t count) {
  std::string out;
  for (uint32_t k = 0; k < count; ++k) {
    if (k > 0) out += ",";
    out += fmt::format("{}", image.GrantRule(first + k));
  }
  return out.empty() ? "-" : out;
}

}  // namespace

std::string DisassembleChunk(absl::Span<const uint8_t> code, const ImageView* image,
                             std::string_view indent) {
  std::string out;
  size_t offset = 0;
  while (offset < code.size()) {
    Instruction instruction;
    if (!DecodeInstruction(code.data(), code.size(), offset, &instruction)) {
      if (code[offset] < static_cast<uint8_t>(Opcode::kCount)) {
        out += fmt::format("{}{:04}  {} <operand runs past the end>\n", indent, offset,
                           kOpcodeInfo[code[offset]].mnemonic);
      } else {
        out += fmt::format("{}{:04}  <unknown opcode 0x{:02x}>\n", indent, offset, code[offset]);
      }
      break;
    }
    const OpcodeInfo& info = kOpcodeInfo[static_cast<int>(instruction.opcode)];
    switch (info.shape) {
      case OperandShape::kNoOperand:
        out += SimpleInstruction(indent, offset, info.mnemonic);
        break;
      case OperandShape::kKind:
        out += KindInstruction(indent, offset, info.mnemonic, instruction.operand);
        break;
      case OperandShape::kSet:
        out += SetInstruction(indent, offset, info.mnemonic, instruction.operand, image);
        break;
      case OperandShape::kRole:
        out += RoleInstruction(indent, offset, info.mnemonic, instruction.operand, image);
        break;
      case OperandShape::kString:
        out += StringInstruction(indent, offset, info.mnemonic, instruction.operand, image);
        break;
      case OperandShape::kJump:
        out += JumpInstruction(indent, offset, info.mnemonic, instruction.operand, instruction.size);
        break;
    }
    offset += instruction.size;
  }
  return out;
}

std::string OpcodeTableMarkdown() {
  static constexpr const char* kShapeNames[] = {"—", "u8 target kind", "u32 role set",
                                                "u32 role id", "u32 string", "u16 forward offset"};
  std::string out =
      "| code | mnemonic | operand | stack | semantics |\n"
      "| --- | --- | --- | --- | --- |\n";
  for (int op = 0; op < static_cast<int>(Opcode::kCount); ++op) {
    const OpcodeInfo& info = kOpcodeInfo[op];
    out += fmt::format("| 0x{:02x} | `{}` | {} | {:+d} | {} |\n", op, info.mnemonic,
                       kShapeNames[static_cast<int>(info.shape)], info.stack_effect, info.doc);
  }
  return out;
}

}  // namespace rolec::runtime

namespace rolec {

std::string Disassemble(const Policy& policy) {
  using namespace runtime;  // NOLINT: the image vocabulary, throughout this function
  const ImageView& image = policy.impl().image();
  const ImageHeader header = image.header();
  std::string out;

  out += "rolec policy image\n";
  out += fmt::format("  format version  {}\n", header.format_version);
  out += fmt::format("  size            {} bytes\n", header.image_bytes);
  out += fmt::format("  checksum        0x{:016x} (XXH64 of bytes {}..{})\n", header.checksum,
                     kChecksummedFrom, header.image_bytes);
  out += fmt::format("  catalog         0x{:016x} ({} actions)\n", header.catalog_fingerprint,
                     image.action_count());

  out += "\nsections\n";
  for (uint32_t s = 0; s < kSectionCount; ++s) {
    const SectionEntry& e = header.sections[s];
    out += fmt::format("  {:<14} offset {:>8}  bytes {:>8}  count {:>7}\n", kSectionInfo[s].name,
                       e.offset, e.bytes, e.count);
  }

  out += fmt::format("\nstrings ({})\n", image.string_count());
  for (uint32_t i = 0; i < image.string_count(); ++i) {
    out += fmt::format("  {:04}  {}\n", i, Quoted(image.String(i)));
  }

  out += fmt::format("\nactions ({})\n", image.action_count());
  for (ActionId id = 0; id < image.action_count(); ++id) {
    const ActionEntry a = image.Action(id);
    out += fmt::format("  {:04}  {}{}\n", id, image.String(a.name),
                       FlagList({{(a.flags & kActionPrivileged) != 0, "privileged"},
                                 {(a.flags & kActionCustomAllowed) != 0, "custom"},
                                 {(a.flags & kActionProtected) != 0, "protected"}}));
    if (!image.String(a.description).empty()) {
      out += fmt::format("        description {}\n", Quoted(image.String(a.description)));
    }
    if (a.intrinsic_chunk != kNone32) {
      out += fmt::format("        requires {} (chunk {})\n", image.String(a.intrinsic_text),
                         a.intrinsic_chunk);
    }
  }

  out += fmt::format("\nroles ({})\n", image.role_count());
  for (RoleId id = 0; id < image.role_count(); ++id) {
    const RoleEntry r = image.Role(id);
    out += fmt::format("  {:04}  {}{}\n", id, Quoted(image.String(r.name)),
                       FlagList({{(r.flags & kRolePrivileged) != 0, "privileged"},
                                 {(r.flags & kRoleDeprecated) != 0, "deprecated"},
                                 {(r.flags & kRoleAdminUnitScopable) != 0, "admin_unit_scopable"}}));
    if (!image.String(r.template_id).empty()) {
      out += fmt::format("        id {}\n", image.String(r.template_id));
    }
    if (!image.String(r.module).empty()) {
      out += fmt::format("        module {}\n", image.String(r.module));
    }
    if (!image.String(r.description).empty()) {
      out += fmt::format("        description {}\n", Quoted(image.String(r.description)));
    }
    out += fmt::format("        rules [{}, {}) at {}\n", r.first_rule, r.first_rule + r.rule_count,
                       SourceText(image, r.source_file, r.source_line, r.source_column));
  }

  out += fmt::format("\nrole sets ({})\n", image.role_set_count());
  for (uint32_t s = 0; s < image.role_set_count(); ++s) {
    const RoleSetEntry e = image.RoleSet(s);
    std::string members;
    for (RoleId role = 0; role < image.role_count(); ++role) {
      if (!image.RoleSetContains(s, role)) continue;
      if (!members.empty()) members += ", ";
      members += fmt::format("{} {}", role, Quoted(image.String(image.Role(role).name)));
    }
    out += fmt::format("  {:04}  {} ({} members) {{{}}}\n", s, image.String(e.name), e.member_count,
                       members);
  }

  out += fmt::format("\nrules ({})\n", image.rule_count());
  for (uint32_t i = 0; i < image.rule_count(); ++i) {
    const RuleEntry r = image.Rule(i);
    std::string patterns;
    for (uint32_t p = 0; p < r.pattern_count; ++p) {
      if (p > 0) patterns += ", ";
      patterns += image.String(image.RulePattern(r.first_pattern + p));
    }
    out += fmt::format("  {:04}  role {} {} {}\n", i, r.role,
                       (r.flags & kRuleExcept) ? "except" : "allow", patterns);
    if (r.chunk != kNone32) {
      out += fmt::format("        when {} (chunk {})\n", image.String(r.condition_text), r.chunk);
    }
    out += fmt::format("        at {}\n", SourceText(image, r.source_file, r.source_line, r.source_column));
  }

  out += fmt::format("\ngrants ({})\n", image.grant_count());
  for (uint32_t g = 0; g < image.grant_count(); ++g) {
    const GrantEntry e = image.Grant(g);
    out += fmt::format("  {:04}  role {} action {} ({})  allow {}  except {}{}\n", g, e.role,
                       e.action, image.String(image.Action(e.action).name),
                       RuleList(image, e.first_rule, e.allow_count),
                       RuleList(image, e.first_rule + e.allow_count, e.except_count),
                       (e.flags & kGrantUnconditional) ? "  unconditional" : "");
  }

  out += "\nindexes\n";
  out += IndexLine("action_index", NameIndexStats(image, Section::kActionIndex));
  out += IndexLine("role_index", NameIndexStats(image, Section::kRoleIndex));
  out += GrantBlocksLine(image);

  out += fmt::format("\nchunks ({})\n", image.chunk_count());
  for (uint32_t c = 0; c < image.chunk_count(); ++c) {
    const ChunkEntry e = image.Chunk(c);
    out += fmt::format("chunk {} ({} bytes)\n", c, e.bytes);
    out += DisassembleChunk(image.ChunkCode(c), &image, "  ");
  }
  return out;
}

}  // namespace rolec
