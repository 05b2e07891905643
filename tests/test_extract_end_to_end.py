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
