"""Editions: the Traditional-script edition (繁體), OpenCC s2tw conversion of pages, assets and dictionaries."""
