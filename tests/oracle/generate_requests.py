"""Seeded generator of rolec eval requests, biased towards the sensitive cases.

generate(sources, count, seed) -> list of request dicts (rolec's JSONL request format,
docs/cli.md § rolec eval). Deterministic for a given seed and sources.
"""

import random

import oracle

MATRIX_ACTORS = [
    "Password Administrator", "Helpdesk Administrator", "Authentication Administrator",
    "User Administrator", "Privileged Authentication Administrator", "Global Administrator",
    "Partner Tier1 Support", "Partner Tier2 Support",
]
TARGET_ADMIN_ROLES = [
    "Global Administrator", "Privileged Authentication Administrator", "Privileged Role Administrator",
    "Authentication Administrator", "User Administrator", "Helpdesk Administrator",
    "Password Administrator", "Groups Administrator", "Directory Readers", "Guest Inviter",
    "Message Center Reader", "Reports Reader", "User Experience Success Manager",
    "Usage Summary Reports Reader", "Security Administrator", "Exchange Administrator",
    "Global Reader", "Directory Writers", "Partner Tier2 Support",
]
NON_ADMIN = list(oracle.NON_ADMIN_ROLES)
KINDS = ["user", "group", "device", "application", "servicePrincipal", "administrativeUnit",
         "roleDefinition", "other"]
AUS = ["au1", "au2"]


