"""Generic article body extraction: trafilatura's main-content finder, then our own cleaning.

trafilatura finds the article in the page; its XML result is turned into Markdown blocks
(markdown.py), and blocks that are furniture rather than article are dropped: the headline
repeated at the top, bylines and datelines, "read more" / "related" / newsletter / share lines,
"last updated" stamps, credits, pull quotes that repeat the text, and the author's box after
the text. When trafilatura finds nothing, readability-lxml gets a second try.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import lxml.html
from lxml import etree

from tracker.extract.markdown import Block, to_blocks

logger = logging.getLogger(__name__)

# Short lines that are page furniture, in the languages the tracker meets most.
_FURNITURE_RE = re.compile(
    r"^\W*(?:read (?:more|next|also)|related(?: articles| stories| content| coverage)?|"
    r"see also|more from|more on this|recommended(?: for you)?|share (?:this|on|via)|"
    r"follow us|sign up|subscribe|newsletter|advertisement|sponsored|"
    r"last updated|updated|published|first published|click here|"
    r"lesen sie (?:auch|mehr)|mehr zum thema|auch interessant|weiterlesen|anzeige|werbung|"
    r"zuletzt aktualisiert|aktualisiert am|lire aussi|à lire aussi|leer más|lee también|"
    r"te puede interesar|leggi anche|les også|läs även|les mer|"
    r"funda olunye udaba|"  # isiZulu "read another story" (Eyethu News)
    r"join (?:our|the) (?:commenting|conversation|discussion)|this is a breaking news|"
    r"get (?:\w+ ){0,4}in your inbox|you must (?:confirm|log ?in|sign in)|"
    r"please (?:log ?in|log ?out|sign in)|latest videos|"
    # Placeholders of embedded content that did not load, and skip links around it.
    r"externer? inhalt|external content|(?:inhalt|content) (?:nicht verfügbar|not available)|"
    r"skip (?:to|past|over)|jump to|zum inhalt springen|aller au contenu|přejít (?:před|za))\b"
    # Labels of embedded media ("WATCH | ...", "Listen: ...").
    r"|^\W*(?:watch|listen|video|audio|podcast)\s*[:|]",
    re.IGNORECASE,
)
# The label of a table of contents, a whole line: its entries are links to the headings (gone
# with the links), the label stayed behind (22 times on WCXB's 332 development pages, never in
# a reference text).
_TOC_LABEL_RE = re.compile(
    r"^\W*(?:table of contents|contents|on this page|"
    r"topics covered|content map|inhaltsverzeichnis|inhalt|sommaire|índice|indice|"
    r"contenido|innehåll|inhoud(?:sopgave)?|spis treści)\W*$",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(
    r"^(?:(?:written|posted|reviewed|edited|fact[- ]checked|medically reviewed) )?"
    r"(?:by|von|par|por|di|de|af|av)\s+\S+(?:\s+\S+){0,6}$",
    re.IGNORECASE,
)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A date on a line of its own above the text, maybe labelled: "January 31, 2024", "Posted on
# 15 Dec 2025", "Updated: Mar 3, 2025" (the digit share of the dateline rule misses them).
_DATE_LINE_RE = re.compile(
    r"^\W*(?:(?:posted|published|updated|last updated)(?: on)?:?\s*)?"
    rf"(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}})"
    r"\W*$",
    re.IGNORECASE,
)
_AGENCIES = (
    r"(?:getty ?images|afp|reuters|dpa|ap|imago(?: images)?|picture[ -]alliance|shutterstock|"
    r"istock(?:photo)?|keystone|ap photo|epa|anp|ntb|tt|efe|ansa|xinhua)"
)
# Image credits: "Photo: X", "© X", "Name/AFP via Getty Images", or an agency alone.
_CREDIT_RE = re.compile(
    r"^\W*(?:©|\(c\)|copyright\b|photo:|photos:|foto:|fotos:|bild:|image:|credit:|фото:|zdjęcie:|"
    r"quelle:|source:|fuente:|kuva:)|"
    rf"(?:/|\bvia\s)\s*{_AGENCIES}\W*$|^\W*{_AGENCIES}\W*$",
    re.IGNORECASE,
)
# A caption written as a paragraph: a short text closed by its photo credit ("The Sony
# mirrorless system. Photo by: 'Jane Doe'.", "... (Photo: Getty Images)").
_CREDIT_END_RE = re.compile(
    r"(?:^|[.!?]\s+|\()\W*(?:photo|image|picture|photograph)\s*(?:by|credit|courtesy(?: of)?)?"
    r"\s*:\s*['\"‘“]?[^\s.:][^.:]{0,50}\.?\)?\W*$",
    re.IGNORECASE,
)
CAPTION_MAX_WORDS = 40
_CREDIT_END_HINTS = ("photo", "image", "picture")
# Consent placeholders standing in for embedded content. Plain "privacy" or "third party" is
# not enough: articles about data protection use those words in prose.
_CONSENT_RE = re.compile(
    r"cookie|consent|datenschutz|privacy settings|privatsphäre|einwilligung|zustimmung|"
    r"externe[rn]? inhalt|external content|drittanbieter|third[- ]party content",
    re.IGNORECASE,
)
_CONSENT_ACTION_RE = re.compile(
    r"klick|click|aktivier|enable|laden|load|einstellung|setting|akzeptier|accept|zulassen|"
    r"allow|submit|agree",
    re.IGNORECASE,
)
_DIGIT_RE = re.compile(r"\d")
# Legal notices closing a page: disclaimers, disclosures, the publisher's legal entity, a
# notice about leaving the site. Only in the last LEGAL_TAIL_SHARE of the body's text: the
# article's own sentences about endorsements or advice sit earlier.
_LEGAL_RE = re.compile(
    r"\bfor (?:general )?(?:educational and )?informational purposes only\b|"
    r"\b(?:is )?not (?:meant |intended )?(?:to be )?(?:a )?substitute for (?:professional )?"
    r"(?:\w+ )?advice\b|"
    r"\bdoes not (?:necessarily )?constitute (?:an )?endorsement\b|"
    r"\b(?:views|opinions) expressed (?:\w+ ){1,6}(?:are (?:their|his|her|the author'?s?) own|"
    r"do not necessarily reflect)|"
    # No word boundary before "has": pages run the author's name into it ("Jane Doehas no").
    r"has no position in any of the stocks\b|\ban independent licensee of\b|"
    r"\b(?:you are|you're) (?:now )?leaving (?:this|our) (?:web)?site\b|"
    r"\bforward-looking statements\b|^\W*(?:copyright )?© ?(?:\d{4}|copyright)\b|"
    r"\bis provided as a service of\b|\bmay (?:earn|receive) (?:a )?(?:small )?(?:financial )?"
    r"(?:commission|compensation)\b|\bnot (?:be )?(?:construed|considered|intended) as "
    r"(?:\w+ )?(?:legal|financial|medical|tax|investment|professional) advice\b|"
    # Affiliate disclosures: "We earn commissions from links on our site", "X is supported by
    # commissions from providers listed on our site", "We may be compensated when you click".
    r"\bwe earn (?:a )?(?:small )?commissions? (?:from|on|through)\b|"
    r"\bsupported by commissions\b|\bmay be compensated\b|"
    # Consent small print of a sign-up or contact form: "Reply STOP to opt out", "By
    # submitting this form, I agree that X may contact me ...".
    r"\breply stop\b|\bmessage and data rates may apply\b|\bsubmitting this form\b|"
    r"\bi (?:agree|consent) (?:that|to)\b.{0,80}\b(?:contact|call|text|e-?mail) me\b",
    re.IGNORECASE,
)
_LEGAL_HINTS = (
    "purposes only",
    "substitute",
    "endorsement",
    "expressed",
    "position in any",
    "licensee",
    "leaving",
    "forward-looking",
    "©",
    "as a service of",
    "may earn",
    "may receive",
    " as ",
    "commission",
    "compensated",
    "reply stop",
    "data rates",
    "submitting this form",
    "i agree",
    "i consent",
)
# The notice and what follows it are at most this share of the body's text.
LEGAL_TAIL_SHARE = 0.25
# An affiliate or advertiser disclosure opening the page sits in this first share of the text.
LEGAL_HEAD_SHARE = 0.15
_AFFILIATE_RE = re.compile(r"commission|compensat", re.IGNORECASE)
LEGAL_MAX_WORDS = 160
# Reading-time labels: "3 min read", "Lesezeit: 4 Min.", "5 minutes de lecture".
_READ_TIME_RE = re.compile(
    r"^\W*(?:lesezeit:?\s*)?\d+\s*(?:min(?:ute)?s?|min\.)\s*"
    r"(?:read|reading|lesezeit|de lecture|de lectura|di lettura)?\W*$",
    re.IGNORECASE,
)
# Template markers left in by the publisher's CMS ("$$ARTICLEAD$$", "{{ad}}", "%%AD%%").
_PLACEHOLDER_RE = re.compile(r"^\s*(?:\$\$\w+\$\$|\{\{[^}]*\}\}|%%\w+%%|\[\[\w+\]\])\s*$")
# Labels that open the page's furniture after the article: everything from them on is cut.
_SECTION_END_RE = re.compile(
    r"^\W*(?:popular|most (?:read|popular|viewed|shared|watched)|related(?: \w+)?|"
    r"more (?:from|on|in|stories|news|articles|to read)\b.*|recommended(?: \w+){0,2}|"
    r"you (?:may|might) (?:also )?(?:like|enjoy)|read next|up next|trending(?: now)?|"
    r"top stories|latest(?: \w+){0,3}|further reading|also read|editor'?s picks|"
    r"comments?|join the conversation|meistgelesen|meist gelesen|mehr zum thema|"
    r"das könnte sie auch interessieren|auch interessant|weitere artikel|mehr aus .*|"
    r"empfehlungen|kommentare|le plus lu|les plus lus|lo más leído|más noticias|"
    r"noticias relacionadas|i più letti|mest lest|mest läst|mest læste|quellen?|sources?|"
    r"weiterführende links|beiträge aus dem forum|"
    # Source lists, more-articles rails and author boxes closing blogs and company pages.
    r"article sources|recent (?:articles|posts)|explore more|about the author|written by|"
    r"関連キーワード|おすすめ情報|関連記事|あわせて読みたい|関連ニュース|"
    r"관련\s?기사|相关新闻|相关阅读|相關新聞)\W*$",
    re.IGNORECASE,
)
SECTION_END_MIN_POSITION = 0.5
PULL_QUOTE_REPEATED_SHARE = 0.6
SEPARATOR_CUT_POSITION = 0.85
_ALNUM_RE = re.compile(r"[^\W_]")
# A paragraph this long is article prose, not a teaser's blurb.
PROSE_MIN_WORDS = 30
CONSENT_MAX_WORDS = 60
# Paywall, inbox and affiliate notices: promotions in any short block (CONSENT_MAX_WORDS).
_PROMO_RE = re.compile(
    r"会員限定|有料会員|会員登録|nur für abonnenten|für abonnenten|jetzt abonnieren|"
    r"subscribers? only|for subscribers|already a subscriber|"
    r"réservé aux abonnés|exclusivo para suscriptores|riservato agli abbonati|"
    r"link zum (?:youtube|twitter|x|instagram|tiktok)[- ]inhalt|"
    r"\b(?:in|to) your inbox\b|\benter(?:ing)? your e-?mail\b|\bihr(?:em)? (?:\w+ )?postfach\b|"
    r"\bvotre boîte (?:mail|de réception)\b|\btu bandeja de entrada\b|"
    r"\bjoin (?:thought-provoking )?conversations\b|"
    r"\baffiliate[- ]links?\b|\bbreaking news? story\b|"
    # Appeals for money or sign-ups that close a post.
    r"\bbecome a (?:paid )?(?:subscriber|member)\b|\bwe need your help\b|"
    r"\bsupport (?:our|independent) (?:mission|journalism)\b|\breceive notifications\b|"
    # Invitations to follow the author or the site ("Follow me on Instagram", "Follow on
    # social media: TikTok || Instagram").
    r"\bfollow (?:(?:me|us) (?:on )?(?:instagram|facebook|tiktok|twitter|youtube|pinterest|"
    r"linkedin|social media)|on social media)\b",
    re.IGNORECASE,
)
# A call to sign up for a newsletter or mailing list: a promotion in a block of at most
# CALL_TO_ACTION_MAX_WORDS. Prose that only mentions newsletters or signing up for something
# (an article about newsletters, "customers can sign up for the loyalty programme") stays.
_CALL_TO_ACTION_RE = re.compile(
    r"\b(?:sign(?:ing)? up|subscrib\w*|join|register|unlock|get)\b"
    r"(?=.*\b(?:newsletters?|mailing list|e-?mail list|e-?mail updates)\b)"
    r"|^\W*subscribe\b|\bsubscribe (?:now|here|today)\b|^\W*continue reading\W*$",
    re.IGNORECASE,
)
CALL_TO_ACTION_MAX_WORDS = 30
# A form's own messages and prompts left in the page's HTML: Webflow's default "Thank you! Your
# submission has been received!" / "Oops! Something went wrong while submitting the form.",
# a contact form's confirmation, a rating or pin prompt (blocks of CONSENT_MAX_WORDS at most).
_FORM_MESSAGE_RE = re.compile(
    r"\byour submission has been received\b|\bsomething went wrong while submitting\b|"
    r"\byour (?:e-?mail|message|request) has been sent\b|\bwe will get back to you soon\b|"
    r"^\W*rate this (?:article|post)\W*$|\bpin it for later\b",
    re.IGNORECASE,
)
_FORM_MESSAGE_HINTS = ("submi", "has been sent", "get back to you", "rate this", "pin it")
# articleBody use: replace the extraction when it is shorter than this share of articleBody;
# filter by it when the extraction covers this share of its shingles, keeping blocks with at
# least this share of their shingles in it.
REFERENCE_REPLACE_RATIO = 0.5
REFERENCE_MIN_COVERAGE = 0.8
REFERENCE_MIN_BLOCK_SHARE = 0.3
# ... and only when articleBody is at least this share of the extraction's length.
REFERENCE_MIN_SIZE = 0.7
# Link text share above which a block is navigation or a teaser, not prose. Prose paragraphs
# can be mostly link (a sentence quoting another story); teasers are links through and through.
LINK_DENSITY_LIMITS = {"list": 0.5, "paragraph": 0.8, "heading": 0.9, "table": 0.9}
# A linked heading followed by this much prose heads a section of a list article ("9. Thrive
# Internet Marketing Agency" linking to the agency); a teaser's headline has a short blurb.
LINKED_HEADING_PROSE_WORDS = 40
# ... and is numbered ("9. Thrive ...") or a name of at most this many words: a linked headline
# in the middle of a news story (another story's) is a sentence.
LINKED_HEADING_MAX_WORDS = 8
NUMBERED_RE = re.compile(r"^\W*\d{1,3}[.):]\s")
# Repeats of paragraphs shorter than this are labels, kept (see clean_blocks).
REPEAT_MIN_WORDS = 8
_WORD_RE = re.compile(r"\w+")
FURNITURE_MAX_WORDS = 12
TRIM_TRAILING_LABELS = True
TRAILING_LABEL_MAX_WORDS = 8
_SENTENCE_ENDS = (".", "!", "?", '"', "”", ")", "»", "。")


def norm_text(text: str) -> str:
    """The words of a text, case-folded and NFKC-normalised, one space apart."""
    return " ".join(_WORD_RE.findall(unicodedata.normalize("NFKC", text).casefold()))


def is_furniture_label(text: str) -> bool:
    """Whether a short line is page furniture ("Read more", "Related", a photo credit, the
    label of a table of contents)."""
    return bool(_FURNITURE_RE.match(text) or _CREDIT_RE.search(text) or _TOC_LABEL_RE.match(text))


def _shingle_set(text: str, n: int = 4) -> set[tuple[str, ...]]:
    toks = _WORD_RE.findall(text.casefold())
    if len(toks) < n:
        return {tuple(toks)} if toks else set()
    return {tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)}


def clean_blocks(
    blocks: list[Block],
    title: str | Sequence[str] | None = None,
    authors: Sequence[str] = (),
    dropped: list[tuple[Block, str]] | None = None,
) -> list[Block]:
    """Drop furniture blocks from an extracted body (see the module docstring).

    ``title`` is the headline, or every headline the page gives (JSON-LD, og:title, <h1>):
    a repeat of any of them at the top of the body goes. ``authors`` help find the author's
    biography box after the text. ``dropped``, when given, receives each dropped block with
    the name of the rule that dropped it (for debugging and the tests).
    """
    drops: list[tuple[Block, str]] = dropped if dropped is not None else []
    titles = [title] if isinstance(title, str) else list(title or [])
    title_norms = {n for n in (norm_text(t) for t in titles if t) if n}
    before = blocks
    blocks = _cut_trailing_sections(blocks)
    if dropped is not None and len(blocks) < len(before):
        kept_ids = {id(b) for b in blocks}
        drops.extend((b, "trailing_section") for b in before if id(b) not in kept_ids)
    kept: list[Block] = []
    norms: dict[int, str] = {}  # id(block) -> normalised text, computed once
    for index, block in enumerate(blocks):
        if block.kind == "image":
            kept.append(block)
            continue
        norm = norms[id(block)] = norm_text(block.text)
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        # An ASCII text's words are its normalised form's (NFKC and case folding change no
        # ASCII character's class): their count is read off the spaces between them.
        words = (norm.count(" ") + 1 if norm else 0) if block.text.isascii() else None
        reason = _drop_reason(block, index, norm, title_norms, following, words)
        if reason:
            drops.append((block, reason))
        else:
            kept.append(block)

    # Identical blocks (a teaser repeated as the first paragraph, doubled captions).
    # A caption that repeats a paragraph goes, not the paragraph (captions stay out of text).
    # Short labels repeat on purpose in structured text ("Pricing:", "Team size: 11-50" once
    # per item of a list article): only sentences are duplicates.
    prose = {norms[id(b)] for b in kept if b.kind not in ("image", "caption")}
    seen: set[str] = set()
    unique: list[Block] = []
    for block in kept:
        key = norms.get(id(block), "")
        if block.kind == "caption" and key in prose:
            drops.append((block, "caption_repeats_text"))
            continue
        if (
            block.kind != "image"
            and key in seen
            and (
                block.kind not in ("paragraph", "list", "heading")
                or _word_count(block.text) >= REPEAT_MIN_WORDS
            )
        ):
            drops.append((block, "repeated"))
            continue
        seen.add(key)
        unique.append(block)

    result = _drop_pull_quotes(unique, drops)
    result = _drop_sibling_lists(result, drops)
    result = _drop_author_bios(result, authors, drops)
    result = _cut_author_box(result, authors, drops)
    result = _drop_author_box_before_text(result, authors, drops)
    result = _cut_legal_notice(result, drops)
    # Blocks left dangling after the text: images and captions (usually the next story's
    # teaser), headings with nothing under them, and short unpunctuated labels.
    while result and _is_dangling(result[-1]):
        drops.append((result.pop(), "dangling"))
    return result


# A run of at least SIBLING_RUN_MIN short lines opening with the same SIBLING_PREFIX_WORDS
# words, in the second half of the body, lists the site's sibling pages ("Average Costs for
# Cleaning Services in Austin", "... in Boston", ...) whose links are gone.
SIBLING_RUN_MIN = 5
SIBLING_PREFIX_WORDS = 3
SIBLING_MAX_WORDS = 14
SIBLING_MAX_CHARS = 160


def _sibling_key(block: Block) -> tuple[str, ...] | None:
    if block.kind not in ("paragraph", "heading"):
        return None
    text = block.text.rstrip()
    if len(text) > SIBLING_MAX_CHARS or text.endswith(_SENTENCE_ENDS):
        return None
    words = _WORD_RE.findall(text.casefold())
    if len(words) > SIBLING_MAX_WORDS:
        return None
    return tuple(words[:SIBLING_PREFIX_WORDS]) if len(words) > SIBLING_PREFIX_WORDS else None


def _drop_sibling_lists(blocks: list[Block], drops: list[tuple[Block, str]]) -> list[Block]:
    """Drop runs of short lines that repeat one opening, after the middle of the body (the
    site's list of sibling pages, see SIBLING_RUN_MIN). Numbered steps or a list article's
    items have prose between them, or end in sentences."""
    total = text_length(blocks)
    keys = [_sibling_key(b) for b in blocks]
    marked: set[int] = set()
    seen = 0
    index = 0
    while index < len(blocks):
        end = index + 1
        if keys[index] is not None:
            while end < len(blocks) and keys[end] == keys[index]:
                end += 1
        if end - index >= SIBLING_RUN_MIN and seen >= SECTION_END_MIN_POSITION * total:
            marked.update(range(index, end))
        for block in blocks[index:end]:
            if block.kind not in ("image", "caption"):
                seen += len(block.text)
        index = end
    if not marked:
        return blocks
    drops.extend((b, "sibling_list") for i, b in enumerate(blocks) if i in marked)
    return [b for i, b in enumerate(blocks) if i not in marked]


def _cut_legal_notice(blocks: list[Block], drops: list[tuple[Block, str]]) -> list[Block]:
    """Drop legal notices (disclaimer, disclosure, the publisher's legal entity) late in the
    body: from the first of them to the end when what follows is shorter than the notices
    (more of the site's small print), else the notices alone (an FAQ after a disclaimer
    stays). Notices opening the body go too (_drop_opening_notices)."""
    total = text_length(blocks)
    if not total:
        return blocks
    blocks = _drop_opening_notices(blocks, total, drops)
    rest = 0
    legal: list[int] = []
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        rest += len(block.text)
        if rest > LEGAL_TAIL_SHARE * total:
            break
        if _is_legal_notice(block):
            legal.append(index)
    if not legal or min(legal) == 0:
        return blocks
    first = min(legal)
    marked = set(legal)
    notices = sum(len(blocks[i].text) for i in marked)
    after = sum(len(b.text) for i, b in enumerate(blocks) if i > first and i not in marked)
    if after <= notices:
        marked = set(range(first, len(blocks)))
    drops.extend((b, "legal_notice") for i, b in enumerate(blocks) if i in marked)
    return [b for i, b in enumerate(blocks) if i not in marked]


def _drop_opening_notices(
    blocks: list[Block], total: int, drops: list[tuple[Block, str]]
) -> list[Block]:
    """Drop the affiliate or advertiser disclosure ("If you purchase through our links, we
    may earn a commission") that review sites put under the headline, in the first
    LEGAL_HEAD_SHARE of the text. Other notices there (a directory's "inclusion does not
    constitute endorsement") introduce the text and stay."""
    seen = 0
    out: list[Block] = []
    for index, block in enumerate(blocks):
        if seen >= LEGAL_HEAD_SHARE * total:
            return out + blocks[index:]
        if block.kind not in ("image", "caption"):
            seen += len(block.text)
        if _AFFILIATE_RE.search(block.text) and _is_legal_notice(block):
            drops.append((block, "legal_notice"))
            continue
        out.append(block)
    return out


def _is_legal_notice(block: Block) -> bool:
    # The cheap tests first: the kind, the hints' substrings, the length, then the pattern.
    if block.kind not in ("paragraph", "caption"):
        return False
    low = block.text.casefold()
    return (
        any(h in low for h in _LEGAL_HINTS)
        and _word_count(block.text) <= LEGAL_MAX_WORDS
        and _LEGAL_RE.search(block.text) is not None
    )


def _word_count(text: str) -> int:
    return len(_WORD_RE.findall(text))


def _heads_prose(block: Block) -> bool:
    """Whether a block under a heading is a section's prose (not a teaser's blurb)."""
    return (
        block.kind in ("paragraph", "list")
        and _word_count(block.text) >= LINKED_HEADING_PROSE_WORDS
        and block.link_density <= 0.5
    )


# A short line that is all link, with no label ("Read more:") and no sentence end, over a
# section's prose: a subheading written as a paragraph ("[Twilio to acquire Stytch]" over the
# deal's story in a round-up). A teaser's linked headline has a short blurb, or none, under it.
_LABEL_RE = re.compile(r"^[^:]{0,30}:\s")


def _is_linked_subheading(block: Block, following: Block | None) -> bool:
    return (
        block.kind == "paragraph"
        and following is not None
        and _heads_prose(following)
        and _word_count(block.text) <= LINKED_HEADING_MAX_WORDS
        and not block.text.rstrip().endswith(_SENTENCE_ENDS)
        and not _LABEL_RE.match(block.text)
    )


def _drop_reason(
    block: Block,
    index: int,
    norm: str,
    title_norms: set[str],
    following: Block | None = None,
    words: int | None = None,
) -> str | None:
    """Why a block (the ``index``-th of the body, ``following`` the next one) is furniture,
    or None to keep it. ``words``, when the caller has it, is ``_word_count(block.text)``."""
    if not norm:
        return "empty"
    text = block.text
    # The headline repeated at the top of the body (maybe with the site's name after it).
    if index < 4 and any(norm.startswith(t) and len(norm) < 1.5 * len(t) for t in title_norms):
        return "headline"
    # A reworded headline on top of the text (the page's <h1> beside a different og:title).
    if (
        index < 2
        and block.kind == "heading"
        and any(_word_overlap(norm, t) >= HEADLINE_OVERLAP for t in title_norms)
    ):
        return "headline_reworded"
    if (
        block.link_density > LINK_DENSITY_LIMITS.get(block.kind, 1.0)
        and not (
            block.kind == "heading"
            and following is not None
            and (NUMBERED_RE.match(text) or _word_count(text) <= LINKED_HEADING_MAX_WORDS)
        )
        and not _is_linked_subheading(block, following)
    ):
        return "link_density"
    if _PLACEHOLDER_RE.match(text):
        return "placeholder"
    if block.kind in ("paragraph", "list") and _is_address_list(text):
        return "address_list"
    if words is None:
        words = _word_count(text)
    if words <= FURNITURE_MAX_WORDS and block.kind in ("paragraph", "heading", "caption"):
        if _FURNITURE_RE.match(text):
            return "furniture"
        if _TOC_LABEL_RE.match(text):
            return "contents_label"
        if _CREDIT_RE.search(text):
            return "credit"
        if _READ_TIME_RE.match(text):
            return "read_time"
        if index < 6 and _BYLINE_RE.match(text):
            return "byline"
        if index < 6 and _DATE_LINE_RE.match(text):
            return "dateline"
        # Datelines and time stamps ("Stand: 22.04.2024, 06:00 Uhr").
        letters = sum(len(t) for t in _WORD_RE.findall(text))
        if letters and len(_DIGIT_RE.findall(text)) / letters >= 0.5:
            return "dateline"
    if words > CONSENT_MAX_WORDS:
        return None
    low = text.casefold()
    if (
        words <= CAPTION_MAX_WORDS
        and block.kind in ("paragraph", "caption")
        and any(h in low for h in _CREDIT_END_HINTS)
        and _CREDIT_END_RE.search(text)
    ):
        return "caption_credit"
    if _is_promotion(text, words, low):
        return "promotion"
    if any(h in low for h in _FORM_MESSAGE_HINTS) and _FORM_MESSAGE_RE.search(text):
        return "form_message"
    return None


_BIO_ROLES = (
    r"journalist|reporter|correspondent|editor|writer|columnist|author|contributor|"
    r"redakteur(?:in)?|redaktor(?:in)?|reporterin|korrespondent(?:in)?|journaliste|"
    r"rédact(?:eur|rice)|periodista|redactor(?:a)?|giornalista|redattore"
)
_BIO_RE = re.compile(
    rf"\b(?:{_BIO_ROLES}|covers|has covered|has written|joined)\b",
    re.IGNORECASE,
)
# A presentation that opens with a name: "Jane Doe is a senior reporter who ...", "Max Muster
# ist Redakteur ...". The role comes within the first few words after the name.
_NAMED_BIO_RE = re.compile(
    r"^(?:[A-ZÀ-Þ][\w'’.-]+\s+){1,3}(?:is|was|ist|war|est|es|è)\s+"
    rf"(?:\S+\s+){{0,6}}?(?i:{_BIO_ROLES})\b",
)
BIO_MAX_WORDS = 80
NAMED_BIO_MAX_WORDS = 60
BIO_TAIL_SHARE = 0.3
BIO_HEAD_BLOCKS = 3


HEADLINE_OVERLAP = 0.5


def _word_overlap(a: str, b: str) -> float:
    """Jaccard similarity of the word sets of two normalised strings."""
    wa, wb = set(a.split()), set(b.split())
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def _drop_author_bios(
    blocks: list[Block], authors: Sequence[str], drops: list[tuple[Block, str]]
) -> list[Block]:
    """Drop short paragraphs that present the author ("X is a reporter who..."): at the end,
    one naming an author of the page beside a journalist's role, or one that opens with a
    name and a journalist's role whoever the page names as author; at the top (where some
    layouts put the author box), only one that opens with the name of an author of the page.
    A story's first lines about some other reporter stay."""
    surnames = {a.split()[-1].casefold() for a in authors if a and len(a.split()) >= 2}
    total = text_length(blocks)
    seen = 0
    out: list[Block] = []
    for index, block in enumerate(blocks):
        if block.kind not in ("image", "caption"):
            seen += len(block.text)
        # Only a paragraph in the tail, or near the top of a page naming its authors, is
        # read (its words counted, its opening matched): most paragraphs are neither.
        in_tail = seen >= (1 - BIO_TAIL_SHARE) * total
        if block.kind == "paragraph" and (in_tail or (index < BIO_HEAD_BLOCKS and surnames)):
            words = len(_WORD_RE.findall(block.text))
            named = words <= NAMED_BIO_MAX_WORDS and _NAMED_BIO_RE.match(block.text)
            if in_tail and (
                named
                or (
                    words <= BIO_MAX_WORDS
                    and surnames
                    and _BIO_RE.search(block.text)
                    and any(name in block.text.casefold() for name in surnames)
                )
            ):
                drops.append((block, "author_bio"))
                continue
            if (
                index < BIO_HEAD_BLOCKS
                and named
                and any(name in block.text.casefold()[:60] for name in surnames)
            ):
                drops.append((block, "author_bio"))
                continue
        out.append(block)
    return out


# The author box after an article: the author's name on a line of its own ("Jane Doe",
# "Written by Jane Doe") or a paragraph presenting them by name, whatever their trade ("Karina
# Cohen is the owner of CR Maids", "Joe is the co-founder and CEO of ..."), or in the first
# person ("Hi there! I'm Shivya"). On WCXB's development pages these boxes hold owners, CTOs,
# physicians and faculty as often as journalists, which _drop_author_bios leaves alone.
_BOX_VERBS = (
    r"is|was|has|had|holds|worked|works|joined|leads|writes|wrote|lives|brings|serves|"
    r"founded|co-founded|began|started|specializes|specialises|helps|loves"
)
_BOX_LABEL_RE = re.compile(
    r"^(?:written by|posted by|about the author:?|about)\s+(?P<name>.+?)\W*$", re.IGNORECASE
)
_PERSON_NAME_RE = re.compile(r"^[A-ZÀ-Þ][\w'’.-]+(?:\s+[A-ZÀ-Þ][\w'’.-]+){1,2}$")
_FIRST_PERSON_RE = re.compile(r"^(?:\W*\w+\W+){0,3}?(?:I'm|I’m|I am)\s+(?P<name>[A-ZÀ-Þ][\w'’-]+)")
AUTHOR_BOX_TAIL_SHARE = 0.3
AUTHOR_BOX_MAX_WORDS = 120
# The author box and whatever follows it, at most: more text after it is article, not a box.
AUTHOR_BOX_CUT_MAX_WORDS = 250


def _author_names(authors: Sequence[str]) -> list[tuple[str, str]]:
    """(full name, given name) of each person among the page's authors, casefolded."""
    names = []
    for value in authors:
        for part in re.split(r"\s*(?:,|&|\band\b|\bund\b)\s*", value or ""):
            words = part.split()
            # A person's name, title-cased ("Jane Doe"); not a brand ("QCY Official").
            if 2 <= len(words) <= 4 and all(w[:1].isupper() and not w.isupper() for w in words):
                names.append((" ".join(words).casefold(), words[0].casefold()))
    return names


def _presents(text: str, name: str) -> bool:
    """Whether ``text`` opens with ``name`` as the subject of a presentation."""
    low = text.casefold()
    if not low.startswith(name):
        return False
    rest = low[len(name) :]
    return re.match(rf"^\s+(?:\S+\s+)?(?:{_BOX_VERBS})\b", rest) is not None


def _opens_author_box(blocks: list[Block], index: int, names: list[tuple[str, str]]) -> bool:
    text = " ".join(blocks[index].text.split())
    # Past AUTHOR_BOX_MAX_WORDS words a block opens no box: the count, the costliest test
    # (the others are anchored matches), is made only for a block that would.
    return (
        _presents_author_box(blocks, index, names, text)
        and _word_count(text) <= AUTHOR_BOX_MAX_WORDS
    )


def _presents_author_box(
    blocks: list[Block], index: int, names: list[tuple[str, str]], text: str
) -> bool:
    """Whether the ``index``-th block (``text``, its whitespace collapsed) names or presents
    an author as an author box does, whatever its length."""
    label = _BOX_LABEL_RE.match(text)
    line = label.group("name") if label else text
    if _PERSON_NAME_RE.match(line):
        full = line.casefold()
        if any(full == known for known, _ in names):
            return True
        # A name the page does not give as its author's counts when labelled as the author
        # ("Written by ...") and the next paragraph presents the same person. A name alone
        # heads each person's section of articles about several people.
        if not label:
            return False
        given = full.split()[0]
        following = [b for b in blocks[index + 1 : index + 4] if b.kind == "paragraph"]
        return any(_presents(" ".join(b.text.split()), n) for b in following for n in (full, given))
    if blocks[index].kind != "paragraph":
        return False
    if any(_presents(text, full) or _presents(text, given) for full, given in names):
        return True
    first_person = _FIRST_PERSON_RE.match(text)
    return bool(
        first_person and any(first_person.group("name").casefold() == given for _, given in names)
    )


def _tail_start(blocks: list[Block]) -> int:
    """The index of the first block that starts in the last AUTHOR_BOX_TAIL_SHARE of the
    body's text (images and captions not counted), where an author box is looked for."""
    threshold = (1 - AUTHOR_BOX_TAIL_SHARE) * text_length(blocks)
    seen = 0
    for index, block in enumerate(blocks):
        if seen >= threshold:
            return index
        if block.kind not in ("image", "caption"):
            seen += len(block.text)
    return len(blocks)


def _cut_author_box(
    blocks: list[Block], authors: Sequence[str], drops: list[tuple[Block, str]]
) -> list[Block]:
    """Cut the body at the author box in its last part (see _BOX_VERBS), with what follows
    it when that is short (the box's links, a sign-up line)."""
    names = _author_names(authors)
    for index in range(_tail_start(blocks), len(blocks)):
        if blocks[index].kind not in ("paragraph", "heading"):
            continue
        if not _opens_author_box(blocks, index, names):
            continue
        rest = blocks[index:]
        if sum(_word_count(b.text) for b in rest) > AUTHOR_BOX_CUT_MAX_WORDS:
            continue
        drops.extend((b, "author_box") for b in rest)
        return blocks[:index]
    return blocks


# The label heading an author box ("About the author", "Who wrote this article?"): a heading
# of at most this many words.
AUTHOR_BOX_LABEL_MAX_WORDS = 6


def _drop_author_box_before_text(
    blocks: list[Block], authors: Sequence[str], drops: list[tuple[Block, str]]
) -> list[Block]:
    """Drop an author box in the last part of the body that more text follows (a FAQ after
    it: too long for _cut_author_box): a paragraph presenting an author of the page by name
    or in the first person, and the short heading right above it."""
    names = _author_names(authors)
    if not names:
        return blocks
    tail = _tail_start(blocks)
    out: list[Block] = []
    for index, block in enumerate(blocks):
        if block.kind == "paragraph" and index >= tail and _opens_author_box(blocks, index, names):
            drops.append((block, "author_box"))
            if (
                out
                and out[-1].kind == "heading"
                and _word_count(out[-1].text) <= AUTHOR_BOX_LABEL_MAX_WORDS
            ):
                drops.append((out.pop(), "author_box"))
            continue
        out.append(block)
    return out


# Substrings that must occur for the (slower) promotion and consent patterns to be tried.
_PROMO_HINTS = (
    "会員",
    "abonn",
    "subscri",
    "continue reading",
    "réservé",
    "exclusivo",
    "riservato",
    "link zum",
    "newsletter",
    "mailing list",
    "mail list",
    "mail updates",
    "inbox",
    "postfach",
    "boîte",
    "bandeja",
    "mail",
    "conversations",
    "affiliate",
    "breaking",
    "become a",
    "need your help",
    "support ",
    "notifications",
    "follow me",
    "follow us",
    "follow on",
)
_CONSENT_HINTS = (
    "cookie",
    "consent",
    "datenschutz",
    "privacy settings",
    "privatsph",
    "einwilligung",
    "zustimmung",
    "extern",
    "drittanbieter",
    "party content",
)


def _is_promotion(text: str, words: int, low: str | None = None) -> bool:
    """Newsletter/paywall/affiliate promotion or a consent placeholder (short blocks).
    ``low``, when the caller has it, is ``text.casefold()``."""
    if low is None:
        low = text.casefold()
    if any(h in low for h in _PROMO_HINTS):
        if _PROMO_RE.search(text):
            return True
        if words <= CALL_TO_ACTION_MAX_WORDS and _CALL_TO_ACTION_RE.search(text):
            return True
    return bool(
        any(h in low for h in _CONSENT_HINTS)
        and _CONSENT_RE.search(text)
        and _CONSENT_ACTION_RE.search(text)
    )


def _drop_pull_quotes(blocks: list[Block], drops: list[tuple[Block, str]]) -> list[Block]:
    """Drop quote blocks that mostly repeat sentences found elsewhere (pull quotes)."""
    if not any(b.kind == "quote" for b in blocks):
        return blocks
    counts: Counter[tuple[str, ...]] = Counter()
    shingles = [_shingle_set(b.text) for b in blocks]
    for s in shingles:
        counts.update(s)
    result: list[Block] = []
    for block, s in zip(blocks, shingles, strict=True):
        if block.kind == "quote" and len(s) >= 3:
            repeated = sum(1 for sh in s if counts[sh] > 1)
            if repeated / len(s) >= PULL_QUOTE_REPEATED_SHARE:
                for sh in s:
                    counts[sh] -= 1
                drops.append((block, "pull_quote"))
                continue
        result.append(block)
    return result


def _cut_trailing_sections(blocks: list[Block]) -> list[Block]:
    """Drop furniture opened by a "Most read" / "Related" / "Comments" label late in the text.

    Everything after the label goes when no prose paragraph follows; when prose does follow
    (a widget in the middle of the text), only the label and the short blocks under it go.
    """
    total = text_length(blocks)
    seen = 0
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if not _ALNUM_RE.search(block.text) and block.kind != "image":
            # A rule line ("___", "* * *"). One short note after it at the very end is the
            # contributors' line ("X reported from Y"); otherwise it is a scene break.
            rest = blocks[index + 1 :]
            if (
                total
                and seen >= SEPARATOR_CUT_POSITION * total
                and len(rest) <= 2
                and text_length(rest) < (1 - SEPARATOR_CUT_POSITION) * total
            ):
                return out
            index += 1
            continue
        if (
            total
            and seen >= SECTION_END_MIN_POSITION * total
            and block.kind in ("heading", "paragraph")
            and len(block.text) < 60
            and _SECTION_END_RE.match(block.text)
        ):
            rest = blocks[index + 1 :]
            if not any(_is_prose(b) for b in rest):
                return out
            index += 1
            while index < len(blocks) and not _is_prose(blocks[index]):
                index += 1
            continue
        out.append(block)
        if block.kind not in ("image", "caption"):
            seen += len(block.text)
        index += 1
    return out


def _is_prose(block: Block) -> bool:
    return (
        block.kind == "paragraph"
        and len(_WORD_RE.findall(block.text)) >= PROSE_MIN_WORDS
        and not _is_address_list(block.text)
    )


_ADDRESS_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)


def _is_address_list(text: str) -> bool:
    """Whether a text is web addresses and nothing else (a source list printed as bare URLs,
    whose many URL parts count as words)."""
    if text.lstrip()[:4].lower() not in ("http", "www."):
        return False  # the cheap test first: most blocks are not addresses
    tokens = text.split()
    return len(tokens) >= 2 and all(_ADDRESS_RE.match(t) for t in tokens)


def _is_dangling(block: Block) -> bool:
    if block.kind in ("image", "caption", "heading"):
        return True
    if block.kind != "paragraph" or not TRIM_TRAILING_LABELS:
        return False
    text = block.text.rstrip()
    words = len(_WORD_RE.findall(text))
    # Characters count too: a CJK sentence is one or two \w+ runs.
    return (
        words <= TRAILING_LABEL_MAX_WORDS
        and len(text) <= 10 * TRAILING_LABEL_MAX_WORDS
        and not text.endswith(_SENTENCE_ENDS)
    )


def _trafilatura_body(tree: etree._Element) -> etree._Element | None:
    """trafilatura's body XML for a tree it may modify, or None when it finds too little.

    This is what ``trafilatura.bare_extraction`` does, without its defensive copy of the input
    tree (a tenth of the extraction time): the caller hands over a tree it no longer needs.
    ``trafilatura_sequence`` is internal to trafilatura, which is why requirements.txt pins
    the version and tests/test_extract_body.py checks it still answers as expected.
    """
    from trafilatura.core import trafilatura_sequence
    from trafilatura.settings import Extractor

    from .trafilatura_xpaths import faster_xpaths

    options = Extractor(
        comments=False,
        tables=True,
        # Links are kept and resolved later, by markdown.py, only for links in the body.
        links=True,
        formatting=True,
        # Images change which parts trafilatura keeps, for the worse (F1 -0.01 on fundus).
        images=False,
    )
    with faster_xpaths(), _justext_input_on_demand(), _text_content_serialised():
        body, text, _, _ = trafilatura_sequence(tree, options, None)
    if len(text) < options.min_output_size:
        return None
    return body


@contextmanager
def _text_content_serialised() -> Iterator[None]:
    """While the block runs, lxml.html's ``text_content()`` of an element is
    :func:`tracker.extract.nearby.text_of` (the same string, without an XPath evaluation per
    call): trafilatura's link-density tests and readability ask it about 250,000 times over
    the 385 WCXB dev pages. Comments and processing instructions keep lxml's own."""
    import lxml.html

    from tracker.extract.nearby import text_of

    mixin: Any = lxml.html.HtmlMixin
    original = mixin.text_content

    def text_content(self: Any) -> str:
        if isinstance(self.tag, str):
            return text_of(self)
        return original(self)

    mixin.text_content = text_content
    try:
        yield
    finally:
        mixin.text_content = original


class _CleanedOnDemand:
    """Stands in for trafilatura's copy of the cleaned tree (``_prepare_tree``'s backup), which
    only its justext rescue reads: the same cleaning of a copy of the raw tree, done when
    justext runs (on 31 of the 385 WCXB dev pages) instead of a copy of every page's tree."""

    __slots__ = ("options", "raw")

    def __init__(self, raw: etree._Element, options: Any) -> None:
        self.raw = raw
        self.options = options

    def tree(self) -> etree._Element:
        from copy import copy

        from trafilatura.htmlprocessing import tree_cleaning

        return tree_cleaning(copy(self.raw), self.options)


@contextmanager
def _justext_input_on_demand() -> Iterator[None]:
    """While the block runs, trafilatura's ``_prepare_tree`` returns a :class:`_CleanedOnDemand`
    as its backup and ``justext_rescue`` (its only reader, through ``compare_extraction``)
    cleans the raw tree then. The raw tree is still as ``_prepare_tree`` saw it at that point:
    ``compare_extraction`` hands a copy of it to readability, and ``trafilatura_sequence``
    changes it nowhere. With comments on, trafilatura converts the backup itself: unchanged."""
    import trafilatura.core as core
    import trafilatura.external as external
    from trafilatura.htmlprocessing import convert_tags, tree_cleaning

    prepare, rescue = core._prepare_tree, external.justext_rescue

    def prepare_tree(tree: Any, options: Any, url: str | None) -> tuple[Any, Any]:
        if options.comments:
            return prepare(tree, options, url)
        from copy import copy

        cleaned = tree_cleaning(copy(tree), options)
        return convert_tags(cleaned, options, url), _CleanedOnDemand(tree, options)

    def justext_rescue(tree: Any, options: Any) -> tuple[Any, str]:
        if isinstance(tree, _CleanedOnDemand):
            tree = tree.tree()
        return rescue(tree, options)

    core._prepare_tree = prepare_tree
    external.justext_rescue = justext_rescue
    try:
        yield
    finally:
        core._prepare_tree, external.justext_rescue = prepare, rescue


def trafilatura_blocks(tree: etree._Element, url: str) -> list[Block]:
    """The body trafilatura finds in ``tree`` (which it modifies), as Markdown blocks."""
    try:
        body = _trafilatura_body(tree)
    except Exception:  # trafilatura raises assorted errors on odd trees; never fatal here
        logger.warning("trafilatura failed on %s", url, exc_info=True)
        return []
    if body is None:
        return []
    return to_blocks(body, url, drop_boilerplate=False)


def readability_blocks(html: str, url: str) -> list[Block]:
    """The body readability-lxml finds in a page, as Markdown blocks (no cleaning)."""
    import lxml.html
    from readability import Document

    try:
        summary = Document(html, url=url or None).summary(html_partial=True)
        root = lxml.html.fromstring(summary) if summary and summary.strip() else None
    except Exception:  # readability raises Unparseable and lxml errors on odd pages
        logger.warning("readability failed on %s", url, exc_info=True)
        return []
    return to_blocks(root, url)


def text_length(blocks: list[Block]) -> int:
    return sum(len(b.text) for b in blocks if b.kind not in ("image", "caption"))


def paragraphs_blocks(text: str) -> list[Block]:
    """Blocks from plain text (JSON-LD articleBody): one paragraph per non-empty line."""
    return [
        Block("paragraph", _escape_md(line), line)
        for line in (" ".join(raw.split()) for raw in text.splitlines())
        if line
    ]


def _escape_md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]])", r"\\\1", text)


