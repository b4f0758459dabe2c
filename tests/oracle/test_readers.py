"""Unit tests of the oracle's readers and rules, against cells read by hand from the docs.

The reference data is found at $ORACLE_SHARED, else ../shared from the repository root, else
/work/shared.
"""

import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate_requests  # noqa: E402
import oracle  # noqa: E402


def shared_dir():
    for d in (os.environ.get("ORACLE_SHARED"),
              os.path.join(HERE, "..", "..", "..", "shared"), "/work/shared"):
        if d and os.path.isdir(os.path.join(d, "reference")):
            return d
    raise RuntimeError("no reference data: set ORACLE_SHARED to the shared directory")


_ORACLE = None


def orc():
    global _ORACLE
    if _ORACLE is None:
        _ORACLE = oracle.load(shared_dir())
    return _ORACLE


def req(held, action, principal="alice", **target):
    assignments = []
    for r in held:
        name, _, scope = r.partition("@")
        assignments.append({"role": name, "scope": scope or "/"})
    target.setdefault("kind", "user")
    return {"principal": {"id": principal, "assignments": assignments}, "action": action,
            "target": target}


RESET = "microsoft.directory/users/password/update"
DELETE = "microsoft.directory/users/delete"


class MatrixReaderTest(unittest.TestCase):
    def test_reset_columns(self):
        m = orc().s.reset_matrix
        for c in ("password administrator", "helpdesk administrator", "authentication administrator",
                  "user administrator", "privileged authentication administrator", "global administrator"):
            self.assertIn(c, m)

    def test_known_reset_cells(self):
        m = orc().s.reset_matrix
        # "a Password Administrator can reset the password for Directory Readers, Guest Inviter,
        # Password Administrator, and users with no administrator role"
        pa = {k for k, v in m["password administrator"].items() if v}
        self.assertEqual(pa, {"directory readers", "guest inviter", "password administrator", "@noadmin"})
        self.assertTrue(m["helpdesk administrator"]["message center reader"])
        self.assertFalse(m["helpdesk administrator"]["authentication administrator"])
        self.assertTrue(m["user administrator"]["groups administrator"])
        self.assertFalse(m["user administrator"]["global administrator"])
        self.assertTrue(m["global administrator"]["global administrator"])   # the cell with "*"
        self.assertTrue(m["privileged authentication administrator"]["@rag"])
        self.assertFalse(m["user administrator"]["@restricted"])
        self.assertFalse(m["authentication administrator"]["@other"])

    def test_known_sensitive_cells(self):
        m = orc().s.sensitive_matrix
        self.assertEqual(set(m), {"authentication administrator", "user administrator",
                                  "privileged authentication administrator", "global administrator"})
        self.assertTrue(m["authentication administrator"]["message center reader"])
        self.assertFalse(m["authentication administrator"]["helpdesk administrator"])
        self.assertTrue(m["user administrator"]["helpdesk administrator"])
        self.assertFalse(m["user administrator"]["privileged role administrator"])

    def test_auth_admin_columns_agree(self):
        # authentication-administrator.md sends auth-method questions to the reset matrix,
        # authentication-table-include.md to the sensitive one: rule 5f relies on them agreeing.
        r = orc().s.reset_matrix["authentication administrator"]
        s = orc().s.sensitive_matrix["authentication administrator"]
        self.assertEqual(r, s)

    def test_reset_note_columns(self):
        m = orc().s.reset_matrix
        self.assertTrue(m["partner tier2 support"]["@other"])
        self.assertFalse(m["partner tier1 support"]["@other"])


class RoleReaderTest(unittest.TestCase):
    def test_role_count_and_docs_only_role(self):
        s = orc().s
        self.assertGreaterEqual(len(s.roles), 140)
        r = s.lookup_role("00cf5c54-4693-4f59-a0ac-ab79ef0a974d")
        self.assertEqual(r.name, "Microsoft 365 Support Engineer")

    def test_known_actions(self):
        r = orc().s.lookup_role("helpdesk administrator")
        acts = {p for p, _ in r.grants}
        self.assertIn(RESET, acts)
        self.assertIn("microsoft.directory/bitlockerKeys/key/read", acts)

    def test_inheritance(self):
        s = orc().s
        # Helpdesk Administrator inherits Directory Readers (88d8e3e3-...)
        dr = {p for p, _ in s.lookup_role("Directory Readers").grants}
        hd = {p for p, _ in s.lookup_role("Helpdesk Administrator").grants}
        self.assertTrue(dr)
        self.assertTrue(dr <= hd)
        self.assertNotIn(RESET, dr)

    def test_conditions(self):
        s = orc().s
        user = s.lookup_role("User")
        self.assertIn(("microsoft.directory/users/changePassword", "self"), user.grants)
        self.assertIn(("microsoft.directory/applications/delete", "owner"), user.grants)

    def test_au_scopable(self):
        s = orc().s
        self.assertEqual(len(s.au_scopable), 12)
        self.assertIn("helpdesk administrator", s.au_scopable)
        self.assertNotIn("global administrator", s.au_scopable)

    def test_excluding_rag(self):
        s = orc().s
        self.assertIn("microsoft.directory/groups/members/update", s.excluding_rag)
        self.assertNotIn("microsoft.directory/groups/members/read", s.excluding_rag)


