"""Publication dates from what the page shows, for pages whose structured data gives none or
gives one the page itself contradicts.

Two sources, both pure functions over the parsed tree:

* :func:`shown_dates` reads the dates printed just before and after the headline element
  (walking only that much text, never the whole page), each with its label ("Published",
  "Updated" or none), and :func:`dateline` picks the publication date among them.
* :func:`htmldate_published` asks htmldate (the library trafilatura uses) for the original
  publication date: URL, ``<time>``, ``<abbr>``, visible date lines.
  :func:`htmldate_extensive` is its extensive search, for pages with no date anywhere else,
  kept only when the page prints that day in full (:func:`printed_days`).

Values are strings for the normalise pipeline: ``YYYY-MM-DD`` when the page states only a day
(never an invented midnight), or an ISO 8601 date-time when it also states the time.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from lxml import etree

from tracker.extract.nearby import element_texts, texts_after, texts_before
from tracker.processing.normalise import (
    TZ_ABBREVIATION_HOURS,
    LanguageFirstDateParser,
    dateparser_languages,
    parse_datetime,
)

logger = logging.getLogger(__name__)

# Month names, lower-cased, of the languages the corpora hold most often; anything else is left
# to htmldate. Abbreviations are matched with an optional trailing dot.
# Icelandic (mbl.is) and Lithuanian genitive forms ("kovo": of March, as in "2024 m. kovo 31 d.")
# are at the end of each line.
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar jänner janvier janv enero ene gennaio gen janeiro januari stycznia "
        "janúar sausio",
        "february feb februar février févr fevr febrero febbraio fevereiro fev februari lutego "
        "febrúar vasario",
        "march mar märz mär maerz mars marzo março maart marts marca kovo",
        "april apr avril avr abril aprile abr kwietnia apríl balandžio",
        "may mai mayo maggio mag maio mei maj maja maí gegužės",
        "june jun juni juin junio giugno giu junho czerwca júní birželio",
        "july jul juli juillet juil julio luglio lug julho lipca júlí liepos",
        "august aug août aout agosto ago augusti augustus sierpnia ágúst rugpjūčio",
        "september sep sept septembre septiembre setiembre settembre set setembro września rugsėjo",
        "october oct oktober okt octobre octubre ottobre ott outubro out października október "
        "spalio",
        "november nov novembre noviembre novembro listopada nóvember lapkričio",
        "december dec dezember dez décembre déc decembre diciembre dic dicembre dezembro grudnia "
        "desember gruodžio",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS.setdefault(_name, _number)

_TIME = (
    # "kl." is the Nordic "at" ("3. mars 2025 kl. 13.05"; mbl.is, NRK).
    r"(?:\s*(?:at|um|à|a las|alle|kl\.?|,|\||-|–|—|·|•)?\s*"
    r"(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*"
    r"(?P<ampm>[aApP]\.?\s?[mM]\.?)?(?![\w:])\s*"
    r"(?P<zone>\(?(?:[A-Z]{2,4}T|UTC|GMT)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?\)?|[+-]\d{2}:?\d{2})?)?"
)
# A month name is any word here, looked up in _MONTHS afterwards: an alternation of all the
# names costs ten times more. Each form names its groups; all are tried, the earliest wins.
_DATE_FORMS = [
    # Lithuanian: 2024 m. kovo 31 d. (year "m.", genitive month, day "d."), 2024 m. kovo 31 d. 15:30
    re.compile(
        r"(?<!\d)(?P<year>\d{4})\s*m\.\s+(?P<month_name>[^\W\d_]{3,10})\s+(?P<day>\d{1,2})\s*d\.?"
        + _TIME
    ),
    # Dec 12, 2025 / December 15th 2025 / Sept. 3 2024
    re.compile(
        r"(?P<month_name>[^\W\d_]{3,10})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+"
        r"(?P<year>\d{4})(?!\d)" + _TIME
    ),
    # 16 December 2025 / 3. Mai 2024 / 3 de mayo de 2024 / 1er mai 2024 / 5th Jan, 2024
    re.compile(
        r"(?<![\d.])(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.|º)?\s*(?:de\s+)?"
        r"(?P<month_name>[^\W\d_]{3,10})\.?,?\s+(?:de\s+)?(?P<year>\d{4})(?!\d)" + _TIME
    ),
    # 2025-02-22, 2025-02-22T10:00:00+01:00, 2025/12/19, 2025.12.19, 2021 – 01 – 18
    re.compile(
        r"(?<![\d./-])(?P<year>(?:19|20)\d\d)(?P<sep>[-/.]| [-–] )(?P<month>\d{1,2})(?P=sep)"
        r"(?P<day>\d{1,2})(?![\d/-])"
        # Korean datelines put 오전/오후 (AM/PM) before the time: "2025.01.13 오후 3:05"; Hankook
        # Ilbo's script writes "오후 03시 05분".
        r"(?:(?:T|\s*(?P<meridiem>오전|오후)\s*|\s)(?P<hour>\d{1,2})(?::|시\s*)(?P<minute>\d{2})분?"
        r"(?::(?P<second>\d{2}))?(?:\.\d+)?"
        r"(?P<zone>Z|[+-]\d{2}:?\d{2})?)?"
    ),
    # 12/19/2025, 19.12.2025, 09/11/25 (order decided by the page's language)
    re.compile(
        r"(?<![\d./-])(?P<first>\d{1,2})(?P<sep>[/.])(?P<second_part>\d{1,2})(?P=sep)"
        r"(?P<year>\d{4}|\d{2})(?![\d/]|\.\d)" + _TIME
    ),
]
_KOREAN_MERIDIEM = {"오전": "am", "오후": "pm"}
# Every date form holds a year: the forms only run on the text around each of them.
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_AROUND_YEAR = 30
# Words in front of a date that say what it is (a few words back, same line of the page).
_UPDATED_RE = re.compile(
    r"(?:updated|updates?|modified|edited|reviewed|revised|refreshed|fact[- ]checked|"
    r"aktualisiert|geändert|mis à jour|mise à jour|actualizado|actualización|aggiornato|"
    r"atualizado|bijgewerkt|uppdaterad|opdateret|oppdatert|güncelleme|güncellendi|uppfært|"
    r"atnaujinta|수정)"
    r"\b[^\d]{0,25}$",
    re.I,
)
_PUBLISHED_RE = re.compile(
    r"(?:published|posted|released|written|created|date|dated|erschienen|veröffentlicht|publiziert|"
    r"publié|publicado|pubblicato|gepubliceerd|publicerad|publiceret|publisert|first|birt|"
    r"paskelbta|입력)"
    r"\b[^\d]{0,25}$",
    re.I,
)
# How much page text around the headline the dateline may be in.
AFTER_HEADLINE_CHARS = 600
BEFORE_HEADLINE_CHARS = 200
# An unlabelled date before the headline is its dateline only this close to it.
NEAR_HEADLINE_CHARS = 40
# A text node longer than this is prose: an unlabelled date in it is not a dateline.
PROSE_CHARS = 150
PROSE_WORDS_BEFORE = 6


@dataclass(frozen=True)
class ShownDate:
    """A date printed on the page: its value for the normalise pipeline and what labels it."""

    # YYYY-MM-DD; or ISO 8601 date-time when the page prints the time too (with its offset when
    # it prints the zone, or the datetime attribute of the <time> element printing it).
    value: str
    day: date
    label: str  # "published", "updated" or "" (none)
    before_headline: bool = False
    # The other reading of a numeric date the page's language leaves open (01/06/2026).
    other_day: date | None = None
    right_before_headline: bool = False


def _offset(zone: str | None) -> timezone | None:
    if not zone:
        return None
    zone = zone.strip("() ")
    if zone.upper() == "Z":
        return UTC
    match = re.fullmatch(r"(?:(UTC|GMT)\s?)?([+-])(\d{1,2}):?(\d{2})?", zone, re.I)
    if match:
        sign = -1 if match.group(2) == "-" else 1
        return timezone(
            sign * timedelta(hours=int(match.group(3)), minutes=int(match.group(4) or 0))
        )
    hours = TZ_ABBREVIATION_HOURS.get(zone.upper())
    return timezone(timedelta(hours=hours)) if hours is not None else None


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _numeric_order(first: int, second: int, separator: str, language: str) -> str:
    """How to read "first/second/year": "dm", "md", or "?" when the page does not say."""
    if first > 12:
        return "dm"
    if second > 12:
        return "md"
    if first == second:
        return "dm"
    language = language.lower()
    if language in ("", "en"):
        return "?"  # English alone: month first in the US, day first elsewhere
    if language == "en-us":
        return "md" if separator == "/" else "?"
    return "dm"


def _to_shown(
    match: re.Match[str], language: str, latest_year: int
) -> tuple[str, date, date | None] | None:
    """The value, day and other possible day of one date match (``01/06/2026`` read both ways
    when the page's language does not decide), or None when it is not a valid recent date."""
    groups = match.groupdict()
    other: date | None = None
    try:
        year = _year(groups["year"])
        if groups.get("month_name"):
            month = _MONTHS[groups["month_name"].lower().rstrip(".")]
            day_number = int(groups["day"])
        elif groups.get("first"):
            first, second = int(groups["first"]), int(groups["second_part"])
            order = _numeric_order(first, second, groups["sep"], language)
            day_number, month = (second, first) if order == "md" else (first, second)
            if order == "?":
                other = date(year, first, second)
        else:
            month, day_number = int(groups["month"]), int(groups["day"])
        day = date(year, month, day_number)
    except (ValueError, KeyError, TypeError):
        return None
    if not 1995 <= year <= latest_year:
        return None
    zone = _offset(groups.get("zone"))
    if groups.get("hour") is None or other is not None:
        return day.isoformat(), day, other
    hour, minute = int(groups["hour"]), int(groups["minute"])
    ampm = (groups.get("ampm") or _KOREAN_MERIDIEM.get(groups.get("meridiem") or "", "")).lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    try:
        when = datetime(year, month, day_number, hour, minute, int(groups.get("second") or 0))
    except ValueError:
        return day.isoformat(), day, None
    # A time without a zone stays naive: the normalise pipeline applies the publisher's zone
    # (or UTC) and records that it assumed one, as for any structured value without a zone.
    return (when.replace(tzinfo=zone) if zone else when).isoformat(), day, None


def _time_element(el: etree._Element) -> etree._Element | None:
    """The <time> element at or just above ``el`` (the element printing a date), or None."""
    node: etree._Element | None = el
    for _ in range(3):
        if node is None or node.tag == "time":
            return node
        node = node.getparent()
    return None


def _time_attribute(el: etree._Element, day: date) -> str | None:
    """The ``datetime`` of the <time> element (at or just above ``el``) printing ``day``, when
    it agrees with the printed day: it carries the time and offset the text leaves out."""
    time = _time_element(el)
    value = (time.get("datetime") or "").strip() if time is not None else ""
    return value if value.startswith(day.isoformat()) else None


_DATETIME_DAY_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?![\d])")


