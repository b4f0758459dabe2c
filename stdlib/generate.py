#!/usr/bin/env python3
"""Generates rolec's standard library (module `entra`) from the reference sources.

Run from the repository root:

    python3 stdlib/generate.py --reference ../shared/reference          # rewrite the outputs
    python3 stdlib/generate.py --reference ../shared/reference --check  # exit 1 if they differ

Inputs (each folder's MANIFEST.tsv records where every file came from and at which commit):

  graph/jlaundry-aadinfo/info/roles.graph.json
      What Microsoft Graph returns for /roleManagement/directory/roleDefinitions: every built-in
      role's display name, template id, description, isPrivileged, inheritsPermissionsFrom and
      rolePermissions (allowedResourceActions + condition).
  entra-docs/docs/identity/role-based-access-control/
      permissions-reference.md      the role table, deprecated and hidden roles
      includes/<role>.md            one page per role: privileged label, and the role's actions
                                    with their descriptions and per-action privileged labels
      privileged-roles-permissions.md  the "Who can reset passwords" and "Who can perform
                                    sensitive actions" matrices; example resourceActions
      custom-*-permissions.md       actions that custom roles may use
      protected-actions-overview.md actions that can be protected by Conditional Access
      admin-units-assign-roles.md   roles that can be assigned at administrative-unit scope
  ../seeds/003_*.txt (optional)     an older rendering of permissions-reference.md; used only for
                                    the template id and description of a role no current source
                                    gives them for

Outputs (all deterministic; the same inputs give the same bytes):

  stdlib/entra/catalog.role          every concrete action of any source, with its metadata
  stdlib/entra/roles/<role>.role     one file per built-in role
  stdlib/entra/reset_password.role   the reset-password and sensitive-action matrices as role
                                     sets, and the roles whose rules those matrices condition
  stdlib/entra/admin_units.role      the roles that can be assigned at administrative-unit scope
  tests/stdlib/matrices.role         every cell of both matrices as a decision test
  docs/roles/<role>.md               a reference page per role (and docs/roles/README.md, the index)
  docs/stdlib.md                     only the part between the generated-section markers

Python 3 standard library only. Any surprise in the sources (an unknown matrix row, a role whose
abbreviation does not expand, a Graph condition we do not model) stops the generator with a
message instead of producing a silently wrong library.
"""

import argparse
import collections
import difflib
import json
import os
import re
import sys
import textwrap

# ----------------------------------------------------------------------------------------------
# Constants: the few facts that are not in the sources' data but in their prose.

KEYWORDS = ("allEntities", "allProperties", "allTasks")
SEGMENT_RE = re.compile(r"^[A-Za-z0-9_.-]+$")

DOCS_SUBDIR = os.path.join("entra-docs", "docs", "identity", "role-based-access-control")
GRAPH_FILE = os.path.join("graph", "jlaundry-aadinfo", "info", "roles.graph.json")
GRAPH_MANIFEST_PATH = "info/roles.graph.json"
DOCS_MANIFEST_PREFIX = "docs/identity/role-based-access-control/"

# Graph rolePermissions conditions and the .role condition each one means.
GRAPH_CONDITIONS = {
    None: None,
    "$ResourceIsSelf": "target is self",
    "$SubjectIsOwner": "principal owns target",
}

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

GENERATED_BEGIN = "<!-- BEGIN GENERATED: stdlib/generate.py -->"
GENERATED_END = "<!-- END GENERATED: stdlib/generate.py -->"


class SourceError(Exception):
    """The sources are not what the generator understands; the message says where."""


# ----------------------------------------------------------------------------------------------
# Small helpers.

def read_text(path):
    with open(path, encoding="utf-8") as f:
        return f.read().replace("\r\n", "\n")


def is_concrete(action):
    return not any(seg in KEYWORDS for seg in action.split("/"))


def action_shape_error(action):
    segs = action.split("/")
    if not 3 <= len(segs) <= 7:
        return "has %d segments (3 to 7 allowed)" % len(segs)
    for seg in segs:
        if not SEGMENT_RE.match(seg):
            return "segment %r has a character outside [A-Za-z0-9_.-]" % seg
    return ""


def role_string(text):
    """A .role string literal."""
    out = ['"']
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def role_bool(value):
    return "true" if value else "false"


def snake(name):
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def norm_name(name):
    """Role names compared loosely: 'Partner Tier 1 Support' == 'Partner Tier1 Support'."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def normalize_space(text):
    """Collapses runs of whitespace, including no-break spaces (U+00A0, U+202F), to one space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def clean_markdown(text):
    text = re.sub(r"<br\s*/?>", " ", text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)          # images
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)      # links
    text = text.replace("**", "").replace("`", "")
    text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
    text = text.replace("&amp;", "&")
    return normalize_space(text)


def split_row(line):
    """Cells of a markdown table row ('> | a | b |' or '| a | b |'), or None."""
    s = line.strip()
    if s.startswith(">"):
        s = s[1:].strip()
    if not s.startswith("|"):
        return None
    s = s.strip()
    if s.endswith("|"):
        s = s[:-1]
    cells = re.split(r"(?<!\\)\|", s[1:])
    return [c.strip() for c in cells]


def tables(text):
    """Every markdown table in `text`: (line index of header, header cells, rows of cells)."""
    lines = text.split("\n")
    out = []
    i = 0
    while i < len(lines):
        header = split_row(lines[i])
        sep = split_row(lines[i + 1]) if i + 1 < len(lines) else None
        if header and sep and all(re.fullmatch(r":?-+:?", c or "-") for c in sep):
            rows = []
            j = i + 2
            while j < len(lines):
                row = split_row(lines[j])
                if row is None:
                    break
                rows.append(row)
                j += 1
            out.append((i, header, rows))
            i = j
        else:
            i += 1
    return out


def has_privileged_label(cell):
    return "privileged-label" in cell


def section(text, heading_re):
    """The text from a heading matching `heading_re` to the next heading of the same level."""
    m = re.search(heading_re, text, re.M)
    if not m:
        raise SourceError("heading %r not found" % heading_re)
    level = len(re.match(r"#+", m.group(0)).group(0))
    rest = text[m.end():]
    n = re.search(r"^#{1,%d} " % level, rest, re.M)
    return rest[: n.start()] if n else rest


def wrap_doc(text, width=98):
    lines = []
    for para in text.split("\n"):
        para = para.strip()
        if not para:
            lines.append("")
            continue
        lines.extend(textwrap.wrap(para, width=width, break_long_words=False,
                                   break_on_hyphens=False))
    while lines and not lines[-1]:
        lines.pop()
    return lines


def doc_comment(text, indent=""):
    return [indent + ("/// " + line if line else "///") for line in wrap_doc(text)]


# ----------------------------------------------------------------------------------------------
# Sources.

