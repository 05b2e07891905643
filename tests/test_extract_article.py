"""extract_article: layer order, provenance, site rules, feed entries and bad input.

The small pages here are hand-made to pin one behaviour each; real pages are in
test_extract_pages.py.
"""

from __future__ import annotations

import gzip
import socket
from pathlib import Path

import pytest

from tracker.extract import Extraction, FeedEntry, SiteRules, extract_article
from tracker.extract.encoding import decode_html
from tracker.extract.feeds import parse_feed

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
URL = "https://news.example.org/2024/05/story.html"

PROSE = " ".join(
    f"<p>Paragraph {i} of the story tells what happened in the town on Monday and why the "
    f"council met again after the storm had passed over the valley.</p>"
    for i in range(8)
)

LAYERED = f"""<!doctype html><html lang="en-GB"><head>
<title>Storm hits town | Example News</title>
<meta property="og:title" content="Storm hits town (og)">
<meta property="og:site_name" content="Example News">
<meta property="og:image" content="/img/lead.jpg">
<meta property="article:published_time" content="2024-05-06T08:00:00Z">
<meta property="article:section" content="Local">
<meta property="article:tag" content="weather"><meta property="article:tag" content="storms">
<meta name="author" content="Meta Author">
<meta name="description" content="What the storm did.">
<link rel="canonical" href="https://news.example.org/storm">
<script type="application/ld+json">{{"@context": "https://schema.org", "@graph": [
  {{"@type": "WebSite", "name": "Example News"}},
  {{"@type": ["NewsArticle"], "headline": "Storm hits town (ld)",
    "author": [{{"@type": "Person", "name": "Ana Ruiz"}}, {{"@type": "Person", "name": "Bo Li"}}],
    "datePublished": "2024-05-06T09:00:00+01:00",
    "image": {{"@type": "ImageObject", "url": "https://cdn.example.org/ld.jpg"}}}}
]}}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<article><h1 class="headline">Storm hits town (h1)</h1>
<p class="byline">By <span class="name">Sel Ector</span></p>
<time class="stamp" datetime="2024-05-06T10:00:00Z">Monday</time>
<div class="content">{PROSE}
<div class="share-tools"><a href="https://fb.example/">Share on Facebook</a></div></div>
</article>
<footer>Copyright Example News</footer>
</body></html>"""


def test_layers_in_order_with_provenance() -> None:
    result = extract_article(LAYERED, URL)
    assert isinstance(result, Extraction)
    f, p = result.fields, result.provenance
    assert (f["title"], p["title"]) == ("Storm hits town (ld)", "jsonld")
    assert (f["authors"], p["authors"]) == (["Ana Ruiz", "Bo Li"], "jsonld")
    assert (f["published"], p["published"]) == ("2024-05-06T09:00:00+01:00", "jsonld")
    assert (f["image"], p["image"]) == ("https://cdn.example.org/ld.jpg", "jsonld")
    assert (f["section"], p["section"]) == ("Local", "meta")
    assert (f["tags"], p["tags"]) == (["weather", "storms"], "meta")
    assert (f["canonical_url"], p["canonical_url"]) == ("https://news.example.org/storm", "meta")
    assert (f["language"], p["language"]) == ("en-GB", "meta")
    assert f["site_name"] == "Example News"
    assert f["description"] == "What the storm did."
    assert p["body"] == "generic"
    assert f["body"].startswith("Paragraph 0 of the story")
    assert "Share on Facebook" not in f["body"]
    assert "Home" not in f["text"]
    assert f["text"].count("Paragraph") == 8


