"""Is this page an article? Listing, collection, product, service and home pages are not.

A crawl given a category page, a shop page or a home page must not write it as an article. The
check reads signals from the page before the body extractor prunes it (``page_signals``), then
decides with the extracted body in hand (``classify_page``):

- what the page says it is: schema.org types in JSON-LD or microdata (Product with offers,
  CollectionPage, ItemList, SearchResultsPage, Service, against NewsArticle/BlogPosting and
  relatives), ``og:type`` (``product``, ``product.group`` against ``article``), a publication
  date in the metadata or a dateline by the headline, a byline (not a teaser card's author,
  not a sentence taken for a name); a page with none of these and no date anywhere leans
  against an article;
- the URL: the site's root, shop and catalogue paths (``/products/``, ``/collections/``,
  ``/category/``, ``/tag/``), a section's front page (``/news``, ``/blog/``); against it, a
  date in the path or a headline as the last segment (articles);
- the layout: repeated cards (sibling elements of one kind that each hold a link with a
  headline-like text and a line or two, or a headline over an excerpt with a "Read more" or
  "Read the full review" link, or a dated, linked headline over an excerpt), many
  ``<article>`` or ``<time>`` elements (teasers), add-to-cart buttons, many prices;
- the text: how much prose the extracted body holds beside the cards' link text;
- on a page that nothing marks as an article (no article markup or address, no date in the
  metadata, no byline or dateline), the signs of a business's own page: calls to action
  ("Book now", "Get a quote"), the company's voice (we/our/us), a schema.org business or
  service or FAQPage, an address naming what is offered (``/services/…``,
  ``/graphic-design-course``), an enquiry or order form, two calls to hire the business ("Get a
  quote", "Schedule a call", "Book a demo"), a heading outside the site's chrome that sells it
  ("Our services", "Why choose …", "Who I work with", "What our clients say"); two of them make
  it a service page.
  Such a page that is also short and shows no date anywhere is no article either, nor one
  whose text holds almost no sentences (names, prices, labels: a catalogue). A date that only
  a JSON-LD WebPage gives (no Article type) is no date here: a CMS stamps one on every page.
  One of those signs counts too (half as much) beside other evidence against an article (a
  shop's or a listing's address, a collection's structured data); so does a body with no text
  to speak of (a page its scripts draw);
- a shop's address (``/product/…``) with an add-to-cart control (a button, or an element its
  class names so: a ``<div class="add-to-cart">``) is a thing for sale whatever
  ``article:published_time`` says (a shop's CMS stamps its products as it does its posts), and
  ``og:type`` product makes the hyphens of the address a product's name, not a headline.

``score_page`` gives the points behind a verdict (to see how close a page is to the threshold).

A false reject loses an article without the user ever seeing it, so the evidence against an
article must be strong and any strong sign of an article (an Article type in JSON-LD, a date in
the URL, a long body of prose) outweighs most of it. Everything here is a pure function.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from tracker.extract.jsonld import ARTICLE_TYPES
from tracker.extract.nearby import text_of

# JSON-LD types of pages that present many things, or one thing for sale or hire.
_COLLECTION_TYPES = frozenset(
    {"collectionpage", "itemlist", "searchresultspage", "offercatalog", "profilepage"}
)
_PRODUCT_TYPES = frozenset({"product", "productgroup", "productmodel", "individualproduct"})
_SERVICE_TYPES = frozenset({"service", "professionalservice", "financialproduct"})
_OFFER_TYPES = frozenset({"offer", "aggregateoffer"})
# Article-like types the jsonld layer does not treat as articles but that are articles here.
_ARTICLE_LIKE = (ARTICLE_TYPES - {"creativework"}) | {"review", "howto", "recipe", "qapage"}
_SHOP_PATH_RE = re.compile(
    r"/(?:products?|shop|store|collections?|catalog(?:ue)?|cat|c|browse|departments?)(?:/|$)",
    re.IGNORECASE,
)
_PRODUCT_PATH_RE = re.compile(r"/products?/[^/]+/?$", re.IGNORECASE)
_LISTING_PATH_RE = re.compile(
    r"/(?:category|categories|tags?|topics?|sections?|archives?|authors?|page/\d+)(?:/|$)",
    re.IGNORECASE,
)
# A post's address: /blog/how-to-plant-tomatoes, /news/2025-results-are-in, /articles/123-x-y.
_POST_PATH_RE = re.compile(
    r"/(?:blogs?|news|articles?|posts?|stories|story|insights?|guides?)/(?:[^/]+/)?"
    r"[^/]*\w+-\w+-\w+[^/]*/?$",
    re.IGNORECASE,
)
# A section's front page: /news, /blog/, /about/in-the-news/, /issues/, a newsroom's press
# releases and events, a business's reviews, testimonials and case studies.
_SECTION_PATH_RE = re.compile(
    r"/(?:news|blogs?|articles|stories|press|insights|resources|issues|in-the-news|latest|"
    r"all-latest-news(?:\.html)?|newsroom|press-releases|news-releases|events|announcements|"
    r"reviews|testimonials|case-studies|success-stories|webinars|podcasts|videos)/?$",
    re.IGNORECASE,
)
# A headline in the last segment of the address: five or more words joined by hyphens.
_SLUG_RE = re.compile(r"/[^/]*[^\W\d_]+(?:-[^/-]+){4,}/?$")
_URL_DATE_RE = re.compile(r"/(?:19|20)\d\d[/-](?:0?[1-9]|1[0-2])(?:[/-]|$)|/(?:19|20)\d{6}[/-]")
_CART_RE = re.compile(
    r"\badd to (?:cart|bag|basket|trolley)\b|\bin den warenkorb\b|\bajouter au panier\b|"
    r"\bañadir al carrito\b|\baggiungi al carrello\b|\bbuy now\b|\bcheckout\b",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"\w+")
_PRICE_RE = re.compile(r"[$€£]\s?\d[\d,.]*|\d[\d,.]*\s?(?:€|EUR\b|USD\b)")

# A card group: at least this many sibling elements of one tag and class that each hold a link
# whose text has at least CARD_LINK_WORDS words.
CARD_GROUP_MIN = 4
CARD_LINK_WORDS = 3
# A card is a teaser: a headline and a line or two, not a section of an article.
CARD_MAX_WORDS = 80
# ... or a linked, dated headline over an excerpt of a few lines (a blog's or a newsroom's
# listing), or a headline over such an excerpt ending in a "Read more" link (a review site's).
EXCERPT_CARD_MAX_WORDS = 200
# Body text below this many words with cards around it is a listing's blurbs, not an article.
SHORT_BODY_WORDS = 150
# Cards whose text adds up to this share of the extracted body: the body is their blurbs.
CARD_TEXT_SHARE = 0.6
# This many add-to-cart buttons: a shop page whatever else it shows.
CART_MANY = 5
# Cards holding at least this share of the body's words: nothing but cards.
CARDS_OVER_BODY = 0.9
# This many <article> or <time> elements: teasers of many articles.
TEASER_ARTICLES = 8
# This many prices beside other signs of a shop: a shop's page.
MANY_PRICES = 20
# A byline longer than this is a sentence taken for a name.
BYLINE_MAX_WORDS = 6
# Points against a page that shows no sign of an article at all.
UNDATED_POINTS = 1
# More of them when the page is short as well (fewer than SHORT_BODY_WORDS words).
SHORT_UNDATED_POINTS = 2
# A section's front page (/news, /blog/): a listing unless the page says it is an article.
SECTION_POINTS = 4
# A page that nothing marks as an article and that shows two signs of a business's page: this
# many calls to action, this share of we/our/us among the body's words, a schema.org business
# or service, no date anywhere.
CALLS_TO_ACTION = 5
COMPANY_VOICE = 0.012
# This many calls to action that ask to hire the business ("Get a quote", "Schedule a call").
HIRE_CALLS = 2
# A form with this many fields to fill in asks for an enquiry or an order.
ENQUIRY_FIELDS = 3
# A page that nothing marks as an article and whose text of SHORT_BODY_WORDS or more holds less
# than this share of its words in sentences (blocks of PROSE_BLOCK_WORDS words or more with a
# sentence's punctuation) is a catalogue's text, not a story: this many points.
FRAGMENTS_PROSE = 0.3
PROSE_BLOCK_WORDS = 15
FRAGMENTS_POINTS = 3
# One sign of a business's page (of the two that make a service page) on a page that nothing
# marks as an article: half the evidence needed, this many points.
SERVICE_SIGN_POINTS = 2
# ... beside at least this many points against it already.
SERVICE_SIGN_BESIDE = 2
# Fewer words than this in the extracted body: no text to speak of (a page its scripts draw;
# the crawl's validate pipeline writes no article under TRACKER_MIN_WORDS = 10 either).
NO_TEXT_WORDS = 10
# Evidence needed to reject, in points (see classify_page).
REJECT_SCORE = 4


@dataclass(frozen=True)
class PageSignals:
    """What the page says about itself and how it is laid out (see the module docstring)."""

    url_path: str = ""
    ld_types: frozenset[str] = frozenset()
    ld_offers: bool = False
    og_type: str = ""
    published_meta: bool = False
    cards: int = 0
    card_words: int = 0
    card_text_words: int = 0
    cart_buttons: int = 0
    # Elements whose class or name says they put something in the cart (a <div> styled as the
    # button, a WooCommerce or Shopify form's control), counted at a shop's address without
    # add-to-cart buttons only (the only place they count).
    cart_controls: int = 0
    # The signs of a business's page below are looked for only on a page that nothing marks as
    # an article (no article markup, post's address or metadata date): the only place they
    # count. Links and buttons outside the navigation that ask the reader to act ("Book now").
    calls_to_action: int = 0
    # ... of them, those that ask to hire the business: a quote, a consultation, a demo, a call.
    hire_calls: int = 0
    # Headings outside the site's chrome that sell the business ("Our services", "Why choose
    # us", "Who I work with", "What our clients say").
    business_headings: int = 0
    # Forms outside the navigation that ask for several details (an enquiry, an order, an
    # application); a search, login, newsletter or comment form is none.
    forms: int = 0
    prices: int = 0
    article_elements: int = 0
    time_elements: int = 0
    # The extracted authors whose names appear in a teaser card: a listing's bylines.
    card_bylines: frozenset[str] = frozenset()

    @property
    def ld_article(self) -> bool:
        return bool(self.ld_types & _ARTICLE_LIKE)


@dataclass(frozen=True)
class PageKind:
    """``kind`` is ``article`` or what the page is instead (``listing``, ``collection``,
    ``product``, ``service``, ``home``); ``detail`` says what it looks like, for a person."""

    kind: str = "article"
    detail: str = ""
    signals: tuple[str, ...] = field(default=(), compare=False)

    @property
    def is_article(self) -> bool:
        return self.kind == "article"


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type")
    names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return {str(v).rsplit("/", 1)[-1].lower() for v in names if isinstance(v, str)}


def page_signals(
    tree: etree._Element,
    url: str,
    ld_objects: Iterable[dict[str, Any]] = (),
    meta: dict[str, list[str]] | None = None,
    authors: Sequence[str] = (),
) -> PageSignals:
    """Read the signals from a parsed page; call before the body extractor prunes the tree.

    ``ld_objects`` are the page's JSON-LD objects (tracker.extract.jsonld.jsonld_objects) and
    ``meta`` its meta tags (tracker.extract.meta.collect_meta), when the caller has them;
    ``authors`` the names extraction found (a name printed in a teaser card is no byline)."""
    types: set[str] = set()
    offers = published = False
    for obj in ld_objects:
        found = _types(obj)
        types |= found
        if found & _PRODUCT_TYPES and obj.get("offers"):
            offers = True
        if found & _ARTICLE_LIKE and obj.get("datePublished"):
            published = True
    # Microdata says the same as JSON-LD in attributes: the page's outermost items only (a
    # product card nested in an article's item is the article's business).
    for item in _TOP_ITEMS_XPATH(tree):
        found = {t.rstrip("/").rsplit("/", 1)[-1].lower() for t in item.get("itemtype").split()}
        types |= found
        if found & _PRODUCT_TYPES and _OFFERS_XPATH(item):
            offers = True
        if found & _ARTICLE_LIKE and _DATE_PUBLISHED_XPATH(item):
            published = True
    if types & _PRODUCT_TYPES and types & _OFFER_TYPES:
        # A shop's microdata may give the Offer as an item of its own beside the Product.
        offers = True
    meta = meta or {}
    og_type = (meta.get("og:type") or [""])[0].strip().lower()
    published = published or bool(meta.get("article:published_time"))
    cards, card_words, card_text_words, card_texts = _card_groups(tree)
    path = (urlsplit(url).path or "/") if url else ""
    card_bylines = frozenset(
        name for name in authors if name and any(name in text for text in card_texts)
    )
    # One walk finds the elements of the next signals, in document order (it was five: three
    # ``//body//...`` XPaths and two tag walks; 0.50 -> 0.25 CPU s on the 385 WCXB dev pages).
    elements = list(tree.iter("body", *_SIGNAL_TAGS))
    in_body = [el for el in _in_body(elements) if el.tag in _BODY_SIGNAL_TAGS]
    elements = [el for el in elements if el.tag != "body"]
    cart_buttons = _cart_buttons(el for el in elements if el.tag in _CART_TAGS)
    article_elements = sum(el.tag == "article" for el in in_body)
    time_elements = sum(el.tag == "time" for el in in_body)
    # The signs of a business's page (calls to action, enquiry forms, headings selling it) count
    # only on a page that nothing marks as an article (score_page): not looked for on a page
    # with article markup, a post's address, or a date in its metadata away from a shop's
    # address (a shop's CMS dates its products: no evidence of an article there).
    marked = (
        bool(types & _ARTICLE_LIKE)
        or (published and not _SHOP_PATH_RE.search(path))
        or bool(_URL_DATE_RE.search(path) or _POST_PATH_RE.search(path))
    )
    calls_to_action, hire_calls = (
        (0, 0) if marked else _calls_to_action(el for el in in_body if el.tag in _ACTION_TAGS)
    )
    # Prices count only beside another sign of a shop or a listing (classify_page), and
    # reading every text of the page costs: skip it for a page with none of those signs.
    shop_or_listing = (
        cards >= 2 * CARD_GROUP_MIN
        or cart_buttons
        or types & (_PRODUCT_TYPES | _COLLECTION_TYPES)
        or og_type.startswith("product")
        or max(article_elements, time_elements) >= TEASER_ARTICLES
        or _is_site_root(path)
        or _SHOP_PATH_RE.search(path)
        or _LISTING_PATH_RE.search(path)
        or _SECTION_PATH_RE.search(path)
    )
    return PageSignals(
        url_path=path,
        ld_types=frozenset(types),
        ld_offers=offers,
        og_type=og_type,
        published_meta=published,
        cards=cards,
        card_words=card_words,
        card_text_words=card_text_words,
        cart_buttons=cart_buttons,
        cart_controls=(
            _cart_controls(tree) if _SHOP_PATH_RE.search(path) and not cart_buttons else 0
        ),
        calls_to_action=calls_to_action,
        hire_calls=hire_calls,
        business_headings=0 if marked else _business_headings(tree),
        forms=0 if marked else _enquiry_forms(el for el in elements if el.tag == "form"),
        prices=_prices(tree) if shop_or_listing else 0,
        article_elements=article_elements,
        time_elements=time_elements,
        card_bylines=card_bylines,
    )


_READ_MORE_RE = re.compile(
    r"\W*(?:read|learn|see|find out|view) more\W*|\W*continue reading\W*|\W*read (?:the )?"
    r"(?:full |entire |whole )?(?:story|article|post|review)\W*",
    re.IGNORECASE,
)


def _read_more(element: etree._Element) -> bool:
    """Does the element hold a "Read more" link?"""
    return any(
        link.get("href") and _READ_MORE_RE.fullmatch(text_of(link)) for link in element.iter("a")
    )


def _heading_words(element: etree._Element) -> int:
    """Words of the element's first heading (a teaser's headline), 0 without one."""
    heading = next(element.iter(*_HEADINGS), None)
    return len(_WORD_RE.findall(text_of(heading))) if heading is not None else 0


def _is_linked_heading(link: etree._Element | None) -> bool:
    """Is a card's headline link (:func:`_headline_link`) a heading, or inside one: a teaser's
    headline over its excerpt?"""
    if link is None:
        return False
    in_heading = next(link.iterancestors(*_HEADINGS), None) is not None
    return in_heading or next(link.iter(*_HEADINGS), None) is not None


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# A date as teasers print it: "Dec 19, 2025", "19 December 2025", "12/19/2025", "2025-12-19".
_TEASER_DATE_RE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? (?:19|20)\d\d\b|"
    r"\b\d{1,2}\.? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? (?:19|20)\d\d\b|"
    r"\b\d{1,2}/\d{1,2}/(?:19|20)?\d\d\b|\b(?:19|20)\d\d-\d\d-\d\d\b",
    re.IGNORECASE,
)


def _dated(element: etree._Element, text: str) -> bool:
    """Does the element show a date (a <time> or a date in its text)?"""
    return next(element.iter("time"), None) is not None or bool(_TEASER_DATE_RE.search(text))


def _headline_link(element: etree._Element) -> tuple[etree._Element | None, int]:
    """The longest link inside an element (a card's headline link; the first of equals) and
    its words; (None, 0) without a link."""
    best, best_words = None, 0
    for link in element.iter("a"):
        if link.get("href"):
            words = len(_WORD_RE.findall(text_of(link)))
            if words > best_words:
                best, best_words = link, words
    return best, best_words


def _card_groups(tree: etree._Element) -> tuple[int, int, int, list[str]]:
    """(cards, words in their links, words in them, their texts): siblings of one tag and
    class that each hold a headline-like link, counted over every group of at least
    CARD_GROUP_MIN such siblings. Navigation menus (inside <nav>, <header>, <footer>) do not
    count."""
    body = next(tree.iter("body"), tree)
    cards = words = text_words = 0
    texts: list[str] = []
    # The XPath finds the parents of enough children that can be cards, outside navigation,
    # in C; only those are looked at here.
    for parent in _PARENTS_XPATH(body):
        groups: dict[tuple[str, str], list[etree._Element]] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag not in _NOT_CARD_TAGS:
                groups.setdefault((child.tag, child.get("class") or ""), []).append(child)
        for members in groups.values():
            if len(members) < CARD_GROUP_MIN:
                continue
            linked = [m for m in members if _has_link(m)]
            if len(linked) < CARD_GROUP_MIN:
                continue
            headed = []  # (link words, all words, text) of the members that are teasers
            for member in linked:
                headline, link_words = _headline_link(member)
                read_more = None  # (looked for only when needed: it walks the links again)
                if link_words < CARD_LINK_WORDS:
                    read_more = _read_more(member)
                    if read_more:
                        # A headline over an excerpt and a "Read more" link to the story.
                        link_words = _heading_words(member)
                if link_words >= CARD_LINK_WORDS:
                    text = text_of(member)
                    member_words = len(_WORD_RE.findall(text))
                    short = member_words <= CARD_MAX_WORDS
                    excerpt = (
                        not short
                        and member_words <= EXCERPT_CARD_MAX_WORDS
                        and (
                            (_is_linked_heading(headline) and _dated(member, text))
                            or (_read_more(member) if read_more is None else read_more)
                        )
                    )
                    if short or excerpt:
                        headed.append((link_words, member_words, text))
            if len(headed) >= CARD_GROUP_MIN:
                cards += len(headed)
                words += sum(n for n, _, _ in headed)
                text_words += sum(n for _, n, _ in headed)
                texts += [t for _, _, t in headed]
    return cards, words, text_words, texts


_NOT_CARD_PARENTS = ("nav", "header", "footer", "select", "table", "tbody", "head")
_NOT_CARD_TAGS = frozenset({"a", "p", "span", "br", "option", "script"})
# Elements with CARD_GROUP_MIN children that can be cards (a body of 50 paragraphs is no
# parent of cards: its children were grouped one by one in Python), not themselves one of
# _NOT_CARD_PARENTS, nor inside a menu, header or footer (_in_navigation).
_PARENTS_XPATH = etree.XPath(
    # ([*[n]]: the n-th child exists, cheaper in libxml2 than count(*) >= n.)
    f"descendant-or-self::*[*[{CARD_GROUP_MIN}]]"
    f"[not({' or '.join(f'self::{t}' for t in _NOT_CARD_PARENTS)})]"
    "[not(ancestor::nav or ancestor::header or ancestor::footer)]"
    f"[*[not({' or '.join(f'self::{t}' for t in sorted(_NOT_CARD_TAGS))})][{CARD_GROUP_MIN}]]"
)


def _has_link(element: etree._Element) -> bool:
    """Does the element hold a link (an <a> with an href) below it? (``find(".//a[@href]")``
    goes through lxml's ElementPath, in Python.)"""
    return any(a.get("href") is not None for a in element.iterdescendants("a"))


def _in_navigation(element: etree._Element) -> bool:
    return next(element.iterancestors("nav", "header", "footer"), None) is not None


_TOP_ITEMS_XPATH = etree.XPath("//*[@itemscope and @itemtype][not(ancestor::*[@itemscope])]")
_OFFERS_XPATH = etree.XPath(".//*[@itemprop='offers']")
_DATE_PUBLISHED_XPATH = etree.XPath(".//*[@itemprop='datePublished']")


def _in_body(elements: list[etree._Element]) -> list[etree._Element]:
    """The elements of a page's walk (in document order, its <body>s included) that are inside
    a <body>. A body's descendants come right after it in document order: with one body whose
    descendants include the last element, they are the elements after it."""
    bodies = [index for index, el in enumerate(elements) if el.tag == "body"]
    if len(bodies) == 1 and bodies[0] < len(elements) - 1:
        body = elements[bodies[0]]
        if any(parent is body for parent in elements[-1].iterancestors("body")):
            return elements[bodies[0] + 1 :]
    return [
        el
        for el in elements
        if el.tag != "body" and next(el.iterancestors("body"), None) is not None
    ]


# The elements page_signals reads: forms, buttons and inputs anywhere (_cart_buttons,
# _enquiry_forms); links, buttons, <article>s and <time>s inside the <body> (as "//body//a").
_CART_TAGS = frozenset({"button", "input", "form"})
_ACTION_TAGS = frozenset({"a", "button"})
_BODY_SIGNAL_TAGS = frozenset({"a", "button", "article", "time"})
_SIGNAL_TAGS = tuple(sorted(_CART_TAGS | _BODY_SIGNAL_TAGS))
_MONEY_MARKS = ("$", "€", "£", "EUR", "USD")


@functools.cache
def _money_text_xpath(marks: tuple[str, ...]) -> etree.XPath:
    """Visible texts holding one of these currency signs or codes (the cheap test first, then
    the ancestors)."""
    holds = " or ".join(f"contains(., '{mark}')" for mark in marks)
    return etree.XPath(
        f"//body//text()[{holds}][not(ancestor::script or ancestor::style or ancestor::noscript)]"
    )


def _prices(tree: etree._Element) -> int:
    """Prices shown on the page ("$12.99", "24,90 €"): a shop shows many.

    Every text of the page is in its text serialisation, so a sign or code absent from it is
    tested in none of them (every test on every text was most of the time; most pages hold
    only "$", 104 of 385 WCXB dev pages none)."""
    everything = text_of(tree)
    marks = tuple(mark for mark in _MONEY_MARKS if mark in everything)
    if not marks:
        return 0
    return sum(len(_PRICE_RE.findall(text)) for text in _money_text_xpath(marks)(tree))


def _calls_to_action(elements: Iterable[etree._Element]) -> tuple[int, int]:
    """Links and buttons (``elements``: the page body's, in document order) outside the site's
    navigation whose whole label asks the reader to act: "Book now", "Get a quote", "Enroll
    today", "Contact us"; and how many of those ask to hire the business ("Get a quote",
    "Schedule a call", "Book a demo", "Start your free trial")."""
    count = hire = 0
    for element in elements:
        label = text_of(element)
        if len(label) > _ACTION_MAX_CHARS:
            continue
        action = bool(_ACTION_RE.match(label))
        hiring = bool(_HIRE_RE.fullmatch(label))
        if (action or hiring) and not _in_navigation(element):
            count += action
            hire += hiring
    return count, hire


_ACTION_MAX_CHARS = 60
_ACTION_RE = re.compile(
    r"\W*(?:contact(?: us)?|get (?:a |an |your )?(?:free )?(?:quote|estimate|started|in touch)|"
    r"book(?: now| online| a \w+| an \w+| your \w+)?|enrol+(?: now| today)?|"
    r"apply(?: now| today)?|schedule (?:a |an |your )?\w+|request (?:a |an )?\w+|"
    r"free consultation|call (?:us|now|today)(?: \S+)?|sign up(?: now| today)?|"
    r"register(?: now| today)?|talk to (?:an? |our )?\w+|let'?s talk|start (?:now|today)|"
    r"buy now|shop now|join now)\W*$",
    re.IGNORECASE,
)


# A call to action that asks to hire the business (a subset of _ACTION_RE's labels): a quote, an
# estimate, a consultation, a demo, a call or a meeting, a free trial. "Contact us", "Apply now",
# "Sign up" are not: articles show them as often (a course's, a newsletter's).
# (Its spaces stand for any run of white space: a label's text is not normalised.)
_HIRE_RE = re.compile(
    (
        r"\W*(?:get (?:a |an |your )?(?:free |instant |custom )?"
        r"(?:quote|estimate|consultation|demo)|"
        r"(?:book|schedule|request) (?:a |an |your )?(?:free |discovery |strategy |intro )?"
        r"(?:consultation|call|appointment|demo|quote|estimate|meeting)|"
        r"talk to (?:an? |our )?(?:expert|specialist|advisor|adviser|consultant)|"
        r"start (?:your |a )?free trial)\W*"
    ).replace(" ", r"\s+"),
    re.IGNORECASE,
)
# Headings that sell the business whose page it is: what it offers, why choose it, whom it
# serves, what its clients say. ("Ready to get started?" closes many a company's blog post.)
_BUSINESS_HEADING_RE = re.compile(
    r"\W*(?:our (?:services|solutions|process|approach)|"
    r"(?:services|solutions) we (?:offer|provide)|what we (?:do|offer)|"
    r"why (?:choose|work with|hire) .*|how we (?:work|help|can help).*|"
    r"who (?:we|i) work with|testimonials?|"
    r"what (?:our |my )?(?:clients|customers|students|patients) (?:say|are saying).*|"
    r"client (?:reviews|testimonials|stories))\W*",
    re.IGNORECASE,
)
# A heading inside an element whose class or id says it is the site's chrome, not the page's
# content (a footer or sidebar not marked up as one).
_CHROME_RE = re.compile(r"footer|sidebar|menu|navbar|widget|header|modal|popup|cookie", re.I)
_HEADING_MAX_CHARS = 90


def _business_headings(tree: etree._Element) -> int:
    """Headings of the page's body that sell the business, outside the site's navigation,
    header, footer, sidebars and pop-ups."""
    count = 0
    body = next(tree.iter("body"), None)
    for heading in body.iter(*_HEADINGS) if body is not None else ():
        label = " ".join(text_of(heading).split())
        if len(label) > _HEADING_MAX_CHARS or not _BUSINESS_HEADING_RE.fullmatch(label):
            continue
        if not any(
            el.tag in _CHROME_TAGS
            or _CHROME_RE.search(f"{el.get('class') or ''} {el.get('id') or ''}")
            for el in heading.iterancestors()
        ):
            count += 1
    return count


_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})


