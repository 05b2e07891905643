"""Run `scrapy crawl <spider>` in a subprocess, as a user would (replayed from a cassette, or
from WARC files), and read what it wrote."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NASA_CASSETTE = ROOT / "tests" / "cassettes" / "nasa.json"


def crawl(
    spider: str, output: Path, *args: str, returncode: int | None = 0
) -> subprocess.CompletedProcess[str]:
    """The finished `scrapy crawl` into ``output`` (stderr holds its log and stats); a return
    code other than ``returncode`` (None: any) fails the test."""
    command = [
        sys.executable, "-m", "scrapy", "crawl", spider,
        "-s", f"TRACKER_OUTPUT_DIR={output}",
        *args,
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    if returncode is not None:
        assert result.returncode == returncode, result.stderr[-4000:]
    return result


def replayed_crawl(
    spider: str, cassette: Path, output: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    """The finished crawl (stderr holds its log and stats); a non-zero exit fails the test."""
    return crawl(spider, output, "-s", f"TRACKER_REPLAY={cassette}", *args)