def test_site_selectors_win_and_name_the_body_container() -> None:
    rules = SiteRules(
        selectors={
            "title": ["h2.missing", "h1.headline"],
            "authors": ".byline .name",
            "published": "time.stamp",
            "body": "div.content",
        },
        exclude=[".share-tools"],
        title_suffixes=[" (h1)"],
    )
    result = extract_article(LAYERED, URL, rules=rules)
    f, p = result.fields, result.provenance
    assert (f["title"], p["title"]) == ("Storm hits town", "selector")
    assert (f["authors"], p["authors"]) == (["Sel Ector"], "selector")
    # A datetime attribute beats the element's text.
    assert (f["published"], p["published"]) == ("2024-05-06T10:00:00Z", "selector")
    assert p["body"] == "selector"
    assert f["text"].count("Paragraph") == 8
    assert "Facebook" not in f["body"]
    # Fields without a selector still come from the next layers.
    assert p["image"] == "jsonld"


def test_meta_layer_when_no_jsonld() -> None:
    html = LAYERED.split('<script type="application/ld+json">')[0] + "</head><body>"
    html += LAYERED.split("<body>")[1]
    result = extract_article(html, URL)
    f, p = result.fields, result.provenance
    # Without a NewsArticle's headline, the headline the page shows beats og:title.
    assert (f["title"], p["title"]) == ("Storm hits town (h1)", "text")
    assert (f["authors"], p["authors"]) == (["Meta Author"], "meta")
    assert (f["published"], p["published"]) == ("2024-05-06T08:00:00Z", "meta")
    assert (f["image"], p["image"]) == ("https://news.example.org/img/lead.jpg", "meta")


def test_generic_layer_for_bare_pages_and_site_suffix_stripped() -> None:
    html = f"<html><head><title>Bare page - Example</title></head><body>{PROSE}</body></html>"
    result = extract_article(html, URL)
    # The host's name (news.example.org) is the site's name when the page gives none.
    assert result.fields["title"] == "Bare page"
    assert result.provenance["title"] == "generic"
    assert result.fields["canonical_url"] == URL
    elsewhere = extract_article(html, "https://news.sample.net/story")
    assert elsewhere.fields["title"] == "Bare page - Example"
    with_site = html.replace("<head>", '<head><meta property="og:site_name" content="Example">')
    assert extract_article(with_site, "https://news.sample.net/a").fields["title"] == "Bare page"


def test_feed_entry_fills_gaps_and_page_values_win() -> None:
    entry = FeedEntry(
        url=URL,
        title="Feed title",
        published="Mon, 06 May 2024 07:00:00 GMT",
        authors=["Feed Author"],
        categories=["Weather"],
        summary="Feed summary",
    )
    html = f"<html><head><title>T</title></head><body><h1>Page title</h1>{PROSE}</body></html>"
    result = extract_article(html, URL, feed_entry=entry)
    f, p = result.fields, result.provenance
    assert (f["title"], p["title"]) == ("Feed title", "feed")
    assert (f["published"], p["published"]) == ("Mon, 06 May 2024 07:00:00 GMT", "feed")
    assert (f["tags"], p["tags"]) == (["Weather"], "feed")
    assert p["body"] == "generic"
    richer = extract_article(LAYERED, URL, feed_entry=entry)
    assert richer.provenance["title"] == "jsonld"
    assert richer.provenance["tags"] == "meta"


def test_no_page_everything_from_the_feed() -> None:
    entry = FeedEntry(
        url=URL,
        title="Only in the feed",
        authors=["Feed Author"],
        published="2024-05-06T07:00:00Z",
        content_html=(
            "<h1>Only in the feed</h1><p>First paragraph with a "
            '<a href="/x">link</a>.</p><h2>More</h2><ul><li>a</li><li>b</li></ul>'
        ),
    )
    result = extract_article(None, URL, feed_entry=entry)
    assert result.fields["title"] == "Only in the feed"
    assert set(result.provenance.values()) == {"feed"}
    assert result.fields["body"] == (
        "First paragraph with a [link](https://news.example.org/x).\n\n### More\n\n- a\n- b"
    )
    assert result.fields["text"] == "First paragraph with a link.\n\nMore\n\na\nb"