def _enquiry_forms(forms: Iterable[etree._Element]) -> int:
    """Forms outside the navigation with at least ENQUIRY_FIELDS fields to fill in: a business
    asks for a name, an address, a message; a search, login, newsletter or comment form does
    not count."""
    count = 0
    for form in forms:
        names = " ".join(form.get(name) or "" for name in ("id", "class", "name", "action", "role"))
        if _NOT_ENQUIRY_RE.search(names) or _in_navigation(form):
            continue
        if len(_FIELDS_XPATH(form)) >= ENQUIRY_FIELDS:
            count += 1
    return count


_NOT_ENQUIRY_RE = re.compile(r"search|comment|login|log-in|sign-?in|subscribe|newsletter", re.I)
_FIELDS_XPATH = etree.XPath(
    ".//input[not(@type) or @type='text' or @type='email' or @type='tel' or @type='number' "
    "or @type='date']|.//textarea|.//select"
)


# Elements a shop's page names as its add-to-cart control ("add-to-cart", "add_to_cart_button",
# "addToBag"), in its own markup rather than its label.
# (The XPath's cheap substring test in C first, then the regular expression in Python.)
_CART_CANDIDATES_XPATH = etree.XPath(
    "//body//*[contains(@class, 'art') or contains(@class, 'ART') or contains(@class, 'ag') "
    "or contains(@class, 'AG') or contains(@class, 'asket') or contains(@name, 'art')]"
)
_CART_CLASS_RE = re.compile(r"add[-_ ]?to[-_ ]?(?:cart|bag|basket)", re.IGNORECASE)
_CART_NAME_RE = re.compile(r"add[-_]?to[-_]?cart", re.IGNORECASE)


