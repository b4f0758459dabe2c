"""examples/audit_graph_export.py on the checked-in fixtures, run as a user would run it."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FIXTURES = EXAMPLES / "fixtures"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(EXAMPLES / "audit_graph_export.py"), *args],
                          capture_output=True, text=True, timeout=120)


def test_graph_export_report_matches_expected() -> None:
    done = run(str(FIXTURES / "role_assignments.json"))
    # Exit 2: Dave's app-scoped assignment and Erin's unknown role were not evaluated.
    assert done.returncode == 2, done.stderr
    assert done.stdout == (FIXTURES / "expected_audit.txt").read_text(encoding="utf-8")


def test_json_report_and_custom_policy() -> None:
    done = run(str(FIXTURES / "principals.json"), "--policy", str(FIXTURES / "custom.role"),
               "--json")
    assert done.returncode == 0, done.stderr
    report = {entry["id"]: entry for entry in json.loads(done.stdout)}
    rotator = report["svc-rotate"]["can"]
    assert [f["check"] for f in rotator] == ["add credentials to an application"]
    assert rotator[0]["where"] == ["/"]
    assert rotator[0]["because"][0].endswith("custom.role:4:3")
    assert report["u-frank"]["can"] == [] and report["u-frank"]["not_evaluated"] == []


def test_bad_input_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"value": [{"principalId": "x"}]}')
    done = run(str(bad))
    assert done.returncode == 1 and "roleDefinitionId" in done.stderr
    bad.write_text("{not json")
    done = run(str(bad))
    assert done.returncode == 1 and "audit: error:" in done.stderr
