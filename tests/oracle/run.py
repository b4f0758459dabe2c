#!/usr/bin/env python3
"""Compare rolec eval --requests - with the independent oracle on generated requests.

usage: run.py --rolec PATH --shared DIR [--count N] [--seed S] [--dump FILE]

Exit status 1 if fewer than 100,000 requests were compared (unless --min-count says otherwise),
if agreement is below 99.9 %, or if rolec allows anything the oracle denies (never allowlisted).
Disagreement classes argued in DISAGREEMENTS.md may be listed in ALLOWLIST below, each naming its
section; they are reported but not counted against agreement.
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate_requests  # noqa: E402
import oracle  # noqa: E402

# (class predicate name, DISAGREEMENTS.md section). Only rolec-deny/oracle-allow classes may be
# listed here; a rolec allow that the oracle denies always fails the test.
ALLOWLIST = []


def outcome_of_rolec(obj):
    if obj.get("errors"):
        return "error"
    return obj.get("decision")


NON_ADMIN = {r.lower() for r in oracle.NON_ADMIN_ROLES}


def target_shape(req):
    """The target's shape, coarse enough to group: kind, whether it holds an admin role (and
    whether that is Global Administrator), the boolean facts, self/owned, in an assignment's unit."""
    t = req.get("target", {})
    bits = [(t.get("kind") or "?").lower()]
    admin = [r for r in t.get("roles", []) if r.lower() not in NON_ADMIN]
    if any(r.lower() == "global administrator" for r in admin):
        bits.append("admin(GA)")
    elif admin:
        bits.append("admin")
    else:
        bits.append("no-admin")
    for f, short in (("roleAssignableGroupMember", "ragMember"),
                     ("roleScopedToRestrictedAdminUnit", "restrictedAuRole"),
                     ("inRestrictedAdminUnit", "inRestrictedAu"),
                     ("roleAssignable", "roleAssignable")):
        if t.get(f):
            bits.append(short)
    if t.get("id") and t.get("id") == req["principal"].get("id"):
        bits.append("self")
    if req["principal"].get("id") in t.get("owners", []):
        bits.append("owned")
    aus = {a.get("scope", "/").split("/")[-1] for a in req["principal"]["assignments"]
           if a.get("scope", "/") != "/"}
    if aus:
        bits.append("in-unit" if aus & set(t.get("adminUnits", [])) else "outside-unit")
        if t.get("restrictedAdminUnits"):
            bits.append("at-restricted-unit" if aus & set(t["restrictedAdminUnits"])
                        else "not-at-restricted-unit")
    return " ".join(bits)


def klass(req, orc):
    def name(ref):
        role = orc.s.lookup_role(ref)
        return role.name if role else ref
    roles = " + ".join(sorted({"%s@%s" % (name(a["role"]), "au" if a.get("scope", "/") != "/" else "/")
                               for a in req["principal"]["assignments"]}))
    return (roles, req["action"].lower(), target_shape(req))


