"""NASA article bodies on the real pages: the story is kept, the HDS boilerplate is not.

(Title, authors, published, tags and image are checked on the same pages by test_spiders_fixtures.)
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from parsel import Selector

from tracker.extract import extract_article
from tracker.spiders.nasa import NasaSpider

PAGES = sorted((Path(__file__).parent / "fixtures" / "nasa").glob("*.html.gz"))
BOILERPLATE = ("Explore More", "Last Updated", "Related Terms", "min read", "Share", "Editor")


@pytest.mark.parametrize("path", PAGES, ids=[p.name.split(".")[0][:40] for p in PAGES])
def test_body_is_the_story_without_boilerplate(path: Path) -> None:
    html = gzip.decompress(path.read_bytes()).decode("utf-8")
    page = Selector(text=html)
    url = page.css("meta[property='og:url']::attr(content)").get()
    assert url
    extraction = extract_article(html, url, rules=NasaSpider.site_rules())
    body = extraction.fields["body"]
    assert extraction.provenance["body"] == "selector"
    for phrase in BOILERPLATE:
        assert phrase not in body, phrase
    # Every paragraph of the page's own article text is in the body.
    # Compared as letters and digits only: <br>, <sup> and inline markup change only spacing.
    paragraphs = [
        re.sub(r"\W+", "", p.xpath("string()").get())
        for p in page.css("div.entry-content > p")
        if len(p.xpath("string()").get().split()) > 8
    ]
    assert paragraphs
    text = re.sub(r"\W+", "", extraction.fields["text"])
    for paragraph in paragraphs:
        assert paragraph in text
