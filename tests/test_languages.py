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
def test_a_declaration_the_text_contradicts_is_overruled(name: str, declared: str) -> None:
    # Without the publisher's rules (its spider may also force its language): what the page
    # declares, checked against its text, as the normalise pipeline does for any page.
    from tracker.extract import extract_article
    from tracker.processing.normalise import plain_text

    html = gzip.decompress((FIXTURES / name).read_bytes())
    found = extract_article(html, PAGES[name]["url"])
    assert normalise_language(found.fields["language"]) == declared
    language, layer = settle_language(
        normalise_language(found.fields["language"]),
        found.provenance["language"],
        plain_text(found.fields["text"]),
        found.fields["title"],
    )
    assert (language, layer) == (PAGES[name]["language"], f"langid (declared {declared})")


def test_a_page_that_declares_a_charset_for_a_language_gets_the_texts() -> None:
    # People's Daily: <meta http-equiv="Content-Language" content="utf-8">-like declarations
    assert normalise_language("utf-8") is None


def test_page_without_a_usable_declaration_gets_the_texts_language(
    items: dict[str, ArticleItem],
) -> None:
    # With its spider, People's Daily's items take the spider's zh; without any rules, the text's.
    from tracker.extract import extract_article
    from tracker.processing.normalise import plain_text

    assert items["fundus-cn-People.html.gz"].language == "zh"
    name = "fundus-cn-People.html.gz"
    found = extract_article(gzip.decompress((FIXTURES / name).read_bytes()), PAGES[name]["url"])
    declared = normalise_language(found.fields.get("language"))
    assert declared is None
    text = plain_text(found.fields["text"])
    assert settle_language(declared, None, text, found.fields["title"]) == ("zh", "langid")


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


# --- summaries ---------------------------------------------------------------------------------


def test_summaries_are_made_in_the_articles_language(items: dict[str, ArticleItem]) -> None:
    from tracker.processing.summarise import TextRankSummariser

    summariser = TextRankSummariser()
    for name in ("fundus-de-Tagesschau.html.gz", "fundus-jp-TokyoShimbun.html.gz"):
        item = items[name]
        summary, method = summariser.summarise(item.text or "", item.title, item.language)
        assert method == "textrank", name
        assert summary[:30] in (item.text or ""), name
        found = identify(summary)
        assert found is not None and found.language == PAGES[name]["language"], name


def test_german_stop_words_and_stems_on_a_german_text() -> None:
    from tracker.processing.summarise import _word_bags

    # Tagesschau, 24 March 2023
    sentence = "Die Gewerkschaften haben für Montag zu einem bundesweiten Streik aufgerufen."
    (bag,) = _word_bags([sentence], "de")
    assert "die" not in bag and "für" not in bag and "einem" not in bag
    assert "gewerkschaft" in bag  # stemmed by the German Snowball stemmer
    (english,) = _word_bags([sentence], "english")
    assert "die" in english  # what the English list did to German text


def test_japanese_sentences_split_at_full_stops_outside_quotes() -> None:
    from tracker.processing.summarise import split_sentences

    # Chunichi Shimbun, 13 January 2025
    text = (
        "気象庁は調査終了を受けた記者会見で「地震はいつ起きてもおかしくない。日頃の備えを"
        "確認してほしい」と呼びかけた。日向灘の地震は南海トラフ巨大地震の想定震源域で起きた。"
    )
    assert split_sentences(text, "ja") == [
        "気象庁は調査終了を受けた記者会見で「地震はいつ起きてもおかしくない。日頃の備えを"
        "確認してほしい」と呼びかけた。",
        "日向灘の地震は南海トラフ巨大地震の想定震源域で起きた。",
    ]


def test_a_german_date_ends_no_sentence() -> None:
    from tracker.processing.summarise import split_sentences

    text = "Der Streik beginnt am 27. März um Mitternacht. Betroffen sind Bahn und Flughäfen."
    assert split_sentences(text, "de") == [
        "Der Streik beginnt am 27. März um Mitternacht.",
        "Betroffen sind Bahn und Flughäfen.",
    ]


def test_a_language_without_stop_words_gets_the_lead_and_says_so(
    items: dict[str, ArticleItem],
) -> None:
    from tracker.processing.summarise import TextRankSummariser

    item = items["fundus-za-IsolezweLesiXhosa.html.gz"]
    summary, method = TextRankSummariser().summarise(item.text or "", item.title, "xh")
    assert method == "lead (no TextRank for xh)"
    assert summary.startswith((item.text or "")[:40])
    _, unknown = TextRankSummariser().summarise(item.text or "", item.title, None)
    assert unknown == "lead (no TextRank for an unknown language)"


# --- categories --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "category"),
    [
        # sections, URL folders and tags of fundus pages that all fell to General before
        ("Innenpolitik", "Politics"),  # Salzburger Nachrichten
        ("landespolitik", "Politics"),  # WDR URL folder
        ("Wirtschaft", "Business"),  # Spiegel
        ("kapitalmaerkte", "Business"),  # Börsen-Zeitung URL folder
        ("fussball", "Sports"),  # Sportschau URL folder
        ("Spor&Skor", "Sports"),  # NTV (Turkey)
        ("Wissen", "Science"),  # Tagesspiegel
        ("Ausland", "World"),  # 20 Minuten
        ("Internacional", "World"),  # El País
        ("Politique", "Politics"),  # Le Monde
        ("Esteri", "World"),  # Corriere della Sera
        ("Polityka", "Politics"),  # Rzeczpospolita
        ("国際", "World"),  # Mainichi Shimbun
        ("金融", "Business"),  # Nikkei
        ("정치", "Politics"),  # Hankook Ilbo
        ("Gündem", "National"),  # Anadolu Ajansı
        ("Innenriks", "National"),  # VG
        ("Gastkommentar", "Opinion"),  # Die Presse
        ("災害・気象", "Environment"),  # Asahi Shimbun tag
    ],
)
def test_labels_in_the_corpus_languages(label: str, category: str) -> None:
    from tracker.processing.categorise import CategoryMatcher, merge_rules

    assert CategoryMatcher(merge_rules(None)).match(label) == category


