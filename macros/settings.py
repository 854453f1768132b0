"""Build settings: one frozen, typed object with every setting and its default, built once at an edge.

The edges are the MkDocs hook (``macros/site/mkdocs_hooks.py``, from ``mkdocs.yml``: ``use_directory_urls``,
``site_url`` and the ``extra: zhibu:`` block, whose ``!ENV`` tags keep the ``ZHIBU_*`` variables working)
and the ``zhibu`` command line (``macros/cli.py``). Everything below them takes a ``Settings`` (or one
of its values) as an argument; nothing below them reads the environment or changes a module's globals.
``DEFAULTS`` is the online Simplified site built from this repository, what a call without settings gets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from macros.config import ROOT
from macros.editions.script_variant import VariantError, edition


class SettingsError(ValueError):
    """A setting has a value the build cannot use (the message names it and says what it takes)."""


@dataclass(frozen=True)
class Settings:
    # The flows to build (tests point it at fixtures).
    flows_dir: Path = ROOT / "flows"
    # The training cases (找错练习), one YAML file each; each is proved by its checker at build time.
    cases_dir: Path = ROOT / "cases"
    # Rendered diagrams, downloads and converted dictionaries, cached by content (tests use an empty one).
    cache_dir: Path = ROOT / ".cache" / "zhibu"
    # Every flow's downloads (PNG, PDF, posters, slides); off for a quick dev server or test builds.
    exports: bool = True
    # The edition: None (Simplified) or script_variant.HANT (the Traditional edition, in site/zh-Hant/;
    # mkdocs.hant.yml sets it).
    script: str | None = None
    # MkDocs' use_directory_urls: a page at flows/x/ (True), or at flows/x.html (False: the offline copy,
    # which opens from disk).
    directory_urls: bool = True
    # The site's public address (QR codes of each diagram's page need it), or None.
    site_url: str | None = None
    # SOURCE_DATE_EPOCH (seconds) for dates of downloads whose flow has no commit, or None: today.
    source_date_epoch: str | None = None
    # The offline copy's zip (make offline writes it; the online Simplified site publishes it when it is there).
    offline_zip: Path = field(default=ROOT / "build" / "zhibu-offline.zip")

    @property
    def offline_from(self) -> str:
        """Where the offline copy's zip lives, relative to this build's root: "" (here), or "../" in the
        Traditional edition, one folder down: the zip holds both editions, the Simplified site publishes it.
        (Each edition has its own downloads: the Traditional one's are made from the converted flows.)"""
        return "../" if self.script else ""

    @property
    def runtime_from(self) -> str:
        """Where the checker runtime (Pyodide, assets/pyodide/<version>/) lives, relative to this build's root:
        "" (here), or "../" in the Traditional edition, which loads the Simplified site's copy (same origin)
        instead of adding 23 MB of identical files."""
        return "../" if self.script else ""

    def page_url(self, src: str) -> str:
        """A page's URL relative to the site root, from its Markdown path: 'flows/x.md' -> 'flows/x/'."""
        stem = src[:-3] if src.endswith(".md") else src
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    def published_offline_zip(self) -> Path | None:
        """The offline copy to publish with this build: only in the online site, and only once made."""
        return self.offline_zip if self.directory_urls and self.offline_zip.is_file() else None

    @classmethod
    def from_values(cls, values: Mapping[str, object], base: Path = ROOT, **fixed: object) -> Settings:
        """Settings from plain values as an edge has them (``mkdocs.yml``'s ``extra: zhibu:``, whose ``!ENV``
        tags give strings or YAML scalars), relative paths taken from ``base``; ``fixed`` are typed already."""
        unknown = sorted(set(values) - _FROM_VALUES)
        if unknown:
            raise SettingsError(
                f"unknown zhibu setting(s) {', '.join(unknown)}; known: {', '.join(sorted(_FROM_VALUES))}"
            )
        kwargs: dict[str, object] = {}
        for name in ("flows_dir", "cases_dir", "cache_dir", "offline_zip"):
            if values.get(name) not in (None, ""):
                kwargs[name] = base / Path(str(values[name]))
        if values.get("exports") is not None:
            kwargs["exports"] = _flag("exports", values["exports"])
        if values.get("script") is not None:
            try:
                kwargs["script"] = edition(str(values["script"]))
            except VariantError as exc:
                raise SettingsError(f"zhibu setting script: {exc}") from None
        return cls(**{**kwargs, **fixed})  # type: ignore[arg-type]


_FROM_VALUES = {"flows_dir", "cases_dir", "cache_dir", "offline_zip", "exports", "script"}
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _flag(name: str, value: object) -> bool:
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise SettingsError(f"zhibu setting {name}: {value!r} is not a yes/no value; use true or false (or 1 or 0)")


DEFAULTS = Settings()