def _cart_controls(tree: etree._Element) -> int:
    """Elements whose class or name says they put something in the cart."""
    return sum(
        1
        for el in _CART_CANDIDATES_XPATH(tree)
        if _CART_CLASS_RE.search(el.get("class") or "")
        or _CART_NAME_RE.fullmatch(el.get("name") or "")
    )


def _cart_buttons(elements: Iterable[etree._Element]) -> int:
    """Buttons and forms (``elements``: the page's buttons, inputs and forms) that put
    something in a shopping cart."""
    count = 0
    for el in elements:
        if el.tag == "form":
            if "cart" in (el.get("action") or "").lower():
                count += 1
            continue
        label = el.get("value") if el.tag == "input" else text_of(el)
        if label and _CART_RE.search(label):
            count += 1
    return count


def _bylines(signals: PageSignals, authors: Sequence[str]) -> list[str]:
    """The authors that sign this page: a person's or an organisation's name (a sentence taken
    for a name is none), not printed in one of the page's teaser cards (a listing names the
    authors of the stories it lists)."""
    return [
        name
        for name in authors
        if name
        and len(_WORD_RE.findall(name)) <= BYLINE_MAX_WORDS
        and name not in signals.card_bylines
    ]


# What a business offers, in its page's address: a folder (/services/tax/, /programs/mba) or the
# last word of the last segment (/data-analytics-services, /graphic-design-course).
_OFFER_PATH_RE = re.compile(
    r"/(?:services?|solutions?|programs?|programmes?|courses?|pricing|plans|packages?|"
    r"consulting|treatments?|membership)(?:/|$)|"
    r"-(?:services?|solutions|course|programme|packages?|pricing)/?$",
    re.IGNORECASE,
)
_VOICE_RE = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
_BUSINESS_TYPE_RE = re.compile(
    r"(?:localbusiness|store|service|agency|company|business|office|dentist|attorney|"
    r"restaurant|contractor|electrician|plumber)$"
)


