#!/usr/bin/env python3
"""Checks what librolec.so exports (docs/embedding.md § Exported symbols), both ways:

1. every defined dynamic symbol (nm -D --defined-only, demangled by c++filt) is rolec's: a C
   function rolec_*, or a C++ entity of namespace rolec (functions, static members), or the
   typeinfo / typeinfo name / vtable of a rolec class. Nothing of abseil, fmt, PEGTL, the standard
   library or the internal layers may leak (they are compiled in with hidden visibility);
2. every function the public headers declare is exported: each ROLEC_API function of rolec.h by
   name, and each namespace-scope function of include/rolec/*.hpp carries ROLEC_API and is found
   among the exports (a declaration without the mark would compile for a user and fail to link).

  exported_symbols.py --library build/librolec.so --include-dir include/rolec [--nm nm]
  exported_symbols.py --self-test     (the classifier on known good and bad names)
Prints "exported symbols: ok" on success; "FAIL: ..." lines and exit 1 otherwise.
"""
import argparse
import re
import subprocess
import sys
from pathlib import Path

# Demangled prefixes of the C++ symbols a shared library unavoidably exports for an exported
# class: its run-time type information and its virtual table (none of rolec's public classes has
# virtual functions today, so these are allowed, not expected).
ALLOWED_CXX_PREFIXES = ("rolec::", "typeinfo for rolec::", "typeinfo name for rolec::",
                        "vtable for rolec::")


def allowed(mangled, demangled):
    """Whether one exported symbol belongs to rolec's public surface."""
    if mangled.startswith("rolec_"):
        return True  # the C API (extern "C": not mangled)
    if not mangled.startswith("_Z"):
        return False  # another C symbol: not ours
    return demangled.startswith(ALLOWED_CXX_PREFIXES)


def self_test():
    good = [("rolec_check", "rolec_check"),
            ("_ZN5rolec7CompileERKSt6vectorINS_10SourceFileESaIS1_EERKNS_14CompileOptionsE",
             "rolec::Compile(std::vector<rolec::SourceFile, std::allocator<rolec::SourceFile> > const&, rolec::CompileOptions const&)"),
            ("_ZTIN5rolec6PolicyE", "typeinfo for rolec::Policy")]
    bad = [("_ZN4absl12lts_202206236StatusC1Ev", "absl::lts_20220623::Status::Status()"),
           ("_ZN3fmt2v96detail9vformat_toEv", "fmt::v9::detail::vformat_to()"),
           ("_ZNSt6vectorIN5rolec10DiagnosticESaIS1_EED2Ev",
            "std::vector<rolec::Diagnostic, std::allocator<rolec::Diagnostic> >::~vector()"),
           ("XXH64", "XXH64"), ("_init", "_init")]
    failures = [name for name, text in good if not allowed(name, text)]
    failures += [name for name, text in bad if allowed(name, text)]
    for name in failures:
        print(f"FAIL: self-test misclassifies {name}")
    if failures:
        return 1
    print(f"exported symbols self-test: {len(good)} allowed and {len(bad)} refused as expected: ok")
    return 0


def exported(library, nm):
    """(mangled, demangled) of every defined dynamic symbol of the library."""
    listing = subprocess.run([nm, "-D", "--defined-only", "--format=posix", str(library)],
                             check=True, capture_output=True, text=True).stdout
    names = []
    for line in listing.splitlines():
        fields = line.split()
        if len(fields) < 2:
            continue
        # The linker's version nodes (type A), if any, are not symbols of the library's code.
        if fields[1] == "A":
            continue
        names.append(fields[0])
    demangled = subprocess.run(["c++filt"], input="\n".join(names), check=True,
                               capture_output=True, text=True).stdout.splitlines()
    if len(demangled) != len(names):
        raise SystemExit("FAIL: c++filt returned a different number of lines")
    return list(zip(names, demangled))


# A namespace-scope function declaration of the Google style the headers use: at column 0, a
# return type then a name and "(" (member functions are indented; inline ones have bodies).
FUNCTION = re.compile(r"^(?!inline |constexpr |static |typedef |using |namespace |class |struct |"
                      r"enum |template|#|//|/\*| \*)"
                      r"(?:ROLEC_API )?[A-Za-z_][\w:<>, ]*[ *&]+([A-Za-z_]\w*)\(")
TYPE = re.compile(r"^(class|struct) (ROLEC_API )?(\w+) \{")
OUT_OF_LINE_MEMBER = re.compile(r"^\s+(?!//)\S.*\b(\w+)\([^)]*\)[^{}=]*;\s*(//.*)?$")


def header_problems(include_dir, demangled_exports):
    """Unmarked or unexported declarations of include/rolec/*.hpp and rolec.h."""
    problems = []
    exported_text = "\n".join(demangled_exports)
    checked = 0
    for header in sorted(include_dir.glob("*.hpp")):
        namespace = "rolec"
        current_type = None  # (name, marked, line) of the class being read
        for number, line in enumerate(header.read_text().splitlines(), 1):
            where = f"{header.name}:{number}"
            space = re.match(r"^namespace ([\w:]+) \{", line)
            if space:
                namespace = space.group(1)
            kind = TYPE.match(line)
            if kind:
                current_type = (kind.group(3), bool(kind.group(2)), where)
                continue
            if line.startswith("};"):
                current_type = None
                continue
            if current_type and OUT_OF_LINE_MEMBER.match(line) and "= delete" not in line and \
                    "= default" not in line:
                name, marked, type_where = current_type
                if not marked:
                    problems.append(f"{type_where}: {name} declares a member function defined out "
                                    f"of line ({where}) but is not marked ROLEC_API")
                    current_type = (name, True, type_where)  # report once per type
                continue
            function = FUNCTION.match(line)
            if function and not current_type:
                checked += 1
                name = function.group(1)
                if not line.startswith("ROLEC_API "):
                    problems.append(f"{where}: {namespace}::{name} is not marked ROLEC_API")
                elif f"{namespace}::{name}(" not in exported_text and \
                        f"{namespace}::{name}[abi:" not in exported_text:
                    problems.append(f"{where}: {namespace}::{name} is marked but not exported")
    c_header = (include_dir / "rolec.h").read_text()
    c_functions = re.findall(r"^ROLEC_API [^(]*?\b(rolec_\w+)\(", c_header, re.M)
    for name in c_functions:
        checked += 1
        if not re.search(rf"^{name}$", exported_text, re.M):
            problems.append(f"rolec.h: {name} is declared but not exported")
    if checked < 30:
        problems.append(f"only {checked} public declarations found: the header scan is broken")
    return problems, checked


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--library", type=Path)
    parser.add_argument("--include-dir", type=Path)
    parser.add_argument("--nm", default="nm")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    if not args.library or not args.include_dir:
        parser.error("--library and --include-dir are required")

    symbols = exported(args.library, args.nm)
    failures = [f"{args.library.name} exports {text} ({name}), which is not rolec's"
                for name, text in symbols if not allowed(name, text)]
    problems, checked = header_problems(args.include_dir, [text for _, text in symbols])
    failures += problems
    for failure in failures:
        print(f"FAIL: {failure}")
    if failures:
        return 1
    c_count = sum(1 for name, _ in symbols if name.startswith("rolec_"))
    print(f"{args.library.name}: {len(symbols)} exported symbols ({c_count} C, "
          f"{len(symbols) - c_count} C++), {checked} public declarations exported")
    print("exported symbols: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
