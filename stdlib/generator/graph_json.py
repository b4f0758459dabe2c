"""The Graph reader: graph/jlaundry-aadinfo/info/roles.graph.json (roleDefinitions).

Each role's display name, template id, description, isPrivileged, assignmentMode,
inheritsPermissionsFrom and rolePermissions; the Graph conditions the generator models.
"""

import json
import os

from .common import SourceError, normalize_space, read_text


GRAPH_FILE = os.path.join("graph", "jlaundry-aadinfo", "info", "roles.graph.json")

# Graph rolePermissions conditions and the .role condition each one means.
GRAPH_CONDITIONS = {
    None: None,
    "$ResourceIsSelf": "target is self",
    "$SubjectIsOwner": "principal owns target",
}


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


def read_graph_roles(reference):
    """Every role of roles.graph.json, in the file's order."""
    graph = json.loads(read_text(os.path.join(reference, GRAPH_FILE)))
    return [GraphRole(r) for r in graph["value"]]
