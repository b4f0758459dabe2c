"""Unit tests of the generator's readers and emitter. Run from stdlib/:
python3 -m unittest discover -s generator/tests -t ."""

import os
import unittest

from generator.admin_units import parse_admin_unit_roles
from generator.common import role_string
from generator.emitter import header_lines
from generator.matrices import parse_matrices, protection_sets
from generator.sources import Sources

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "reference"))
SRC = None


def sources():
    global SRC
    if SRC is None:
        SRC = Sources(REFERENCE, os.path.join(os.path.dirname(REFERENCE), "seeds"))
    return SRC


class GraphReader(unittest.TestCase):
    def test_global_administrator(self):
        ga = [r for r in sources().graph_roles if r.name == "Global Administrator"]
        self.assertEqual(len(ga), 1)
        self.assertEqual(ga[0].template_id, "62e90394-69f5-4237-9190-012177145e10")
        self.assertTrue(ga[0].privileged)


class DocsReader(unittest.TestCase):
    def test_known_role_permissions(self):
        role = sources().docs_roles["Helpdesk Administrator"]
        actions = [a for a, _, _ in role.actions]
        self.assertIn("microsoft.directory/users/password/update", actions)
        self.assertTrue(role.in_table)


class MatrixReader(unittest.TestCase):
    def test_known_cells(self):
        names = {}
        for r in sources().graph_roles:
            names[r.name.lower()] = r.name
        for d in sources().docs_roles:
            names.setdefault(d.lower(), d)
        reset, sensitive, partner, _, _, auth_methods = parse_matrices(sources(), names)
        # Cells of privileged-roles-permissions.md, read by eye from the docs page.
        self.assertEqual(reset.columns[0], "Password Administrator")
        self.assertEqual(len(reset.columns), 6)
        self.assertTrue(reset.cell("role", "Helpdesk Administrator", "Directory Readers"))
        self.assertFalse(reset.cell("role", "Helpdesk Administrator", "Global Administrator"))
        self.assertFalse(reset.cell("role", "Password Administrator", "Helpdesk Administrator"))
        self.assertTrue(reset.cell("role", "User Administrator", "Groups Administrator"))
        self.assertFalse(reset.cell("role_assignable_group_member", "User Administrator"))
        self.assertTrue(reset.cell("role_assignable_group_member",
                                   "Privileged Authentication Administrator"))
        self.assertTrue(reset.cell("all_other", "Global Administrator"))
        self.assertEqual(len(sensitive.columns), 4)
        self.assertTrue(sensitive.cell("role", "Authentication Administrator",
                                       "Authentication Administrator"))
        self.assertFalse(sensitive.cell("role", "User Administrator", "Authentication Administrator"))
        self.assertFalse(sensitive.cell("restricted_au_role", "User Administrator"))
        # The note under the reset table; the authentication-roles comparison table.
        self.assertEqual(partner, {"Partner Tier1 Support": "non_administrators",
                                   "Partner Tier2 Support": "all"})
        self.assertEqual(auth_methods, ["Authentication Administrator"])

    def test_partner_note_widens_only_the_reset_actors(self):
        names = {r.name.lower(): r.name for r in sources().graph_roles}
        for d in sources().docs_roles:
            names.setdefault(d.lower(), d)
        reset, sensitive, partner, _, _, _ = parse_matrices(sources(), names)
        reset_actors = dict((n, m) for n, m, _ in protection_sets(reset, partner, []))
        sensitive_actors = dict((n, m) for n, m, _ in protection_sets(sensitive, partner, []))
        self.assertIn("Partner Tier2 Support", reset_actors["password_reset_admin_actors"])
        self.assertNotIn("Partner Tier2 Support",
                         sensitive_actors["sensitive_action_admin_actors"])


class AdminUnitReader(unittest.TestCase):
    def test_helpdesk_is_au_scopable(self):
        names = {r.name.lower(): r.name for r in sources().graph_roles}
        self.assertIn("Helpdesk Administrator", parse_admin_unit_roles(sources(), names))


class Emitter(unittest.TestCase):
    def test_deterministic(self):
        self.assertEqual(role_string('a "b"\n'), '"a \\"b\\"\\n"')
        a = header_lines("The built-in role X.", ["src @ 1"])
        self.assertEqual(a, header_lines("The built-in role X.", ["src @ 1"]))
        self.assertEqual(a[0], "module entra")


if __name__ == "__main__":
    unittest.main()
