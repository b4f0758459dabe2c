// tests/import/graph_import_test.cc — rolec::ImportGraphJson field by field (docs/graph-json.md):
// the text it writes, every error with its JSON line:column, the warnings, the escaping of names,
// and the source map that moves compiler diagnostics back to the JSON.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "rolec/compiler.hpp"
#include "rolec/import.hpp"
#include "rolec/policy.hpp"

namespace rolec {
namespace {

// "E0703@3:17" for each diagnostic, in order.
std::vector<std::string> Codes(const ImportResult& result) {
  std::vector<std::string> out;
  for (const Diagnostic& d : result.diagnostics) {
    out.push_back(d.code + "@" + std::to_string(d.span.line) + ":" + std::to_string(d.span.column));
  }
  return out;
}

using Strings = std::vector<std::string>;

TEST(GraphImport, MapsEveryFieldAsTheGeneratorDoes) {
  const std::string json = R"({
  "@odata.type": "#microsoft.graph.unifiedRoleDefinition",
  "displayName": "Contoso Helpdesk",
  "id": "ignored-because-templateId-wins",
  "templateId": "3f6c1d0a-5b8e-4c1f-9a57-2d4e8b7c9a10",
  "description": "  Resets\u00a0passwords\nfor  staff\u202f ",
  "isPrivileged": true,
  "isEnabled": true,
  "isBuiltIn": false,
  "version": "1",
  "resourceScopes": ["/"],
  "inheritsPermissionsFrom": [{"id": "88D8E3E3-8f55-4a1e-953a-9b9898b8876b"}],
  "inheritsPermissionsFrom@odata.context": "https://graph.microsoft.com/beta/$metadata#x",
  "rolePermissions": [
    {"allowedResourceActions": ["microsoft.directory/users/password/update",
                                "microsoft.directory/users/basic/update"],
     "condition": null,
     "excludedResourceActions": ["microsoft.directory/users/basic/update"]},
    {"allowedResourceActions": ["microsoft.directory/users/photo/update"], "condition": "$ResourceIsSelf"},
    {"allowedResourceActions": ["microsoft.directory/groups/members/update"], "condition": "$SubjectIsOwner"},
    {"allowedResourceActions": []}
  ]
})";
  ImportResult result = ImportGraphJson(json, "helpdesk.json");
  ASSERT_TRUE(result.ok()) << Codes(result).size();
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_EQ(result.roles, 1u);
  EXPECT_EQ(result.role_source,
            "// Imported by `rolec import graph` from Microsoft Graph role definitions "
            "(docs/graph-json.md):\n"
            "//   helpdesk.json\n"
            "\n"
            "role \"Contoso Helpdesk\" extends \"Directory Readers\" {\n"
            "  id          \"3f6c1d0a-5b8e-4c1f-9a57-2d4e8b7c9a10\"\n"
            "  description \"Resets passwords for staff\"\n"
            "  privileged  true\n"
            "  allow microsoft.directory/users/password/update,\n"
            "        microsoft.directory/users/basic/update\n"
            "  except microsoft.directory/users/basic/update\n"
            "  allow microsoft.directory/users/photo/update\n"
            "    when target is self\n"
            "  allow microsoft.directory/groups/members/update\n"
            "    when principal owns target\n"
            "}\n");
  CompileResult compiled = Compile({{"helpdesk.json", result.role_source}});
  EXPECT_TRUE(compiled.ok());
}

TEST(GraphImport, IdIsUsedWithoutTemplateIdAndFalseLabelsAreNotWritten) {
  ImportResult result = ImportGraphJson(
      R"({"displayName": "A", "id": "0b2d5e80-0000-4000-8000-000000000001", "templateId": null,
          "isPrivileged": false, "description": null, "rolePermissions": null})",
      "a.json");
  ASSERT_TRUE(result.ok());
  EXPECT_NE(result.role_source.find(
                "role \"A\" {\n  id          \"0b2d5e80-0000-4000-8000-000000000001\"\n}\n"),
            std::string::npos)
      << result.role_source;
  EXPECT_EQ(result.role_source.find("privileged"), std::string::npos);
  EXPECT_EQ(result.role_source.find("description"), std::string::npos);
}