class Manifest:
    """Origins of the reference files: repo, path and commit of each."""

    def __init__(self, reference):
        self.graph = None
        self.docs = {}
        graph_manifest = os.path.join(reference, "graph", "MANIFEST.tsv")
        for row in self._rows(graph_manifest):
            if row["path"] == GRAPH_MANIFEST_PATH:
                self.graph = row
        if not self.graph:
            raise SourceError("%s: no row for %s" % (graph_manifest, GRAPH_MANIFEST_PATH))
        for row in self._rows(os.path.join(reference, "entra-docs", "MANIFEST.tsv")):
            if row["path"].startswith(DOCS_MANIFEST_PREFIX):
                self.docs[row["path"][len(DOCS_MANIFEST_PREFIX):]] = row

    @staticmethod
    def _rows(path):
        lines = read_text(path).strip("\n").split("\n")
        keys = lines[0].split("\t")
        return [dict(zip(keys, line.split("\t"))) for line in lines[1:] if line.strip()]

    def graph_line(self):
        notes = self.graph.get("notes", "")
        date = re.search(r"commit dated (\d{4}-\d{2}-\d{2})", notes)
        return "%s %s @ %s%s" % (self.graph["repo"], self.graph["path"], self.graph["commit"],
                                 " (%s)" % date.group(1) if date else "")

    def docs_commit(self, rel):
        row = self.docs.get(rel)
        if not row:
            raise SourceError("entra-docs MANIFEST.tsv has no row for %s" % rel)
        return row["commit"]

    def docs_lines(self, rels):
        """'MicrosoftDocs/entra-docs @ <commit>: a.md, b.md' lines, grouped by commit."""
        by_commit = collections.defaultdict(list)
        for rel in sorted(set(rels)):
            by_commit[self.docs_commit(rel)].append(rel)
        out = []
        for commit in sorted(by_commit, key=lambda c: (by_commit[c][0], c)):
            files = by_commit[commit]
            out.append("MicrosoftDocs/entra-docs @ %s: %s" % (commit, ", ".join(files)))
        return out


class GraphRole:
    def __init__(self, data):
        self.name = data["displayName"]
        self.template_id = data["templateId"]
        self.description = normalize_space(data.get("description") or "")
        # Keep the line structure (the rich descriptions hold bulleted lists of roles).
        self.rich_description = "\n".join(
            normalize_space(line) for line in (data.get("richDescription") or "").split("\n")).strip()
        self.privileged = bool(data.get("isPrivileged"))
        self.enabled = bool(data.get("isEnabled", True))
        self.assignment_mode = data.get("assignmentMode") or ""
        self.inherits = [i["id"] for i in data.get("inheritsPermissionsFrom") or []]
        # [(condition text or None, [actions])], in Graph's order.
        self.permissions = []
        for perm in data.get("rolePermissions") or []:
            cond = perm.get("condition")
            if cond not in GRAPH_CONDITIONS:
                raise SourceError("role %r: unknown Graph condition %r" % (self.name, cond))
            if perm.get("excludedResourceActions"):
                raise SourceError("role %r: excludedResourceActions are not modelled" % self.name)
            self.permissions.append((GRAPH_CONDITIONS[cond], list(perm["allowedResourceActions"])))

    def actions(self):
        return [a for _, acts in self.permissions for a in acts]


class DocsRole:
    """What the docs say about one role."""

    def __init__(self, name):
        self.name = name
        self.template_id = ""
        self.description = ""
        self.table_privileged = None     # label in the "All roles" table
        self.include = ""                # includes/<slug>.md, relative to the docs folder
        self.include_privileged = None   # label at the top of the include
        self.include_deprecated = False  # the include says the role has been deprecated
        self.actions = []                # [(action, description, privileged)] of the include
        self.in_table = False
        self.in_deprecated_list = False
        self.hidden_note = ""            # portal-name cell of "Roles not shown in the portal"
        self.include_unreferenced = False  # a role page permissions-reference.md does not include


class Sources:
    def __init__(self, reference, seeds):
        self.reference = reference
        self.docs_dir = os.path.join(reference, DOCS_SUBDIR)
        self.manifest = Manifest(reference)
        graph = json.loads(read_text(os.path.join(reference, GRAPH_FILE)))
        self.graph_roles = [GraphRole(r) for r in graph["value"]]
        self.hidden_rows = []     # (API name, portal-name note) of "Roles not shown in the portal"
        self.docs_roles = {}      # name -> DocsRole, in the docs' spelling
        self._load_permissions_reference()
        self.seed_ids = {}        # role name -> template id from the seed rendering
        self.seed_descriptions = {}  # role name -> description from the seed rendering
        self.seed_file = ""
        self.seed_actions = set()
        if seeds and os.path.isdir(seeds):
            self._load_seed(seeds)

    def docs_text(self, rel):
        return read_text(os.path.join(self.docs_dir, rel))

    def docs_date(self, rel):
        """The page's ms.date as YYYY-MM-DD ('' if absent): when Microsoft last reviewed it."""
        m = re.search(r"^ms\.date:\s*(\d{2})/(\d{2})/(\d{4})", self.docs_text(rel), re.M)
        return "%s-%s-%s" % (m.group(3), m.group(1), m.group(2)) if m else ""

    def _role(self, name):
        if name not in self.docs_roles:
            self.docs_roles[name] = DocsRole(name)
        return self.docs_roles[name]

    def _load_permissions_reference(self):
        text = self.docs_text("permissions-reference.md")
        # The "All roles" table.
        found = False
        for _, header, rows in tables(text):
            if header[:3] != ["Role", "Description", "Template ID"]:
                continue
            found = True
            for row in rows:
                role = self._role(clean_markdown(row[0]))
                role.in_table = True
                role.description = clean_markdown(row[1])
                role.table_privileged = has_privileged_label(row[1])
                role.template_id = row[2].strip()
        if not found:
            raise SourceError("permissions-reference.md: the 'All roles' table is missing")
        # Role sections and the include each one pulls in.
        for m in re.finditer(r"^#{2,3} (.+)\n+\[!INCLUDE \[[^\]]*\]\(([^)]+)\)\]", text, re.M):
            name, include = m.group(1).strip(), m.group(2).strip()
            self._role(name).include = include
        # Deprecated roles.
        for line in section(text, r"^## Deprecated roles").split("\n"):
            m = re.match(r"^\s*[*-] (.+)$", line)
            if m:
                self._role(m.group(1).strip()).in_deprecated_list = True
        # Roles not shown in the portal.
        hidden = section(text, r"^## Roles not shown in the portal")
        for _, header, rows in tables(hidden):
            if header[0] != "API name":
                continue
            for row in rows:
                self.hidden_rows.append((clean_markdown(row[0]), clean_markdown(row[1])))
        # Role pages that permissions-reference.md does not (yet) include still describe a role:
        # the page's title is the role's name.
        referenced = set(r.include for r in self.docs_roles.values() if r.include)
        for fname in sorted(os.listdir(os.path.join(self.docs_dir, "includes"))):
            rel = "includes/" + fname
            if not fname.endswith(".md") or rel in referenced:
                continue
            title = re.search(r"^title:\s*(.+)$", read_text(os.path.join(self.docs_dir, rel)), re.M)
            if not title or title.group(1).strip().lower() == "include file":
                continue  # a shared fragment, not a role page
            role = self._role(title.group(1).strip())
            role.include = rel
            role.include_unreferenced = True
        for role in list(self.docs_roles.values()):
            if role.include:
                self._load_include(role)

    def _load_include(self, role):
        text = self.docs_text(role.include)
        parts = text.split("<!-- autogenerated content starts here -->")
        prose = parts[0]
        body = prose.split("---", 2)[2] if prose.startswith("---") else prose
        first = body.strip().split("\n\n")[0] if body.strip() else ""
        role.include_privileged = has_privileged_label(first)
        role.include_deprecated = bool(re.search(r"has been deprecated|is deprecated", prose))
        if len(parts) > 1:
            for _, header, rows in tables(parts[1]):
                if header[:2] != ["Actions", "Description"]:
                    continue
                for row in rows:
                    action = clean_markdown(row[0])
                    role.actions.append((action, clean_markdown(row[1]),
                                         has_privileged_label(row[1])))

    def _load_seed(self, seeds):
        for fname in sorted(os.listdir(seeds)):
            text = read_text(os.path.join(seeds, fname))
            if not text.startswith("Microsoft Entra built-in roles"):
                continue
            self.seed_file = fname
            # "Name | Description | <template id> |", sometimes with the id on the next line.
            joined = re.sub(r"\|\s*\n\s*([0-9a-f]{8}-)", r"| \1", text)
            for m in re.finditer(r"^([^|\n]+?) \| ([^\n]*?) \| ([0-9a-f-]{36}) \|", joined, re.M):
                self.seed_ids[m.group(1).strip()] = m.group(3)
                self.seed_descriptions[m.group(1).strip()] = normalize_space(m.group(2))
            self.seed_actions = set(re.findall(r"^(microsoft\.[^\s|]+)", text, re.M))


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


