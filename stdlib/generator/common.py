"""Helpers shared by every reader and writer: markdown tables and sections, name normalizing,
.role string literals, doc-comment wrapping, the action shape check and SourceError.
"""

import re
import textwrap


# ----------------------------------------------------------------------------------------------
# Constants: the few facts that are not in the sources' data but in their prose.

KEYWORDS = ("allEntities", "allProperties", "allTasks")
SEGMENT_RE = re.compile(r"^[A-Za-z0-9_.-]+$")


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
