#!/usr/bin/env python3
"""Generates rolec's standard library (module `entra`) from the reference sources.

Thin entry point; the generator is the package stdlib/generator/ (see its __init__.py and
README.md). Run from the repository root:

    python3 stdlib/generate.py --reference ../shared/reference          # rewrite the outputs
    python3 stdlib/generate.py --reference ../shared/reference --check  # exit 1 if they differ
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from generator.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