def _read_by_time_attribute(
    el: etree._Element | None, shown: ShownDate, latest_year: int
) -> ShownDate:
    """The date shown read the way the ``datetime`` of the <time> element printing it says:
    the machine-readable value of the same element names the day, the text only formats it.

    * A numeric date the page's language leaves open (``10/12/2023``) is read as the attribute
      says (``2023-10-12T19:38:01Z``).
    * A text naming another day than the attribute (``<time datetime="2024-12-20">August 28,
      2024</time>``) is read by the attribute, unless the two are within a day and the
      attribute states a time: the same instant in two zones (an attribute in UTC, the text in
      the page's local day), where the text's local day stands. A placeholder attribute
      (before 1995, or past next year) is not a date, and a <time> printing more than one
      date ("Published ... Updated ...") says which of them it means by its attribute alone."""
    time = _time_element(el) if el is not None else None
    if time is None:
        return shown
    value = (time.get("datetime") or "").strip()
    match = _DATETIME_DAY_RE.match(value)
    if match is None:
        return shown
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return shown
    readings = [shown.day] if shown.other_day is None else [shown.day, shown.other_day]
    if day in readings:
        if shown.other_day is None:
            return shown
        return replace(shown, value=value, day=day, other_day=None)
    if not 1995 <= day.year <= latest_year:
        return shown
    if len(value) > 10 and any(abs((day - reading).days) <= 1 for reading in readings):
        return shown
    if len(_YEAR_RE.findall(time.text_content())) > 1:
        return shown
    return replace(shown, value=value, day=day, other_day=None)


