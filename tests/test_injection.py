"""A label that looks like HTML is shown as text in the page and in the SVG, and runs nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from browser_support import SiteServer, launch
from conftest import REPO, mkdocs_build

ATTACK = "<img src=x onerror=alert(1)>"
FLOW = f"""\
id: injection
title: "{ATTACK}标题"
kind: flowchart
category: organisation
source: 注入测试
summary: "{ATTACK}概要"
basis:
  - title: "《{ATTACK}》"
    note: "<script>alert(2)</script>"
notes:
  - "{{{{ config }}}} 和 {{% raw %}} 不应被模板执行"
steps:
  - id: first
    label: "{ATTACK}"
    note: "<b>加粗</b> & 符号 **星号** [链接](http://example.com)"
  - id: second
    label: '" onmouseover="alert(3)'
"""


@pytest.fixture(scope="module")
def injection_site(tmp_path_factory) -> Path:
    flows = tmp_path_factory.mktemp("flows") / "flows"
    shutil.copytree(REPO / "flows", flows)  # hand-written pages link to the real flows
    (flows / "injection.yml").write_text(FLOW, encoding="utf-8")
    dest = tmp_path_factory.mktemp("site")
    proc = mkdocs_build(dest, {"ZHIBU_FLOWS_DIR": str(flows), "ZHIBU_EXPORTS": "0"})  # exports: test_exports
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return dest


def test_page_and_svg_escape_the_label(injection_site):
    html = (injection_site / "flows" / "injection" / "index.html").read_text(encoding="utf-8")
    svg = (injection_site / "assets" / "diagrams" / "injection.svg").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "<script>alert(2)" not in html and "<b>加粗" not in html
    assert "<img src=x" not in svg
    assert 'onmouseover="alert(3)' not in html and 'onmouseover="alert(3)' not in svg
    assert "{{ config }}" in html.replace("&#123;", "{").replace("&#125;", "}")


def test_browser_shows_text_and_runs_nothing(injection_site):
    from playwright.sync_api import sync_playwright

    dialogs, errors = [], []
    with SiteServer(injection_site) as server, sync_playwright() as p:
        base = server.url
        browser = launch(p)
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{base}flows/injection/")
        page.wait_for_timeout(300)
        page.hover('#diagram-injection g[data-node="second"]')
        assert page.locator("li#first .zb-label").inner_text() == ATTACK
        svg_text = page.eval_on_selector_all(
            '#diagram-injection g.zb-step[data-node="first"] text', "els => els.map(e => e.textContent)"
        )
        assert "".join(svg_text).replace(" ", "") == ATTACK.replace(" ", "")
        assert page.locator("h1").inner_text().startswith(ATTACK)
        assert page.locator(".md-content img, .md-content script:not([src])").count() == 0
        assert "**星号** [链接](http://example.com)" in page.locator("li#first .zb-note").inner_text()
        browser.close()
    assert dialogs == [] and errors == []
