"""Built-in roles: merging Graph and the docs into one Role per built-in role, and the rules
(allowed actions and conditions) each one grants, including inherited ones.
"""

import collections

from .common import SourceError, norm_name, snake
from .docs_pages import DocsRole


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
