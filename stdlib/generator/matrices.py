"""The matrices reader: privileged-roles-permissions.md's "Who can reset passwords" and "Who can
perform sensitive actions" tables, how they condition the roles' rules, and the protections they
put on every reset/sensitive action.
"""

import collections
import re

from .common import SourceError, clean_markdown, section, snake, tables


# Words the matrices abbreviate in role names ("Auth Admin" = Authentication Administrator).
ABBREVIATIONS = {"Admin": "Administrator", "Auth": "Authentication"}

# Phrases of the reset-password matrix's introduction and the actions they name.
RESET_MATRIX_ACTIONS = [
    ("reset passwords", "microsoft.directory/users/password/update"),
    ("invalidate refresh tokens", "microsoft.directory/users/invalidateAllRefreshTokens"),
]
# The sensitive-actions table: each sensitive action and the catalog actions that perform it. The
# phone and e-mail properties and onPremisesImmutableId have no action of their own in any source
# (they are written through broader property sets), so they map to nothing.
SENSITIVE_ACTIONS = {
    "Disable or enable users": ["microsoft.directory/users/disable",
                                "microsoft.directory/users/enable"],
    "Update business phone": [],
    "Update mobile phone": [],
    "Update on-premises immutable ID": [],
    "Update other emails": [],
    "Update password profile": ["microsoft.directory/users/password/update"],
    "Update user principal name": ["microsoft.directory/users/userPrincipalName/update"],
    "Delete or restore users": ["microsoft.directory/users/delete",
                                "microsoft.directory/users/restore",
                                "microsoft.directory/deletedItems.users/restore"],
}


# ----------------------------------------------------------------------------------------------
# The matrices of privileged-roles-permissions.md.

class Matrix:
    """A 'who can do X to whom' table: columns are acting roles, rows are target kinds."""

    def __init__(self, title, columns, rows, actions, set_suffix):
        self.title = title
        self.columns = columns      # acting role names
        self.rows = rows            # [(kind, value, label, [bool per column], [marks])]
        self.actions = actions      # governed catalog actions
        self.set_suffix = set_suffix

    def cell(self, kind, column, value=None):
        for k, v, _, cells, _ in self.rows:
            if k == kind and (value is None or v == value):
                return cells[self.columns.index(column)]
        raise SourceError("%s: no %s row" % (self.title, kind))

    def set_name(self, column):
        return "%s_%s" % (snake(column), self.set_suffix)

    def set_members(self, column, non_admin_roles):
        members = [v for k, v, _, cells, _ in self.rows
                   if k == "role" and cells[self.columns.index(column)]]
        if self.cell("no_admin_role", column):
            members += non_admin_roles
        return sorted(set(members), key=str.lower)

    def condition(self, column):
        """The .role condition under which `column` may perform the governed actions."""
        parts = []
        if not self.cell("all_other", column):
            parts.append("target.roles within %s" % self.set_name(column))
            if not self.cell("no_admin_role", column):
                parts.append("not target.roles within non_administrator_roles")
        if not self.cell("role_assignable_group_member", column):
            parts.append("not target.role_assignable_group_member")
        if not self.cell("restricted_au_role", column):
            parts.append("not target.restricted_au_role")
        return " and ".join(parts) or None


def expand_abbreviation(label, role_names):
    words = [ABBREVIATIONS.get(w, w) for w in label.split()]
    name = " ".join(words)
    if name.lower() not in role_names:
        raise SourceError("matrix label %r expands to %r, which is not a role" % (label, name))
    return role_names[name.lower()]