def categories(req):
    """Coverage categories of a request (a request may be in several)."""
    a = req["action"].lower()
    t = req.get("target", {})
    out = []
    if a in oracle.RESET_ACTIONS:
        out.append("reset-password")
    if a in oracle.SENSITIVE_ACTIONS:
        out.append("sensitive-action")
    if a.startswith(oracle.AUTH_METHODS_PREFIX):
        out.append("auth-methods")
    if oracle.well_formed(req["action"]) and oracle.is_keyword_action(req["action"]):
        out.append("keyword-query")
    if any(x.get("scope", "/") != "/" for x in req["principal"]["assignments"]):
        out.append("au-scope")
    if t.get("inRestrictedAdminUnit"):
        out.append("in-restricted-au")
    if t.get("restrictedAdminUnits"):
        out.append("restricted-au-named")
    if t.get("roleAssignableGroupMember"):
        out.append("rag-member")
    if [r for r in t.get("roles", []) if r.lower() not in NON_ADMIN]:
        out.append("admin-target")
    if t.get("id") and t.get("id") == req["principal"].get("id"):
        out.append("self")
    if len(req["principal"]["assignments"]) > 1:
        out.append("multi-assignment")
    return out


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--rolec", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--count", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-count", type=int, default=100000)
    ap.add_argument("--no-sweep", action="store_true",
                    help="leave out the deterministic matrix sweep added to the random requests")
    ap.add_argument("--show", type=int, default=20, help="disagreement classes to print")
    ap.add_argument("--dump", help="write the disagreeing requests as JSONL to this file")
    args = ap.parse_args(argv)

    t0 = time.time()
    orc = oracle.load(args.shared)
    reqs = generate_requests.generate(orc.s, args.count, args.seed)
    n_random = len(reqs)
    if not args.no_sweep:
        reqs += generate_requests.matrix_sweep(orc.s, start_id=len(reqs))
    lines = "".join(json.dumps(r, separators=(",", ":")) + "\n" for r in reqs)
    t1 = time.time()
    proc = subprocess.run([args.rolec, "eval", "--requests", "-"], input=lines.encode(),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    t2 = time.time()
    out = proc.stdout.decode().splitlines()
    if len(out) != len(reqs):
        print("rolec answered %d lines for %d requests (exit %d): %s" %
              (len(out), len(reqs), proc.returncode, proc.stderr.decode()[:2000]))
        return 1
    mine = [orc.decide(r) for r in reqs]
    t3 = time.time()

    counts = collections.Counter()
    cover = collections.defaultdict(collections.Counter)
    classes = collections.OrderedDict()
    dump = []
    allowed_away = 0
    for req, line, o in zip(reqs, out, mine):
        obj = json.loads(line)
        if obj.get("id") != req["id"]:
            print("answer out of order: request id %r, answer %r" % (req["id"], obj.get("id")))
            return 1
        r = outcome_of_rolec(obj)
        for c in categories(req):
            cover[c][o] += 1
        counts["rolec_" + r] += 1
        counts["oracle_" + o] += 1
        if r == o:
            counts["agree"] += 1
            continue
        direction = "rolec-%s/oracle-%s" % (r, o)
        counts[direction] += 1
        k = klass(req, orc)
        if any(pred(req, r, o) for pred, _ in ALLOWLIST) and r != "allow":
            allowed_away += 1
            continue
        e = classes.setdefault(k, [direction, 0, req, obj])
        e[1] += 1
        dump.append(req)

    total = len(reqs)
    agree = counts["agree"] + allowed_away
    pct = 100.0 * agree / total if total else 0.0
    rolec_allow_oracle_deny = sum(v for k, v in counts.items()
                                  if k.startswith("rolec-allow/"))
    oracle_allow_rolec_deny = sum(v for k, v in counts.items()
                                  if k.startswith("rolec-") and k.endswith("/oracle-allow"))
    print("requests compared: %d (%d random, seed %d; %d matrix sweep)" %
          (total, n_random, args.seed, total - n_random))
    print("agreement: %d (%.3f %%)%s" % (agree, pct,
          " including %d allowlisted" % allowed_away if allowed_away else ""))
    print("rolec allow / oracle deny-or-error: %d" % rolec_allow_oracle_deny)
    print("oracle allow / rolec deny-or-error: %d" % oracle_allow_rolec_deny)
    for k in sorted(counts):
        if "/" in k:
            print("  %s: %d" % (k, counts[k]))
    print("outcomes: rolec allow %d deny %d error %d; oracle allow %d deny %d error %d" % tuple(
        counts[x] for x in ("rolec_allow", "rolec_deny", "rolec_error",
                            "oracle_allow", "oracle_deny", "oracle_error")))
    print("allow rate: %.1f %% (oracle)" % (100.0 * counts["oracle_allow"] / max(total, 1)))
    print("coverage (oracle outcomes): " + "; ".join(
        "%s %d (allow %d, deny %d, error %d)" % (c, sum(v.values()), v["allow"], v["deny"], v["error"])
        for c, v in sorted(cover.items())))
    print("time: generate %.1f s, rolec %.1f s, oracle %.1f s, total %.1f s" %
          (t1 - t0, t2 - t1, t3 - t2, t3 - t0))
    if classes:
        print("disagreement classes: %d (first %d, by count)" % (len(classes), args.show))
        for k, (direction, n, req, obj) in sorted(classes.items(), key=lambda kv: -kv[1][1])[:args.show]:
            print("  [%d] %s  %s | %s | %s" % (n, direction, k[0], k[1], k[2]))
            print("      e.g. %s" % json.dumps(req, separators=(",", ":")))
    if args.dump:
        with open(args.dump, "w") as f:
            for r in dump:
                f.write(json.dumps(r, separators=(",", ":")) + "\n")

    failed = False
    if n_random < args.min_count:
        print("FAIL: fewer than %d requests compared" % args.min_count)
        failed = True
    if pct < 99.9:
        print("FAIL: agreement below 99.9 %")
        failed = True
    if rolec_allow_oracle_deny:
        print("FAIL: rolec allows requests the oracle denies")
        failed = True
    print("FAILED" if failed else "PASSED")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
