"""What stories and revisions add to the Markdown output.

- In an article file's header: ``**Also published by:**`` (the other outlets of its story, each
  linking to its file and its source; on the original this is the list of copies),
  ``**Related stories:**`` and ``**Updated:**`` (the latest revision); before the footer, a
  ``## Revisions`` section.
- Beside a revised article ``<stem>.md``: each earlier version ``<stem>.r<N>.md`` and the diff
  each revision made, ``<stem>.r<N>.diff`` (revision N against revision N-1).
- ``<output>/<day>/stories.md``: the day's stories, largest first.

Lines are built here and patched into existing files with :func:`set_header_line`, which
replaces the line of the same label or adds it at the end of the header: idempotent, so a re-run
writes the same bytes and ``write_atomic`` leaves the file alone.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from tracker.export.markdown import escape_inline, link_url, resolve_inside, write_atomic
from tracker.processing.revisions import Changes
from tracker.state.stories import StoryEntry

if TYPE_CHECKING:
    from itemadapter import ItemAdapter

    from tracker.state import StateStore

ALSO_LABEL = "Also published by"
RELATED_LABEL = "Related stories"
UPDATED_LABEL = "Updated"
REVISIONS_HEADING = "## Revisions"
STORIES_NAME = "stories.md"
# Earlier versions and diffs: "<stem>.r<N>.md", "<stem>.r<N>.diff".
REVISION_FILE_RE = re.compile(r"\.r\d+\.(md|diff)$")


def is_revision_file(name: str) -> bool:
    """An earlier version or a diff kept beside an article (not an article of its own)."""
    return bool(REVISION_FILE_RE.search(name))


def relative_link(from_file: str, to_file: str) -> str:
    """The link from one output file to another (both relative to the output folder)."""
    rel = posixpath.relpath(to_file, posixpath.dirname(from_file) or ".")
    return quote(rel)


def revision_stem(relpath: str) -> str:
    return relpath[:-3] if relpath.endswith(".md") else relpath


def revision_file(relpath: str, revision: int, suffix: str = "md") -> str:
    """``<stem>.r<revision>.<suffix>`` beside ``relpath``."""
    return f"{revision_stem(relpath)}.r{revision}.{suffix}"


# --- header lines ------------------------------------------------------------------------------


def _member_link(member: StoryEntry, from_file: str) -> str:
    name = escape_inline(member.publisher or member.url)
    parts = [f"[{name}]({relative_link(from_file, member.path)})"]
    notes = []
    if member.role == "original":
        notes.append("original")
    source = link_url(member.url)
    if source:
        notes.append(f"[source]({source})")
    if notes:
        parts.append(f" ({', '.join(notes)})")
    return "".join(parts)


def also_published_line(this: StoryEntry, members: Sequence[StoryEntry]) -> str | None:
    """``**Also published by:** ...`` for ``this`` article, or None when it stands alone."""
    others = [m for m in members if m.article_id != this.article_id]
    if not others:
        return None
    links = ", ".join(_member_link(m, this.path) for m in others)
    return f"**{ALSO_LABEL}:** {links}"


def related_line(this_path: str, related: Iterable[tuple[StoryEntry, float]]) -> str | None:
    """``**Related stories:** [headline](file) (0.42), ...`` or None."""
    links = []
    for entry, score in related:
        title = escape_inline(entry.title or entry.url)
        links.append(f"[{title}]({relative_link(this_path, entry.path)}) ({score:.2f})")
    return f"**{RELATED_LABEL}:** {', '.join(links)}" if links else None


def updated_line(at: str | None, revision: int, summary: str) -> str:
    when = escape_inline(at) if at else "unknown time"
    return f"**{UPDATED_LABEL}:** {when} (revision {revision}: {escape_inline(summary)})"


@dataclass
class RevisionNote:
    """One line of the Revisions section."""

    revision: int
    at: str
    summary: str


def revisions_section(relpath: str, notes: Sequence[RevisionNote]) -> str:
    """The ``## Revisions`` section, newest first: each revision with what it changed, a link
    to its diff and to the version it replaced."""
    name = posixpath.basename(revision_stem(relpath))
    lines = [REVISIONS_HEADING]
    for note in sorted(notes, key=lambda n: -n.revision):
        links = [
            f"[diff]({quote(name)}.r{note.revision}.diff)",
            f"[revision {note.revision - 1}]({quote(name)}.r{note.revision - 1}.md)",
        ]
        lines.append(
            f"- Revision {note.revision}, {escape_inline(note.at)}: {escape_inline(note.summary)}"
            f" ({', '.join(links)})"
        )
    lines.append(f"- Revision 1: first version ([revision 1]({quote(name)}.r1.md))")
    return "\n".join(lines) + "\n"


_HEADER_LINE_RE = re.compile(r"^\*\*[^*\n]{1,40}:\*\* ")


def set_header_line(markdown: str, label: str, line: str | None) -> str:
    """``markdown`` with its ``**label:**`` header line replaced by ``line`` (removed when None),
    or ``line`` added after the last header line when there was none."""
    lines = markdown.split("\n")
    prefix = f"**{label}:** "
    # The header: the metadata lines after "# title" and one blank line.
    start = 2 if len(lines) > 1 and lines[0].startswith("# ") else 0
    end = start
    while end < len(lines) and _HEADER_LINE_RE.match(lines[end]):
        end += 1
    for i in range(start, end):
        if lines[i].startswith(prefix):
            if line is None:
                del lines[i]
            else:
                lines[i] = line
            return "\n".join(lines)
    if line is not None:
        lines.insert(end, line)
    return "\n".join(lines)


def patch_header(root: Path, relpath: str, label: str, line: str | None) -> bool:
    """Rewrite one header line of an article file atomically; False when the file is missing
    or already says so."""
    path = resolve_inside(root, relpath)
    try:
        old = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    return write_atomic(path, set_header_line(old, label, line))


# --- revisions on disk -------------------------------------------------------------------------


def keep_previous_version(root: Path, relpath: str, previous_revision: int) -> str | None:
    """Copy the article file as it is now to ``<stem>.r<previous_revision>.md`` (atomic;
    unchanged when it is already there). Returns that file's relative path, or None when the
    article file is missing."""
    source = resolve_inside(root, relpath)
    try:
        content = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    target_rel = revision_file(relpath, previous_revision)
    write_atomic(resolve_inside(root, target_rel), content)
    return target_rel


def write_revision_diff(root: Path, relpath: str, revision: int, diff: str) -> str:
    target_rel = revision_file(relpath, revision, "diff")
    write_atomic(resolve_inside(root, target_rel), diff)
    return target_rel


# --- stories.md --------------------------------------------------------------------------------


def render_stories(day: str, stories: Sequence[Sequence[StoryEntry]]) -> str:
    """The day's stories, most outlets first, then by headline: the original's headline, the
    number of outlets, and a link to each outlet's file (relative to the day folder)."""
    here = f"{day}/{STORIES_NAME}"
    ordered = sorted(
        (members for members in stories if members),
        key=lambda ms: (-len({m.publisher or m.url for m in ms}), -len(ms), ms[0].title.casefold()),
    )
    lines = [f"# Stories — {day}", ""]
    for members in ordered:
        first = members[0]
        outlets = len({m.publisher or m.url for m in members})
        links = ", ".join(
            f"[{escape_inline(m.publisher or m.url)}]({relative_link(here, m.path)})"
            + (" (original)" if m.role == "original" and len(members) > 1 else "")
            for m in members
        )
        noun = "outlet" if outlets == 1 else "outlets"
        title = escape_inline(first.title or first.url)
        lines.append(f"- **{title}** — {outlets} {noun}: {links}")
    return "\n".join(lines) + "\n"