def parse_matrix(text, heading, first_header, title, set_suffix, actions, role_names):
    body = section(text, r"^## " + re.escape(heading))
    for _, header, rows in tables(body):
        if not header[0].startswith(first_header):
            continue
        columns = [expand_abbreviation(clean_markdown(h), role_names) for h in header[1:]]
        parsed = []
        for row in rows:
            label = clean_markdown(row[0])
            low = label.lower()
            if "role-assignable group" in low:
                kind, value = "role_assignable_group_member", None
            elif "restricted management administrative unit" in low:
                kind, value = "restricted_au_role", None
            elif low.startswith("user") and "no admin role" in low:
                kind, value = "no_admin_role", None
            elif low.startswith("all other"):
                kind, value = "all_other", None
            else:
                kind, value = "role", expand_abbreviation(label, role_names)
            cells, marks = [], []
            for c in row[1:1 + len(columns)]:
                c = c.strip()
                if c in ("", "&nbsp;"):
                    cells.append(False)
                    marks.append("")
                elif c.startswith(":white_check_mark:"):
                    cells.append(True)
                    marks.append(c[len(":white_check_mark:"):].replace("\\", ""))
                else:
                    raise SourceError("%s: cell %r of row %r is neither blank nor a check mark"
                                      % (title, c, label))
            if len(cells) != len(columns):
                raise SourceError("%s: row %r has %d cells" % (title, label, len(cells)))
            parsed.append((kind, value, label, cells, marks))
        kinds = set(k for k, _, _, _, _ in parsed)
        for need in ("role", "no_admin_role", "all_other", "role_assignable_group_member",
                     "restricted_au_role"):
            if need not in kinds:
                raise SourceError("%s: no %s row" % (title, need))
        return Matrix(title, columns, parsed, actions, set_suffix), body
    raise SourceError("%s: table not found" % title)


def parse_matrices(src, role_names):
    text = src.docs_text("privileged-roles-permissions.md")
    intro = section(text, r"^## Who can reset passwords")
    governed = []
    for phrase, action in RESET_MATRIX_ACTIONS:
        if phrase not in intro:
            raise SourceError("the reset-password matrix no longer says it governs %r" % phrase)
        governed.append(action)
    reset, reset_body = parse_matrix(text, "Who can reset passwords", "Role that password",
                                     "Who can reset passwords", "resettable", governed, role_names)
    # The note under the table: Partner Tier1/Tier2 Support.
    partner = {}
    for sentence in re.split(r"(?<=\.)\s+", reset_body.replace("> ", "")):
        m = re.search(r"\[(Partner Tier\d Support)\]", sentence)
        if not m or "reset passwords" not in sentence:
            continue
        if re.search(r"for only non-administrators", sentence):
            partner[role_names[m.group(1).lower()]] = "non_administrators"
        elif re.search(r"for all non-administrators and administrators", sentence):
            partner[role_names[m.group(1).lower()]] = "all"
        else:
            raise SourceError("unrecognised Partner Support sentence: %r" % sentence)
    if len(partner) != 2:
        raise SourceError("expected the Partner Tier1/Tier2 Support note, found %r" % partner)
    sspr = re.search(r"sensitive properties required for[^:]*:\s*((?:\n- \w+)+)", reset_body)
    sspr_props = re.findall(r"- (\w+)", sspr.group(1)) if sspr else []

    sens_body = section(text, r"^## Who can perform sensitive actions")
    sensitive_actions = []
    unmapped = []
    for _, header, rows in tables(sens_body):
        if header[0] != "Sensitive action":
            continue
        for row in rows:
            what = clean_markdown(row[0])
            if what not in SENSITIVE_ACTIONS:
                raise SourceError("sensitive action %r has no mapping in generate.py" % what)
            if not SENSITIVE_ACTIONS[what]:
                unmapped.append((what, clean_markdown(row[1])))
            for a in SENSITIVE_ACTIONS[what]:
                if a not in sensitive_actions:
                    sensitive_actions.append(a)
    if not sensitive_actions:
        raise SourceError("the sensitive-action list is missing")
    sensitive, _ = parse_matrix(text, "Who can perform sensitive actions",
                                "Role that sensitive action", "Who can perform sensitive actions",
                                "sensitive_targets", sensitive_actions, role_names)
    auth_methods = parse_auth_method_managers(src, role_names, sensitive)
    return reset, sensitive, partner, sspr_props, unmapped, auth_methods


