"""tracker.extract.cards.page_cards on a hand-made page: which boxes' texts count as cards."""

from __future__ import annotations

from lxml import html as lxml_html

from tracker.extract.cards import page_cards
from tracker.extract.figures import anchor_key

_TEASER = "<p>{} is the headline of another story here</p><a href='/x'>more</a>"


def test_page_cards_reads_class_and_id_words_case_blind() -> None:
    """A card word in the class or the id, in any case, between separators or the value's
    ends, marks a box with a link; the same class on many boxes marks each of them."""
    page = lxml_html.fromstring(
        "<html><body><article class='post related-article-layout'>"
        "<p>The article's own first paragraph, long enough to count.</p>"
        f"<div class='Box Related-Posts'>{_TEASER.format('One')}</div>"
        f"<div class='box' id='main_NEWSLETTER'>{_TEASER.format('Two')}</div>"
        f"<div class='card teasers'>{_TEASER.format('Three')}</div>"
        f"<div class='card teasers'>{_TEASER.format('Four')}</div>"
        # Not words of their own: "promotional", "unrelated".
        f"<div class='promotional'>{_TEASER.format('Five')}</div>"
        f"<div id='unrelated'>{_TEASER.format('Six')}</div>"
        # A card word but no link: text styled as a box.
        "<div class='cta'><p>Seven is a paragraph in a box with no link at all</p></div>"
        "</article></body></html>"
    )
    keys = page_cards(page)
    expected = {
        anchor_key(f"{n} is the headline of another story here")
        for n in ("One", "Two", "Three", "Four")
    }
    assert keys == expected
