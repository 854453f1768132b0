"""MkDocs adapter: the MkDocs edge of the build. Settings from mkdocs.yml, flows validated and every file
generated at config time, then the generated pages and assets added, the nav built, and the pages finished.

MkDocs loads this file by its path. It keeps no state of its own: this build's ``Outputs`` (with its
``Settings``) live on the MkDocs config under ``build.CONFIG_KEY``, where every event and the macros
module (``main.py``) find them."""

from __future__ import annotations

import dataclasses
import logging
import os
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from macros.cases.case_loader import CaseError
from macros.cases.case_pages import case_nav
from macros.checker_page.checker_early import with_early_start
from macros.checker_page.runtime_assets import CHECKERS_ZIP, RuntimeMissing
from macros.editions import script_variant
from macros.editions.script_variant import VariantError, to_hant
from macros.flows.flow_loader import FlowError
from macros.flows.model import Site
from macros.render.svg_render import RenderError
from macros.settings import Settings, SettingsError
from macros.site.build import CONFIG_KEY, Outputs, build_outputs
from macros.site.cjk_breaks import join_cjk_lines
from macros.site.pages import nav as flow_nav
from macros.site.precompress import precompress_site
from macros.theme import material_pin
from macros.theme.csp import with_policy
from macros.theme.material_pin import MaterialVersionError
from macros.theme.search_on_demand import BundlePatchError, patch_site
from macros.theme.search_query import SearchWordsError, add_to_site
from macros.theme.search_worker import WorkerPatchError, fix_site

log = logging.getLogger("mkdocs.plugins.zhibu")

HAND_SECTIONS = [("自查工具", "checkers"), ("使用说明", "guide")]


def settings_from(config) -> Settings:
    """This build's settings, from the MkDocs config: ``use_directory_urls``, ``site_url`` and ``extra.zhibu``
    (mkdocs.yml; its ``!ENV`` tags read the ``ZHIBU_*`` variables); mkdocs.hant.yml sets the edition."""
    if os.environ.get("ZHIBU_SCRIPT"):
        raise SettingsError(
            "ZHIBU_SCRIPT is no longer read: build the Traditional edition with `mkdocs build -f mkdocs.hant.yml` "
            "(the offline copy's with -f mkdocs.offline.hant.yml)"
        )
    values = config["extra"].get("zhibu") or {}
    if not isinstance(values, dict):
        raise SettingsError("mkdocs.yml: extra.zhibu must be a mapping of zhibu settings")
    settings = Settings.from_values(
        values,
        base=Path(config["config_file_path"]).parent,
        directory_urls=bool(config["use_directory_urls"]),
        site_url=config.get("site_url") or None,
        source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH") or None,
    )
    if settings.script and settings.site_url:  # the edition is one folder down; its QR codes point there
        settings = dataclasses.replace(settings, site_url=settings.site_url.rstrip("/") + f"/{script_variant.SUBDIR}/")
    return settings


def _outputs(config) -> Outputs:
    return config[CONFIG_KEY]


@event_priority(100)  # before the search plugin loads its jieba user dictionary
def on_config(config, **kwargs):
    _pin_build_date()
    try:
        material_pin.check()  # before anything is built: the patches in on_post_build fit one release
        settings = settings_from(config)
        _configure_edition(config, settings)
    except (MaterialVersionError, SettingsError, VariantError) as exc:
        raise PluginError(str(exc)) from None
    try:
        outputs = build_outputs(settings)
    except FlowError as exc:
        raise PluginError(
            "flows are invalid; fix these and build again:\n" + "\n".join(str(p) for p in exc.problems)
        ) from None
    except CaseError as exc:
        raise PluginError(
            "training cases (cases/) cannot be published; fix these and build again:\n" + "\n".join(exc.problems)
        ) from None
    except (RenderError, RuntimeMissing) as exc:
        raise PluginError(str(exc)) from None
    config[CONFIG_KEY] = outputs  # for the other events and the macros module (main.py): nothing global
    if not config.get("nav"):
        config["nav"] = _nav(Path(config["docs_dir"]), outputs.site, case_nav(outputs.cases))
        if settings.script:
            config["nav"] = script_variant.convert_value(config["nav"])
    return config


