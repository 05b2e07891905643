"""Pure helpers that turn the raw strings extraction found into the tracker's final forms.

Dates become ISO 8601 with an offset, author lists become clean names, URLs become absolute http(s)
URLs with one canonical form, languages become BCP 47 tags, and the body's plain text gets the hash
that dedupe keys on. Nothing here touches Scrapy, so every rule can be tested on bare strings.
"""

from __future__ import annotations

import email.utils
import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

logger = logging.getLogger(__name__)

# C0/C1 control characters except tab and newline; NUL and friends never belong in text.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
# Soft hyphens mark where a word may break ("Ver\xadfas\xadsungs\xadbe\xadschwerde", German sites
# hyphenate long words with them): invisible, so deleted, not turned into spaces.
_SOFT_HYPHEN = "\u00ad"
_WS_RE = re.compile(r"\s+")


# --- strings -------------------------------------------------------------------------------------


def clean_text(value: object) -> str | None:
    """One line of text: NFC, control characters dropped, whitespace collapsed; None if empty."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value)).replace(_SOFT_HYPHEN, "")
    text = _CONTROL_RE.sub(" ", text)
    text = _WS_RE.sub(" ", text).strip()
    return text or None


def clean_multiline(value: object) -> str | None:
    """Text that keeps its lines (Markdown bodies): NFC, no control characters, \\n line ends,
    trailing spaces kept (Markdown hard breaks), at most one blank line in a row."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace(_SOFT_HYPHEN, "").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL_RE.sub("", text.replace("\t", "    "))
    text = re.sub(r"[ \u00a0]+\n", lambda m: "  \n" if len(m.group(0)) > 2 else "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text if text.strip() else None


def clean_list(values: object, *, split_commas: bool = False) -> list[str]:
    """A list of clean strings without empties or case-insensitive repeats, order kept."""
    if values is None:
        return []
    if isinstance(values, str):
        items: Iterable[object] = values.split(",") if split_commas else [values]
    elif isinstance(values, Iterable):
        items = values
    else:
        items = [values]
    seen: set[str] = set()
    out: list[str] = []
    for raw in items:
        text = clean_text(raw)
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            out.append(text)
    return out


# --- dates ---------------------------------------------------------------------------------------

_STRPTIME_FORMATS = (
    "%a %b %d %H:%M:%S %Y",  # ctime, its zone taken out first
    "%b %d, %Y",  # Feb 12, 2024
    "%B %d, %Y",  # February 12, 2024
    "%b. %d, %Y",  # Feb. 12, 2024
    "%d %b %Y",  # 12 Feb 2024
    "%d %B %Y",  # 12 February 2024
    "%b %d %Y",
    "%B %d %Y",
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d.%m.%Y",
    "%d.%m.%Y %H:%M",
    "%b %d, %Y %I:%M %p",
    "%B %d, %Y %I:%M %p",
    "%b %d, %Y, %I:%M %p",
    "%B %d, %Y, %I:%M %p",
)
_EPOCH_RE = re.compile(r"^\d{9,13}(\.\d+)?$")
# A value states a time of day when it has hours and minutes ("10:05", "T10", "10h05"), or the
# Nordic "kl. 13.05" / a dotted time after the year ("23. oktober 2025 10.23"; NRK, Expressen).
_TIME_RE = re.compile(
    r"\d:\d\d|\dT\d\d|\d[hH]\d\d|\bkl\.?\s*\d{1,2}\.\d\d\b|\d{4},?\s+\d{1,2}\.\d\d\b(?![.\d])",
    re.IGNORECASE,
)
# A time of day alone ("17:35", "Publicerad 22:31" once labels are off: the times of a live
# feed or a sidebar) is no date; dateparser read "17:35" as July 2035.
_TIME_ONLY_RE = re.compile(r"(?:kl\.?\s*)?\d{1,2}[:.]\d\d(?::\d\d)?(?:\s*[hH])?", re.IGNORECASE)
# Hours and minutes written with CJK unit characters ("21時37分", "23时52分", "20시 05분"): read as
# "21:37", so that the value states a time.
_CJK_TIME_RE = re.compile(r"(\d{1,2})\s*[時时시]\s*(\d{1,2})\s*[分분]")
# Nordic "kl. 13.05" (klukkan/klokken: "at o'clock"): dateparser knows "kl." in Norwegian and
# Swedish but not in Icelandic ("Mánudagur 3. mars 2025 kl. 13.05" gave nothing); read as "13:05".
_CLOCK_WORD_TIME_RE = re.compile(r"\bkl\.?\s*(\d{1,2})[.:](\d\d)\b(?![.:]\d)", re.IGNORECASE)
# Lithuanian dates mark the year with "m." (metai) and the day with "d." (diena): "2024 m. kovo
# 31 d." (genitive month); dateparser's Lithuanian reads "2024 kovo 31" but not the markers.
_LITHUANIAN_YEAR_DAY_RE = re.compile(
    r"(?<!\d)(\d{4})\s*m\.\s+([^\W\d_]+)\s+(\d{1,2})\s*d\.?(?![\w])", re.IGNORECASE
)
# "Updated: Feb 12, 2024 10:05 AM EST" and similar labels in front of a date, and the "published"
# labels of the corpus's languages ("Publisert 05.08.2024, kl. 13.05", "Publikacja: ...").
_DATE_LABEL_RE = re.compile(
    r"^(published|posted|updated|last updated|first published|date|on|datum\b|stand\b|publisert|"
    r"publicerad|publiceret|offentliggjort|udgivet|publicado|publicada|publikacja|opublikowano|"
    r"publikováno|paskelbta|atnaujinta|birt|uppfært|опубликовано|опубліковано|"
    # Korean datelines: 입력 (entered, i.e. published), 수정 (edited), 기사입력, 등록 (registered)
    r"기사\s?입력|입력|수정|등록)\s*:?\s*",
    re.I,
)
# Zone abbreviations news sites print after times (hours from UTC); others are ambiguous.
TZ_ABBREVIATION_HOURS = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "IST": 5.5,
    "BST": 1,
    "CET": 1,
    "CEST": 2,
    "AEST": 10,
    "AEDT": 11,
}
_TZ_SUFFIX_RE = re.compile(r"\s+\(?([A-Z]{1,4})\)?$")
_CTIME_RE = re.compile(r"^(\w{3} \w{3} +\d{1,2} \d\d:\d\d:\d\d) ([A-Z]{1,4}) (\d{4})$")
_DATEPARSER_SETTINGS = {
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_DATES_FROM": "past",
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
}
# dateparser reads "1e5" as "1 hour ago" ("e" is an hour in some language) and so stores any
# number-like value as a time just before the crawl. A bare number that is not epoch seconds
# or milliseconds (_EPOCH_RE) is no date, and relative phrases ("3 hours ago", "vor 2 Stunden")
# are only taken from text with a word of two letters or more in it.
_NUMBER_RE = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?", re.IGNORECASE)
_LETTERS_RE = re.compile(r"[^\W\d_]{2}")
_DATEPARSER_ABSOLUTE_SETTINGS = {
    **_DATEPARSER_SETTINGS,
    "PARSERS": ["timestamp", "custom-formats", "absolute-time", "no-spaces-time"],
}