class Generator:
    def __init__(self, sources, seed):
        self.s = sources
        self.rng = random.Random(seed)
        self.role_names = sorted(r.name for r in sources.roles.values())
        self.scopable = sorted(r.name for r in sources.roles.values()
                               if r.name.lower() in sources.au_scopable)
        self.catalog = sorted(sources.catalog.values())
        self.keyword_actions = sorted({p for r in sources.roles.values() for p, _ in r.grants
                                       if oracle.is_keyword_action(p)})
        self.sensitive = sorted(oracle.RESET_ACTIONS | oracle.SENSITIVE_ACTIONS |
                                {a for a in sources.catalog if a.startswith(oracle.AUTH_METHODS_PREFIX)})
        self.sensitive = [sources.catalog[a] for a in self.sensitive]
        self.au_actions = [a for a in self.catalog
                           if a.lower().startswith("microsoft.directory/")
                           and oracle.entity_family(a.split("/")[1].lower()) in ("users", "groups", "devices")]
        self.rag_actions = [sources.catalog[a] for a in sorted(sources.excluding_rag) if a in sources.catalog]

    def role(self):
        r = self.rng.random()
        if r < 0.45:
            return self.rng.choice(MATRIX_ACTORS)
        if r < 0.65:
            return self.rng.choice(self.scopable)
        return self.rng.choice(self.role_names)

    def role_ref(self, name):
        """The role as a request names it: mostly the display name, sometimes its template id or
        the name in another case (both looked up case-insensitively, docs/semantics.md § Case)."""
        x = self.rng.random()
        if x < 0.04:
            return self.s.lookup_role(name).template_id
        if x < 0.06:
            return name.upper()
        return name

    def assignment(self, name):
        rng = self.rng
        scope = "/"
        if name in self.scopable and rng.random() < 0.3:
            scope = "/administrativeUnits/" + rng.choice(AUS)
        elif rng.random() < 0.01:
            scope = "/administrativeUnits/" + rng.choice(AUS)   # usually an error: not scopable
        a = {"role": self.role_ref(name), "scope": scope}
        if rng.random() < 0.003:
            a["role"] = "Helpdesk Administrater"      # unknown role: an error
        elif rng.random() < 0.003:
            a["scope"] = rng.choice(["/administrativeUnits/", "/tenant", "administrativeUnits/au1"])
        if scope == "/" and rng.random() < 0.5:
            del a["scope"]
        return a

    def action(self, roles):
        rng = self.rng
        r = rng.random()
        if r < 0.40:
            a = rng.choice(self.sensitive)
        elif r < 0.62:
            role = self.s.lookup_role(rng.choice(roles))
            a = rng.choice(role.grants)[0] if role.grants else rng.choice(self.catalog)
        elif r < 0.72:
            a = rng.choice(self.keyword_actions)
        elif r < 0.82:
            a = rng.choice(self.au_actions)
        elif r < 0.87:
            a = rng.choice(self.rag_actions)
        elif r < 0.92:
            a = self.made_keyword_query(rng.choice(self.sensitive + self.catalog))
        elif r < 0.935:
            a = self.outside_catalog()
        elif r < 0.94:
            a = rng.choice(["not-an-action", "microsoft.directory/allTasks/delete",
                            "microsoft.directory/users//delete", "microsoft.directory/users",
                            "microsoft.directory/allProperties/users/read",
                            "a/b/c/d/e/f/g/h"])
        else:
            a = rng.choice(self.catalog)
        if rng.random() < 0.03:
            a = "/".join(s.upper() if rng.random() < 0.5 else s for s in a.split("/"))
        return a

    def made_keyword_query(self, action):
        """A catalog action with some of its segments replaced by the keyword of their place."""
        rng = self.rng
        segs = action.split("/")
        choice = rng.randrange(4)
        if choice in (0, 3):
            segs[-1] = "allTasks"
        if choice in (1, 3) and len(segs) >= 4:
            segs[-2] = "allProperties"
        elif choice == 1:
            segs.insert(-1, "allProperties")
        if choice == 2 or rng.random() < 0.15:
            segs[1] = "allEntities"
        return "/".join(segs)

    def outside_catalog(self):
        rng = self.rng
        segs = rng.choice(self.catalog).split("/")
        i = rng.randrange(1, len(segs))
        segs[i] = segs[i] + rng.choice(["X", "zz", ".sub"])
        return "/".join(segs)

    def target(self, principal_id, scopes):
        rng = self.rng
        kind = rng.choices(KINDS, weights=[60, 12, 8, 4, 4, 4, 4, 4])[0]
        t = {"kind": kind}
        if rng.random() < 0.05:
            t["kind"] = kind.upper() if rng.random() < 0.5 else kind.capitalize()
        n = rng.choices([0, 1, 2, 3], weights=[40, 35, 15, 10])[0]
        roles = []
        for _ in range(n):
            x = rng.random()
            if x < 0.6:
                roles.append(rng.choice(TARGET_ADMIN_ROLES))
            elif x < 0.8:
                roles.append(rng.choice(NON_ADMIN))
            else:
                roles.append(rng.choice(self.role_names))
        roles = [self.role_ref(r) for r in roles]
        if rng.random() < 0.003:
            roles.append("Global Admin")               # unknown role: an error
        if roles or rng.random() < 0.5:
            t["roles"] = roles
        if rng.random() < 0.2:
            t["roleAssignableGroupMember"] = True
        elif rng.random() < 0.1:
            t["roleAssignableGroupMember"] = False
        if rng.random() < 0.12:
            t["roleScopedToRestrictedAdminUnit"] = True
        if rng.random() < 0.15:
            t["inRestrictedAdminUnit"] = True
        if rng.random() < (0.5 if kind == "group" else 0.08):
            t["roleAssignable"] = True
        aus = []
        for scope in scopes:
            if scope.startswith("/administrativeUnits/") and rng.random() < 0.7:
                aus.append(scope.split("/")[2])
        if rng.random() < 0.2:
            aus.append(rng.choice(AUS + ["au3"]))
        if aus:
            t["adminUnits"] = sorted(set(aus))
            if rng.random() < 0.25:
                t["restrictedAdminUnits"] = [u for u in t["adminUnits"] if rng.random() < 0.5] or \
                    [rng.choice(t["adminUnits"])]
        x = rng.random()
        if x < 0.12:
            t["id"] = principal_id                       # self
        elif x < 0.8:
            t["id"] = "t%d" % rng.randrange(1000)
        if rng.random() < 0.15:
            t["owners"] = [principal_id] if rng.random() < 0.7 else ["someone"]
        return t

    def request(self, i):
        rng = self.rng
        pid = "p%d" % rng.randrange(1000)
        k = rng.choices([1, 2, 3], weights=[70, 20, 10])[0]
        names = [self.role() for _ in range(k)]
        assignments = [self.assignment(n) for n in names]
        req = {"id": i, "principal": {"id": pid, "assignments": assignments},
               "action": self.action(names),
               "target": self.target(pid, [a.get("scope", "/") for a in assignments])}
        if rng.random() < 0.5:
            req["context"] = {"mfa": rng.random() < 0.5}
        if rng.random() < 0.02:
            # no principal id: `target is self` and `principal owns target` never hold, even
            # on an empty target id or an empty owner (docs/cli.md, principal.id)
            del req["principal"]["id"]
            req["target"]["id"] = ""
            if rng.random() < 0.5:
                req["target"]["owners"] = [""]
        return req


