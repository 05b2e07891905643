"""Writing files so that a crash never leaves half of one, and recognising what a dead writer left.

Every file the tracker writes whole (article files, indexes, cassettes) goes through
:func:`write_atomic`: a temporary file in the same folder, fsync, ``os.replace``, then an fsync
of the folder. The temporary file's name carries the writer's pid, so a later run can tell the
leftovers of a writer that was killed mid-write (:func:`remove_stale_temp_files`); the SQLite
state store recognises the claims of a dead process the same way (:func:`pid_alive`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)

# ".<name>.<random>.<pid>.tmp": the shape of write_atomic's temporary files.
TEMP_FILE_RE = re.compile(r"^\..+\.(\d+)\.tmp$")


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists on this host (owned by us or by someone else)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by another user
        return True
    return True


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (best effort: not every file system allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(
    path: Path, data: bytes, *, mode: int | None = None, sync_dir: bool = True
) -> None:
    """Replace ``path`` with ``data`` atomically: readers see the old file or the new, never a
    part. ``mode`` defaults to the existing file's permissions, else 0644 (not mkstemp's private
    0600). ``sync_dir=False`` leaves the folder's fsync to a write that follows in it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o644
    # The pid in the name lets a later run recognise a temp file whose writer died.
    fd, tmp_name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name[:60]}.", suffix=f".{os.getpid()}.tmp"
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    if sync_dir:
        fsync_dir(path.parent)


def remove_stale_temp_files(folder: Path) -> int:
    """Delete the temporary files left in ``folder`` by writers that died (SIGKILL mid-write);
    how many were deleted."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return 0
    for entry in entries:
        match = TEMP_FILE_RE.match(entry.name)
        if match and entry.is_file() and not pid_alive(int(match.group(1))):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
                removed += 1
                logger.info("Removed stale temp file %s", entry.path)
    return removed