def _parse_known_formats(text: str) -> datetime | None:
    if _EPOCH_RE.match(text):
        seconds = float(text)
        if seconds > 1e11:  # milliseconds
            seconds /= 1000
        return datetime.fromtimestamp(seconds, UTC)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    if re.match(r"^\w{3}, \d", text) or re.search(r"\d{2}:\d{2}(:\d{2})? [+-]\d{4}$", text):
        try:
            return email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            pass
    offset: timezone | None = None
    ctime = _CTIME_RE.match(text)  # "Fri Apr 28 19:20:36 CEST 2023" (Java's Date.toString)
    if ctime and ctime.group(2) in TZ_ABBREVIATION_HOURS:
        text = f"{ctime.group(1)} {ctime.group(3)}"
        offset = timezone(timedelta(hours=TZ_ABBREVIATION_HOURS[ctime.group(2)]))
    match = _TZ_SUFFIX_RE.search(text)
    if match and match.group(1) in TZ_ABBREVIATION_HOURS:
        offset = timezone(timedelta(hours=TZ_ABBREVIATION_HOURS[match.group(1)]))
        text = text[: match.start()].strip()
    for fmt in _STRPTIME_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return parsed.replace(tzinfo=offset) if offset else parsed
    return None


def parse_datetime(
    raw: object, default_tz: tzinfo | None = None, languages: Sequence[str] = ()
) -> tuple[str | None, bool]:
    """Return ``(iso, assumed)``: ISO 8601 with the offset the value states (seconds precision),
    a date alone (``2024-02-12``) when the value states no time, or None when the value is not
    a date. ``assumed`` is true when the value has a time but no zone and ``default_tz`` (a
    publisher's home zone; UTC when None) was applied.

    A date without a time stays a date: midnight in some zone would be an invented instant and
    could move the article to another day. Fast paths first (ISO, RFC 822, ctime, common English
    formats, epoch seconds or milliseconds); dateparser only as a last resort, in the article's
    ``languages`` (BCP 47 tags, e.g. its ``language`` field) and English (see
    :func:`_parse_with_dateparser`). A bare year ("2025") is too vague for a day folder and
    gives None.
    """
    if raw is None or raw == "":
        return None, False
    has_time = True
    if isinstance(raw, datetime):
        parsed: datetime | None = raw
    elif isinstance(raw, date):
        parsed, has_time = datetime(raw.year, raw.month, raw.day), False
    elif isinstance(raw, int | float) and not isinstance(raw, bool):
        parsed = _parse_known_formats(str(raw))
    else:
        text = clean_text(raw)
        if not text or re.fullmatch(r"\d{1,4}", text):
            return None, False
        text = _DATE_LABEL_RE.sub("", text)
        text = _CJK_TIME_RE.sub(lambda m: f" {int(m[1]):02d}:{int(m[2]):02d}", text).strip()
        text = _CLOCK_WORD_TIME_RE.sub(lambda m: f"{int(m[1]):02d}:{m[2]}", text)
        text = _LITHUANIAN_YEAR_DAY_RE.sub(r"\1 \2 \3", text)
        if _TIME_ONLY_RE.fullmatch(text):
            return None, False
        has_time = bool(_EPOCH_RE.match(text) or _TIME_RE.search(text))
        parsed = _parse_known_formats(text)
        by_dateparser = parsed is None and len(text) <= 100 and not _NUMBER_RE.fullmatch(text)
        fielded = " | " in text
        if by_dateparser:
            # A dateline of fields is tried in every language only after its leading fields:
            # "2024年04月24日23:52 | 来源：新华网" cost 3.4 s of locale loading in every
            # language before its first field was read in the article's own.
            parsed = _parse_with_dateparser(text, languages, every_language=not fielded)
        if parsed is None and fielded:
            # A dateline of fields ("Do 25.04.24 | 14:07 Uhr | Von Eva Kirchner-Rätsch"): the
            # date is its leading fields, the rest is the byline or the place.
            fields = text.split(" | ")
            for count in range(len(fields) - 1, 0, -1):
                found = parse_datetime(" | ".join(fields[:count]), default_tz, languages)
                if found[0] is not None:
                    return found
            if by_dateparser:
                parsed = _parse_with_dateparser(text, languages)
    if parsed is None or not 1990 <= parsed.year <= 2200:
        return None, False
    if not has_time:
        return parsed.date().isoformat(), False
    assumed = parsed.tzinfo is None or parsed.tzinfo.utcoffset(parsed) is None
    if assumed:
        parsed = parsed.replace(tzinfo=default_tz or UTC)
    return parsed.replace(microsecond=0).isoformat(), assumed


