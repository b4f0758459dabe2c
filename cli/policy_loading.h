// cli/policy_loading.h — turning the files named on the command line into a Policy.
//
// `--policy FILE` (repeatable) names either `.role` sources or one compiled image. A file is an
// image if it starts with the image magic (runtime/image_format.h); anything else is a source.
// Sources compile together, with the standard library always included; an image is loaded (and
// verified) as it is. At most one image, and never mixed with sources: an image is a closed world,
// its roles cannot be extended at load time. No file at all means the standard library alone.
//
// Compile diagnostics are printed to stderr as they would be by `rolec check`; a failure is
// returned as a Status whose message the caller prints as "rolec: error: ...".
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "rolec/compiler.hpp"
#include "rolec/policy.hpp"

namespace rolec::cli {

// True if `bytes` starts with the policy image magic.
bool IsPolicyImage(std::string_view bytes);

// Reads `.role` sources for compile/check/test/dis. A compiled image among them is an error that
// says which command takes images.
absl::StatusOr<std::vector<SourceFile>> ReadSources(const std::vector<std::string>& paths,
                                                    std::string_view command);

// Compiles `sources` (plus the standard library) and prints the diagnostics to `out`. Warnings and
// notes located in the embedded standard library are dropped from the result (errors are kept).
CompileResult CompileAndReport(const std::vector<SourceFile>& sources, std::ostream& out);

// The policy the files describe (see the file comment). Diagnostics go to stderr.
absl::StatusOr<std::shared_ptr<const Policy>> LoadPolicy(const std::vector<std::string>& paths);

// The role names closest to `query` (case-insensitive substring matches first, then by edit
// distance), at most `limit`; for "did you mean" hints.
std::vector<std::string> ClosestRoleNames(const Policy& policy, std::string_view query,
                                          size_t limit = 3);

// "unknown role 'X'" plus " (did you mean 'A', 'B'?)" when there are close names.
std::string UnknownRoleMessage(const Policy& policy, std::string_view query);

}  // namespace rolec::cli