TEST(GraphImport, AcceptsAGraphListABareArrayAndABareObject) {
  const std::string role_a = R"({"displayName": "Role A"})";
  const std::string role_b = R"({"displayName": "Role B"})";
  ImportResult list = ImportGraphJson(
      R"({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#roleDefinitions", "value": [)" +
          role_a + "," + role_b + "]}",
      "list.json");
  ASSERT_TRUE(list.ok());
  EXPECT_TRUE(list.diagnostics.empty());
  EXPECT_EQ(list.roles, 2u);
  ImportResult array = ImportGraphJson("[" + role_a + ",\n" + role_b + "]", "array.json");
  ASSERT_TRUE(array.ok());
  EXPECT_EQ(array.roles, 2u);
  EXPECT_EQ(array.role_source.substr(array.role_source.find("\nrole")),
            list.role_source.substr(list.role_source.find("\nrole")));
  ImportResult object = ImportGraphJson(role_a, "one.json");
  ASSERT_TRUE(object.ok());
  EXPECT_EQ(object.roles, 1u);
  ImportResult empty = ImportGraphJson(R"({"value": []})", "empty.json");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty.roles, 0u);
}

TEST(GraphImport, ANextLinkSaysTheListIsOnePage) {
  ImportResult result = ImportGraphJson(
      "{\"value\": [],\n \"@odata.nextLink\": \"https://graph.microsoft.com/v1.0/x?$skiptoken=1\"}",
      "p.json");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(Codes(result), Strings{"W0711@2:2"});
}

TEST(GraphImport, UnknownFieldsAreWarningsThatNameTheField) {
  ImportResult result = ImportGraphJson(R"({
  "displayName": "A",
  "colour": "blue",
  "rolePermissions": [{"allowedResourceActions": [], "scope": "/"}],
  "inheritsPermissionsFrom": [],
  "categories": "global", "richDescription": null, "assignmentMode": "allowed",
  "allowedPrincipalTypes": "user", "isBuiltIn": true
})",
                                        "a.json");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(Codes(result), (Strings{"W0710@3:3", "W0710@4:54"}));
  EXPECT_EQ(result.diagnostics[0].severity, Severity::kWarning);
  EXPECT_EQ(result.diagnostics[0].message, "unknown field 'colour' of a role definition, ignored");
  EXPECT_EQ(result.diagnostics[0].source_line, "  \"colour\": \"blue\",");
  EXPECT_EQ(result.diagnostics[0].span.length, 8u);
  EXPECT_EQ(result.diagnostics[1].message,
            "unknown field 'scope' of a rolePermissions entry, ignored");
}

TEST(GraphImport, ADisabledRoleIsAWarning) {
  ImportResult result =
      ImportGraphJson("{\"displayName\": \"A\",\n \"isEnabled\": false}", "a.json");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(Codes(result), Strings{"W0711@2:15"});
}

struct ErrorCase {
  const char* name;
  const char* json;
  std::vector<std::string> codes;
  const char* message;  // of the first diagnostic
};

class GraphImportErrors : public testing::TestWithParam<ErrorCase> {};