def filter_by_reference(blocks: list[Block], reference: str) -> list[Block] | None:
    """Keep the blocks the publisher's own articleBody confirms, or None when it cannot judge.

    JSON-LD articleBody is plain text without structure, sometimes truncated, sometimes padded;
    it is trusted as a filter only when the extracted body covers most of it.
    """
    ref = _shingle_set(reference)
    if len(ref) < 20 or len(reference) < REFERENCE_MIN_SIZE * text_length(blocks):
        return None
    body_shingles: set[tuple[str, ...]] = set()
    for block in blocks:
        body_shingles |= _shingle_set(block.text)
    if not body_shingles or len(ref & body_shingles) / len(ref) < REFERENCE_MIN_COVERAGE:
        return None
    kept = []
    confirmed_any = False
    for block in blocks:
        if block.kind in ("image", "caption", "heading"):
            kept.append(block)
            continue
        s = _shingle_set(block.text)
        confirmed = bool(s) and len(s & ref) / len(s) >= REFERENCE_MIN_BLOCK_SHARE
        # articleBody usually leaves out the standfirst and key points above the text.
        if confirmed or not confirmed_any:
            kept.append(block)
        confirmed_any = confirmed_any or confirmed
    return kept


def generic_blocks(
    tree: etree._Element,
    url: str,
    title: str | Sequence[str] | None = None,
    reference: str | None = None,
    html: str | None = None,
    authors: Sequence[str] = (),
) -> tuple[list[Block], str]:
    """Best generic body for a parsed page, and the layer that gave it.

    ``tree`` is consumed (trafilatura prunes it); ``html``, the page source, feeds the
    readability fallback (serialised from the tree when not given, before trafilatura runs).

    trafilatura first; readability when trafilatura finds (almost) nothing; the page's JSON-LD
    articleBody (``reference``) as a filter when it covers the extracted body, or instead of it
    when the extraction came out far shorter than the articleBody.
    """
    if html is None:
        html = lxml.html.tostring(tree, encoding="unicode")
    remove_keeping_text(_SOCIAL_EMBED_XPATH(tree))
    remove_keeping_text(_CARD_LINK_XPATH(tree))
    _divs_as_paragraphs(tree)
    keep_prose_boxes(tree)
    if "<blockquote" in html:
        quote_figures_as_divs(tree)
    blocks = clean_blocks(trafilatura_blocks(tree, url), title, authors)
    if reference:
        ref_len = len(" ".join(reference.split()))
        if text_length(blocks) < REFERENCE_REPLACE_RATIO * ref_len:
            return clean_blocks(paragraphs_blocks(reference), title), "jsonld"
        filtered = filter_by_reference(blocks, reference)
        if filtered:
            blocks = filtered
    if text_length(blocks) < MIN_BODY_CHARS:
        fallback = clean_blocks(readability_blocks(html, url), title)
        if text_length(fallback) > text_length(blocks):
            logger.debug("readability fallback used for %s", url)
            blocks = fallback
    if text_length(blocks) < MIN_BODY_CHARS:
        # Client-rendered pages (Next.js and the like) ship the article as HTML inside JSON.
        embedded = clean_blocks(embedded_html_blocks(html, url), title)
        if text_length(embedded) > max(MIN_BODY_CHARS, text_length(blocks)):
            logger.debug("article HTML found in a script of %s", url)
            return embedded, "generic"
    return blocks, "generic"


