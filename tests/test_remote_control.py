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
    # Scrapy's base extensions imported aiohttp's web server at every crawl's start.
    code = (
        "import sys\n"
        "from scrapy.utils.conf import build_component_list\n"
        "from scrapy.utils.misc import load_object\n"
        "from scrapy.utils.project import get_project_settings\n"
        "paths = build_component_list(get_project_settings().getwithbase('EXTENSIONS'))\n"
        "assert 'tracker.remote_control.RemoteControlWhenEnabled' in paths, paths\n"
        "for path in paths:\n"
        "    load_object(path)\n"
        "assert 'aiohttp.web' not in sys.modules, 'aiohttp.web imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
