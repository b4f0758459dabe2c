// The CLI is the first embedder (docs/architecture.md § The public API is the boundary): every file
// under cli/ includes only its own headers, the public API (include/rolec/) and third-party
// libraries — never a header of grammar/, compiler/, runtime/ or another layer's internals. This
// test reads each cli/ file and fails naming the file, the line and the header.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// Top-level folders of the source tree that hold a layer's own code (a CMakeLists.txt), other than
// cli/ itself: what a cli/ file must not reach into.
std::set<std::string> InternalFolders(const fs::path& root) {
  std::set<std::string> folders;
  for (const fs::directory_entry& entry : fs::directory_iterator(root)) {
    if (!entry.is_directory()) continue;
    const std::string name = entry.path().filename().string();
    if (name == "cli" || name == "include" || name.empty() || name[0] == '.') continue;
    if (fs::exists(entry.path() / "CMakeLists.txt")) folders.insert(name);
  }
  return folders;
}

// Every include of `text` that crosses the boundary, as "LINE: HEADER". A quoted include must be
// cli/..., rolec/... or a third-party library's (absl/, fmt/, nlohmann/, CLI/); an angled one must
// not name a folder of the source tree.
std::vector<std::string> BoundaryViolations(const std::string& text,
                                            const std::set<std::string>& internal) {
  static const std::regex kInclude(R"re(^\s*#\s*include\s*([<"])([^">]+)[">])re");
  static const std::set<std::string> kAllowedQuoted = {"cli", "rolec", "absl", "fmt", "nlohmann",
                                                       "CLI"};
  std::vector<std::string> violations;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    std::smatch match;
    if (!std::regex_search(line, match, kInclude)) continue;
    const std::string header = match[2];
    const std::string first = header.substr(0, header.find('/'));
    const bool quoted = match[1] == "\"";
    const bool crosses = internal.count(first) > 0 ||
                         (quoted && (header.find('/') == std::string::npos ||
                                     kAllowedQuoted.count(first) == 0));
    if (crosses) violations.push_back(std::to_string(number) + ": " + header);
  }
  return violations;
}

TEST(PublicApiBoundary, TheCheckerFindsAnInternalHeader) {
  const std::set<std::string> internal = {"grammar", "runtime"};
  EXPECT_EQ(BoundaryViolations("#include \"rolec/policy.hpp\"\n#include \"cli/io.h\"\n"
                               "#include <vector>\n#include \"fmt/format.h\"\n",
                               internal),
            std::vector<std::string>{});
  EXPECT_EQ(BoundaryViolations("// x\n#include \"grammar/parser.h\"\n  # include <runtime/x.h>\n"
                               "#include \"local.h\"\n#include \"tests/util.h\"\n",
                               internal),
            (std::vector<std::string>{"2: grammar/parser.h", "3: runtime/x.h", "4: local.h",
                                      "5: tests/util.h"}));
}

TEST(PublicApiBoundary, CliIncludesOnlyThePublicApi) {
  const fs::path root = ROLEC_SOURCE_DIR;
  const std::set<std::string> internal = InternalFolders(root);
  // The layers the boundary exists for must be seen as internal, or the test checks nothing.
  for (const char* layer : {"grammar", "compiler", "runtime", "analysis", "lint", "format"}) {
    EXPECT_EQ(internal.count(layer), 1u) << layer;
  }
  size_t files = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(root / "cli")) {
    const std::string extension = entry.path().extension().string();
    if (extension != ".cc" && extension != ".h") continue;
    ++files;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    for (const std::string& violation : BoundaryViolations(text.str(), internal)) {
      ADD_FAILURE() << "cli/" << entry.path().filename().string() << ":" << violation
                    << " is not in include/rolec/ (add what the CLI needs to the public API)";
    }
  }
  EXPECT_GT(files, 20u);
}

}  // namespace