def generate(sources, count, seed):
    g = Generator(sources, seed)
    return [g.request(i) for i in range(count)]


def matrix_sweep(sources, start_id=0):
    """A deterministic grid over the matrices: every actor that holds a governed or
    authentication-method action x each such action x every built-in role held by the target
    (and none); the role-assignable-group, restricted-AU-role and self variants for the rows of
    the matrices; and the unit-scoped actors on a target in their unit."""
    names = sorted(r.name for r in sources.roles.values())
    actions = sorted(oracle.RESET_ACTIONS | oracle.SENSITIVE_ACTIONS |
                     {a for a in sources.catalog if a.startswith(oracle.AUTH_METHODS_PREFIX)})
    actions = [sources.catalog[a] for a in actions]
    row_roles = [[]] + [[r] for r in TARGET_ADMIN_ROLES] + [["User"], ["Guest User"]]
    # every role holding one of those actions (by any pattern), plus a few that hold none
    splits = [oracle.split_pattern(a) for a in actions]
    actors = sorted(r.name for r in sources.roles.values()
                    if any(oracle.covers(p, a) for p, _ in r.compiled for a in splits))
    actors += ["Directory Writers", "Global Reader"]
    out = []

    def add(actor, scope, action, roles, **facts):
        t = {"kind": "user", "id": "t1", "roles": roles, "adminUnits": ["au1"]}
        t.update(facts)
        out.append({"id": start_id + len(out),
                    "principal": {"id": "me", "assignments": [{"role": actor, "scope": scope}]},
                    "action": action, "target": t})

    for actor in actors:
        scopable = actor.lower() in sources.au_scopable
        role = sources.lookup_role(actor)
        for action in actions:
            if not any(oracle.covers(p, oracle.split_pattern(action)) for p, _ in role.compiled) \
                    and action != actions[0]:
                continue     # an action it does not hold: once is enough
            for r in [[]] + [[n] for n in names]:
                add(actor, "/", action, r)
            segs = action.split("/")
            subtype = "/".join([segs[0], segs[1] + ".sub"] + segs[2:])   # outside the catalog
            for r in row_roles:
                add(actor, "/", subtype, r)
                add(actor, "/", action, r, roleAssignableGroupMember=True)
                add(actor, "/", action, r, roleScopedToRestrictedAdminUnit=True)
                add(actor, "/", action, r, id="me")
                if scopable:
                    add(actor, "/administrativeUnits/au1", action, r)
                    # au1 regular, au-exec restricted; then au1 itself restricted
                    add(actor, "/administrativeUnits/au1", action, r,
                        adminUnits=["au1", "au-exec"], restrictedAdminUnits=["au-exec"])
                    add(actor, "/administrativeUnits/au1", action, r,
                        adminUnits=["au1", "au-exec"], restrictedAdminUnits=["au1"])
    # BitLocker keys of a device in a unit / in a restricted unit, for every role that reads them
    bitlocker = "microsoft.directory/bitlockerKeys/key/read"
    b = oracle.split_pattern(bitlocker)
    for role in sorted(sources.roles.values(), key=lambda r: r.name):
        if not any(oracle.covers(p, b) for p, _ in role.compiled):
            continue
        scopes = ["/"] + (["/administrativeUnits/au1"] if role.name.lower() in sources.au_scopable else [])
        for scope in scopes:
            for kind in ("device", "user", "other"):
                for restricted in (False, True):
                    add(role.name, scope, bitlocker, [], kind=kind, inRestrictedAdminUnit=restricted)
    return out
