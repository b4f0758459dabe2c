/* rolec/export.h — ROLEC_API, the mark on every symbol that librolec.so exports.
 *
 * The libraries are compiled with -fvisibility=hidden and -fvisibility-inlines-hidden, so a
 * function or class of include/rolec/ that a program calls must carry ROLEC_API; everything else
 * (the layers' internals, the third-party code compiled in) stays inside the shared object; the
 * linker's version script cmake/librolec.map keeps out the standard library's template code,
 * which libstdc++ gives default visibility. tests/embed/exported_symbols.py checks both
 * directions: no symbol outside rolec_* and rolec:: is exported, and every namespace-scope
 * declaration of the public headers is marked and exported.
 *
 * On Windows the mark is __declspec(dllexport) while building the shared library (ROLEC_BUILDING
 * and ROLEC_SHARED) and dllimport for its users (ROLEC_SHARED alone). Plain C99; safe to include
 * from C and C++. docs/embedding.md § Exported symbols. */
#ifndef ROLEC_EXPORT_H_
#define ROLEC_EXPORT_H_

#if defined(_WIN32) && defined(ROLEC_SHARED)
#if defined(ROLEC_BUILDING)
#define ROLEC_API __declspec(dllexport)
#else
#define ROLEC_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) || defined(__clang__)
#define ROLEC_API __attribute__((visibility("default")))
#else
#define ROLEC_API
#endif

#endif /* ROLEC_EXPORT_H_ */
