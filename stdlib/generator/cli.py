"""Argument handling: --reference, --seeds, --check and --out; writes or checks the outputs.
"""

import argparse
import difflib
import os
import sys

from . import __doc__ as PACKAGE_DOC
from .common import SourceError, read_text
from .driver import generate, stale_files


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))    # stdlib/generator
    repo_root = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=PACKAGE_DOC.split("\n")[0])
    parser.add_argument("--reference", required=True,
                        help="the reference folder (../shared/reference)")
    parser.add_argument("--seeds", help="the seeds folder (default: <reference>/../seeds)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if an output differs from what is committed")
    parser.add_argument("--out", default=repo_root, help="repository root to write into")
    args = parser.parse_args(argv)
    seeds = args.seeds or os.path.join(os.path.dirname(os.path.abspath(args.reference)), "seeds")
    try:
        out, owned = generate(args.reference, seeds, args.out)
    except (SourceError, OSError, KeyError, ValueError) as e:
        print("generate.py: error: %s" % e, file=sys.stderr)
        return 2
    stale = stale_files(args.out, owned, out)
    if args.check:
        bad = 0
        for rel in sorted(out):
            path = os.path.join(args.out, rel)
            have = read_text(path) if os.path.exists(path) else None
            if have != out[rel]:
                bad += 1
                if have is None:
                    print("missing: %s" % rel)
                else:
                    diff = difflib.unified_diff(have.split("\n"), out[rel].split("\n"),
                                                "a/" + rel, "b/" + rel, lineterm="", n=1)
                    print("\n".join(list(diff)[:40]))
        for rel in stale:
            bad += 1
            print("not generated (stale): %s" % rel)
        if bad:
            print("generate.py --check: %d file(s) differ; run python3 stdlib/generate.py "
                  "--reference ../shared/reference" % bad, file=sys.stderr)
            return 1
        print("generate.py --check: %d files up to date" % len(out))
        return 0
    for rel in sorted(out):
        path = os.path.join(args.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        have = read_text(path) if os.path.exists(path) else None
        if have != out[rel]:
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(out[rel])
    for rel in stale:
        os.remove(os.path.join(args.out, rel))
    print("generate.py: wrote %d files%s" % (len(out), ", removed %d stale" % len(stale)
                                             if stale else ""))
    return 0