class PatternTest(unittest.TestCase):
    def c(self, p, a):
        return oracle.covers(oracle.split_pattern(p), oracle.split_pattern(a))

    def test_keywords(self):
        self.assertTrue(self.c("microsoft.directory/users/allProperties/allTasks", DELETE))
        self.assertTrue(self.c("microsoft.directory/users/allProperties/allTasks", RESET))
        self.assertFalse(self.c("microsoft.directory/users/allTasks", RESET))
        self.assertTrue(self.c("microsoft.directory/users/allTasks", DELETE))
        self.assertTrue(self.c("microsoft.directory/allEntities/allProperties/read",
                               "microsoft.directory/users/standard/read"))

    def test_subtypes(self):
        self.assertTrue(self.c("microsoft.directory/groups/members/update",
                               "microsoft.directory/groups.security/members/update"))
        self.assertFalse(self.c("microsoft.directory/groups.security/members/update",
                                "microsoft.directory/groups/members/update"))

    def test_property_sets(self):
        self.assertFalse(self.c("microsoft.directory/users/standard/read",
                                "microsoft.directory/users/basic/read"))

    def test_well_formed(self):
        self.assertTrue(oracle.well_formed("microsoft.directory/allEntities/allTasks"))
        self.assertFalse(oracle.well_formed("microsoft.directory/allTasks/delete"))
        self.assertFalse(oracle.well_formed("not-an-action"))

    def test_reads(self):
        for v in ("read", "limitedRead", "restrictedRead", "getPasswordSingleSignOnCredentials"):
            self.assertTrue(oracle.reads(v), v)
        for v in ("update", "allTasks", "invalidateAllRefreshTokens", "spread"[:0] + "manage"):
            self.assertFalse(oracle.reads(v), v)


class DecisionTest(unittest.TestCase):
    def d(self, *a, **k):
        return orc().decide(req(*a, **k))

    def test_matrix(self):
        self.assertEqual(self.d(["Helpdesk Administrator"], RESET), "allow")
        self.assertEqual(self.d(["Helpdesk Administrator"], RESET, roles=["Global Administrator"]), "deny")
        self.assertEqual(self.d(["Helpdesk Administrator"], RESET, roles=["User"]), "allow")
        self.assertEqual(self.d(["Helpdesk Administrator"], RESET, roleAssignableGroupMember=True), "deny")
        self.assertEqual(self.d(["Privileged Authentication Administrator"], RESET,
                                roles=["Global Administrator"], roleAssignableGroupMember=True), "allow")
        self.assertEqual(self.d(["Partner Tier2 Support"], RESET, roles=["Global Administrator"]), "allow")
        self.assertEqual(self.d(["Partner Tier1 Support"], RESET, roles=["Global Administrator"]), "deny")
        # the Tier2 note is under the reset table only
        self.assertEqual(self.d(["Partner Tier2 Support"], DELETE, roles=["Reports Reader"]), "deny")
        self.assertEqual(self.d(["User Administrator"], DELETE, roles=["Helpdesk Administrator"]), "allow")

    def test_auth_admin_auth_methods(self):
        a = "microsoft.directory/users/authenticationMethods/create"
        self.assertEqual(self.d(["Authentication Administrator"], a), "allow")
        self.assertEqual(self.d(["Authentication Administrator"], a, roles=["Security Administrator"]), "deny")
        self.assertEqual(self.d(["Authentication Administrator"], a, roles=["Reports Reader"]), "allow")

    def test_au_scope(self):
        self.assertEqual(self.d(["Helpdesk Administrator@/administrativeUnits/au1"], RESET,
                                adminUnits=["au1"]), "allow")
        self.assertEqual(self.d(["Helpdesk Administrator@/administrativeUnits/au1"], RESET,
                                adminUnits=["au2"]), "deny")
        self.assertEqual(self.d(["User Administrator@/administrativeUnits/au1"], RESET,
                                adminUnits=["au1"], roles=["Helpdesk Administrator"]), "deny")
        self.assertEqual(self.d(["Global Administrator@/administrativeUnits/au1"], RESET,
                                adminUnits=["au1"]), "error")

    def test_restricted_au(self):
        self.assertEqual(self.d(["Global Administrator"], RESET, inRestrictedAdminUnit=True), "deny")
        self.assertEqual(self.d(["Global Administrator"], "microsoft.directory/users/standard/read",
                                inRestrictedAdminUnit=True), "allow")
        # "Another regular administrative unit of which the object is a member": blocked
        helpdesk = "Helpdesk Administrator@/administrativeUnits/"
        self.assertEqual(self.d([helpdesk + "au1"], RESET, adminUnits=["au1", "au2"],
                                restrictedAdminUnits=["au2"]), "deny")
        self.assertEqual(self.d([helpdesk + "au2"], RESET, adminUnits=["au1", "au2"],
                                restrictedAdminUnits=["au2"]), "allow")
        # no restricted unit named: the only unit is it; of two, neither is known to be
        self.assertEqual(self.d([helpdesk + "au1"], RESET, adminUnits=["au1"],
                                inRestrictedAdminUnit=True), "allow")
        self.assertEqual(self.d([helpdesk + "au1"], RESET, adminUnits=["au1", "au2"],
                                inRestrictedAdminUnit=True), "deny")

    def test_self(self):
        self.assertEqual(self.d(["Guest User"], RESET, principal="bob", id="bob"), "allow")
        self.assertEqual(self.d(["Guest User"], RESET, principal="bob", id="carol"), "deny")

    def test_keyword_queries(self):
        self.assertEqual(self.d(["Global Administrator"],
                                "microsoft.directory/users/allProperties/allTasks"), "allow")
        self.assertEqual(self.d(["Global Reader"], "microsoft.directory/users/allProperties/read"), "allow")
        self.assertEqual(self.d(["Directory Readers"], "microsoft.directory/users/allProperties/read"), "deny")

    def test_generator_is_seeded(self):
        a = generate_requests.generate(orc().s, 50, 7)
        b = generate_requests.generate(orc().s, 50, 7)
        self.assertEqual(a, b)


if __name__ == "__main__":
    unittest.main()
