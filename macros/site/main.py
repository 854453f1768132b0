"""mkdocs-macros module: macros that let hand-written pages embed diagrams, texts, checkers and rule tables.

It loads nothing itself: the MkDocs hook (``mkdocs_hooks.py``) built this build's ``Outputs`` (the site, its
diagrams, the settings) in ``on_config`` and left them on the MkDocs config (``build.CONFIG_KEY``); a bad
flow has failed the build there already.
"""

from __future__ import annotations

import posixpath

from macros import config
from macros.checker_page import download_sizes, rules_tables, runtime_assets
from macros.checker_page import register_page as register_page_html
from macros.checker_page.checker_citations import citations
from macros.site import markup
from macros.site.build import CONFIG_KEY, Outputs, checker_renderer
from macros.site.flow_text import text_md
from macros.site.forms_html import forms_list_html
from macros.site.pages import diagram_html


def define_env(env):
    """Register the page macros; they read what the zhibu hook built for this build (define_env runs again on rebuild)."""

    def _outputs() -> Outputs:
        outputs = env.conf.get(CONFIG_KEY)
        if outputs is None:
            raise RuntimeError("the zhibu MkDocs hook did not run (mkdocs.yml: hooks: - macros/site/mkdocs_hooks.py)")
        return outputs

    def _base() -> str:
        return markup.base_for(env.page.file.src_uri, _outputs().settings)

    def _flow(flow_id: str):
        site = _outputs().site
        flow = site.flow(flow_id)
        if flow is None:
            raise ValueError(f"no flow '{flow_id}'; known: {', '.join(f.id for f in site.flows)}")
        return flow

    @env.macro
    def diagram(flow_id: str) -> str:
        """The diagram of a flow, with its toolbar."""
        flow = _flow(flow_id)
        return diagram_html(flow, _outputs().svgs[flow.id], _base(), citations())

    @env.macro
    def flow_text(flow_id: str) -> str:
        """The readable text of a flow (groups or stages, steps, notes, basis)."""
        return text_md(_flow(flow_id), heading_level=3, settings=_outputs().settings)

    @env.macro
    def flow_link(flow_id: str, node_id: str = "") -> str:
        """A Markdown link to a flow page, or to one of its steps."""
        flow = _flow(flow_id)
        node = flow.node(node_id) if node_id else None
        if node_id and node is None:
            raise ValueError(f"flow '{flow_id}' has no node '{node_id}'")
        label = node.display_label if node else flow.title
        # a link to the Markdown source, so MkDocs checks it and writes the right URL
        here = posixpath.dirname(env.page.file.src_uri)
        url = posixpath.relpath(markup.flow_src(flow_id), here or ".") + (f"#{node_id}" if node_id else "")
        return f"[{markup.md_inline(label)}]({url})"

    @env.macro
    def record_forms() -> str:
        """Every blank record form (PDF and .docx), each with the flow of its meeting."""
        outputs, base = _outputs(), _base()
        urls = {f.id: base + outputs.settings.page_url(markup.flow_src(f.id)) for f in outputs.site.flows}
        return forms_list_html(outputs.forms, base, urls, {f.id: f.title for f in outputs.site.flows})

    @env.macro
    def offline_copy_link() -> str:
        """A link to the offline copy's zip, or, in a build without it, what makes it."""
        settings = _outputs().settings
        if settings.published_offline_zip():
            return f'<a href="{_base()}{settings.offline_from}{config.OFFLINE_ZIP_URL}" download>下载离线版（zip）</a>'
        return "离线版（本次构建没有包含，由 <code>make build</code> 生成）"

    @env.macro
    def checker(name: str, level: int = 2) -> str:
        """The self-check form of checkers.<name>; its title a heading of ``level`` (under the page's h1: 2)."""
        return checker_renderer(_outputs().settings)(name, _base(), level)

    @env.macro
    def register_page() -> str:
        """The 发展党员 register (docs/checkers/register.md): its element, filled by register-*.mjs."""
        return register_page_html.render_register(_base(), _outputs().settings)

    @env.macro
    def register_materials() -> str:
        """The materials of a 发展党员 file with their source, from the register's rules data."""
        return register_page_html.materials_table()

    @env.macro
    def register_columns() -> str:
        """The register CSV's columns in order."""
        return register_page_html.csv_header()

    @env.macro
    def dues_table() -> str:
        """The dues bands, from the same data the calculator uses."""
        return rules_tables.dues_table_markdown()

    @env.macro
    def election_rules() -> str:
        """The election thresholds, from the same data the checker uses."""
        return rules_tables.election_rules_markdown()

    @env.macro
    def checker_download(which: str = "sent") -> str:
        """A checker page's first download: "sent" (compressed as the hosting guide says), "raw", or "table"."""
        cache_dir = _outputs().settings.cache_dir
        if which == "table":
            return str(download_sizes.table_markdown(cache_dir))
        sent, raw = download_sizes.total(cache_dir)
        if which not in ("sent", "raw"):
            raise ValueError(f"checker_download({which!r}): use 'sent', 'raw' or 'table'")
        return str(download_sizes.megabytes(sent if which == "sent" else raw))

    @env.macro
    def runtime_folder() -> str:
        """The checker runtime's folder in the built site (its version is in the path), e.g. for the hosting guide."""
        return runtime_assets.pyodide_dir(config.ROOT)

    @env.macro
    def rules_table(name: str) -> str:
        """Every rule of a checker's rules file, with its citation and how certain it is."""
        return rules_tables.rules_markdown(name)
