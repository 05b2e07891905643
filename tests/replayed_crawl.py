"""Run `scrapy crawl <spider>` in a subprocess, replayed from a cassette, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NASA_CASSETTE = ROOT / "tests" / "cassettes" / "nasa.json"


def replayed_crawl(
    spider: str, cassette: Path, output: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    """The finished crawl (stderr holds its log and stats); a non-zero exit fails the test."""
    command = [
        sys.executable, "-m", "scrapy", "crawl", spider,
        "-s", f"TRACKER_REPLAY={cassette}",
        "-s", f"TRACKER_OUTPUT_DIR={output}",
        *args,
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return result
