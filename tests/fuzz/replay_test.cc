// The fuzzers' properties (fuzz_targets.h) in the normal suite, built with gcc: every checked-in
// seed and every finding under tests/fuzz/corpus/<target>/ and tests/fuzz/regressions/<target>/
// is replayed, so a bug a fuzzer once found stays fixed; and small deterministic campaigns (every
// .role file of the repository, byte flips of compiled images, generated differential cases) keep
// the properties themselves honest — they must reach loaded images, successful compiles and both
// decisions, or passing them would mean nothing.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/fuzz_targets.h"
#include "grammar/parser.h"
#include "gtest/gtest.h"
#include "rolec/import.hpp"
#include "rolec/rolec.hpp"

namespace rolec::fuzz {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Files of a repository-relative directory, sorted; none if it does not exist.
std::vector<fs::path> FilesUnder(const std::string& relative, const std::string& extension = "") {
  std::vector<fs::path> out;
  const fs::path dir = fs::path(ROLEC_SOURCE_DIR) / relative;
  if (!fs::exists(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    if (!extension.empty() && entry.path().extension() != extension) continue;
    if (entry.path().filename().string().rfind('.', 0) == 0) continue;  // .gitkeep and the like
    out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

using Property = std::string (*)(std::string_view);
std::string Differential(std::string_view input) { return CheckDifferential(input); }

// Replays corpus/<target>/ and regressions/<target>/; returns how many inputs it replayed.
size_t Replay(const std::string& target, Property property) {
  size_t replayed = 0;
  for (const char* kind : {"corpus", "regressions"}) {
    for (const fs::path& path : FilesUnder(std::string("tests/fuzz/") + kind + "/" + target)) {
      const std::string problem = property(ReadAll(path));
      EXPECT_EQ(problem, "") << path.string();
      ++replayed;
    }
  }
  return replayed;
}

TEST(FuzzReplay, ParseCompileCorpus) { EXPECT_GT(Replay("fuzz_parse_compile", CheckParseCompile), 10u); }
TEST(FuzzReplay, ImageCorpus) { EXPECT_GT(Replay("fuzz_image", CheckImage), 2u); }
TEST(FuzzReplay, DifferentialCorpus) { EXPECT_GT(Replay("fuzz_differential", Differential), 5u); }
TEST(FuzzReplay, ImportGraphCorpus) { EXPECT_GT(Replay("fuzz_import_graph", CheckImportGraph), 5u); }

// A miniature of the import campaign: every byte of two seeds deleted, and replaced by each of a
// few bytes that matter to JSON, one at a time. The mutants reach successful imports and every
// kind of failure, so the property is not passing vacuously.
TEST(FuzzProperties, SingleByteMutationsOfImportSeedsKeepTheImportProperty) {
  size_t imported = 0;
  size_t failed = 0;
  for (const char* seed : {"crafted_full_role.json", "crafted_list_with_parent_in_file.json"}) {
    const std::string text = ReadAll(fs::path(ROLEC_SOURCE_DIR) / "tests/fuzz/corpus/fuzz_import_graph" / seed);
    ASSERT_FALSE(text.empty()) << seed;
    for (size_t i = 0; i < text.size(); ++i) {
      std::vector<std::string> mutants = {text.substr(0, i) + text.substr(i + 1)};
      for (char c : {'"', '\\', '{', ']', ',', '\n', '\x01', 'x'}) {
        std::string mutant = text;
        mutant[i] = c;
        mutants.push_back(std::move(mutant));
      }
      for (const std::string& mutant : mutants) {
        ASSERT_EQ(CheckImportGraph(mutant), "") << seed << " byte " << i;
        ImportResult result = ImportGraphJson(mutant, "fuzz.json");
        (result.ok() ? imported : failed) += 1;
      }
    }
  }
  EXPECT_GT(imported, 100u);
  EXPECT_GT(failed, 100u);
}

// fuzz_format starts from the .role sources of fuzz_parse_compile (scripts/fuzz.sh).
TEST(FuzzReplay, FormatCorpus) {
  EXPECT_GT(Replay("fuzz_parse_compile", CheckFormat) + Replay("fuzz_format", CheckFormat), 10u);
}

// Every .role file of the repository passes the parse/compile property, and those without syntax
// errors compile: the property reaches the load/determinism/test-expectation checks.
TEST(FuzzProperties, EveryRoleFileOfTheRepositoryPassesParseCompile) {
  size_t files = 0;
  size_t compiled = 0;
  for (const char* dir : {"examples", "tests/decisions", "tests/stdlib"}) {
    for (const fs::path& path : FilesUnder(dir, ".role")) {
      const std::string text = ReadAll(path);
      if (text.size() > kMaxFuzzInputBytes) continue;
      EXPECT_EQ(CheckParseCompile(text), "") << path.string();
      CompileOptions options;
      options.with_stdlib = text.find("import entra") != std::string::npos;
      compiled += Compile({{"fuzz.role", text}}, options).ok();
      ++files;
    }
  }
  EXPECT_GT(files, 3u);
  EXPECT_GT(compiled, 2u);
}

// A deterministic miniature of the format campaign: .role files of the repository with blanks,
// line breaks and comments inserted next to whitespace (where they mostly keep the source valid)
// or anywhere: every mutant passes the format property, and many of them parse (so the property
// is not vacuous). (Found while writing it: a `///` after a block comment on its line, a second
// trailing comment after a glued `,`, a block comment spanning lines before `on`.)
TEST(FuzzProperties, FormatPropertyHoldsWithCommentsAndBlanksAnywhere) {
  std::vector<std::string> sources;
  for (const char* dir : {"examples", "tests/decisions", "tests/golden/parse", "tests/golden/fmt"}) {
    for (const fs::path& path : FilesUnder(dir, ".role")) sources.push_back(ReadAll(path));
  }
  ASSERT_GT(sources.size(), 20u);
  const std::vector<std::string> inserts = {" ", "\n", "\n\n", "\t", "\r\n", "// c\n", "/* c */",
                                            "/* a\n b */", "/// d\n", "\n// e\n\n"};
  std::mt19937 rng(20261207);
  size_t parsed = 0;
  for (int round = 0; round < 2000; ++round) {
    std::string text = sources[rng() % sources.size()];
    for (int edit = 0; edit < 3 && !text.empty(); ++edit) {
      size_t at = rng() % text.size();
      // Even rounds: next to whitespace (the mutant mostly parses); odd rounds: anywhere, also
      // between punctuation and inside tokens.
      while (round % 2 == 0 && at < text.size() && text[at] != ' ' && text[at] != '\n') ++at;
      text.insert(at, inserts[rng() % inserts.size()]);
    }
    ASSERT_EQ(CheckFormat(text), "") << "mutant " << round << ":\n" << text;
    parsed += grammar::Parse(text, "m.role").file != nullptr;
  }
  EXPECT_GT(parsed, 400u);
}

// Compiles a decision table of the repository without the stdlib: a small, real image.
std::string SmallImage() {
  const std::string text = ReadAll(fs::path(ROLEC_SOURCE_DIR) / "tests/decisions/conditions.role");
  CompileOptions options;
  options.with_stdlib = false;
  CompileResult result = Compile({{"tests/decisions/conditions.role", text}}, options);
  EXPECT_TRUE(result.ok());
  return result.image;
}

TEST(FuzzProperties, ImagePropertyHoldsOnRealImages) {
  const std::string image = SmallImage();
  ASSERT_FALSE(image.empty());
  ASSERT_TRUE(Policy::Load(image).ok());
  EXPECT_EQ(CheckImage(image), "");
  EXPECT_EQ(RepairImageHeader(image), image);  // a valid header needs no repair
}

TEST(FuzzProperties, SeedImagesAreValidAndPassTheImageProperty) {
  const std::vector<std::string> images = SeedImages(ROLEC_SOURCE_DIR);
  EXPECT_GE(images.size(), 5u);  // two decision tables and four generated policies
  for (const std::string& image : images) {
    EXPECT_LE(image.size(), kMaxFuzzInputBytes);
    EXPECT_TRUE(Policy::Load(image).ok());
    EXPECT_EQ(CheckImage(image), "");
  }
}

// A deterministic miniature of the image campaign: every byte of a real image, one at a time,
// flipped; each mutant loaded as given (the checksum must reject it) and with its header repaired
// (the structural checks must reject it, or it must be a policy the property holds on).
TEST(FuzzProperties, EverySingleByteFlipOfAnImageIsRejectedOrSafe) {
  const std::string image = SmallImage();
  ASSERT_FALSE(image.empty());
  size_t loaded_after_repair = 0;
  for (size_t i = 0; i < image.size(); ++i) {
    std::string mutant = image;
    mutant[i] = static_cast<char>(mutant[i] ^ 0x5A);
    // The header's fields are each checked; everything after them is under the checksum.
    EXPECT_FALSE(Policy::Load(mutant).ok()) << "a corrupted byte " << i << " was not detected";
    const std::string problem = CheckImage(mutant);
    ASSERT_EQ(problem, "") << "byte " << i;
    loaded_after_repair += Policy::Load(RepairImageHeader(mutant)).ok();
  }
  // Some flips (description text, source lines) leave a valid image; most must not.
  EXPECT_GT(loaded_after_repair, 0u);
  EXPECT_LT(loaded_after_repair, image.size());
}

TEST(FuzzProperties, TruncatedImagesAreRejected) {
  const std::string image = SmallImage();
  ASSERT_FALSE(image.empty());
  for (size_t size = 0; size < image.size(); size += std::max<size_t>(1, image.size() / 97)) {
    const std::string prefix = image.substr(0, size);
    EXPECT_FALSE(Policy::Load(prefix).ok()) << size;
    EXPECT_FALSE(Policy::Load(RepairImageHeader(prefix)).ok()) << size;
    EXPECT_EQ(CheckImage(prefix), "") << size;
  }
}

// 400 random inputs: every generated policy compiles and the VM agrees with the oracle, and the
// cases reach allows, denies and erroneous requests in substantial numbers.
TEST(FuzzProperties, DifferentialGeneratorReachesEveryOutcome) {
  std::mt19937 rng(20261122);
  DifferentialStats stats;
  for (int i = 0; i < 400; ++i) {
    std::string input(static_cast<size_t>(rng() % 300), '\0');
    for (char& c : input) c = static_cast<char>(rng());
    const std::string problem = CheckDifferential(input, &stats);
    ASSERT_EQ(problem, "") << "input " << i;
  }
  const size_t total = stats.allows + stats.denies;
  EXPECT_GT(total, 800u);  // about 4.5 requests per case
  EXPECT_GT(stats.allows, total / 20) << stats.allows << " allows of " << total;
  EXPECT_GT(stats.denies, total / 20) << stats.denies << " denies of " << total;
  EXPECT_GT(stats.errors, 0u);
}

TEST(FuzzProperties, DifferentialEmptyInputIsAValidCase) {
  const GeneratedCase generated = DescribeDifferentialInput("");
  EXPECT_NE(generated.source.find("role \"R0\""), std::string::npos) << generated.source;
  EXPECT_NE(generated.requests, "");
  EXPECT_EQ(CheckDifferential(""), "");
}

// Inputs past the cap are skipped (their cost is what tests/limits covers), not judged.
TEST(FuzzProperties, OversizedInputsAreSkipped) {
  EXPECT_EQ(CheckImage(std::string(kMaxFuzzInputBytes + 1, 'x')), "");
  EXPECT_EQ(CheckParseCompile(std::string(kMaxFuzzInputBytes + 1, '(')), "");
  EXPECT_EQ(CheckImportGraph(std::string(kMaxFuzzInputBytes + 1, '[')), "");
}

}  // namespace
}  // namespace rolec::fuzz
