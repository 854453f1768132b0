"""mkdocs-macros module: macros that let hand-written pages embed diagrams, texts, checkers and rule tables."""

from __future__ import annotations

import importlib
import posixpath

from macros import config, pages
from macros.build import checker_renderer, load_valid_site
from macros.checker_citations import citations
from macros.svg_render import render_all


def define_env(env):
    """Register the page macros; they load flows lazily, so a bad flow fails in the zhibu hook first."""

    def _base() -> str:
        return pages.base_for(env.page.file.src_uri)

    loaded = []  # the site, loaded once per build on first use (define_env runs again on rebuild)

    def _flow(flow_id: str):
        if not loaded:
            loaded.append(load_valid_site())
        site = loaded[0]
        flow = site.flow(flow_id)
        if flow is None:
            raise ValueError(f"no flow '{flow_id}'; known: {', '.join(f.id for f in site.flows)}")
        return flow

    @env.macro
    def diagram(flow_id: str) -> str:
        """The diagram of a flow, with its toolbar."""
        flow = _flow(flow_id)
        return pages.diagram_html(flow, render_all([flow])[flow.id], _base(), citations())

    @env.macro
    def flow_text(flow_id: str) -> str:
        """The readable text of a flow (groups or stages, steps, notes, basis)."""
        return pages.text_md(_flow(flow_id), heading_level=3)

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
        url = posixpath.relpath(pages.flow_src(flow_id), here or ".") + (f"#{node_id}" if node_id else "")
        return f"[{pages.md_inline(label)}]({url})"

    @env.macro
    def offline_copy_link() -> str:
        """A link to the offline copy's zip, or, in a build without it, what makes it."""
        if config.offline_zip():
            return f'<a href="{_base()}{config.OFFLINE_FROM}{config.OFFLINE_ZIP_URL}" download>下载离线版（zip）</a>'
        return "离线版（本次构建没有包含，由 <code>make build</code> 生成）"

    @env.macro
    def checker(name: str, level: int = 2) -> str:
        """The self-check form of checkers.<name>; its title a heading of ``level`` (under the page's h1: 2)."""
        return checker_renderer()(name, _base(), level)

    @env.macro
    def dues_table() -> str:
        """The dues bands, from the same data the calculator uses."""
        return importlib.import_module("macros.rules_tables").dues_table_markdown()

    @env.macro
    def election_rules() -> str:
        """The election thresholds, from the same data the checker uses."""
        return importlib.import_module("macros.rules_tables").election_rules_markdown()

    @env.macro
    def checker_download(which: str = "sent") -> str:
        """A checker page's first download: "sent" (compressed as the hosting guide says), "raw", or "table"."""
        sizes = importlib.import_module("macros.download_sizes")
        if which == "table":
            return str(sizes.table_markdown())
        sent, raw = sizes.total()
        if which not in ("sent", "raw"):
            raise ValueError(f"checker_download({which!r}): use 'sent', 'raw' or 'table'")
        return str(sizes.megabytes(sent if which == "sent" else raw))

    @env.macro
    def runtime_folder() -> str:
        """The checker runtime's folder in the built site (its version is in the path), e.g. for the hosting guide."""
        return importlib.import_module("macros.runtime_assets").pyodide_dir(config.ROOT)

    @env.macro
    def rules_table(name: str) -> str:
        """Every rule of a checker's rules file, with its citation and how certain it is."""
        return importlib.import_module("macros.rules_tables").rules_markdown(name)
