"""Everything generated from flows, as files keyed by site path: pages, SVGs, downloads (no MkDocs here).

``build_outputs(settings)`` is called once per build by an edge (the MkDocs hook, or ``zhibu pages``); the
MkDocs hook keeps its ``Outputs`` on the MkDocs config (``CONFIG_KEY``), where the macros module
(``main.py``) finds the site, the diagrams and the settings instead of loading them again.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from macros import config
from macros.cases.case_loader import Case, load_cases
from macros.cases.case_pages import case_pages
from macros.cases.case_pdf import CaseDownloads, case_export_files
from macros.checker_page.checker_citations import citations
from macros.checker_page.checker_widget import render_checker
from macros.checker_page.runtime_assets import runtime_files
from macros.exports.exports import export_files, page_url
from macros.flows.flow_loader import FlowError
from macros.flows.model import Site
from macros.flows.site_loader import load_site
from macros.forms.form_data import load_forms
from macros.forms.form_files import FormFiles, form_files
from macros.offline.offline import offline_files
from macros.render.svg_render import render_all, standalone
from macros.settings import DEFAULTS, Settings
from macros.site.downloads_html import downloads_html
from macros.site.forms_html import forms_html
from macros.site.pages import site_pages
from macros.site.poster import poster_html
from macros.site.records_data import records_index

CONFIG_KEY = "zhibu_outputs"  # where the MkDocs hook leaves this build's Outputs on the MkDocs config


@dataclass
class Outputs:
    site: Site
    svgs: dict[str, str]  # flow id -> inline SVG
    settings: Settings = DEFAULTS  # what they were built with
    pages: dict[str, str] = field(default_factory=dict)  # docs-relative .md path -> Markdown
    assets: dict[str, str | bytes | Path] = field(default_factory=dict)  # site path -> content
    forms: list[FormFiles] = field(default_factory=list)  # the blank record forms made (with the downloads)
    cases: list[Case] = field(default_factory=list)  # the 找错练习 cases, each proved by its checker


def load_valid_site(flows_dir: Path = DEFAULTS.flows_dir) -> Site:
    """The site's flows, or FlowError listing every problem."""
    site, problems = load_site(flows_dir)
    if problems:
        raise FlowError(problems)
    return site


def checker_renderer(settings: Settings) -> Callable[..., str]:
    """render_checker(name, base, level=3) from the checker widget module, for this build's settings."""
    return functools.partial(render_checker, settings=settings)


def build_outputs(settings: Settings = DEFAULTS, with_runtime: bool = True, date: str | None = None) -> Outputs:
    """Pages and assets; `settings.exports` adds every flow's downloads (QR codes need `settings.site_url`).

    In the Traditional edition (`settings.script`) the downloads are made from the converted flows. The
    offline copy is one zip for both editions, published with the Simplified site (`settings.offline_from`
    links it from the Traditional one)."""
    site = load_valid_site(settings.flows_dir)
    svgs = render_all(site.flows, settings)
    uses_checkers = any(f.checker for f in site.flows)
    out = Outputs(site, svgs, settings, cases=load_cases(settings.cases_dir, settings.flows_dir))
    extras = None
    site_url = settings.site_url
    forms = load_forms(settings.flows_dir, site)  # checked in every build, made with the downloads
    if settings.exports:
        files, downloads = export_files(
            site.flows, site_url or None, date, settings.cache_dir, settings.script, settings.source_date_epoch
        )
        out.assets.update(files)
        form_assets, out.forms = form_files(
            forms, site, settings.flows_dir, settings.cache_dir, settings.script, settings.source_date_epoch
        )
        out.assets.update(form_assets)

        def extras(flow, base):
            d = downloads[flow.id]
            attrs = {"data-qr": base + d.files["qr"], "data-url": page_url(site_url, flow)} if "qr" in d.files else None
            own = [e for e in out.forms if e.form.flow_id == flow.id]
            return downloads_html(d, base, settings.script) + forms_html(own, base), attrs

    offline_zip = settings.published_offline_zip()
    if offline_zip and not settings.offline_from:
        out.assets[config.OFFLINE_ZIP_URL] = offline_zip
    case_downloads: CaseDownloads | None = None
    if settings.exports:
        case_files, case_downloads = case_export_files(out.cases, site, site_url, settings.cache_dir, settings.script)
        out.assets.update(case_files)
    cites = citations()
    out.pages = site_pages(site, svgs, settings, checker_renderer(settings) if uses_checkers else None, cites, extras)
    out.pages.update(case_pages(out.cases, site, settings, case_downloads))
    out.assets[config.RECORDS_DATA] = records_index(site, cites)
    for flow in site.flows:
        out.assets[f"{config.DIAGRAM_DIR}/{flow.id}.svg"] = standalone(svgs[flow.id])
        out.assets[f"{config.POSTER_DIR}/{flow.id}.html"] = poster_html(flow, svgs[flow.id])
    if with_runtime:
        out.assets.update(
            runtime_files(config.ROOT, with_pyodide=not settings.runtime_from, cache_dir=settings.cache_dir)
        )
        out.assets.update(offline_files(config.ROOT, settings))
    return out
