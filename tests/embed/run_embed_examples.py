#!/usr/bin/env python3
"""examples/embed/ built OUT OF TREE against the INSTALLED package (docs/embedding.md).

Installs the build to a temporary prefix (cmake --install), checks the installed files and the
shared library's SONAME, then configures, builds and runs, each in its own temporary directory:
  - examples/embed/c    with find_package(rolec)  -> rolec::rolec (librolec.so)
  - examples/embed/cpp  with find_package(rolec)  -> rolec::rolec (librolec.so)
  - examples/embed/cpp  with -DROLEC_EMBED_STATIC=ON -> rolec::rolec_static (librolec.a)
  - examples/embed/c    with examples/embed/Makefile and pkg-config (rolec.pc)
and compares each program's output with tests/embed/expected_{c,cpp}.txt exactly
(ROLEC_UPDATE_GOLDEN=1 rewrites them from the output; review the diff). Nothing of the
build or source tree is on any search path: only the prefix. Prints "embed examples: ok" last.

  run_embed_examples.py --build-dir BUILD --source-dir SRC --cmake CMAKE --generator GEN
                        --c-compiler CC --cxx-compiler CXX --abi N --version X.Y.Z
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def run(command, cwd=None, env=None):
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True,
                            text=True)
    if result.returncode != 0:
        fail(f"{' '.join(str(c) for c in command)} exited {result.returncode}\n"
             f"--- stdout\n{result.stdout}--- stderr\n{result.stderr}")
    return result.stdout


def clean_env():
    """The environment without anything that could find rolec outside the prefix."""
    env = dict(os.environ)
    for name in ("LD_LIBRARY_PATH", "CMAKE_PREFIX_PATH", "PKG_CONFIG_PATH", "CPATH",
                 "LIBRARY_PATH", "rolec_DIR", "rolec_ROOT"):
        env.pop(name, None)
    return env


def check_output(name, output, expected_file):
    if os.environ.get("ROLEC_UPDATE_GOLDEN") == "1":  # as the golden tests: review the diff
        expected_file.write_text(output)
    expected = expected_file.read_text()
    if output != expected:
        fail(f"{name}: output differs from {expected_file.name}\n--- got\n{output}"
             f"--- expected\n{expected}")
    print(f"{name}: output matches {expected_file.name} ({len(expected.splitlines())} lines)")


def main():
    parser = argparse.ArgumentParser()
    for option in ("--build-dir", "--source-dir", "--cmake", "--generator", "--c-compiler",
                   "--cxx-compiler", "--abi", "--version"):
        parser.add_argument(option, required=True)
    parser.add_argument("--make-program", default="")
    args = parser.parse_args()
    source = Path(args.source_dir).resolve()
    examples = source / "examples" / "embed"
    tests = source / "tests" / "embed"
    env = clean_env()

    work = Path(tempfile.mkdtemp(prefix="rolec-embed-"))
    try:
        prefix = work / "prefix"
        run([args.cmake, "--install", args.build_dir, "--prefix", prefix], env=env)
        libdir = prefix / "lib"
        so_name = f"librolec.so.{args.abi}"
        expected_files = [
            "include/rolec/rolec.h", "include/rolec/export.h", "include/rolec/policy.hpp",
            "include/rolec/compiler.hpp", "include/rolec/analysis.hpp", "lib/librolec.a",
            "lib/librolec.so", f"lib/{so_name}", f"lib/librolec.so.{args.version}",
            "lib/cmake/rolec/rolecConfig.cmake", "lib/cmake/rolec/rolecConfigVersion.cmake",
            "lib/cmake/rolec/rolecTargets.cmake", "lib/pkgconfig/rolec.pc", "bin/rolec"]
        missing = [f for f in expected_files if not (prefix / f).exists()]
        if missing:
            fail(f"not installed: {', '.join(missing)}")
        internal = [str(p.relative_to(prefix)) for p in (prefix / "include").rglob("*")
                    if p.is_file() and p.parent.name != "rolec"]
        if internal:
            fail(f"headers outside include/rolec/ installed: {', '.join(internal)}")
        dynamic = run(["readelf", "-d", libdir / "librolec.so"], env=env)
        if f"Library soname: [{so_name}]" not in dynamic:
            fail(f"librolec.so's SONAME is not {so_name}:\n{dynamic}")
        print(f"installed {len(expected_files)} expected files; SONAME {so_name}")

        configure_common = ["-G", args.generator, f"-DCMAKE_PREFIX_PATH={prefix}",
                            "-DCMAKE_BUILD_TYPE=Release", f"-DCMAKE_C_COMPILER={args.c_compiler}",
                            f"-DCMAKE_CXX_COMPILER={args.cxx_compiler}",
                            "-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF"]
        if args.make_program:
            configure_common.append(f"-DCMAKE_MAKE_PROGRAM={args.make_program}")
        builds = [("c (find_package, shared)", "c", [], "embed_c", "expected_c.txt"),
                  ("c++ (find_package, shared)", "cpp", [], "embed_cpp", "expected_cpp.txt"),
                  ("c++ (find_package, static)", "cpp", ["-DROLEC_EMBED_STATIC=ON"], "embed_cpp",
                   "expected_cpp.txt")]
        for index, (name, folder, extra, program, expected) in enumerate(builds):
            build = work / f"build-{index}"
            run([args.cmake, "-S", examples / folder, "-B", build] + configure_common + extra,
                env=env)
            cache = (build / "CMakeCache.txt").read_text()
            if f"rolec_DIR:PATH={prefix}/lib/cmake/rolec" not in cache:
                fail(f"{name}: rolec was not found in the installed prefix {prefix}")
            run([args.cmake, "--build", build], env=env)
            binary = build / program
            needed = run(["readelf", "-d", binary], env=env)
            links_shared = f"[{so_name}]" in needed
            if links_shared != ("static" not in name):
                fail(f"{name}: {program} {'needs' if links_shared else 'does not need'} {so_name}")
            check_output(name, run([binary], env=env), tests / expected)

        # pkg-config: the Makefile compiles the C example with `pkg-config --cflags --libs rolec`.
        pkg_env = dict(env, PKG_CONFIG_PATH=str(libdir / "pkgconfig"), CC=args.c_compiler)
        cflags = run(["pkg-config", "--cflags", "rolec"], env=pkg_env).split()
        includes = [os.path.normpath(flag[2:]) for flag in cflags if flag.startswith("-I")]
        if str(prefix / "include") not in includes:
            fail(f"pkg-config --cflags rolec does not name {prefix}/include: {cflags}")
        out = work / "pkg-config"
        out.mkdir()
        run(["make", "-f", examples / "Makefile", f"OUT={out}"], env=pkg_env)
        check_output("c (pkg-config, shared)", run([out / "embed_c"], env=env),
                     tests / "expected_c.txt")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("embed examples: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
