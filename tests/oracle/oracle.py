"""An independent evaluator of Entra directory-role decisions, for checking rolec.

Reads the reference sources directly (Graph role definitions, the Entra docs' matrices, action
tables and administrative-unit page) and decides requests in rolec's JSONL request format
(docs/cli.md § rolec eval). It shares no code and no generated file with stdlib/ or the compiler.
Standard library only. See README.md for every rule and its source.
"""

import json
import os
import re

DOCS_REL = "reference/entra-docs/docs/identity/role-based-access-control"
GRAPH_REL = "reference/graph/jlaundry-aadinfo/info/roles.graph.json"

KEYWORD_ENTITY = "allentities"
KEYWORD_PROPS = "allproperties"
KEYWORD_VERB = "alltasks"

# The governed actions (privileged-roles-permissions.md; docs/semantics.md § The matrices' protections).
RESET_ACTIONS = frozenset([
    "microsoft.directory/users/password/update",
    "microsoft.directory/users/invalidateallrefreshtokens",
])
SENSITIVE_ACTIONS = frozenset([
    "microsoft.directory/users/disable",
    "microsoft.directory/users/enable",
    "microsoft.directory/users/userprincipalname/update",
    "microsoft.directory/users/delete",
    "microsoft.directory/users/restore",
    "microsoft.directory/deleteditems.users/restore",
])
AUTH_METHODS_PREFIX = "microsoft.directory/users/authenticationmethods/"


def _splits(actions):
    """Actions (lower case) split as split_pattern does."""
    out = []
    for a in sorted(actions):
        segs = a.split("/")
        out.append((segs[0], segs[1], tuple(segs[2:-1]), segs[-1]))
    return tuple(out)


# admin-units-restricted-management.md, "Why use restricted management administrative units?":
# "protect your C-level executive accounts and their devices from Helpdesk Administrators who would
# otherwise be able to reset their passwords or access BitLocker recovery keys. ... enable a
# specific trusted set of administrators who can reset their passwords and access BitLocker
# recovery keys when needed." So reading a device's BitLocker key is blocked for tenant-wide
# assignments on a device in a restricted unit, and reached through a unit containing the device.
BITLOCKER_KEY_READ = ("microsoft.directory", "bitlockerkeys", ("key",), "read")

RESET_SPLITS = _splits(RESET_ACTIONS)
SENSITIVE_SPLITS = _splits(SENSITIVE_ACTIONS)

# systemAssigned roles with no administrative power: a target holding only these has "no admin
# role" for the matrices' rows (permissions-reference.md "Roles not shown in the portal": User,
# Guest User, Restricted Guest User "can't be used" as admin roles).
NON_ADMIN_ROLES = ("User", "Guest User", "Restricted Guest User")

# The matrices abbreviate role names ("Auth Admin"); these are their full names.
MATRIX_ROW_SPECIAL = {
    "user<br/>(no admin role)": "@noadmin",
    "user<br/>(no admin role, but member or owner of a [role-assignable group](groups-concept.md))": "@rag",
    "user with a role scoped to a [restricted management administrative unit](./admin-units-restricted-management.md)": "@restricted",
    "all other built-in and custom roles": "@other",
}

CHECK = ":white_check_mark:"

AU_SCOPE_RE = re.compile(r"^/administrativeUnits/([^/]+)$")

# What an action looks like in the docs' tables; some tables (custom-*-permissions.md) also hold
# markdown (`**groups**`) or placeholders (`.{id}`) in their action column, which are not actions.
ACTION_RE = re.compile(r"^[A-Za-z0-9.\-]+(/[A-Za-z0-9.\-_]+){2,6}$")


def expand_abbreviation(name):
    words = name.strip().split()
    out = []
    for w in words:
        out.append({"Admin": "Administrator", "Auth": "Authentication"}.get(w, w))
    return " ".join(out)


