"""The action catalog: every concrete action of any source, with its metadata.

Reads the custom-*-permissions.md, protected-actions-overview.md pages and the example actions
of privileged-roles-permissions.md; chooses spellings, descriptions and privileged labels;
the intrinsic target rules (INTRINSIC_RULES, NON_TARGET_PHRASES).
"""

import collections
import os
import re

from .common import action_shape_error, clean_markdown, is_concrete, tables


# Intrinsic target rules: a phrase of an action's description and the condition it imposes on the
# target. Ordered; the first match wins. docs/stdlib.md explains each line.
INTRINSIC_RULES = [
    # "Update members of Security groups ..., excluding role-assignable groups": the target group
    # must not be role-assignable (those need the groupsAssignableToRoles actions).
    (re.compile(r"\bexcluding role-assignable groups\b", re.I), "not target.role_assignable"),
    # "..., including role-assignable groups": explicitly no restriction.
    (re.compile(r"\bincluding role-assignable groups\b", re.I), None),
    # "Update role-assignable groups", "Create role-assignable groups", ...: the action exists only
    # for role-assignable groups.
    (re.compile(r"\brole-assignable groups?\b", re.I), "target.role_assignable"),
]
# Phrases that restrict an action but say nothing about the target object, so they are not rules.
# Listed so that docs/stdlib.md can show that they were considered (and the generator can flag a
# new restrictive phrase it has not seen).
NON_TARGET_PHRASES = [
    (re.compile(r"excluding custom security attributes audit logs", re.I),
     "which log records are readable, not a property of the target"),
    (re.compile(r"except the password", re.I), "a property the action does not read"),
    (re.compile(r"excluding security messages", re.I), "which messages are readable"),
    (re.compile(r"except for application permissions for Microsoft Graph", re.I),
     "which permissions may be consented"),
    (re.compile(r"but cannot enumerate", re.I), "how the target is found, not which target"),
    (re.compile(r"(only for|for only|or) single-tenant applications", re.I),
     "already expressed by the entity subtype applications.myOrganization, which rolec matches"),
]
RESTRICTIVE_WORDS = re.compile(r"\b(excluding|except|only|cannot|but not)\b", re.I)


# ----------------------------------------------------------------------------------------------
# The catalog.

class Action:
    def __init__(self, name):
        self.name = name                      # canonical spelling
        self.spellings = collections.Counter()
        self.descriptions = collections.Counter()   # description -> how many sources say it
        self.privileged_votes = collections.Counter()  # True/False -> count (role tables)
        self.example_privileged = None        # isPrivileged in privileged-roles-permissions.md
        self.custom_allowed = False
        self.protected = False
        self.sources = set()                  # "graph", "docs-roles", "custom", "protected", ...
        self.graph_roles = set()
        self.docs_roles = set()
        self.description = ""
        self.prose_description = ""           # a '#### action' paragraph, used if nothing else
        self.privileged = False
        self.requires = None
        self.requires_phrase = ""


class Catalog:
    def __init__(self):
        self.actions = {}        # lower-case name -> Action
        self.templates = []      # ("microsoft.directory/servicePrincipals/managePermissionGrantsForSelf.", file)
        self.patterns = {}       # lower-case pattern -> {descriptions, privileged votes}
        self.rejected = []       # (name, reason, source)
        # Patterns (keywords in their places) a custom-*-permissions.md page names: custom roles
        # may hold exactly these strings (lower-case -> spelling), besides custom_allowed actions.
        self.custom_patterns = {}

    def add(self, name, source, description="", privileged=None, where=""):
        name = name.strip()
        if "{" in name:
            prefix = name.split("{", 1)[0]
            if (prefix, where or source) not in self.templates:
                self.templates.append((prefix, where or source))
            return None
        err = action_shape_error(name)
        if err:
            self.rejected.append((name, err, source))
            return None
        if not is_concrete(name):
            pat = self.patterns.setdefault(name.lower(), {
                "name": name, "descriptions": collections.Counter(),
                "privileged": collections.Counter()})
            if description:
                pat["descriptions"][description] += 1
            if privileged is not None:
                pat["privileged"][privileged] += 1
            return None
        act = self.actions.get(name.lower())
        if act is None:
            act = self.actions[name.lower()] = Action(name)
        act.spellings[name] += 1
        act.sources.add(source)
        if description:
            act.descriptions[description] += 1
        if privileged is not None and source == "docs-roles":
            act.privileged_votes[privileged] += 1
        return act

    def get(self, name):
        return self.actions.get(name.lower())

    def sorted(self):
        return sorted(self.actions.values(), key=lambda a: a.name.lower())


