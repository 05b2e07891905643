"""tracker.log_level: debug records no handler prints are not built during a crawl."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from tracker.log_level import LogLevelExtension, lowest_handler_level


@pytest.fixture
def bare_root() -> Iterator[logging.Logger]:
    """The root logger at level NOTSET, as Scrapy leaves it; put back after. (pytest adds its
    capture handlers after fixtures run: tests set ``handlers`` themselves.)"""
    root = logging.getLogger()
    saved = root.level, list(root.handlers), root.manager.disable
    root.setLevel(logging.NOTSET)
    logging.disable(logging.NOTSET)  # an earlier test may have switched levels off
    yield root
    root.handlers = saved[1]
    root.setLevel(saved[0])
    logging.disable(saved[2])


def test_root_level_follows_handlers_while_the_crawl_runs(bare_root: logging.Logger) -> None:
    bare_root.handlers = [logging.NullHandler(logging.ERROR), logging.NullHandler(logging.INFO)]
    made: list[logging.LogRecord] = []
    factory = logging.getLogRecordFactory()

    def counting(*args: object, **kwargs: object) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        made.append(record)
        return record

    logging.setLogRecordFactory(counting)
    try:
        extension = LogLevelExtension()
        extension.trim()
        assert bare_root.level == logging.INFO
        # Loggers of their own: a library's or the tracker's may carry a level an earlier test
        # or import set, which would decide before the root's.
        logging.getLogger("test_log_level.library").debug("not built")
        logging.getLogger("test_log_level.tracker").info("built")
        # Only this test's loggers: a thread an earlier test left running may log meanwhile.
        ours = [r.getMessage() for r in made if r.name.startswith("test_log_level.")]
        assert ours == ["built"]
        extension.restore()
        assert bare_root.level == logging.NOTSET
    finally:
        logging.setLogRecordFactory(factory)


def test_a_handler_that_takes_everything_or_a_chosen_level_is_left_alone(
    bare_root: logging.Logger,
) -> None:
    bare_root.handlers = []
    assert lowest_handler_level(bare_root) == logging.NOTSET
    # A handler that takes everything, e.g. a test's log capture.
    bare_root.handlers = [logging.NullHandler(logging.ERROR), logging.NullHandler()]
    extension = LogLevelExtension()
    extension.trim()
    assert bare_root.level == logging.NOTSET
    bare_root.handlers.pop()
    bare_root.setLevel(logging.DEBUG)  # someone chose a level
    extension.trim()
    assert bare_root.level == logging.DEBUG