def _parse_with_dateparser(
    text: str, languages: Sequence[str] = (), *, every_language: bool = True
) -> datetime | None:
    """dateparser in the given languages and English first; in the other languages that might
    read it only when that fails on a value that could be a date in another one (and
    ``every_language``).

    Trying every language costs seconds the first time (each locale is loaded as it is tried:
    3.5 s for a value that is a date in none) and ~30 ms a value after that, so it is kept for a
    value with a digit and a word the first languages do not know (``12 giugno 2024`` on a page
    that did not say it is Italian), and then only in the languages whose data holds every word
    of it (:func:`_other_readers`: the only ones dateparser could read it in); a value they
    read in full but not as a date (``5 hours ago``: no day) is not tried further."""
    wanted = dateparser_languages(languages)
    # Relative phrases ("an hour ago") only from text with a real word in it: a bare number is
    # never "now minus something".
    relative = bool(_LETTERS_RE.search(text))
    try:
        parsed = _date_parser(wanted, relative).get_date_data(text).date_obj
        others = _other_readers(wanted, text) if parsed is None and every_language else ()
        if others:
            logger.debug("Date %r: not in %s, trying %s", text, ", ".join(wanted), others)
            # In dateparser's order (the order its parser for every language tries them in).
            parsed = _date_parser(others, relative).get_date_data(text).date_obj
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed if isinstance(parsed, datetime) else None


def dateparser_languages(tags: Sequence[str]) -> tuple[str, ...]:
    """dateparser's codes for BCP 47 tags (``pt-BR`` -> ``pt``), those it knows, then English."""
    from dateparser.data.languages_info import language_order

    known = set(language_order)
    wanted: list[str] = []
    for tag in [*tags, "en"]:
        code = str(tag or "").replace("_", "-").split("-")[0].lower()
        if code in known and code not in wanted:
            wanted.append(code)
    return tuple(wanted)


@lru_cache(maxsize=64)
def _date_parser(languages: tuple[str, ...] | None, relative: bool = True) -> Any:
    """A dateparser DateDataParser for these languages (None: all of them), kept: building one
    and loading its locales is the slow part. ``relative=False`` reads absolute dates only."""
    from dateparser.date import DateDataParser

    settings = _DATEPARSER_SETTINGS if relative else _DATEPARSER_ABSOLUTE_SETTINGS
    # In the given order: dateparser otherwise ranks the languages by its own (English first),
    # and a numeric date that every language can read ("06.01.2026") is read month first.
    return DateDataParser(
        languages=list(languages) if languages else None,
        use_given_order=bool(languages),
        settings=settings,
    )


def _other_readers(languages: tuple[str, ...], text: str) -> tuple[str, ...]:
    """The languages to try a value in that ``languages`` could not read as a date: none when
    it has no digit (a year, a day), or when one of them knows every word of it (read in full
    but not as a date, as "5 hours ago" with no day, it is no date in another language either);
    else the languages whose data holds every word of it (:func:`languages_that_may_read`).

    Those are the only languages dateparser's parser for every language could read it in (it
    reads a value only in a language that knows each of its words): trying them alone finds
    what trying all 200 would, without loading the data of every language (3.4 CPU s the
    first time a value is a date in none of them, as most values that get this far are)."""
    if not any(c.isdigit() for c in text):
        return ()
    from dateparser.conf import settings
    from dateparser.languages.loader import default_loader

    if any(
        default_loader.get_locale(code).is_applicable(text, strip_timezone=True, settings=settings)
        for code in languages
    ):
        return ()
    return languages_that_may_read(text)


