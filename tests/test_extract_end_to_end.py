"""Issue 4's end-to-end promise: a real replayed crawl (`scrapy crawl article -a rules=generic`)
gives items whose ``text`` scores the same as the benchmark's direct extraction of the same pages.

The datasets are the small real ones under tests/fixtures/extract/ (sources in its SOURCES.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.extraction import end_to_end_texts, load_aeb, load_fundus, page_scores, run_tracker

DATASETS = Path(__file__).parent / "fixtures" / "extract"

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("loader", "folder"), [(load_fundus, "bench_fundus"), (load_aeb, "bench_aeb")]
)
def test_crawled_text_scores_as_the_direct_extraction(loader, folder: str, tmp_path: Path) -> None:
    pages = loader(DATASETS / folder)
    assert len(pages) >= 3
    crawled = end_to_end_texts(pages, tmp_path)
    for page in pages:
        direct = page_scores(page.truth, run_tracker(page.html, page.url))
        end_to_end = page_scores(page.truth, crawled[page.id])
        assert end_to_end.tp > 0, f"{page.id}: the crawl wrote no text"
        assert end_to_end.precision == pytest.approx(direct.precision, abs=0.002), page.id
        assert end_to_end.recall == pytest.approx(direct.recall, abs=0.002), page.id


def test_a_page_listed_under_two_addresses_scores_the_item_the_crawl_wrote(tmp_path: Path) -> None:
    """WCXB lists one page twice, its address with and without a trailing slash (0463 and
    3035, the same HTML; tests/fixtures/extract/wcxb/0463). The crawl writes the article once
    and counts the second address a duplicate: both pages score the written item, as both do
    in process (the second was scored an empty page with no date before)."""
    import gzip
    import json

    from bench.extraction import CrawlVerdict, Page, end_to_end_outputs
    from tracker.extract import extract_article
    from tracker.extract.encoding import decode_html

    wcxb = DATASETS / "wcxb"
    url = json.loads((wcxb / "pages.json").read_text())["0463"]["url"]
    html = decode_html(gzip.decompress((wcxb / "0463.html.gz").read_bytes()))
    pages = [Page("0463", url, html, ""), Page("3035", url + "/", html, "")]
    crawled, _ = end_to_end_outputs(pages, tmp_path)
    direct = CrawlVerdict()(extract_article(html, url), url)
    assert direct.published == "2023-02-02"
    for page in pages:
        out = crawled[page.id]
        assert out.reject is None, (page.id, out.reject)
        assert (out.published, out.title) == (direct.published, direct.title), page.id
        assert out.text == direct.text, page.id