MIN_BODY_CHARS = 200
# A JSON string property that may hold (escaped) article HTML: "contentHtml": "\u003cp\u003e...".
# Only the key is matched by a regex; the string itself is read by json's scanner, in linear
# time and memory (a regex over the string took ~140 bytes per byte: 1.5 GB on a 10 MB script).
_EMBEDDED_HTML_KEY_RE = re.compile(
    r'"(?:contentHtml|content_html|bodyHtml|body_html|articleBody|articleHtml|body|content|html)"'
    r'\s*:\s*"'
)
_EMBEDDED_MIN_CHARS = 200
_JSON_STRING = json.JSONDecoder(strict=False)
_PARAGRAPH_MARK_RE = re.compile(r"<p[\s>]", re.IGNORECASE)


def embedded_html_blocks(html: str, url: str) -> list[Block]:
    """The longest article-like HTML string found in the page's scripts, as blocks."""
    best: list[Block] = []
    position = 0
    while match := _EMBEDDED_HTML_KEY_RE.search(html, position):
        position = match.end()
        try:
            # From the string's opening quote: json's scanner reads exactly one string.
            fragment, position = _JSON_STRING.raw_decode(html, match.end() - 1)
        except ValueError:  # not a JSON string after all (unterminated, a bad escape)
            continue
        if not isinstance(fragment, str):
            continue
        if len(fragment) < _EMBEDDED_MIN_CHARS or not _PARAGRAPH_MARK_RE.search(fragment):
            continue
        try:
            root = lxml.html.fromstring(f"<div>{fragment}</div>")
        except (etree.ParserError, ValueError):
            continue
        blocks = to_blocks(root, url)
        if text_length(blocks) > text_length(best):
            best = blocks
    return best


