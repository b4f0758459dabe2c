// cli/eval.cc — `rolec eval`: answer one access question from flags, or a stream of JSON requests.
//
// One question:  rolec eval [--policy FILE]... --as ROLE[@SCOPE]... ACTION [target flags] [--json]
//   prints `allow` or `deny` and the explanation; exit 0 allow, 2 deny, 1 error.
// A batch:       rolec eval [--policy FILE]... --requests FILE.jsonl|-
//   one JSON decision per JSON request line, in order, flushed per line (so a program can drive
//   rolec as a co-process); a bad line gets an error object and the stream goes on; exit 1 at the
//   end if any line had an error.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <iostream>

#include "cli/commands.h"
#include "cli/io.h"
#include "cli/json_request.h"
#include "cli/policy_loading.h"
#include "cli/target_flags.h"
#include "fmt/format.h"
#include "rolec/request.hpp"

namespace rolec::cli {
namespace {

// Reads lines from a file descriptor with a cap on line length. It reads with read(2), not stdio,
// so a request that arrives on a pipe is answered at once instead of waiting for a full buffer.
class LineReader {
 public:
  LineReader(int fd, size_t max_line) : fd_(fd), max_line_(max_line) {}

  // The next line without its '\n'. A line longer than the cap is consumed but not stored, and
  // *too_long is set. False at the end of input or on a read error (see error()).
  bool Next(std::string* line, bool* too_long) {
    line->clear();
    *too_long = false;
    bool got_any = false;
    while (true) {
      if (position_ == filled_) {
        if (eof_) return got_any;
        ssize_t got = ::read(fd_, buffer_, sizeof buffer_);
        if (got < 0) {
          if (errno == EINTR) continue;
          error_ = errno;
          eof_ = true;
          return got_any;
        }
        if (got == 0) {
          eof_ = true;
          return got_any;
        }
        position_ = 0;
        filled_ = static_cast<size_t>(got);
      }
      got_any = true;
      const char* start = buffer_ + position_;
      const char* newline = static_cast<const char*>(std::memchr(start, '\n', filled_ - position_));
      const size_t take =
          newline != nullptr ? static_cast<size_t>(newline - start) : filled_ - position_;
      if (!*too_long) {
        if (line->size() + take > max_line_) {
          *too_long = true;
          line->clear();
          line->shrink_to_fit();
        } else {
          line->append(start, take);
        }
      }
      position_ += take;
      if (newline != nullptr) {
        ++position_;
        return true;
      }
    }
  }

  int error() const { return error_; }

 private:
  int fd_;
  size_t max_line_;
  char buffer_[1 << 16];
  size_t position_ = 0;
  size_t filled_ = 0;
  bool eof_ = false;
  int error_ = 0;
};

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

// Unknown role names found before binding, each with the field it came from, so that an error
// says where the bad name is ("principal.assignments[1].role: unknown role 'X' (did you mean
// ...)").
std::vector<std::string> CheckRoleNames(const Policy& policy, const OwnedRequest& request,
                                        bool with_paths) {
  std::vector<std::string> errors;
  for (size_t i = 0; i < request.assignments.size(); ++i) {
    const std::string& role = request.assignments[i].role;
    if (policy.FindRole(role) != kNoRole) continue;
    std::string message = UnknownRoleMessage(policy, role);
    errors.push_back(with_paths ? fmt::format("principal.assignments[{}].role: {}", i, message)
                                : message);
  }
  for (size_t i = 0; i < request.target.roles.size(); ++i) {
    const std::string& role = request.target.roles[i];
    if (policy.FindRole(role) != kNoRole) continue;
    std::string message = UnknownRoleMessage(policy, role);
    errors.push_back(with_paths ? fmt::format("target.roles[{}]: {}", i, message)
                                : fmt::format("target role: {}", message));
  }
  return errors;
}

int RunBatch(const Policy& policy, const std::string& path) {
  int fd = 0;
  if (path != "-") {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      PrintError(fmt::format("cannot read '{}': {}", path, std::strerror(errno)));
      return kExitError;
    }
  }
  LineReader reader(fd, kMaxJsonBytes);
  std::string line;
  bool too_long = false;
  size_t line_number = 0;
  size_t answered = 0;
  size_t failed = 0;
  while (reader.Next(&line, &too_long)) {
    ++line_number;
    std::string_view text = Trim(line);
    if (text.empty() && !too_long) continue;
    ++answered;

    nlohmann::ordered_json output;
    nlohmann::json id;  // the request's "id", echoed in its answer
    const JsonPlace place{line_number, static_cast<size_t>(text.data() - line.data())};
    if (too_long) {
      output =
          LineErrorJson(line_number, {fmt::format("request longer than {} bytes", kMaxJsonBytes)});
    } else if (absl::StatusOr<OwnedRequest> request = ParseRequestJson(text, &id, place);
               !request.ok()) {
      output = LineErrorJson(line_number, {std::string(MessageOf(request.status()))}, id);
    } else if (std::vector<std::string> errors = CheckRoleNames(policy, *request, true);
               !errors.empty()) {
      output = LineErrorJson(line_number, errors, id);
    } else if (absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(policy, *request);
               !bound.ok()) {
      output = LineErrorJson(line_number, {std::string(MessageOf(bound.status()))}, id);
    } else {
      Explanation explanation = policy.Explain(bound->request());
      output = explanation.errors.empty()
                   ? DecisionJson(policy, bound->request(), explanation, id)
                   : LineErrorJson(line_number, explanation.errors, id);
    }
    if (output.contains("line")) ++failed;
    std::cout << DumpJson(output) << '\n' << std::flush;
  }
  const int read_error = reader.error();
  if (fd != 0) ::close(fd);
  if (read_error != 0) {
    PrintError(fmt::format("cannot read '{}': {}", path, std::strerror(read_error)));
    return kExitError;
  }
  if (failed > 0) {
    PrintError(fmt::format("{} of {} requests had errors and were denied (see their \"errors\")",
                           failed, answered));
    return kExitError;
  }
  return kExitOk;
}

int RunSingle(const Policy& policy, const ParsedArgs& args) {
  if (args.positionals().size() != 1) {
    PrintError("'rolec eval' needs one ACTION (or --requests FILE)");
    return kExitError;
  }
  OwnedRequest owned;
  owned.action = args.positionals()[0];
  for (const std::string& as : args.Values("as")) {
    // ROLE@SCOPE splits at the last '@' followed by '/': a display name may contain '@', a scope
    // always starts with '/'.
    OwnedAssignment assignment;
    size_t at = as.rfind("@/");
    assignment.role = as.substr(0, at);
    if (at != std::string::npos) assignment.scope = as.substr(at + 1);
    std::string_view admin_unit;
    if (!ParseScope(assignment.scope, &admin_unit)) {
      PrintError(
          fmt::format("--as '{}': '{}' is not a scope (expected '/' or "
                      "'/administrativeUnits/<id>')",
                      as, assignment.scope));
      return kExitError;
    }
    owned.assignments.push_back(std::move(assignment));
  }

  if (absl::Status status = ReadTargetFlags(args, &owned); !status.ok()) {
    PrintError(status);
    return kExitError;
  }

  std::vector<std::string> role_errors = CheckRoleNames(policy, owned, false);
  if (!role_errors.empty()) {
    for (const std::string& error : role_errors) PrintError(error);
    return kExitError;
  }
  absl::StatusOr<BoundRequest> bound = BoundRequest::Bind(policy, owned);
  if (!bound.ok()) {
    PrintError(bound.status());
    return kExitError;
  }
  const Request& request = bound->request();
  Explanation explanation = policy.Explain(request);
  if (args.Has("json")) {
    std::cout << DumpJson(DecisionJson(policy, request, explanation), 2) << "\n";
  } else {
    std::cout << (explanation.decision == Decision::kAllow ? "allow" : "deny") << "\n";
    std::string text = policy.FormatExplanation(request, explanation);
    if (!text.empty() && text.back() != '\n') text += '\n';
    std::cout << EscapeControlChars(text);  // it quotes the request: ids, scopes, the action
  }
  std::cout.flush();
  if (!explanation.errors.empty()) {
    for (const std::string& error : explanation.errors) PrintError(error);
    return kExitError;
  }
  return explanation.decision == Decision::kAllow ? kExitOk : kExitDeny;
}

}  // namespace

