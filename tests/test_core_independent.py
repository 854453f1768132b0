"""The build core does not depend on MkDocs: it imports without it and writes pages for any generator."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CORE = [
    "macros.site.build",
    "macros.cli",
    "macros.site.pages",
    "macros.flows.flow_loader",
    "macros.render.svg_render",
    "macros.render.dot_writer",
    "macros.checker_page.checker_widget",
    "macros.checker_page.runtime_assets",
    "macros.checker_page.rules_tables",
    "macros.exports.exports",
    "macros.site.downloads_html",
]


def test_core_modules_import_without_mkdocs():
    code = (
        "import sys\n"
        f"for m in {CORE!r}: __import__(m)\n"
        "print(sorted(k for k in sys.modules if k == 'mkdocs' or k.startswith(('mkdocs.', 'material', 'jinja2'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_zhibu_pages_writes_every_page_and_asset(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "macros.cli", "pages", "--out", str(tmp_path), "--no-runtime"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    flows = sorted(p.stem for p in (REPO / "flows").glob("*.yml") if not p.name.startswith("_"))
    assert sorted(p.stem for p in (tmp_path / "flows").glob("*.md") if p.stem != "index") == flows
    for flow_id in flows:
        assert (tmp_path / "assets" / "diagrams" / f"{flow_id}.svg").is_file()
        assert (tmp_path / "assets" / "posters" / f"{flow_id}.html").is_file()
        page = (tmp_path / "flows" / f"{flow_id}.md").read_text(encoding="utf-8")
        assert page.startswith("---\n") and f'id="text-{flow_id}"' in page
    assert (tmp_path / "flows" / "index.md").is_file() and list((tmp_path / "series").glob("*.md"))
