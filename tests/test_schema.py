"""tracker/schema/article.schema.json: a valid draft 2020-12 schema that matches ArticleItem,
accepts what the pipelines really produce from the NASA feed and refuses contract breaches."""

from __future__ import annotations

import copy
import json
from dataclasses import fields
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from itemadapter import ItemAdapter

from tests.test_pipelines import make_crawler, nasa_items, run_chain
from tracker import settings as project_settings
from tracker.items import OUTPUT_FIELDS, ArticleItem
from tracker.state import close_store

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "tracker" / "schema" / "article.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text())
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def test_the_schema_is_valid_draft_2020_12() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_schema_lists_exactly_the_item_output_fields() -> None:
    names = {f.name for f in fields(ArticleItem)}
    assert set(OUTPUT_FIELDS) == names - {"hints"}  # the pipelines' hints are not written out
    assert set(SCHEMA["properties"]) == set(OUTPUT_FIELDS)
    assert set(SCHEMA["required"]) == set(OUTPUT_FIELDS)
    assert list(OUTPUT_FIELDS) == project_settings.FEED_EXPORT_FIELDS


@pytest.fixture(scope="module")
def pipeline_output(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """Every NASA feed article through all pipelines, as the JSON feed export would write it."""
    crawler = make_crawler(tmp_path_factory.mktemp("schema"))
    passed, dropped = run_chain(crawler, nasa_items())
    close_store(crawler)
    assert len(passed) == 10 and not dropped
    # Through JSON and back, exactly as `-O articles.jsonl` serialises items (FEED_EXPORT_FIELDS).
    return [
        json.loads(json.dumps({name: ItemAdapter(item)[name] for name in OUTPUT_FIELDS}))
        for item in passed
    ]


def test_real_pipeline_output_validates(pipeline_output: list[dict[str, Any]]) -> None:
    for obj in pipeline_output:
        errors = [f"{list(e.path)}: {e.message}" for e in VALIDATOR.iter_errors(obj)]
        assert not errors, (obj["url"], errors)


@pytest.mark.parametrize(
    ("field", "value"),
    [("published", "2024-03-14"), ("modified", "2024-03-14"), ("published", None)],
)
def test_a_date_alone_is_a_valid_published_value(
    pipeline_output: list[dict[str, Any]], field: str, value: Any
) -> None:
    # A page that states a day without a time gives the day alone, not an invented midnight.
    obj = copy.deepcopy(pipeline_output[0])
    obj[field] = value
    assert VALIDATOR.is_valid(obj)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("published", "2024-03-14 14:27:52"),  # no offset
        ("published", "Thu, 14 Mar 2024 14:27:52 +0000"),  # not ISO
        ("published", "2024-03-14T00:00"),  # a time without seconds or offset
        ("published", "2024-3-14"),  # not a full ISO date
        ("scraped_at", "2024-03-14T14:27:52+05:30"),  # not UTC
        ("image", "javascript:alert(1)"),
        ("url", "/relative/path"),
        ("title", "two\nlines"),
        ("title", ""),
        ("content_hash", "not-a-hash"),
        ("language", "English"),
        ("authors", "Jane Doe"),  # a list, not a string
        ("word_count", -1),
        ("path", "../../etc/passwd.md"),
        ("unexpected", 1),
    ],
)
def test_contract_breaches_are_refused(
    pipeline_output: list[dict[str, Any]], field: str, value: Any
) -> None:
    obj = copy.deepcopy(pipeline_output[0])
    assert VALIDATOR.is_valid(obj)
    obj[field] = value
    assert not VALIDATOR.is_valid(obj)