def test_lead_image_from_the_opening_figure_of_the_feed_content() -> None:
    # The real NASA feed: Apollo 9's entry names no image, its content opens with a figure.
    feed = gzip.decompress(
        (FIXTURES.parent / "feeds" / "www.nasa.gov_feed_2024-03-14.xml.gz").read_bytes()
    )
    entry = next(e for e in parse_feed(feed, "https://www.nasa.gov/feed/") if "apollo-9" in e.url)
    assert entry.image is None
    result = extract_article(None, entry.url, feed_entry=entry)
    assert result.fields["image"] == (
        "https://www.nasa.gov/wp-content/uploads/2024/03/s69-27919orig.jpg?w=2048"
    )
    assert result.provenance["image"] == "feed"  # the layer that gave the body


def test_a_picture_far_down_the_body_is_not_a_lead_image() -> None:
    paragraphs = "".join(
        f"<p>Paragraph {i} of the story, long enough to count.</p>" for i in range(4)
    )
    entry = FeedEntry(
        url=URL,
        title="Late picture",
        content_html=paragraphs + '<img src="https://news.example.org/late.jpg" alt="late">',
    )
    assert "image" not in extract_article(None, URL, feed_entry=entry).fields


@pytest.mark.parametrize(
    "html",
    [
        "",
        b"",
        "   \n ",
        "<html><body></body></html>",
        "<<<>>> not html at all <p",
        "<html><head><title>Just a title</title></head><body><nav>Home</nav></body></html>",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>",
        "<html><body><p>nul\x00 and \x0b control characters</p></body></html>",
    ],
)
def test_bad_input_never_raises_and_gives_no_body(html: str | bytes) -> None:
    result = extract_article(html, URL)
    assert result.fields["body"] == ""
    assert result.fields["text"] == ""
    assert "body" not in result.provenance


def test_broken_html_still_extracts() -> None:
    broken = LAYERED.replace("</p>", "").replace("</div>", "").replace("</article>", "")
    broken = broken.replace("</body></html>", "")
    result = extract_article(broken, URL)
    assert result.fields["title"] == "Storm hits town (ld)"
    assert result.fields["text"].count("Paragraph") == 8


def test_non_utf8_bytes_follow_meta_charset() -> None:
    html = (
        '<html><head><meta charset="windows-1251"><title>Новости</title></head><body>'
        + "<p>Шторм прошёл над долиной в понедельник, и совет снова собрался. " * 3
        + "</p>" * 3
        + PROSE
        + "</body></html>"
    )
    result = extract_article(html.encode("cp1251"), URL)
    assert result.fields["title"] == "Новости"
    latin = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    latin += "<title>Caf\xe9 cr\xe8me</title></head><body>" + PROSE + "</body></html>"
    assert extract_article(latin.encode("latin-1"), URL).fields["title"] == "Café crème"


CAFE = (
    "<html><head>{meta}<title>Caf\xe9 na\xefve \u2019quoted\u2019</title></head>"
    "<body>{prose}</body></html>"
)


@pytest.mark.parametrize("declared", ["windows-1251", "iso-8859-2", "koi8-r", "shift_jis"])
def test_utf8_bytes_declared_in_a_legacy_charset_decode_alike_on_both_paths(
    declared: str,
) -> None:
    # Issue 13, case 6: the crawl (page_text, with a header) and extract_article(bytes) share
    # one decoder, and valid UTF-8 is read as UTF-8 whatever the declaration says.
    from scrapy.http import HtmlResponse

    from tracker.spiders.base import page_text

    page = CAFE.format(meta=f'<meta charset="{declared}">', prose=PROSE).encode("utf-8")
    assert extract_article(page, URL).fields["title"] == "Café naïve \u2019quoted\u2019"
    for header in ("text/html", f"text/html; charset={declared}"):
        response = HtmlResponse(URL, body=page, headers={"Content-Type": header})
        assert "Café naïve \u2019quoted\u2019" in page_text(response)
        assert page_text(response) == decode_html(page, header)


