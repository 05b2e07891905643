"""bench.extraction on small real datasets in its three formats (tests/fixtures/extract/bench_*),
and the page-level scoring functions of bench.fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import extraction
from bench.fields import (
    authors_right,
    published_right,
    reference_author_sets,
    snippet_found,
    split_of,
    title_right,
    token_text,
    word_f1,
)

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
BODY_KEYS = {"precision", "recall", "f1", "accuracy", "pages_per_second", "word_f1"}


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert extraction.main([*args, "--repeat", "1"]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["fundus", "aeb"])
def test_json_report_shape_and_scores(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, "--format", fmt, "--dataset", str(FIXTURES / f"bench_{fmt}"), "--json")
    report = json.loads(out)
    assert report["pages"] == 3
    assert set(report["groups"]) == {"all", "dev", "check"}
    assert sum(report["groups"][g]["pages"] for g in ("dev", "check")) == 3
    for name in ("tracker", "trafilatura", "readability"):
        assert set(report[name]) >= BODY_KEYS
        assert 0.0 <= report[name]["precision"] <= 1.0
        assert report[name]["pages_per_second"] > 0
    assert report["tracker"]["f1"] >= 0.95
    assert report["tracker"]["f1"] >= report["readability"]["f1"]
    verdicts = report["groups"]["all"]["tracker_verdicts"]
    assert verdicts["articles"] == 3 and verdicts["articles_rejected"] == 0
    if fmt == "fundus":  # the fundus pages have reference fields
        for name in ("title", "authors", "published"):
            assert 0.0 <= report["tracker"][name] <= 1.0
            assert 0.0 <= report["trafilatura"][name] <= 1.0
        assert report["tracker"]["title"] == 1.0
        assert "title" not in report["readability"]


def test_both_formats_score_the_same_pages_alike(capsys: pytest.CaptureFixture[str]) -> None:
    fundus = json.loads(
        _run(capsys, "--format", "fundus", "--dataset", str(FIXTURES / "bench_fundus"), "--json")
    )
    aeb = json.loads(
        _run(capsys, "--format", "aeb", "--dataset", str(FIXTURES / "bench_aeb"), "--json")
    )
    for name in ("tracker", "trafilatura"):
        for key in ("precision", "recall", "f1", "accuracy", "word_f1"):
            assert fundus[name][key] == pytest.approx(aeb[name][key])


def test_wcxb_report(capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, "--format", "wcxb", "--dataset", str(FIXTURES / "bench_wcxb"), "--json")
    report = json.loads(out)
    assert report["pages"] == 4
    whole = report["groups"]["all"]
    assert whole["articles"] == 3
    tracker = report["tracker"]
    for key in ("with_found", "without_leaked", "title", "authors", "published"):
        assert 0.0 <= tracker[key] <= 1.0
    assert tracker["with_found"] > 0.5
    assert tracker["title_scored"] == 3 and tracker["authors_scored"] == 2
    verdicts = whole["tracker_verdicts"]
    assert verdicts["not_articles"] == 1
    assert set(verdicts["confusion"]) == {"article", "listing"}
    assert sum(verdicts["confusion"]["listing"].values()) == 1
    assert whole["speed_ratio"] > 0


def test_split_option_keeps_one_half(capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(FIXTURES / "bench_wcxb")
    for half in ("dev", "check"):
        report = json.loads(
            _run(capsys, "--format", "wcxb", "--dataset", folder, "--json", "--split", half)
        )
        assert set(report["groups"]) == {half}
        ids = json.loads((FIXTURES / "bench_wcxb" / "wcxb.json").read_text())
        assert report["pages"] == sum(1 for i in ids if split_of(i) == half)


def test_text_report_and_limit(capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, "--format", "aeb", "--dataset", str(FIXTURES / "bench_aeb"), "--limit", "1")
    assert out.splitlines()[0].startswith("1 pages from")
    assert "speed ratio tracker/trafilatura" in out
    assert any(line.startswith("tracker ") for line in out.splitlines())


def test_bad_dataset_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        extraction.main(["--format", "aeb", "--dataset", str(tmp_path)])
    assert exc.value.code == 2
    assert "cannot read a aeb dataset" in capsys.readouterr().err


# --- bench.fields ------------------------------------------------------------------------------


def test_word_f1_is_a_bag_of_lowercased_words() -> None:
    assert word_f1("The cat sat", "the CAT sat") == 1.0
    assert word_f1("a b c d", "a b") == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert word_f1("", "") == 1.0
    assert word_f1("a b", "") == 0.0


def test_snippets_match_whole_token_runs() -> None:
    joined = token_text("Sign up for our newsletter, today!")
    assert snippet_found("sign up for our Newsletter", joined)
    assert not snippet_found("sign up for", token_text("design up for"))
    assert not snippet_found("our newsletter today now", joined)


def test_reference_authors_drop_credentials_and_roles() -> None:
    assert authors_right("Dylan Bailey, MS, RD, FAND", ["Dylan Bailey"])
    assert authors_right("Genevieve Carlton, Ph.D.", ["genevieve carlton"])
    assert authors_right("Mike Marshall, Shipping Expert", ["Mike Marshall"])
    assert authors_right("Manoj Jain and Jagpreet Chhatwal", ["Jagpreet Chhatwal", "Manoj Jain"])
    assert not authors_right("Manoj Jain and Jagpreet Chhatwal", ["Manoj Jain"])
    assert not authors_right(
        "Manoj Jain and Jagpreet Chhatwal", ["Manoj Jain and Jagpreet Chhatwal"]
    )
    assert authors_right("Center for Drug Evaluation and Research",
                         ["Center for Drug Evaluation and Research"])  # fmt: skip
    assert authors_right("Dr Marna van der Merwe, Erik van Vulpen",
                         ["Marna van der Merwe", "Erik van Vulpen"])  # fmt: skip
    assert authors_right(["Birgit Baumann", "Jan Michael Marchart"],
                         ["jan michael marchart", "Birgit Baumann"])  # fmt: skip
    assert not authors_right(None, ["Anyone"])
    assert reference_author_sets("Rui Ma & Suparn Patra") == [{"rui ma", "suparn patra"}]


def test_title_and_date_rules() -> None:
    assert title_right("A  title", "A title")
    assert not title_right("A title", None)
    assert published_right("2025-09-04", "2025-09-04T23:30:00-05:00")  # the local day counts
    assert not published_right("2025-09-04", "2025-09-05T01:00:00+00:00")
    assert published_right("2024-05-03 15:47:42.389000+00:00", "2024-05-03T17:48:00+02:00")
    assert not published_right("2024-05-03 15:47:42+00:00", "2024-05-03T15:50:00+00:00")
    assert not published_right("2025-09-04", None)


def test_split_is_stable_and_halves() -> None:
    ids = [f"{i:04d}" for i in range(1000)]
    dev = sum(split_of(i) == "dev" for i in ids)
    assert 400 < dev < 600
    assert [split_of(i) for i in ids] == [split_of(i) for i in ids]


def test_speed_bench_times_in_cpu_seconds_and_snapshots_every_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """bench.speed: the CPU-time ratio line, and a snapshot with every page's fields that
    comes out the same twice (what a performance-only change is checked against)."""
    from bench import speed

    dataset = str(FIXTURES / "bench_wcxb")
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert (
        speed.main(
            ["--format", "wcxb", "--dataset", dataset, "--repeat", "1", "--snapshot", str(first)]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "4 pages, CPU seconds: tracker " in out and "(CPU, in process): " in out
    snapshot = json.loads(first.read_text())
    assert len(snapshot) == 4
    assert all(
        {"fields", "provenance", "page_kind", "not_article"} <= set(v) for v in snapshot.values()
    )
    assert any(v["fields"].get("body") for v in snapshot.values())
    assert (
        speed.main(
            ["--format", "wcxb", "--dataset", dataset, "--no-timing", "--snapshot", str(second)]
        )
        == 0
    )
    assert second.read_text() == first.read_text()