def write_stories_index(root: Path, day: str, stories: Sequence[Sequence[StoryEntry]]) -> bool:
    """Write ``<root>/<day>/stories.md`` (atomic, untouched when unchanged)."""
    target = resolve_inside(root, f"{day}/{STORIES_NAME}")
    if not stories:
        return False
    os.makedirs(target.parent, exist_ok=True)
    return write_atomic(target, render_stories(day, stories))


def history_notes(history: Iterable[dict[str, Any]]) -> list[RevisionNote]:
    """RevisionNotes from a revisit record's history entries."""
    notes = []
    for entry in history:
        try:
            notes.append(
                RevisionNote(int(entry["revision"]), str(entry["at"]), str(entry["summary"]))
            )
        except (KeyError, TypeError, ValueError):
            continue
    return notes


def article_additions(
    store: StateStore, a: ItemAdapter, relpath: str
) -> tuple[tuple[str, ...], str]:
    """The header lines and the appendix an article's file gets from its story and its
    revisions (nothing, and no store access, for an item without ``id`` or revisions)."""
    notes: list[str] = []
    appendix = ""
    this_id = a.get("id")
    if this_id:
        entry = store.story_entry(this_id)
        if entry is not None:
            entry.path = relpath
            line = also_published_line(entry, store.story_members(entry.story_id))
            if line:
                notes.append(line)
        related = []
        for ref in a.get("related") or ():
            other = store.story_entry(str(ref.get("article_id")))
            if other is not None:
                related.append((other, float(ref.get("score") or 0.0)))
        line = related_line(relpath, related)
        if line:
            notes.append(line)
    revision = a.get("revision") or 1
    if revision > 1:
        changes = Changes(**a["changes"]) if a.get("changes") else None
        summary = changes.summary() if changes else "changed"
        record = store.revisit_record(a.get("url") or "")
        history = history_notes(record.history if record else ())
        history = [n for n in history if n.revision < revision]
        history.append(RevisionNote(revision, a.get("scraped_at") or "", summary))
        notes.append(updated_line(a.get("scraped_at"), revision, summary))
        appendix = revisions_section(relpath, history)
    return tuple(notes), appendix