# ----------------------------------------------------------------------------------------------
# Roles.

class Role:
    def __init__(self):
        self.name = ""
        self.template_id = ""
        self.template_id_source = ""
        self.description = ""
        self.rich_description = ""
        self.privileged = False
        self.deprecated = False
        self.graph = None        # GraphRole or None
        self.docs = None         # DocsRole or None
        self.docs_names = []     # other spellings of the name in the docs
        self.extends = []        # role names
        self.rules = []          # [(is_except, [actions], condition or None)]
        self.notes = []          # doc-comment lines about disagreements and choices
        self.file = ""           # output file, relative to stdlib/entra
        self.slug = ""
        self.matrix = False      # conditioned by a matrix (lives in reset_password.role)
        self.hidden_note = ""    # "Roles not shown in the portal" note
        self.write_label = True  # write `privileged`; false where the label contradicts the grants


def build_roles(src, cat, report):
    by_id = {r.template_id.lower(): r for r in src.graph_roles}
    by_norm = {norm_name(r.name): r for r in src.graph_roles}
    roles = []
    graph_role_of = {}
    for g in src.graph_roles:
        role = Role()
        role.graph = g
        role.name = g.name
        role.template_id = g.template_id
        role.template_id_source = "graph"
        role.description = g.description
        role.rich_description = g.rich_description
        role.privileged = g.privileged
        roles.append(role)
        graph_role_of[g.template_id.lower()] = role

    docs_only = []
    matched = collections.defaultdict(list)   # graph role -> [DocsRole]
    for d in sorted(src.docs_roles.values(), key=lambda d: d.name):
        g = by_id.get(d.template_id.lower()) if d.template_id else None
        if g is None:
            g = by_norm.get(norm_name(d.name))
        if g is None:
            docs_only.append(d)
        else:
            matched[g.template_id.lower()].append(d)
    for tid, ds in matched.items():
        role = graph_role_of[tid]
        primary = next((d for d in ds if d.include or d.in_table), ds[0])
        role.docs = primary
        for d in ds:
            primary.in_deprecated_list |= d.in_deprecated_list
            if d.name != role.name and d.name not in role.docs_names:
                role.docs_names.append(d.name)
                report.renamed.append((role.name, d.name, role.template_id))

    # Docs-only roles may be named several ways (table, sections, deprecated list, hidden table).
    merged = {}
    for d in docs_only:
        merged.setdefault(norm_name(d.name), []).append(d)
    for key in sorted(merged):
        ds = merged[key]
        primary = next((d for d in ds if d.include or d.in_table), ds[0])
        role = Role()
        role.name = primary.name
        role.docs = primary
        for d in ds:
            if d is not primary:
                role.docs_names.append(d.name)
                role.docs.in_deprecated_list |= d.in_deprecated_list
        role.description = primary.description
        if primary.template_id:
            role.template_id, role.template_id_source = primary.template_id, "docs"
        elif role.name in src.seed_ids:
            role.template_id = src.seed_ids[role.name]
            role.template_id_source = "seed"
            if not role.description:
                role.description = src.seed_descriptions.get(role.name, "")
        role.privileged = bool(primary.table_privileged or primary.include_privileged)
        if primary.actions:
            # Graph does not return the role; its page is the only list of its permissions.
            role.rules.append((False, [a for a, _, _ in primary.actions], None))
            role.notes.append("Permissions from the role page %s (Graph does not return this "
                              "role)." % primary.include)
        report.docs_only_roles.append(role)
        roles.append(role)

    # Hidden-table rows name roles too ("Partner Tier 1 Support" = "Partner Tier1 Support").
    hidden_notes = {}
    for api_name, note in src.hidden_rows:
        hidden_notes[norm_name(api_name)] = (api_name, note)

    names = {norm_name(r.name): r for r in roles}
    for key, (api_name, note) in sorted(hidden_notes.items()):
        role = names.get(key)
        if role is None:
            role = Role()
            role.name = api_name
            role.docs = DocsRole(api_name)
            roles.append(role)
            names[key] = role
            report.docs_only_roles.append(role)
        role.hidden_note = note
        if api_name != role.name and api_name not in role.docs_names:
            role.docs_names.append(api_name)
            if role.graph:
                report.renamed.append((role.name, api_name, role.template_id))

    for role in roles:
        d = role.docs
        role.deprecated = bool(d and (d.in_deprecated_list or d.include_deprecated))
        if role.graph and role.docs and role.docs.in_table:
            if role.docs.description and role.docs.description != role.graph.description:
                report.role_description_diffs.append((role.name, role.graph.description,
                                                      role.docs.description))
        if role.graph and d:
            labels = [x for x in (d.table_privileged, d.include_privileged) if x is not None]
            if labels and any(x != role.graph.privileged for x in labels):
                report.role_privileged_diffs.append((role.name, role.graph.privileged,
                                                     d.table_privileged, d.include_privileged))
        if role.graph and d and d.template_id and d.template_id != role.graph.template_id:
            raise SourceError("role %r: docs template id %s != Graph %s" % (
                role.name, d.template_id, role.graph.template_id))
        if role.graph:
            compare_role_actions(role, report)
        role.slug = snake(role.name)
        role.file = "roles/%s.role" % role.slug

    # Inheritance: Graph lists only a role's own actions (Password Administrator holds 1 action and
    # inherits Directory Readers' 55), so inherited permissions are written as `extends`.
    id_to_role = {r.template_id.lower(): r for r in roles if r.template_id}
    for role in roles:
        if role.graph:
            for parent_id in role.graph.inherits:
                parent = id_to_role.get(parent_id.lower())
                if parent is None:
                    raise SourceError("role %r inherits unknown template %s" % (role.name, parent_id))
                own = set(a.lower() for a in role.graph.actions())
                inherited = set(a.lower() for a in parent.graph.actions()) if parent.graph else set()
                if inherited and inherited <= own:
                    raise SourceError("role %r lists %r's actions itself: inheritance would be "
                                      "flat; generate.py assumes it is not" % (role.name, parent.name))
                role.extends.append(parent.name)
            for cond, actions in role.graph.permissions:
                if actions:
                    role.rules.append((False, list(actions), cond))
    roles.sort(key=lambda r: r.name.lower())
    names = [r.name.lower() for r in roles]
    if len(set(names)) != len(names):
        raise SourceError("two roles share a name")
    return roles


def compare_role_actions(role, report):
    d = role.docs
    if d is None or not d.actions:
        if d is not None and role.graph.actions() and d.include:
            report.role_action_diffs.append((role.name, sorted(role.graph.actions()), []))
        return
    graph = set(role.graph.actions())
    docs = set(a for a, _, _ in d.actions)
    if graph != docs:
        report.role_action_diffs.append((role.name, sorted(graph - docs), sorted(docs - graph)))


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
    return reset, sensitive, partner, sspr_props, unmapped


def apply_matrices(roles, cat, reset, sensitive, partner, non_admin, report):
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


# ----------------------------------------------------------------------------------------------
# Disagreements and choices, collected while building; rendered into docs/stdlib.md.

class Report:
    def __init__(self):
        self.description_variants = []
        self.privileged_variants = []
        self.privileged_example_conflicts = []
        self.intrinsic = {}
        self.non_target = {}
        self.unclassified_restrictions = []
        self.renamed = []
        self.docs_only_roles = []
        self.role_description_diffs = []
        self.role_privileged_diffs = []
        self.role_action_diffs = []
        self.matrix_rules = []
        self.custom_files = []
        self.label_conflicts = []
        self.protections = []  # (action, source) given the matrices' protections
        self.rich_description_diffs = []


