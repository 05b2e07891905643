"""Incremental index.md (tracker.export.index): the index an exporter keeps by appending lines
is, once sorted, the one a full rebuild makes, whatever happened in between: two writers in one
folder, a changed article, a line torn by a kill, an index written by an older version."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

from tracker.export.index import MIN_APPENDS_BEFORE_SORT, IncrementalIndexes
from tracker.export.markdown import (
    INDEX_NAME,
    ArticleView,
    IndexEntry,
    article_relpath,
    output_lock,
    parse_index_entry,
    rebuild_index,
    render_article,
    write_atomic,
)


def view(n: int, title: str | None = None, publisher: str = "Example News") -> ArticleView:
    return ArticleView(
        title=title or f"Article number {n}",
        url=f"https://news.example/a/{n}/",
        body="Hand-made body text for the index tests.",
        category="World",
        publisher=publisher,
        published=f"2024-05-01T{n % 24:02d}:{n % 60:02d}:00+00:00",
    )


def write(root: Path, article: ArticleView, indexes: IncrementalIndexes) -> bool:
    relpath = article_relpath(
        url=article.url,
        title=article.title,
        category=article.category,
        published=article.published,
        scraped_at=None,
    )
    target = root / relpath
    rendered = render_article(article, "tracker", "https://example.invalid/")
    write_atomic(target, rendered, sync_dir=False)
    entry = parse_index_entry(rendered, target.name)
    assert isinstance(entry, IndexEntry)
    with output_lock(root):
        return indexes.update(target.parent, entry)


def folder_of(root: Path) -> Path:
    (folder,) = {p.parent for p in root.rglob("*.md")}
    return folder


def rebuilt(folder: Path) -> str:
    """What a full rebuild writes for the folder (the reference), leaving the folder as it was."""
    index = folder / INDEX_NAME
    before = index.read_bytes()
    rebuild_index(folder)
    reference = index.read_text()
    index.write_bytes(before)
    return reference


def test_appends_then_sorts_to_exactly_the_rebuilt_index(tmp_path: Path) -> None:
    indexes = IncrementalIndexes()
    count = MIN_APPENDS_BEFORE_SORT * 3 + 5
    for n in range(count):
        assert write(tmp_path, view(n), indexes)
    folder = folder_of(tmp_path)
    lines = [x for x in (folder / INDEX_NAME).read_text().splitlines() if x.startswith("- [")]
    assert len(lines) == len(set(lines)) == count  # every article once, at any moment
    assert indexes.appends > indexes.rebuilds  # mostly appends
    with output_lock(tmp_path):
        indexes.close()
    assert (folder / INDEX_NAME).read_text() == rebuilt(folder)
    # The same article again changes nothing.
    assert not write(tmp_path, view(3), indexes)


def test_a_changed_line_is_replaced(tmp_path: Path) -> None:
    indexes = IncrementalIndexes()
    for n in range(5):
        write(tmp_path, view(n), indexes)
    assert write(tmp_path, view(2, publisher="Renamed Publisher"), indexes)
    folder = folder_of(tmp_path)
    text = (folder / INDEX_NAME).read_text()
    assert "Renamed Publisher" in text and text.count("/a/2/") == 1
    assert text == rebuilt(folder)


def test_two_writers_in_one_folder_see_each_others_lines(tmp_path: Path) -> None:
    first, second = IncrementalIndexes(), IncrementalIndexes()
    for n in range(40):
        write(tmp_path, view(n), first if n % 3 else second)
    # One of them rewrites an article the other listed.
    write(tmp_path, view(4, publisher="Other Name"), second)
    write(tmp_path, view(100), first)
    folder = folder_of(tmp_path)
    lines = [x for x in (folder / INDEX_NAME).read_text().splitlines() if x.startswith("- [")]
    assert len(lines) == 41 and len(set(lines)) == 41
    with output_lock(tmp_path):
        first.close()
        second.close()
    assert (folder / INDEX_NAME).read_text() == rebuilt(folder)


def test_a_torn_last_line_and_an_old_index_are_repaired(tmp_path: Path) -> None:
    indexes = IncrementalIndexes()
    for n in range(5):
        write(tmp_path, view(n), indexes)
    folder = folder_of(tmp_path)
    index = folder / INDEX_NAME
    with index.open("ab") as handle:
        handle.write(b"- [Article number 9](article-nu")  # a process killed mid-append
    assert write(tmp_path, view(5), indexes)
    assert index.read_text() == rebuilt(folder)
    # An index that misses files (written by an older version, or by hand) is rebuilt the first
    # time a new exporter touches the folder.
    index.write_text("# World — 2024-05-01\n\n")
    fresh = IncrementalIndexes()
    assert write(tmp_path, view(6), fresh)
    assert index.read_text() == rebuilt(folder)
    assert index.read_text().count("- [") == 7


def _worker(root: str, numbers: list[int]) -> None:
    indexes = IncrementalIndexes()
    for n in numbers:
        write(Path(root), view(n), indexes)
    with output_lock(Path(root)):
        indexes.close()


def test_processes_writing_at_once_lose_no_line(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_worker, args=(str(tmp_path), list(range(k, 300, 3))))
        for k in range(3)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    folder = folder_of(tmp_path)
    text = (folder / INDEX_NAME).read_text()
    assert text.count("- [") == 300
    assert text == rebuilt(folder)
    assert not [p for p in os.listdir(folder) if p.endswith(".tmp")]
