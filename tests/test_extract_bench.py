"""bench.extraction on a three-page dataset, in both formats (tests/fixtures/extract/bench_*)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import extraction

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
KEYS = {"precision", "recall", "f1", "accuracy", "pages_per_second"}


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert extraction.main([*args, "--repeat", "1"]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["fundus", "aeb"])
def test_json_report_shape_and_scores(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, "--format", fmt, "--dataset", str(FIXTURES / f"bench_{fmt}"), "--json")
    report = json.loads(out)
    assert set(report) == {"pages", "tracker", "trafilatura", "readability"}
    assert report["pages"] == 3
    for name in ("tracker", "trafilatura", "readability"):
        assert set(report[name]) == KEYS
        assert 0.0 <= report[name]["precision"] <= 1.0
        assert report[name]["pages_per_second"] > 0
    assert report["tracker"]["f1"] >= 0.95
    assert report["tracker"]["f1"] >= report["readability"]["f1"]


def test_both_formats_score_the_same_pages_alike(capsys: pytest.CaptureFixture[str]) -> None:
    fundus = json.loads(
        _run(capsys, "--format", "fundus", "--dataset", str(FIXTURES / "bench_fundus"), "--json")
    )
    aeb = json.loads(
        _run(capsys, "--format", "aeb", "--dataset", str(FIXTURES / "bench_aeb"), "--json")
    )
    for name in ("tracker", "trafilatura"):
        for key in ("precision", "recall", "f1", "accuracy"):
            assert fundus[name][key] == pytest.approx(aeb[name][key])


def test_text_report_and_limit(capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, "--format", "aeb", "--dataset", str(FIXTURES / "bench_aeb"), "--limit", "1")
    assert out.splitlines()[0].startswith("1 pages from")
    assert "speed ratio tracker/trafilatura:" in out
    assert out.splitlines()[2].split()[0] == "tracker"


def test_bad_dataset_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        extraction.main(["--format", "aeb", "--dataset", str(tmp_path)])
    assert exc.value.code == 2
    assert "cannot read a aeb dataset" in capsys.readouterr().err