def test_cp1252_bytes_declared_utf8_are_read_as_cp1252_and_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Issue 13, case 6: U+FFFD in place of every accent and curly quote, silently, before.
    page = CAFE.format(meta='<meta charset="utf-8">', prose=PROSE).encode("cp1252")
    with caplog.at_level("WARNING", logger="tracker.extract.encoding"):
        title = extract_article(page, URL).fields["title"]
    assert title == "Café naïve \u2019quoted\u2019"
    assert f"Page {URL} declares UTF-8 but 4 of its bytes are not UTF-8" in caplog.text
    # A UTF-8 page with one windows-1252 snippet pasted in keeps both.
    mixed = "Zoë \u2013 ".encode() + "caf\xe9".encode("cp1252")
    assert decode_html(mixed, "text/html; charset=utf-8") == "Zoë \u2013 café"


def test_undeclared_bytes_that_are_not_utf8_are_windows_1252() -> None:
    assert decode_html("<p>caf\xe9 \u2019</p>".encode("cp1252")) == "<p>café \u2019</p>"
    assert decode_html(b"\xef\xbb\xbf<p>bom</p>") == "<p>bom</p>"
    assert decode_html("<p>bom</p>".encode("utf-16")) == "<p>bom</p>"


def test_a_10_mb_script_does_not_cut_the_page() -> None:
    # Issue 13, case 4: libxml2 stopped at a text node over 10 MB and dropped the rest.
    script = '<script type="application/ld+json">{"@type": "Thing", "name": "' + "z" * (11 << 20)
    page = LAYERED.replace("<head>", "<head>" + script + '"}</script>', 1)
    assert page != LAYERED
    result = extract_article(page.encode(), URL)
    assert result.fields["title"] == "Storm hits town (ld)"
    assert result.fields["text"].count("Paragraph") == 8


def test_an_article_in_a_huge_script_string_is_found_in_linear_memory() -> None:
    # Issue 13, case 4: the embedded-HTML fallback's regex took ~140 bytes per byte of a long
    # JSON string (~550 MB traced for these 4 MB; 1.5 GB for 10 MB); json's scanner reads it in
    # one pass.
    import json
    import tracemalloc

    from tracker.extract.body import embedded_html_blocks

    article = "".join(f"<p>{' '.join(['word'] * 40)} number {n}.</p>" for n in range(20))
    data = {"props": {"content": "q" * (4 << 20), "article": {"bodyHtml": article}}}
    page = (
        "<html><head><title>Shell</title></head><body><div id=app></div>"
        f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script>'
        "</body></html>"
    )
    tracemalloc.start()
    try:
        blocks = embedded_html_blocks(page, URL)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 40 << 20, f"{peak / 1e6:.0f} MB"
    assert "number 19" in blocks[-1].text
    assert "number 19" in extract_article(page, URL).fields["text"]


def test_100000_keywords_take_linear_time() -> None:
    # Issue 13, case 5: a list membership test made this minutes long.
    import json
    import time

    keywords = [f"keyword {n}" for n in range(100_000)]
    ld = json.dumps({"@type": "NewsArticle", "headline": "Storm", "keywords": keywords})
    meta = '<meta name="keywords" content="' + ",".join(keywords) + '">'
    page = (
        f'<html><head><script type="application/ld+json">{ld}</script>{meta}</head>'
        f"<body>{PROSE}</body></html>"
    )
    start = time.perf_counter()
    result = extract_article(page, URL)
    assert time.perf_counter() - start < 20
    assert result.fields["tags"][:2] == ["keyword 0", "keyword 1"]
    assert len(result.fields["tags"]) == 100_000


def test_extraction_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    page = gzip.decompress((FIXTURES / "pages" / "us_CNBC.html.gz").read_bytes())
    result = extract_article(page, "https://www.cnbc.com/2023/04/28/x.html")
    assert result.fields["text"]


