"""The blank record forms in the built site: each linked from its meeting's flow page and from the planner, in
both editions (the 繁體 edition its own "-zh-Hant" files), said to be blank, and accessible."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from macros.editions.script_variant import HANT, to_hant
from macros.forms.form_data import load_forms
from macros.forms.form_files import file_names
from macros.site.build import load_valid_site

SITE = load_valid_site(REPO / "flows")
FORMS = load_forms(REPO / "flows", SITE)
EDITIONS = [None, HANT]


def _page(root, rel: str) -> str:
    return (root / rel / "index.html").read_text(encoding="utf-8")


def _download_links(html: str, block: str) -> list[str]:
    found = re.search(r'<(?:div|ul) class="zb-forms">(.*?)</(?:div|ul)>', html, re.S)
    assert found, f"no {block} block"
    return re.findall(r'<a href="([^"]+)" download>', found.group(1))


@pytest.mark.parametrize("script", EDITIONS, ids=["zh-Hans", "zh-Hant"])
def test_each_flow_page_and_the_planner_link_every_form_in_both_files(built_site, script):
    root = built_site / script if script else built_site
    planner_rel = "checkers/planner"
    planner = _page(root, planner_rel)
    planner_links = _download_links(planner, "planner")
    blank = to_hant("空白") if script else "空白"
    assert to_hant("本站不生成") in planner if script else "本站不生成" in planner
    for form in FORMS:
        names = file_names(form, script)
        flow_rel = f"flows/{form.flow_id}"
        flow_page = _page(root, flow_rel)
        links = _download_links(flow_page, form.flow_id)
        title = to_hant(form.title) if script else form.title
        assert f"{title}（{blank}）" in flow_page, form.id
        for name in names.values():
            assert f"../../assets/forms/{name}" in links, (form.id, name, links)
            assert f"../../assets/forms/{name}" in planner_links, (form.id, name)
            assert (root / "assets" / "forms" / name).is_file(), name
            if script:
                assert f"-{HANT}." in name
        assert f'href="../../flows/{form.flow_id}/"' in planner, form.id  # the flow that says how to hold it
    assert len(planner_links) == 2 * len(FORMS)


@pytest.mark.parametrize("script", EDITIONS, ids=["zh-Hans", "zh-Hant"])
def test_the_forms_blocks_pass_axe_in_both_palettes_and_widths(site_browser, script):
    from browser_support import axe_violations

    browser, base = site_browser
    prefix = f"{HANT}/" if script else ""
    found = []
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    for rel in ("flows/member-recruitment/", "checkers/planner/"):
        page.goto(base + prefix + rel)
        page.wait_for_load_state("load")
        assert page.locator(".zb-forms a[download]").count() >= 4, rel
        for scheme in ("default", "slate"):
            page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
            for width, height in ((390, 844), (1366, 768)):
                page.set_viewport_size({"width": width, "height": height})
                page.wait_for_timeout(150)
                found += [f"{rel} [{scheme} {width}px] {v}" for v in axe_violations(page, include=".zb-forms")]
    context.close()
    assert not found, "\n".join(found)
