"""tracker.remote_control: Scrapy's remote control costs no aiohttp import unless switched on."""

from __future__ import annotations

import subprocess
import sys

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.extensions.remote_control import RemoteControl
from scrapy.utils.test import get_crawler

from tracker.remote_control import RemoteControlWhenEnabled


def test_built_only_when_enabled() -> None:
    with pytest.raises(NotConfigured):
        RemoteControlWhenEnabled.from_crawler(get_crawler(settings_dict={}))
    crawler = get_crawler(settings_dict={"REMOTE_CONTROL_ENABLED": True})
    assert isinstance(RemoteControlWhenEnabled.from_crawler(crawler), RemoteControl)


def test_the_tracker_settings_load_no_aiohttp() -> None:
    # Scrapy's base extensions imported aiohttp's web server at every crawl's start. The list is
    # built the way Scrapy's ExtensionManager builds it: every key of EXTENSIONS is imported to
    # be normalised, so an entry that switches Scrapy's extension off with None imported it too.
    code = (
        "import sys\n"
        "from scrapy.extension import ExtensionManager\n"
        "from scrapy.utils.misc import load_object\n"
        "from scrapy.utils.project import get_project_settings\n"
        "paths = ExtensionManager._get_mwlist_from_settings(get_project_settings())\n"
        "assert 'tracker.remote_control.RemoteControlWhenEnabled' in paths, paths\n"
        "assert 'scrapy.extensions.remote_control.RemoteControl' not in paths, paths\n"
        "for path in paths:\n"
        "    load_object(path)\n"
        "assert 'aiohttp' not in sys.modules, 'aiohttp imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