# The authentication-method actions a "Yes for some users" role holds only for its column's
# targets: what "Manage user's auth methods" covers in the authentication-roles comparison table,
# and the reads too, since the role page (includes/authentication-administrator.md) bounds both:
# "For a list of the roles that an Authentication Administrator can read or update authentication
# methods, see Who can reset passwords". Only actions the role holds are touched.
AUTH_METHOD_GOVERNED_ACTIONS = [
    "microsoft.directory/users/authenticationMethods/create",
    "microsoft.directory/users/authenticationMethods/delete",
    "microsoft.directory/users/authenticationMethods/basic/update",
    "microsoft.directory/users/authenticationMethods/standard/read",
    "microsoft.directory/users/authenticationMethods/standard/restrictedRead",
]


def parse_auth_method_managers(src, role_names, sensitive):
    """includes/authentication-table-include.md, column "Manage user's auth methods": the roles
    whose cell says "Yes for some users", linked to the sensitive-actions matrix. Those roles manage
    authentication methods only for the targets their column of that matrix lets them act on.
    Returns [role name]; each must be a column of the sensitive-actions matrix."""
    text = src.docs_text("includes/authentication-table-include.md")
    for _, header, rows in tables(text):
        if not header or header[0] != "Role":
            continue
        try:
            col = header.index("Manage user's auth methods")
        except ValueError:
            raise SourceError("authentication-table-include.md: no \"Manage user's auth methods\" "
                              "column (header %r)" % (header,))
        some = []
        for row in rows:
            name = role_names.get(clean_markdown(row[0]).lower())
            if name is None:
                raise SourceError("authentication-table-include.md: unknown role %r" % row[0])
            cell = row[col]
            if cell.startswith("Yes for [some users]"):
                if "#who-can-perform-sensitive-actions" not in cell:
                    raise SourceError("authentication-table-include.md: %s's 'some users' no longer "
                                      "links to the sensitive-actions matrix: %r" % (name, cell))
                if name not in sensitive.columns:
                    raise SourceError("authentication-table-include.md: %s manages auth methods for "
                                      "'some users' but is no column of the sensitive-actions "
                                      "matrix" % name)
                some.append(name)
            elif not (cell == "No" or cell.startswith("Yes for all users")):
                raise SourceError("authentication-table-include.md: unrecognised cell %r for %s"
                                  % (cell, name))
        if not some:
            raise SourceError("authentication-table-include.md: no role manages auth methods for "
                              "'some users'")
        return some
    raise SourceError("authentication-table-include.md: the comparison table is missing")