# No-break spaces read as spaces, as in the description (str.split() collapses them; XPath's
# normalize-space does not): French pages put one before "?", ":" and inside "« »", and after
# a day's number ("29\u00a0août", lemonde.fr).
_STARTS_WITH_PREFIX = etree.XPath(
    "starts-with(normalize-space(translate(., '\u00a0', ' ')), $prefix)"
)
# The text nodes an element whose text starts with the prefix can open with: the prefix's
# start, or text that starts with the whole prefix. Matching elements are among their
# ancestors. Testing every <p>/<div>/<span>'s whole text instead (one XPath) computed the text
# of every container in the page: 7% of the extraction time. The text's normalised form N
# starts with the prefix or is a start of it exactly when the prefix starts with N's first
# ``$length`` (the prefix's length) characters, so N is computed once per text node. A text
# holding ``$first`` (never a space: the prefix is whitespace-normalised) is never blank.
_STANDFIRST_START_XPATH = etree.XPath(
    "//text()[contains(., $first)]"
    "[starts-with($prefix, substring(normalize-space(translate(., '\u00a0', ' ')), 1, $length))]"
)
_STANDFIRST_TAGS = frozenset({"p", "h2", "h3", "div", "span"})
STANDFIRST_PREFIX_CHARS = 40
STANDFIRST_MIN_CHARS = 40
# A standfirst is a sentence or three; a longer "description" is the article's text.
STANDFIRST_MAX_WORDS = 80


