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

// Returns the image, or "" after reporting an error: a condition too large to encode, or an image
// larger than `max_image_bytes` (E0601; the loader refuses more than runtime::kMaxImageBytes, so
// the limit is capped there). The size is first bounded from below by the tables' sizes, before
// anything large is allocated, then checked exactly on the built image.
std::string EmitImage(const Program& program, DiagnosticSink& sink, size_t max_image_bytes);

}  // namespace rolec::compiler
