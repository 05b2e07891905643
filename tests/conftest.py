"""Shared pytest fixtures.

Real servers the integration tests need are started here on 127.0.0.1, on a free port, with their
files in a temporary folder, and stopped afterwards:

- ``redis_server`` (session): a real ``redis-server`` with no persistence;
  ``redis_url`` (per test) hands out an emptied database of it.
- ``start_scrapyd(workdir)``: a real Scrapyd with its own config (eggs, logs, items, dbs).
- ``static_server``: a plain HTTP file server over a temporary folder (a web server holding WARC
  files, or laid out as Common Crawl's), which records the paths it was asked for.

A test that needs a binary that is missing is skipped with the reason, except under CI (env CI
set), where a missing server is a failure: CI installs them (.ci/run).
"""

from __future__ import annotations

import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def require_binary(name: str) -> str:
    """The path of an executable, or skip (fail under CI) when it is not installed."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (apt-get install {name}; .ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early with code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


def stop_process(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@dataclass
class RedisServer:
    """A running redis-server of the test session."""

    port: int
    process: subprocess.Popen[bytes]

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    binary = require_binary("redis-server")
    workdir = tmp_path_factory.mktemp("redis")
    port = free_port()
    process = subprocess.Popen(
        [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
            "--protected-mode",
            "yes",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process)
        yield RedisServer(port=port, process=process)
    finally:
        stop_process(process)


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    """The URL of an empty database on the session's redis-server."""
    import redis

    url = redis_server.url(0)
    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()
    return url


@dataclass
class Scrapyd:
    """A running Scrapyd and the folders its config points at."""

    port: int
    workdir: Path
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        # scrapyd-deploy wants no trailing slash.
        return f"http://127.0.0.1:{self.port}"

    @property
    def items_dir(self) -> Path:
        return self.workdir / "items"

    @property
    def logs_dir(self) -> Path:
        return self.workdir / "logs"


def scrapyd_config(workdir: Path, port: int) -> str:
    """A scrapyd.conf for tests: loopback only, every folder under ``workdir``."""
    return "\n".join(
        [
            "[scrapyd]",
            "bind_address = 127.0.0.1",
            f"http_port = {port}",
            f"eggs_dir = {workdir / 'eggs'}",
            f"logs_dir = {workdir / 'logs'}",
            f"items_dir = {workdir / 'items'}",
            f"dbs_dir = {workdir / 'dbs'}",
            "jobs_to_keep = 5",
            "max_proc = 2",
            "poll_interval = 0.5",
            "",
        ]
    )


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[Scrapyd]:
    """A real Scrapyd on 127.0.0.1 with its own config in a temporary folder."""
    workdir = tmp_path / "scrapyd"
    workdir.mkdir()
    port = free_port()
    # Scrapyd reads scrapyd.conf from its working directory.
    (workdir / "scrapyd.conf").write_text(scrapyd_config(workdir, port))
    log = (workdir / "scrapyd.out").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "scrapyd"],
        cwd=workdir,
        stdout=log,
        stderr=subprocess.STDOUT,
        # Jobs run with scrapyd's interpreter (the project's dependencies are in the same venv)
        # but without the project folder on the path: they import the tracker from the egg.
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    try:
        wait_for_port(port, process)
        _wait_for_http(f"http://127.0.0.1:{port}/daemonstatus.json", process)
        yield Scrapyd(port=port, workdir=workdir, process=process)
    finally:
        stop_process(process)
        log.close()


def _wait_for_http(url: str, process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"scrapyd exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


class _RecordingFileHandler(http.server.SimpleHTTPRequestHandler):
    hits: list[str]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.hits.append(self.path)
        super().do_GET()


@pytest.fixture
def static_server(tmp_path: Path) -> Iterator[tuple[str, Path, list[str]]]:
    """(base URL with a trailing slash, the folder it serves, the paths requested so far)."""
    root = tmp_path / "www"
    root.mkdir()
    hits: list[str] = []
    handler = type("Handler", (_RecordingFileHandler,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a: handler(*a, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", root, hits
    finally:
        server.shutdown()
        server.server_close()
