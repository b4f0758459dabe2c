// tests/format/format_util.h — file lists for the formatter tests.
#pragma once

#include <string>
#include <vector>

namespace rolec::format_test {

// Every `.role` file under a repository-relative directory, recursively, as absolute paths, sorted.
std::vector<std::string> RoleFilesUnder(const std::string& relative);

// Every regular file directly in a repository-relative directory (dot files left out), sorted.
std::vector<std::string> FilesIn(const std::string& relative);

}  // namespace rolec::format_test
