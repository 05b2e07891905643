"""Packaging shim: everything is in pyproject.toml.

scrapyd-deploy runs ``python setup.py bdist_egg``; without this file it would write its own
setup.py whose find_packages() also packs tests/ and bench/. With it, the egg holds the tracker
package only (pyproject's [tool.setuptools.packages.find]) and its settings entry point.
"""

from setuptools import setup

setup()
