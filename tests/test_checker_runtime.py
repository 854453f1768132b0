"""Build-time side of the checker runtime: widget HTML and the files added to the site."""

from __future__ import annotations

import gzip
import io
import json
import pathlib
import re
import sys
import types
import zipfile

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from macros.checker_page import checker_early, checker_widget, download_sizes, runtime_assets, transfer_size  # noqa: E402
from macros.theme import csp  # noqa: E402


def test_runtime_files_copy_pyodide_and_zip_the_checkers():
    files = runtime_assets.runtime_files(REPO)
    version = runtime_assets.pyodide_version(REPO)
    pinned = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["dependencies"]["pyodide"]
    assert version == pinned and re.fullmatch(r"\d+\.\d+\.\d+", pinned), "pin an exact version"
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"):
        src = files[f"assets/pyodide/{version}/{name}"]
        assert isinstance(src, pathlib.Path) and src.is_file()
    # The lock file keeps the package's info (loadPyodide checks its ABI version) and no package list.
    # Seen to fail with the npm file copied as it is.
    lock = files[f"assets/pyodide/{version}/pyodide-lock.json"]
    assert isinstance(lock, bytes) and json.loads(lock)["packages"] == {}
    npm_lock = json.loads((REPO / "node_modules/pyodide/pyodide-lock.json").read_text(encoding="utf-8"))
    assert json.loads(lock)["info"] == npm_lock["info"] and npm_lock["packages"]
    # The package's source standard library is replaced by the compiled, trimmed one.
    assert f"assets/pyodide/{version}/python_stdlib.zip" not in files
    stdlib = zipfile.ZipFile(io.BytesIO(files["assets/python_stdlib.zip"])).namelist()
    assert "json/__init__.pyc" in stdlib and all(n.endswith(".pyc") for n in stdlib), stdlib
    data = files["assets/checkers.zip"]
    assert isinstance(data, bytes)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names == sorted(names)
    # Stored, not deflated: the build's .br/.gz of the whole zip compress the sources together.
    # Seen to fail with ZIP_DEFLATED members.
    assert {i.compress_type for i in zipfile.ZipFile(io.BytesIO(data)).infolist()} == {zipfile.ZIP_STORED}
    assert "checkers/__init__.py" in names and "checkers/election.py" in names
    assert "checkers/rules/election.toml" in names
    assert "checkers/rules/register_headers.json" in names  # the register's column names in both scripts
    assert all(
        n.endswith(".py") or re.fullmatch(r"checkers/rules/[^/]+\.toml", n) or n.endswith("register_headers.json")
        for n in names
    ), names
    assert not any("__pycache__" in n for n in names)


def test_checkers_zip_is_deterministic(tmp_path):
    first = runtime_assets.checkers_zip(REPO)
    # Same content elsewhere, with other timestamps: same bytes.
    copy = tmp_path / "checkers"
    for rel, src in runtime_assets._checker_sources(REPO):
        dst = tmp_path / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_bytes(src.read_bytes())
    (copy / "__pycache__").mkdir()
    (copy / "__pycache__" / "x.pyc").write_bytes(b"junk")
    (copy / "notes.txt").write_text("not shipped", encoding="utf-8")
    assert runtime_assets.checkers_zip(tmp_path) == first
    for info in zipfile.ZipFile(io.BytesIO(first)).infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)


def test_missing_npm_package_says_run_npm_ci(tmp_path):
    (tmp_path / "package.json").write_text('{"dependencies": {"pyodide": "314.0.7"}}', encoding="utf-8")
    with pytest.raises(runtime_assets.RuntimeMissing, match="npm ci"):
        runtime_assets.runtime_files(tmp_path)