def _matches(text: str) -> Iterator[re.Match[str]]:
    """Matches of every date form in ``text``. The forms with a month name run only around
    four-digit years: a word pattern tried at every position of the text costs ten times more."""
    for year in _YEAR_RE.finditer(text):
        start, end = max(0, year.start() - _AROUND_YEAR), year.end() + _AROUND_YEAR
        for form in _DATE_FORMS[:3]:
            yield from form.finditer(text, start, end)
    for form in _DATE_FORMS[3:]:
        yield from form.finditer(text)


def dates_in(text: str, language: str = "", latest_year: int | None = None) -> list[ShownDate]:
    """Every date printed in ``text`` with its label, in order (no element context)."""
    return _dates_in_segments([(text, None)], language, latest_year)


def _in_prose(joined: str, segment_start: int, segment_length: int, match: re.Match[str]) -> bool:
    """Whether an unlabelled date sits in a sentence of the text ("... is April 15, 2025.")
    rather than a dateline: a long text node, or one with several words in front of it."""
    if segment_length > PROSE_CHARS:
        return True
    words_before = [w for w in joined[segment_start : match.start()].split() if w.isalpha()]
    return len(words_before) >= PROSE_WORDS_BEFORE


def _dates_in_segments(
    segments: list[tuple[str, etree._Element | None]],
    language: str,
    latest_year: int | None,
    before_headline: bool = False,
) -> list[ShownDate]:
    latest = latest_year or date.today().year + 1
    joined = ""
    starts: list[tuple[int, int, etree._Element | None]] = []
    for text, el in segments:
        collapsed = " ".join(text.split())
        starts.append((len(joined), len(collapsed), el))
        joined += collapsed + " "
    found: list[tuple[int, int, ShownDate]] = []
    seen: set[int] = set()
    for match in _matches(joined):
        shown = None if match.start() in seen else _to_shown(match, language, latest)
        if shown is None:
            continue
        seen.add(match.start())
        value, day, other_day = shown
        el, segment_start, segment_length = None, 0, 0
        for start, length, candidate in starts:
            if start > match.start():
                break
            el, segment_start, segment_length = candidate, start, length
        before = joined[max(0, match.start() - 40) : match.start()]
        label = (
            "updated"
            if _UPDATED_RE.search(before)
            else "published"
            if _PUBLISHED_RE.search(before)
            else ""
        )
        if not label and _in_prose(joined, segment_start, segment_length, match):
            continue
        if el is not None and value == day.isoformat():
            value = _time_attribute(el, day) or value
        near = before_headline and len(joined) - match.end() <= NEAR_HEADLINE_CHARS
        found.append(
            (
                match.start(),
                match.end(),
                _read_by_time_attribute(
                    el, ShownDate(value, day, label, before_headline, other_day, near), latest
                ),
            )
        )
    found.sort(key=lambda f: f[0])
    # Forms overlap ("Friday, 12/19/2025" and "12/19/2025"): keep the first of overlapping ones.
    kept: list[ShownDate] = []
    end = -1
    for start, stop, candidate in found:
        if start >= end:
            kept.append(candidate)
            end = stop
    return kept


