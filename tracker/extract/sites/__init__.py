"""Per-publisher extraction helpers for sites that need more than a few declarative rules.

Pure functions over plain values or HTML (no Scrapy), used from the publisher spiders' hooks.
"""