def test_widget_html_for_a_real_checker():
    html = checker_widget.render_checker("election", "../../")
    # One raw HTML block for Markdown: no blank line, nothing indented.
    assert "\n\n" not in html and all(line.startswith("<") for line in html.splitlines())
    assert 'data-runtime="../../assets/pyodide/' in html
    assert re.search(r'data-zip="\.\./\.\./assets/checkers\.zip\?v=[0-9a-f]{12}"', html)
    # the script comes first in the widget, so the runtime starts before the rest of the page; then
    # the classic script that speaks where modules cannot load (a page opened from disk)
    opening, fallback = re.match(r'<div class="zbc-checker[^>]*>\n(.*)\n(.*)\n', html).groups()
    assert re.fullmatch(
        r'<script type="module" src="\.\./\.\./assets/javascripts/checker-widget\.mjs\?v=[0-9a-f]{12}" async[^>]*></script>',
        opening,
    )
    assert re.fullmatch(
        r'<script src="\.\./\.\./assets/javascripts/checker-fallback\.js\?v=[0-9a-f]{12}" defer></script>', fallback
    )
    assert 'href="../../assets/stylesheets/checker.css?v=' in html
    assert 'inputmode="numeric"' in html
    assert "应到会有选举权的党员人数" in html
    assert "不会发送到任何服务器" in html
    # Rows: a template and an add button.
    assert 'class="zbc-row-template"' in html and "添加一行" in html


def test_first_download_is_counted_from_the_files_as_the_guide_serves_them(tmp_path):
    """Seen to fail with a zip counted gzipped at level 6 instead of as its precompressed .gz, with
    the worker's modules left out, with a cache entry cut short (a half-written file) taken for a
    size, and with a cut .br cache entry used."""
    sizes = download_sizes.sizes()
    version = runtime_assets.pyodide_version(REPO)
    # The checkers zip (members stored) goes as the build's .gz, like the standard library's.
    for path in ("assets/checkers.zip", runtime_assets.STDLIB_ZIP):
        data = download_sizes.files()[path]
        assert sizes[path] == (len(transfer_size.compressed("gz", data, None)), len(data)), path
    wasm_sent, wasm_raw = sizes[f"assets/pyodide/{version}/pyodide.asm.wasm"]
    assert wasm_sent < wasm_raw / 2  # WebAssembly compresses well
    assert set(checker_widget.worker_modules()) < set(sizes)
    sent, raw = download_sizes.total()
    assert raw == sum(len(data) for data in download_sizes.files().values())
    html = checker_widget.render_checker("dues", "")
    assert f'data-download="{sent}" data-download-raw="{raw}"' in html
    table = download_sizes.table_markdown()
    assert f"| **合计** | **{download_sizes.megabytes(raw)}** | **{download_sizes.megabytes(sent)}** |" in table
    # The rule itself: small files and .zip go raw; a cached size is reused only when it is a number.
    text = b"x" * 3000
    assert transfer_size.sent_bytes("a.zip", text) == 3000 and transfer_size.sent_bytes("a.js", b"x" * 100) == 100
    fresh = transfer_size.sent_bytes("a.js", text, tmp_path)
    assert fresh == len(gzip.compress(text, 6)) < 100
    (entry,) = (tmp_path / "gzip").iterdir()
    entry.write_text("1x", encoding="ascii")
    assert transfer_size.sent_bytes("a.js", text, tmp_path) == fresh
    # From 4 KB up the build's precompressed copies are what is sent (gzip -9, or Brotli 11 where
    # asked); a cached copy whose hash does not match is made again, never sent.
    big = bytes(range(256)) * 16 + b"y" * 5000
    assert transfer_size.sent_bytes("b.js", big, tmp_path) == len(gzip.compress(big, 9, mtime=0))
    assert transfer_size.sent_bytes("b.js", big, tmp_path, "br") == len(transfer_size.compressed("br", big, None))
    (br,) = (tmp_path / "precompressed").glob("*.br")
    br.write_bytes(b"cut")
    assert transfer_size.compressed("br", big, tmp_path) == transfer_size.compressed("br", big, None)


def test_widget_at_the_site_root_and_without_trailing_slash():
    assert 'data-runtime="assets/pyodide/' in checker_widget.render_checker("dues", "")
    assert 'data-base="../"' in checker_widget.render_checker("dues", "..")


_IMPORT = re.compile(r"""^\s*(?:import|export)\b[^"';]*?["'](\./[\w.-]+\.mjs)["']""", re.M)


