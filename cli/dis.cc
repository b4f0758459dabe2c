// cli/dis.cc — `rolec dis IMAGE`: print a policy image readably (header, tables, rules, and each
// condition chunk disassembled). Also takes .role sources, compiled first, so that what the
// compiler makes of a policy can be seen without an intermediate file.
#include <iostream>

#include "cli/commands.h"
#include "cli/io.h"
#include "cli/policy_loading.h"

namespace rolec::cli {

const CommandSpec& DisSpec() {
  static const CommandSpec kSpec = {
      "dis",
      "Disassemble a policy image (or compile .role sources and disassemble the result).",
      {"rolec dis IMAGE", "rolec dis FILE.role..."},
      "The image is verified before it is printed; a corrupt image is an error. Sources compile\n"
      "together with the standard library, as with --policy.",
      {MaxErrorsOption()},
      1,
      static_cast<size_t>(-1),
      "IMAGE",
  };
  return kSpec;
}

int RunDis(const ParsedArgs& args) {
  ReportOptions report;
  if (absl::Status status = ReadReportOptions(args, &report); !status.ok()) {
    PrintError(status);
    return kExitError;
  }
  absl::StatusOr<std::shared_ptr<const Policy>> policy = LoadPolicy(args.positionals(), report);
  if (!policy.ok()) {
    PrintError(policy.status());
    return kExitError;
  }
  // An image need not come from rolec: its strings are escaped like any other input.
  std::cout << EscapeControlChars(Disassemble(**policy));
  return kExitOk;
}

}  // namespace rolec::cli
