// tests/export/export_util.h — what the export tests share: compiling a policy, the stdlib's list
// of keyword patterns custom roles accept, and a structural reader for the HCL the Terraform writer
// prints (terraform itself is not available, so the test checks the shape it expects).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rolec/compiler.hpp"
#include "rolec/export.hpp"
#include "rolec/policy.hpp"

namespace rolec::export_test {

// Compiles the sources with the standard library and loads the image; nullptr and *error if either
// fails.
std::shared_ptr<const Policy> CompileAndLoad(const std::vector<SourceFile>& sources,
                                             std::string* error);
// The standard library alone, compiled once.
const Policy& Stdlib();

// The stdlib set custom_role_permission_patterns, as `rolec export` passes it.
std::vector<std::string> CustomPatterns();
// The options `rolec export` uses by default (custom_patterns filled).
ExportOptions DefaultOptions();

// Sets each diagnostic's source_line from `sources` or the embedded standard library, as
// `rolec export` does.
void AddSourceLines(const std::vector<SourceFile>& sources, std::vector<Diagnostic>& diagnostics);

// Every diagnostic in the gcc shape, concatenated.
std::string FormatAll(const std::vector<Diagnostic>& diagnostics);

// The HCL subset the Terraform writer prints: resource blocks of attributes (a string, a bool or a
// list of strings) and nested blocks.
struct HclValue {
  enum class Kind { kString, kBool, kList } kind = Kind::kString;
  std::string text;                // kString
  bool flag = false;               // kBool
  std::vector<std::string> items;  // kList
};
struct HclBody {
  std::vector<std::pair<std::string, HclValue>> attributes;  // in order
  std::vector<std::pair<std::string, HclBody>> blocks;       // in order
};
struct HclResource {
  std::string type;
  std::string name;
  HclBody body;
};
// Parses `text`; false and *error ("line 3: ...") if it is not that subset. Strings are unescaped
// as HCL does (\" \\ \n \r \t \uNNNN, $${ and %%{); an unescaped ${ or %{ (a template) is an error.
bool ParseHcl(const std::string& text, std::vector<HclResource>* resources, std::string* error);
// The structure of one azuread_custom_directory_role resource, or "" if it has the expected one.
std::string CheckCustomDirectoryRole(const HclResource& resource);

}  // namespace rolec::export_test