def _module_graph(paths: list[str]) -> set[str]:
    """Site paths of these modules and every module they import statically."""
    seen: set[str] = set()
    todo = list(paths)
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        text = (REPO / "docs" / path).read_text(encoding="utf-8")
        folder = path.rsplit("/", 1)[0]
        todo += [f"{folder}/{name[2:]}" for name in _IMPORT.findall(text)]
    return seen


def test_widget_modules_are_what_the_widget_imports():
    """``runtime_assets.WIDGET_MODULES`` (counted in the first download the widget states, and in its
    ?v=) is its entry and every module it imports that an ordinary page does not load anyway (the
    modules of mkdocs.yml's extra_javascript). Planted defect it failed on: a new checker-*.mjs
    imported by the widget but not listed."""
    everywhere = _module_graph(re.findall(r"assets/javascripts/[\w-]+\.mjs", (REPO / "mkdocs.yml").read_text("utf-8")))
    widget = _module_graph([runtime_assets.WIDGET_SCRIPT])
    assert widget - everywhere == set(runtime_assets.WIDGET_MODULES)
    assert (REPO / "docs" / runtime_assets.WIDGET_FALLBACK).is_file()


def test_widget_escapes_every_text(monkeypatch):
    nasty = '<img src=x onerror=alert(1)>&"'
    module = types.ModuleType("checkers.zz_nasty")
    module.__file__ = str(REPO / "checkers" / "zz_nasty.py")
    module.TITLE = "标题" + nasty
    module.FLOW = "election-procedure"
    module.INPUTS = [
        {"name": "a", "label": "甲" + nasty, "type": "integer", "help": "帮助" + nasty, "default": nasty},
        {"name": "b", "label": "乙", "type": "choice", "options": [{"value": 'v"', "label": nasty}]},
        {
            "name": "c",
            "label": "丙",
            "type": "rows",
            "help": "</script>",
            "columns": [{"name": "x", "label": nasty, "type": "text"}],
        },
    ]
    module.check = lambda data: {}
    monkeypatch.setitem(sys.modules, "checkers.zz_nasty", module)
    html = checker_widget.render_checker("zz_nasty", "../")
    assert "<img" not in html
    assert html.count("</script>") == 3  # the JSON spec block and the two script tags, nothing else
    assert "&lt;img src=x onerror=alert(1)&gt;&amp;&quot;" in html
    spec = re.search(r'<script type="application/json" class="zbc-spec">(.*?)</script>', html).group(1)
    assert json.loads(spec)["inputs"][0]["label"] == "甲" + nasty


@pytest.mark.parametrize("name", ["nope", "_inputs", "Election", "../x", ""])
def test_unknown_checker_is_a_clear_error(name):
    with pytest.raises(ValueError, match="checker"):
        checker_widget.render_checker(name, "../")


def test_a_checker_page_starts_its_worker_from_the_top_of_its_head():
    widget = checker_widget.render_checker("election", "../../")
    page = f'<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="x.css"></head><body>{widget}</body></html>'
    early = checker_early.with_early_start(page)
    head = early[: early.index("<link")]
    script = re.search(r"<script>(.*?)</script>", head, re.S)
    assert script and head.index("<meta charset") < script.start(), head
    # the widget's own addresses, as the page uses them (relative: the site may be under a sub-path)
    tag = re.search(r'<div class="zbc-checker[^>]*>', widget).group(0)
    for name in ("runtime", "zip", "worker", "checker", "base"):
        value = re.search(f'data-{name}="([^"]*)"', tag).group(1)
        assert json.dumps(value) in script.group(1), name
    assert checker_early.with_early_start(early) == early  # once
    assert checker_early.with_early_start("<html><head><meta charset=utf-8></head></html>").count("<script") == 0
    # the policy allows it by its hash, and nothing else inline was added
    policy = csp.policy(csp.with_policy(early))
    assert csp._sha256(script.group(1)) in policy


def test_a_widget_without_its_addresses_is_a_build_error():
    with pytest.raises(ValueError, match="data-runtime"):
        checker_early.with_early_start(
            '<meta charset="utf-8"><div class="zbc-checker" data-checker="x" data-zip="z" data-worker="w">'
        )