def apply_matrices(roles, cat, reset, sensitive, partner, non_admin, report, auth_methods=()):
    """Rewrites the rules of the matrices' roles so that the governed actions carry the column's
    condition. A governed action listed explicitly moves to a conditional `allow`; one reached only
    through a pattern gets `except <action> when not (<condition>)`."""
    by_name = {r.name: r for r in roles}
    # Which condition governs each (role, action). The reset matrix is applied first; where both
    # matrices govern one action (password/update) their columns must agree.
    governed = collections.OrderedDict()
    for matrix in (reset, sensitive):
        for column in matrix.columns:
            cond = matrix.condition(column)
            for action in matrix.actions:
                key = (column, action.lower())
                if key in governed:
                    prev = governed[key]
                    if (prev[1] is None) != (cond is None) or (
                            prev[1] and matrix.set_members(column, non_admin) !=
                            prev[0].set_members(column, non_admin)):
                        raise SourceError("%s and %s disagree on %s for %s" % (
                            prev[0].title, matrix.title, action, column))
                    continue
                governed[key] = (matrix, cond, action)
    for name, mode in partner.items():
        cond = None if mode == "all" else "target.roles within non_administrator_roles"
        for action in reset.actions:
            governed[(name, action.lower())] = (reset, cond, action)
    # "Manage user's auth methods: Yes for some users" (authentication-table-include.md): the
    # role's column of the sensitive-actions matrix bounds its authentication-method management.
    for name in auth_methods:
        for action in AUTH_METHOD_GOVERNED_ACTIONS:
            if cat.get(action) is None:
                raise SourceError("%s is not in the catalog" % action)
            governed[(name, action.lower())] = (sensitive, sensitive.condition(name), action)

    touched = []
    for role in roles:
        mine = [(a, m, c) for (col, a), (m, c, _) in governed.items() if col == role.name]
        if not mine:
            continue
        role.matrix = True
        role.file = "reset_password.role"
        touched.append(role)
        conditional = collections.OrderedDict()   # condition -> [actions]
        excepts = collections.OrderedDict()
        new_rules = []
        for is_except, actions, cond in role.rules:
            keep = []
            for action in actions:
                hit = next(((m, c) for a, m, c in mine if a == action.lower()), None)
                if hit is None or cond is not None:
                    keep.append(action)
                    continue
                matrix, mcond = hit
                if mcond is None:
                    keep.append(action)
                else:
                    conditional.setdefault(mcond, []).append(action)
                    report.matrix_rules.append((role.name, action, mcond))
            if keep:
                new_rules.append((is_except, keep, cond))
        # Governed actions reached only through a pattern.
        for a, matrix, mcond in mine:
            if mcond is None:
                continue
            listed = any(x.lower() == a for _, acts, _ in role.rules for x in acts)
            via_pattern = any(pattern_covers(x, a) for _, acts, c in role.rules for x in acts
                              if c is None and x.lower() != a)
            if not listed and via_pattern:
                excepts.setdefault(mcond, []).append(cat.get(a).name)
                report.matrix_rules.append((role.name, cat.get(a).name, "except when not " + mcond))
        for mcond, actions in conditional.items():
            new_rules.append((False, actions, mcond))
        for mcond, actions in excepts.items():
            new_rules.append((True, actions, "not (%s)" % mcond))
        role.rules = new_rules
        for column_matrix in (reset, sensitive):
            if role.name in column_matrix.columns:
                role.notes.append("%s: column %r of the matrix in privileged-roles-permissions.md."
                                  % (column_matrix.title, role.name))
        if role.name in auth_methods:
            role.notes.append("Manage user's auth methods: 'Yes for some users' in "
                              "authentication-table-include.md, so its authenticationMethods "
                              "actions (reads included, per its role page) carry its column of "
                              "the sensitive-actions matrix.")
        if role.name in partner:
            role.notes.append("Who can reset passwords: the note under the matrix says this role "
                              "resets %s." % ("everyone" if partner[role.name] == "all"
                                              else "non-administrators only"))
    return touched


def compare_rich_descriptions(roles, reset, non_admin, role_names, report):
    """Graph's rich descriptions of some reset roles list whom they may reset; compare each list
    with the matrix column (the matrix is what the library encodes)."""
    for role in roles:
        if role.name not in reset.columns or not role.rich_description:
            continue
        m = re.search(r"following roles only:\s*((?:\n\s*\*[^\n]+)+)", role.rich_description)
        if not m:
            continue
        listed = set()
        for item in re.findall(r"\*\s*([^\n]+)", m.group(1)):
            name = role_names.get(item.strip().lower())
            if name is None:
                raise SourceError("%s's rich description lists unknown role %r" % (role.name, item))
            listed.add(name)
        column = set(reset.set_members(role.name, non_admin)) - set(non_admin)
        if listed != column:
            report.rich_description_diffs.append(
                (role.name, sorted(column - listed), sorted(listed - column)))


def pattern_covers(pattern, action):
    """Same semantics as runtime/action_pattern.h, for the generator's own checks."""
    p = pattern.lower().split("/")
    a = action.lower().split("/")
    if len(p) < 3 or len(a) < 3 or p[0] != a[0]:
        return False
    if p[1] != "allentities" and not (a[1] == p[1] or a[1].startswith(p[1] + ".")):
        return False
    if p[-1] != "alltasks" and p[-1] != a[-1]:
        return False
    pprops, aprops = p[2:-1], a[2:-1]
    if pprops and pprops[-1] == "allproperties":
        # A fixed property prefix, then any continuation (including none).
        return aprops[:len(pprops) - 1] == pprops[:-1]
    return pprops == aprops


# The matrices' protections bind every role (docs/semantics.md §The matrices' protections): they are
# written as the governed actions' intrinsic rules, with one role set per matrix and protection.
AU_NON_ADMIN_ONLY_PREFIX = "microsoft.directory/users/authenticationMethods/"


