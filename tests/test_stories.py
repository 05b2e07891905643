"""Stories across outlets, through every pipeline, on real pages (tests/fixtures/fault_site).

The copies are **hand-made from real pages**: one real article's paragraphs put into other real
pages' templates (tools/transplant.py), with the edits republishers make (a rewritten headline,
the last paragraph trimmed, a local paragraph taken from a third real article). They are served
under ``.example`` hosts: no publisher published these pages. The other real pages are
different articles and must stay stories of their own.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from itemadapter import ItemAdapter
from scrapy.crawler import Crawler

from tests.test_pipelines import make_crawler, run_chain
from tools.transplant import EDITS, article_paragraphs, edited, transplant
from tracker.export.rejects import DuplicateItem
from tracker.export.stories import set_header_line
from tracker.extract import extract_article
from tracker.items import ArticleItem
from tracker.processing.stories import shingles, signature, similarity
from tracker.state import close_store

FIXTURES = Path(__file__).parent / "fixtures" / "fault_site"
# The real URLs of the pages (tests/fixtures/fault_site/SOURCES.md).
REAL = {
    "TheIndependent": (
        "https://www.independent.co.uk/news/world/laos-methanol-poisoning-holly-bowles-death-b2651790.html",
        "The Independent",
    ),
    "FoxNews": (
        "https://www.foxnews.com/politics/house-china-committee-demands-answers-fbi-chinese-police-stations-us",
        "Fox News",
    ),
    "WashingtonTimes": (
        "https://www.washingtontimes.com/news/2023/apr/28/indiana-governor-endorses-revised-gop-state-budget/",
        "The Washington Times",
    ),
    "TheCitizen": (
        "https://www.citizen.co.za/news/south-africa/severe-storms-gauteng-residents-flood-risks/",
        "The Citizen",
    ),
}


def page(name: str) -> str:
    return gzip.decompress((FIXTURES / f"{name}.html.gz").read_bytes()).decode("utf-8")


def item_from_page(html: str, url: str, publisher: str, spider: str = "gazette") -> ArticleItem:
    """The item a spider makes of a page (extraction, then the fields it copies)."""
    fields = extract_article(html, url).fields
    return ArticleItem(
        url=url,
        fetched_url=url,
        title=fields.get("title"),
        publisher=publisher,
        spider=spider,
        published=fields.get("published"),
        body=fields.get("body"),
        text=fields.get("text"),
        authors=list(fields.get("authors") or []),
    )


def real_item(name: str) -> ArticleItem:
    url, publisher = REAL[name]
    return item_from_page(page(name), url, publisher)


def copies() -> list[ArticleItem]:
    """The Independent's article republished by two made-up outlets on real templates."""
    url, _ = REAL["TheIndependent"]
    title, paragraphs = article_paragraphs(page("TheIndependent"), url)
    _, local = article_paragraphs(page("TheCitizen"), REAL["TheCitizen"][0])
    made = []
    for n, (host, edit) in enumerate(
        [("TheTelegraph_2024_09_17", EDITS[-1]), ("VoiceOfAmerica", EDITS[0])], start=1
    ):
        copy_title, copy_paragraphs = edited(title or "", paragraphs, edit, local[1])
        copy_url = f"https://outlet-{n}.example/world/laos-methanol-poisoning"
        html = transplant(page(host), copy_url, copy_title, copy_paragraphs)
        assert html is not None, host
        made.append(item_from_page(html, copy_url, f"Outlet {n} (hand-made on {host})"))
    return made


@pytest.fixture(params=["sqlite", "redis"])
def crawler(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Crawler]:
    settings = {}
    if request.param == "redis":
        settings["TRACKER_STATE"] = request.getfixturevalue("redis_url")
    built = make_crawler(tmp_path, **settings)
    built._test_settings = settings  # type: ignore[attr-defined]
    yield built
    close_store(built)


def files(out: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in out.rglob("*.md")}


def test_copies_on_other_templates_join_the_story_and_others_stay_apart(
    crawler: Crawler, tmp_path: Path
) -> None:
    original = real_item("TheIndependent")
    others = [real_item(n) for n in ("FoxNews", "WashingtonTimes", "TheCitizen")]
    copy_items = copies()
    passed, dropped = run_chain(crawler, [original, *others, *copy_items])
    assert not dropped and len(passed) == 6
    by_url = {ItemAdapter(i)["url"]: ItemAdapter(i) for i in passed}
    first = by_url[original.url]
    assert first["story_role"] == "original" and first["story_id"] == first["id"]
    for item in copy_items:
        got = by_url[item.url]
        assert got["story_role"] == "copy", item.url
        assert got["story_id"] == first["id"]
    for item in others:
        got = by_url[item.url]
        assert got["story_role"] == "original" and got["story_id"] == got["id"]
    stats = crawler.stats.get_stats()  # type: ignore[union-attr]
    assert stats["tracker/stories/copy"] == 2 and stats["tracker/stories/original"] == 4

    out = tmp_path / "out"
    original_md = (out / first["path"]).read_text()
    also = next(line for line in original_md.splitlines() if line.startswith("**Also published by"))
    for item in copy_items:
        copy_path = by_url[item.url]["path"]
        # The original lists each copy: its outlet, a relative link to its file, its source.
        assert f"[source]({item.url})" in also
        linked = re.search(rf"\]\(([^)]*{re.escape(Path(copy_path).name)})\)", also)
        assert (
            linked
            and (out / first["path"]).parent.joinpath(linked.group(1)).resolve()
            == (out / copy_path).resolve()
        )
        copy_md = (out / copy_path).read_text()
        copy_also = next(
            line for line in copy_md.splitlines() if line.startswith("**Also published by")
        )
        assert "The Independent" in copy_also and "original" in copy_also
    # The day's stories: the largest first, with the number of outlets.
    stories_md = (out / first["path"].split("/")[0] / "stories.md").read_text()
    lines = [line for line in stories_md.splitlines() if line.startswith("- ")]
    assert "Laos methanol" in lines[0] and "3 outlets" in lines[0]

    # A second run over the same pages writes nothing and rewrites nothing.
    before = files(out)
    again = make_crawler(tmp_path, **crawler._test_settings)  # type: ignore[attr-defined]
    try:
        passed, dropped = run_chain(again, [real_item("TheIndependent"), *copies()])
    finally:
        close_store(again)
    assert not passed and all(isinstance(d, DuplicateItem) for d in dropped)
    assert files(out) == before


