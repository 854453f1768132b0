"""MkDocs adapter: validate flows at config time, add generated pages and assets, build the nav."""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from macros import config as zhibu_config
from macros import script_variant
from macros.build import Outputs, build_outputs
from macros.checker_early import with_early_start
from macros.cjk_breaks import join_cjk_lines
from macros.config import CACHE_DIR
from macros.csp import with_policy
from macros.flow_loader import FlowError
from macros.pages import nav as flow_nav
from macros.runtime_assets import CHECKERS_ZIP, RuntimeMissing
from macros.script_variant import VariantError, to_hant
from macros.search_on_demand import BundlePatchError, patch_site
from macros.search_worker import WorkerPatchError, fix_site
from macros.svg_render import RenderError

log = logging.getLogger("mkdocs.plugins.zhibu")
_outputs: Outputs | None = None
_variant: str | None = None  # None: the Simplified site; script_variant.HANT: the Traditional edition

HAND_SECTIONS = [("自查工具", "checkers"), ("使用说明", "guide")]


@event_priority(100)  # before the search plugin loads its jieba user dictionary
def on_config(config, **kwargs):
    global _outputs, _variant
    _pin_build_date()
    zhibu_config.DIRECTORY_URLS = bool(config["use_directory_urls"])
    try:
        _variant = script_variant.requested()
        _configure_edition(config)
        zhibu_config.OFFLINE_FROM = "../" if _variant else ""  # the Traditional edition is one folder down,
        zhibu_config.RUNTIME_FROM = zhibu_config.OFFLINE_FROM  # and loads the Simplified site's runtime
    except VariantError as exc:
        raise PluginError(str(exc)) from None
    try:
        _outputs = build_outputs(site_url=config.get("site_url") or None, script=_variant)
    except FlowError as exc:
        raise PluginError(
            "flows are invalid; fix these and build again:\n" + "\n".join(str(p) for p in exc.problems)
        ) from None
    except (RenderError, RuntimeMissing) as exc:
        raise PluginError(str(exc)) from None
    if not config.get("nav"):
        config["nav"] = _nav(Path(config["docs_dir"]))
        if _variant:
            config["nav"] = script_variant.convert_value(config["nav"])
    return config


def _configure_edition(config) -> None:
    """The 简/繁 switch on both editions; for the Traditional one: its language, folder, names and search."""
    config["extra"]["script_switch"] = script_variant.switch(_variant)
    # True (not a list): Material's header includes partials/alternate.html (our switch), and its
    # base.html writes no <link rel="alternate"> (Material would fetch a sitemap.xml next to each).
    config["extra"]["alternate"] = True
    if not _variant:
        return
    config["theme"]["language"] = script_variant.HANT
    config["site_dir"] = os.path.join(config["site_dir"], script_variant.SUBDIR)
    if config.get("site_url"):
        config["site_url"] = config["site_url"].rstrip("/") + f"/{script_variant.SUBDIR}/"
    config["site_name"] = to_hant(config["site_name"])
    config["site_description"] = to_hant(config.get("site_description") or "")
    config["theme"]["palette"] = script_variant.convert_value(config["theme"]["palette"])  # toggle names
    _hant_theme_strings(config["theme"].dirs)
    search = config["plugins"].get("search") or config["plugins"].get("material/search")
    if search is not None:
        _hant_search(search.config, Path(config["config_file_path"]).parent)


def _hant_theme_strings(theme_dirs: list) -> None:
    """The theme's own strings (search, footer, skip link) in the edition: its Simplified ones, converted."""
    zh = [Path(d) / "partials/languages/zh.html" for d in theme_dirs]
    zh = [path for path in zh if path.is_file()]
    if not zh:
        raise VariantError("the theme has no partials/languages/zh.html to convert for the Traditional edition")
    theme_dirs.insert(0, str(script_variant.hant_theme_strings(zh[0], CACHE_DIR)))


def _hant_search(search, root: Path) -> None:
    """The search index of the edition cut into words with Traditional dictionaries (jieba's and ours)."""
    if not search.get("jieba_dict"):
        import jieba

        search["jieba_dict"] = str(script_variant.hant_main_dict(Path(jieba.__file__).parent / "dict.txt", CACHE_DIR))
    if search.get("jieba_dict_user"):
        search["jieba_dict_user"] = str(script_variant.hant_user_dict(root / search["jieba_dict_user"], CACHE_DIR))


def _pin_build_date() -> None:
    """Reproducible builds: MkDocs dates sitemap.xml.gz by the day of the build unless
    SOURCE_DATE_EPOCH is set; default it to the time of the commit being built (git checkout)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return
    try:
        proc = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=Path(__file__).parent, capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return  # not a git checkout (or no git): MkDocs's default, the day of the build
    if proc.returncode == 0 and proc.stdout.strip().isdigit():
        os.environ["SOURCE_DATE_EPOCH"] = proc.stdout.strip()


def _nav(docs: Path) -> list:
    entries: list = [{"首页": "index.md"}] + flow_nav(_outputs.site)
    for title, folder in HAND_SECTIONS:
        # A section's index.md comes first (Material's navigation.indexes makes it the section page).
        pages = sorted(
            (p.relative_to(docs).as_posix() for p in (docs / folder).glob("*.md")),
            key=lambda rel: (not rel.endswith("/index.md"), rel),
        )
        if pages:
            entries.append({title: pages})
    others = sorted(p.name for p in docs.glob("*.md") if p.name != "index.md")
    if others:
        entries.append({"关于本站": others})
    return entries


def on_files(files, config, **kwargs):
    for rel, text in _outputs.pages.items():
        if files.get_file_from_path(rel) is not None:
            raise PluginError(f"docs/{rel} would be overwritten by a generated page; remove or rename it")
        files.append(File.generated(config, rel, content=text))
    for rel, content in _outputs.assets.items():
        if _variant and rel == CHECKERS_ZIP:  # the checkers' messages and rule texts, for Pyodide
            content = script_variant.convert_zip(content)
        elif _variant:  # diagrams, posters, records data, the service worker's offline page, the manifest
            # (the downloads, files in the cache, are made from the converted flows already)
            content = script_variant.convert_asset(rel, content)
        if isinstance(content, Path):
            files.append(File.generated(config, rel, abs_src_path=str(content)))
        else:
            files.append(File.generated(config, rel, content=content))
    log.info("zhibu: %d flow pages, %d assets", len(_outputs.site.flows), len(_outputs.assets))
    return files


@event_priority(-100)  # after mkdocs-macros has rendered the page
def on_page_markdown(markdown, page, config, files, **kwargs):
    markdown = join_cjk_lines(markdown)  # a source line break between two Chinese characters is no space
    if not _variant:
        return markdown
    page.meta.update(script_variant.convert_value(dict(page.meta)))  # title, description
    return to_hant(markdown)


def on_post_build(config, **kwargs):
    try:
        fix_site(Path(config["site_dir"]))
        patch_site(Path(config["site_dir"]))  # the search index loads when the reader searches
    except (WorkerPatchError, BundlePatchError) as exc:
        raise PluginError(str(exc)) from None
    if _variant:
        script_variant.convert_scripts(Path(config["site_dir"]))


def on_post_page(output, page, config, **kwargs):
    """Every page carries its Content-Security-Policy (with the hashes of its inline code); a checker
    page starts its runtime's worker from the top of its head (checker_early.py)."""
    return with_policy(with_early_start(output))


def on_post_template(output_content, template_name, config, **kwargs):
    """The theme's own pages (404.html) too; sitemap.xml is not HTML."""
    return with_policy(output_content) if template_name.endswith(".html") else output_content
