"""Hostile content through the real extraction and pipelines, one test per kind of attack:
path separators, "..", NUL bytes, very long strings, Markdown and HTML injection, javascript:
and data: links and images. The file stays inside the output folder, the Markdown shows such text
as text (checked by rendering it with a CommonMark parser), and only http(s) links and images
survive.

Items are real-shaped: a real page (tests/fixtures/fault_site/VoiceOfAmerica.html.gz) goes
through ``extract_article`` and ``NewsSpider.item_from_extraction`` as in a crawl; hand-made hostile
HTML is spliced into its article body, or hostile values are set on the item the spider made.
tests/test_hostile_server.py serves a hostile page to a real crawl as well.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from scrapy.crawler import Crawler

from tests.faultserver import real_page
from tests.test_markdown_output import assert_safe_markdown, rendered_html
from tests.test_pipelines import make_crawler, run_chain
from tracker.export.rejects import RejectItem
from tracker.extract import extract_article
from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider
from tracker.state import close_store

PAGE = real_page("VoiceOfAmerica").decode("utf-8")
PAGE_URL = "https://www.voanews.com/a/child-care-crisis/7585813.html"
SPLICE_AT = '<div class="wsw">'


class HostileTestSpider(NewsSpider):
    name = "hostiletest"
    publisher = "Voice of America"


def _page_with(body_html: str) -> str:
    """The real page with hand-made HTML spliced in at the start of its article body."""
    assert SPLICE_AT in PAGE
    return PAGE.replace(SPLICE_AT, SPLICE_AT + body_html, 1)


def _item(crawler: Crawler, html: str = PAGE) -> ArticleItem:
    spider = crawler.spider
    assert isinstance(spider, HostileTestSpider)
    extraction = extract_article(html, PAGE_URL, rules=spider.site_rules())
    return spider.item_from_extraction(extraction, fetched_url=PAGE_URL)


def _write(tmp_path: Path, item_or_edit: Any = None, html: str = PAGE) -> tuple[Path, str]:
    """Run a real-shaped item through all pipelines; return (file, its text)."""
    crawler = make_crawler(tmp_path, HostileTestSpider)
    try:
        item = _item(crawler, html)
        if callable(item_or_edit):
            item_or_edit(item)
        passed, dropped = run_chain(crawler, [item])
    finally:
        close_store(crawler)
    assert not dropped, dropped
    (out,) = passed
    root = (tmp_path / "out").resolve()
    target = (root / out.path).resolve()
    assert target.is_file()
    assert root in target.parents  # inside the output folder
    # Nothing at all was written outside it.
    assert all(root in p.resolve().parents for p in tmp_path.rglob("*") if p.is_file())
    # The folder's index lists the article safely too (its title is a link there).
    index = (target.parent / "index.md").read_text("utf-8")
    assert_safe_markdown(index)
    assert f"]({target.name})" in index
    return target, target.read_text("utf-8")


def _meta_line(text: str, label: str) -> Any:
    """One metadata line of the file (``**Label:** value``), rendered on its own."""
    (line,) = [line for line in text.splitlines() if line.startswith(f"**{label}:**")]
    return rendered_html(line)


def _relparts(tmp_path: Path, target: Path) -> tuple[str, ...]:
    return target.relative_to((tmp_path / "out").resolve()).parts


# --- path separators -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["../../etc/passwd", "/etc/cron.d/x", "a/b/c", "..\\..\\Windows\\win.ini", "C:\\x", "~/.ssh"],
)
def test_path_separators_stay_out_of_the_path(tmp_path: Path, value: str) -> None:
    def edit(item: ArticleItem) -> None:
        item.title = value
        item.category = value
        item.section = value
        item.authors = [value]

    target, text = _write(tmp_path, edit)
    _day, category, name = _relparts(tmp_path, target)  # exactly <day>/<category>/<file>
    for part in (category, name):
        assert not ({"/", "\\", ":", "~"} & set(part)) and not part.startswith(".")
    assert_safe_markdown(text)
    assert rendered_html(text).xpath("string(//h1)") == value


# --- ".." ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["..", ".", "...", "../..", ". .", ".md"])
def test_dot_titles_give_ordinary_file_names(tmp_path: Path, value: str) -> None:
    def edit(item: ArticleItem) -> None:
        item.title = value
        item.category = value

    target, text = _write(tmp_path, edit)
    for part in _relparts(tmp_path, target):
        assert part not in {".", ".."} and not part.startswith(".")
    assert target.name.endswith(".md") and target.name != "index.md"
    assert rendered_html(text).xpath("string(//h1)") == value


# --- NUL bytes -----------------------------------------------------------------------------------


def test_nul_bytes_are_gone_from_file_and_path(tmp_path: Path) -> None:
    def edit(item: ArticleItem) -> None:
        item.title = "Child\x00care crisis"
        item.authors = ["Jane\x00 Doe"]
        item.section = "Us\x00A"
        item.body = "First paragraph with a NUL\x00 in it.\n\n" + (item.body or "")
        item.text = None  # recomputed from the body by the normalise pipeline

    target, text = _write(tmp_path, edit)
    assert "\x00" not in str(target) and "\x00" not in text
    assert "\x00" not in (target.parent / "index.md").read_text("utf-8")
    doc = rendered_html(text)
    assert "\x00" not in doc.xpath("string(//h1)")
    assert "care crisis" in doc.xpath("string(//h1)")


# --- very long strings ---------------------------------------------------------------------------


def test_very_long_values_give_a_short_file_name(tmp_path: Path) -> None:
    long_title = "Very long headline " * 5000  # ~95,000 characters
    long_author = "Ă" * 20_000  # two UTF-8 bytes each

    def edit(item: ArticleItem) -> None:
        item.title = long_title
        item.authors = [long_author]
        item.category = "c" * 10_000
        item.tags = ["t" * 5000] * 50

    target, text = _write(tmp_path, edit)
    for part in _relparts(tmp_path, target):
        assert len(part.encode("utf-8")) <= 255
    assert len(str(target).encode("utf-8")) < os.pathconf(target.parent, "PC_PATH_MAX")
    assert text.startswith("# Very long headline")
    assert_safe_markdown(text)


# --- Markdown and HTML injection in metadata -----------------------------------------------------

MARKDOWN_TITLE = (
    "# Fake heading\n\n[click me](https://evil.example/) **bold** _em_ `code` ![i](https://x/i.png)"
    "\n---\n> quote\n- item\n1. item | table |"
)


def test_markdown_in_title_and_authors_shows_as_text(tmp_path: Path) -> None:
    def edit(item: ArticleItem) -> None:
        item.title = MARKDOWN_TITLE
        item.authors = ["[Jane](javascript:alert(1))", "**Bob**\n# Not a heading"]
        item.publisher = "<b>Pub</b> [x](https://evil.example/)"
        item.summary = "## Not a heading\n* not a list [x](javascript:alert(1))"

    _, text = _write(tmp_path, edit)
    assert_safe_markdown(text)
    doc = rendered_html(text)
    # One h1, holding the title text (newlines collapsed to spaces); h2 only the file's own.
    assert doc.xpath("string(//h1)") == " ".join(MARKDOWN_TITLE.split())
    assert doc.xpath("//h2/text()") == ["Summary", "Full Article"]
    assert not doc.xpath("//h1//a | //h1//strong | //h1//em | //h1//code | //h1//img")
    assert not doc.xpath("//blockquote | //hr[following::h2[1][text()='Summary']]")
    # No link made from a title, author, publisher or summary reaches evil.example.
    assert not [href for href in doc.xpath("//a/@href") if "evil.example" in href]
    # Authors and publisher as literal text (the normaliser may trim an author's name, but
    # what is left is shown as typed, not as a link or emphasis).
    authors = _meta_line(text, "Authors")
    assert "[Jane](javascript:alert(1" in authors.text_content()
    assert "**Bob** # Not a heading" in authors.text_content()
    publisher = _meta_line(text, "Publisher")
    assert "<b>Pub</b> [x](https://evil.example/)" in publisher.text_content()
    assert not authors.xpath(".//a | .//em | .//strong[not(text()='Authors:')]")
    assert not publisher.xpath(".//a | .//b | .//em")


def test_html_in_title_and_authors_shows_as_text(tmp_path: Path) -> None:
    title = '<script>alert(1)</script><img src=x onerror="alert(2)"><iframe src="https://x">'

    def edit(item: ArticleItem) -> None:
        item.title = title
        item.authors = ['<a href="javascript:alert(3)">Jane</a>']

    _, text = _write(tmp_path, edit)
    assert_safe_markdown(text)
    doc = rendered_html(text)
    assert doc.xpath("string(//h1)") == title
    # The normaliser strips tags from author names: the name is left, as text.
    authors = _meta_line(text, "Authors")
    assert authors.text_content().strip() == "Authors: Jane"
    assert not authors.xpath(".//a | .//*[@href]")


# --- HTML injection in the page body -------------------------------------------------------------

INJECTED_HTML = """
<p>Officials said on Tuesday <script>alert('body')</script> that the program would expand to
more counties <img src="x" onerror="alert('img')"> and that families would hear more soon.</p>
<iframe src="https://evil.example/frame"></iframe>
<p onclick="alert('p')">Parents described long waiting lists <b onmouseover="alert(1)">across the
state</b> and said the costs <style>body{display:none}</style> kept rising every year.</p>
<p>Write to &lt;script&gt;alert("escaped")&lt;/script&gt; if you have questions, one reader wrote
in a letter that the newspaper printed in full last week.</p>
"""


def test_html_injected_into_a_page_body_shows_no_elements(tmp_path: Path) -> None:
    _, text = _write(tmp_path, html=_page_with(INJECTED_HTML))
    assert_safe_markdown(text)  # no script, style, iframe, handler attribute or odd URL
    doc = rendered_html(text)
    assert "Parents described long waiting lists" in doc.text_content()  # the text is kept


# --- structured data built to crash a parser -----------------------------------------------------


def test_deeply_nested_json_ld_does_not_lose_the_article(tmp_path: Path) -> None:
    # 100,000 nested arrays: Python's json module hits its recursion limit on this.
    bomb = '<script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 + "</script>"
    html = PAGE.replace("</head>", bomb + "</head>", 1)
    _, text = _write(tmp_path, html=html)
    assert "Slemp" in text  # the real article, written as usual


class _BrokenHookSpider(HostileTestSpider):
    name = "brokenhook"

    def post_process_item(self, item: ArticleItem, response: Any) -> ArticleItem | None:
        raise KeyError("a bug in a publisher's hook")


def test_an_exception_while_extracting_is_a_reject_not_a_loss(tmp_path: Path) -> None:
    from scrapy.http import HtmlResponse

    from tracker.signals import article_rejected

    crawler = make_crawler(tmp_path, _BrokenHookSpider)
    rejected: list[dict[str, Any]] = []
    crawler.signals.connect(lambda **kw: rejected.append(kw), signal=article_rejected, weak=False)
    from scrapy import Request

    request = Request(PAGE_URL, meta={"tracker_article": True})
    response = HtmlResponse(PAGE_URL, body=PAGE.encode(), encoding="utf-8", request=request)
    spider = crawler.spider
    assert isinstance(spider, _BrokenHookSpider)
    assert list(spider.parse_article_in_process(response)) == []
    (reject,) = rejected
    assert reject["url"] == PAGE_URL and reject["reason"] == "extract_error"
    assert "KeyError" in reject["detail"]
    close_store(crawler)


def test_an_exception_in_the_generic_spider_with_publisher_rules_is_a_reject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scrapy import Request
    from scrapy.http import HtmlResponse
    from scrapy.utils.test import get_crawler

    import tracker.spiders.base as base_module
    from tracker.signals import article_rejected
    from tracker.spiders.article import ArticleSpider

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RecursionError("extraction blew up")

    monkeypatch.setattr(base_module, "extract_article", broken)
    crawler = get_crawler(
        ArticleSpider,
        {"TRACKER_OUTPUT_DIR": str(tmp_path / "out"), "SPIDER_MODULES": ["tracker.spiders"]},
    )
    spider = ArticleSpider.from_crawler(crawler, urls=PAGE_URL)
    crawler.spider = spider
    assert spider.dedicated_spider(PAGE_URL) is not None  # voanews.com has its own spider
    rejected: list[dict[str, Any]] = []
    crawler.signals.connect(lambda **kw: rejected.append(kw), signal=article_rejected, weak=False)
    request = Request(PAGE_URL, meta={"tracker_article": True})
    response = HtmlResponse(PAGE_URL, body=PAGE.encode(), encoding="utf-8", request=request)
    assert list(spider.parse_article_in_process(response)) == []
    assert [(r["url"], r["reason"]) for r in rejected] == [(PAGE_URL, "extract_error")]


# --- javascript: and data: links and images ------------------------------------------------------

HOSTILE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(2)",
    " javascript:alert(3)",
    "java&#x09;script:alert(4)",
    "&#106;avascript:alert(5)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(6)",
    "file:///etc/passwd",
]


def _links_page() -> str:
    parts = []
    for n, url in enumerate(HOSTILE_URLS):
        parts.append(
            f'<p>Paragraph {n} of the report has a <a href="{url}">hostile link number {n}</a>'
            f' and an image <img src="{url}" alt="hostile image {n}"> among its ordinary words'
            " about the state budget and child care costs.</p>"
        )
    parts.append(
        '<p>This paragraph keeps a <a href="https://example.org/report">real report link</a>'
        ' and a <a href="/a/related/123.html">relative link</a> to the same site, and a'
        ' picture <img src="https://example.org/photo.jpg" alt="real photo"> of the centre.</p>'
    )
    return _page_with("".join(parts))


def test_only_http_links_and_images_survive_in_the_body(tmp_path: Path) -> None:
    _, text = _write(tmp_path, html=_links_page())
    assert_safe_markdown(text)
    lowered = text.lower()
    for scheme in ("javascript:", "vbscript:", "data:", "file:"):
        assert scheme not in lowered, scheme
    doc = rendered_html(text)
    hrefs = doc.xpath("//a/@href")
    assert "https://example.org/report" in hrefs
    assert "https://www.voanews.com/a/related/123.html" in hrefs  # relative links resolved
    assert all(url.startswith(("http://", "https://")) for url in hrefs + doc.xpath("//img/@src"))
    # The hostile links' words stay, as plain text.
    assert "hostile link number 0" in doc.text_content()


@pytest.mark.parametrize("image", ["javascript:alert(1)", "data:image/png;base64,iVBORw0KGgo="])
def test_a_hostile_lead_image_is_left_out(tmp_path: Path, image: str) -> None:
    def edit(item: ArticleItem) -> None:
        item.image = image

    _, text = _write(tmp_path, edit)
    assert "Article Image" not in text
    assert image.split(":")[0] + ":" not in text


def test_an_article_whose_url_is_not_http_is_rejected(tmp_path: Path) -> None:
    crawler = make_crawler(tmp_path, HostileTestSpider)
    try:
        item = _item(crawler)
        item.url = "javascript:alert(1)"
        item.fetched_url = "data:text/html,hi"
        passed, dropped = run_chain(crawler, [item])
    finally:
        close_store(crawler)
    assert passed == []
    assert isinstance(dropped[0], RejectItem) and dropped[0].reason == "no_url"
    assert markdown_count(tmp_path) == 0


def markdown_count(tmp_path: Path) -> int:
    return len(list((tmp_path / "out").rglob("*.md")))
