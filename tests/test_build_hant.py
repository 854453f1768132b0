"""The built Traditional edition: lang, converted text and diagrams, the switch's links."""

from __future__ import annotations

import json
import re

from macros.editions.script_variant import switch, to_hant

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


HAN = re.compile(r"[\u3400-\u9fff]+")
TEXT_FILES = (".html", ".js", ".mjs", ".json", ".svg", ".webmanifest")
# Text that is meant to stay as it is: the switch's own label (in the script it leads to), and the hosting
# guide's server configuration files, shown verbatim (their comments quote the Simplified guide).
KEPT = {"*": set(HAN.findall(" ".join(switch(HANT).values()))), "hosting/index.html": {"安全响应头"}}


def test_no_text_bypasses_the_conversion(built_site):
    """Every Han run in the edition's text files is the s2tw conversion of one in the same Simplified file,
    or text of the edition's own that s2tw leaves as it is.

    Seen to fail on Material's own zh-Hant strings (頁脚, 找到 1 个 in the page chrome), on the web app
    manifest and the service worker's offline page (left Simplified), and on a file with no Simplified twin.
    """
    hant_root = built_site / HANT
    problems, checked = [], 0
    for path in sorted(hant_root.rglob("*")):
        rel = path.relative_to(hant_root).as_posix()
        if path.suffix not in TEXT_FILES or rel.startswith(("assets/pyodide/", "assets/javascripts/lunr/")):
            continue
        twin = built_site / rel.replace(f"-{HANT}", "")  # the edition's downloads are named "x-zh-Hant.svg"
        if not twin.is_file():
            problems.append(f"{rel}: no Simplified twin")
            continue
        want = {to_hant(run) for run in HAN.findall(twin.read_text(encoding="utf-8"))}
        runs = set(HAN.findall(path.read_text(encoding="utf-8"))) - want - KEPT["*"] - KEPT.get(rel, set())
        left = {run for run in runs if to_hant(run) != run}  # the edition's own text is Traditional already
        if left:
            problems.append(f"{rel}: {sorted(left)[:5]}")
        checked += 1
    assert checked > 80 and not problems, "\n".join(problems)


def test_generated_files_name_their_language(built_site):
    assert '<html lang="zh-Hant">' in _html(built_site, f"{HANT}/assets/posters/election-procedure.html")
    manifest = json.loads(_html(built_site, f"{HANT}/manifest.webmanifest"))
    assert manifest["lang"] == "zh-Hant" and manifest["name"] == "支部規範圖解", manifest
    assert '<html lang=\\"zh-Hant\\">' in _html(built_site, f"{HANT}/sw.js")


def test_search_index_holds_the_words_readers_type(built_site):
    """The edition's text is cut with a Traditional dictionary: 機關, 幫扶 are terms, as 机关, 帮扶 are.

    Seen to fail with jieba's own (Simplified) dictionary, which cut 對機|關黨員 and 幫|扶.
    """
    docs = json.loads(_html(built_site, f"{HANT}/search/search_index.json"))["docs"]
    text = next(d["text"] for d in docs if d["location"] == "flows/member-care/")
    terms = set(text.split("\u200b"))
    assert {"機關", "黨內", "幫扶", "工作部門"} <= terms, sorted(terms)[:40]


def test_downloads_are_the_editions_own_and_resolve_inside_it(built_site):
    """Every 下载与打印 link of every 繁體 flow page is a "-zh-Hant" file inside the edition, and no page
    says the files are Simplified only. Seen to fail when the edition linked the Simplified files one
    folder up (../../../assets/exports/)."""
    here_root = (built_site / HANT).resolve()
    pages = sorted((built_site / HANT / "flows").glob("*/index.html"))
    assert len(pages) >= 36, pages
    problems = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'<a href="([^"]+)" download>', html)
        if len(links) < 6:
            problems.append(f"{page}: only {links}")
        for link in links:
            target = (page.parent / link).resolve()
            if not (target.is_relative_to(here_root) and target.is_file() and f"-{HANT}" in target.name):
                problems.append(f"{page.parent.name}: {link}")
        if "只有简体字版" in html or "只有簡體字版" in html:
            problems.append(f"{page.parent.name}: says the files are Simplified only")
    assert not problems, "\n".join(problems[:20])
    qr = re.search(r'<img src="([^"]+)" width="120"', html)
    if qr:  # site_url is set: the QR code opens this Traditional page
        assert not qr.group(1).startswith("../../../assets/"), qr.group(1)


def _simplified_runs(text: str) -> set[str]:
    """Han runs that s2tw would still change: text left in Simplified (converted text converts to itself)."""
    return {run for run in HAN.findall(text) if to_hant(run) != run}


def test_downloads_are_in_traditional_script(built_site):
    """The SVG, the slide XML and the A3 poster's text of a flowchart are 繁體: 發展黨員 in, 发展党员 out,
    and no Han run that s2tw would still change (labels, headers, tile and slide words, the deck's author).
    Seen to fail with the Simplified files linked (发展党员), with the flow converted but the slide and
    tile words not (第 1 / 25 步, 转到), and with the deck's XML not converted (支部规范图解, 扫码)."""
    import zipfile

    from pypdf import PdfReader

    exports = built_site / HANT / "assets" / "exports"
    svg = (exports / f"member-recruitment-{HANT}.svg").read_text(encoding="utf-8")
    labels = " ".join(re.findall(r"<text[^>]*>([^<]+)</text>", svg))
    assert "發展黨員" in labels and "党员" not in labels, labels[:200]
    assert not _simplified_runs(svg), sorted(_simplified_runs(svg))[:10]
    with zipfile.ZipFile(exports / f"member-recruitment-{HANT}.pptx") as deck:
        xml = "".join(deck.read(n).decode("utf-8") for n in deck.namelist() if n.endswith(".xml"))
    assert "發展黨員" in xml and "黨員" in xml and "发展党员" not in xml and "党员" not in xml
    assert "步：" in xml and "轉到" in xml and "支部規範圖解" in xml  # the deck's own words
    assert not _simplified_runs(xml), sorted(_simplified_runs(xml))[:10]
    poster = PdfReader(exports / f"member-recruitment-{HANT}-poster-a3.pdf")
    text = poster.pages[0].extract_text()
    assert "發展黨員" in text and "依據" in text and not _simplified_runs(text), sorted(_simplified_runs(text))[:10]
    assert poster.metadata.title.startswith("發展黨員") and poster.metadata.author == "支部規範圖解"


def test_checker_runtime_is_the_simplified_sites_copy(built_site):
    """The edition adds no copy of Pyodide (23 MB): its checkers and service worker use the one a folder up."""
    assert not (built_site / HANT / "assets" / "pyodide").exists()
    page = _html(built_site, f"{HANT}/checkers/election/index.html")
    runtime = re.search(r'data-runtime="([^"]+)"', page).group(1)
    here = built_site / HANT / "checkers" / "election"
    assert runtime.startswith("../../../assets/pyodide/") and (here / runtime / "pyodide.mjs").resolve().is_file()
    sw = _html(built_site, f"{HANT}/sw.js")
    settings = json.loads(sw.split("const CONFIG = ", 1)[1].split(";\n", 1)[0])
    assert settings["runtimeDir"] == "../" + runtime.removeprefix("../../../")
    pyodide = [u for u in settings["runtime"] if "/pyodide/" in u]
    assert pyodide and all((built_site / HANT / u).resolve().is_file() for u in pyodide), pyodide
