// The image-format promise (docs/embedding.md § Compatibility): an image of the previous format
// version (2) or of a newer one is refused with a message naming its version and the one this
// build reads — through the C++ API, the C API (bytes and file) and `rolec eval --policy`. The
// test binary links librolec.so only, so it also shows those entry points exported.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "rolec/compiler.hpp"
#include "rolec/policy.hpp"
#include "rolec/rolec.h"
#include "runtime/image_format.h"  // kImageFormatVersion: a constant, no code of the library

namespace rolec {
namespace {

// A format change moves "the previous version" and the messages below: update this test, and the
// promise in docs/embedding.md and docs/bytecode.md, together.
static_assert(runtime::kImageFormatVersion == 3, "the image format changed: see the comment above");

constexpr char kPolicy[] =
    "action microsoft.directory/users/password/update { description \"Reset passwords\" }\n"
    "role \"Helpdesk\" { allow microsoft.directory/users/password/update }\n";

std::string Message(uint32_t version) {
  return "policy image: format version " + std::to_string(version) +
         " is not supported (this build reads version 3); compile the policy again from its "
         "sources with this rolec";
}

// A valid image of today's format with `version` written into its header (offset 8, u32 LE).
// The header's version field is not covered by the checksum, so the only thing wrong with the
// image is its version: what a reader sees when it is handed an image of another rolec.
std::string ImageOfVersion(uint32_t version) {
  CompileOptions options;
  options.with_stdlib = false;
  CompileResult compiled = Compile({{"small.role", kPolicy}}, options);
  EXPECT_TRUE(compiled.ok());
  std::string image = std::move(compiled.image);
  EXPECT_TRUE(Policy::Load(image).ok()) << "the unmodified image loads";
  for (int i = 0; i < 4; ++i) image[8 + i] = static_cast<char>((version >> (8 * i)) & 0xFF);
  return image;
}

std::string WriteFile(const std::string& name, const std::string& bytes) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

class ImageVersion : public ::testing::TestWithParam<uint32_t> {};

TEST_P(ImageVersion, PolicyLoadRejectsItNamingBothVersions) {
  absl::StatusOr<std::shared_ptr<const Policy>> policy = Policy::Load(ImageOfVersion(GetParam()));
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().message(), Message(GetParam()));
}

TEST_P(ImageVersion, CApiRejectsItNamingBothVersions) {
  const std::string image = ImageOfVersion(GetParam());
  rolec_policy* policy = nullptr;
  EXPECT_EQ(rolec_policy_load(image.data(), image.size(), &policy), ROLEC_ERR_BAD_IMAGE);
  EXPECT_EQ(policy, nullptr);
  EXPECT_EQ(std::string(rolec_last_error()), Message(GetParam()));

  const std::string path = WriteFile("version" + std::to_string(GetParam()) + ".rbc", image);
  EXPECT_EQ(rolec_policy_load_file(path.c_str(), &policy), ROLEC_ERR_BAD_IMAGE);
  EXPECT_EQ(policy, nullptr);
  EXPECT_EQ(std::string(rolec_last_error()), "'" + path + "': " + Message(GetParam()));
}

TEST_P(ImageVersion, CliEvalExitsNonZeroWithTheMessage) {
  const std::string path = WriteFile("old" + std::to_string(GetParam()) + ".rbc",
                                     ImageOfVersion(GetParam()));
  const std::string command = std::string(ROLEC_BINARY) + " eval --policy '" + path +
                              "' --as Helpdesk microsoft.directory/users/password/update"
                              " --target-kind user 2>&1";
  std::FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
  const int status = ::pclose(pipe);
  ASSERT_TRUE(WIFEXITED(status)) << output;
  EXPECT_NE(WEXITSTATUS(status), 0) << output;
  EXPECT_NE(output.find(Message(GetParam())), std::string::npos) << output;
}

// 2: the previous format (no administrative-unit flag, no ASSIGNMENT_ROLE_IN); 1: the one
// before; 4: a newer rolec's image.
INSTANTIATE_TEST_SUITE_P(OtherVersions, ImageVersion, ::testing::Values(2u, 1u, 4u),
                         [](const ::testing::TestParamInfo<uint32_t>& info) {
                           return "version" + std::to_string(info.param);
                         });

TEST(ImageVersion, TodaysVersionLoadsEverywhere) {
  const std::string image = ImageOfVersion(3);
  EXPECT_TRUE(Policy::Load(image).ok());
  rolec_policy* policy = nullptr;
  ASSERT_EQ(rolec_policy_load(image.data(), image.size(), &policy), ROLEC_OK) << rolec_last_error();
  rolec_policy_free(policy);
}

}  // namespace
}  // namespace rolec