def test_client_rendered_page_body_from_embedded_json() -> None:
    """Hand-made Next.js-style page: the article HTML only exists inside a script's JSON."""
    paragraphs = "".join(
        f"\\u003cp\\u003eEmbedded paragraph {i} explains the council vote and what comes next "
        f"for the residents of the valley.\\u003c/p\\u003e$$ARTICLEAD$$"
        for i in range(5)
    )
    html = (
        "<html><head><title>Client page</title></head><body><div id='root'></div>"
        '<script>self.__data.push({"detail":{"title":"Client page","contentHtml":"'
        + paragraphs
        + '"}})</script></body></html>'
    )
    result = extract_article(html, URL)
    assert result.provenance["body"] == "generic"
    assert result.fields["text"].count("Embedded paragraph") == 5
    assert "ARTICLEAD" not in result.fields["body"]


def test_stories_appended_by_endless_scroll_are_dropped() -> None:
    """Hand-made: a second <article> with its own <h1> follows the page's article."""
    from tracker.extract.article import parse_html
    from tracker.extract.body import drop_appended_articles

    other = PROSE.replace("Paragraph", "Other story line")
    html = (
        "<html><head><title>Main</title></head><body><main>"
        f"<article><h1>Main story</h1>{PROSE}"
        f"<article><h1>Quoted post inside the story</h1>{PROSE}</article></article>"
        f"<div class='next'><article><h1>Another story</h1>{other}</article></div>"
        "</main></body></html>"
    )
    tree = parse_html(html)
    assert tree is not None
    assert drop_appended_articles(tree) == 1
    assert [h.text for h in tree.iter("h1")] == ["Main story", "Quoted post inside the story"]
    assert "Other story line" not in extract_article(html, URL).fields["text"]


def test_tweets_promotions_and_author_bio_are_not_article_text() -> None:
    """Hand-made page mixing the furniture that sits inside real article containers."""
    html = f"""<html><head><title>Vote</title>
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Vote",
 "author": {{"@type": "Person", "name": "Jane Doerr"}}}}</script></head>
<body><article><h1>Vote</h1><div class="story">{PROSE}
<blockquote class="twitter-tweet"><p>Tweeted words about the vote tonight, what a day
for everybody in the valley.</p>&mdash; Someone (@someone) May 6, 2024</blockquote>
<p>Sign up for our morning newsletter and get the headlines in your inbox.</p>
{PROSE.replace("Paragraph", "Later paragraph")}
<p>Jane Doerr is a senior reporter covering local government and the environment.</p>
</div></article></body></html>"""
    text = extract_article(html, URL).fields["text"]
    assert text.count("Paragraph") == 8
    assert text.count("Later paragraph") == 8
    assert "Tweeted words" not in text
    assert "newsletter" not in text
    assert "senior reporter" not in text


