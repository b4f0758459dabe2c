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
