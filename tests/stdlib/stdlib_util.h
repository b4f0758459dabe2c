// tests/stdlib/stdlib_util.h — helpers for testing the standard library against its sources.
//
// The stdlib tests compare what the compiler makes of stdlib/entra/*.role with the reference
// sources directly (Graph's JSON, the docs' matrices), parsed here independently of
// stdlib/generate.py so that a parsing mistake in the generator cannot hide in both places.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "rolec/rolec.hpp"

namespace rolec::testing {

// Repository-relative and shared-folder paths (ROLEC_SOURCE_DIR, ROLEC_SHARED_DIR).
std::string SourcePath(const std::string& relative);
std::string SharedPath(const std::string& relative);
bool ReadText(const std::string& path, std::string* out);
bool FileExists(const std::string& path);

// Every file under a repository-relative directory (recursively) with the extension, sorted.
std::vector<std::string> ListFilesRecursive(const std::string& relative_dir, const std::string& extension);

std::string Lower(std::string_view text);

// True if no segment of the pattern is allEntities, allProperties or allTasks (any case).
bool IsConcrete(std::string_view pattern);

// Names of every catalog action in the policy.
std::vector<std::string> CatalogNames(const Policy& policy);
// Decides an OwnedRequest; an unbindable request (unknown role, bad scope) is a deny.
Decision Decide(const Policy& policy, const OwnedRequest& request);
OwnedRequest ResetRequest(std::string_view actor, std::string_view action,
                          std::vector<std::string> target_roles);

// A markdown table: header cells and rows of cells, trimmed.
struct MarkdownTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};
// The first table after the line that starts with `heading`, whose first header cell starts with
// `first_header`. Empty (no header) if absent.
MarkdownTable FindTable(const std::string& markdown, std::string_view heading,
                        std::string_view first_header);
// "Auth Admin" -> "Authentication Administrator", "Global Admin" -> "Global Administrator".
std::string ExpandRoleAbbreviation(std::string_view label);
// Links, <br/> and emphasis removed, whitespace collapsed.
std::string StripMarkdown(std::string_view cell);

}  // namespace rolec::testing
