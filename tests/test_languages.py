"""Every pipeline stage in the article's language (issue 12): the language itself, dates,
summaries, categories and file names, on real pages and strings of the fundus corpus
(tests/fixtures/languages/, sources in SOURCES.md there).

Pages run the way a crawl runs them: the generic spider's parse_article, then the normalise
pipeline.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from tools.fixtures import PageExtractor
from tracker.items import ArticleItem
from tracker.processing.language import base_language, corrected, identify, settle_language
from tracker.processing.normalise import normalise_language
from tracker.spiders.article import ArticleSpider

FIXTURES = Path(__file__).parent / "fixtures" / "languages"
PAGES: dict[str, dict[str, Any]] = json.loads((FIXTURES / "pages.json").read_text())


@pytest.fixture(scope="module")
def items() -> dict[str, ArticleItem]:
    extractor = PageExtractor()
    out = {}
    for name, page in PAGES.items():
        html = gzip.decompress((FIXTURES / name).read_bytes())
        item = extractor.extract(ArticleSpider, html, page["url"])
        assert item is not None, name
        out[name] = item
    return out


@pytest.mark.parametrize("name", sorted(PAGES))
def test_language_of_each_page(name: str, items: dict[str, ArticleItem]) -> None:
    assert base_language(items[name].language) == PAGES[name]["language"]


@pytest.mark.parametrize(
    ("name", "declared"),
    [
        ("fundus-za-Isolezwe.html.gz", "en"),  # a Zulu paper's template says lang="en"
        ("fundus-za-IsolezweLesiXhosa.html.gz", "en"),
        ("fundus-tz-HabariLeo.html.gz", "en-US"),  # Swahili
    ],
)
def test_a_declaration_the_text_contradicts_is_overruled(
    name: str, declared: str, items: dict[str, ArticleItem]
) -> None:
    item = items[name]
    assert item.language == PAGES[name]["language"]
    assert item.provenance["language"] == f"langid (declared {declared})"


def test_a_page_that_declares_a_charset_for_a_language_gets_the_texts() -> None:
    # People's Daily: <meta http-equiv="Content-Language" content="utf-8">-like declarations
    assert normalise_language("utf-8") is None


def test_page_without_a_usable_declaration_gets_the_texts_language(
    items: dict[str, ArticleItem],
) -> None:
    item = items["fundus-cn-People.html.gz"]
    assert item.language == "zh"
    assert item.provenance["language"] == "langid"


def test_country_code_written_for_korean_is_corrected(items: dict[str, ArticleItem]) -> None:
    # Hankook Ilbo's JSON-LD says inLanguage "kr" (Kanuri's code); its html lang says "ko".
    assert corrected("kr") == "ko"
    assert corrected("kr-KR") == "ko-KR"
    assert corrected("eng") == "en"
    assert base_language(items["fundus-kr-HankookIlbo_2025_05_15.html.gz"].language) == "ko"


def test_an_agreeing_declaration_is_kept_with_its_layer() -> None:
    text = (
        "Die Bundesregierung hat am Mittwoch einen Entwurf für das neue Gesetz beschlossen, "
        "das im kommenden Jahr in Kraft treten soll."
    )
    assert settle_language("de-AT", "meta", text) == ("de-AT", "meta")
    assert settle_language(None, None, text) == ("de", "langid")
    assert settle_language("en", "meta", text) == ("de", "langid (declared en)")


def test_related_languages_are_not_overruled() -> None:
    # Bokmål text declared "no" and identified as "no"/"nb"/"nn" alike: the same language.
    text = (
        "Nordmannen i 40-åra, som var lederen av en kastrerings-kult, er dømt til fengsel i "
        "seks år for grov kroppsskade."
    )
    assert settle_language("nb", "jsonld", text)[0] == "nb"


def test_too_little_text_keeps_the_declaration() -> None:
    assert identify("Sport 3:1") is None
    assert settle_language("de", "spider", "Tor! 3:1") == ("de", "spider")
    assert settle_language(None, None, "12:30") == (None, None)