def shown_standfirst(
    tree: etree._Element, description: str | None, source: str | None = None
) -> str | None:
    """The meta description when the page also shows it as a text element of its own.

    That element is the standfirst (dek, lead) above the article, which extractors often skip
    because it sits in the header. Image captions and teasers that reuse the description do
    not count. Call before the tree is handed to the body extractor (which prunes it).
    ``source``, the page's HTML, lets a page that cannot show the description skip the search.
    """
    if not description:
        return None
    desc = " ".join(description.split())
    if len(desc) < STANDFIRST_MIN_CHARS or len(desc.split()) > STANDFIRST_MAX_WORDS:
        return None
    if source is not None:
        # A word of the opening must be in the page twice (the meta tag and the element);
        # words survive HTML escaping, punctuation may not.
        words = sorted(_WORD_RE.findall(desc[:STANDFIRST_PREFIX_CHARS]), key=len)
        if words and source.count(words[-1]) < 2:
            return None
    prefix = desc[:STANDFIRST_PREFIX_CHARS]
    max_chars = 1.3 * len(desc) + 20
    tried: set[etree._Element] = set()
    # Any such text node holds the prefix's first character (a cheap test done first).
    for start in _STANDFIRST_START_XPATH(tree, prefix=prefix, first=prefix[0], length=len(prefix)):
        owner = start.getparent()
        if owner is None:
            continue
        if start.is_tail:
            owner = owner.getparent()
        for node in [owner, *owner.iterancestors()] if owner is not None else []:
            if node in tried:
                break
            tried.add(node)
            text = " ".join("".join(node.itertext()).split())
            if len(text) > max_chars:
                break  # its ancestors' texts are longer still
            if (
                node.tag in _STANDFIRST_TAGS
                and _STARTS_WITH_PREFIX(node, prefix=prefix)
                and not _in_figure(node)
            ):
                return desc
    return None


