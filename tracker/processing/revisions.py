"""What changed between two versions of an article (no Scrapy, no store).

A revisit is a new *revision* when its headline or its normalised text differs from the last
version written. Normalised means: paragraphs with collapsed whitespace and NFC, and without the
paragraphs that are only page furniture that changes by itself, a "last updated" stamp, a view
or comment counter, "5 minutes ago", "3 min read". So a page whose only change is its timestamp is
not a revision.

The changes are counted per paragraph with difflib's matching: paragraphs only in the new
version are *added*, only in the old one *removed*, and a paragraph replaced by a similar one
(ratio >= 0.5) is *edited*.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass
from typing import Any

# A short paragraph that is only a stamp or a counter; matched case-insensitively.
_STAMP_RE = re.compile(
    r"""^(
        (last\s+)?(updated|modified|edited|published|posted|reviewed)(\s+(on|at))?\b[:\s].{0,60}
      | \d[\d,.\s]*\s*(k\s+)?(views?|reads?|comments?|shares?|likes?)
      | (views?|reads?|comments?|shares?)\s*:?\s*\d[\d,.\s]*k?
      | \d+\s+(seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago
      | \d+\s+min(ute)?s?\s+read
    )$""",
    re.I | re.X,
)
MAX_STAMP_WORDS = 12
EDIT_RATIO = 0.5


def paragraphs(text: str | None) -> list[str]:
    """The text's paragraphs (non-empty lines), NFC, whitespace collapsed."""
    if not text:
        return []
    out = []
    for line in unicodedata.normalize("NFC", text).splitlines():
        para = " ".join(line.split())
        if para:
            out.append(para)
    return out


def is_furniture(paragraph: str) -> bool:
    """A stamp or a counter that changes without the article changing."""
    return len(paragraph.split()) <= MAX_STAMP_WORDS and bool(_STAMP_RE.match(paragraph))


def comparable(text: str | None) -> list[str]:
    """The paragraphs that count when telling two versions apart."""
    return [p for p in paragraphs(text) if not is_furniture(p)]


def comparable_hash(title: str | None, text: str | None) -> str:
    """A hash of the headline and the comparable paragraphs: equal hashes, same revision."""
    digest = hashlib.sha256()
    digest.update(" ".join((title or "").split()).encode("utf-8"))
    for para in comparable(text):
        digest.update(b"\n" + para.encode("utf-8"))
    return digest.hexdigest()


@dataclass
class Changes:
    """What a revision changed (the item's ``changes``)."""

    title_changed: bool
    previous_title: str | None
    paragraphs_added: int
    paragraphs_removed: int
    paragraphs_edited: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def empty(self) -> bool:
        return not (
            self.title_changed
            or self.paragraphs_added
            or self.paragraphs_removed
            or self.paragraphs_edited
        )

    def summary(self) -> str:
        """One line for a person: "headline changed; 1 paragraph added", or
        "paragraphs: 2 added, 1 edited"."""
        parts = []
        if self.title_changed:
            parts.append("headline changed")
        counts = [
            (self.paragraphs_added, "added"),
            (self.paragraphs_removed, "removed"),
            (self.paragraphs_edited, "edited"),
        ]
        kinds = [(n, verb) for n, verb in counts if n]
        if len(kinds) == 1:
            n, verb = kinds[0]
            parts.append(f"{n} {'paragraph' if n == 1 else 'paragraphs'} {verb}")
        elif kinds:
            parts.append("paragraphs: " + ", ".join(f"{n} {verb}" for n, verb in kinds))
        return "; ".join(parts) or "no change"


def compare(
    old_title: str | None, old_text: str | None, new_title: str | None, new_text: str | None
) -> Changes:
    """The changes from the old version to the new one (``empty`` when there are none)."""
    old = comparable(old_text)
    new = comparable(new_text)
    added = removed = edited = 0
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "insert":
            added += j2 - j1
        elif tag == "delete":
            removed += i2 - i1
        elif tag == "replace":
            pairs, extra_old, extra_new = _pair_edits(old[i1:i2], new[j1:j2])
            edited += pairs
            removed += extra_old
            added += extra_new
    title_changed = " ".join((old_title or "").split()) != " ".join((new_title or "").split())
    return Changes(
        title_changed=title_changed,
        previous_title=old_title if title_changed else None,
        paragraphs_added=added,
        paragraphs_removed=removed,
        paragraphs_edited=edited,
    )


def _pair_edits(old: list[str], new: list[str]) -> tuple[int, int, int]:
    """In a replaced block, paragraphs that resemble one another (in order) are edits; the
    rest were removed or added. Returns (edited, removed, added)."""
    edited = 0
    j = 0
    for para in old:
        for k in range(j, len(new)):
            if difflib.SequenceMatcher(a=para, b=new[k], autojunk=False).ratio() >= EDIT_RATIO:
                edited += 1
                j = k + 1
                break
    return edited, len(old) - edited, len(new) - edited


def unified_diff(
    old_title: str | None,
    old_text: str | None,
    new_title: str | None,
    new_text: str | None,
    old_label: str,
    new_label: str,
) -> str:
    """A unified diff of headline and paragraphs (one paragraph per line)."""
    old = [f"# {old_title or ''}", "", *paragraphs(old_text)]
    new = [f"# {new_title or ''}", "", *paragraphs(new_text)]
    lines = difflib.unified_diff(old, new, fromfile=old_label, tofile=new_label, lineterm="")
    return "\n".join(lines) + "\n"