# --- htmldate's dateparser, in the page's languages first --------------------------------------

# htmldate 1.11's settings for dateparser (htmldate.extractors.get_external_parser): the parser
# that reads the page's languages first reads a string as htmldate's own would.
HTMLDATE_DATEPARSER_SETTINGS = {
    "NORMALIZE": True,
    "PARSERS": ["custom-formats", "absolute-time"],
    "PREFER_DATES_FROM": "past",
    "PREFER_LOCALE_DATE_ORDER": True,
    "RETURN_AS_TIMEZONE_AWARE": False,
    "STRICT_PARSING": True,
}
_WORD_IN_DATE_RE = re.compile(r"[^\W\d_]+")


def _folded(word: str) -> str:
    """A word as dateparser compares it (NORMALIZE): lower case, accents dropped."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _date_vocabulary() -> dict[str, frozenset[str]]:
    """Each word of dateparser's locale data (month and day names, skip words, relative phrases,
    the words in its patterns and simplifications; folded) -> the languages whose data holds
    it. Read from the data alone (~0.1 s), without building any language's parser."""
    from dateparser.languages.loader import default_loader

    found: dict[str, set[str]] = {}

    def walk(value: object, code: str) -> None:
        if isinstance(value, str):
            for word in _WORD_IN_DATE_RE.findall(value):
                found.setdefault(_folded(word), set()).add(code)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key, code)
                walk(item, code)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item, code)

    for locale in default_loader.get_locales():
        code = locale.shortname.split("-")[0]
        for key, value in locale.info.items():
            if key != "name":
                walk(value, code)
    return {word: frozenset(codes) for word, codes in found.items()}


@lru_cache(maxsize=4096)
def languages_that_may_read(text: str) -> tuple[str, ...]:
    """dateparser's languages whose data holds every word of ``text`` (time-zone names, which
    every language reads, aside), in dateparser's order; none for a value with a word no
    language's data holds ("Through Dec 20, 2026", "4.5 out of 5 Stars") or with no word.

    A word is compared as dateparser compares it (lower case, accents dropped), against every
    word anywhere in a language's data, its patterns and simplifications included, so the
    languages found are all those dateparser could find the value readable in, and maybe more."""
    from dateparser.data.languages_info import language_order
    from dateparser.timezone_parser import pop_tz_offset_from_string

    stripped, _ = pop_tz_offset_from_string(text, as_offset=False)
    words = {_folded(w) for w in _WORD_IN_DATE_RE.findall(stripped)}
    if not words:
        return ()
    vocabulary = _date_vocabulary()
    readers = set(language_order)
    for word in words:
        readers &= vocabulary.get(word, frozenset())
        if not readers:
            return ()
    return tuple(code for code in language_order if code in readers)


class LanguageFirstDateParser:
    """What htmldate asks of its dateparser parser (``get_date_data(text)["date_obj"]``), in the
    page's languages first. htmldate's own parser tries every language and loads each one's
    data as it tries it: 3.4 CPU s the first time a value is a date in none of them, which is
    what most values its extensive search sends are ("4.5 out of 5 Stars", "Top 5 ... in 2026":
    34 of 34 on 1,048 WCXB and fundus pages). The page's languages and English are tried in
    dateparser's own order (the order htmldate's parser tries them in); when they read nothing
    and do not know every word, the languages that might (:func:`_other_readers`)."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        self.languages = languages

    def get_date_data(self, text: str) -> Any:
        found = _htmldate_parser(self.languages).get_date_data(text)
        if found["date_obj"] is None:
            others = _other_readers(self.languages, text)
            if others:
                logger.debug("Date %r: not in %s, trying %s", text, self.languages, others)
                return _htmldate_parser(others).get_date_data(text)
        return found


@lru_cache(maxsize=64)
def _htmldate_parser(languages: tuple[str, ...]) -> Any:
    """dateparser's parser with htmldate's settings, for these languages in dateparser's order."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=list(languages), settings=HTMLDATE_DATEPARSER_SETTINGS)