def with_standfirst(blocks: list[Block], standfirst: str | None) -> list[Block]:
    """The body with the standfirst on top, unless the extraction already has it."""
    if not standfirst or not blocks:
        return blocks
    desc_shingles = _shingle_set(standfirst)
    if len(desc_shingles) < 3:
        return blocks
    if len(standfirst.split()) > STANDFIRST_MAX_WORDS:
        return blocks  # a description holding the article itself, not a standfirst
    text_blocks = [b for b in blocks if b.kind not in ("image", "caption")]
    head = set().union(*(_shingle_set(b.text) for b in text_blocks[:5]))
    if len(desc_shingles & head) / len(desc_shingles) >= 0.5:
        return blocks  # already there
    if not standfirst.rstrip().endswith(_SENTENCE_ENDS):
        # A description cut off mid-sentence ("... closer to infants than") is the opening
        # of a paragraph of the text, wherever the text puts it: an excerpt, not a standfirst.
        desc = norm_text(standfirst)
        if any(norm_text(b.text).startswith(desc) for b in text_blocks):
            return blocks
    return [Block("paragraph", _escape_md(standfirst), standfirst), *blocks]


_NOT_STANDFIRST_CLASS_RE = re.compile(
    r"caption|credit|image|photo|picture|media|gallery|bild|teaser|card|related|picker|promo",
    re.IGNORECASE,
)


