#!/usr/bin/env python3
"""Runs the CI examples of examples/ci/ exactly as a user would copy them (ctest ci.examples).

The GitHub workflow: every step that has an `id` is run with `bash -e` (what GitHub Actions runs a
`run:` step with when bash is present), in order, inside a scratch git repository whose pull request
adds, changes and leaves alone role files; the environment is the workflow's `env:` plus what GitHub
sets for a pull_request event (GITHUB_BASE_REF) and what the earlier, untested steps would have done
(rolec on PATH). The pre-commit config: each hook's `entry` is run with the staged files its `files`
pattern selects, as pre-commit does. What the test checks is printed as it goes; any mismatch is a
"FAIL:" line and exit status 1.
"""
import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

import jsonschema
import yaml

FAILURES = []


def check(condition, what):
    print(("ok:   " if condition else "FAIL: ") + what)
    if not condition:
        FAILURES.append(what)


def git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


GOOD_ROLE = """role "Contoso Group Reader" {
  description "Reads groups."
  allow microsoft.directory/groups/standard/read
}
"""
# An unknown action: a compile error, so lint fails whatever --fail-on says.
BAD_ROLE = """role "Contoso User Editor" {
  description "Updates users' basic properties."
  allow microsoft.directory/users/basic/updat
}
"""
# A redundant grant: a lint warning, which `--fail-on warning` turns into a failure.
REDUNDANT_ROLE = """role "Contoso App Reader" {
  description "Reads applications."
  allow microsoft.directory/applications/standard/read
  allow microsoft.directory/applications/standard/read
}
"""

# A Graph unifiedRoleDefinition as a CI keeps it: a misspelt action, reported at its JSON string.
GRAPH_ROLE = """{
  "displayName": "Contoso Device Reader",
  "description": "Reads devices.",
  "isEnabled": true,
  "rolePermissions": [
    {"allowedResourceActions": ["microsoft.directory/devices/standard/reed"]}
  ]
}
"""


def write(repo, path, text):
    full = os.path.join(repo, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write(text)


def make_pull_request(scratch):
    """origin: main with roles/reader.role; a clone on a branch that adds a bad role, a redundant
    role and a document, and leaves reader.role alone. Returns the clone's path."""
    origin = os.path.join(scratch, "origin")
    os.makedirs(origin)
    git(origin, "init", "-q", "-b", "main")
    write(origin, "roles/reader.role", GOOD_ROLE)
    write(origin, "README.md", "policies\n")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "base")
    clone = os.path.join(scratch, "work")
    subprocess.run(["git", "clone", "-q", origin, clone], check=True)
    git(clone, "checkout", "-q", "-b", "change")
    write(clone, "roles/helpdesk/password.role", BAD_ROLE)
    write(clone, "roles/apps.role", REDUNDANT_ROLE)
    write(clone, "roles/graph/devices.json", GRAPH_ROLE)
    write(clone, "docs/notes.md", "not a role\n")
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "change")
    return clone


def run_step(step, repo, env):
    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env,
                            capture_output=True, text=True)
    return result


def test_workflow(args, scratch):
    with open(os.path.join(args.source_dir, "examples/ci/github-workflow.yml"), encoding="utf-8") as f:
        workflow = yaml.safe_load(f)
    # PyYAML reads the key `on` as the boolean True (YAML 1.1); GitHub reads it as "on".
    trigger = workflow.get("on", workflow.get(True))
    check(isinstance(trigger, dict) and "pull_request" in trigger, "the workflow runs on pull_request")
    check(workflow.get("permissions", {}).get("security-events") == "write",
          "the workflow may upload SARIF (permissions.security-events: write)")
    steps = workflow["jobs"]["lint"]["steps"]
    upload = [s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif")]
    check(len(upload) == 1 and upload[0]["with"]["sarif_file"] == "rolec.sarif",
          "one upload-sarif step uploads rolec.sarif")
    tested = [s for s in steps if "id" in s]
    check([s["id"] for s in tested] == ["changed", "annotate", "sarif"],
          "the steps with an id are changed, annotate, sarif")

    repo = make_pull_request(scratch)
    env = dict(os.environ)
    env.update({k: str(v) for k, v in workflow.get("env", {}).items()})
    env["HOME"] = scratch  # `git config --global` writes here, not to the real home
    env["GITHUB_BASE_REF"] = "main"
    env["PATH"] = os.path.dirname(args.rolec) + os.pathsep + env["PATH"]
    results = {}
    for step in tested:
        results[step["id"]] = run_step(step, repo, env)

    changed = results["changed"]
    listed = sorted(changed.stdout.split())
    check(changed.returncode == 0, "changed: exits 0")
    check(listed == ["roles/apps.role", "roles/graph/devices.json", "roles/helpdesk/password.role"],
          f"changed: lists the added role files only, not the unchanged one or docs ({listed})")

    annotate = results["annotate"]
    check(annotate.returncode == 1, "annotate: exits 1 (an unknown action is a compile error)")
    check(re.search(r"^::error file=roles/helpdesk/password\.role,line=3,col=9,", annotate.stdout, re.M)
          is not None, "annotate: an ::error annotation at the unknown action (line 3, column 9)")
    check(re.search(r"^::error file=roles/graph/devices\.json,line=6,col=33,.*E0201", annotate.stdout, re.M)
          is not None, "annotate: an ::error annotation at the misspelt action's JSON string (6:33)")
    # A compile error stops the lint rules of that run, so the warning is shown once it compiles.

    sarif = results["sarif"]
    check(sarif.returncode == 1, "sarif: exits 1 (a compile error fails even with --fail-on none)")
    sarif_path = os.path.join(repo, "rolec.sarif")
    log = None
    try:
        with open(sarif_path, encoding="utf-8") as f:
            log = json.load(f)
    except (OSError, ValueError) as e:
        check(False, f"sarif: rolec.sarif is a JSON document ({e})")
    if log is not None:
        with open(os.path.join(args.source_dir, "tests/sarif/sarif-schema-2.1.0.json"),
                  encoding="utf-8") as f:
            schema = json.load(f)
        errors = list(jsonschema.Draft4Validator(schema).iter_errors(log))
        check(not errors, f"sarif: rolec.sarif is valid SARIF 2.1.0 ({len(errors)} schema errors)")
        uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
                for r in log["runs"][0]["results"] for loc in r["locations"]}
        check("roles/helpdesk/password.role" in uris, "sarif: a result points at the bad role file")
        check("roles/graph/devices.json" in uris, "sarif: a result points at the bad Graph JSON file")

    # The author fixes the action; the warning of the redundant grant still fails --fail-on warning.
    write(repo, "roles/helpdesk/password.role", BAD_ROLE.replace("basic/updat", "basic/update"))
    write(repo, "roles/graph/devices.json", GRAPH_ROLE.replace("standard/reed", "standard/read"))
    git(repo, "commit", "-q", "-am", "fix")
    annotate = run_step(tested[1], repo, env)
    check(annotate.returncode == 1 and
          re.search(r"^::warning file=roles/apps\.role,line=4,.*redundant-grant", annotate.stdout, re.M)
          is not None, "annotate after the fix: a redundant-grant ::warning fails --fail-on warning")
    write(repo, "roles/apps.role", REDUNDANT_ROLE.replace(
        "  allow microsoft.directory/applications/standard/read\n", "", 1))
    git(repo, "commit", "-q", "-am", "fix again")
    annotate = run_step(tested[1], repo, env)
    check(annotate.returncode == 0, f"annotate when clean: exits 0 ({annotate.stdout.strip()!r})")
    sarif = run_step(tested[2], repo, env)
    check(sarif.returncode == 0, "sarif when clean: exits 0")

    # No role file changed: both lint steps succeed without running rolec on nothing.
    git(repo, "reset", "-q", "--hard", "origin/main")
    for step in tested:
        results[step["id"]] = run_step(step, repo, env)
    check(all(r.returncode == 0 for r in results.values()),
          "a pull request without role changes: every step exits 0")


