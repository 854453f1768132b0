"""Build-time HTML of the checker widget: ``{{ checker("name") }}`` in a page.

``render_checker(name, base_url)`` imports ``checkers.<name>`` and renders its form from the
declared ``INPUTS`` (see ``checkers/README.md``), with the title, help texts, an empty place for
per-field messages, a status line for the runtime and a result area. The script and stylesheet
are referenced from the widget itself (through ``base_url``, the relative path from the page to
the site root), so pages without a checker load none of it and no Pyodide file.

The browser side is ``docs/assets/javascripts/checker-widget.mjs`` and the modules it imports (form,
URL, runtime client, result, print; ``runtime_assets.WIDGET_MODULES``), ``checker-fallback.js`` (what
a page opened from disk says), ``checker-worker.mjs`` (module Web Worker) and ``checker-core.mjs`` (Pyodide start-up, shared with
the Node tests). Every text from a checker module is HTML-escaped here.
"""

from __future__ import annotations

import functools
import hashlib
import html
import importlib
import json
import pathlib
import re

from macros import config
from macros.checker_page import download_sizes, runtime_assets
from macros.checker_page.runtime_assets import worker_modules  # listed there: download_sizes counts them too
from macros.settings import DEFAULTS, Settings

REPO = config.ROOT
ASSETS = config.DOCS_DIR

NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")

BOOLEAN_OPTIONS = (("yes", "是"), ("no", "否"))


def _e(text) -> str:
    return html.escape("" if text is None else str(text), quote=True)


@functools.cache
def _file_hash(*rel_paths: str) -> str:
    h = hashlib.sha256()
    for rel in rel_paths:
        h.update((ASSETS / rel).read_bytes())
    return h.hexdigest()[:12]


def worker_version() -> str:
    """The ?v= the worker and its modules carry: a hash of all of them."""
    return _file_hash(*worker_modules())


def _load(name: str):
    if not isinstance(name, str) or not NAME_RE.match(name) or name.startswith("_"):
        raise ValueError(f"checker name {name!r} is not a checker module name (expected e.g. 'election')")
    try:
        module = importlib.import_module(f"checkers.{name}")
    except ModuleNotFoundError as exc:
        if exc.name in (f"checkers.{name}", "checkers"):
            raise ValueError(f"unknown checker {name!r}: there is no checkers/{name}.py") from exc
        raise
    for attr in ("TITLE", "INPUTS", "check"):
        if not hasattr(module, attr):
            raise ValueError(f"checkers/{name}.py does not define {attr} (see checkers/README.md)")
    return module


