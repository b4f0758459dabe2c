"""Report: the disagreements between sources and the choices made, collected while building and
rendered into docs/stdlib.md.
"""


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
