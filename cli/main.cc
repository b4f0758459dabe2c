// cli/main.cc — `rolec`: dispatch to a subcommand, and the one place where nothing may escape.
//
// Each subcommand lives in its own file (commands.h). main parses the subcommand's arguments with
// its spec, handles --help and usage errors uniformly, and turns any exception that slips through
// (nlohmann-json, bad_alloc) into "rolec: error: ..." and exit 1 rather than an abort.
#include <algorithm>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/io.h"
#include "fmt/format.h"

namespace rolec::cli {
namespace {

// Kept equal to project(VERSION) in the top-level CMakeLists.txt; tests/cli checks that it is.

std::string TopLevelHelp() {
  std::string text =
      "Usage: rolec <command> [options] [arguments]\n"
      "       rolec <command> --help\n"
      "       rolec --version\n"
      "\n"
      "rolec compiles and evaluates Entra-style role policies (.role files); the Microsoft Entra\n"
      "built-in roles are its standard library, always available.\n"
      "\n"
      "Commands:\n";
  size_t width = 0;  // the longest name and two spaces
  for (const Command& command : AllCommands()) width = std::max(width, command.spec().name.size() + 2);
  for (const Command& command : AllCommands()) {
    const CommandSpec& spec = command.spec();
    text += fmt::format("  {:<{}}{}\n", spec.name, width, spec.summary);
  }
  text +=
      "\n"
      "Exit codes: 0 success (eval: allow), 1 error, 2 eval: deny (who-can, least-privileged: no\n"
      "role; diff: a difference; subsumes: no; escalation: no edge or path).\n"
      "See docs/cli.md for the full manual.\n";
  return text;
}

int Main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << TopLevelHelp();
    PrintError("no command given");
    return kExitError;
  }
  const std::string& name = args[0];
  if (name == "--help" || name == "-h" || name == "help") {
    // `rolec help eval` is the same as `rolec eval --help`.
    if (name == "help" && args.size() > 1) {
      for (const Command& command : AllCommands()) {
        if (command.spec().name == args[1]) {
          std::cout << HelpText(command.spec());
          return kExitOk;
        }
      }
      PrintError(fmt::format("unknown command '{}'; 'rolec --help' lists the commands", args[1]));
      return kExitError;
    }
    std::cout << TopLevelHelp();
    return kExitOk;
  }
  if (name == "--version" || name == "-V" || name == "version") {
    std::cout << "rolec " << kRolecVersion << "\n";
    return kExitOk;
  }
  for (const Command& command : AllCommands()) {
    const CommandSpec& spec = command.spec();
    if (spec.name != name) continue;
    absl::StatusOr<ParsedArgs> parsed =
        ParseArgs(spec, std::vector<std::string>(args.begin() + 1, args.end()));
    if (!parsed.ok()) {
      PrintError(parsed.status());
      std::cerr << fmt::format("Try 'rolec {} --help'.\n", spec.name);
      return spec.usage_error_exit;
    }
    if (parsed->help()) {
      std::cout << HelpText(spec);
      return kExitOk;
    }
    return command.run(*parsed);
  }

  std::string message = fmt::format("unknown command '{}'", name);
  if (!name.empty() && name[0] == '-') message = fmt::format("unknown option '{}'", name);
  for (const Command& command : AllCommands()) {
    if (EditDistance(name, command.spec().name) <= 2) {
      message += fmt::format(" (did you mean '{}'?)", command.spec().name);
      break;
    }
  }
  PrintError(message + "; 'rolec --help' lists the commands");
  return kExitError;
}

}  // namespace

const std::vector<Command>& AllCommands() {
  static const std::vector<Command> kCommands = {
      {&CompileSpec, &RunCompile}, {&CheckSpec, &RunCheck}, {&LintSpec, &RunLint}, {&EvalSpec, &RunEval},
      {&TestSpec, &RunTest},       {&DisSpec, &RunDis},     {&DescribeSpec, &RunDescribe},
      {&ImportSpec, &RunImport},
      {&FmtSpec, &RunFmt},
      {&ExportSpec, &RunExport},
      {&WhoCanSpec, &RunWhoCan},
      {&DiffSpec, &RunDiff},
      {&SubsumesSpec, &RunSubsumes},
      {&EscalationSpec, &RunEscalation}, {&TiersSpec, &RunTiers},
      {&CompletionSpec, &RunCompletion},
      {&LeastPrivilegedSpec, &RunLeastPrivileged},
  };
  return kCommands;
}

}  // namespace rolec::cli

int main(int argc, char** argv) {
  try {
    int code = rolec::cli::Main(argc, argv);
    std::cout.flush();
    // A write error on stdout (a full disk, a closed pipe) must not look like success.
    if (!std::cout) {
      std::cerr << "rolec: error: cannot write to standard output\n";
      return rolec::cli::kExitError;
    }
    return code;
  } catch (const std::bad_alloc&) {
    std::cerr << "rolec: error: out of memory\n";
  } catch (const std::exception& error) {
    std::cerr << "rolec: error: " << rolec::cli::EscapeControlChars(error.what()) << "\n";
  } catch (...) {
    std::cerr << "rolec: error: unexpected failure\n";
  }
  return rolec::cli::kExitError;
}
