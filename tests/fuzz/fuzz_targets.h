// tests/fuzz/fuzz_targets.h — the properties the fuzzers check, as plain functions.
//
// Each function takes one fuzz input and returns "" if every property held, or a one-paragraph
// description of the property that failed. The libFuzzer drivers (fuzz_*.cc, built only with
// -DROLEC_FUZZ=ON and clang) abort on a non-empty answer so that libFuzzer saves the input; the
// regression test (replay_test.cc, built with the normal suite) replays every checked-in seed and
// finding through the same functions, so a finding stays fixed without needing clang. A crash,
// an overflow or a hang is found by the sanitizers and libFuzzer's timeout, not reported here.
//
// The properties (docs/security.md §Fuzzing):
//   ParseCompile  — any bytes as a .role file (with the stdlib if it says `import entra`):
//                   Compile terminates, every diagnostic has a code, a one-line message and a
//                   span inside its file; a successful compile yields an image that loads and
//                   whose test expectations bind and get Check == Explain, without errors;
//                   without the stdlib also: the same bytes when compiled twice, and the
//                   reference evaluator agreeing on every expectation.
//   Image         — any bytes, and the same bytes with the header's size and checksum repaired,
//                   as a policy image: Load either rejects it or yields a Policy on which every
//                   read-only view, Disassemble, Check and Explain run, with Check == Explain and
//                   requests that are wrong in themselves denied with an error.
//   Format        — any bytes as a .role file given to the formatter (format/format.h): refused
//                   with the parser's errors if it does not parse; else formatted, without an
//                   internal error, to a fixed point with the same AST and the same comments.
//   Differential  — a small policy and requests generated from the bytes over a fixed catalog:
//                   the policy compiles and the VM (Policy::Check), Policy::Explain and the
//                   reference evaluator over the checked Program give the same decision.
//   ImportGraph   — any bytes as Microsoft Graph JSON (include/rolec/import.hpp): the import
//                   terminates, its diagnostics are well-formed and inside the JSON; a successful
//                   one is deterministic and writes .role text that parses, without a syntax
//                   error, into exactly the roles it counted, with a source map inside both texts;
//                   and the compiler's diagnostics about that text, mapped, land inside the JSON.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rolec::fuzz {

// Larger inputs are ignored (returned as passing): the fuzzers look for bugs, not for the cost of
// big inputs, whose limits docs/limits.md covers and tests/limits tests.
inline constexpr size_t kMaxFuzzInputBytes = 64u << 10;

std::string CheckParseCompile(std::string_view input);
std::string CheckImage(std::string_view input);
std::string CheckImportGraph(std::string_view input);
std::string CheckFormat(std::string_view input);

// What CheckDifferential decided, summed over calls: a test's proof that the generator reaches
// both outcomes and the request errors, so that agreement is not vacuous.
struct DifferentialStats {
  size_t allows = 0;
  size_t denies = 0;
  size_t errors = 0;  // requests Explain reported as erroneous (malformed actions)
};
std::string CheckDifferential(std::string_view input, DifferentialStats* stats = nullptr);

// The differential generator's output for one input, for tests and for reading a finding:
// the policy source and the requests, one per line.
struct GeneratedCase {
  std::string source;
  std::string requests;  // human-readable, one request per line
};
GeneratedCase DescribeDifferentialInput(std::string_view input);

// The image with its header's image_bytes set to the buffer's size and its checksum recomputed,
// so that the loader's structural checks (rather than the checksum) judge a mutated image.
// Inputs shorter than the header are returned unchanged.
std::string RepairImageHeader(std::string_view image);

// Small valid images compiled by this build (no stdlib, so each is a few KiB): every
// tests/decisions/*.role under `source_dir` and policies of the differential generator. Fuzzing
// starts from them (scripts/fuzz.sh writes them with write_image_seeds), so the image campaign
// follows the current format without checked-in binaries going stale.
std::vector<std::string> SeedImages(const std::string& source_dir);

}  // namespace rolec::fuzz