def utc_now_iso() -> str:
    """The current time as ISO 8601 UTC with seconds (``2026-02-03T02:09:15+00:00``)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def to_utc_iso(raw: object) -> str:
    """A timestamp in UTC with seconds; now when ``raw`` is missing or not a date."""
    iso, _ = parse_datetime(raw, UTC)
    if iso is None:
        return utc_now_iso()
    when = datetime.fromisoformat(iso)
    # A date alone is taken as midnight UTC here: a scrape time must be an instant.
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


# --- authors -------------------------------------------------------------------------------------

_BY_RE = re.compile(
    r"^(?:(?:(?:written|posted|reported|story|text|words|compiled|article)\s+)?by|"
    r"author(?:s|ed by)?|autor(?:in)?(?:\s*/\s*autor(?:in)?)?|auteur)\s*:?\s+|"
    # German credit labels: "Quelle: sid/dpa" (source), "Redaktion: Jane Doe" (editing).
    r"^(?:quelle|redaktion)\s*:\s*",
    re.I,
)
# People credited for something else than the writing: never authors.
_OTHER_ROLE_RE = re.compile(
    r"^(?:(?:medically|last)\s+)?(?:reviewed|checked|fact[- ]checked|edited|updated|photos?|"
    r"photography|images?|illustrations?|video|graphics?|produced|translated)\s+by\b",
    re.I,
)
# Link texts and labels that byline markup holds beside the name ("View more posts").
_NOT_A_NAME_RE = re.compile(
    r"^(?:view|read|see|more|all|follow|share|contact|e-?mail|subscribe|sign|log|about|"
    r"related|latest|popular|trending|advert|sponsor|home|menu|skip|click|print|comments?|"
    r"reply|leave|join|listen|watch|last|updated|published|posted|min|minutes?)\b",
    re.I,
)
# A social profile named after the author: "Jane Doe on Twitter".
_ON_SOCIAL_RE = re.compile(
    r"\s+on\s+(?:facebook|twitter|x|linkedin|instagram|threads|bluesky|mastodon)$", re.I
)
_LEADING_AND_RE = re.compile(r"^(?:and|und|et|&)\s+", re.I)
# Degrees and certifications after a name: capitals, dots, a trademark sign ("M.D. FACLM").
_CREDENTIAL_RE = re.compile(
    r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z.®]{1,6}$"
    r"|^(?=.*\.)(?:(?:(?:[A-Z][a-z]?\.)+|[A-Z]{2,6})(?:\s+|$)){2,}$"
)
# "and" in the languages whose names never contain the word ("y" and "e" do: Ortega y Gasset).
_AUTHOR_SPLIT_RE = re.compile(r"\s+(?:and|And|AND|und|og|och|et|en)\s+|\s*[;&]\s*")
_DOMAIN_RE = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.I)
# A trailing "(obe)" desk code, "(Reuters)" or "(jane@example.com)" is not part of the name.
_TRAILING_PARENS_RE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
_EMAIL_RE = re.compile(r"\S+@\S+\.\w+")
_URL_RE = re.compile(r"https?://\S+|www\.\S+", re.I)
# Words that mark the part after a comma as a job title or a desk, not another person.
_ROLE_WORDS = frozenset(
    [
        "reporter",
        "correspondent",
        "editor",
        "editors",
        "writer",
        "writers",
        "staff",
        "contributor",
        "contributors",
        "producer",
        "director",
        "analyst",
        "columnist",
        "journalist",
        "senior",
        "chief",
        "deputy",
        "managing",
        "associate",
        "assistant",
        "bureau",
        "desk",
        "team",
        "newsroom",
        "photographer",
        "photographers",
        "intern",
        "fellow",
        "anchor",
        "host",
        "critic",
        "news",
        "agency",
        "agencies",
        "service",
        "wire",
        "press",
        "contributing",
        "special",
        "political",
        "science",
        "health",
        "business",
        "sports",
        "technology",
        "culture",
        "international",
        "national",
        "foreign",
        "features",
        "opinion",
        "professor",
        "dr",
        "phd",
        "ceo",
        "founder",
        "president",
    ]
)
# Job titles printed after a name without a comma ("Keith Barry Senior Autos Reporter").
_JOB_WORDS = frozenset(
    [
        "reporter",
        "correspondent",
        "editor",
        "writer",
        "contributor",
        "producer",
        "director",
        "analyst",
        "columnist",
        "journalist",
        "senior",
        "chief",
        "deputy",
        "managing",
        "associate",
        "assistant",
        "photographer",
        "intern",
        "anchor",
        "critic",
        "founder",
        "co-founder",
        "cofounder",
        "ceo",
        "cto",
        "cmo",
        "president",
        "head",
        "lead",
        "manager",
        "expert",
        "specialist",
        "consultant",
        "strategist",
        "dietitian",
        "nutritionist",
        "staff",
        "contributing",
        "executive",
        "freelance",
        "guest",
        "reviewer",
    ]
)
# Words in the name of an organisation, a desk or a team rather than a person.
_ORGANISATION_WORDS = frozenset(
    [
        "team",
        "staff",
        "media",
        "inc",
        "llc",
        "ltd",
        "gmbh",
        "group",
        "news",
        "editors",
        "editorial",
        "desk",
        "newsroom",
        "agency",
        "company",
        "corp",
        "blog",
        "admin",
        "press",
        "network",
        "foundation",
        "institute",
        "university",
        "association",
        "magazine",
        "studio",
        "studios",
        "services",
        "solutions",
        "academy",
        "center",
        "centre",
        "redaktion",
        "rédaction",
        "redacción",
        "agencies",
    ]
)
_NAME_PARTICLES = frozenset(
    ["van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "des", "la", "le"]
)
# Lower-case words of phrases that never occur inside a name.
_PHRASE_WORDS = frozenset(["at", "from", "for", "with", "in", "on", "the", "to", "is", "about"])
_NOT_NAMES = frozenset(
    {"staff", "admin", "administrator", "editor", "editors", "guest", "team", "newsroom", "none"}
)


def _is_inverted(first: str, second: str) -> bool:
    """Whether "first, second" is "Surname, Given names" ("Kaufman, Jeff T.")."""
    return (
        bool(re.fullmatch(r"[^\W\d_][\w'’-]+", first))
        and first[:1].isupper()
        and 1 <= len(second.split()) <= 3
        and second[:1].isupper()
        and not _looks_like_role(second)
        and not _looks_like_role(first)
    )


def _looks_like_role(part: str) -> bool:
    if _CREDENTIAL_RE.match(part):
        return True  # "MS", "M.D.", "DACVB", "CEPF®"
    words = re.findall(r"[^\W\d_]+", part.casefold())
    if not words:
        return True
    return any(w in _ROLE_WORDS or w in _JOB_WORDS for w in words) or part[:1].islower()


def _title_case_if_shouting(name: str) -> str:
    """ "JOHN SMITH" -> "John Smith"; a lone short word ("AFP", "LTO") is an acronym: kept."""
    letters = [c for c in name if c.isalpha()]
    words = name.split()
    if len(letters) > 1 and all(c.isupper() for c in letters):
        if len(words) == 1 and len(letters) <= 4:
            return name
        return " ".join(w[:1] + w[1:].lower() for w in words)
    return name


def _without_job_title(name: str) -> str:
    """ "Keith Barry Senior Autos Reporter" -> "Keith Barry": a name followed, without a comma,
    by a job title (from its first job word on, when at least two words come before it)."""
    words = name.split()
    for index in range(2, len(words)):
        if words[index].casefold().strip(".,:;&") in _JOB_WORDS:
            before = words[:index]
            # Only after what reads as a name: "Guardian staff reporter" is a desk, kept whole.
            if all(w[:1].isupper() or w in _NAME_PARTICLES for w in before):
                return " ".join(before)
            return name
    return name


def looks_like_person(name: str) -> bool:
    """Whether a cleaned author string can be a person's name: one to five words, no digits,
    not a link text or label, a capital letter on at least one word (in scripts with case),
    not only particles and not ending in a job word."""
    words = name.split()
    if not 1 <= len(words) <= 5 or len(name) > 60 or any(c.isdigit() for c in name):
        return False
    if _NOT_A_NAME_RE.match(name) or name.casefold() in _NOT_NAMES:
        return False
    folded = [w.casefold().strip(".,") for w in words]
    if folded[-1] in _JOB_WORDS or all(w in _NAME_PARTICLES for w in folded):
        return False  # "Marketing Director", "Home and Digital Security Expert"
    if any(w in _PHRASE_WORDS for w in words):
        return False  # "Founder at Oakywood", "Insights from"
    cased = [w for w in words if w[:1].isalpha() and w[:1].lower() != w[:1].upper()]
    # "danah boyd" writes her name in lower case; one lower-case word is a user name.
    return not cased or any(w[:1].isupper() for w in cased) or len(words) > 1


def is_organisation(name: str, site_names: Iterable[str | None] = ()) -> bool:
    """Whether an author string names the site, an organisation, a desk or a team rather than
    a person, or is a user name ("q_admin", "andrew.keaveney", "sophie-foster")."""
    folded = name.casefold()
    keys = {re.sub(r"\W", "", n.casefold()) for n in (clean_text(x) for x in site_names) if n}
    if re.sub(r"\W", "", folded) in keys:
        return True
    if " " not in name and (re.search(r"[._\d]", name) or name == folded or "-" in name):
        return True
    return any(w.strip(".,") in _ORGANISATION_WORDS for w in folded.split())


def clean_authors(raw: object, publisher_names: Iterable[str | None] = ()) -> list[str]:
    """Person names from raw author strings.

    Strips "By"/"Written by"/"Author:", splits "A and B", "A & B", "A; B" (and, und, og, och,
    et, en), drops e-mail addresses, URLs, domain names, trailing "(desk code)" parentheses,
    job titles after a comma or a pipe ("Jane Doe, Senior Reporter" gives "Jane Doe"; "Jane
    Doe, John Roe" gives both) or after the name ("Keith Barry Senior Autos Reporter"), people
    credited for something else ("Reviewed by ...", "Photo by ..."), link texts ("View more
    posts"), de-duplicates case-insensitively and title-cases names only when they are all
    capitals. The publisher's or site's own name is dropped when a person is named too: an
    organisation is the author only when nobody else is.
    """
    skip = {n.casefold() for n in (clean_text(p) for p in publisher_names) if n}
    out: list[str] = []
    seen: set[str] = set()
    for value in clean_list(raw):
        value = re.sub(r"<[^>]*>", " ", value)  # stray markup in dc:creator
        value = _EMAIL_RE.sub(" ", _URL_RE.sub(" ", value))
        value = re.sub(r"\(\s*\)|\[\s*\]", " ", value)
        if _OTHER_ROLE_RE.match(value.strip()):
            continue
        for chunk in re.split(r"\s*;\s*", _BY_RE.sub("", value.strip())):
            # Everything after a pipe or a dash-separated suffix is a title or the site name.
            chunk = re.split(r"\s*[|·•]\s*|\s+[-–—]\s+", chunk)[0]
            parts = [
                _TRAILING_PARENS_RE.sub("", _LEADING_AND_RE.sub("", p.strip()))
                for p in chunk.split(",")
            ]
            if len(parts) == 2 and _is_inverted(parts[0], parts[1]):
                parts = [f"{parts[1]} {parts[0]}"]  # "Kaufman, Jeff T." -> "Jeff T. Kaufman"
            names = []
            for index, part in enumerate(parts):
                pieces = [
                    p
                    for p in _AUTHOR_SPLIT_RE.split(part)
                    if not (index and _CREDENTIAL_RE.match(p))
                ]
                # After the first part, a job title ("Home and Digital Security Expert") or
                # credentials ("MS, RD") are not people.
                if index and (not pieces or _looks_like_role(" and ".join(pieces))):
                    continue
                names.extend(pieces)
            for name in names:
                if _OTHER_ROLE_RE.match(name):
                    continue
                name = _TRAILING_PARENS_RE.sub("", _BY_RE.sub("", name))
                name = _ON_SOCIAL_RE.sub("", name)
                name = clean_text(name.strip(" .,:;-–—/'\"()")) or ""
                if not name or len(name) > 80 or not re.search(r"[^\W\d_]", name):
                    continue
                if name.casefold() in _NOT_NAMES or _NOT_A_NAME_RE.match(name):
                    continue
                if _DOMAIN_RE.match(name):  # "mdr.de", "nieuwsblad.be": the site, not a person
                    continue
                name = _title_case_if_shouting(_without_job_title(name))
                if name.casefold() not in seen:
                    seen.add(name.casefold())
                    out.append(name)
    people = [name for name in out if name.casefold() not in skip]
    return people or out


# --- URLs ----------------------------------------------------------------------------------------

# Tracking parameters that never change what a page shows.
_TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ocid", "cmpid", "_ga"}
)


def absolute_http_url(raw: object, base: str | None = None) -> str | None:
    """An absolute http(s) URL (relative ones resolved against ``base``), or None for anything
    else (``javascript:``, ``data:``, ``mailto:``, garbage)."""
    text = clean_text(raw)
    if not text or any(c in text for c in "\n\r\x00"):
        return None
    try:
        url = urljoin(base, text) if base else text
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def canonical_url(raw: object, base: str | None = None) -> str | None:
    """w3lib's canonical form (sorted query, normalised escaping), without the fragment,
    ``utm_*`` and click-tracking parameters, scheme and host lower-cased."""
    url = absolute_http_url(raw, base)
    if url is None:
        return None
    try:
        url = canonicalize_url(url, keep_fragments=False)
        parts = urlsplit(url)
    except ValueError:
        return None
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in _TRACKING_PARAMS
    ]
    netloc = parts.netloc.lower()
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", urlencode(query), ""))


# An article's URLs are looked up several times on its way through the pipelines (dedupe, the
# story index, the written mark: ~8 calls for 2 URLs), and w3lib's canonical form is the costly
# part; the key of a string never changes, so it is remembered (bounded).
@lru_cache(maxsize=4096)
def url_key(url: str) -> str:
    """The form URLs are stored and looked up in the state store: canonical when possible."""
    return canonical_url(url) or url


def article_url(page_canonical: object, fetched: str | None) -> tuple[str | None, str | None]:
    """The article's URL and, when the page's own canonical link was set aside, why.

    The page's canonical link wins when it is on the host the page came from and is neither
    the home page nor a section above the article; otherwise the fetched URL, canonicalised.
    Some sites point every page's canonical link at their home page (trusting it would make
    every later article a duplicate of the first): ``"canonical_is_home"``; or at the section
    the article sits in (``/news/`` for ``/news/2024/story.html``): ``"canonical_is_section"``;
    a canonical link to another host is a syndication or a mistake: ``"canonical_other_host"``.
    """
    candidate = canonical_url(page_canonical, base=fetched)
    fetched_canonical = canonical_url(fetched) if fetched else None
    if candidate and fetched_canonical and _is_home(candidate) and not _is_home(fetched):
        return fetched_canonical, "canonical_is_home"
    if candidate and fetched_canonical and is_section_of(candidate, fetched_canonical):
        return fetched_canonical, "canonical_is_section"
    if candidate and (fetched_canonical is None or same_site(candidate, fetched_canonical)):
        return candidate, None
    return fetched_canonical, "canonical_other_host" if candidate else None


def _is_home(url: str | None) -> bool:
    return bool(url) and urlsplit(url or "").path in ("", "/")


def same_site(url_a: str, url_b: str) -> bool:
    """True when both URLs are on the same host (ignoring a leading ``www.``)."""
    host_a = (urlsplit(url_a).hostname or "").removeprefix("www.")
    host_b = (urlsplit(url_b).hostname or "").removeprefix("www.")
    return bool(host_a) and host_a == host_b


# The rest of an article's path below its canonical URL when the page is a variant of that
# article (AMP, print, a page of a paginated story) rather than an article in a section.
_VARIANT_PATH_RE = re.compile(
    r"^(?:amp|amp\.html?|print|printable|comments?|page/\d+|\d{1,3}|index\.html?)$", re.I
)


def is_section_of(canonical: str, fetched: str) -> bool:
    """True when ``canonical`` names a folder above ``fetched`` on the same site (``/news/`` for
    ``/news/2024/a-story.html``): a section or listing page, not the article's own URL. An
    AMP, print or page-N variant below its article (``/a-story/amp``) is not a section case."""
    if not same_site(canonical, fetched):
        return False
    above = urlsplit(canonical).path.rstrip("/") + "/"
    path = urlsplit(fetched).path
    if not path.startswith(above):
        return False
    rest = path[len(above) :].strip("/")
    return bool(rest) and not _VARIANT_PATH_RE.match(rest)


# --- language ------------------------------------------------------------------------------------

_LANGUAGE_NAMES = {
    "english": "en",
    "german": "de",
    "deutsch": "de",
    "french": "fr",
    "français": "fr",
    "spanish": "es",
    "español": "es",
    "italian": "it",
    "portuguese": "pt",
    "hindi": "hi",
    "dutch": "nl",
    "japanese": "ja",
    "chinese": "zh",
    "russian": "ru",
    "arabic": "ar",
}
# What pages put where a language belongs that only looks like a tag: charsets ("utf-8").
_NOT_LANGUAGES = frozenset({"utf", "iso", "win", "cp", "ascii", "latin"})
_BCP47_RE = re.compile(r"^([a-zA-Z]{2,3})((?:[-_][a-zA-Z0-9]{1,8})*)$")


def normalise_language(raw: object) -> str | None:
    """A BCP 47 tag: ``en``, ``en-US``, ``zh-Hant-TW``; None when the value is not one."""
    text = clean_text(raw)
    if not text:
        return None
    text = text.split(",")[0].split(";")[0].strip()
    if text.casefold() in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[text.casefold()]
    match = _BCP47_RE.match(text)
    # A one-character subtag opens an extension and never ends a tag: "utf-8" (a charset in
    # People's Daily's Content-Language meta tag) is no language; nor is a charset's name.
    if (
        not match
        or re.search(r"[-_][a-zA-Z0-9]$", text)
        or match.group(1).lower() in _NOT_LANGUAGES
    ):
        return None
    parts = [match.group(1).lower()]
    for sub in re.split(r"[-_]", match.group(2))[1:]:
        if len(sub) == 2 and sub.isalpha():
            parts.append(sub.upper())
        elif len(sub) == 4 and sub.isalpha():
            parts.append(sub.title())
        else:
            parts.append(sub.lower())
    return "-".join(parts)


# --- text ----------------------------------------------------------------------------------------


_PARAGRAPH_BREAK_RE = re.compile(r"\n\s*\n")


def plain_text(value: object) -> str | None:
    """Plain text with paragraphs kept (blank line between them), each paragraph collapsed."""
    text = clean_multiline(value)
    if not text:
        return None
    # Each paragraph as clean_text makes it: clean_multiline has dropped the control characters
    # and soft hyphens (NFC composes none), so what is left is collapsing the whitespace, which
    # str.split does with the same notion of whitespace as the \s of clean_text's regex (0.09 ->
    # 0.03 CPU s for bench.crawl_cost's 256 texts).
    paragraphs = (
        " ".join(unicodedata.normalize("NFC", p).split()) for p in _PARAGRAPH_BREAK_RE.split(text)
    )
    return "\n\n".join(p for p in paragraphs if p) or None


# Chinese and Japanese are written without spaces between words: Han, kana and half-width kana.
_UNSPACED_SCRIPT_RE = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]"
)


def word_count(text: str | None) -> int:
    """Whitespace-separated words; in Chinese and Japanese text, where words are not separated,
    each character counts as one (the usual measure of length in those languages)."""
    if not text:
        return 0
    unspaced = len(_UNSPACED_SCRIPT_RE.findall(text))
    if not unspaced:
        return len(text.split())
    return len(_UNSPACED_SCRIPT_RE.sub(" ", text).split()) + unspaced


def content_hash(text: str) -> str:
    """sha256 of the text lower-cased with all whitespace collapsed (NFC): the dedupe key, the
    same for the same article whatever its markup or line breaks."""
    normal = " ".join(unicodedata.normalize("NFC", text).lower().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()