TEST_P(GraphImportErrors, AreLocatedInTheJson) {
  const ErrorCase& c = GetParam();
  ImportResult result = ImportGraphJson(c.json, "bad.json");
  EXPECT_FALSE(result.ok());
  EXPECT_TRUE(result.role_source.empty());
  EXPECT_EQ(Codes(result), c.codes);
  ASSERT_FALSE(result.diagnostics.empty());
  EXPECT_EQ(result.diagnostics[0].message, c.message);
  EXPECT_EQ(result.diagnostics[0].span.file, "bad.json");
  EXPECT_EQ(result.diagnostics[0].severity, Severity::kError);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, GraphImportErrors,
    testing::Values(
        ErrorCase{"InvalidJson",
                  "{\"displayName\": \"A\",\n  \"isPrivileged\": tru }",
                  {"E0701@2:22"},
                  "syntax error while parsing value - invalid literal; last read: "
                  "'\"isPrivileged\": tru '"},
        ErrorCase{"Truncated",
                  "{\"displayName\": \"A\"",
                  {"E0701@1:19"},
                  "syntax error while parsing object - unexpected end of input; expected '}'"},
        ErrorCase{"Empty",
                  "",
                  {"E0701@1:1"},
                  "syntax error while parsing value - unexpected end of input; expected '[', '{', "
                  "or a literal"},
        ErrorCase{"TopLevelString",
                  "\n  \"role\"",
                  {"E0703@2:3"},
                  "expected a role definition (an object), a Graph list {\"value\": [...]} or an "
                  "array of "
                  "role definitions, not a string"},
        ErrorCase{"ListValueNotArray",
                  "{\"value\": {}}",
                  {"E0703@1:11"},
                  "the list's 'value' must be an array, not an object"},
        ErrorCase{"RoleNotObject",
                  "[1, {\"displayName\": \"A\"}]",
                  {"E0703@1:2"},
                  "a role definition must be an object, not a number"},
        ErrorCase{"WrongTypes",
                  "{\"displayName\": 7,\n \"isPrivileged\": \"yes\",\n \"description\": [],\n "
                  "\"rolePermissions\": {}}",
                  {"E0703@1:17", "E0703@2:18", "E0703@3:17", "E0703@4:21"},
                  "displayName must be a string, not a number"},
        ErrorCase{
            "ActionNotString",
            "{\"displayName\": \"A\", \"rolePermissions\": [{\"allowedResourceActions\": [true]}]}",
            {"E0703@1:70"},
            "an entry of allowedResourceActions must be a string, not a boolean"},
        ErrorCase{"MissingDisplayName",
                  "[\n  {\"id\": \"x\"}]",
                  {"E0704@2:3"},
                  "the role definition has no displayName"},
        ErrorCase{
            "EmptyDisplayName", "{\"displayName\": \"\"}", {"E0704@1:17"}, "displayName is empty"},
        ErrorCase{"MissingAllowedResourceActions",
                  "{\"displayName\": \"A\", \"rolePermissions\": [{\"condition\": null}]}",
                  {"E0704@1:42"},
                  "the rolePermissions entry has no allowedResourceActions"},
        ErrorCase{"ParentWithoutId",
                  "{\"displayName\": \"A\", \"inheritsPermissionsFrom\": [{}]}",
                  {"E0704@1:50"},
                  "the inheritsPermissionsFrom entry has no id"},
        ErrorCase{"UnknownCondition",
                  "{\"displayName\": \"A\",\n \"rolePermissions\": [{\"allowedResourceActions\": "
                  "[],\n   \"condition\": \"$ResourceIsOwner\"}]}",
                  {"E0705@3:17"},
                  "unknown Graph condition '$ResourceIsOwner'"},
        ErrorCase{"ConditionCaseMatters",
                  "{\"displayName\": \"A\", \"rolePermissions\": [{\"allowedResourceActions\": [], "
                  "\"condition\": \"$resourceisself\"}]}",
                  {"E0705@1:86"},
                  "unknown Graph condition '$resourceisself'"},
        ErrorCase{"UnknownParent",
                  "{\"displayName\": \"A\",\n \"inheritsPermissionsFrom\": [{\"id\": "
                  "\"00000000-0000-0000-0000-000000000000\"}]}",
                  {"E0706@2:37"},
                  "inheritsPermissionsFrom names the role definition "
                  "'00000000-0000-0000-0000-000000000000', which is "
                  "neither a role of this file nor an Entra built-in role"},
        ErrorCase{"ActionThatIsNotAPath",
                  "{\"displayName\": \"A\", \"rolePermissions\": [{\"allowedResourceActions\": "
                  "[\"a/b\", \"a/b/c }\\nrole x\"]}]}",
                  {"E0707@1:70", "E0707@1:77"},
                  "'a/b' is not a resource action"},
        ErrorCase{
            "ControlCharacterInName",
            "{\"displayName\": \"A\\u001bB\"}",
            {"E0707@1:17"},
            "displayName holds the control character U+001B, which a .role string cannot hold"},
        ErrorCase{
            "ControlCharacterInDescription",
            "{\"displayName\": \"A\", \"description\": \"x\\u0000\"}",
            {"E0707@1:37"},
            "description holds the control character U+0000, which a .role string cannot hold"},
        ErrorCase{"DuplicateField",
                  "{\"displayName\": \"A\",\n \"displayName\": \"B\"}",
                  {"E0708@2:2"},
                  "duplicate field 'displayName'"},
        ErrorCase{
            "TooDeep",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]",
            {"E0702@1:65"},
            "JSON nested deeper than 64 levels"},
        ErrorCase{"InvalidUtf8",
                  "{\"displayName\": \"\xff\"}",
                  {"E0701@1:18"},
                  "syntax error while parsing value - invalid string: ill-formed UTF-8 byte; last "
                  "read: '\"\\xff'"}),
    [](const testing::TestParamInfo<ErrorCase>& info) { return std::string(info.param.name); });