def _flow_labels(flow: str | None) -> dict[str, str]:
    """Node id → label for the checker's own flow, to name the cited steps in findings."""
    if not flow:
        return {}
    path = REPO / "flows" / f"{flow}.yml"
    if not path.is_file():
        return {}
    import yaml  # build-time only

    labels: dict[str, str] = {}

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("id"), str) and isinstance(node.get("label"), str):
                labels.setdefault(node["id"], node["label"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return labels


def _control(spec: dict, id_: str, described: str, in_row: bool = False) -> str:
    kind = spec.get("type", "text")
    name = spec["name"]
    default = spec.get("default")
    attrs = [f'id="{_e(id_)}"', f'aria-describedby="{_e(described)}"']
    attrs.append(f'data-col="{_e(name)}"' if in_row else f'name="{_e(name)}"')
    if spec.get("required"):
        attrs.append('aria-required="true"')
    if kind in ("choice", "boolean"):
        options = (
            [(o["value"], o["label"]) for o in spec.get("options", [])] if kind == "choice" else list(BOOLEAN_OPTIONS)
        )
        parts = [f"<select {' '.join(attrs)}>", '<option value="">请选择</option>']
        for value, label in options:
            sel = " selected" if default is not None and str(default) == str(value) else ""
            parts.append(f'<option value="{_e(value)}"{sel}>{_e(label)}</option>')
        parts.append("</select>")
        return "".join(parts)
    if kind == "date":
        attrs.insert(0, 'type="date"')
    else:
        attrs.insert(0, 'type="text"')
        if kind == "integer":
            attrs.append('inputmode="numeric" autocomplete="off"')
        elif kind == "money":
            attrs.append('inputmode="decimal" autocomplete="off"')
    if default is not None:
        attrs.append(f'value="{_e(default)}"')
    return f"<input {' '.join(attrs)}>"


def _suffix(spec: dict) -> str:
    return '<span class="zbc-unit">元</span>' if spec.get("type") == "money" else ""


def _field(prefix: str, spec: dict) -> str:
    name = spec["name"]
    fid = f"{prefix}-{name}"
    help_ = spec.get("help")
    req = '<span class="zbc-req">（必填）</span>' if spec.get("required") else ""
    help_html = f'<p class="zbc-help" id="{fid}-help">{_e(help_)}</p>' if help_ else ""
    described = f"{fid}-help {fid}-msg" if help_ else f"{fid}-msg"
    msg = f'<p class="zbc-msg" id="{fid}-msg" aria-live="polite"></p>'
    kind = spec.get("type")
    step = f' data-step="{_e(spec["step"])}"' if spec.get("step") else ""
    if kind == "rows":
        columns = spec.get("columns", [])
        template = _row(prefix, name, columns, "__N__")
        return (
            f'<fieldset class="zbc-field zbc-rows" data-name="{_e(name)}" data-type="rows">'
            f"<legend>{_e(spec['label'])}{req}</legend>{help_html}"
            f'<div class="zbc-row-list"></div>'
            f'<template class="zbc-row-template">{template}</template>'
            f'<button type="button" class="zbc-add">＋ 添加一行</button>{msg}</fieldset>'
        )
    return (
        f'<div class="zbc-field" data-name="{_e(name)}" data-type="{_e(kind)}"{step}>'
        f'<label for="{fid}">{_e(spec["label"])}{req}</label>'
        f'<div class="zbc-control">{_control(spec, fid, described)}{_suffix(spec)}</div>'
        f"{help_html}{msg}</div>"
    )


def _row(prefix: str, name: str, columns: list[dict], n: str) -> str:
    cells = []
    for col in columns:
        cid = f"{prefix}-{name}-{n}-{col['name']}"
        cells.append(
            f'<div class="zbc-cell" data-col="{_e(col["name"])}" data-type="{_e(col.get("type", "text"))}">'
            f'<label for="{cid}">{_e(col["label"])}</label>'
            f'<div class="zbc-control">{_control(col, cid, f"{prefix}-{name}-msg", in_row=True)}{_suffix(col)}</div></div>'
        )
    return (
        f'<div class="zbc-row" role="group">{"".join(cells)}'
        f'<button type="button" class="zbc-remove">删除</button></div>'
    )


def _spec(module, name: str, flow: str | None) -> str:
    data = {
        "name": name,
        "title": str(module.TITLE),
        "flow": flow,
        "inputs": module.INPUTS,
        "steps": _flow_labels(flow),
        "verdict_labels": dict(getattr(module, "VERDICT_LABELS", {})),
        "page_defaults": dict(getattr(module, "PAGE_DEFAULTS", {})),
        # A checker that makes something (a plan) names its button and wants its result in view.
        "result_first": bool(getattr(module, "SUBMIT_LABEL", None)),
        "aliases": dict(getattr(module, "ALIASES", {})),
    }
    text = json.dumps(data, ensure_ascii=False, default=str)
    # Safe inside <script>: no "</script>", no "<!--".
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _base(base_url: str) -> str:
    base = base_url or ""
    return base + "/" if base and not base.endswith("/") else base


def runtime_attributes(name: str, base_url: str, settings: Settings = DEFAULTS) -> str:
    """The data attributes an element needs to start the checker runtime (checker-runtime.mjs startRuntime)
    with ``checkers.<name>`` imported while it starts; ``name`` may be a helper with a check() (``_register``)."""
    base = _base(base_url)
    runtime = base + settings.runtime_from + runtime_assets.pyodide_dir(REPO)
    # The zip of the checkers package the build imports (a scratch copy's own, in the checklist's test).
    checkers_root = pathlib.Path(importlib.import_module("checkers").__file__ or "").resolve().parent.parent
    zip_hash = runtime_assets.short_hash(runtime_assets.checkers_zip(checkers_root))
    sent, raw = download_sizes.total(settings.cache_dir)
    return (
        f'data-checker="{_e(name)}" data-base="{_e(base)}" data-runtime="{_e(runtime)}"'
        f' data-stdlib="{_e(base + runtime_assets.stdlib_url(REPO, settings.cache_dir))}"'
        f' data-zip="{_e(base + runtime_assets.CHECKERS_ZIP)}?v={zip_hash}"'
        f' data-worker="{_e(base + runtime_assets.WIDGET_WORKER)}?v={worker_version()}"'
        f' data-download="{sent}" data-download-raw="{raw}"'
    )


def render_checker(name: str, base_url: str, level: int = 3, settings: Settings = DEFAULTS) -> str:
    """The widget HTML for ``checkers.<name>``; ``base_url`` is the page's path to the site root.

    ``level``: the heading level of the widget's title (one below the heading it sits under);
    ``settings``: this build's (where the runtime lives, the cache of download sizes).
    """
    module = _load(name)
    base = _base(base_url)
    flow = getattr(module, "FLOW", None)
    prefix = f"zbc-{name}"
    js_v = _file_hash(*runtime_assets.WIDGET_MODULES)
    fallback_v = _file_hash(runtime_assets.WIDGET_FALLBACK)
    css_v = _file_hash("assets/stylesheets/checker.css")

    fields = "".join(_field(prefix, spec) for spec in module.INPUTS)
    parts = [
        f'<div class="zbc-checker zb-checker" id="{prefix}" {runtime_attributes(name, base_url, settings)}>',
        # First in the widget, ahead of its stylesheet and at high priority: the script starts the
        # runtime's worker as soon as it runs (it needs only the element above), not after the page.
        f'<script type="module" src="{_e(base + runtime_assets.WIDGET_SCRIPT)}?v={js_v}" async fetchpriority="high"></script>',
        f'<script src="{_e(base + runtime_assets.WIDGET_FALLBACK)}?v={fallback_v}" defer></script>',
        f'<link rel="stylesheet" href="{_e(base + runtime_assets.WIDGET_STYLE)}?v={css_v}">',
        f'<p class="zbc-title" role="heading" aria-level="{int(level)}">自助检查：{_e(module.TITLE)}</p>',
        '<p class="zbc-privacy">检查在您的浏览器中完成，填写的内容不会发送到任何服务器。'
        "填写内容只保存在本页网址中：收藏或转发网址，打开后会自动填好并重新检查。</p>",
        '<div class="zbc-status" role="status" aria-live="polite" data-state="loading">'
        '<span class="zbc-status-text">正在载入检查程序……</span>'
        '<progress class="zbc-progress" max="3" value="0"></progress>'
        '<div class="zbc-status-detail"></div></div>',
        '<noscript><p class="zbc-status" data-state="failed">本检查需要浏览器启用 JavaScript。</p></noscript>',
        f'<form class="zbc-form" novalidate autocomplete="off" aria-label="{_e(module.TITLE)}">',
        fields,
        '<div class="zbc-actions"><button type="submit" class="md-button md-button--primary zbc-submit">'
        f"{_e(getattr(module, 'SUBMIT_LABEL', '检查'))}</button>"
        '<button type="button" class="md-button zbc-clear">清空</button></div>',
        "</form>",
        '<p class="zbc-announce" role="status" aria-live="polite"></p>',
        '<div class="zbc-result" tabindex="-1" hidden></div>',
        f'<script type="application/json" class="zbc-spec">{_spec(module, name, flow)}</script>',
        "</div>",
    ]
    # One line per element, none indented and no blank line: Markdown keeps it as a raw HTML block.
    return "\n".join(parts)
