"""Render DOT to SVG with Graphviz's dot, cached by content hash, and make the SVG accessible."""

from __future__ import annotations

import functools
import hashlib
import html
import os
import re
import shutil
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from macros.flows.model import Flow
from macros.render.dot_writer import BASE_PLACEHOLDER, flow_to_dot
from macros.settings import DEFAULTS, Settings

RENDER_VERSION = "2"  # bump when the DOT writer's output or post-processing changes meaning


class RenderError(Exception):
    pass


@functools.lru_cache(maxsize=1)
def dot_version() -> str:
    exe = shutil.which("dot")
    if exe is None:
        raise RenderError(
            "Graphviz 'dot' is not installed; run 'make setup' (installs the Debian "
            "package graphviz and the font fonts-wqy-microhei)"
        )
    out = subprocess.run([exe, "-V"], capture_output=True, text=True, check=False)
    return (out.stderr or out.stdout).strip()


def _run_dot(source: str) -> str:
    """One graph, one dot process.

    Never several graphs per process: Graphviz 2.42 orders a graph's clusters (and so lays them
    out) by internal ids that are the memory addresses of the cluster names, so a graph drawn
    after others in the same process can come out different, and the site would depend on how
    the diagrams were batched. A fresh process makes the SVG a function of the DOT source alone."""
    proc = subprocess.run(["dot", "-Tsvg"], input=source.encode("utf-8"), capture_output=True, check=False)
    if proc.returncode != 0:
        raise RenderError("dot failed: " + proc.stderr.decode("utf-8", "replace").strip())
    return proc.stdout.decode("utf-8")


def _cache_path(source: str, version: str, cache_dir: Path) -> Path:
    key = hashlib.sha256(f"{RENDER_VERSION}\n{version}\n{source}".encode()).hexdigest()
    return cache_dir / "svg" / f"{key}.svg"


_SEAL = "<!-- zhibu sha256 "


def _seal(svg: str) -> str:
    """The SVG with a last line holding its own hash, so a damaged entry can be told apart."""
    return f"{svg}{_SEAL}{hashlib.sha256(svg.encode()).hexdigest()} -->\n"


def _unseal(text: str) -> str | None:
    """The SVG of a cache entry, or None when the entry is not exactly what was stored."""
    svg, seal, rest = text.rpartition(_SEAL)
    if not seal or rest != f"{hashlib.sha256(svg.encode()).hexdigest()} -->\n":
        return None
    return svg


def _store(path: Path, svg: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(_seal(svg), encoding="utf-8")
    tmp.replace(path)


def _cached(path: Path) -> str | None:
    try:
        return _unseal(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def raw_svg(source: str, version: str, cache_dir: Path = DEFAULTS.cache_dir) -> str:
    """Graphviz's SVG for a DOT source, from the cache when the same source was rendered before."""
    return raw_svgs([source], version, cache_dir)[0]


def raw_svgs(
    sources: list[str], version: str, cache_dir: Path = DEFAULTS.cache_dir, names: list[str] | None = None
) -> list[str]:
    """SVGs for several DOT sources: verified cache entries, the rest rendered one dot process
    per graph, as many at a time as there are CPU cores. ``names`` (e.g. the flow files) say
    which source a Graphviz error belongs to."""
    paths = [_cache_path(src, version, cache_dir) for src in sources]
    svgs = [_cached(path) for path in paths]
    todo = [i for i, svg in enumerate(svgs) if svg is None]

    def render(i: int) -> None:
        try:
            svgs[i] = _run_dot(sources[i])
        except RenderError as exc:
            raise RenderError(f"{names[i]}: {exc}" if names else str(exc)) from None
        _store(paths[i], svgs[i])

    if todo:
        with ThreadPoolExecutor(max_workers=max(1, min(len(todo), os.cpu_count() or 1))) as pool:
            list(pool.map(render, todo))
    return [svg for svg in svgs if svg is not None]


_PROLOG = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->", re.S)
_NODE_G = re.compile(r'<g id="dg-([a-z0-9-]+)" class="((?:node|cluster)\b[^"]*)"')


def _owner(node_id: str) -> str:
    """The node a note box belongs to: 'vote--note' and 'vote--ednote' -> 'vote'."""
    return re.sub(r"--(?:ed)?note$", "", node_id)


def finish_svg(svg: str, flow: Flow) -> str:
    """Strip the prolog, name the diagram for assistive technology, tag groups with their node id
    (and boxes with their place in reading order, data-order, which present mode steps through)."""
    svg = _PROLOG.sub("", svg).strip()
    # Graphviz writes '-' as '&#45;' in attributes; ids and classes read better plain
    svg = re.sub(r'\b(id|class)="([^"]*)"', lambda m: f'{m.group(1)}="{m.group(2).replace("&#45;", "-")}"', svg)
    title_id = f"dg-title-{flow.id}"
    name = html.escape(f"{flow.title}（{flow.kind_label}）", quote=True)
    svg = svg.replace(
        "<svg ", f'<svg role="img" aria-labelledby="{title_id}" aria-describedby="text-{flow.id}" class="zb-svg" ', 1
    )
    svg = re.sub(
        r"(<svg\b[^>]*>)",
        lambda m: (
            m.group(1) + f'\n<title id="{title_id}">{name}</title>'
            f"\n<desc>{html.escape(flow.summary)} 图下方有同一内容的文字版。</desc>"
        ),
        svg,
        count=1,
    )
    order = {node.id: i for i, node in enumerate(n for n in flow.nodes() if n.role != "stage")}

    def tag(m: re.Match) -> str:
        owner = _owner(m.group(1))
        step = f' data-order="{order[owner]}"' if owner == m.group(1) and owner in order else ""
        return f'<g id="dg-{m.group(1)}" class="{m.group(2)}" data-node="{owner}"{step}'

    svg = _NODE_G.sub(tag, svg)
    return "\n".join(line for line in svg.splitlines() if line.strip()) + "\n"


def with_base(svg: str, base: str) -> str:
    """Point the diagram's node links at the site root as seen from the embedding page."""
    return svg.replace(BASE_PLACEHOLDER, base)


def standalone(svg: str) -> str:
    """The SVG as a file of its own under assets/diagrams/ (for full screen, posters, download)."""
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + with_base(svg, "../../")


def render_all(flows: list[Flow], settings: Settings = DEFAULTS) -> dict[str, str]:
    """Finished SVG per flow id; renders only flows whose DOT changed (cached in `settings.cache_dir`)."""
    sources = [flow_to_dot(flow, settings) for flow in flows]
    raws = raw_svgs(sources, dot_version(), settings.cache_dir, [flow.path for flow in flows])
    return {flow.id: finish_svg(raw, flow) for flow, raw in zip(flows, raws)}
