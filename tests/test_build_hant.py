"""The built Traditional edition: lang, converted text and diagrams, the switch's links."""

from __future__ import annotations

import json
import re

HANT = "zh-Hant"


def _html(site, rel):
    return (site / rel).read_text(encoding="utf-8")


def test_pages_have_lang_and_converted_text(built_site):
    page = _html(built_site, f"{HANT}/flows/member-recruitment/index.html")
    assert '<html lang="zh-Hant"' in page
    assert "發展黨員" in page and "发展党员" not in page
    labels = re.findall(r"<text[^>]*>([^<]+)</text>", page)  # the diagram's SVG labels
    assert any("黨" in t for t in labels), labels[:10]
    assert not any("党" in t for t in labels), labels[:10]
    # the standalone SVG and the poster too
    assert "黨" in _html(built_site, f"{HANT}/assets/diagrams/member-recruitment.svg")


def test_simplified_site_is_unchanged(built_site):
    page = _html(built_site, "flows/member-recruitment/index.html")
    assert '<html lang="zh"' in page and "发展党员" in page and "發展黨員" not in page


def test_switch_links_to_the_same_page_in_the_other_script(built_site):
    hans = _html(built_site, "flows/member-recruitment/index.html")
    hant = _html(built_site, f"{HANT}/flows/member-recruitment/index.html")
    assert 'href="../../zh-Hant/flows/member-recruitment/"' in hans
    assert 'href="../../../flows/member-recruitment/"' in hant
    home = _html(built_site, f"{HANT}/index.html")
    assert 'class="md-header__button zb-script-switch__link" href="./../"' in home


def test_own_scripts_and_search_index_are_converted(built_site):
    docs = json.loads(_html(built_site, f"{HANT}/search/search_index.json"))["docs"]
    text = "".join(d["title"] + d["text"] for d in docs)
    assert "黨支部" in text and "党支部" not in text
    script = _html(built_site, f"{HANT}/assets/javascripts/selfcheck.mjs")
    assert "自查記錄" in script and "自查记录" not in script
    assert "自查记录" in _html(built_site, "assets/javascripts/selfcheck.mjs")
