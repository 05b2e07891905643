"""The Python matchers that stand in for trafilatura's XPath searches during the tracker's call
(tracker/extract/trafilatura_xpaths.py) find exactly the elements the XPath expressions find,
in the same order, and trafilatura gets its own expressions back afterwards."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import trafilatura.xpaths as x
from lxml import etree

from tracker.extract import extract_article
from tracker.extract import trafilatura_xpaths as tx

FIXTURES = Path(__file__).parent / "fixtures"
# Real pages of several publishers' layouts (tests/fixtures/*/SOURCES.md says where each is from).
PAGES = sorted(FIXTURES.glob("*/*.html.gz"))[::12]


def _all_matchers() -> list[tuple[str, Any, Any]]:
    """(name, trafilatura's XPath, the matcher standing in for it)."""
    import trafilatura.settings

    found = []
    for name, items in tx._replacements().items():
        if not isinstance(items, list):
            found.append((name, getattr(trafilatura.settings, name), items))
            continue
        for i, item in enumerate(items):
            if isinstance(item, tx._Matcher):
                found.append((f"{name}[{i}]", getattr(x, name)[i], item))
    return found


def _same(mine: list[Any], theirs: list[Any]) -> bool:
    return len(mine) == len(theirs) and all(a is b for a, b in zip(mine, theirs, strict=True))


def test_the_pinned_trafilatura_gets_the_matchers() -> None:
    import trafilatura

    assert trafilatura.__version__ == tx.TRAFILATURA_VERSION
    assert len(_all_matchers()) == 11


def test_edge_cases_of_the_xpath_semantics() -> None:
    """Attribute order for @id|@class, missing attributes, lists of comments, an h1 under an
    infinite-scroll box, the first match per parent ([1]) against the first in the page."""
    tree = lxml.html.document_fromstring(
        """<html><body>
        <div class="x" id="cookie-1"><p class="cookie">a</p></div>
        <div id="x" class="cookie-2">b</div>
        <div class="cookie-3" id="x">c</div>
        <span id="reply-1" class="r">d</span><span class="reply-2" id="r">e</span>
        <span id="hidden-1" style="color:red">f</span><span style="hidden" id="z">g</span>
        <p style="display: none">h</p><i aria-hidden="true">i</i><b class="comments-title">j</b>
        <ul id="comments">k</ul><ol class="comment-list">l</ol><ul id="disqus_thread">m</ul>
        <div id="disqus_thread">n</div><section class="infinite-scroll"><h1>o</h1></section>
        <aside id="infinite-scroll"><p>p</p></aside><div class="mvp-post-add-box"><h1>q</h1></div>
        <div class="elementor-share-buttons--x">r</div><p id="myTeaser">s</p>
        <p role="Navigation">t</p>
        <span class="wp-caption">u</span><div data-lp-replacement-content="">v</div>
        <main><div class="article-body"><div class="entry-content">w</div></div>
        <section class="post">x</section></main>
        <div class="content">y</div><article class="FullText">z</article>
        <div id="Main-Content">z</div><div class="mainbar">z</div>
        <div id="x" class="site-footer">footer</div><div class="x" id="footer">footer</div>
        <aside><footer>f</footer></aside><template>t</template><p class="Cookie-Banner">c</p>
        <div id="onetrust-x"><div class="footer"><footer>f</footer></div></div>
        </body></html>"""
    )
    converted = etree.fromstring(
        "<body><list class='comments-x'><item class='ad-x'>a</item></list>"
        "<item id='teaser'>b</item><list id='comment-3'>c</list></body>"
    )
    for name, xpath, matcher in _all_matchers():
        for root in (tree, tree.find("body"), converted):
            assert _same(matcher(root), list(xpath(root))), name


@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_matchers_find_what_the_xpaths_find_on_real_pages(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every matcher call of a real extraction, checked against trafilatura's expression on the
    very tree trafilatura hands it (raw, cleaned and converted trees)."""
    calls: list[str] = []
    call = tx._Matcher.__call__

    def checked(self: tx._Matcher, tree: Any) -> list[Any]:
        mine = call(self, tree)
        theirs = list(self.original(tree))
        assert _same(mine, theirs[:1] if self.mode == "first" else theirs), self.original.path
        calls.append(self.original.path)
        return mine

    monkeypatch.setattr(tx._Matcher, "__call__", checked)
    extract_article(gzip.decompress(path.read_bytes()), "https://example.org/")
    assert calls


def test_trafilatura_has_its_own_expressions_back_after_extraction() -> None:
    import importlib

    import trafilatura.settings

    baseline = importlib.import_module("trafilatura.baseline")
    basic_clean = baseline.BASIC_CLEAN_XPATH
    assert basic_clean is trafilatura.settings.BASIC_CLEAN_XPATH
    before = {name: list(getattr(x, name)) for name in tx._replacements() if hasattr(x, name)}
    extract_article(
        "<html><body><article><p>" + "Words here. " * 60 + "</p></article></body></html>", ""
    )
    for name, items in before.items():
        assert getattr(x, name) == items
        assert all(isinstance(item, etree.XPath) for item in items)
    assert baseline.BASIC_CLEAN_XPATH is basic_clean


def test_remembered_answers_are_the_answers_for_that_value(monkeypatch: pytest.MonkeyPatch) -> None:
    """The matchers' regex answers are remembered by attribute value: a value is never given
    another value's answer, also once the memo is full and starts afresh."""
    import re

    monkeypatch.setattr(tx, "_CACHE_MAX", 3)
    cached = tx._cached_search("(?:^| )ad-|sidebar")
    values = ["ad-slot", "x", "my sidebar", "ad", "head-ad-x", "a sidebar-right", "", "ad-"] * 3
    for value in values:
        expected = True if re.search("(?:^| )ad-|sidebar", value) else None
        assert cached(value) is expected, value


def test_trafilatura_and_lxml_are_their_own_again_after_extraction() -> None:
    """The cleaned tree made on demand and the serialised text_content() stand in only while
    the tracker's trafilatura call runs: trafilatura measured alone runs its own code."""
    import trafilatura.core
    import trafilatura.external

    prepare, rescue = trafilatura.core._prepare_tree, trafilatura.external.justext_rescue
    text_content = lxml.html.HtmlMixin.text_content
    extract_article(
        "<html><body><article><p>" + "Words here. " * 60 + "</p></article></body></html>", ""
    )
    assert trafilatura.core._prepare_tree is prepare
    assert trafilatura.external.justext_rescue is rescue
    assert lxml.html.HtmlMixin.text_content is text_content


@pytest.mark.parametrize("path", PAGES[:4], ids=lambda p: p.name)
def test_the_cleaned_tree_made_on_demand_is_trafilaturas_backup(path: Path) -> None:
    """The tree justext reads, cleaned when it runs, is the one trafilatura's _prepare_tree
    copies for it on every page."""
    from copy import copy

    from trafilatura.core import _prepare_tree
    from trafilatura.settings import Extractor

    from tracker.extract.body import _CleanedOnDemand

    tree = lxml.html.document_fromstring(gzip.decompress(path.read_bytes()))
    options = Extractor(comments=False, tables=True, links=True, formatting=True, images=False)
    _, backup = _prepare_tree(copy(tree), options, None)
    on_demand = _CleanedOnDemand(copy(tree), options).tree()
    assert etree.tostring(on_demand) == etree.tostring(backup)


@pytest.mark.parametrize("path", PAGES[:4], ids=lambda p: p.name)
def test_text_of_is_text_content(path: Path) -> None:
    from tracker.extract.nearby import text_of

    tree = lxml.html.document_fromstring(gzip.decompress(path.read_bytes()))
    elements = [el for el in tree.iter() if isinstance(el.tag, str)]
    assert elements
    assert all(text_of(el) == el.text_content() for el in elements)
