"""The administrative-unit reader: admin-units-assign-roles.md, the roles that can be assigned at
administrative-unit scope.
"""

from .common import SourceError, clean_markdown, section, tables


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