TEST(GraphImport, EveryErrorOfAFileIsReportedInOneRun) {
  ImportResult result = ImportGraphJson(R"([
  {"displayName": 1},
  {"id": "x"},
  {"displayName": "C", "rolePermissions": [{"allowedResourceActions": [], "condition": "$X"}]}
])",
                                        "many.json");
  EXPECT_EQ(Codes(result), (Strings{"E0703@2:19", "E0704@3:3", "E0705@4:88"}));
}

TEST(GraphImport, SizeIsBoundedBeforeParsing) {
  ImportOptions options;
  options.max_json_bytes = 10;
  ImportResult result = ImportGraphJson(R"({"displayName": "A"})", "big.json", options);
  EXPECT_EQ(Codes(result), Strings{"E0702@1:1"});
  EXPECT_EQ(result.diagnostics[0].message, "file is too large: 20 bytes (the limit is 10)");
  options.max_json_bytes = 20;
  EXPECT_TRUE(ImportGraphJson(R"({"displayName": "A"})", "big.json", options).ok());
}

TEST(GraphImport, DepthLimitHoldsOnBothSides) {
  ImportOptions options;
  options.max_nesting_depth = 3;
  // The role object (1), rolePermissions (2), its entry (3), allowedResourceActions (4), whose
  // '[' is column 69.
  const std::string json =
      R"({"displayName": "A", "rolePermissions": [{"allowedResourceActions": []}]})";
  EXPECT_EQ(Codes(ImportGraphJson(json, "d.json", options)), Strings{"E0702@1:69"});
  options.max_nesting_depth = 4;
  EXPECT_TRUE(ImportGraphJson(json, "d.json", options).ok());
  // 200,000 brackets cost no stack: nlohmann's parser is iterative and the reader stops at 65.
  EXPECT_EQ(Codes(ImportGraphJson(std::string(200000, '['), "deep.json")), Strings{"E0702@1:65"});
}

TEST(GraphImport, NamesAreEscapedAsTheLanguageRequires) {
  ImportResult result = ImportGraphJson(R"({"displayName": "Say \"hi\" \\ bye"})", "q.json");
  ASSERT_TRUE(result.ok());
  EXPECT_NE(result.role_source.find(R"(role "Say \"hi\" \\ bye" {)"), std::string::npos)
      << result.role_source;
  CompileResult compiled = Compile({{"q.json", result.role_source}});
  ASSERT_TRUE(compiled.ok());
  auto policy = Policy::Load(compiled.image);
  ASSERT_TRUE(policy.ok());
  RoleId id = (*policy)->FindRole("Say \"hi\" \\ bye");
  ASSERT_NE(id, kNoRole);
  EXPECT_EQ((*policy)->role(id).name, "Say \"hi\" \\ bye");
}

TEST(GraphImport, ATabInANameIsEscapedAndTheCompilerRefusesItAtTheJson) {
  const std::string json = "{\n  \"displayName\": \"Tier\\t1\"\n}";
  ImportResult result = ImportGraphJson(json, "t.json");
  ASSERT_TRUE(result.ok());
  EXPECT_NE(result.role_source.find("role \"Tier\\t1\" {"), std::string::npos)
      << result.role_source;
  CompileResult compiled = Compile({{"t.json", result.role_source}});
  std::vector<Diagnostic> mapped = MapToJson(compiled.diagnostics, result, json);
  ASSERT_FALSE(mapped.empty());
  EXPECT_EQ(mapped[0].code, "E0220");
  EXPECT_EQ(mapped[0].span.line, 2u);
  EXPECT_EQ(mapped[0].span.column, 18u);
  EXPECT_EQ(mapped[0].source_line, "  \"displayName\": \"Tier\\t1\"");
}

TEST(GraphImport, ABidiControlInANameIsWrittenAndWarnedAboutAtTheJson) {
  const std::string json = "{\"displayName\": \"Admin \\u202e\"}";
  ImportResult result = ImportGraphJson(json, "b.json");
  ASSERT_TRUE(result.ok());
  CompileResult compiled = Compile({{"b.json", result.role_source}});
  std::vector<Diagnostic> mapped = MapToJson(compiled.diagnostics, result, json);
  bool warned = false;
  for (const Diagnostic& d : mapped) {
    if (d.code == "W0110") {
      warned = true;
      EXPECT_EQ(d.span.line, 1u);
      EXPECT_EQ(d.span.column, 17u);
    }
  }
  EXPECT_TRUE(warned);
}

TEST(GraphImport, CompilerDiagnosticsMoveToTheJsonValueTheyAreAbout) {
  const std::string json = R"({
  "displayName": "Contoso Reader",
  "rolePermissions": [
    {
      "allowedResourceActions": [
        "microsoft.directory/users/standard/read",
        "microsoft.directory/users/pasword/update"
      ]
    }
  ]
})";
  ImportResult result = ImportGraphJson(json, "r.json");
  ASSERT_TRUE(result.ok());
  CompileResult compiled = Compile({{"r.json", result.role_source}});
  ASSERT_FALSE(compiled.ok());
  std::vector<Diagnostic> mapped = MapToJson(compiled.diagnostics, result, json);
  ASSERT_EQ(mapped.size(), 1u);
  EXPECT_EQ(mapped[0].code, "E0201");
  EXPECT_EQ(mapped[0].span.file, "r.json");
  EXPECT_EQ(mapped[0].span.line, 7u);
  EXPECT_EQ(mapped[0].span.column, 9u);
  EXPECT_EQ(mapped[0].span.length, 42u);  // the string with its quotes
  EXPECT_EQ(mapped[0].source_line, "        \"microsoft.directory/users/pasword/update\"");
}

