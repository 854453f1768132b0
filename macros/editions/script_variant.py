"""The Traditional-script edition (繁體): OpenCC s2tw conversion of page text and SVG, no MkDocs here."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path

HANT = "zh-Hant"
SUBDIR = "zh-Hant"  # the edition's sub-path inside the site
CONVERTER = "s2tw"  # Traditional characters as the seed and its readers write them (為 審核 群眾, not s2t's
# 爲 審覈 羣衆), with phrase dictionaries; not s2twp (Taiwan vocabulary). bench/opencc_agreement.py measures
# each configuration against the seed's own Traditional text: s2tw 97.9 %, s2hk 97.3 %, s2twp 97.1 %, s2t 96.8 %.


class VariantError(Exception):
    """The settings name an edition this site does not build, or OpenCC is missing."""


def edition(value: str) -> str | None:
    """The edition a setting names: None (Simplified: "" or "zh-Hans") or HANT; anything else is an error."""
    value = value.strip()
    if value in ("", "zh-Hans"):
        return None
    if value != HANT:
        raise VariantError(f"{value!r}: the site builds 'zh-Hans' (default) or {HANT!r}")
    return HANT


@lru_cache(maxsize=1)
def _converter():
    try:
        import opencc
    except ImportError:  # pragma: no cover - requirements.txt pins it
        raise VariantError("the Python package 'opencc' is missing; run `make setup`") from None
    return opencc.OpenCC(CONVERTER)


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def to_hant(text: str) -> str:
    """Simplified → Traditional (OpenCC s2tw, phrase-aware); text without Han characters is returned as is."""
    if not text or not _HAN.search(text):
        return text
    return _converter().convert(text)


def convert_value(value):
    """to_hant over str, bytes (UTF-8 text), lists and dicts; anything else is returned unchanged."""
    if isinstance(value, str):
        return to_hant(value)
    if isinstance(value, dict):
        return {convert_value(k): convert_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [convert_value(v) for v in value]
    return value


def convert_model(obj):
    """A converted copy of a flow model object (Flow, Node, Edge, Basis…): every text field, whole, before
    wrapping, so phrases convert as phrases; ids are ASCII slugs (left as they are) and the file path is kept."""
    if isinstance(obj, str):
        return to_hant(obj)
    if isinstance(obj, list):
        return [convert_model(item) for item in obj]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {f.name: convert_model(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.name != "path"}
        return dataclasses.replace(obj, **changes)
    return obj


def switch(variant: str | None) -> dict:
    """What the header's 简/繁 link shows on this edition and where the other edition's root is."""
    if variant == HANT:
        return {"root": "../", "label": "简体", "lang": "zh-Hans", "title": "切换到简体中文（本页）"}
    return {"root": f"{SUBDIR}/", "label": "繁體", "lang": HANT, "title": "切換到繁體中文（本頁）"}


def hant_user_dict(src: Path, cache_dir: Path) -> Path:
    """jieba's user dictionary with its words converted (written once per content into cache_dir)."""
    lines = []
    for line in src.read_text(encoding="utf-8").splitlines():
        word, _, rest = line.strip().partition(" ")
        if word:
            lines.append(f"{to_hant(word)} {rest}".rstrip())
    return _write_if_changed(Path(cache_dir) / f"jieba_user_dict.{HANT}.txt", "\n".join(lines) + "\n")


def _write_if_changed(dest: Path, text: str) -> Path:
    if not dest.is_file() or dest.read_text(encoding="utf-8") != text:
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
    return dest


def hant_main_dict(src: Path, cache_dir: Path) -> Path:
    """jieba's main dictionary in Traditional script (its words converted; frequencies of words that meet summed).

    jieba's own dictionary is Simplified: on Traditional text it knows few words (機關, 幫扶, 資金) and cuts
    them by guesswork (對機|關黨員), so the edition's index would hold terms its readers never type.
    """
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    for line in _converter().convert(src.read_text(encoding="utf-8")).splitlines():
        parts = line.split(" ")
        if len(parts) >= 2 and parts[1].isdigit():
            freq[parts[0]] = freq.get(parts[0], 0) + int(parts[1])
            tags.setdefault(parts[0], " ".join(parts[2:]))
    text = "".join(f"{w} {n} {tags[w]}".rstrip() + "\n" for w, n in freq.items())
    return _write_if_changed(Path(cache_dir) / f"jieba_dict.{HANT}.txt", text)


def hant_theme_strings(zh_strings: Path, cache_dir: Path) -> Path:
    """A theme folder whose partials/languages/zh-Hant.html is the theme's Simplified strings converted.

    Material's own zh-Hant strings mix in Simplified characters (頁脚, 找到 1 个) and Taiwan vocabulary
    (搜尋); converting its zh strings gives the edition the same words as the Simplified site, in s2tw.
    Returns the folder, to be put before the theme's own folders.
    """
    text = to_hant(zh_strings.read_text(encoding="utf-8"))
    text, n = re.subn(r'"language": "zh"', f'"language": "{HANT}"', text)
    if n != 1:
        raise VariantError(f'{zh_strings}: no \'"language": "zh"\' line; the theme\'s language files changed')
    folder = Path(cache_dir) / f"theme-{HANT}"
    _write_if_changed(folder / "partials" / "languages" / f"{HANT}.html", text)
    return folder


# A generated file's own language mark, as each kind writes it (posters, the offline page inside sw.js,
# the web app manifest).
LANG_MARKS = (
    ('<html lang="zh">', f'<html lang="{HANT}">'),
    ('<html lang=\\"zh\\">', f'<html lang=\\"{HANT}\\">'),
    ('"lang": "zh-CN"', f'"lang": "{HANT}"'),
)
TEXT_ASSETS = (".html", ".svg", ".json", ".js", ".mjs", ".webmanifest")


def convert_asset(rel: str, content):
    """A generated file for the Traditional edition: text converted and its language mark set; others as they are."""
    if isinstance(content, bytes) and rel.endswith(TEXT_ASSETS):
        return convert_asset(rel, content.decode("utf-8")).encode("utf-8")
    if not isinstance(content, str):
        return content
    text = to_hant(content)
    for old, new in LANG_MARKS:
        text = text.replace(old, new)
    return text


SCRIPT_DIRS = ("assets/javascripts",)  # the site's own scripts (widget and record texts); not Pyodide


def convert_scripts(site_dir: Path) -> list[Path]:
    """Convert the user-facing strings of the site's own JavaScript in a built edition, in place."""
    changed = []
    for folder in SCRIPT_DIRS:
        for path in sorted((Path(site_dir) / folder).glob("*.*js")):
            text = path.read_text(encoding="utf-8")
            new = to_hant(text)
            if new != text:
                path.write_text(new, encoding="utf-8")
                changed.append(path)
    return changed


def convert_zip(data: bytes, suffixes: tuple[str, ...] = (".py", ".toml")) -> bytes:
    """A zip with the text of its members of these suffixes converted, everything else kept as it is."""
    src, buf = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with src, zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            body = src.read(info)
            if info.filename.endswith(suffixes):
                body = to_hant(body.decode("utf-8")).encode("utf-8")
            out.writestr(info, body, compresslevel=9)
    return buf.getvalue()