def _in_figure(node: etree._Element) -> bool:
    """Whether a node is an image caption (some sites reuse it as description) or a teaser."""
    if next(node.iter("figure", "figcaption", "img", "picture"), None) is not None:
        return True
    for level, el in enumerate([node, *node.iterancestors()]):
        if level > 4:
            break
        if el.tag in ("figure", "figcaption", "picture", "a") or _NOT_STANDFIRST_CLASS_RE.search(
            el.get("class") or ""
        ):
            return True
    return False


APPENDED_ARTICLE_MIN_CHARS = 1000


def drop_appended_articles(tree: etree._Element) -> int:
    """Remove the next stories an endless-scroll page appends after the article (in place).

    When the page holds several separate <article> elements that each have their own <h1> and
    a real amount of text, the first is the page's article and the rest are other stories.
    Returns how many were removed.
    """
    candidates = [
        a
        for a in tree.iter("article")
        if next(a.iter("h1"), None) is not None
        and len(a.text_content()) >= APPENDED_ARTICLE_MIN_CHARS
    ]
    # Only articles outside one another: an <article> inside the main one is part of it.
    separate = [
        a
        for a in candidates
        if not any(o is not a and a in o.iterdescendants() for o in candidates)
    ]
    removed = 0
    for extra in separate[1:]:
        parent = extra.getparent()
        if parent is not None:
            parent.remove(extra)
            removed += 1
    return removed


# React's streaming server rendering sends the parts of a page that were not ready at first
# (on some sites the whole article) at the end of the body, each in a hidden <div id="S:n">,
# and a script moves it in place of its placeholder: <template id="B:n"> (a suspense boundary,
# whose "Loading ..." fallback it replaces) or <template id="P:n"> (a segment). Read without
# scripts, the text sits hidden after the footer, where extractors drop it.
_STREAMED_SEGMENT_XPATH = etree.XPath("//div[@hidden][starts-with(@id, 'S:')]")
_STREAM_HOLDER_XPATH = etree.XPath("//template[starts-with(@id, 'B:') or starts-with(@id, 'P:')]")


def restore_streamed_segments(tree: etree._Element) -> int:
    """Put React's streamed segments (hidden ``<div id="S:n">``) in place of their placeholder
    templates (``B:n`` or ``P:n``), in place, as the page's script does. Returns how many."""
    segments = _STREAMED_SEGMENT_XPATH(tree)
    if not segments:
        return 0
    from trafilatura.xpaths import REMOVE_COMMENTS_XPATH

    holders = {t.get("id"): t for t in _STREAM_HOLDER_XPATH(tree)}
    comment_boxes = {el for xp in REMOVE_COMMENTS_XPATH for el in xp(tree)}
    moved = 0
    for segment in segments:
        number = segment.get("id", "")[2:]
        holder = holders.get(f"B:{number}")
        if holder is None:
            holder = holders.get(f"P:{number}")
        parent = holder.getparent() if holder is not None else None
        if holder is None or parent is None or segment in holder.iterancestors():
            continue
        # trafilatura removes what its comment patterns match (a layout's "commentOnSelection"
        # box around a post): a segment whose place is in one stays where it was.
        if any(a in comment_boxes for a in holder.iterancestors()):
            continue
        remove_keeping_text([segment])  # its tail stays where it was
        segment.tail = holder.tail
        del segment.attrib["hidden"]
        parent.replace(holder, segment)
        moved += 1
    return moved


