"""Incremental ``index.md`` updates: one line appended per new article, not a folder rebuild.

A backfill puts thousands of articles into one day-and-category folder. Rebuilding the folder's
index for each article (list the folder, sort, rewrite) costs time in proportion to the folder,
so a folder of n articles costs n² in all. :class:`IncrementalIndexes` keeps, per folder, which
articles the index lists and what the file looked like when this process last touched it, and
for each article written (always under :func:`tracker.export.markdown.output_lock`):

- appends the article's line with one ``write`` (O_APPEND), then fsyncs the file and the folder;
  a line the index already holds, identical, costs nothing;
- rebuilds the index in full (atomically, tracker.export.markdown.rebuild_index) only when it
  must: a line that changed (the article was rewritten with another title or publisher), a
  folder seen for the first time whose index does not list exactly its article files (written
  by an older version, or a crash between an article and its line), a torn last line (a process
  killed during an append), or a file another process replaced since;
- re-sorts a folder's index (newest first, as rebuild_index writes it) once the lines appended
  since its last sort outnumber the sorted ones, and when the crawl closes. Appended lines stand
  at the end until then, so time per article stays flat (bench/index.py) and every index still
  lists every article of its folder exactly once at any moment.

Two crawls writing into one folder take the same lock; each notices the lines the other
appended (the file grew past what it wrote) and reads only those, or re-reads a file the other
replaced.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from tracker.export.markdown import (
    INDEX_NAME,
    IndexCache,
    IndexEntry,
    fsync_dir,
    index_line,
    is_earlier_version,
    rebuild_index,
)

logger = logging.getLogger(__name__)

# Re-sort once the appended lines outnumber the sorted ones (and at least this many).
MIN_APPENDS_BEFORE_SORT = 64
# Folders whose state is kept; one forgotten is read again from disk when next touched.
MAX_FOLDERS = 4096
# How much of the file's known end is compared to tell an append from a replacement.
_TAIL_CHECK = 64
_LINE_RE = re.compile(r"^- \[(?:\\.|[^\]\\])*\]\(([^)\s]+)\)")


@dataclass
class _FolderState:
    """What this process knows of one folder's index.md."""

    inode: int
    size: int
    tail: bytes  # the file's last bytes, as known
    lines: dict[str, int] = field(default_factory=dict)  # filename -> hash of its line
    sorted_count: int = 0
    appended: int = 0


def _filename_of(line: str) -> str | None:
    match = _LINE_RE.match(line)
    return unquote(match.group(1)) if match else None


def _article_files(folder: Path) -> set[str]:
    names = set()
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(folder):
            name = entry.name
            article = name.endswith(".md") and not is_earlier_version(name)
            if article and name != INDEX_NAME and not name.startswith("."):
                names.add(name)
    return names


class IncrementalIndexes:
    """The index files of the folders one crawl writes into (module docstring)."""

    def __init__(self, cache: IndexCache | None = None) -> None:
        self.cache: IndexCache = {} if cache is None else cache
        self.states: OrderedDict[Path, _FolderState] = OrderedDict()
        self.rebuilds = 0
        self.appends = 0

    def update(self, folder: Path, entry: IndexEntry) -> bool:
        """Make ``folder/index.md`` list ``entry`` (its file is written); True if it changed.
        Call under output_lock."""
        line = index_line(entry)
        state = self._current(folder)
        if state is None:
            return self._rebuild(folder)
        known = state.lines.get(entry.filename)
        if known == hash(line):
            return False
        if known is not None:
            return self._rebuild(folder)  # the line changed: rewrite the file, sorted
        self._append(folder, state, entry.filename, line)
        if state.appended >= max(MIN_APPENDS_BEFORE_SORT, state.sorted_count):
            self._rebuild(folder)
        return True

    def close(self) -> int:
        """Sort every index with lines appended since its last sort; how many were rewritten.
        Call under output_lock."""
        rewritten = 0
        for folder, state in list(self.states.items()):
            if state.appended and self._current(folder) is not None:
                rewritten += int(self._rebuild(folder))
        return rewritten

    # --- disk state -----------------------------------------------------------------------------

    def _current(self, folder: Path) -> _FolderState | None:
        """This folder's state, brought up to date with the file; None when it must be rebuilt."""
        index = folder / INDEX_NAME
        try:
            stat = os.stat(index)
        except FileNotFoundError:
            self.states.pop(folder, None)
            return None
        state = self.states.get(folder)
        if state is not None:
            self.states.move_to_end(folder)
            if stat.st_ino == state.inode and stat.st_size == state.size:
                return state
            if stat.st_ino == state.inode and stat.st_size > state.size:
                grown = self._read_growth(index, state, stat.st_size)
                if grown:
                    return state
        return self._load(folder, index, check_files=True)

    def _read_growth(self, index: Path, state: _FolderState, size: int) -> bool:
        """Take in the lines another process appended; False when the file is not the one we
        knew plus lines (then it is read again in full)."""
        start = max(0, state.size - len(state.tail))
        with index.open("rb") as handle:
            handle.seek(start)
            data = handle.read(size - start)
        if data[: len(state.tail)] != state.tail or not data.endswith(b"\n"):
            return False
        added = data[len(state.tail) :].decode("utf-8", "replace")
        for line in added.splitlines():
            name = _filename_of(line)
            if name is not None:
                state.lines[name] = hash(line)
        state.size = size
        state.tail = data[-_TAIL_CHECK:]
        return True

    def _load(self, folder: Path, index: Path, check_files: bool) -> _FolderState | None:
        """Read the index in full; None when it is torn, or (``check_files``, on first sight of
        the folder) does not list exactly the folder's article files."""
        try:
            with index.open("rb") as handle:
                data = handle.read()
                inode = os.fstat(handle.fileno()).st_ino
        except FileNotFoundError:
            return None
        if not data.endswith(b"\n"):
            return None  # torn by a process killed mid-append: rebuilt from the files
        lines: dict[str, int] = {}
        for line in data.decode("utf-8", "replace").splitlines():
            name = _filename_of(line)
            if name is not None:
                lines[name] = hash(line)
        if check_files and folder not in self.states and set(lines) != _article_files(folder):
            return None  # first sight of this folder, and the index is not its list
        state = _FolderState(inode, len(data), data[-_TAIL_CHECK:], lines, sorted_count=len(lines))
        self.states[folder] = state
        self.states.move_to_end(folder)
        while len(self.states) > MAX_FOLDERS:
            self.states.popitem(last=False)
        return state

    # --- writes ---------------------------------------------------------------------------------

    def _append(self, folder: Path, state: _FolderState, filename: str, line: str) -> None:
        data = (line + "\n").encode("utf-8")
        fd = os.open(folder / INDEX_NAME, os.O_WRONLY | os.O_APPEND)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            size = os.fstat(fd).st_size
        finally:
            os.close(fd)
        fsync_dir(folder)  # the article's own rename, made without a folder fsync
        if size != state.size + len(data):
            # Someone else wrote too (they cannot, under the lock): read it all again.
            self.states.pop(folder, None)
            return
        state.lines[filename] = hash(line)
        state.size = size
        state.tail = (state.tail + data)[-_TAIL_CHECK:]
        state.appended += 1
        self.appends += 1

    def _rebuild(self, folder: Path) -> bool:
        self.rebuilds += 1
        self.states.pop(folder, None)
        changed = rebuild_index(folder, self.cache)
        index = folder / INDEX_NAME
        if index.exists():
            self._load(folder, index, check_files=False)
        return changed
