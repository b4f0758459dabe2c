// cli/commands.h — the subcommands of `rolec`, one file each (compile.cc, check.cc, eval.cc,
// test.cc, dis.cc, describe.cc). main.cc parses the arguments with a command's spec and calls its
// Run function; a Run function returns the process exit code (io.h) and reports its own errors.
#pragma once

#include <vector>

#include "cli/args.h"

namespace rolec::cli {

// rolec's version, as `rolec --version` prints it and SARIF's tool.driver.version records it.
inline constexpr char kRolecVersion[] = "0.1.0";

struct Command {
  const CommandSpec& (*spec)();
  int (*run)(const ParsedArgs& args);
};

const CommandSpec& CompileSpec();
int RunCompile(const ParsedArgs& args);

const CommandSpec& CheckSpec();
int RunCheck(const ParsedArgs& args);

const CommandSpec& EvalSpec();
int RunEval(const ParsedArgs& args);

const CommandSpec& LintSpec();
int RunLint(const ParsedArgs& args);

const CommandSpec& TestSpec();
int RunTest(const ParsedArgs& args);

const CommandSpec& DisSpec();
int RunDis(const ParsedArgs& args);

const CommandSpec& DescribeSpec();
int RunDescribe(const ParsedArgs& args);

const CommandSpec& ImportSpec();
int RunImport(const ParsedArgs& args);
const CommandSpec& FmtSpec();
int RunFmt(const ParsedArgs& args);
const CommandSpec& ExportSpec();
int RunExport(const ParsedArgs& args);
const CommandSpec& WhoCanSpec();
int RunWhoCan(const ParsedArgs& args);

const CommandSpec& DiffSpec();
int RunDiff(const ParsedArgs& args);

const CommandSpec& SubsumesSpec();
int RunSubsumes(const ParsedArgs& args);

const CommandSpec& EscalationSpec();
int RunEscalation(const ParsedArgs& args);
const CommandSpec& TiersSpec();
int RunTiers(const ParsedArgs& args);
const CommandSpec& CompletionSpec();
int RunCompletion(const ParsedArgs& args);
const CommandSpec& LeastPrivilegedSpec();
int RunLeastPrivileged(const ParsedArgs& args);

// Every subcommand, in the order `rolec --help` lists them.
const std::vector<Command>& AllCommands();

}  // namespace rolec::cli
