// tests/analysis/analysis_util.h — policies for the analysis tests: the standard library alone,
// or with a source, compiled and loaded (a failure is a test failure, never a crash).
#pragma once

#include <memory>
#include <string>

#include "rolec/policy.hpp"

namespace rolec::analysis_test {

// The standard library, compiled once per process. Never null (aborts the test binary if the
// stdlib does not compile: every other test would be meaningless).
const Policy& Stdlib();

// `source` (one file, "test.role") compiled with the standard library; null with *error set if it
// does not compile or load.
std::shared_ptr<const Policy> CompileWithStdlib(const std::string& source, std::string* error);

}  // namespace rolec::analysis_test
