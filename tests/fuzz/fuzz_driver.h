// tests/fuzz/fuzz_driver.h — the libFuzzer entry point around one property of fuzz_targets.h.
//
// A property that fails is a finding: the driver prints what failed and aborts, so that libFuzzer
// saves the input as crash-<sha1> (scripts/fuzz.sh keeps it under build-fuzz/findings/).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz/fuzz_targets.h"

#define ROLEC_FUZZ_DRIVER(check)                                                       \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {            \
    const std::string problem =                                                        \
        check(std::string_view(reinterpret_cast<const char*>(data), size));            \
    if (!problem.empty()) {                                                            \
      std::fprintf(stderr, "\nrolec fuzz property failed (%s):\n%s\n", #check,         \
                   problem.c_str());                                                   \
      std::abort();                                                                    \
    }                                                                                  \
    return 0;                                                                          \
  }
