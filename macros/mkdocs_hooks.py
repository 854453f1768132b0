"""MkDocs adapter: validate flows at config time, add generated pages and assets, build the nav."""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from macros import config as zhibu_config
from macros.build import Outputs, build_outputs
from macros.csp import with_policy
from macros.flow_loader import FlowError
from macros.pages import nav as flow_nav
from macros.runtime_assets import RuntimeMissing
from macros.search_worker import WorkerPatchError, fix_site
from macros.svg_render import RenderError

log = logging.getLogger("mkdocs.plugins.zhibu")
_outputs: Outputs | None = None

HAND_SECTIONS = [("自查工具", "checkers"), ("使用说明", "guide")]


def on_config(config, **kwargs):
    global _outputs
    _pin_build_date()
    zhibu_config.DIRECTORY_URLS = bool(config["use_directory_urls"])
    try:
        _outputs = build_outputs(site_url=config.get("site_url") or None)
    except FlowError as exc:
        raise PluginError(
            "flows are invalid; fix these and build again:\n" + "\n".join(str(p) for p in exc.problems)
        ) from None
    except (RenderError, RuntimeMissing) as exc:
        raise PluginError(str(exc)) from None
    if not config.get("nav"):
        config["nav"] = _nav(Path(config["docs_dir"]))
    return config


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
        if isinstance(content, Path):
            files.append(File.generated(config, rel, abs_src_path=str(content)))
        else:
            files.append(File.generated(config, rel, content=content))
    log.info("zhibu: %d flow pages, %d assets", len(_outputs.site.flows), len(_outputs.assets))
    return files


def on_post_build(config, **kwargs):
    try:
        fix_site(Path(config["site_dir"]))
    except WorkerPatchError as exc:
        raise PluginError(str(exc)) from None


def on_post_page(output, page, config, **kwargs):
    """Every page carries its Content-Security-Policy (with the hashes of its inline code)."""
    return with_policy(output)


def on_post_template(output_content, template_name, config, **kwargs):
    """The theme's own pages (404.html) too; sitemap.xml is not HTML."""
    return with_policy(output_content) if template_name.endswith(".html") else output_content
