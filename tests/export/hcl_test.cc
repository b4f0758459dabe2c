// tests/export/hcl_test.cc — HCL string escaping and Terraform resource names: what the writer
// prints reads back, through the structure reader, as exactly the text it was given.
#include <string>

#include "export_util.h"
#include "gtest/gtest.h"

namespace rolec::export_test {
namespace {

// `text` through HclQuote and back through the reader.
std::string RoundTrip(const std::string& text) {
  const std::string hcl = "resource \"t\" \"n\" {\n  a = " + HclQuote(text) + "\n}\n";
  std::vector<HclResource> resources;
  std::string error;
  EXPECT_TRUE(ParseHcl(hcl, &resources, &error)) << error << "\n" << hcl;
  if (resources.size() != 1 || resources[0].body.attributes.size() != 1) return "<unparsed>";
  return resources[0].body.attributes[0].second.text;
}

TEST(HclQuote, Escapes) {
  EXPECT_EQ(HclQuote("plain"), "\"plain\"");
  EXPECT_EQ(HclQuote("say \"hi\""), "\"say \\\"hi\\\"\"");
  EXPECT_EQ(HclQuote("C:\\apps"), "\"C:\\\\apps\"");
  EXPECT_EQ(HclQuote("${var.x}"), "\"$${var.x}\"");
  EXPECT_EQ(HclQuote("%{if x}"), "\"%%{if x}\"");
  EXPECT_EQ(HclQuote("$ {} % {} $x %y"), "\"$ {} % {} $x %y\"");  // not templates: kept
  EXPECT_EQ(HclQuote("$${already}"), "\"$$${already}\"");
  EXPECT_EQ(HclQuote("a\nb\rc\td"), "\"a\\nb\\rc\\td\"");
  EXPECT_EQ(HclQuote(std::string("nul\0bel\x07"
                                 "esc\x1b"
                                 "del\x7f",
                                 16)),
            "\"nul\\u0000bel\\u0007esc\\u001Bdel\\u007F\"");
  EXPECT_EQ(HclQuote("Zürich – ✓"), "\"Zürich – ✓\"");  // UTF-8 is kept as it is
}

TEST(HclQuote, EveryTrickyStringReadsBackUnchanged) {
  for (const std::string& text : std::vector<std::string>{"",
                                                          "\"",
                                                          "\\",
                                                          "\\\"",
                                                          "${",
                                                          "%{",
                                                          "$${",
                                                          "%%{",
                                                          "$$${x}",
                                                          "%%%{x}",
                                                          "$",
                                                          "%",
                                                          "{",
                                                          "}",
                                                          "a${b}c%{d}e",
                                                          "ends with $",
                                                          "ends with \\",
                                                          "line\nbreak",
                                                          std::string(1, '\0'),
                                                          "\x01\x02\x1f\x7f",
                                                          "tab\tand\rcr",
                                                          "Zürich ${ü}"}) {
    EXPECT_EQ(RoundTrip(text), text) << HclQuote(text);
  }
}

TEST(HclReader, RejectsWhatHclWouldReadDifferently) {
  std::vector<HclResource> resources;
  std::string error;
  EXPECT_FALSE(ParseHcl("resource \"t\" \"n\" {\n  a = \"${x}\"\n}\n", &resources, &error));
  EXPECT_NE(error.find("template"), std::string::npos) << error;
  EXPECT_FALSE(ParseHcl("resource \"t\" \"n\" {\n  a = \"x\n\"\n}\n", &resources, &error));
  EXPECT_FALSE(ParseHcl("resource \"t\" \"n\" {\n  a = \"\\q\"\n}\n", &resources, &error));
}

TEST(TerraformIdentifier, FromDisplayNames) {
  EXPECT_EQ(TerraformIdentifier("Contoso Tier1 Helpdesk"), "contoso_tier1_helpdesk");
  EXPECT_EQ(TerraformIdentifier("  App -- Admin (EU)  "), "app_admin_eu");
  EXPECT_EQ(TerraformIdentifier("365 Admin"), "role_365_admin");
  EXPECT_EQ(TerraformIdentifier("Zürich Readers"), "z_rich_readers");
  EXPECT_EQ(TerraformIdentifier("✓✓"), "role");
  EXPECT_EQ(TerraformIdentifier(""), "role");
  EXPECT_EQ(TerraformIdentifier("a\"b${c}"), "a_b_c");
}

TEST(TerraformIdentifier, UniqueWithinOneExport) {
  std::string error;
  std::shared_ptr<const Policy> policy = CompileAndLoad(
      {{"x.role",
        "module x\nrole \"Ops Reader\" { allow microsoft.directory/groups/standard/read }\n"
        "role \"Ops-Reader\" { allow microsoft.directory/groups/members/read }\n"
        "role \"ops reader 2\" { allow microsoft.directory/groups/owners/read }\n"
        "role \"OPS READER\\\"${x}\" { allow microsoft.directory/groups/basic/update }\n"}},
      &error);
  ASSERT_NE(policy, nullptr) << error;
  std::vector<RoleId> ids;
  for (const char* name : {"Ops Reader", "Ops-Reader", "ops reader 2", "OPS READER\"${x}"}) {
    ids.push_back(policy->FindRole(name));
    ASSERT_NE(ids.back(), kNoRole) << name;
  }
  const ExportResult result = ExportTerraform(*policy, ids, DefaultOptions());
  ASSERT_TRUE(result.ok()) << FormatAll(result.diagnostics);
  std::vector<HclResource> resources;
  ASSERT_TRUE(ParseHcl(result.text, &resources, &error)) << error << "\n" << result.text;
  ASSERT_EQ(resources.size(), 4u);
  EXPECT_EQ(resources[0].name, "ops_reader");
  EXPECT_EQ(resources[1].name, "ops_reader_2");
  EXPECT_EQ(resources[2].name, "ops_reader_2_2");
  EXPECT_EQ(resources[3].name, "ops_reader_x");
  for (const HclResource& resource : resources) EXPECT_EQ(CheckCustomDirectoryRole(resource), "");
  EXPECT_EQ(resources[3].body.attributes[0].second.text, "OPS READER\"${x}");
}

}  // namespace
}  // namespace rolec::export_test
