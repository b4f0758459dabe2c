// Golden disassembly (tests/golden/dis/*.dis; ROLEC_UPDATE_GOLDEN=1 rewrites them) and the
// generated opcode table of docs/bytecode.md.
#include "runtime/disassembler.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "rolec/policy.hpp"
#include "runtime/opcodes.h"
#include "runtime/runtime_util.h"
#include "support/golden.h"

namespace rolec::testing {
namespace {

using runtime::Opcode;

TEST(Disassemble, SamplePolicy) {
  ExpectMatchesGolden(Disassemble(*SamplePolicy()), "tests/golden/dis/sample.dis");
}

TEST(Disassemble, EmptyPolicy) {
  runtime::ImageBuilder builder;
  ExpectMatchesGolden(Disassemble(*Load(builder.Finish())), "tests/golden/dis/empty.dis");
}

// Chunks alone, one per operand shape, without an image to name the operands, and code that does
// not decode (the disassembler works on unverified bytes too).
TEST(Disassemble, ChunksWithoutAnImage) {
  runtime::ImageBuilder builder;
  std::vector<Code> chunks = {
      Code().Kind(TargetKind::kServicePrincipal).Jump(Opcode::kJumpIfTrueOrPop, 1)
          .Set(Opcode::kTargetRolesAny, 3).Label(1).Return(),
      Code().Role(7).Op(Opcode::kNot).Jump(Opcode::kJumpIfFalseOrPop, 1)
          .String(Opcode::kScopeAdminUnitIs, "au-1").Label(1).Return(),
  };
  std::string text;
  for (size_t i = 0; i < chunks.size(); ++i) {
    text += "chunk " + std::to_string(i) + "\n";
    std::vector<uint8_t> code = chunks[i].Assemble(builder);
    text += runtime::DisassembleChunk(code, nullptr, "  ");
  }
  const std::vector<uint8_t> bad = {static_cast<uint8_t>(Opcode::kPushTrue), 0xEE, 0x00};
  text += "bad\n" + runtime::DisassembleChunk(bad, nullptr, "  ");
  const std::vector<uint8_t> truncated = {static_cast<uint8_t>(Opcode::kTargetHasRole), 1, 2};
  text += "truncated\n" + runtime::DisassembleChunk(truncated, nullptr, "  ");
  ExpectMatchesGolden(text, "tests/golden/dis/chunks.dis");
}

// docs/bytecode.md carries the opcode table generated from ROLEC_OPCODES between two markers;
// ROLEC_UPDATE_GOLDEN=1 regenerates it in place.
TEST(BytecodeDoc, OpcodeTableIsGeneratedFromTheTable) {
  const std::string begin_marker = "<!-- BEGIN GENERATED OPCODE TABLE -->\n";
  const std::string end_marker = "<!-- END GENERATED OPCODE TABLE -->";
  const std::string path = SourcePath("docs/bytecode.md");
  std::string doc;
  ASSERT_TRUE(ReadFile(path, &doc)) << "cannot read " << path;
  const size_t begin = doc.find(begin_marker);
  const size_t end = doc.find(end_marker);
  ASSERT_NE(begin, std::string::npos) << "docs/bytecode.md lacks " << begin_marker;
  ASSERT_NE(end, std::string::npos) << "docs/bytecode.md lacks " << end_marker;
  ASSERT_LT(begin, end);
  const size_t from = begin + begin_marker.size();
  const std::string generated = runtime::OpcodeTableMarkdown();
  if (UpdateGolden()) {
    doc.replace(from, end - from, generated);
    ASSERT_TRUE(WriteTextFile(path, doc));
    return;
  }
  EXPECT_EQ(doc.substr(from, end - from), generated)
      << "the opcode table of docs/bytecode.md is stale: rerun with ROLEC_UPDATE_GOLDEN=1";
  for (int op = 0; op < static_cast<int>(Opcode::kCount); ++op) {
    const std::string mnemonic = runtime::kOpcodeInfo[op].mnemonic;
    EXPECT_NE(doc.find("`" + mnemonic + "`"), std::string::npos) << mnemonic;
  }
}

}  // namespace
}  // namespace rolec::testing
