// compiler/emit.h — the checked Program to policy image bytes, through runtime::ImageBuilder.
//
// Emission groups every rule's covered catalog actions (expanded by the checker) into the (role, action) grant index that
// the evaluator's fast path probes, lowers each condition to bytecode (identical chunks are shared),
// and writes the tables in id order so that the same sources always give the same bytes.
#pragma once

#include <string>

#include "compiler/diagnostic_sink.h"
#include "compiler/ir.h"

namespace rolec::compiler {

// Returns the image, or "" after reporting an error (a condition too large to encode).
std::string EmitImage(const Program& program, DiagnosticSink& sink);

}  // namespace rolec::compiler
