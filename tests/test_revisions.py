"""What changed between two versions of an article (tracker.processing.revisions), on the text
of a real article (tests/fixtures/fault_site/TheIndependent.html.gz as the tracker extracts it);
the edits are hand-made."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from tools.transplant import article_paragraphs
from tracker.processing.revisions import (
    comparable_hash,
    compare,
    is_furniture,
    unified_diff,
)

PAGE = Path(__file__).parent / "fixtures" / "fault_site" / "TheIndependent.html.gz"
URL = "https://www.independent.co.uk/news/world/laos-methanol-poisoning-holly-bowles-death-b2651790.html"


@pytest.fixture(scope="module")
def article() -> tuple[str, list[str]]:
    title, paragraphs = article_paragraphs(gzip.decompress(PAGE.read_bytes()).decode(), URL)
    assert title and len(paragraphs) >= 5
    return title, paragraphs


def text(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def test_the_same_text_is_no_change(article: tuple[str, list[str]]) -> None:
    title, paragraphs = article
    changes = compare(title, text(paragraphs), title, text(paragraphs) + "\n")
    assert changes.empty and changes.summary() == "no change"


def test_added_removed_and_edited_paragraphs_are_counted(article: tuple[str, list[str]]) -> None:
    title, paragraphs = article
    new = list(paragraphs)
    new.insert(2, "Police said on Friday that two more people had been detained.")
    del new[-1]
    new[0] = new[0].replace("Australian", "An Australian", 1) + " She was 19."
    changes = compare(title, text(paragraphs), title, text(new))
    assert (changes.paragraphs_added, changes.paragraphs_removed, changes.paragraphs_edited) == (
        1,
        1,
        1,
    )
    assert not changes.title_changed
    assert changes.summary() == "paragraphs: 1 added, 1 removed, 1 edited"


def test_a_rewritten_headline_is_a_change_with_the_old_one_kept(
    article: tuple[str, list[str]],
) -> None:
    title, paragraphs = article
    changes = compare(title, text(paragraphs), "Sixth tourist dies in Laos", text(paragraphs))
    assert changes.title_changed and changes.previous_title == title
    assert changes.summary() == "headline changed"


@pytest.mark.parametrize(
    "stamp",
    [
        "Last updated: 1 December 2026 14:37",
        "Updated 3 hours ago",
        "Published on 22 November 2024",
        "1,377 views",
        "Views: 2,301",
        "12 comments",
        "5 minutes ago",
        "4 min read",
    ],
)
def test_stamps_and_counters_are_furniture(stamp: str) -> None:
    assert is_furniture(stamp)


def test_sentences_are_not_furniture(article: tuple[str, list[str]]) -> None:
    _, paragraphs = article
    assert not any(is_furniture(p) for p in paragraphs)
    assert not is_furniture(
        "Updated guidance from the Foreign Office warns travellers about spirits."
    )


def test_only_a_stamp_and_a_counter_changing_is_not_a_revision(
    article: tuple[str, list[str]],
) -> None:
    title, paragraphs = article
    before = text(
        [paragraphs[0], "Last updated: 1 December 2026 10:04", "1,204 views", *paragraphs[1:]]
    )
    after = text(
        [paragraphs[0], "Last updated: 1 December 2026 14:37", "1,377 views", *paragraphs[1:]]
    )
    assert comparable_hash(title, before) == comparable_hash(title, after)
    assert compare(title, before, title, after).empty


def test_the_diff_shows_the_change(article: tuple[str, list[str]]) -> None:
    title, paragraphs = article
    correction = "Correction: an earlier version of this article gave the wrong age."
    diff = unified_diff(
        title, text(paragraphs), title, text([*paragraphs, correction]), "revision 1", "revision 2"
    )
    assert diff.startswith("--- revision 1\n+++ revision 2\n")
    assert f"\n+{correction}\n" in diff
    assert (
        sum(1 for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++"))
        == 1
    )
