"""Sources: every reference input read once (MANIFEST.tsv origins, Graph, docs pages, seeds).

The Graph JSON is read by graph_json.py and the permissions-reference pages by docs_pages.py;
this module holds the manifests and the optional seed rendering (../seeds/003_*.txt).
"""

import collections
import os
import re

from .common import SourceError, normalize_space, read_text
from .docs_pages import DocsPagesReader
from .graph_json import read_graph_roles


DOCS_SUBDIR = os.path.join("entra-docs", "docs", "identity", "role-based-access-control")
GRAPH_MANIFEST_PATH = "info/roles.graph.json"
DOCS_MANIFEST_PREFIX = "docs/identity/role-based-access-control/"


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


class Sources(DocsPagesReader):
    """Every reference source, read once: Graph's roles, the docs pages, the seed rendering."""

    def __init__(self, reference, seeds):
        self.reference = reference
        self.docs_dir = os.path.join(reference, DOCS_SUBDIR)
        self.manifest = Manifest(reference)
        self.graph_roles = read_graph_roles(reference)
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