_SENTENCE_END_RE = re.compile(r"[.!?:;][\"'”’)]?(?:\s|$)")


def _prose_share(body_text: str) -> float:
    """The share of the text's words in blocks that read as sentences: at least
    PROSE_BLOCK_WORDS words with a sentence's punctuation (or a long run of words), not a JSON
    or array literal."""
    total = prose = 0
    for block in body_text.splitlines():
        n = len(_WORD_RE.findall(block))
        total += n
        sentence = n >= PROSE_BLOCK_WORDS and (n >= 40 or _SENTENCE_END_RE.search(block))
        if sentence and not block.lstrip().startswith(("{", "[")):
            prose += n
    return prose / total if total else 0.0


def _service_signs(signals: PageSignals, body_text: str, words: int) -> list[str]:
    """What makes a page look like a business's page offering something: calls to action,
    the company's voice, a business or an FAQPage in its structured data, an address that
    names what is offered (``/services/…``, ``/graphic-design-course``)."""
    signs = []
    offer_path = _OFFER_PATH_RE.search(signals.url_path)
    if offer_path:
        signs.append(f"an address of an offer ({signals.url_path})")
    if signals.calls_to_action >= CALLS_TO_ACTION:
        signs.append(f"{signals.calls_to_action} calls to action")
    if words >= SHORT_BODY_WORDS:
        voice = len(_VOICE_RE.findall(body_text)) / words
        if voice >= COMPANY_VOICE:
            signs.append(f"we/our/us in {voice:.0%} of its words")
    if signals.forms:
        signs.append(f"{signals.forms} enquiry or order forms")
    if signals.hire_calls >= HIRE_CALLS:
        signs.append(f"{signals.hire_calls} calls to hire it")
    if signals.business_headings:
        signs.append("a heading selling the business")
    if "faqpage" in signals.ld_types:
        # Questions a customer asks, in structured data for search engines: a business's page
        # (no unmarked article of WCXB has one; marked articles do, and are not asked).
        signs.append("a schema.org FAQPage")
    business = sorted(t for t in signals.ld_types if _BUSINESS_TYPE_RE.search(t))
    if business:
        signs.append(f"a schema.org {business[0]}")
    return signs


