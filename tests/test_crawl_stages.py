"""bench.crawl_stages: the per-stage CPU counters bench.crawl_cost --stages prints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.crawl_stages import StageTimes, format_report

ROOT = Path(__file__).resolve().parent.parent


def test_timed_counts_cpu_seconds_and_calls_and_keeps_results_and_errors() -> None:
    times = StageTimes()

    def busy(n: int) -> int:
        end = time.process_time() + 0.02
        while time.process_time() < end:
            pass
        if n < 0:
            raise ValueError(n)
        return n

    wrapped = times.timed("busy", busy)
    assert wrapped(3) == 3
    try:
        wrapped(-1)
    except ValueError:
        pass
    else:  # pragma: no cover
        raise AssertionError("the error was swallowed")
    assert times.calls == {"busy": 2}
    assert times.seconds["busy"] >= 0.035
    report = times.report()
    assert report["rest"] == report["total"] - times.seconds["busy"]
    text = format_report(report)
    assert "busy" in text and "(2 calls)" in text and "beyond extraction" in text


def test_a_scrapy_command_runs_with_the_counters_installed(tmp_path: Path) -> None:
    out = tmp_path / "stages.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "bench.crawl_stages", str(out), "version"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Scrapy" in done.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["total"] > 0 and report["stages"] == {}