class Sources:
    """Everything read from the reference material."""

    def __init__(self, shared_dir):
        self.shared = shared_dir
        self.docs = os.path.join(shared_dir, DOCS_REL)
        self.roles = {}          # lower display name -> Role
        self.by_id = {}          # lower template id -> Role
        self.action_descriptions = {}   # lower action -> set of descriptions (docs tables)
        self.catalog = {}        # lower action -> catalog spelling (concrete actions only)
        self._read_graph()
        self._read_docs_tables()
        self._read_docs_only_roles()
        self.reset_matrix = self._read_matrix("## Who can reset passwords")
        self._read_reset_note()
        self.sensitive_matrix = self._read_matrix("## Who can perform sensitive actions")
        self.au_scopable = self._read_au_scopable()
        for a in list(RESET_ACTIONS | SENSITIVE_ACTIONS):
            self.catalog.setdefault(a, a)
        self.excluding_rag = frozenset(
            a for a, ds in self.action_descriptions.items()
            if any("excluding role-assignable groups" in d.lower() for d in ds))
        self.non_admin = frozenset(n.lower() for n in NON_ADMIN_ROLES)
        self.auth_method_splits = _splits(a for a in self.catalog if a.startswith(AUTH_METHODS_PREFIX))
        self.resolve_inheritance()

    # --- Graph -------------------------------------------------------------------------------
    def _read_graph(self):
        with open(os.path.join(self.shared, GRAPH_REL), encoding="utf-8") as f:
            data = json.load(f)
        for d in data["value"]:
            role = Role(d["displayName"], d.get("templateId") or d["id"])
            for perm in d.get("rolePermissions", []):
                cond = {None: None, "": None, "$ResourceIsSelf": "self",
                        "$SubjectIsOwner": "owner"}.get(perm.get("condition"), "unknown")
                if cond == "unknown":
                    raise ValueError("unknown Graph condition %r" % perm.get("condition"))
                for a in perm.get("allowedResourceActions", []):
                    role.own_grants.append((a, cond))
                    if not is_keyword_action(a):
                        self.catalog.setdefault(a.lower(), a)
            role.inherits = [i["id"].lower() for i in (d.get("inheritsPermissionsFrom") or [])]
            self.add_role(role)

    def add_role(self, role):
        self.roles[role.name.lower()] = role
        self.by_id[role.template_id.lower()] = role

    # --- docs action tables ------------------------------------------------------------------
    def _table_rows(self, text):
        for line in text.splitlines():
            m = re.match(r"^>?\s*\|\s*(microsoft\.[^\s|]+)\s*\|\s*(.*?)\s*\|\s*$", line)
            if m:
                yield m.group(1), m.group(2)

    def _read_docs_tables(self):
        paths = []
        inc = os.path.join(self.docs, "includes")
        for fn in sorted(os.listdir(inc)):
            if fn.endswith(".md"):
                paths.append(os.path.join(inc, fn))
        for fn in sorted(os.listdir(self.docs)):
            if fn.startswith("custom-") and fn.endswith(".md"):
                paths.append(os.path.join(self.docs, fn))
        for p in paths:
            with open(p, encoding="utf-8") as f:
                for action, desc in self._table_rows(f.read()):
                    if not ACTION_RE.match(action):
                        continue
                    self.action_descriptions.setdefault(action.lower(), set()).add(desc)
                    if not is_keyword_action(action):
                        self.catalog.setdefault(action.lower(), action)

    def _read_docs_only_roles(self):
        """Roles in permissions-reference.md's "All roles" table that Graph does not return
        (matched by template id), with the actions of their include file."""
        with open(os.path.join(self.docs, "permissions-reference.md"), encoding="utf-8") as f:
            text = f.read()
        for m in re.finditer(r"^> \| \[([^\]]+)\]\(#([a-z0-9-]+)\) \|.*\| ([0-9a-f-]{36}) \|\s*$",
                             text, re.M):
            name, anchor, tid = m.group(1), m.group(2), m.group(3)
            if tid.lower() in self.by_id:
                continue
            inc = os.path.join(self.docs, "includes", anchor + ".md")
            if not os.path.exists(inc):
                continue
            role = Role(name, tid)
            with open(inc, encoding="utf-8") as f:
                for action, _ in self._table_rows(f.read()):
                    role.own_grants.append((action, None))
            self.add_role(role)

    def resolve_inheritance(self):
        def grants(role, seen):
            if role.grants is not None:
                return role.grants
            if role.name in seen:
                raise ValueError("inheritance cycle at %s" % role.name)
            seen = seen | {role.name}
            out = []
            for pid in role.inherits:
                out.extend(grants(self.by_id[pid], seen))
            out.extend(role.own_grants)
            role.grants = out
            return out
        for r in self.roles.values():
            grants(r, frozenset())
        for r in self.roles.values():
            r.compiled = [(split_pattern(p), c) for p, c in r.grants]

    # --- matrices ----------------------------------------------------------------------------
    def _read_matrix(self, heading):
        """Returns {column role lower: {row key: bool}} where a row key is a lower role name or
        one of @noadmin, @rag, @restricted, @other."""
        with open(os.path.join(self.docs, "privileged-roles-permissions.md"), encoding="utf-8") as f:
            text = f.read()
        start = text.index(heading)
        lines = text[start:].splitlines()
        table = []
        in_table = False
        for line in lines[1:]:
            if line.startswith("| Role that"):
                in_table = True
            if in_table:
                if not line.startswith("|"):
                    break
                table.append([c.strip() for c in line.strip().strip("|").split("|")])
        header = table[0]
        cols = [expand_abbreviation(h).lower() for h in header[1:]]
        matrix = {c: {} for c in cols}
        for row in table[2:]:
            label = row[0]
            key = MATRIX_ROW_SPECIAL.get(label.lower(), expand_abbreviation(label).lower())
            for c, cell in zip(cols, row[1:]):
                matrix[c][key] = cell.startswith(CHECK)
        return matrix

    def _read_reset_note(self):
        """The note under the reset matrix: Partner Tier2 Support resets "all non-administrators
        and administrators (including Global Administrators)", Partner Tier1 Support "only
        non-administrators". Both are read as extra columns of the reset matrix."""
        with open(os.path.join(self.docs, "privileged-roles-permissions.md"), encoding="utf-8") as f:
            text = f.read()
        sec = text[text.index("## Who can reset passwords"):text.index("## Who can perform sensitive actions")]
        note = sec[sec.index("> [!IMPORTANT]"):]
        m2 = re.search(r"\[Partner Tier2 Support\][^\n]*?for all non-administrators and administrators", note)
        m1 = re.search(r"\[Partner Tier1 Support\][^\n]*?for only non-administrators", note)
        if not (m1 and m2):
            raise ValueError("the note under the reset matrix changed")
        self.reset_matrix["partner tier2 support"] = {"@note": True, "@other": True}
        self.reset_matrix["partner tier1 support"] = {"@note": True, "@other": False}

    # --- administrative units ----------------------------------------------------------------
    def _read_au_scopable(self):
        with open(os.path.join(self.docs, "admin-units-assign-roles.md"), encoding="utf-8") as f:
            text = f.read()
        sec = text[text.index("## Roles that can be assigned with administrative unit scope"):]
        sec = sec[:sec.index("\n## ", 5)]
        out = set()
        for m in re.finditer(r"^\| \[([^\]]+)\]\(permissions-reference\.md#", sec, re.M):
            out.add(m.group(1).lower())
        return frozenset(out)

    def lookup_role(self, name):
        if not isinstance(name, str):
            return None
        return self.roles.get(name.lower()) or self.by_id.get(name.lower())


