// tests/format/format_util.cc — helpers of the formatter tests (format_util.h).
#include "format/format_util.h"

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "support/golden.h"

namespace rolec::format_test {

std::vector<std::string> RoleFilesUnder(const std::string& relative) {
  std::vector<std::string> out;
  std::error_code error;
  const std::filesystem::path root = rolec::testing::SourcePath(relative);
  for (auto it = std::filesystem::recursive_directory_iterator(root, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file() && it->path().extension() == ".role") out.push_back(it->path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> FilesIn(const std::string& relative) {
  std::vector<std::string> out;
  std::error_code error;
  for (const auto& entry :
       std::filesystem::directory_iterator(rolec::testing::SourcePath(relative), error)) {
    if (entry.is_regular_file() && entry.path().filename().string().rfind('.', 0) != 0) {
      out.push_back(entry.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace rolec::format_test
