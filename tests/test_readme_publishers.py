"""README.md's publisher table is `scrapy publishers --markdown`, so it cannot drift from the
spiders (regenerate it with `scrapy publishers --update README.md`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.commands.publishers import TABLE_END, TABLE_START, markdown_table, with_table
from tracker.spiders import publisher_spiders

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_table_is_the_publishers_command_output() -> None:
    text = README.read_text(encoding="utf-8")
    assert text == with_table(text, markdown_table(publisher_spiders())), (
        "README.md's publisher table is out of date: run `scrapy publishers --update README.md`"
    )


def test_the_table_has_a_row_per_publisher() -> None:
    table = markdown_table(publisher_spiders())
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert len(rows) == len(publisher_spiders())
    assert "| `nasa` | NASA | US | en | 2 feeds |" in rows


def test_a_readme_without_the_markers_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"no .* block to rewrite"):
        with_table("# no table here\n", "| x |\n")
    assert with_table(f"a\n{TABLE_START}\nold\n{TABLE_END}\nb\n", "new\n") == (
        f"a\n{TABLE_START}\nnew\n{TABLE_END}\nb\n"
    )


def test_the_readme_counts_publishers_by_language_and_country() -> None:
    from tracker.commands.publishers import coverage

    publishers = publisher_spiders()
    languages, countries = coverage(publishers)
    assert sum(languages.values()) == sum(countries.values()) == len(publishers)
    table = markdown_table(publishers)
    assert f"**{len(publishers)} publishers, {len(languages)} languages," in table
    for language, count in languages.items():
        assert f"{language} {count}" in table