def _configure_edition(config, settings: Settings) -> None:
    """The 简/繁 switch on both editions; for the Traditional one: its language, folder, names and search."""
    config["extra"]["script_switch"] = script_variant.switch(settings.script)
    # True (not a list): Material's header includes partials/alternate.html (our switch), and its
    # base.html writes no <link rel="alternate"> (Material would fetch a sitemap.xml next to each).
    config["extra"]["alternate"] = True
    if not settings.script:
        return
    config["theme"]["language"] = script_variant.HANT
    config["site_dir"] = os.path.join(config["site_dir"], script_variant.SUBDIR)
    if settings.site_url:
        config["site_url"] = settings.site_url
    config["site_name"] = to_hant(config["site_name"])
    config["site_description"] = to_hant(config.get("site_description") or "")
    config["theme"]["palette"] = script_variant.convert_value(config["theme"]["palette"])  # toggle names
    _hant_theme_strings(config["theme"].dirs, settings.cache_dir)
    search = config["plugins"].get("search") or config["plugins"].get("material/search")
    if search is not None:
        _hant_search(search.config, Path(config["config_file_path"]).parent, settings.cache_dir)


def _hant_theme_strings(theme_dirs: list, cache_dir: Path) -> None:
    """The theme's own strings (search, footer, skip link) in the edition: its Simplified ones, converted."""
    zh = [Path(d) / "partials/languages/zh.html" for d in theme_dirs]
    zh = [path for path in zh if path.is_file()]
    if not zh:
        raise VariantError("the theme has no partials/languages/zh.html to convert for the Traditional edition")
    theme_dirs.insert(0, str(script_variant.hant_theme_strings(zh[0], cache_dir)))


def _hant_search(search, root: Path, cache_dir: Path) -> None:
    """The search index of the edition cut into words with Traditional dictionaries (jieba's and ours)."""
    if not search.get("jieba_dict"):
        import jieba

        search["jieba_dict"] = str(script_variant.hant_main_dict(Path(jieba.__file__).parent / "dict.txt", cache_dir))
    if search.get("jieba_dict_user"):
        search["jieba_dict_user"] = str(script_variant.hant_user_dict(root / search["jieba_dict_user"], cache_dir))


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


def _nav(docs: Path, site: Site, cases: list | None = None) -> list:
    entries: list = [{"首页": "index.md"}] + flow_nav(site) + (cases or [])
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
    outputs = _outputs(config)
    variant = outputs.settings.script
    for rel, text in outputs.pages.items():
        if files.get_file_from_path(rel) is not None:
            raise PluginError(f"docs/{rel} would be overwritten by a generated page; remove or rename it")
        files.append(File.generated(config, rel, content=text))
    for rel, content in outputs.assets.items():
        if variant and rel == CHECKERS_ZIP:  # the checkers' messages and rule texts, for Pyodide
            content = script_variant.convert_zip(content)
        elif variant:  # diagrams, posters, records data, the service worker's offline page, the manifest
            # (the downloads, files in the cache, are made from the converted flows already)
            content = script_variant.convert_asset(rel, content)
        if isinstance(content, Path):
            files.append(File.generated(config, rel, abs_src_path=str(content)))
        else:
            files.append(File.generated(config, rel, content=content))
    log.info("zhibu: %d flow pages, %d assets", len(outputs.site.flows), len(outputs.assets))
    return files


@event_priority(-100)  # after mkdocs-macros has rendered the page
def on_page_markdown(markdown, page, config, files, **kwargs):
    markdown = join_cjk_lines(markdown)  # a source line break between two Chinese characters is no space
    if not _outputs(config).settings.script:
        return markdown
    page.meta.update(script_variant.convert_value(dict(page.meta)))  # title, description
    return to_hant(markdown)


def on_post_build(config, **kwargs):
    try:
        fix_site(Path(config["site_dir"]))
        patch_site(Path(config["site_dir"]))  # the search index loads when the reader searches
        # questions read as members type them: synonyms and question words (search_words.yml)
        words = Path(config["config_file_path"]).parent / "search_words.yml"
        convert = to_hant if _outputs(config).settings.script else (lambda s: s)
        add_to_site(Path(config["site_dir"]), words, convert)
    except (WorkerPatchError, BundlePatchError, SearchWordsError) as exc:
        raise PluginError(str(exc)) from None
    settings = _outputs(config).settings
    if settings.script:
        script_variant.convert_scripts(Path(config["site_dir"]))
    if settings.directory_urls:  # an online site; the offline copy opens from disk and gets none
        # The other edition's folder (zh-Hant/) is compressed by its own build.
        skip = () if settings.script else (script_variant.SUBDIR,)
        precompress_site(Path(config["site_dir"]), settings.cache_dir, skip)


def on_post_page(output, page, config, **kwargs):
    """Every page carries its Content-Security-Policy (with the hashes of its inline code); a checker
    page starts its runtime's worker from the top of its head (checker_early.py)."""
    return with_policy(with_early_start(output))


def on_post_template(output_content, template_name, config, **kwargs):
    """The theme's own pages (404.html) too; sitemap.xml is not HTML."""
    return with_policy(output_content) if template_name.endswith(".html") else output_content