def extract_doc_actions(text):
    """Every microsoft.* action named in a docs page: table cells, bullets, headings, plain lines."""
    found = []
    for m in re.finditer(r"(?<![\w./-])(microsoft\.[A-Za-z0-9_.*{}-]+(?:/[A-Za-z0-9_.*{}-]+)+)",
                         text.replace("**", "")):
        found.append(m.group(1).rstrip("."))
    return found


def table_descriptions(text):
    """{action: description} from the two-column permission tables of a docs page."""
    out = {}
    for _, header, rows in tables(text.replace("**", "")):
        if len(header) < 2 or header[0] not in ("Permission", "Actions", "Permission example"):
            continue
        for row in rows:
            action = clean_markdown(row[0])
            if action.startswith("microsoft."):
                out.setdefault(action, []).append(clean_markdown(row[1]))
    return out


def heading_descriptions(text):
    """{action: paragraph} for pages that describe an action under a '#### <action>' heading."""
    out = {}
    for m in re.finditer(r"^#{3,4} (microsoft\.[^\s]+)\s*\n+((?:[^\n#!].*\n?)+)", text, re.M):
        para = clean_markdown(m.group(2).strip().split("\n\n")[0])
        if para:
            out[m.group(1)] = para
    return out


def build_catalog(src, report):
    cat = Catalog()
    # Graph: every allowed action of every role.
    for role in src.graph_roles:
        for action in role.actions():
            act = cat.add(action, "graph")
            if act:
                act.graph_roles.add(role.name)
    # Docs: the role pages' action tables (description + privileged label).
    for role in src.docs_roles.values():
        for action, desc, priv in role.actions:
            act = cat.add(action, "docs-roles", desc, priv)
            if act:
                act.docs_roles.add(role.name)
    # Docs: the custom-role permission pages. Every action they name may be used in a custom role.
    custom_files = sorted(f for f in os.listdir(src.docs_dir)
                          if re.fullmatch(r"custom-.*-permissions\.md", f))
    report.custom_files = custom_files
    for fname in custom_files:
        text = src.docs_text(fname)
        descs = table_descriptions(text)
        prose = heading_descriptions(text)
        for action in extract_doc_actions(text):
            if "{" not in action and not is_concrete(action) and not action_shape_error(action):
                cat.custom_patterns.setdefault(action.lower(), action)
            for desc in descs.get(action, [""]):
                act = cat.add(action, "custom", desc, where=fname)
                if act:
                    act.custom_allowed = True
                    if action in prose:
                        act.prose_description = prose[action]
    # Docs: protected actions.
    text = src.docs_text("protected-actions-overview.md")
    descs = table_descriptions(text)
    for action in extract_doc_actions(text):
        for desc in descs.get(action, [""]):
            act = cat.add(action, "protected", desc)
            if act:
                act.protected = True
    # Docs: privileged-roles-permissions.md examples (resourceActions with isPrivileged, and the
    # allowedResourceActions of the example role definitions).
    text = src.docs_text("privileged-roles-permissions.md")
    for block in re.findall(r"```[A-Za-z]*\n(.*?)```", text, re.S):
        for para in re.split(r"\n\s*\n", block):
            kv = dict(re.findall(r"^(\w+)\s+: (.*)$", para, re.M))
            if kv.get("Name", "").startswith("microsoft."):
                act = cat.add(kv["Name"].strip(), "privileged-examples",
                              kv.get("Description", "").strip())
                if act and "IsPrivileged" in kv:
                    act.example_privileged = kv["IsPrivileged"].strip() == "True"
        for obj in re.findall(r"\{[^{}]*\}", block):
            m = re.search(r'"name":\s*"(microsoft\.[^"]+)"', obj)
            if m:
                d = re.search(r'"description":\s*"([^"]*)"', obj)
                p = re.search(r'"isPrivileged":\s*(true|false)', obj)
                act = cat.add(m.group(1), "privileged-examples", d.group(1) if d else "")
                if act and p:
                    act.example_privileged = p.group(1) == "true"
        for action in re.findall(r'^\s*"(microsoft\.[^"]+)",?$', block, re.M):
            cat.add(action, "privileged-examples")
    # Templates ("...managePermissionGrantsForSelf.{id}") make every concrete instance custom-allowed.
    for act in cat.actions.values():
        for prefix, _ in cat.templates:
            if act.name.lower().startswith(prefix.lower()) and len(act.name) > len(prefix):
                act.custom_allowed = True

    # Resolve each action's metadata.
    for act in cat.actions.values():
        act.name = choose_spelling(act, src)
        if act.descriptions:
            best = max(act.descriptions.items(),
                       key=lambda kv: (verb_agrees(act.name, kv[0]), kv[1], -len(kv[0]), kv[0]))
            act.description = best[0].strip()
            if len(act.descriptions) > 1:
                report.description_variants.append((act.name, dict(act.descriptions),
                                                    act.description))
        elif act.prose_description:
            act.description = act.prose_description
        if act.privileged_votes:
            # Any role page labelling the action privileged makes it privileged: a label is added
            # deliberately, its absence is the default (and a stale page is likelier to lack it).
            act.privileged = act.privileged_votes[True] > 0
            if len(act.privileged_votes) > 1:
                report.privileged_variants.append((act.name, dict(act.privileged_votes)))
        if act.example_privileged is not None:
            if act.privileged_votes and act.example_privileged != act.privileged:
                report.privileged_example_conflicts.append((act.name, act.example_privileged))
            if not act.privileged_votes:
                act.privileged = act.example_privileged
        act.requires, act.requires_phrase = intrinsic_rule(act, report)
    return cat


