// format/public_api.cc — include/rolec/format.hpp over this layer's formatter and line diff.
#include "rolec/format.hpp"

#include "format/format.h"
#include "format/line_diff.h"

namespace rolec {

absl::StatusOr<std::string> FormatSource(std::string_view text, std::string_view path,
                                         std::vector<Diagnostic>* diagnostics) {
  return format::FormatSource(text, path, diagnostics);
}

std::string UnifiedDiff(std::string_view before, std::string_view after, std::string_view before_label,
                        std::string_view after_label, size_t context) {
  return format::UnifiedDiff(before, after, before_label, after_label, context);
}

}  // namespace rolec