def test_a_follow_up_with_the_same_lead_is_related_not_a_copy(crawler: Crawler) -> None:
    original = real_item("TheIndependent")
    # Hand-made from real text: the Independent's headline and first paragraph, then another
    # real article's paragraphs (a follow-up that reuses the lead but says something else).
    title, paragraphs = article_paragraphs(page("TheIndependent"), original.url or "")
    _, rest = article_paragraphs(page("TheCitizen"), REAL["TheCitizen"][0])
    follow_up = ArticleItem(
        url="https://follow-up.example/laos",
        fetched_url="https://follow-up.example/laos",
        title=title,
        publisher="Follow-up (hand-made)",
        spider="gazette",
        body="\n\n".join([paragraphs[0], *rest]),
    )
    passed, _ = run_chain(crawler, [original, follow_up])
    first, second = (ItemAdapter(i) for i in passed)
    assert second["story_role"] == "original" and second["story_id"] != first["story_id"]
    assert [r["story_id"] for r in second["related"]] == [first["story_id"]]
    assert 0.25 <= second["related"][0]["score"] <= 1.0


def test_the_copies_are_near_duplicates_and_the_negatives_are_not() -> None:
    """The labelled pairs above, measured directly: what the thresholds must separate."""
    original = real_item("TheIndependent")
    sig = signature(shingles(original.text))
    for item in copies():
        assert similarity(sig, signature(shingles(item.text))) >= 0.5
    for name in ("FoxNews", "WashingtonTimes", "TheCitizen"):
        assert similarity(sig, signature(shingles(real_item(name).text))) < 0.1


def test_setting_a_header_line_is_idempotent() -> None:
    text = "# T\n\n**Source:** [u](u)\n**Published:** 2026\n\n## Full Article\nBody\n"
    once = set_header_line(text, "Also published by", "**Also published by:** [A](a.md)")
    assert once == set_header_line(once, "Also published by", "**Also published by:** [A](a.md)")
    assert once.splitlines()[4] == "**Also published by:** [A](a.md)"
    changed = set_header_line(once, "Also published by", "**Also published by:** [B](b.md)")
    assert "[A](a.md)" not in changed and changed.count("Also published by") == 1
    assert set_header_line(changed, "Also published by", None) == text


def test_revision_files_stay_out_of_the_category_index(tmp_path: Path) -> None:
    from tracker.export.markdown import rebuild_index

    folder = tmp_path / "2026-12-01" / "world"
    folder.mkdir(parents=True)
    body = "# Headline\n\n**Source:** [https://a.example/x](https://a.example/x)\n"
    (folder / "headline-abc.md").write_text(body)
    (folder / "headline-abc.r1.md").write_text(body)
    rebuild_index(folder)
    assert (folder / "index.md").read_text().count("headline-abc") == 1


def test_signatures_are_datasketchs_bit_for_bit() -> None:
    """The story index keeps signatures and band keys between crawls: the NumPy MinHash must
    give exactly what datasketch's MinHash(num_perm=128, seed=1) gave, on real texts (the
    shingles and the headline-and-lead terms), on one short text and on nothing."""
    import numpy as np
    from datasketch import MinHash

    from tracker.processing.stories import (
        _shingle_digests,
        _signature_of_digests,
        lead_terms,
        story_features,
        tokens,
    )

    def datasketch_signature(features: set[bytes]) -> np.ndarray:
        minhash = MinHash(num_perm=128, seed=1)
        if features:
            minhash.update_batch(sorted(features))
        return np.asarray(minhash.digest(), dtype=np.uint32)

    for name in REAL:
        item = real_item(name)
        text, title = item.text, item.title
        assert len(shingles(text)) > 100
        for features in (shingles(text), lead_terms(title, text)):
            assert np.array_equal(signature(features), datasketch_signature(features))
        features = story_features(title, text)
        assert np.array_equal(features.text_signature, datasketch_signature(shingles(text)))
        assert np.array_equal(
            _signature_of_digests(_shingle_digests(tokens(text))),
            datasketch_signature(shingles(text)),
        )
    for features in (set(), shingles("Four words only here")):
        assert np.array_equal(signature(features), datasketch_signature(features))


def test_a_crawl_does_not_import_datasketch() -> None:
    """datasketch's package imports SciPy (seconds of start-up): the crawl's modules compute
    signatures without it."""
    import subprocess
    import sys

    code = (
        "import sys, tracker.story_pipelines, tracker.state;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('datasketch', 'scipy')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
