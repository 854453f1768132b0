"""Shared fixtures: the repository root, and the real site built once per test session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]

# The slow kinds of test, as pytest markers, so that `make test-fast` can leave them out (`make test`
# runs everything). A test that takes a browser or the built site is marked by the fixtures it uses;
# the modules below build sites (or start web servers) themselves, which no fixture shows.
BUILDS_SITES = {"test_build", "test_build_hant", "test_csp", "test_exports", "test_injection", "test_offline_copy"}
STARTS_SERVERS = {"test_hosting"}


def pytest_collection_modifyitems(items):
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1] if item.module else ""
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & {"chromium", "site_browser"}:
            item.add_marker(pytest.mark.browser)
        if "built_site" in fixtures or module in BUILDS_SITES:
            item.add_marker(pytest.mark.site)
        if module in STARTS_SERVERS:
            item.add_marker(pytest.mark.hosting)


def mkdocs_build(dest: Path, env_extra: dict | None = None, config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict -f <config>` from the repository root into `dest`."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env_extra or {}))
    return subprocess.run(
        MKDOCS + ["build", "--strict", "-q", "-f", config, "-d", str(dest)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site as `make build` makes it from this checkout, both editions (built once per session).

    ZHIBU_TEST_SITE=<folder> uses a site already built there (both editions), to iterate on browser tests;
    `make test` never sets it.
    """
    if os.environ.get("ZHIBU_TEST_SITE"):
        return Path(os.environ["ZHIBU_TEST_SITE"])
    dest = tmp_path_factory.mktemp("site")
    proc = mkdocs_build(dest)
    assert proc.returncode == 0, f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}"
    # The Traditional edition (繁體) into dest/zh-Hant, as `make build` does
    proc = mkdocs_build(dest, config="mkdocs.hant.yml")
    assert proc.returncode == 0, f"mkdocs build (zh-Hant) failed:\n{proc.stdout}\n{proc.stderr}"
    return dest


@pytest.fixture(scope="module")
def chromium():
    """Debian's headless Chromium through Playwright, one per test module."""
    from browser_support import launch
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site_browser(built_site, chromium):
    """(Chromium, base URL of the built site served on 127.0.0.1), for one test module."""
    from browser_support import SiteServer

    with SiteServer(built_site) as server:
        yield chromium, server.url