def _is_site_root(path: str) -> bool:
    """Is the address's path the site's root? Without an address the page's place on its site
    is unknown (not its root)."""
    return bool(path) and path.strip("/") == ""


def score_page(
    signals: PageSignals,
    body_text: str | None,
    authors: Sequence[str] = (),
    *,
    published_layer: str = "",
) -> tuple[list[tuple[int, str, str]], int]:
    """The evidence classify_page weighs: (points, kind, what) against an article, and the
    points for one. A page is rejected when the points against it, less those for it, reach
    ``REJECT_SCORE`` (the margin of a page is that difference)."""
    words = len(_WORD_RE.findall(body_text or ""))
    path = signals.url_path
    root = _is_site_root(path)
    against: list[tuple[int, str, str]] = []  # (points, kind, what)
    types = signals.ld_types
    if types & _PRODUCT_TYPES and signals.ld_offers:
        against.append((3, "product", "a Product with offers in its structured data"))
    if signals.og_type.startswith("product"):
        kind = "collection" if "group" in signals.og_type else "product"
        against.append((3, kind, f"og:type {signals.og_type}"))
    if types & _COLLECTION_TYPES:
        named = sorted(types & _COLLECTION_TYPES)[0]
        against.append((2, "collection", f"a schema.org {named}"))
    if types & _SERVICE_TYPES and not types & _PRODUCT_TYPES:
        against.append((1, "service", "a schema.org Service"))
    if root:
        against.append((3, "home", "the site's home page"))
    elif _SHOP_PATH_RE.search(path):
        # /products/<name> is one thing for sale; /collections/…, /shop/ many.
        kind = "product" if _PRODUCT_PATH_RE.search(path) else "collection"
        against.append((2, kind, f"a shop path ({path})"))
    elif _LISTING_PATH_RE.search(path):
        against.append((2, "listing", f"a listing path ({path})"))
    if signals.cart_buttons:
        points = 3 if signals.cart_buttons >= CART_MANY else 2
        against.append((points, "product", f"{signals.cart_buttons} add-to-cart buttons"))
    # A shop's address with a control that fills its cart: a thing for sale. A shop's CMS stamps
    # its products with article:published_time as it does its posts: that date is no sign of an
    # article here (no article of WCXB or fundus at a shop's address has such a control).
    shop_item = bool(_SHOP_PATH_RE.search(path)) and bool(
        signals.cart_buttons or signals.cart_controls
    )
    if shop_item:
        kind = "product" if _PRODUCT_PATH_RE.search(path) else "collection"
        against.append((2, kind, "an add-to-cart control at a shop's address"))
    many_cards = signals.cards >= 2 * CARD_GROUP_MIN
    if many_cards and signals.card_text_words >= CARD_TEXT_SHARE * words:
        # Cards holding as much text as the whole extracted body: the body is their blurbs.
        points = 4 if signals.card_text_words >= CARDS_OVER_BODY * words else 3
        cards = f"{signals.cards} links to other pages in repeated cards"
        against.append((points, "listing", cards))
    teasers = max(signals.article_elements, signals.time_elements)
    if teasers >= TEASER_ARTICLES:
        # Each teaser of a listing is an <article> or shows a date; one point for either.
        what = "<article> elements" if teasers == signals.article_elements else "dates shown"
        against.append((1, "listing", f"{teasers} {what}"))
    section = bool(_SECTION_PATH_RE.search(path))
    if section:
        # No article of either WCXB half nor of the publisher fixtures lives at a section's
        # front page: only article markup or a publication date in the metadata outweighs it.
        against.append((SECTION_POINTS, "listing", f"a section's path ({path})"))
    if signals.prices >= MANY_PRICES and against:
        against.append((1, "product", f"{signals.prices} prices"))
    if words < SHORT_BODY_WORDS:
        against.append((1, "", f"{words} words of text"))

    evidence = 0  # points for an article
    if signals.ld_article:
        evidence += 4
    if signals.published_meta and not shop_item:
        evidence += 3
    if _URL_DATE_RE.search(path) or _POST_PATH_RE.search(path):
        evidence += 3
    elif (
        _SLUG_RE.search(path)
        and not _SHOP_PATH_RE.search(path)
        and not signals.og_type.startswith("product")
    ):
        # A headline in the address: /what-are-the-benefits-of-meditation (a thing for sale is
        # named by hyphens as well: /training/beginners-guide-to-open-source-development).
        evidence += 2
    if _bylines(signals, authors) and not signals.og_type.startswith("product") and not section:
        # A shop's page may name whoever wrote its copy; no article says og:type product. A
        # section's front page names the authors of the stories it lists.
        evidence += 2
    if published_layer == "text" and teasers < TEASER_ARTICLES:
        # A dateline by the headline; on a page of dated teasers it is the first teaser's date.
        evidence += 2
    if not evidence:
        # Nothing says article: no article markup or address, no date in the metadata, no
        # byline or dateline.
        service = _service_signs(signals, body_text or "", words)
        if len(service) >= 2:
            # Each sign alone is seen on undated guides; two together on none (WCXB dev).
            against.append((REJECT_SCORE, "service", ", ".join(service)))
        elif service and sum(points for points, _, _ in against) >= SERVICE_SIGN_BESIDE:
            # One sign beside other evidence against an article (a shop's or a listing's
            # address, a collection's structured data, og:type product; not a short text or
            # teasers alone): no unmarked article of WCXB or fundus shows one beside those.
            # (What the page is comes from that other evidence.)
            against.append((SERVICE_SIGN_POINTS, "", service[0]))
        if words < NO_TEXT_WORDS:
            against.append((1, "", "no text to speak of"))
        prose = _prose_share(body_text or "")
        if words >= SHORT_BODY_WORDS and prose < FRAGMENTS_PROSE:
            # Names, prices, buttons and labels: a catalogue's or a listing's text, not a story.
            what = f"{prose:.0%} of its text in sentences"
            against.append((FRAGMENTS_POINTS, "listing", what))
        # A date read from the JSON-LD here is a WebPage's (an Article's gives evidence): the
        # date a CMS stamps on every page, no sign of a story.
        undated = published_layer in ("", "jsonld")
        if undated and UNDATED_POINTS and against:
            # ... and no date anywhere.
            points = UNDATED_POINTS
            if words < SHORT_BODY_WORDS:
                # A few lines of text that nothing dates, signs or marks as an article: a
                # landing page's blurbs, not a story (no article of WCXB or fundus is one).
                points += SHORT_UNDATED_POINTS
            against.append((points, "", "no date, byline or article markup"))
        if published_layer and types & _PRODUCT_TYPES and signals.ld_offers:
            # A thing for sale (a date found somewhere in its page is no sign of an article).
            against.append((1, "product", "no byline, dateline or article markup"))
    return against, evidence


