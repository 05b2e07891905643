"""Single-language outlets whose pages all claim another language: the spider's declared
language is the item's (``with_spider_language`` in their ``post_process_item``), on their real
fixture pages, through the same path as tests/test_spiders_fixtures.py."""

from __future__ import annotations

import pytest

from tools.fixtures import FixturePage, PageExtractor, fixture_pages, load_spider_classes

# Spider -> what its pages claim (lang / og:locale / inLanguage) and what they are written in.
MISLABELLED = {
    "dizindaba": "xh",  # lang="en-US", og:locale en_US
    "eyethunews": "zu",  # lang="en-GB", og:locale en_GB
    "habarileo": "sw",  # lang="en-US", inLanguage en-US
    "ilanga": "zu",  # lang="en-ZA", og:locale en_US
    "isolezwe": "zu",  # lang="en", og:locale en-ZA
    "isolezwelesixhosa": "xh",  # lang="en", og:locale en-ZA
}
PAGES = [p for p in fixture_pages() if p.spider in MISLABELLED]


@pytest.fixture(scope="module")
def extractor() -> PageExtractor:
    return PageExtractor()


def test_every_mislabelled_outlet_has_a_page() -> None:
    assert {p.spider for p in PAGES} == set(MISLABELLED)


@pytest.mark.parametrize("page", PAGES, ids=[p.id for p in PAGES])
def test_the_declared_language_beats_the_pages_claim(
    extractor: PageExtractor, page: FixturePage
) -> None:
    spider = load_spider_classes(extractor.settings)[page.spider]
    assert spider.language == MISLABELLED[page.spider]
    item = extractor.extract_page(spider, page)
    assert item is not None
    assert item.language == MISLABELLED[page.spider]
    assert item.provenance["language"] == "spider"
