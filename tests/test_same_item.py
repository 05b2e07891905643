"""`scrapy crawl article -a urls=U` and `scrapy crawl <publisher> -a urls=U` make the same item of
every fixture page of every publisher, apart from the ``spider`` field.

The generic spider applies the whole declaration of the publisher whose domain a page is on (its
site rules and family, its hook, its publisher name, language and hints for the pipelines), so a
publisher's knowledge lives in one place. Both items go through the spiders' own parse_article and
the normalise pipeline (tools.fixtures.PageExtractor), time frozen at the page's capture.
"""

from __future__ import annotations

import pytest

from tools.fixtures import FixturePage, PageExtractor, fixture_pages
from tools.publisher_check import item_differences
from tracker.spiders import publisher_spiders
from tracker.spiders.article import ArticleSpider

PAGES = fixture_pages()
PUBLISHERS = publisher_spiders()


@pytest.fixture(scope="module")
def extractor() -> PageExtractor:
    return PageExtractor()


def test_every_publisher_has_pages_here() -> None:
    assert {page.spider for page in PAGES} == set(PUBLISHERS)


@pytest.mark.parametrize("page", PAGES, ids=[p.id for p in PAGES])
def test_the_generic_spider_makes_the_publishers_item(
    page: FixturePage, extractor: PageExtractor
) -> None:
    own = extractor.extract_page(PUBLISHERS[page.spider], page)
    generic = extractor.extract_page(ArticleSpider, page)
    assert own is not None, "the publisher's spider made no item of its own page"
    assert own.spider == page.spider and generic is not None and generic.spider == "article"
    assert generic.provenance["rules"] == page.spider
    assert item_differences(own, generic) == []