def test_a_publishers_words_must_be_lists() -> None:
    from tracker.spiders.base import NewsSpider
    from tracker.spiders.declaration import DeclarationError

    with pytest.raises(DeclarationError, match=r"category_rules: expected Mapping"):
        type(
            "ExampleSpider",
            (NewsSpider,),
            {"name": "example", "publisher": "Ex", "category_rules": {"Local": "Lienz"}},
        )


def test_a_publisher_adds_its_own_words() -> None:
    from scrapy.utils.test import get_crawler

    from tracker.items import PublisherHints
    from tracker.pipelines import CategorisePipeline

    pipeline = CategorisePipeline(get_crawler(settings_dict={}))
    item = ArticleItem(
        url="https://www.kleinezeitung.at/kaernten/osttirol/123/notbetrieb",
        section="Lienz",
        provenance={},
    )
    pipeline.process_item(item)
    assert item.category == "Local"  # the URL's /kaernten/ folder, built in
    item = ArticleItem(
        url="https://www.kleinezeitung.at/123",
        section="Lienz",
        provenance={},
        hints=PublisherHints(category_rules=(("Local", ("Lienz",)),)),
    )
    pipeline.process_item(item)
    assert (item.category, item.provenance["category"]) == ("Local", "section")


# --- file names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        # titles of fundus pages in the corpus' scripts
        "장동혁, 한동훈 제명했지만 '윤 어게인' 절연·외연 확장 부담 커졌다 | 정치ㅣ한국일보",
        "促进航天技术更好惠及人民――习近平主席向首届“中国－拉美和加勒比国家航天合作论坛”致贺信为中拉深化航天合作指明方向",
        "समस्तीपुर पुलिस ने 2 बदमाशों को पकड़ा:दो दिनों के अंदर चोरी का खुलासा, चोरी का सामान बरामद",
        "شعر وردي يُشعل السخرية: لغز لون شعر دونالد ترامب يربك الجمهور وخبير يشرح السبب",
        "フジテレビ問題でスポーツ界にも大激震 協賛企業“総スカン”で"
        "各競技団体のビジネスモデル完全崩壊へ",
        "Türkiye'de elektrikli araç şarj istasyonu sayısı 11 bini aştı",
        "ภาษาไทย " * 30,
        "प्रधानमंत्री " * 30,
    ],
)
def test_slugs_are_safe_on_every_filesystem(title: str) -> None:
    import unicodedata

    from tracker.export.markdown import MAX_SLUG_BYTES, article_relpath, slugify

    slug = slugify(title)
    assert slug == slugify(title)  # stable
    assert unicodedata.is_normalized("NFC", slug)
    assert len(slug.encode("utf-8")) <= MAX_SLUG_BYTES
    assert not set(slug) & set('<>:"/\\|?*.') and slug.isprintable()
    assert not unicodedata.category(slug[-1]).startswith("M") or unicodedata.category(
        slug[-2]
    ).startswith("L")
    # readable: mostly the title's own letters
    letters = [c for c in title if c.isalpha()]
    assert sum(c in slug for c in letters) / len(letters) > 0.5
    name = article_relpath(
        url="https://example.org/a",
        title=title,
        category="World",
        published=None,
        scraped_at="2025-01-01T00:00:00+00:00",
    ).rsplit("/", 1)[1]
    assert len(name.encode("utf-8")) + len(".r99.diff") < 255


def test_a_korean_letter_stays_a_letter() -> None:
    from tracker.export.markdown import slugify

    # Hankook Ilbo's title ends "정치ㅣ한국일보": NFKD made the ㅣ a loose conjoining vowel
    # (U+1175) that renders as a broken syllable.
    assert "\u1175" not in slugify("정치ㅣ한국일보")
    assert slugify("정치ㅣ한국일보") == "정치ㅣ한국일보"


def test_names_windows_reserves_are_not_slugs() -> None:
    from tracker.export.markdown import slugify

    assert [slugify(v) for v in ("Con", "NUL", "com1", "Aux.")] == ["con_", "nul_", "com1_", "aux_"]
    assert slugify("ｶﾞｷﾞ ＡＢＣ") == "ガギ-abc"
    assert slugify("Élysée Straße") == "elysee-strasse"


def test_a_cut_never_leaves_a_letter_without_its_marks() -> None:
    import unicodedata

    from tracker.export.markdown import slugify

    slug = slugify("क्षत्रिय " * 40)
    *words, last = slug.split("-")
    assert set(words) == {"क्षत्रिय"}
    # the last word is cut (bytes), after a whole letter: never before its virama or vowel sign
    assert "क्षत्रिय".startswith(last) and not unicodedata.category("क्षत्रिय"[len(last)]).startswith(
        "M"
    )