def protection_sets(matrix, partner, non_admin):
    """[(set name, members, doc)] for one matrix: who may act on administrators, who on members of
    role-assignable groups, who on holders of a role scoped to a restricted unit."""
    stem = "password_reset" if matrix.set_suffix == "resettable" else "sensitive_action"
    # The note under the reset table (Partner Tier1/Tier2 Support) speaks of resetting passwords
    # and invalidating refresh tokens only: it widens the reset matrix's actors, not the
    # sensitive-actions matrix's.
    noted = {n for n, mode in partner.items() if mode == "all"} if stem == "password_reset" else set()
    actors = sorted(set(matrix.columns) | noted, key=str.lower)
    rag = sorted((c for c in matrix.columns if matrix.cell("role_assignable_group_member", c)),
                 key=str.lower)
    rau = sorted((c for c in matrix.columns if matrix.cell("restricted_au_role", c)), key=str.lower)
    return [
        ("%s_admin_actors" % stem, actors,
         "%s: the roles that may act on administrators at all: the table's columns (each limited "
         "by its own column's rows)%s. Any other role that holds a governed action acts on non-administrators only "
         "(the note's Partner Tier1 Support rule, and the last row: 'All other built-in and custom "
         "roles' are reached only by the columns that check it)." % (
             matrix.title,
             " and the roles the note under the table lets reset everyone" if noted else
             "; the note under the reset table (Partner Tier2 Support resets everyone) speaks "
             "of resetting passwords only, so it adds no actor here")),
        ("%s_role_assignable_exempt" % stem, rag,
         "%s: the columns that check the row 'member or owner of a role-assignable group'. Every "
         "other role is refused such a target." % matrix.title),
        ("%s_restricted_au_exempt" % stem, rau,
         "%s: the columns that check the row 'User with a role scoped to a restricted management "
         "administrative unit'. Every other role is refused such a target." % matrix.title),
    ]


def protection_rule_lines(matrix):
    """The intrinsic rule of an action the matrix governs, as the lines of a `requires`."""
    stem = "password_reset" if matrix.set_suffix == "resettable" else "sensitive_action"
    # The first line follows `  requires    ` (column 14); the others are whole lines, laid out as
    # `rolec fmt` lays out a broken condition (docs/fmt.md).
    return [
        "(scope is tenant or target.roles within non_administrator_roles)",
        "          and (target is self",
        "               or ((assignment.role in %s_role_assignable_exempt" % stem,
        "                    or not target.role_assignable_group_member)",
        "                   and (assignment.role in %s_restricted_au_exempt" % stem,
        "                        or not target.restricted_au_role)",
        "                   and (assignment.role in %s_admin_actors" % stem,
        "                        or target.roles within non_administrator_roles)))",
    ]


AU_NON_ADMIN_RULE = "scope is tenant or target.roles within non_administrator_roles"


def apply_protections(cat, reset, sensitive, report):
    """Adds the matrices' protections to the intrinsic rules of the governed actions (password/update
    is governed by the reset matrix, which comes first), and the administrative-unit restriction of
    admin-units-assign-roles.md to the authentication-method actions."""
    done = set()
    for matrix in (reset, sensitive):
        for name in matrix.actions:
            act = cat.get(name)
            if act is None:
                raise SourceError("%s governs %r, which is not in the catalog" % (matrix.title, name))
            if name.lower() in done:
                continue
            done.add(name.lower())
            if act.requires:
                raise SourceError("%r already has an intrinsic rule; merge it with the matrix's" % name)
            act.requires_lines = protection_rule_lines(matrix)
            act.requires = " ".join(line.strip() for line in act.requires_lines)
            act.requires = act.requires.replace("( ", "(")
            report.protections.append((name, matrix.title))
    for act in cat.sorted():
        if act.name.lower().startswith(AU_NON_ADMIN_ONLY_PREFIX.lower()) and act.name.lower() not in done:
            act.requires = ("(%s) and (%s)" % (act.requires, AU_NON_ADMIN_RULE) if act.requires
                            else AU_NON_ADMIN_RULE)
            report.protections.append((act.name, "admin-units-assign-roles.md"))
