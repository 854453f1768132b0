"""The one mkdocs-material version the patches to its built JavaScript fit, checked before a build.

``search_on_demand.py`` and ``search_worker.py`` rewrite Material's minified bundle and search worker by
patterns read from one release; another release renames the minified functions or moves the code, and
the patterns would miss (or, worse, match something else). So the build stops at once, with what to do,
when the installed Material is not the pinned one (requirements.txt and pyproject.toml pin the same).
"""

from __future__ import annotations

from importlib import metadata

PATCHED_FOR = "9.8.2"  # requirements.txt and pyproject.toml pin this version (tests/test_material_pin.py)


class MaterialVersionError(RuntimeError):
    """The installed mkdocs-material is not the version the patches fit."""


def installed() -> str | None:
    """The installed mkdocs-material version, or None when it is not installed."""
    try:
        return metadata.version("mkdocs-material")
    except metadata.PackageNotFoundError:
        return None


def check(version: str | None = None) -> None:
    """Raise MaterialVersionError unless `version` (default: the installed one) is PATCHED_FOR."""
    version = version if version is not None else installed()
    if version == PATCHED_FOR:
        return
    raise MaterialVersionError(
        f"mkdocs-material {version or '(not installed)'} is installed, but the patches to its built JavaScript "
        f"(macros/theme/search_on_demand.py, macros/theme/search_worker.py) fit mkdocs-material {PATCHED_FOR} only. "
        f"Run `make setup` to install the pinned {PATCHED_FOR} (requirements.txt); to move to another version, "
        f"check the patches against its bundle and change the pin in requirements.txt, pyproject.toml and "
        f"macros/theme/material_pin.py together."
    )
