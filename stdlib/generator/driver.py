"""The driver: reads the sources, builds catalog, roles and matrices, and returns every output
file's content (nothing is written here).
"""

import os

from .admin_units import parse_admin_unit_roles
from .catalog import build_catalog
from .common import SourceError, action_shape_error, is_concrete, read_text
from .docs_emitter import (GENERATED_BEGIN, GENERATED_END, emit_role_page, generated_docs,
                           privileged_cell)
from .emitter import (emit_admin_units_file, emit_catalog, emit_matrix_tests, emit_reset_file,
                      emit_role_file)
from .matrices import (apply_matrices, apply_protections, compare_rich_descriptions,
                       parse_matrices, pattern_covers)
from .report import Report
from .roles import build_roles, effective_actions
from .sources import Sources


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

    reset, sensitive, partner, sspr_props, unmapped, auth_methods = parse_matrices(src, role_names)
    touched = apply_matrices(roles, cat, reset, sensitive, partner, non_admin, report, auth_methods)
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
