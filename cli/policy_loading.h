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

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/args.h"
#include "rolec/compiler.hpp"
#include "rolec/policy.hpp"

namespace rolec::cli {

// True if `bytes` starts with the policy image magic.
bool IsPolicyImage(std::string_view bytes);

// Reads `.role` sources for compile/check/test/dis. A compiled image among them is an error that
// says which command takes images.
absl::StatusOr<std::vector<SourceFile>> ReadSources(const std::vector<std::string>& paths,
                                                    std::string_view command);

// How the diagnostics of a compile are judged and shown.
struct ReportOptions {
  // The severity of "declares nothing" (E0222 as an error, W0222 as a warning) for a source that
  // parses but declares no role, set, action or test: an error wherever the policy is used (an
  // empty file would silently leave the standard library alone), a warning for `check`.
  Severity empty_source = Severity::kError;
  // --max-errors: stop printing after this many errors; 0 = no limit.
  size_t max_errors = 0;
  // Applied to the user-facing diagnostics before they are printed: GraphInputs::Rewrite, which
  // moves diagnostics about imported Graph JSON to the JSON (cli/graph_inputs.h). None if empty.
  std::function<std::vector<Diagnostic>(std::vector<Diagnostic>)> rewrite;
};

// At most this many diagnostics of one code are printed; the rest are summed up in one line
// ("... and 9,980 more like this (error[E0201])"). Counts, exit codes and JSON see them all.
inline constexpr size_t kMaxDiagnosticsPerCode = 20;

// The `--max-errors N` option every command that prints diagnostics declares, and its value.
OptionSpec MaxErrorsOption();
absl::Status ReadReportOptions(const ParsedArgs& args, ReportOptions* options);

// 9980 -> "9,980".
std::string WithThousands(size_t number);

// Compiles `sources` (plus the standard library), adds E0222/W0222 for each source that declares
// nothing, and prints the diagnostics to `out` (capped: kMaxDiagnosticsPerCode, --max-errors).
// Warnings and notes located in the embedded standard library are dropped from the result (errors
// are kept). The result holds every diagnostic, printed or not.
CompileResult CompileAndReport(const std::vector<SourceFile>& sources, std::ostream& out,
                               const ReportOptions& options = {});

// What of a compile's diagnostics a user sees: warnings and notes located in the embedded standard
// library dropped (errors kept), and E0222/W0222 (per options.empty_source) first among the
// diagnostics of each source that declares nothing.
std::vector<Diagnostic> UserFacingDiagnostics(std::vector<Diagnostic> diagnostics,
                                              const std::vector<SourceFile>& sources,
                                              const ReportOptions& options);

// Prints `diagnostics` in the gcc shape, capped as described above.
void PrintDiagnostics(const std::vector<Diagnostic>& diagnostics, std::ostream& out,
                      size_t max_errors);

// The policy the files describe (see the file comment). Diagnostics go to stderr.
absl::StatusOr<std::shared_ptr<const Policy>> LoadPolicy(const std::vector<std::string>& paths,
                                                         const ReportOptions& options = {});

// The `--policy FILE` option (repeatable) of every command that asks questions of one policy.
OptionSpec PolicyOption();

// The opening of those commands: --max-errors read, the --policy files loaded (the standard
// library alone without any). On an error, prints it ("rolec: error: ...") and returns nullptr.
std::shared_ptr<const Policy> LoadPolicyFromArgs(const ParsedArgs& args);

// The role names closest to `query` (case-insensitive substring matches first, then by edit
// distance), at most `limit`; for "did you mean" hints.
std::vector<std::string> ClosestRoleNames(const Policy& policy, std::string_view query,
                                          size_t limit = 3);

// "unknown role 'X'" plus " (did you mean 'A', 'B'?)" when there are close names.
std::string UnknownRoleMessage(const Policy& policy, std::string_view query);

}  // namespace rolec::cli