class Role:
    def __init__(self, name, template_id):
        self.name = name
        self.template_id = template_id
        self.own_grants = []   # (pattern, condition None|'self'|'owner')
        self.inherits = []
        self.grants = None
        self.compiled = None


# --- actions and patterns ---------------------------------------------------------------------

def is_keyword_action(a):
    return any(s.lower() in (KEYWORD_ENTITY, KEYWORD_PROPS, KEYWORD_VERB) for s in a.split("/"))


def split_pattern(p):
    """(namespace, entity, props tuple, verb), all lower case."""
    segs = p.lower().split("/")
    return (segs[0], segs[1], tuple(segs[2:-1]), segs[-1])


def well_formed(action):
    segs = action.split("/")
    if not 3 <= len(segs) <= 7 or any(s == "" for s in segs):
        return False
    low = [s.lower() for s in segs]
    for i, s in enumerate(low):
        if s == KEYWORD_ENTITY and i != 1:
            return False
        if s == KEYWORD_VERB and i != len(low) - 1:
            return False
        if s == KEYWORD_PROPS and not (2 <= i == len(low) - 2):
            return False
    return True


def covers(pat, act):
    """Does the pattern (split) cover the concrete action (split)?"""
    pns, pent, pprops, pverb = pat
    ans, aent, aprops, averb = act
    if pns != ans:
        return False
    if pent != KEYWORD_ENTITY and not (aent == pent or aent.startswith(pent + ".")):
        return False
    if pverb != KEYWORD_VERB and pverb != averb:
        return False
    if pprops and pprops[-1] == KEYWORD_PROPS:
        fixed = pprops[:-1]
        return aprops[:len(fixed)] == fixed
    return aprops == pprops


