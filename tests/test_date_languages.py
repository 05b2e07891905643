"""dateparser in the page's languages first, for htmldate's extensive search and for the
article's dates (issue 13: no multi-second start-up, every language only for a date that needs
it), with the same answers as dateparser's parser for every language."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.processing.normalise import (
    LanguageFirstDateParser,
    dateparser_languages,
    languages_that_may_read,
)

WCXB = Path(__file__).parent / "fixtures" / "extract" / "wcxb"
NCCIH = "https://www.nccih.nih.gov/health/meditation-and-mindfulness-effectiveness-and-safety"

# Every value htmldate's extensive search handed dateparser on the 1,048 WCXB dev and fundus
# pages (all English pages), and dates in other languages than the page's.
REAL_VALUES = [
    "1/27/2026 - 3/24/2026",
    "Through Dec 20, 2026",
    ": Through Dec 31, 2026",
    ": Jan 1 – Dec 31, 2026",
    "Blackout dates: January 5 – 7 & May 16 – 18, 2026.",
    ". 2019;28(12):2257-2269.",
    "2017;6(10):e002218.",
    ". 2016;11(4):e0153220.",
    '{"appVersion":"samsus-w-1.2.0-acd5eb2016cf9256457955',
    "4.5 out of 5 Stars. 31 reviews",
    "Offer valid Dec. 17, 2025 - Jan. 7, 2026",
    "Top 10 Best HR Companies in 2026 (Updated List)",
]
OTHER_LANGUAGES = [
    ("12 giugno 2024", "en"),
    ("3. März 2024 um 10 Uhr", "en"),
    ("3. März 2024", "de"),
    ("Publié le 12 juin 2024", "fr"),
    ("12 juin 2024", "en"),
    ("2024年6月12日", "en"),
    ("Ngày 12 tháng 6 năm 2024", "en"),
    ("12 июня 2024", "en"),
    ("12 de junio de 2024", "en"),
    ("Jan 5, 2026 PST", "en"),
    ("Dec. 17, 2025", "de"),
    ("mardi 3 mars 2024", "en"),
    ("06.01.2026", "nb"),
]


def test_htmldate_values_read_as_by_dateparser_in_every_language() -> None:
    import htmldate.extractors

    from tracker.extract import dates

    dates._install_language_first_parser()
    every_language = dates._htmldate_every_language()
    for value, language in [(v, "en") for v in REAL_VALUES] + OTHER_LANGUAGES:
        ours = LanguageFirstDateParser(dateparser_languages([language])).get_date_data(value)
        theirs = every_language.get_date_data(value)
        assert ours["date_obj"] == theirs["date_obj"], value
    # Outside the tracker's calls, htmldate's own parser (every language) answers.
    assert htmldate.extractors.get_external_parser() is every_language


def test_languages_that_may_read_a_value() -> None:
    assert languages_that_may_read("4.5 out of 5 Stars. 31 reviews") == ()
    assert languages_that_may_read("2024-06-12") == ()  # no word: English reads digits
    assert "it" in languages_that_may_read("12 giugno 2024")
    assert "de" in languages_that_may_read("3. März 2024 um 10 Uhr")
    # Time-zone names are read by every language; accents as dateparser folds them.
    assert "en" in languages_that_may_read("Jan 5, 2026 PST")
    assert "de" in languages_that_may_read("3. Marz 2024")


def _run(code: str) -> list[object]:
    """What ``code`` sets ``found`` to in a fresh process, and the dateparser languages whose
    data it built."""
    script = (
        "import json\n"
        f"{code}\n"
        "from dateparser.languages.loader import default_loader\n"
        # The languages whose dictionaries were built: building them is what costs.
        "built = [code for code, locale in default_loader._loaded_locales.items()\n"
        "         if locale._dictionary is not None or locale._normalized_dictionary is not None]\n"
        "print(json.dumps([found, sorted(built)]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
    )
    return list(json.loads(result.stdout.splitlines()[-1]))


def test_a_page_whose_date_values_are_dates_in_no_language_loads_few_languages() -> None:
    """A real page (WCXB dev 0348) dated by htmldate's extensive search, which hands dateparser
    a dozen citation values ("2017;6(10):e002218."): htmldate's parser for every language
    loaded all 205 of dateparser's languages for them (3.4 CPU s); now English and the few
    languages whose data holds the word "e". The date found is the same."""
    found, locales = _run(
        "import gzip\n"
        "from tracker.extract import extract_article\n"
        "from tracker.extract.encoding import decode_html\n"
        f"html = decode_html(gzip.decompress(open({str(WCXB / '0348.html.gz')!r}, 'rb').read()))\n"
        f"found = extract_article(html, {NCCIH!r}).fields.get('published')\n"
    )
    assert found == "2020-08-18"
    assert isinstance(locales, list) and "en" in locales
    assert len(locales) < 20


@pytest.mark.parametrize(
    ("value", "languages", "iso"),
    [
        # English cannot read it and no language's data holds "offer": nothing else is loaded.
        ("Offer valid Dec. 17, 2025 - Jan. 7, 2026", ["en"], None),
        # Italian on a page that said it is English: Italian is found among the few.
        ("12 giugno 2024", ["en-GB"], "2024-06-12"),
    ],
)
def test_an_article_date_loads_only_the_languages_that_may_read_it(
    value: str, languages: list[str], iso: str | None
) -> None:
    found, locales = _run(
        "from tracker.processing.normalise import parse_datetime\n"
        f"found = parse_datetime({value!r}, languages={languages!r})[0]\n"
    )
    assert found == iso
    assert isinstance(locales, list) and len(locales) < 20
    if iso is None:
        assert locales == ["en"]
