// tests/cli/io_util.cc — compiles cli/io.cc into the CLI test binary, which otherwise runs the built
// `rolec` only: control_chars_test.cc tests EscapeControlChars directly.
#include "cli/io.cc"