# ----------------------------------------------------------------------------------------------
# Output.

def header_lines(what, source_lines):
    out = ["module entra", "",
           "// GENERATED by stdlib/generate.py -- do not edit; regenerate with",
           "//   python3 stdlib/generate.py --reference ../shared/reference",
           ] + ["// " + l for l in textwrap.wrap(what, width=97)] + ["// Sources:"]
    for line in source_lines:
        for i, piece in enumerate(textwrap.wrap(line, width=96, break_long_words=False,
                                                break_on_hyphens=False)):
            out.append("//   " + ("" if i == 0 else "  ") + piece)
    out.append("")
    return out


def emit_catalog(src, cat, report):
    used = ["permissions-reference.md", "privileged-roles-permissions.md",
            "protected-actions-overview.md"] + report.custom_files
    used += sorted(set(d.include for d in src.docs_roles.values() if d.include))
    lines = header_lines("The action catalog: every concrete action named by any source.",
                         [src.manifest.graph_line()] + src.manifest.docs_lines(used))
    lines += doc_comment(
        "privileged: labelled privileged on a role page of the docs (or isPrivileged in the "
        "examples of privileged-roles-permissions.md). custom_allowed: named in a "
        "custom-*-permissions.md page. protected: listed in protected-actions-overview.md. "
        "requires: the intrinsic target rule its description states (docs/stdlib.md).")
    lines.append("")
    for act in cat.sorted():
        notes = []
        where = []
        if "graph" in act.sources:
            where.append("Graph")
        if act.docs_roles:
            where.append("role pages")
        for s, label in (("custom", "custom-role pages"), ("protected", "protected actions"),
                         ("privileged-examples", "privileged-roles-permissions.md examples")):
            if s in act.sources:
                where.append(label)
        if "graph" in act.sources and not act.docs_roles:
            notes.append("Not on any role page of the docs: no description; privileged "
                         "defaults to false.")
        if "graph" not in act.sources and act.docs_roles:
            notes.append("No role in Graph grants it; the docs list it for: %s."
                         % ", ".join(sorted(act.docs_roles)))
        for line in notes:
            lines += doc_comment(line)
        lines.append("action %s {" % act.name)
        if act.description:
            lines.append("  description %s" % role_string(act.description))
        props = "  privileged %s  custom_allowed %s  protected %s" % (
            role_bool(act.privileged), role_bool(act.custom_allowed), role_bool(act.protected))
        if getattr(act, "requires_lines", None):
            lines.append(props)
            lines.append("  requires " + act.requires_lines[0])
            lines += ["           " + line for line in act.requires_lines[1:]]
        else:
            if act.requires:
                props += "  requires %s" % act.requires
            lines.append(props)
        lines.append("}")
    return "\n".join(lines) + "\n"


def role_doc(role, src):
    parts = []
    if role.rich_description and role.rich_description != role.description:
        parts.append(role.rich_description)
    info = []
    if role.graph is None:
        info.append("Only in the docs (not returned by Microsoft Graph)%s%s." % (
            "" if role.rules else ": no permissions are known",
            "" if role.template_id else (", and no source gives its template id" if role.rules
                                         else ", no template id")))
    if role.template_id_source == "seed":
        info.append("Template id and description from seeds/%s (an older rendering of "
                    "permissions-reference.md)." % src.seed_file)
    if role.extends:
        info.append("Inherits the permissions of %s (Graph inheritsPermissionsFrom); Graph lists "
                    "only the role's own actions, so the role extends it."
                    % ", ".join('"%s"' % e for e in role.extends))
    if role.docs_names:
        info.append("Also named in the docs: %s." % ", ".join('"%s"' % n for n in role.docs_names))
    if role.hidden_note:
        info.append("Roles not shown in the portal: %s." % role.hidden_note)
    if role.graph and role.graph.assignment_mode == "systemAssigned":
        info.append("Assigned by the system (Graph assignmentMode systemAssigned), never by an "
                    "administrator.")
    info += role.notes
    if role.docs and role.docs.include_unreferenced:
        info.append("Docs: %s (not included by permissions-reference.md)." % role.docs.include)
    elif role.docs and role.docs.include:
        info.append("Docs: permissions-reference.md#%s." % role.docs.include.split("/")[-1][:-3])
    if info:
        parts.append(" ".join(info))
    return "\n\n".join(parts)


def emit_role(role, src, lines):
    doc = role_doc(role, src)
    lines += doc_comment(doc)
    head = "role %s" % role_string(role.name)
    if role.extends:
        head += " extends " + ", ".join(role_string(e) for e in role.extends)
    lines.append(head + " {")
    if role.template_id:
        lines.append("  id          %s" % role_string(role.template_id))
    if role.description:
        lines.append("  description %s" % role_string(role.description))
    if role.write_label:
        lines.append("  privileged  %s" % role_bool(role.privileged))
    lines.append("  deprecated  %s" % role_bool(role.deprecated))
    if getattr(role, "admin_unit_scopable", False):
        lines.append("  admin_unit_scopable true")
    for is_except, actions, cond in role.rules:
        kw = "except" if is_except else "allow"
        for i, action in enumerate(actions):
            lead = "  %s " % kw if i == 0 else " " * (len(kw) + 3)
            lines.append(lead + action + ("," if i + 1 < len(actions) else ""))
        if cond:
            lines += wrap_condition(cond)
    lines.append("}")


def wrap_condition(cond):
    """`when a and b and c` as one conjunct per line, aligned under the first."""
    parts = split_top_level_and(cond)
    out = ["    when " + parts[0]]
    out += ["     and " + p for p in parts[1:]]
    return out