def test_pre_commit(args, scratch):
    with open(os.path.join(args.source_dir, "examples/ci/pre-commit-config.yaml"), encoding="utf-8") as f:
        config = yaml.safe_load(f)
    hooks = [h for repo in config["repos"] for h in repo["hooks"]]
    check([h["id"] for h in hooks] == ["rolec-lint"], "the pre-commit config has the hook rolec-lint")
    repo = os.path.join(scratch, "precommit")
    os.makedirs(repo)
    write(repo, "roles/reader.role", GOOD_ROLE)
    write(repo, "roles/password.role", BAD_ROLE)
    write(repo, "roles/devices.json", GRAPH_ROLE)
    write(repo, "docs/readme.role", BAD_ROLE)  # outside roles/: the hook must not see it
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(args.rolec) + os.pathsep + env["PATH"]
    for hook in hooks:
        pattern = re.compile(hook["files"])
        staged = ["roles/reader.role", "roles/password.role", "roles/devices.json", "docs/readme.role"]
        selected = [p for p in staged if pattern.search(p)]
        check(selected == ["roles/reader.role", "roles/password.role", "roles/devices.json"],
              f"{hook['id']}: `files` selects the role files under roles/ ({selected})")
        argv = shlex.split(hook["entry"])
        bad = subprocess.run(argv + selected, cwd=repo, env=env, capture_output=True, text=True)
        check(bad.returncode == 1 and "roles/password.role:3:9: error[E0201]" in bad.stderr
              and "roles/devices.json:6:33: error[E0201]" in bad.stderr,
              f"{hook['id']}: blocks the commit with the errors at roles/password.role:3:9 and "
              "roles/devices.json:6:33")
        good = subprocess.run(argv + ["roles/reader.role"], cwd=repo, env=env,
                              capture_output=True, text=True)
        check(good.returncode == 0, f"{hook['id']}: lets a clean role file through")


def rule_ids(path, link_prefix):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return sorted(set(re.findall(r"^\| \[`([a-z-]+)`\]\(" + re.escape(link_prefix) + "#", text, re.M)))


def test_docs(args):
    lint = rule_ids(os.path.join(args.source_dir, "docs/lint.md"), "")
    ci = rule_ids(os.path.join(args.source_dir, "docs/ci.md"), "lint.md")
    check(len(lint) >= 7 and lint == ci, f"docs/ci.md lists exactly the rules of docs/lint.md ({ci} vs {lint})")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rolec", required=True)
    parser.add_argument("--source-dir", required=True)
    args = parser.parse_args()
    args.rolec = os.path.abspath(args.rolec)
    # The scratch repositories' commits need an identity; a fresh machine has none configured.
    for var in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        os.environ[var] = "rolec ci test"
    for var in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        os.environ[var] = "ci-test@example.invalid"
    scratch = tempfile.mkdtemp(prefix="rolec-ci-examples-")
    try:
        test_workflow(args, scratch)
        test_pre_commit(args, scratch)
        test_docs(args)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if FAILURES:
        print(f"{len(FAILURES)} checks failed")
        return 1
    print("ci examples: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