TEST(GraphImport, ABuiltInsNameClashesWithTheStandardLibraryAtDisplayName) {
  const std::string json = "[\n {\"displayName\": \"Global Reader\"}]";
  ImportResult result = ImportGraphJson(json, "g.json");
  ASSERT_TRUE(result.ok());
  CompileResult compiled = Compile({{"g.json", result.role_source}});
  std::vector<Diagnostic> mapped = MapToJson(compiled.diagnostics, result, json);
  ASSERT_FALSE(mapped.empty());
  EXPECT_EQ(mapped[0].code, "E0211");
  EXPECT_EQ(mapped[0].span.line, 2u);
  EXPECT_EQ(mapped[0].span.column, 18u);
}

TEST(GraphImport, AParentInTheSameFileWinsOverABuiltIn) {
  // The file's own role reuses the Directory Readers template id (as a dump of a tenant would).
  ImportResult result = ImportGraphJson(R"([
  {"displayName": "Child", "inheritsPermissionsFrom": [{"id": "88d8e3e3-8f55-4a1e-953a-9b9898b8876b"}]},
  {"displayName": "Local Readers", "templateId": "88d8e3e3-8f55-4a1e-953a-9b9898b8876b"}
])",
                                        "p.json");
  ASSERT_TRUE(result.ok());
  EXPECT_NE(result.role_source.find("role \"Child\" extends \"Local Readers\" {"),
            std::string::npos)
      << result.role_source;
}

TEST(GraphImport, TheSourceMapCoversEveryConstruct) {
  const std::string json =
      R"({"displayName": "A", "templateId": "0b2d5e80-0000-4000-8000-000000000001",
  "description": "d", "isPrivileged": true,
  "inheritsPermissionsFrom": [{"id": "88d8e3e3-8f55-4a1e-953a-9b9898b8876b"}],
  "rolePermissions": [{"allowedResourceActions": ["microsoft.directory/users/standard/read"],
                       "excludedResourceActions": ["microsoft.directory/users/photo/read"],
                       "condition": "$ResourceIsSelf"}]})";
  ImportResult result = ImportGraphJson(json, "m.json");
  ASSERT_TRUE(result.ok());
  // role block, name, extends, id, description, privileged, allow, action, when, except, action,
  // when.
  EXPECT_EQ(result.source_map.size(), 12u);
  for (const SourceMapEntry& entry : result.source_map) {
    EXPECT_EQ(entry.json.file, "m.json");
    EXPECT_GE(entry.json.line, 1u);
    EXPECT_LE(entry.json.line, 6u);
    EXPECT_GE(entry.line, 1u);
  }
}

TEST(GraphImport, LooksLikeGraphJsonByNameOrFirstByte) {
  EXPECT_TRUE(LooksLikeGraphJson("roles.json", "anything"));
  EXPECT_TRUE(LooksLikeGraphJson("ROLES.JSON", ""));
  EXPECT_TRUE(LooksLikeGraphJson("-", "  \n{\"value\": []}"));
  EXPECT_TRUE(LooksLikeGraphJson("x", "\xEF\xBB\xBF[]"));
  EXPECT_FALSE(LooksLikeGraphJson("x.role", "role \"A\" {}"));
  EXPECT_FALSE(LooksLikeGraphJson("x.role", ""));
  EXPECT_FALSE(LooksLikeGraphJson("json", "// {"));
}

}  // namespace
}  // namespace rolec