const CommandSpec& EvalSpec() {
  static const CommandSpec kSpec = [] {
    CommandSpec spec = {
      "eval",
      "Decide whether role assignments allow an action on a target, and explain why.",
      {"rolec eval [--policy FILE]... --as ROLE[@SCOPE]... ACTION [target flags] [--json]",
       "rolec eval [--policy FILE]... --requests FILE.jsonl|-"},
      "ROLE is a display name or template id; SCOPE is / (the default) or\n"
      "/administrativeUnits/<id>. Prints 'allow' or 'deny' and the explanation.\n"
      "Exit codes: 0 allow, 2 deny, 1 error (an unknown role, a bad flag, a malformed action).\n"
      "\n"
      "With --requests, reads one JSON request per line (- for stdin) and writes one JSON\n"
      "decision per line, in order; a line that cannot be evaluated (bad JSON, an unknown field,\n"
      "a wrong type, an unknown role, a bad scope) is answered with an error object and denied,\n"
      "and the exit code is 1 if any line had an error. Formats: docs/cli.md.\n"
      "\n"
      "Without --policy, the Entra standard library alone is used.",
      {
          PolicyOption(),
          {"as", 0, "ROLE[@SCOPE]", true, "A role assignment of the principal."},
          {"json", 0, "", false, "Print the decision as a JSON object (docs/cli.md)."},
          {"requests", 0, "FILE", false,
           "Evaluate JSON requests, one per line, from FILE or - (stdin)."},
          MaxErrorsOption(),
      },
      0,
      1,
      "ACTION",
    };
    // The target flags go after --as, as --help has always listed them.
    const std::vector<OptionSpec>& target = TargetFlagOptions();
    spec.options.insert(spec.options.begin() + 2, target.begin(), target.end());
    return spec;
  }();
  return kSpec;
}

int RunEval(const ParsedArgs& args) {
  const bool batch = args.Has("requests");
  if (batch) {
    // The single-question flags make no sense with --requests: --as, then the target flags.
    std::vector<std::string> single = {"as"};
    for (const OptionSpec& option : TargetFlagOptions()) single.push_back(option.name);
    for (const std::string& flag : single) {
      if (args.Has(flag)) {
        PrintError(
            fmt::format("--{} cannot be combined with --requests (each request line "
                        "carries its own principal, target and context)",
                        flag));
        return kExitError;
      }
    }
    if (!args.positionals().empty()) {
      PrintError(
          fmt::format("unexpected ACTION '{}' with --requests (each request line names "
                      "its action)",
                      args.positionals()[0]));
      return kExitError;
    }
  } else if (args.positionals().empty()) {
    PrintError("'rolec eval' needs an ACTION (or --requests FILE)");
    std::cerr << "Try 'rolec eval --help'.\n";
    return kExitError;
  }

  const std::shared_ptr<const Policy> policy = LoadPolicyFromArgs(args);
  if (!policy) return kExitError;
  return batch ? RunBatch(*policy, args.Value("requests")) : RunSingle(*policy, args);
}

}  // namespace rolec::cli
