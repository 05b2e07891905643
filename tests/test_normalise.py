"""tracker.processing.normalise: dates, authors, URLs, languages and the text hash, on bare
strings."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from tracker.extract.markdown import markdown_to_text
from tracker.processing.normalise import (
    absolute_http_url,
    canonical_url,
    clean_authors,
    clean_list,
    clean_multiline,
    clean_text,
    content_hash,
    normalise_language,
    parse_datetime,
    plain_text,
    url_key,
    word_count,
)


@pytest.mark.parametrize(
    ("raw", "iso", "assumed"),
    [
        # Parse.ly's parsely-pub-date on nasa.gov
        ("2023-11-02T18:06:51Z", "2023-11-02T18:06:51+00:00", False),
        # RSS pubDate of the real NASA feed
        ("Thu, 14 Mar 2024 14:27:52 +0000", "2024-03-14T14:27:52+00:00", False),
        ("2024-02-12T10:00:00.123+05:30", "2024-02-12T10:00:00+05:30", False),
        # A date without a time stays a date: no invented midnight, no assumed zone.
        ("Feb 12, 2024", "2024-02-12", False),
        ("Nov 02, 2023", "2023-11-02", False),
        ("12 February 2024", "2024-02-12", False),
        ("2024-02-12", "2024-02-12", False),
        # A stated midnight is a time like any other.
        ("2024-02-12T00:00:00+01:00", "2024-02-12T00:00:00+01:00", False),
        ("Updated: Feb 12, 2024 10:05 AM EST", "2024-02-12T10:05:00-05:00", False),
        ("Fri Apr 28 19:20:36 CEST 2023", "2023-04-28T19:20:36+02:00", False),  # FAZ (fundus)
        ("1700000000", "2023-11-14T22:13:20+00:00", False),
        ("1700000000123", "2023-11-14T22:13:20+00:00", False),
        (1700000000, "2023-11-14T22:13:20+00:00", False),
        # Only dateparser reads this one (the slow last resort).
        ("12 février 2024", "2024-02-12", False),
    ],
)
def test_parse_datetime_gives_iso_with_offset(raw: object, iso: str, assumed: bool) -> None:
    assert parse_datetime(raw) == (iso, assumed)


def test_a_date_without_zone_takes_the_publishers_zone_when_given() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    # NTV's value (fundus corpus): summer and winter time both come out right.
    assert parse_datetime("2023-04-28 18:11:01.0", berlin) == ("2023-04-28T18:11:01+02:00", True)
    assert parse_datetime("2023-01-28 18:11:01", berlin) == ("2023-01-28T18:11:01+01:00", True)
    # A value with its own zone keeps it.
    assert parse_datetime("2023-01-28T18:11:01Z", berlin) == ("2023-01-28T18:11:01+00:00", False)


def _locales_loaded_after(code: str) -> list[str]:
    """The dateparser locales a fresh process has loaded after running ``code``."""
    import json
    import subprocess
    import sys

    script = (
        "import json\n"
        "from tracker.processing.normalise import parse_datetime\n"
        f"print(json.dumps({code}))\n"
        "from dateparser.languages.loader import default_loader\n"
        "print(json.dumps(sorted(default_loader._loaded_locales)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    parsed, locales = result.stdout.splitlines()[-2:]
    return [json.loads(parsed), *json.loads(locales)]


def test_dateparser_loads_only_the_languages_a_date_needs() -> None:
    """dateparser once loaded all its 205 locales (3-10 s) for any value English could read but
    that was not a full date; now the article's language and English are tried first, and
    the rest only for a value with a word they do not know."""
    assert _locales_loaded_after("parse_datetime('Tuesday 10:05 AM')") == [[None, False], "en"]
    german = "parse_datetime('12. März 2024 10:05', languages=['de-DE'])"
    # Tried in the given order: English is not even loaded when German reads it.
    assert _locales_loaded_after(german) == [["2024-03-12T10:05:00+00:00", True], "de"]
    # A date in a language the page did not declare still parses, through all of them.
    italian = _locales_loaded_after("parse_datetime('12 giugno 2024', languages=['en-GB'])")
    assert italian[0] == ["2024-06-12", False]  # a day without a time stays a day
    assert "it" in italian[1:]


def test_a_dateline_of_fields_is_read_in_the_page_language_before_every_other() -> None:
    """Xinhua's dateline (a real one, tests/fixtures/people/) was tried in all of
    dateparser's languages (3.4 s of locale loading) before its first field was read in
    Chinese; now its fields come first, and every language only when they fail."""
    xinhua = "parse_datetime('2024年04月24日23:52 | 来源：新华网', languages=['zh'])"
    assert _locales_loaded_after(xinhua) == [["2024-04-24T23:52:00+00:00", True], "en", "zh"]
    # A field in a language the page did not declare still parses, through all of them.
    italian = _locales_loaded_after(
        "parse_datetime('12 giugno 2024 | Redazione', languages=['en-GB'])"
    )
    assert italian[0] == ["2024-06-12", False]
    assert "it" in italian[1:]


@pytest.mark.parametrize(
    ("raw", "language", "zone", "iso"),
    [
        # Dates as the fixture pages print them next to the headline (tests/fixtures/<spider>).
        # Day first in these languages: dateparser ranked English first and read month first.
        ("06.01.2026 - 16:25", "nb", "Europe/Oslo", "2026-01-06T16:25:00+01:00"),  # dagbladet
        ("02/12/2024 10:16", "es", "Europe/Madrid", "2024-12-02T10:16:00+01:00"),  # elmundo
        ("11.2.2025 | 23:55", "is", "Atlantic/Reykjavik", "2025-02-11T23:55:00+00:00"),  # mbl.is
        # Nordic dotted times after "kl." were dropped (the value was taken for a date alone),
        # and labels in the page's language were not taken off.
        ("Publisert 05.08.2024, kl. 13.05", "nb-NO", "Europe/Oslo", "2024-08-05T13:05:00+02:00"),
        ("23 oktober 2025 kl 10.23", "sv", "Europe/Stockholm", "2025-10-23T10:23:00+02:00"),
        ("Publikacja: 02.02.2025 21:52", "pl", "Europe/Warsaw", "2025-02-02T21:52:00+01:00"),
        # sermitsiaq: Greenland's zone, UTC-2 since 2023
        (
            "Offentliggjort torsdag 06. feb 2025 17:25",
            "da",
            "America/Nuuk",
            "2025-02-06T17:25:00-02:00",
        ),
        # English stays month first.
        ("02/12/2024 10:16", "en", "America/New_York", "2024-02-12T10:16:00-05:00"),
    ],
)
def test_parse_datetime_reads_dates_in_the_page_language(
    raw: str, language: str, zone: str, iso: str
) -> None:
    assert parse_datetime(raw, ZoneInfo(zone), [language]) == (iso, True)


@pytest.mark.parametrize(
    ("raw", "language"),
    # Times printed alone on fixture pages (El País's and Mallorca Zeitung's live updates,
    # Aftonbladet's "Publicerad 22:31"): they were read as July 2035, April 2036, March 2022.
    [
        ("17:35", "es"),
        ("14:36", "de"),
        ("13:00", "cs"),
        ("Publicerad 22:31", "sv"),
        ("17:35", "en"),
    ],
)
def test_a_time_alone_is_no_date(raw: str, language: str) -> None:
    assert parse_datetime(raw, ZoneInfo("Europe/Madrid"), [language]) == (None, False)


@pytest.mark.parametrize("raw", [None, "", "2025", "garbage text", "0", "9999-99-99"])
def test_parse_datetime_refuses_what_is_not_a_date(raw: object) -> None:
    assert parse_datetime(raw) == (None, False)


@pytest.mark.parametrize(
    "raw", ["1e5", "1e400", "1E5", "-2.5e3", "12e3", "1.5", "5h", "1d", "2 e", 1e400, float("nan")]
)
def test_parse_datetime_does_not_invent_a_time_for_numbers(raw: object) -> None:
    # Issue 13, case 8: dateparser read these as "an hour ago" (and so on).
    assert parse_datetime(raw) == (None, False)


def test_relative_dates_in_words_are_still_read() -> None:
    for text in ("5 hours ago", "vor 2 Stunden", "hace 3 horas"):
        iso, _ = parse_datetime(text)
        assert iso is not None, text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["Christine E. Giraldo"], ["Christine E. Giraldo"]),
        (["By JOHN SMITH and Jane Doe"], ["John Smith", "Jane Doe"]),
        (["Jane Doe, Senior Reporter"], ["Jane Doe"]),
        (["Jane Doe, John Roe"], ["Jane Doe", "John Roe"]),
        (["Jane Doe | NASA"], ["Jane Doe"]),
        (["Written by Jane Doe - The Guardian"], ["Jane Doe"]),
        (["Jane Doe (jane.doe@example.com)"], ["Jane Doe"]),
        # The publisher is the author only when nobody else is named.
        (["NASA"], ["NASA"]),
        (["NASA", "Jane Doe"], ["Jane Doe"]),
        (["jane@example.com"], []),
        (["Staff"], []),
        (["Jane Doe", "jane doe", "JANE DOE"], ["Jane Doe"]),
        (["Alexandra Anderson & Bob Lee; Chris Wu"], ["Alexandra Anderson", "Bob Lee", "Chris Wu"]),
        (["<a href='/x'>Jane Doe</a>"], ["Jane Doe"]),
        ("By Jane Doe", ["Jane Doe"]),
        # German credit labels (Sportschau's ".backlink__author": "Quelle: sid/dpa").
        (["Quelle: sid", "dpa"], ["sid", "dpa"]),
        (["Redaktion: Jane Doe"], ["Jane Doe"]),
    ],
)
def test_clean_authors(raw: object, expected: list[str]) -> None:
    assert clean_authors(raw, ["NASA"]) == expected


def test_clean_authors_keeps_mixed_case_names_as_written() -> None:
    assert clean_authors(["danah boyd", "Ursula von der Leyen"]) == [
        "danah boyd",
        "Ursula von der Leyen",
    ]


def test_clean_text_nfc_control_characters_and_whitespace() -> None:
    assert clean_text("  Cafe\u0301\x00 \n\t news\u200b ") == "Café news"
    assert clean_text("   ") is None
    assert clean_text(None) is None


def test_clean_multiline_keeps_paragraphs_and_drops_control_characters() -> None:
    assert clean_multiline("a\r\nb\x00\n\n\n\nc  \nd") == "a\nb\n\nc  \nd"


def test_soft_hyphens_are_deleted_not_spaced() -> None:
    # The headline of a Legal Tribune Online page (tests/fixtures/lto), hyphenated for the browser.
    h1 = (
        "Waffenlieferungen an Israel: Pal\u00e4s\u00adti\u00adnenser legt "
        "Ver\u00adfas\u00adsungs\u00adbe\u00adschwerde ein"
    )
    expected = "Waffenlieferungen an Israel: Pal\u00e4stinenser legt Verfassungsbeschwerde ein"
    assert clean_text(h1) == expected
    assert clean_multiline(h1 + "\n\nZweiter Ab\u00adsatz") == expected + "\n\nZweiter Absatz"


def test_a_dateline_of_fields_gives_its_leading_date() -> None:
    # Real page: rbb24's dateline (tests/fixtures/rbb24) holds the date, the time and the byline
    # in one line; it used to give no date, and htmldate the day alone.
    berlin = ZoneInfo("Europe/Berlin")
    line = "Do 25.04.24 | 14:07 Uhr  | Von Eva Kirchner-Rätsch"
    assert parse_datetime(line, berlin, ["de"]) == ("2024-04-25T14:07:00+02:00", True)
    assert parse_datetime("Berlin | Von Eva Kirchner-Rätsch", berlin, ["de"]) == (None, False)


def test_german_byline_and_date_labels() -> None:
    # Deutsche Welle's older layout (tests/fixtures/dw/fundus-2023-04-28): "Datum" and
    # "Autorin/Autor" rows under the article.
    assert clean_authors(["Autorin/Autor Roman Goncharenko"]) == ["Roman Goncharenko"]
    assert parse_datetime("Datum 28.04.2023") == ("2023-04-28", False)
    assert parse_datetime("Stand: 28.04.2023")[0] == "2023-04-28"
    assert parse_datetime("Standard 2023") == (None, False)


def test_clean_list_splits_dedupes_and_drops_empties() -> None:
    assert clean_list("Artemis, Moon, , artemis", split_commas=True) == ["Artemis", "Moon"]
    assert clean_list(["Moon", None, " Moon "]) == ["Moon"]


@pytest.mark.parametrize(
    ("raw", "base", "expected"),
    [
        (
            "HTTPS://WWW.Nasa.gov/a/b/?utm_source=rss&b=2&a=1&fbclid=x#comments",
            None,
            "https://www.nasa.gov/a/b/?a=1&b=2",
        ),
        ("/news/x", "https://www.nasa.gov/feed/", "https://www.nasa.gov/news/x"),
        ("https://www.nasa.gov", None, "https://www.nasa.gov/"),
        ("javascript:alert(1)", None, None),
        ("data:text/html,<script>alert(1)</script>", None, None),
        ("mailto:a@b.c", None, None),
        ("ftp://example.com/x", None, None),
        ("not a url", None, None),
    ],
)
def test_canonical_url(raw: str, base: str | None, expected: str | None) -> None:
    assert canonical_url(raw, base) == expected


def test_absolute_http_url_resolves_relative_and_keeps_the_query() -> None:
    assert absolute_http_url("img.jpg?w=2048", "https://www.nasa.gov/a/") == (
        "https://www.nasa.gov/a/img.jpg?w=2048"
    )
    assert absolute_http_url("//cdn.example.com/i.png", "https://x.org/") == (
        "https://cdn.example.com/i.png"
    )
    assert absolute_http_url("JavaScript:alert(1)", "https://x.org/") is None


def test_url_key_is_the_same_for_tracking_variants() -> None:
    assert url_key("https://x.org/a?utm_medium=rss#top") == url_key("https://X.org/a")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("en-US", "en-US"),
        ("en_us", "en-US"),
        ("EN", "en"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("English", "en"),
        ("en-GB,en;q=0.9", "en-GB"),
        ("not a language", None),
        ("", None),
    ],
)
def test_normalise_language(raw: str, expected: str | None) -> None:
    assert normalise_language(raw) == expected


def test_markdown_to_text_drops_syntax_and_keeps_words() -> None:
    markdown = (
        "### A heading\n\nSome **bold** and [a link](https://x.org/) with ![alt](https://x.org/i)"
        ".\n\n- one\n- two\n\n> quoted\n\n---\n\n[ref]: https://x.org/"
    )
    assert markdown_to_text(markdown) == (
        "A heading\n\nSome bold and a link with .\n\none two\n\nquoted"
    )


def test_content_hash_ignores_case_and_whitespace_but_not_words() -> None:
    text = plain_text("The Moon\n\nis   bright.")
    assert text == "The Moon\n\nis bright."
    assert content_hash(text) == content_hash("the moon is bright.")
    assert content_hash(text) != content_hash("the moon is dark.")
    assert len(content_hash(text)) == 64


def test_word_count() -> None:
    assert word_count("one two\n\nthree") == 3
    assert word_count(None) == 0


def test_word_count_of_japanese_counts_characters() -> None:
    # The real Mainichi Shimbun article (fundus corpus): written without spaces, it was counted
    # as 7 "words" and rejected as a stub by validate.
    import json
    from pathlib import Path

    pages = Path(__file__).parent / "fixtures" / "extract" / "pages"
    expected = json.loads((pages / "jp_MainichiShimbun.expected.json").read_text())["expected"]
    paragraphs = expected["body"]["summary"] + [
        p for section in expected["body"]["sections"] for p in section["paragraphs"]
    ]
    text = "\n\n".join(paragraphs)
    assert len(text.split()) < 10
    assert word_count(text) > 300
    # Mixed text: "NASA" and "2024" are words, and each of the six kana/kanji counts as one.
    assert word_count("NASA の 探査機 が 2024年") == 2 + 6


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        # People's Daily's line under the headline (fundus corpus, cn/People): the date, a bar,
        # then the source. It was not read at all.
        ("2024年04月24日23:52 | 来源：新华网", "2024-04-24T23:52:00+08:00"),
        # Hours and minutes with CJK units were read as a date alone (the time was lost).
        ("2025年1月13日 21時37分", "2025-01-13T21:37:00+08:00"),  # Asahi's shown date
        ("2024年4月24日 23时52分", "2024-04-24T23:52:00+08:00"),
        ("2025년 5월 15일 20시 05분", "2025-05-15T20:05:00+08:00"),
    ],
)
def test_cjk_times_and_datelines_are_read_with_their_time(raw: str, iso: str) -> None:
    assert parse_datetime(raw, ZoneInfo("Asia/Shanghai"), ["zh", "ja", "ko"]) == (iso, True)


@pytest.mark.parametrize(
    ("raw", "language", "zone", "iso"),
    [
        # Korean datelines labelled 입력 ("entered"): the label was not taken off and the value
        # gave no date at all. Hankook Ilbo (fundus kr/HankookIlbo_2026_07_12, under the headline)
        # and MBN/mk.co.kr (fundus kr/MBN, "<dt>입력&nbsp;:&nbsp;</dt><dd>...").
        ("입력 2026.07.12 22:09", "ko", "Asia/Seoul", "2026-07-12T22:09:00+09:00"),
        ("입력 : 2025-06-04 02:37:08", "ko", "Asia/Seoul", "2025-06-04T02:37:08+09:00"),
        # 오전/오후 (AM/PM) before the time; 오후 12 is noon, 오전 12 midnight. Hand-made values in
        # the form of the brief (no corpus page prints a dateline this way; Hankook Ilbo's script
        # writes "오후 03시 05분" for its relative times).
        ("입력 2025-01-13 오후 03:05", "ko", "Asia/Seoul", "2025-01-13T15:05:00+09:00"),
        ("2025.01.13 오후 12:05", "ko", "Asia/Seoul", "2025-01-13T12:05:00+09:00"),
        ("2025.01.13 오전 12:05", "ko", "Asia/Seoul", "2025-01-13T00:05:00+09:00"),
        # mbl.is's update line (fundus isl/Morgunbladid, "Uppfært 12.2.2025 7:25"): no date.
        ("Uppfært 12.2.2025 7:25", "is", "Atlantic/Reykjavik", "2025-02-12T07:25:00+00:00"),
        # mbl.is prints the weekday and month name ("Miðvikudagur, 16. apríl 2025" in its
        # header); with the Nordic "kl. 13.05" time (hand-made: that page prints no time there)
        # the value gave no date, as dateparser's Icelandic does not know "kl.".
        (
            "Mánudagur 3. mars 2025 kl. 13.05",
            "is",
            "Atlantic/Reykjavik",
            "2025-03-03T13:05:00+00:00",
        ),
        # Lithuanian "2024 m. kovo 31 d." (year "m.", genitive month, day "d."). Hand-made: the
        # corpus's LRT page prints only "2024.03.31 19:59"; the day is that page's.
        ("2024 m. kovo 31 d. 19:59", "lt", "Europe/Vilnius", "2024-03-31T19:59:00+03:00"),
        ("2024 m. gruodžio 3 d., 08:15", "lt", "Europe/Vilnius", "2024-12-03T08:15:00+02:00"),
    ],
)
def test_datelines_of_korean_icelandic_and_lithuanian_publishers(
    raw: str, language: str, zone: str, iso: str
) -> None:
    assert parse_datetime(raw, ZoneInfo(zone), [language]) == (iso, True)


def test_a_lithuanian_day_alone_stays_a_day() -> None:
    assert parse_datetime("2024 m. kovo 31 d.", ZoneInfo("Europe/Vilnius"), ["lt"]) == (
        "2024-03-31",
        False,
    )


def test_a_bar_after_something_that_is_not_a_date_gives_no_date() -> None:
    assert parse_datetime("garbage | 2024") == (None, False)


def test_a_charset_is_not_a_language() -> None:
    # People's Daily's <meta http-equiv="Content-Language" content="utf-8"> (fundus, cn/People)
    # became the article's language "utf-8".
    assert normalise_language("utf-8") is None
    assert normalise_language("zh-Hant-TW") == "zh-Hant-TW"
    assert normalise_language("en_us") == "en-US"


def _plain_text_by_clean_text(value: object) -> str | None:
    """plain_text as it was written before: clean_text on each paragraph."""
    import re

    from tracker.processing.normalise import clean_multiline, clean_text

    text = clean_multiline(value)
    if not text:
        return None
    paragraphs = [clean_text(p) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p) or None


def test_plain_text_cleans_each_paragraph_as_clean_text_does() -> None:
    import gzip
    from pathlib import Path

    tricky = [
        "a\u00ad\u0301b \t c\r\n\r\n\x1c d\x85e\u2028f\u2029g",
        "e\u00ad\u0301 x\u00a0\u00a0 y\u3000z\n \n\u200bw\ufeff\x0b\x0cv",
        " \n\n \u2003lead\u2009and\u202ftrail \n\n\n\n\x00",
        "\u0301 starts with a mark\n\n\u1100\u1161 jamo\n\n",
    ]
    fixtures = sorted((Path(__file__).parent / "fixtures").glob("*/*.html.gz"))[:40]
    pages = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in fixtures]
    for value in [*tricky, *pages]:
        assert plain_text(value) == _plain_text_by_clean_text(value)
    assert plain_text("e\u00ad\u0301") == "\u00e9"


def test_url_key_is_remembered_and_stays_the_canonical_form() -> None:
    """url_key memoises w3lib's canonical form (the state store asks ~8 times per article):
    each answer is the one canonical_url gives (the URL itself when it has none), on a first
    call and on a repeat, which the memo answers without recomputing it."""
    urls = [
        "https://X.org/a?utm_medium=rss&b=2&a=1#top",
        "https://x.org/a?a=1&b=2",
        "http://example.com/%7Efoo/bar baz",
        "not a url",
        "mailto:someone@example.com",
        "",
    ]
    url_key.cache_clear()
    first = [url_key(u) for u in urls]
    misses = url_key.cache_info().misses
    again = [url_key(u) for u in urls]
    assert first == again == [canonical_url(u) or u for u in urls]
    assert url_key.cache_info().misses == misses  # the repeats were remembered
    assert url_key.cache_info().hits >= len(urls)