# An action's verb and the first words its description may start with. When descriptions of one
# action disagree, one whose wording matches the verb wins (two role pages describe
# getPasswordSingleSignOnCredentials as "Manage ..." and managePassword... as "Read ...").
VERB_WORDS = {"read": ("read", "view", "list", "get"), "get": ("read", "get"),
              "manage": ("manage",), "update": ("update",), "create": ("create", "add"),
              "delete": ("delete", "remove")}


def verb_agrees(action, description):
    last = action.split("/")[-1]
    verb = re.match(r"[a-z]+", last)
    words = VERB_WORDS.get(verb.group(0) if verb else "")
    if not words or not description:
        return False
    return description.split()[0].lower() in words


def choose_spelling(act, src):
    if len(act.spellings) > 1:
        # Graph's spelling wins: the roles use it verbatim.
        graph = set(a for r in src.graph_roles for a in r.actions())
        for s, _ in act.spellings.most_common():
            if s in graph:
                return s
    return act.spellings.most_common(1)[0][0]


def intrinsic_rule(act, report):
    if not act.description:
        return None, ""
    for regex, cond in INTRINSIC_RULES:
        m = regex.search(act.description)
        if m:
            if cond:
                report.intrinsic.setdefault((m.group(0).lower(), cond), []).append(act.name)
            return cond, m.group(0)
    for regex, why in NON_TARGET_PHRASES:
        m = regex.search(act.description)
        if m:
            report.non_target.setdefault((m.group(0), why), []).append(act.name)
            return None, ""
    if RESTRICTIVE_WORDS.search(act.description):
        report.unclassified_restrictions.append((act.name, act.description))
    return None, ""
