"""Editions: the Traditional-script edition (繁體), OpenCC s2t conversion of pages, assets and dictionaries."""
