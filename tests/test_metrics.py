"""tools.metrics: the METRICS.md shingle scores and field comparisons, on hand-computed cases."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest

from tools import metrics as m


def test_tokens_are_unicode_words_with_case_kept() -> None:
    assert m.tokens("Hello, wörld! It's 2024.") == ["Hello", "wörld", "It", "s", "2024"]
    assert m.tokens("") == []
    assert m.tokens(None) == []


def test_shingles_count_repeats_and_short_texts() -> None:
    assert m.shingles("a b c d e") == Counter({("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1})
    assert m.shingles("a b c d a b c d") == Counter(
        {
            ("a", "b", "c", "d"): 2,
            ("b", "c", "d", "a"): 1,
            ("c", "d", "a", "b"): 1,
            ("d", "a", "b", "c"): 1,
        }
    )
    # Fewer than four tokens: one shingle, the whole tuple; nothing: no shingle.
    assert m.shingles("a b") == Counter({("a", "b"): 1})
    assert m.shingles("  ") == Counter()


def test_page_scores_by_hand() -> None:
    # true: 2 shingles (abcd, bcde); pred: 1 (abcd) -> tp 1, fp 0, fn 1, over 2.
    page = m.page_scores("a b c d e", "a b c d")
    assert (page.tp, page.fp, page.fn) == (0.5, 0.0, 0.5)
    assert page.precision == 1.0
    assert page.recall == 0.5
    assert not page.exact

    # true shingles: abcd bcde cdef; pred shingles: abcd bcde cdex.
    # tp 2, fp 1 (cdex), fn 1 (cdef), total 4.
    page = m.page_scores("a b c d e f", "a b c d e x")
    assert page.precision == pytest.approx(2 / 3)
    assert page.recall == pytest.approx(2 / 3)


def test_page_scores_edge_cases() -> None:
    both_empty = m.page_scores("", "")
    assert (both_empty.precision, both_empty.recall, both_empty.exact) == (1.0, 1.0, True)
    nothing_found = m.page_scores("a b c d", "")
    assert (nothing_found.precision, nothing_found.recall) == (0.0, 0.0)
    nothing_expected = m.page_scores("", "a b c d")
    assert (nothing_expected.precision, nothing_expected.recall) == (0.0, 0.0)
    # Identical token sequences count as exact whatever the punctuation and spacing.
    assert m.page_scores("One, two; three.", "One two\n\nthree").exact


def test_corpus_scores_average_pages_then_f1() -> None:
    a = m.page_scores("a b c d e", "a b c d")  # P 1, R 0.5
    b = m.page_scores("a b c d", "a b c d")  # P 1, R 1, exact
    c = m.page_scores("a b c d", "")  # tp+fp == 0: left out of precision, R 0
    scores = m.corpus_scores([a, b, c])
    assert scores.precision == 1.0
    assert scores.recall == pytest.approx(0.5)
    assert scores.f1 == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert scores.accuracy == pytest.approx(1 / 3)
    assert scores.pages == 3
    assert m.corpus_scores([]).f1 == 0.0


def test_title_and_author_comparisons() -> None:
    assert m.title_equal("Caf\u00e9  au lait\n", "Cafe\u0301 au lait")  # NFC and spaces
    assert not m.title_equal("A title", "A title - NASA")
    assert m.authors_equal(["Jane  Doe", "John Roe"], ["john roe", "Jane Doe"])
    assert not m.authors_equal(["Jane Doe"], ["Jane Doe", "John Roe"])
    assert m.authors_equal([], None)


def test_published_comparison() -> None:
    assert m.published_equal("2024-02-12T19:26:20Z", "2024-02-12T14:26:20-05:00")
    assert m.published_equal("2024-02-12 19:26:20+00:00", "2024-02-12T19:27:10+00:00")
    assert not m.published_equal("2024-02-12T19:26:20Z", "2024-02-12T19:28:00Z")
    # A reference with only a date: the same calendar day is enough.
    assert m.published_equal("2024-02-12", "2024-02-12T23:59:00+00:00")
    assert not m.published_equal("2024-02-12", "2024-02-13T00:01:00+00:00")
    assert m.published_equal(datetime(2024, 2, 12, 19, 26, tzinfo=UTC), "2024-02-12T19:26:00Z")
    assert not m.published_equal("2024-02-12T19:26:20Z", "Feb 12, 2024")
    assert not m.published_equal("2024-02-12T19:26:20Z", None)


def test_tags_and_image() -> None:
    assert m.jaccard(["Space", "Moon"], ["moon", "Mars"]) == pytest.approx(1 / 3)
    assert m.jaccard([], []) == 1.0
    assert m.image_equal("https://x.org/a.jpg?w=1200", "https://x.org/a.jpg?w=600")
    assert not m.image_equal("https://x.org/a.jpg", "https://x.org/b.jpg")
    assert not m.image_equal("https://x.org/a.jpg", None)