def reads(verb):
    v = verb.lower()
    if v == KEYWORD_VERB:
        return False
    return v == "read" or v.startswith("read") or v.startswith("get") or v.endswith("read")


WITNESS = "zzoraclewitness"


def witness_of(split):
    ns, ent, props, verb = split
    if ent == KEYWORD_ENTITY:
        ent = WITNESS + "entity"
    if props and props[-1] == KEYWORD_PROPS:
        props = props[:-1] + (WITNESS + "prop",)
    if verb == KEYWORD_VERB:
        verb = WITNESS + "verb"
    return (ns, ent, props, verb)


def entity_family(entity):
    return entity.split(".")[0]


# --- decisions --------------------------------------------------------------------------------

class Oracle:
    def __init__(self, sources):
        self.s = sources
        self._denoted = {}
        self._grant_cache = {}

    def denoted(self, qsplit):
        key = qsplit
        if key not in self._denoted:
            self._denoted[key] = [split_pattern(a) for a in self.s.catalog
                                  if covers(qsplit, split_pattern(a))]
        return self._denoted[key]

    def matching_grants(self, role, act):
        key = (role.name, act)
        g = self._grant_cache.get(key)
        if g is None:
            g = tuple(c for p, c in role.compiled if covers(p, act))
            self._grant_cache[key] = g
        return g

    def decide(self, req):
        """Returns 'allow', 'deny' or 'error'."""
        try:
            parsed = self.parse(req)
        except RequestError:
            return "error"
        principal_id, assignments, action, target, mfa = parsed
        split = split_pattern(action)
        if is_keyword_action(action):
            for c in self.denoted(split):
                if not self.decide_concrete(principal_id, assignments, c, target, True):
                    return "deny"
            ok = self.decide_concrete(principal_id, assignments, witness_of(split), target, False,
                                      witness=True)
            return "allow" if ok else "deny"
        ok = self.decide_concrete(principal_id, assignments, split, target,
                                  action.lower() in self.s.catalog)
        return "allow" if ok else "deny"

    def parse(self, req):
        if not isinstance(req, dict) or not isinstance(req.get("action"), str):
            raise RequestError()
        action = req["action"]
        if not well_formed(action):
            raise RequestError()
        p = req.get("principal", {})
        principal_id = p.get("id", "")
        assignments = []
        for a in p.get("assignments", []):
            role = self.s.lookup_role(a.get("role"))
            if role is None:
                raise RequestError()
            scope = a.get("scope", "/")
            if scope == "/":
                au = None
            else:
                m = AU_SCOPE_RE.match(scope)
                if not m:
                    raise RequestError()
                au = m.group(1)
                if role.name.lower() not in self.s.au_scopable:
                    raise RequestError()
            assignments.append((role, au))
        t = dict(req.get("target", {}))
        roles = []
        for r in t.get("roles", []):
            role = self.s.lookup_role(r)
            if role is None:
                raise RequestError()
            roles.append(role.name.lower())
        t["_roles"] = roles
        t["_admin_roles"] = [r for r in roles if r not in self.s.non_admin]
        tid = t.get("id", "")
        t["_self"] = bool(tid) and tid == principal_id
        t["_owned"] = bool(principal_id) and principal_id in t.get("owners", [])
        t["_kind"] = (t.get("kind") or "").lower()
        return principal_id, assignments, action, t, bool(req.get("context", {}).get("mfa", False))

    def decide_concrete(self, principal_id, assignments, act, target, in_catalog, witness=False):
        ns, ent, props, verb = act
        modifies = not reads(verb)
        bitlocker = act == BITLOCKER_KEY_READ and target["_kind"] == "device"
        for role, au in assignments:
            # 1. the assignment applies to the target
            if au is not None:
                if target["_kind"] not in ("user", "group", "device"):
                    continue
                if au not in target.get("adminUnits", []):
                    continue
                if (ns != "microsoft.directory" or entity_family(ent) not in ("users", "groups", "devices")) \
                        and not bitlocker:
                    continue
            # 2. restricted management administrative units: a modification (or a device's key
            # read) needs an assignment at a restricted unit of the target ("Who can modify
            # objects?": tenant scope and "another regular administrative unit" are blocked).
            # When the request names no restricted unit, its only unit must be the one.
            restricted = target.get("restrictedAdminUnits", [])
            if (target.get("inRestrictedAdminUnit", False) or restricted) and (modifies or bitlocker):
                if au is None:
                    continue
                if restricted and au not in restricted:
                    continue
                if not restricted and len(target.get("adminUnits", [])) != 1:
                    continue
            # 3./4. a grant covers the action and its condition holds (no excepts in built-ins)
            holding = set()
            for cond in self.matching_grants(role, act):
                if cond is None or (cond == "self" and target["_self"]) or (
                        cond == "owner" and target["_owned"]):
                    holding.add(cond)
            if not holding:
                continue
            # 5. the action's intrinsic target rule
            if not witness and not self.intrinsic(role, au, act, target, "self" in holding,
                                                  in_catalog):
                continue
            return True
        return False

    def intrinsic(self, role, au, act, target, via_self_grant, in_catalog):
        """The target rules of the action for this assignment.

        The matrices' columns (and the reset note's Partner Tier1/Tier2 columns, and Authentication
        Administrator's auth-method column) are rules of the column role itself: they bind every
        action its governed grants cover, in the catalog or not (a subtype such as
        `users.x/restore` is still a user). The generic protections, "excluding role-assignable
        groups", `groupsAssignableToRoles` and the unit-scope rule are the catalog action's own
        rules: catalog actions only (docs/semantics.md: "Intrinsic rules exist only for catalog
        actions"). via_self_grant: a $ResourceIsSelf grant of the role covers the action
        (self-service through the User / Guest User roles), which the matrices do not govern."""
        a = "/".join((act[0], act[1]) + act[2] + (act[3],))
        rname = role.name.lower()
        if in_catalog:
            if a in self.s.excluding_rag and target.get("roleAssignable", False):
                return False
            governed = a in RESET_ACTIONS or a in SENSITIVE_ACTIONS
            auth = a.startswith(AUTH_METHODS_PREFIX)
            if au is not None and (governed or auth) and target["_admin_roles"]:
                return False
            if act[1] == "groupsassignabletoroles" and not target.get("roleAssignable", False):
                return False
        if via_self_grant:
            return True
        for actions, matrix in ((RESET_SPLITS, self.s.reset_matrix),
                                (SENSITIVE_SPLITS, self.s.sensitive_matrix)):
            if not any(covers(g, act) for g in actions):
                continue
            col = matrix.get(rname)
            if col is not None:
                if not self.column_allows(col, target):
                    return False
            elif in_catalog and not self.generic_protection(target):
                return False
        if rname == "authentication administrator" and any(
                covers(g, act) for g in self.s.auth_method_splits):
            if not self.column_allows(self.s.reset_matrix[rname], target):
                return False
        return True

    @staticmethod
    def generic_protection(target):
        """docs/semantics.md § The matrices' protections, for a role that is not a column: only
        targets with no admin role, not role-assignable-group members, not holders of a role
        scoped to a restricted unit — except the principal itself ("a target other than the
        principal itself")."""
        if target["_self"]:
            return True
        return not (target.get("roleAssignableGroupMember", False) or
                    target.get("roleScopedToRestrictedAdminUnit", False) or
                    target["_admin_roles"])

    def column_allows(self, col, target):
        if col.get("@note"):
            # a column made of the note under the reset matrix (Partner Tier1/Tier2 Support):
            # it says only whom they reach among administrators, in the role's own rule (no
            # exemption for self); the generic protections (role-assignable-group members,
            # restricted-AU role holders) bind them as any non-column role, except on self.
            if target["_admin_roles"] and not col["@other"]:
                return False
            if target["_self"]:
                return True
            return not (target.get("roleAssignableGroupMember", False) or
                        target.get("roleScopedToRestrictedAdminUnit", False))
        if target.get("roleAssignableGroupMember", False) and not col["@rag"]:
            return False
        if target.get("roleScopedToRestrictedAdminUnit", False) and not col["@restricted"]:
            return False
        for r in target["_admin_roles"]:
            ok = col.get(r)
            if ok is None:
                ok = col["@other"]
            if not ok:
                return False
        return True


class RequestError(Exception):
    pass


def load(shared_dir):
    return Oracle(Sources(shared_dir))