def shown_dates(
    headline: etree._Element | None, language: str = "", latest_year: int | None = None
) -> list[ShownDate]:
    """The dates printed just before and just after the headline element, in page order."""
    if headline is None:
        return []
    before = _dates_in_segments(
        texts_before(headline, BEFORE_HEADLINE_CHARS), language, latest_year, True
    )
    after = _dates_in_segments(
        list(texts_after(headline, AFTER_HEADLINE_CHARS)), language, latest_year
    )
    return before + after


def dateline(dates: list[ShownDate]) -> ShownDate | None:
    """The publication date among the dates shown around the headline, or None.

    The first date labelled as published wins; else the first unlabelled one after the
    headline; else the first one labelled as an update (a page that shows only "Updated ..."
    presents that day as the date of the text it shows). Before the headline an unlabelled
    date counts only right above it: further up it is usually today's date in the site's
    header.
    """
    for wanted in ("published", "", "near", "updated"):
        for shown in dates:
            if shown.other_day is not None:
                continue  # 01/06/2026: January or June, the page does not say
            if wanted == "near":
                if not shown.label and shown.right_before_headline:
                    return shown
            elif shown.label == wanted and (wanted or not shown.before_headline):
                return shown
    return None


def htmldate_published(
    tree: etree._Element, url: str, *, extensive: bool = False, language: str = ""
) -> str | None:
    """htmldate's original publication date for the page (``YYYY-MM-DD``), or None.

    htmldate copies the tree before pruning it, so ``tree`` is left as it was. The values its
    extensive search hands to dateparser are read in the page's ``language`` (a BCP 47 tag)
    and English first (:func:`_language_first_external_parser`).
    """
    from htmldate import find_date

    _install_language_first_parser()
    token = _HTMLDATE_LANGUAGES.set(dateparser_languages([language] if language else []))
    try:
        found = find_date(tree, url=url or None, extensive_search=extensive, original_date=True)
    except Exception:  # htmldate is a heuristic over arbitrary markup: never fail the page
        logger.debug("htmldate failed on %s", url, exc_info=True)
        return None
    finally:
        _HTMLDATE_LANGUAGES.reset(token)
    return found or None