def classify_page(
    signals: PageSignals,
    body_text: str | None,
    authors: Sequence[str] = (),
    *,
    published_layer: str = "",
) -> PageKind:
    """Article or not, from the page's signals and the extracted body (see the module
    docstring). Evidence against an article scores points; signs of an article take points
    away; ``REJECT_SCORE`` points make the page something else. ``published_layer``: where
    extraction found the publication date (``text``: a dateline by the headline; empty: no
    date anywhere)."""
    against, evidence = score_page(signals, body_text, authors, published_layer=published_layer)
    if not against:
        return PageKind()
    score = sum(points for points, _, _ in against) - evidence
    reasons = tuple(what for _, _, what in against)
    if score < REJECT_SCORE:
        return PageKind("article", "", reasons)
    kinds: Counter[str] = Counter()
    for points, kind, _ in against:
        if kind:
            kinds[kind] += points
    kind = kinds.most_common(1)[0][0] if kinds else "listing"
    if kind == "product" and signals.cards >= 2 * CARD_GROUP_MIN:
        kind = "collection"  # many things for sale: a shop's category page
    elif kind == "listing" and signals.prices >= MANY_PRICES:
        kind = "collection"  # cards with prices: things for sale
    if _is_site_root(signals.url_path):
        kind = "home"  # whatever it lists, the site's root is its home page
    return PageKind(kind, f"{kind}: " + ", ".join(reasons), reasons)
