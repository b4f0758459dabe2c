"""How the module finds librolec.so: ROLEC_LIBRARY first, else the library of the prefix it is
installed under (the layout `cmake --install` makes), checked in a fresh interpreter."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "rolec"


def fresh_python(env: dict, cwd: Path) -> subprocess.CompletedProcess:
    code = "import rolec; print(rolec.library_path()); print(rolec.library_version())"
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=60)


def test_installed_layout_finds_the_prefix_library(tmp_path: Path) -> None:
    site = tmp_path / "lib" / "python3" / "dist-packages"
    shutil.copytree(PACKAGE, site / "rolec", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(os.environ["ROLEC_LIBRARY"], tmp_path / "lib" / "librolec.so.1")
    env = {k: v for k, v in os.environ.items() if k != "ROLEC_LIBRARY"}
    env["PYTHONPATH"] = str(site)
    done = fresh_python(env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [str(tmp_path / "lib" / "librolec.so.1"), "(0, 1, 0)"]


def test_a_bad_rolec_library_is_a_clear_error(tmp_path: Path) -> None:
    env = dict(os.environ, ROLEC_LIBRARY=str(tmp_path / "nowhere.so"),
               PYTHONPATH=str(PACKAGE.parent))
    done = fresh_python(env, tmp_path)
    assert done.returncode != 0
    assert "rolec.errors.Error: library_not_found: librolec.so.1 not found; set ROLEC_LIBRARY" \
        in done.stderr and "nowhere.so" in done.stderr
