#!/usr/bin/env python3
"""Validates `rolec check --format sarif` against the OASIS SARIF 2.1.0 schema (tests/sarif/README.md).

Usage: validate_sarif.py --rolec PATH --source-dir DIR
Exits 0 when every log is valid and consistent, 1 otherwise (each failure printed).
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:  # scripts/install-deps.sh installs python3-jsonschema
    print("FAILED: python3-jsonschema is not installed (scripts/install-deps.sh installs it)")
    sys.exit(1)

# Cases written here: what the golden files do not have (non-ASCII before a caret, a path with a
# space, a clean file, a syntax error).
EXTRA_CASES = {
    "unicode columns.role": 'role "Ünïcødé" { allow microsoft.directory/users/pasword/update }\n',
    "clean.role": 'role "Clean" {\n  allow microsoft.directory/users/password/update\n}\n',
    "syntax.role": 'role "Broken" {\n  allow\n}\n',
    # Graph JSON (docs/graph-json.md): diagnostics located in the JSON, non-ASCII before a caret.
    "graph unknown action.json": '{\n  "displayName": "Ünïcødé",\n  "rolePermissions": [{"allowedResourceActions": '
                                 '["microsoft.directory/users/pasword/update"]}],\n  "colour": 1\n}\n',
    "graph invalid.json": '{"displayName": "Broken",\n "rolePermissions": [}\n',
}


def run(rolec, args, cwd):
    p = subprocess.run([rolec] + args, cwd=cwd, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def check_log(name, log, diagnostics, anchors, validator, failures):
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    for e in errors[:5]:
        failures.append("%s: schema: %s at %s" % (name, e.message, "/".join(map(str, e.path))))
    run0 = log["runs"][0]
    rules = run0["tool"]["driver"]["rules"]
    results = run0["results"]
    if run0.get("columnKind") != "unicodeCodePoints":
        failures.append("%s: columnKind is %r" % (name, run0.get("columnKind")))
    if len(results) != len(diagnostics):
        failures.append("%s: %d results but %d diagnostics in --format json"
                        % (name, len(results), len(diagnostics)))
    for rule in rules:
        anchor = rule["helpUri"].rsplit("#", 1)[-1]
        if anchor not in anchors:
            failures.append("%s: rule %s: helpUri anchor #%s is not in docs/diagnostics.md"
                            % (name, rule["id"], anchor))
    for result, diag in zip(results, diagnostics):
        where = "%s: result %s" % (name, result["ruleId"])
        if rules[result["ruleIndex"]]["id"] != result["ruleId"]:
            failures.append("%s: ruleIndex %d names %s" % (where, result["ruleIndex"],
                                                         rules[result["ruleIndex"]]["id"]))
        if result["ruleId"] != diag["code"] or result["level"] != diag["severity"]:
            failures.append("%s: does not match diagnostic %r" % (where, diag))
        loc = result["locations"][0]["physicalLocation"]
        region = loc["region"]
        if region["startLine"] != diag["line"]:
            failures.append("%s: startLine %d, diagnostic line %d" % (where, region["startLine"],
                                                                      diag["line"]))
        snippet = region.get("snippet", {}).get("text")
        if snippet is None or "\\u" in snippet:
            continue  # no snippet, or one with control characters escaped (not the file's text)
        # The region in code points selects what the byte span selects in the UTF-8 line.
        line_bytes = snippet.encode("utf-8")
        want = line_bytes[diag["column"] - 1: diag["column"] - 1 + diag["length"]].decode(
            "utf-8", errors="replace")
        got = snippet[region["startColumn"] - 1: region["endColumn"] - 1]
        if want and got != want:
            failures.append("%s: region columns %d-%d select %r, the diagnostic's span %r"
                            % (where, region["startColumn"], region["endColumn"], got, want))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rolec", required=True)
    ap.add_argument("--source-dir", required=True)
    a = ap.parse_args()
    a.rolec = os.path.abspath(a.rolec)
    root = os.path.abspath(a.source_dir)
    with open(os.path.join(root, "tests/sarif/sarif-schema-2.1.0.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft4Validator.check_schema(schema)
    validator = jsonschema.Draft4Validator(schema)
    with open(os.path.join(root, "docs/diagnostics.md"), encoding="utf-8") as f:
        anchors = set(re.findall(r'<a id="([a-z0-9-]+)"></a>', f.read()))

    # Every code the sources can report has its anchor (so every helpUri resolves).
    failures = []
    for layer in ("grammar", "compiler", "import", "cli", "runtime"):
        for src in glob.glob(os.path.join(root, layer, "*.cc")) + glob.glob(os.path.join(root, layer, "*.h")):
            with open(src, encoding="utf-8") as f:
                for code in sorted(set(re.findall(r'"([EW]0\d{3})"', f.read()))):
                    if code.lower() not in anchors:
                        failures.append("%s reports %s, which docs/diagnostics.md does not document "
                                        "(no <a id=\"%s\"></a>)" % (os.path.relpath(src, root), code,
                                                                     code.lower()))
    cases = sorted(os.path.relpath(p, root)
                   for p in glob.glob(os.path.join(root, "tests/golden/check/*.role")))
    checked = results = 0
    with tempfile.TemporaryDirectory() as tmp:
        for fname, text in EXTRA_CASES.items():
            with open(os.path.join(tmp, fname), "w", encoding="utf-8") as f:
                f.write(text)
        runs = [(c, root) for c in cases] + [(f, tmp) for f in sorted(EXTRA_CASES)]
        for path, cwd in runs:
            code, out, err = run(a.rolec, ["check", path, "--format", "sarif"], cwd)
            if code not in (0, 1):
                failures.append("%s: exit %d: %s" % (path, code, err.strip()))
                continue
            try:
                log = json.loads(out)
            except ValueError as e:
                failures.append("%s: not JSON: %s" % (path, e))
                continue
            _, jout, _ = run(a.rolec, ["check", path, "--format", "json"], cwd)
            diagnostics = json.loads(jout)["diagnostics"]
            check_log(path, log, diagnostics, anchors, validator, failures)
            checked += 1
            results += len(log["runs"][0]["results"])
        # The non-ASCII case must have selected the misspelt action by code points.
        code, out, _ = run(a.rolec, ["check", "unicode columns.role", "--format", "sarif"], tmp)
        res = json.loads(out)["runs"][0]["results"][0]
        loc = res["locations"][0]["physicalLocation"]
        if loc["artifactLocation"]["uri"] != "unicode%20columns.role":
            failures.append("unicode case: uri %r" % loc["artifactLocation"]["uri"])
        if loc["region"]["startColumn"] != 24:
            failures.append("unicode case: startColumn %d, expected 24" % loc["region"]["startColumn"])
    for f in failures:
        print("FAIL:", f)
    print("validated %d SARIF logs (%d results) against SARIF 2.1.0: %s"
          % (checked, results, "ok" if not failures else "%d FAILED" % len(failures)))
    return 1 if failures or checked < 10 else 0


if __name__ == "__main__":
    sys.exit(main())
