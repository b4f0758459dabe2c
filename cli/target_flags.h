// cli/target_flags.h — the flags that describe one request's target, principal and context
// (`--target-kind`, `--target-role`, …, `--principal-id`, `--mfa`), shared by `rolec eval` and
// `rolec who-can`: one declaration, one parser.
#pragma once

#include <vector>

#include "absl/status/status.h"
#include "cli/args.h"
#include "rolec/request.hpp"

namespace rolec::cli {

// The options, in the order --help lists them.
const std::vector<OptionSpec>& TargetFlagOptions();

// True if any of the options was given.
bool HasTargetFlags(const ParsedArgs& args);

// Fills request->principal_id, request->target and request->context from the flags (defaults:
// principal "principal", a user target). An error's message is the one to print.
absl::Status ReadTargetFlags(const ParsedArgs& args, OwnedRequest* request);

}  // namespace rolec::cli
