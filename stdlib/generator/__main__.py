"""`python3 -m generator` (from stdlib/) is `python3 stdlib/generate.py`."""

import sys

from .cli import main

sys.exit(main(sys.argv[1:]))