def split_top_level_and(cond):
    parts, depth, start, i = [], 0, 0, 0
    while i < len(cond):
        ch = cond[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0 and cond.startswith(" and ", i):
            parts.append(cond[start:i])
            start = i + 5
            i += 4
        i += 1
    parts.append(cond[start:])
    return parts


def role_sources(role, src):
    out = []
    if role.graph:
        out.append(src.manifest.graph_line())
    rels = ["permissions-reference.md"]
    if role.docs and role.docs.include:
        rels.append(role.docs.include)
    if role.matrix:
        rels.append("privileged-roles-permissions.md")
    out += src.manifest.docs_lines(rels)
    if role.template_id_source == "seed":
        out.append("seeds/%s (template id and description only)" % src.seed_file)
    return out


def emit_role_file(role, src):
    lines = header_lines("The built-in role %s." % role_string(role.name), role_sources(role, src))
    emit_role(role, src, lines)
    return "\n".join(lines) + "\n"


# The matrices' protections bind every role (docs/semantics.md §The matrices' protections): they are
# written as the governed actions' intrinsic rules, with one role set per matrix and protection.
AU_NON_ADMIN_ONLY_PREFIX = "microsoft.directory/users/authenticationMethods/"


def protection_sets(matrix, partner, non_admin):
    """[(set name, members, doc)] for one matrix: who may act on administrators, who on members of
    role-assignable groups, who on holders of a role scoped to a restricted unit."""
    stem = "password_reset" if matrix.set_suffix == "resettable" else "sensitive_action"
    actors = sorted(set(matrix.columns) | {n for n, mode in partner.items() if mode == "all"},
                    key=str.lower)
    rag = sorted((c for c in matrix.columns if matrix.cell("role_assignable_group_member", c)),
                 key=str.lower)
    rau = sorted((c for c in matrix.columns if matrix.cell("restricted_au_role", c)), key=str.lower)
    return [
        ("%s_admin_actors" % stem, actors,
         "%s: the roles that may act on administrators at all: the table's columns (each limited "
         "by its own column's rows) and the roles the note under the reset table lets reset "
         "everyone. Any other role that holds a governed action acts on non-administrators only "
         "(the note's Partner Tier1 Support rule, and the last row: 'All other built-in and custom "
         "roles' are reached only by the columns that check it)." % matrix.title),
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
    return [
        "(scope is tenant or target.roles within non_administrator_roles)",
        "and (target is self",
        "     or ((assignment.role in %s_role_assignable_exempt" % stem,
        "          or not target.role_assignable_group_member)",
        "         and (assignment.role in %s_restricted_au_exempt" % stem,
        "              or not target.restricted_au_role)",
        "         and (assignment.role in %s_admin_actors" % stem,
        "              or target.roles within non_administrator_roles)))",
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


def emit_reset_file(src, roles, touched, reset, sensitive, non_admin, non_admin_why, partner):
    rels = ["permissions-reference.md", "privileged-roles-permissions.md"]
    rels += [r.docs.include for r in touched if r.docs and r.docs.include]
    lines = header_lines(
        "The 'Who can reset passwords' and 'Who can perform sensitive actions' matrices, as role "
        "sets, and the roles whose actions they condition (a role is defined once, so those roles "
        "live here rather than in roles/).",
        [src.manifest.graph_line()] + src.manifest.docs_lines(rels))
    lines += doc_comment(non_admin_why)
    lines.append("set roles non_administrator_roles = [")
    lines += ["  %s," % role_string(n) for n in non_admin]
    lines.append("]")
    lines.append("")
    for matrix in (reset, sensitive):
        for column in matrix.columns:
            if matrix.cell("all_other", column):
                continue
            members = matrix.set_members(column, non_admin)
            lines += doc_comment(
                "%s, column %s: the checked rows. The %s may %s a user whose roles are all in "
                "this set (the row 'User (no admin role)' contributes non_administrator_roles)." % (
                    matrix.title, role_string(column), column,
                    "reset the password of, and sign out," if matrix is reset
                    else "perform the sensitive actions on"))
            lines.append("set roles %s = [" % matrix.set_name(column))
            lines += ["  %s," % role_string(m) for m in members]
            lines.append("]")
            lines.append("")
    for matrix in (reset, sensitive):
        for name, members, doc in protection_sets(matrix, partner, non_admin):
            lines += doc_comment(doc)
            lines.append("set roles %s = [" % name)
            lines += ["  %s," % role_string(m) for m in members]
            lines.append("]")
            lines.append("")
    for role in sorted(touched, key=lambda r: r.name.lower()):
        emit_role(role, src, lines)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def emit_matrix_tests(src, roles, reset, sensitive, partner, non_admin):
    """tests/stdlib/matrices.role: every cell of both matrices as a decision test.

    Each column's role is asked about each governed action it holds, on a user described by each
    row; a check mark expects allow, a blank deny. The row 'All other built-in and custom roles'
    is expanded to every role no row names (for the first governed action, to keep the file
    readable; tests/stdlib/stdlib_test.cc covers every action against the docs themselves)."""
    lines = ["// GENERATED by stdlib/generate.py from privileged-roles-permissions.md @ %s;"
             % src.manifest.docs_commit("privileged-roles-permissions.md"),
             "// do not edit. Every cell of the 'Who can reset passwords' and 'Who can perform",
             "// sensitive actions' matrices as a decision: a check mark is allow, a blank is deny.",
             "module stdlib_matrix_tests", "import entra", ""]
    by_name = {r.name: r for r in roles}
    named = set()
    for matrix in (reset, sensitive):
        named |= set(v for k, v, _, _, _ in matrix.rows if k == "role")
    others = [r.name for r in roles if r.name not in named and r.name not in non_admin]

    def held(role_name, action):
        return any(pattern_covers(a, action) for a, _, _ in effective_actions(by_name[role_name],
                                                                              by_name)
                   if not a.startswith("except "))

    def expect(ok, column, action, target, note=""):
        return "  %-5s entra.%s %s on user %s%s" % (
            "allow" if ok else "deny", role_string(column), action,
            "{ %s }" % target if target else "{}", "  // " + note if note else "")

    for matrix in (reset, sensitive):
        for column in matrix.columns:
            actions = [a for a in matrix.actions if held(column, a)]
            if not actions:
                continue
            lines.append("test %s {" % role_string("%s: %s" % (matrix.title, column)))
            for i, action in enumerate(actions):
                for kind, value, label, cells, _ in matrix.rows:
                    ok = cells[matrix.columns.index(column)]
                    if kind == "role":
                        lines.append(expect(ok, column, action, "roles [entra.%s]" % role_string(value)))
                    elif kind == "no_admin_role":
                        lines.append(expect(ok, column, action, "", "no role at all"))
                        for n in non_admin:
                            lines.append(expect(ok, column, action,
                                                "roles [entra.%s]" % role_string(n), "implicit role"))
                    elif kind == "role_assignable_group_member":
                        lines.append(expect(ok, column, action, "role_assignable_group_member"))
                    elif kind == "restricted_au_role":
                        lines.append(expect(ok, column, action, "restricted_au_role"))
                    elif kind == "all_other" and i == 0:
                        for other in others:
                            lines.append(expect(ok, column, action,
                                                "roles [entra.%s]" % role_string(other)))
            lines.append("}")
            lines.append("")
    for name, mode in sorted(partner.items()):
        lines.append("test %s {" % role_string("Who can reset passwords: %s" % name))
        for action in reset.actions:
            lines.append(expect(True, name, action, "", "non-administrator"))
            lines.append(expect(True, name, action, 'roles [entra."User"]', "non-administrator"))
            for kind, value, _, _, _ in reset.rows:
                if kind == "role":
                    lines.append(expect(mode == "all", name, action,
                                        "roles [entra.%s]" % role_string(value)))
        lines.append("}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def parse_admin_unit_roles(src, role_names):
    text = src.docs_text("admin-units-assign-roles.md")
    body = section(text, r"^## Roles that can be assigned with administrative unit scope")
    out = []
    for _, header, rows in tables(body):
        if header[0] != "Role":
            continue
        for row in rows:
            name = clean_markdown(row[0])
            if name.startswith("<"):
                continue  # "<Custom role>"
            if name.lower() not in role_names:
                raise SourceError("admin-units-assign-roles.md names unknown role %r" % name)
            out.append(role_names[name.lower()])
    if not out:
        raise SourceError("admin-units-assign-roles.md: role table not found")
    return sorted(out, key=str.lower)


def emit_admin_units_file(src, au_roles):
    lines = header_lines("Built-in roles that can be assigned at administrative-unit scope.",
                         src.manifest.docs_lines(["admin-units-assign-roles.md"]))
    lines += doc_comment(
        "The built-in roles that admin-units-assign-roles.md lists as assignable with an "
        "administrative-unit scope. Any custom role with a user, group or device permission can be "
        "too. Policies can test `target.roles in entra.admin_unit_scopable_roles`.")
    lines.append("set roles admin_unit_scopable_roles = [")
    lines += ["  %s," % role_string(n) for n in au_roles]
    lines.append("]")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------------------------
# Role reference pages and the generated part of docs/stdlib.md.

def md_escape(text):
    return text.replace("|", "\\|")


def effective_actions(role, by_name):
    """[(action, condition, via)] including inherited rules, as the compiler flattens them."""
    out = []
    for parent in role.extends:
        for a, c, via in effective_actions(by_name[parent], by_name):
            out.append((a, c, via or parent))
    for is_except, actions, cond in role.rules:
        for a in actions:
            out.append((("except " if is_except else "") + a, cond, ""))
    return out


def privileged_cell(role, no):
    if not role.write_label:
        return "yes, by its permissions (Graph: no)"
    return "yes" if role.privileged else no


def emit_role_page(role, src, cat, by_name):
    lines = ["# %s" % role.name, "",
             "<!-- Generated by stdlib/generate.py from the reference sources; do not edit. -->", ""]
    lines += ["| | |", "| --- | --- |"]
    lines.append("| Template id | %s |" % (role.template_id and "`%s`" % role.template_id or "none"))
    lines.append("| Privileged | %s |" % privileged_cell(role, "no"))
    lines.append("| Deprecated | %s |" % ("yes" if role.deprecated else "no"))
    lines.append("| Defined in | [`stdlib/entra/%s`](../../stdlib/entra/%s) |" % (role.file, role.file))
    if role.extends:
        lines.append("| Extends | %s |" % ", ".join(
            "[%s](%s.md)" % (e, by_name[e].slug) for e in role.extends))
    lines.append("")
    if role.description:
        lines += [md_escape(role.description), ""]
    doc = role_doc(role, src)
    if doc:
        lines += [doc.replace("\n\n", "\n\n"), ""]
    acts = effective_actions(role, by_name)
    if acts:
        lines += ["## Permissions", "",
                  "| Action | Condition | Privileged | Description |", "| --- | --- | --- | --- |"]
        for a, cond, via in acts:
            name = a.split(" ", 1)[-1]
            act = cat.get(name) if is_concrete(name) else None
            pat = cat.patterns.get(name.lower())
            desc = act.description if act else (
                pat["descriptions"].most_common(1)[0][0] if pat and pat["descriptions"] else "")
            priv = act.privileged if act else bool(pat and pat["privileged"][True])
            cond_text = cond or ""
            if via:
                cond_text = ("%s; " % cond_text if cond_text else "") + "inherited from " + via
            lines.append("| `%s` | %s | %s | %s |" % (a, md_escape(cond_text),
                                                      "yes" if priv else "", md_escape(desc)))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def generated_docs(src, cat, roles, report, reset, sensitive, partner, sspr_props, unmapped,
                   non_admin, au_roles):
    L = []
    graph_roles = [r for r in roles if r.graph]
    L.append("### Sources")
    L.append("")
    L.append("| Source | Origin | Date |")
    L.append("| --- | --- | --- |")
    graph_date = re.search(r"\((\d{4}-\d{2}-\d{2})\)", src.manifest.graph_line())
    L.append("| Graph role definitions | `%s` | %s (dump) |" % (
        src.manifest.graph_line().split(" (")[0], graph_date.group(1) if graph_date else ""))
    for rel in ["permissions-reference.md", "privileged-roles-permissions.md",
                "protected-actions-overview.md", "admin-units-assign-roles.md"] + report.custom_files:
        L.append("| `%s` | MicrosoftDocs/entra-docs @ `%s` | %s (ms.date) |" % (
            rel, src.manifest.docs_commit(rel), src.docs_date(rel)))
    includes = sorted(set(d.include for d in src.docs_roles.values() if d.include))
    commits = collections.Counter(src.manifest.docs_commit(i) for i in includes)
    dates = sorted(d for d in (src.docs_date(i) for i in includes) if d)
    L.append("| `includes/*.md` (%d role pages) | MicrosoftDocs/entra-docs, %d distinct commits "
             "(each file's commit is in the header of the .role file that uses it) | %s to %s "
             "(ms.date) |" % (len(includes), len(commits), dates[0], dates[-1]))
    if src.seed_file:
        L.append("| `seeds/%s` | older rendering of permissions-reference.md, no manifest; used "
                 "only for the template ids and descriptions of roles no current source gives | unknown |" % src.seed_file)
    L.append("")

    L.append("### Counts")
    L.append("")
    priv_actions = sum(1 for a in cat.actions.values() if a.privileged)
    L.append("| | |")
    L.append("| --- | --- |")
    L.append("| Roles | %d (%d from Graph, %d only in the docs) |"
             % (len(roles), len(graph_roles), len(roles) - len(graph_roles)))
    L.append("| Privileged roles | %d |" % sum(1 for r in roles if r.privileged))
    L.append("| Deprecated roles | %d |" % sum(1 for r in roles if r.deprecated))
    L.append("| Catalog actions | %d |" % len(cat.actions))
    L.append("| Privileged actions | %d |" % priv_actions)
    L.append("| Actions custom roles may use | %d |"
             % sum(1 for a in cat.actions.values() if a.custom_allowed))
    L.append("| Protected actions | %d |" % sum(1 for a in cat.actions.values() if a.protected))
    L.append("| Actions with an intrinsic target rule | %d |"
             % sum(1 for a in cat.actions.values() if a.requires))
    granted = set(a.lower() for r in roles for _, acts, _ in r.rules for a in acts
                  if not is_concrete(a))
    uncovered = [p for p in granted
                 if not any(pattern_covers(p, a.name) for a in cat.actions.values())]
    L.append("| Distinct wildcard patterns granted (not catalog entries) | %d |" % len(granted))
    L.append("| ... of which cover no catalog action (matched by pattern at request time) | %d |"
             % len(uncovered))
    L.append("")

    L.append("### Intrinsic target rules found")
    L.append("")
    L.append("| Phrase in the description | Rule | Actions |")
    L.append("| --- | --- | --- |")
    for (phrase, cond), names in sorted(report.intrinsic.items()):
        L.append("| %s | `%s` | %d: %s |" % (phrase, cond, len(names),
                                            ", ".join("`%s`" % n for n in sorted(names))))
    L.append("")
    L.append("Phrases that restrict an action but need no rule, and why:")
    L.append("")
    for (phrase, why), names in sorted(report.non_target.items()):
        L.append("- \"%s\" (%s): %s" % (phrase, why, ", ".join("`%s`" % n for n in sorted(names))))
    for name, desc in sorted(report.unclassified_restrictions):
        L.append("- `%s`: \"%s\" (restrictive wording, not about the target)" % (name, desc))
    L.append("")

    L.append("### The reset-password and sensitive-action matrices")
    L.append("")
    for matrix in (reset, sensitive):
        L.append("%s (governs %s):" % (matrix.title, ", ".join("`%s`" % a for a in matrix.actions)))
        L.append("")
        L.append("| Column | Condition added to the governed actions |")
        L.append("| --- | --- |")
        for column in matrix.columns:
            L.append("| %s | %s |" % (column, "`%s`" % matrix.condition(column)
                                      if matrix.condition(column) else "none (all targets)"))
        marked = [(label, matrix.columns[i], mark) for _, _, label, _, marks in matrix.rows
                  for i, mark in enumerate(marks) if mark]
        L.append("")
        for label, column, mark in marked:
            L.append("The cell (%s, %s) carries the mark `%s` with no footnote in the source; it "
                     "is read as a check mark." % (label, column, mark))
            L.append("")
    for name, mode in sorted(partner.items()):
        L.append("- %s: %s" % (name, "all targets (no condition)" if mode == "all"
                                else "`target.roles within non_administrator_roles`"))
    L.append("- `non_administrator_roles` = %s" % ", ".join(non_admin))
    if sspr_props:
        L.append("- The matrix text says resetting a password includes updating %s; no catalog "
                 "action is specific to those properties, so no further action is conditioned."
                 % ", ".join("`%s`" % p for p in sspr_props))
    for what, prop in unmapped:
        L.append("- Sensitive action \"%s\" (`%s`) has no action of its own in any source; not "
                 "conditioned." % (what, prop))
    L.append("")
    L.append("Rules written (role, action, condition):")
    L.append("")
    for role, action, cond in sorted(report.matrix_rules):
        L.append("- %s: `%s` when `%s`" % (role, action, cond))
    L.append("")

    L.append("### Disagreements between the sources, and the choice made")
    L.append("")
    L.append("**Role names.** The role keeps Graph's `displayName` (what the API returns, and what "
             "Graph JSON import matches); the docs' name is noted in its doc comment.")
    L.append("")
    for gname, dname, tid in sorted(set(report.renamed)):
        L.append("- `%s`: Graph \"%s\", docs \"%s\"" % (tid, gname, dname))
    L.append("")
    L.append("**Roles in one source only.** Graph returns %d roles. Roles only in Graph (no "
             "row, section or role page in the docs; deprecated and hidden roles are named in "
             "the docs' lists only):" % len(graph_roles))
    L.append("")
    for r in graph_roles:
        if r.docs is None or not (r.docs.include or r.docs.in_table):
            where = ", in the docs' deprecated list" if r.deprecated else ""
            if r.hidden_note:
                where += ", in the docs' not-shown-in-portal table (%s)" % r.hidden_note
            L.append("- %s (`%s`)%s" % (r.name, r.template_id, where))
    L.append("")
    unreferenced = sorted(r.name for r in roles
                          if r.docs and r.docs.include_unreferenced and r.graph)
    L.append("Roles in Graph whose role page exists but is not included by "
             "permissions-reference.md (the page's title is taken as the role's name and its "
             "action table compared with Graph like any other): %s." % ", ".join(unreferenced))
    L.append("")
    L.append("Roles only in the docs. They are written with the actions of their role page if it "
             "has an action table (no inheritance is assumed, since only Graph states it), "
             "otherwise with none; the template id is given only where a source has one:")
    L.append("")
    for r in sorted(report.docs_only_roles, key=lambda r: r.name):
        where = []
        if r.docs and r.docs.in_table:
            where.append("role table")
        if r.docs and r.docs.include:
            where.append("`%s`" % r.docs.include)
        if r.docs and r.docs.in_deprecated_list:
            where.append("deprecated list")
        if r.hidden_note:
            where.append("not-shown-in-portal table")
        n = sum(len(acts) for _, acts, _ in r.rules)
        L.append("- %s: %s; template id %s; %s" % (
            r.name, ", ".join(where),
            "`%s` (%s)" % (r.template_id, r.template_id_source) if r.template_id else "unknown",
            "%d action%s from its role page" % (n, "" if n == 1 else "s") if n else "no permissions"))
    L.append("")
    L.append("**Role privileged labels.** Graph's `isPrivileged` is used. Where the docs' label "
             "(role table / role page) differs:")
    L.append("")
    if report.role_privileged_diffs:
        for name, g, t, i in sorted(report.role_privileged_diffs):
            L.append("- %s: Graph %s, role table %s, role page %s" % (name, g, t, i))
    else:
        L.append("- none")
    L.append("")
    L.append("**Role descriptions.** Graph's `description` is used. Where the docs' role table "
             "says something else:")
    L.append("")
    for name, g, d in sorted(report.role_description_diffs):
        L.append("- %s: Graph \"%s\"; docs \"%s\"" % (name, md_escape(g), md_escape(d)))
    if not report.role_description_diffs:
        L.append("- none")
    L.append("")
    L.append("**Whom a reset role may reset.** The matrix is encoded. Graph's rich descriptions of "
             "some reset roles list the roles whose passwords they can reset; where a list differs "
             "from the matrix column:")
    L.append("")
    for name, only_matrix, only_graph in sorted(report.rich_description_diffs):
        parts = []
        if only_matrix:
            parts.append("only in the matrix: %s" % ", ".join(only_matrix))
        if only_graph:
            parts.append("only in Graph's description: %s" % ", ".join(only_graph))
        L.append("- %s: %s" % (name, "; ".join(parts)))
    if not report.rich_description_diffs:
        L.append("- none")
    L.append("")
    L.append("**Role permissions.** Graph's `allowedResourceActions` are used exactly. Where a "
             "role page lists other actions:")
    L.append("")
    for name, gonly, donly in sorted(report.role_action_diffs):
        parts = []
        if gonly:
            parts.append("only in Graph: %s" % ", ".join("`%s`" % a for a in gonly))
        if donly:
            parts.append("only in the docs: %s" % ", ".join("`%s`" % a for a in donly))
        L.append("- %s: %s" % (name, "; ".join(parts)))
    if not report.role_action_diffs:
        L.append("- none")
    L.append("")
    graph_only = sorted(a.name for a in cat.actions.values()
                        if "graph" in a.sources and not a.docs_roles)
    docs_only = sorted(a.name for a in cat.actions.values() if "graph" not in a.sources)
    L.append("**Actions in one source only.** %d concrete actions are granted by some Graph role "
             "but appear on no role page of the docs: they are in the catalog with no description "
             "and `privileged false` (no source labels them): %s." % (
                 len(graph_only), ", ".join("`%s`" % a for a in graph_only)))
    L.append("")
    L.append("%d concrete actions appear in the docs but no Graph role grants them; they are in "
             "the catalog (a custom role may use them): %s." % (
                 len(docs_only), ", ".join("`%s`" % a for a in docs_only)))
    L.append("")
    if src.seed_actions:
        known = set(a.lower() for a in cat.actions) | set(cat.patterns)
        stale = sorted(a for a in src.seed_actions if a.lower() not in known)
        if stale:
            L.append("Actions only in the older seed rendering (`seeds/%s`), not in any current "
                     "source, are left out: %s." % (src.seed_file,
                                                    ", ".join("`%s`" % a for a in stale)))
            L.append("")
    L.append("**Action descriptions.** Where role pages describe one action differently, the "
             "wording most pages use is kept (ties: the shorter):")
    L.append("")
    for name, variants, chosen in sorted(report.description_variants):
        others = [v for v in sorted(variants) if v != chosen]
        L.append("- `%s`: kept \"%s\"; also \"%s\"" % (
            name, md_escape(chosen), "\"; \"".join(md_escape(o) for o in others)))
    if not report.description_variants:
        L.append("- none")
    L.append("")
    L.append("**Action privileged labels.** An action is privileged if any role page labels it "
             "(a label is added on purpose; a page without it may be stale). Inconsistent pages:")
    L.append("")
    for name, votes in sorted(report.privileged_variants):
        L.append("- `%s`: labelled on %d pages, unlabelled on %d" % (name, votes.get(True, 0),
                                                                      votes.get(False, 0)))
    if not report.privileged_variants:
        L.append("- none")
    for name, ex in sorted(report.privileged_example_conflicts):
        L.append("- `%s`: the privileged-roles-permissions.md example says isPrivileged %s, the "
                 "role pages say otherwise; the role pages win" % (name, ex))
    L.append("")
    if report.label_conflicts:
        L.append("**Role labels against permissions.** Roles labelled not privileged that hold an "
                 "action some role page labels privileged. A role holding a privileged permission "
                 "is privileged by definition, so these roles are written without a `privileged` "
                 "label and rolec derives it; the source's `false` is recorded in their doc "
                 "comment:")
        L.append("")
        for name, acts, who, conditional in sorted(report.label_conflicts):
            L.append("- %s (labelled by %s; %s): %s" % (
                name, who, "only on itself or on objects it owns" if conditional
                else "unconditionally", ", ".join("`%s`" % a for a in acts)))
        L.append("")
    if cat.rejected:
        L.append("**Rejected action names** (not well-formed):")
        L.append("")
        for name, why, source in sorted(set(cat.rejected)):
            L.append("- `%s` from %s: %s" % (name, source, why))
        L.append("")
    if cat.templates:
        L.append("**Templated actions.** %s name%s actions with an `{id}` placeholder; they are "
                 "not catalog entries, but every concrete catalog action with that prefix is "
                 "marked `custom_allowed`." % (
                     ", ".join(sorted(set("`%s`" % s for _, s in cat.templates))),
                     "" if len(set(s for _, s in cat.templates)) > 1 else "s"))
        L.append("")
        for prefix, source in sorted(set(cat.templates)):
            L.append("- `%s{id}`" % prefix)
        L.append("")
    prefixed = sorted(set(a for r in roles for _, acts, _ in r.rules for a in acts
                          if "allProperties" in a.split("/")[3:-1]))
    if prefixed:
        L.append("**`allProperties` after a property prefix.** %d patterns that Graph grants put "
                 "`allProperties` after one or more property segments, e.g. `%s`. They mean "
                 "\"this property prefix, then any property path (including none)\" "
                 "(docs/semantics.md): %s." % (
                     len(prefixed), prefixed[0], ", ".join("`%s`" % p for p in prefixed)))
        L.append("")
    L.append("**Administrative-unit scope.** `admin_unit_scopable_roles` (admin_units.role) = %s."
             % ", ".join(au_roles))
    return "\n".join(L).rstrip("\n") + "\n"


# ----------------------------------------------------------------------------------------------
# Driver.

def generate(reference, seeds, repo_root):
    """Returns {path relative to repo_root: content}, plus the list of directories it owns."""
    src = Sources(reference, seeds)
    report = Report()
    cat = build_catalog(src, report)
    roles = build_roles(src, cat, report)
    role_names = {r.name.lower(): r.name for r in roles}
    for r in roles:
        for n in r.docs_names:
            role_names.setdefault(n.lower(), r.name)

    # Roles every user holds implicitly: Graph's systemAssigned ones, and the docs' "implicitly
    # assigned" row of the not-shown-in-portal table. Holding only these is holding no admin role.
    non_admin = sorted(set(
        [r.name for r in roles if r.graph and r.graph.assignment_mode == "systemAssigned"] +
        [r.name for r in roles if "implicitly assigned" in r.hidden_note]),
        key=str.lower)
    non_admin_why = (
        "Roles every user holds implicitly: Graph marks %s assignmentMode systemAssigned and the "
        "docs say %s is implicitly assigned. Entra calls a user with only these a "
        "non-administrator, so `target.roles within non_administrator_roles` means 'holds no "
        "admin role' whether or not a caller lists the implicit roles (`within []` would deny a "
        "target that lists \"User\")." % (
            ", ".join('"%s"' % n for n in non_admin
                      if by_name_graph_mode(roles, n) == "systemAssigned"),
            ", ".join('"%s"' % n for n in non_admin
                      if by_name_graph_mode(roles, n) != "systemAssigned") or "no other role"))

    reset, sensitive, partner, sspr_props, unmapped = parse_matrices(src, role_names)
    touched = apply_matrices(roles, cat, reset, sensitive, partner, non_admin, report)
    compare_rich_descriptions(roles, reset, non_admin, role_names, report)
    au_roles = parse_admin_unit_roles(src, role_names)
    for role in roles:
        role.admin_unit_scopable = role.name in au_roles
    apply_protections(cat, reset, sensitive, report)

    # Every concrete action a role grants must be in the catalog; every pattern well-formed.
    for role in roles:
        for _, actions, _ in role.rules:
            for a in actions:
                err = action_shape_error(a)
                if err:
                    raise SourceError("role %r grants malformed action %r: %s" % (role.name, a, err))
                if is_concrete(a) and cat.get(a) is None:
                    raise SourceError("role %r grants %r, which is not in the catalog" % (role.name, a))
    # Roles Graph labels unprivileged that hold a privileged action (reported, label kept).
    by_name = {r.name: r for r in roles}
    for role in roles:
        if role.privileged:
            continue
        held = set()
        for a, _, _ in effective_actions(role, by_name):
            if a.startswith("except "):
                continue
            for act in cat.actions.values():
                if act.privileged and pattern_covers(a, act.name):
                    held.add(act.name)
        if held:
            conditional = all(
                c is not None for a, c, _ in effective_actions(role, by_name)
                if not a.startswith("except ") and any(pattern_covers(a, h) for h in held))
            report.label_conflicts.append((role.name, sorted(held),
                                           "Graph" if role.graph else "the docs", conditional))
            # DESIGN.md section 2: a role holding a privileged permission is privileged whatever its
            # label says, so writing Graph's `false` would only be contradicted (and warned about,
            # W0501). The label is left out and the disagreement recorded.
            role.write_label = False
            role.notes.append("%s this role as not privileged, but it holds actions the "
                              "docs label privileged (%s%s), so no label is written and rolec "
                              "derives `privileged` from the permissions." % (
                                  "Graph labels" if role.graph else "The docs label",
                                  ", ".join(sorted(held)[:3]), ", ..." if len(held) > 3 else ""))

    out = {}
    out["stdlib/entra/catalog.role"] = emit_catalog(src, cat, report)
    for role in roles:
        if not role.matrix:
            out["stdlib/entra/" + role.file] = emit_role_file(role, src)
    out["stdlib/entra/reset_password.role"] = emit_reset_file(
        src, roles, touched, reset, sensitive, non_admin, non_admin_why, partner)
    out["stdlib/entra/admin_units.role"] = emit_admin_units_file(src, au_roles)
    out["tests/stdlib/matrices.role"] = emit_matrix_tests(src, roles, reset, sensitive, partner,
                                                          non_admin)
    for role in roles:
        out["docs/roles/%s.md" % role.slug] = emit_role_page(role, src, cat, by_name)
    index = ["# Built-in roles", "",
             "<!-- Generated by stdlib/generate.py from the reference sources; do not edit. -->", "",
             "See [../stdlib.md](../stdlib.md) for how these are built.", "",
             "| Role | Template id | Privileged | Deprecated |", "| --- | --- | --- | --- |"]
    for role in roles:
        index.append("| [%s](%s.md) | %s | %s | %s |" % (
            role.name, role.slug, role.template_id and "`%s`" % role.template_id or "",
            privileged_cell(role, ""), "yes" if role.deprecated else ""))
    out["docs/roles/README.md"] = "\n".join(index) + "\n"

    stdlib_md_path = os.path.join(repo_root, "docs", "stdlib.md")
    generated = generated_docs(src, cat, roles, report, reset, sensitive, partner, sspr_props,
                               unmapped, non_admin, au_roles)
    current = read_text(stdlib_md_path) if os.path.exists(stdlib_md_path) else (
        "# The standard library\n\n%s\n%s\n" % (GENERATED_BEGIN, GENERATED_END))
    if GENERATED_BEGIN not in current or GENERATED_END not in current:
        raise SourceError("docs/stdlib.md lacks the generated-section markers")
    before = current.split(GENERATED_BEGIN)[0]
    after = current.split(GENERATED_END, 1)[1]
    out["docs/stdlib.md"] = before + GENERATED_BEGIN + "\n" + generated + GENERATED_END + after
    owned_dirs = ["stdlib/entra", "stdlib/entra/roles", "docs/roles"]
    return out, owned_dirs


def by_name_graph_mode(roles, name):
    for r in roles:
        if r.name == name:
            return r.graph.assignment_mode if r.graph else ""
    return ""


def stale_files(repo_root, owned_dirs, out):
    stale = []
    for d in owned_dirs:
        full = os.path.join(repo_root, d)
        if not os.path.isdir(full):
            continue
        for f in sorted(os.listdir(full)):
            rel = d + "/" + f
            if os.path.isfile(os.path.join(full, f)) and rel not in out and (
                    f.endswith(".role") or f.endswith(".md")):
                stale.append(rel)
    return stale


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    repo_root = os.path.dirname(here)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
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


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
