"""The offline copy (mkdocs.offline.yml + tools/offline_zip.py): unzipped and opened from disk, it navigates."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest
from browser_support import launch
from conftest import MKDOCS, REPO


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory):
    """Built once (slow, so not part of the shared site fixture), zipped, and unzipped elsewhere."""
    work = tmp_path_factory.mktemp("offline")
    built = work / "zhibu-offline"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ZHIBU_EXPORTS="0")
    proc = subprocess.run(
        MKDOCS + ["build", "--strict", "-q", "-f", "mkdocs.offline.yml", "-d", str(built)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    archive = work / "zhibu-offline.zip"
    proc = subprocess.run(
        [sys.executable, "tools/offline_zip.py", str(built), str(archive)], cwd=REPO, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    unpacked = work / "unpacked"
    with zipfile.ZipFile(archive) as zf:
        assert "zhibu-offline/使用说明.txt" in zf.namelist()
        zf.extractall(unpacked)
    return unpacked / "zhibu-offline"


def test_pages_link_to_html_files_that_exist(offline_copy):
    page = (offline_copy / "flows" / "member-recruitment.html").read_text(encoding="utf-8")
    assert 'href="../flows/index.html"' in page and 'xlink:href="../flows/member-recruitment.html#apply"' in page
    assert not (offline_copy / "flows" / "member-recruitment").exists()


def test_from_disk_the_menu_navigates_and_present_mode_works(offline_copy):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto((offline_copy / "index.html").as_uri())
        page.click("a[href$='flows/index.html']")
        page.wait_for_load_state()
        assert page.url.endswith("flows/index.html") and page.locator("h1").inner_text().startswith("全部图解")
        page.click(".md-content a[href$='member-recruitment.html']")
        page.wait_for_load_state()
        assert page.url.endswith("flows/member-recruitment.html")
        page.click("#diagram-member-recruitment button[data-zb=present]")
        page.keyboard.press("ArrowRight")
        assert page.locator(".zb-present g.zb-current").get_attribute("data-node") == "apply"
        assert page.url.endswith("member-recruitment.html#step-1")
        page.keyboard.press("Escape")
        page.click("#diagram-member-recruitment g.node[data-node=talk] a")
        page.wait_for_url("**/member-recruitment.html#talk")
        browser.close()


def test_the_zip_says_where_the_traditional_edition_is(tmp_path):
    """make offline builds the 繁體 edition into zh-Hant/ of the same copy: the zip then carries the how-to
    in 繁體 too, and the Simplified one says where that edition is. Seen to fail before the zip knew of it."""
    built = tmp_path / "zhibu-offline"
    for page in (built / "index.html", built / "zh-Hant" / "index.html"):
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("<html></html>", encoding="utf-8")
    archive = tmp_path / "out.zip"
    proc = subprocess.run(
        [sys.executable, "tools/offline_zip.py", str(built), str(archive)], cwd=REPO, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(archive) as zf:
        assert "zhibu-offline/zh-Hant/index.html" in zf.namelist()
        assert "zh-Hant/index.html" in zf.read("zhibu-offline/使用说明.txt").decode("utf-8")
        hant = zf.read("zhibu-offline/使用說明（繁體）.txt").decode("utf-8")
    assert "離線版" in hant and "离线版" not in hant and "zh-Hant/index.html" in hant
