"""Publisher families: site rules (tracker.extract.rules) that several sites on one platform
share, one module a family. A spider names its family (``family = POSTMEDIA``) and adds its
own rules on top; pure data, no Scrapy.
"""