# Embedded social media posts (tweets, Instagram, TikTok): quoted widgets, not the article.
_SOCIAL_EMBED_XPATH = etree.XPath(
    "//blockquote[contains(@class, 'twitter') or contains(@class, 'instagram')"
    " or contains(@class, 'tiktok') or contains(@class, 'bluesky') or contains(@class, 'threads')"
    " or contains(@class, 'mastodon')]"
)


# Icon fonts write an icon as the ligature of its name in a span styled by the font's class
# (Google's Material Icons: <span class="material-icons">chevron_right</span>). Without the
# font the name reads as a word of the text.
_ICON_XPATH = etree.XPath(
    "//*[contains(@class, 'material-icons') or contains(@class, 'material-symbols')]"
)
_ICON_NAME_RE = re.compile(r"^\s*[a-z0-9]+(?:_[a-z0-9]+)*\s*$")


def remove_icon_ligatures(tree: etree._Element) -> None:
    """Remove the icon-font spans whose text is an icon's name (in place)."""
    remove_keeping_text(
        el for el in _ICON_XPATH(tree) if _ICON_NAME_RE.match(el.text_content() or "")
    )


# trafilatura drops every container whose class contains "embed" (social and video widgets) or
# "bar" (sidebars, navbars), as substrings. They also name the custom-HTML boxes site builders
# wrap an author's own tables and sections in (Webflow's "w-embed"), rich-text fields
# (Statamic's "bard") and layout wrappers around the article ("content with-sidebar"). One
# that holds paragraphs of text or a table, with few links, is the article's: its class loses
# the word (the tree is the extractor's copy).
_DISCARDED_CLASS_TAGS = ("div", "section", "p", "span")  # the tags trafilatura's test covers
_DISCARDED_WORD_RE = re.compile(r"\S*(?:embed|bar)\S*")
# ... but a navbar's menu stays navigation, whatever its text.
_NAVIGATION_CLASS_RE = re.compile(r"nav|menu", re.IGNORECASE)
PROSE_BOX_MIN_WORDS = 60
PROSE_BOX_MAX_LINK_SHARE = 0.3
PROSE_BOX_SENTENCE_WORDS = 15


def _holds_prose(el: etree._Element) -> bool:
    """Whether an element's text is the article's: at least PROSE_BOX_MIN_WORDS words in
    <p>, <li> or table cells, among them a list item, a cell or a paragraph with a sentence
    of PROSE_BOX_SENTENCE_WORDS words or more (not a card's name and price), few links."""
    from tracker.extract.nearby import text_of

    text = text_of(el)
    # The cheap tests first: enough characters for the words, few of them in links.
    if len(text) < PROSE_BOX_MIN_WORDS * 3:
        return False
    linked = sum(len(text_of(a)) for a in el.iter("a"))
    if linked > PROSE_BOX_MAX_LINK_SHARE * len(text):
        return False
    words = 0
    sentence = False
    for block in el.iter("p", "li", "td", "th"):
        block_text = text_of(block)
        count = len(_WORD_RE.findall(block_text))
        words += count
        sentence = (
            sentence
            or block.tag != "p"
            or (
                count >= PROSE_BOX_SENTENCE_WORDS
                and _SENTENCE_END_RE.search(block_text) is not None
            )
        )
        if sentence and words >= PROSE_BOX_MIN_WORDS:
            return True
    return False


def keep_prose_boxes(tree: etree._Element) -> int:
    """Take the word trafilatura would drop them for out of the class of containers that hold
    the article's prose or tables (see _DISCARDED_CLASS_TAGS), in place. Returns how many."""
    kept: dict[str, list[etree._Element]] = {}
    # A loop rather than an XPath: a third of the time on WCXB's pages.
    for el in tree.iter(*_DISCARDED_CLASS_TAGS):
        name = el.get("class")
        if not name or ("embed" not in name and "bar" not in name):
            continue
        if not _NAVIGATION_CLASS_RE.search(name) and _holds_prose(el):
            name = _DISCARDED_WORD_RE.sub("", name).strip()
            el.set("class", name)
            kept.setdefault(name, []).append(el)
    for name, boxes in kept.items():
        if name and len(boxes) > 1:
            _merge_boxes(boxes)
    return sum(len(boxes) for boxes in kept.values())


def _merge_boxes(boxes: list[etree._Element]) -> None:
    """Move the content of the later boxes into the first, which trafilatura takes alone when
    a class of its article containers names them all (one article in several boxes between
    asides); boxes inside another of them stay."""
    first = boxes[0]
    for box in boxes[1:]:
        if any(a in boxes for a in box.iterancestors()) or any(
            a in boxes for a in first.iterancestors()
        ):
            continue
        if box.text:
            last = first[-1] if len(first) else None
            if last is not None:
                last.tail = (last.tail or "") + box.text
            else:
                first.text = (first.text or "") + box.text
            box.text = None
        for child in list(box):
            first.append(child)


# trafilatura, asked for no images, removes every <figure> with what it holds. Some layouts
# set the article's quotes in one (a <blockquote> with the speaker's name in the caption);
# embedded posts (classed "embed") are widgets, not quotes.
def quote_figures_as_divs(tree: etree._Element) -> int:
    """Rename to <div> the figures that hold a quote (in place). Returns how many."""
    figures = [
        figure
        for figure in tree.iter("figure")
        if "embed" not in (figure.get("class") or "")
        and next(figure.iter("blockquote"), None) is not None
    ]
    for figure in figures:
        figure.tag = "div"
    return len(figures)


# Links wrapping whole blocks are teaser cards for other stories (the prose of an article
# puts links inside paragraphs, not paragraphs inside links).
_CARD_LINK_XPATH = etree.XPath("//a[.//p or .//h2 or .//h3 or .//h4 or .//li or .//article]")


# A <div> holding a sentence of its own text among inline elements only is a paragraph
# written without <p>. trafilatura, asked to keep links and formatting, drops such a div's
# own text when the page has <p>s elsewhere and keeps only its inline children's text.
_TEXT_DIV_XPATH = etree.XPath("//div[text()[normalize-space()]]")
_INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "br",
        "cite",
        "code",
        "data",
        "dfn",
        "em",
        "font",
        "i",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
    ]
)
DIV_PARAGRAPH_MIN_WORDS = 10
# ... among at least this many paragraphs (itself included) in its parent: a text.
DIV_PARAGRAPH_MIN_SIBLINGS = 3
_CREDIT_CLASS_RE = re.compile(r"credit|caption", re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"\w[.!?][\"'”’)]?(?:\s|$)")


def _is_text_div(div: etree._Element) -> bool:
    if any(el.tag not in _INLINE_TAGS for el in div.iterdescendants("*")):
        return False
    text = div.text_content()
    return len(_WORD_RE.findall(text)) >= DIV_PARAGRAPH_MIN_WORDS and bool(
        _SENTENCE_END_RE.search(text)
    )


def _divs_as_paragraphs(tree: etree._Element) -> None:
    """Rename to <p> the <div>s that are paragraphs: own text, only inline children, a sentence,
    and other paragraphs beside them (<p>s or such <div>s) in the same parent; not credits.

    A lone text <div> in a box (a card's blurb, a key point, a bio) stays a <div>: as a <p>
    it can draw trafilatura to the box instead of the article."""
    found = [div for div in _TEXT_DIV_XPATH(tree) if _is_text_div(div)]
    candidates = set(found)
    for div in found:
        parent = div.getparent()
        if parent is None or _CREDIT_CLASS_RE.search(div.get("class") or ""):
            continue
        paragraphs = sum(1 for sib in parent if sib.tag == "p" or sib in candidates)
        if paragraphs >= DIV_PARAGRAPH_MIN_SIBLINGS:
            div.tag = "p"


def remove_keeping_text(nodes: Iterable[etree._Element]) -> None:
    """Remove nodes from their tree, keeping the text that follows each (its tail)."""
    for node in nodes:
        parent = node.getparent()
        if parent is None:
            continue
        if node.tail:
            prev = node.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + node.tail
            else:
                parent.text = (parent.text or "") + node.tail
        parent.remove(node)