def test_public_suffix_list_is_never_downloaded(tmp_path: Path) -> None:
    """Importing tracker stops tldextract (Scrapy's cookie middleware) from going online."""
    import subprocess
    import sys

    code = (
        "import socket\n"
        "def refuse(*a, **k):\n"
        "    raise SystemExit('network access attempted')\n"
        "socket.socket.connect = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "import tracker\n"
        "from scrapy.downloadermiddlewares.cookies import _split_domain\n"
        "print(_split_domain('www.bbc.co.uk').suffix)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "TLDEXTRACT_CACHE": str(tmp_path), "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "co.uk"
    assert "Exception reading Public Suffix List" not in done.stderr


def test_teaser_cards_wrapped_in_links_are_dropped() -> None:
    """Hand-made: other stories as whole-block links right after the text, no heading."""
    cards = "".join(
        f'<li><a href="/story{i}"><div><p>TEASER {i}: Another story about a different town and '
        f"its long council meeting that went on well into the night.</p></div></a></li>"
        for i in range(4)
    )
    html = (
        f"<html><head><title>T</title></head><body><article><h1>T</h1>{PROSE}"
        f'<p>Read the <a href="/report">full report</a> here.</p><ul>{cards}</ul>'
        "</article></body></html>"
    )
    result = extract_article(html, URL)
    assert "TEASER" not in result.fields["text"]
    assert result.fields["text"].count("Paragraph") == 8
    assert "[full report](https://news.example.org/report)" in result.fields["body"]


def test_generic_body_gets_its_figures_back() -> None:
    """Hand-made: figures inside the text return after the paragraph they followed."""
    paragraphs = [
        f"<p>Paragraph {i} of the story tells what happened in the town on Monday and why "
        f"the council met again after the storm had passed over the valley.</p>"
        for i in range(8)
    ]
    figure = (
        '<figure><img src="/img/flood.jpg" alt="Flooded street">'
        "<figcaption>The flooded high street. Photo: J. Doe</figcaption></figure>"
    )
    avatar = '<figure><img src="/img/author.jpg"></figure>'
    after_end = '<figure><img src="/img/next.jpg" alt="Next story"></figure>'
    html = (
        "<html><head><title>Storm</title></head><body><article><h1>Storm</h1>"
        + "".join(paragraphs[:3])
        + figure
        + avatar
        + "".join(paragraphs[3:])
        + "</article><aside><p>Next story: the long council meeting that went on all night."
        + "</p>"
        + after_end
        + "</aside></body></html>"
    )
    result = extract_article(html, URL)
    body = result.fields["body"].split("\n\n")
    image = body.index("![Flooded street](https://news.example.org/img/flood.jpg)")
    assert body[image - 1].startswith("Paragraph 2 ")
    assert body[image + 1] == "*The flooded high street. Photo: J. Doe*"
    assert body[image + 2].startswith("Paragraph 3 ")
    assert "author.jpg" not in result.fields["body"]
    assert "next.jpg" not in result.fields["body"]
    # The plain text is the prose alone.
    assert "flooded high street" not in result.fields["text"]
    assert result.fields["text"].count("Paragraph") == 8


def test_json_ld_inside_a_cdata_wrapper_is_read() -> None:
    # Krautreporter's pages (tests/fixtures/krautreporter) wrap their JSON-LD in //<![CDATA[.
    ld = (
        '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Storm",'
        ' "datePublished": "2024-08-22T12:00:00+02:00"}'
    )
    for wrapped in (
        f"\n//<![CDATA[\n{ld}\n//]]>\n",
        f"/*<![CDATA[*/{ld}/*]]>*/",
        f"<![CDATA[{ld}]]>",
    ):
        html = (
            f'<html><head><script type="application/ld+json">{wrapped}</script></head>'
            f"<body><h1>Storm</h1>{PROSE}</body></html>"
        )
        result = extract_article(html, URL)
        assert (result.fields["published"], result.provenance["published"]) == (
            "2024-08-22T12:00:00+02:00",
            "jsonld",
        ), wrapped


def test_parsed_elements_are_html_elements_without_form_subclasses() -> None:
    """The parser hands out plain HtmlElement objects (a C-level class lookup, not lxml.html's
    per-element Python one): every element, forms and inputs too, keeps text_content() and
    drop_tree() that the extraction steps and trafilatura call."""
    import lxml.html

    from tracker.extract.article import parse_html

    tree = parse_html(
        "<html><body><form><label>Name <input name=q value=x></label>"
        "<select><option>one</option></select><textarea>t</textarea></form>"
        "<p>Text <b>bold</b></p></body></html>"
    )
    assert tree is not None
    elements = list(tree.iter())
    assert {el.tag for el in elements} >= {"form", "label", "input", "select", "textarea", "p"}
    assert all(type(el) is lxml.html.HtmlElement for el in elements)
    assert tree.find(".//form").text_content() == "Name onet"
    tree.find(".//b").drop_tree()
    assert tree.find(".//p").text_content() == "Text "