# The dateparser languages of the page htmldate is reading (None: not one of our calls).
_HTMLDATE_LANGUAGES: ContextVar[tuple[str, ...] | None] = ContextVar(
    "htmldate_languages", default=None
)
_htmldate_every_language: Any = None


def _install_language_first_parser() -> None:
    """Have htmldate's extensive search use :func:`_language_first_external_parser`.

    htmldate reads the values its extensive search finds with one dateparser parser for every
    language (``htmldate.extractors.get_external_parser``, called at each value), which loads
    each of 200 languages' data as it tries it: 3.4 CPU s the first time a value is a date in
    none of them, in every crawl that meets one. htmldate has no setting for the languages, so
    the function is replaced (once, in this process) by one that answers with the page's
    languages first while one of our calls runs and with htmldate's own parser otherwise.
    """
    global _htmldate_every_language
    if _htmldate_every_language is not None:
        return
    import htmldate.extractors

    _htmldate_every_language = htmldate.extractors.get_external_parser
    htmldate.extractors.get_external_parser = _language_first_external_parser  # type: ignore[assignment]


def _language_first_external_parser() -> Any:
    """htmldate's dateparser parser, in the page's languages first while htmldate_published
    runs (tracker.processing.normalise.LanguageFirstDateParser); htmldate's own otherwise."""
    languages = _HTMLDATE_LANGUAGES.get()
    if languages is None:
        return _htmldate_every_language()
    return LanguageFirstDateParser(languages)


# A site's footer prints the site's dates ("Last Updated: January 12, 2026" under every page).
_IN_FOOTER = etree.XPath("boolean(ancestor-or-self::footer)")


def printed_days(tree: etree._Element, language: str = "") -> set[date]:
    """Every day printed in full (day, month and year) anywhere in the page's text as a
    dateline would print it: labelled ("Last updated: November 13, 2025") or standing alone in
    a short text, not inside a sentence, and not in the site's footer. One pass over the page:
    only for pages that gave no date otherwise."""
    segments = [
        (text, el)
        for text, el in element_texts(tree)
        if _YEAR_RE.search(text) and not _IN_FOOTER(el)
    ]
    days: set[date] = set()
    for shown in _dates_in_segments(segments, language, None):
        if shown.other_day is None:
            days.add(shown.day)
    return days


def htmldate_extensive(tree: etree._Element, url: str, language: str = "") -> str | None:
    """htmldate's extensive search (date lines anywhere in the page), kept only when the page
    prints that day in full: its extensive search also reads a bare year or month (a
    copyright line, "2025 Guide") as the 1st of January or of the month, a date nobody
    printed.

    The printed days are read first (one cheap pass over the page's texts): on a page that
    prints no full day, whatever the extensive search found would be dropped, so it is not
    run at all (it costs about a tenth of a second a page; most pages that get this far print
    no full day)."""
    days = printed_days(tree, language)
    if not days:
        return None
    found = htmldate_published(tree, url, extensive=True, language=language)
    if not found:
        return None
    try:
        day = date.fromisoformat(found[:10])
    except ValueError:
        return None
    return found if day in days else None


def agrees(structured: str, shown: ShownDate, slack_days: int = 0) -> bool:
    """Whether a structured date (JSON-LD, meta, feed; raw) names the day the page shows.

    A value in UTC may fall on the day before or after the local day the page prints, so for
    it any day within the offsets in use (-12 h to +14 h) agrees; a value with its own offset,
    or none, must name the same day.
    """
    iso, assumed = parse_datetime(structured)
    if iso is None:
        return False
    when = datetime.fromisoformat(iso)
    offset = when.utcoffset()
    days = {shown.day} if shown.other_day is None else {shown.day, shown.other_day}
    slack = timedelta(days=slack_days)
    if assumed or offset is None or offset:
        earliest = latest = when.date()
    else:
        earliest, latest = (when - timedelta(hours=12)).date(), (when + timedelta(hours=14)).date()
    return any(earliest - slack <= day <= latest + slack for day in days)
