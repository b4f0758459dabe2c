// export/prepare_all.h — the roles of one export prepared together (shared by the two writers).
#pragma once

#include <vector>

#include "absl/types/span.h"
#include "rolec/export.hpp"

namespace rolec::exporter {

// Each role once, in the order given (a repeat is skipped); their diagnostics appended in order.
std::vector<ExportedRole> PrepareAll(const Policy& policy, absl::Span<const RoleId> roles,
                                     ExportFormat format, const ExportOptions& options,
                                     std::vector<Diagnostic>& diagnostics);

}  // namespace rolec::exporter
