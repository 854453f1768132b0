"""One settings object: typed, frozen, built once at an edge from mkdocs.yml (or the command line)."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from macros.config import ROOT
from macros.settings import DEFAULTS, Settings, SettingsError

REPO = Path(__file__).resolve().parent.parent
WINGS = ("flows", "render", "site", "exports", "forms", "checker_page", "offline", "editions", "theme", "cases")


def test_settings_are_frozen_and_the_defaults_are_the_online_simplified_site():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULTS.exports = False  # type: ignore[misc]
    assert DEFAULTS.flows_dir == ROOT / "flows" and DEFAULTS.exports and DEFAULTS.directory_urls
    assert DEFAULTS.script is None and DEFAULTS.offline_from == DEFAULTS.runtime_from == ""
    assert DEFAULTS.page_url("flows/x.md") == "flows/x/" and DEFAULTS.page_url("flows/index.md") == "flows/"
    offline = Settings(directory_urls=False, script="zh-Hant")
    assert offline.page_url("flows/x.md") == "flows/x.html" and offline.runtime_from == offline.offline_from == "../"
    assert offline.published_offline_zip() is None  # the offline copy does not publish itself


def test_values_as_mkdocs_yml_gives_them():
    s = Settings.from_values({"flows_dir": "fixtures", "exports": 0, "cache_dir": "/abs/cache"}, base=Path("/x"))
    assert s.flows_dir == Path("/x/fixtures") and s.cache_dir == Path("/abs/cache") and s.exports is False
    assert Settings.from_values({"exports": "1"}).exports and not Settings.from_values({"exports": False}).exports
    with pytest.raises(SettingsError, match="exports"):
        Settings.from_values({"exports": "maybe"})
    with pytest.raises(SettingsError, match="unknown zhibu setting"):
        Settings.from_values({"flow_dir": "x"})


def _settings_from(name: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """settings_from() of the hook on a config file, in a fresh process (the !ENV tags read its environment)."""
    code = (
        "import dataclasses, json, sys\n"
        "from mkdocs.config import load_config\n"
        "from macros.site.mkdocs_hooks import settings_from\n"
        f"s = settings_from(load_config({name!r}))\n"
        "print(json.dumps({k: str(v) for k, v in dataclasses.asdict(s).items()}))\n"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ZHIBU_")}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, env={**clean, **env}, timeout=60
    )


def _from_config(name: str, env: dict[str, str]) -> dict:
    proc = _settings_from(name, env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_the_hook_reads_mkdocs_yml_and_its_env_tags():
    s = _from_config("mkdocs.yml", {})
    assert s["flows_dir"] == str(REPO / "flows") and s["exports"] == "True" and s["script"] == "None"
    assert s["directory_urls"] == "True"
    s = _from_config("mkdocs.yml", {"ZHIBU_EXPORTS": "0", "ZHIBU_FLOWS_DIR": "/tmp/f", "ZHIBU_CACHE_DIR": "/tmp/c"})
    assert s["exports"] == "False" and s["flows_dir"] == "/tmp/f" and s["cache_dir"] == "/tmp/c"


def test_the_old_edition_variable_is_refused_with_what_to_use():
    proc = _settings_from("mkdocs.yml", {"ZHIBU_SCRIPT": "zh-Hant"})
    assert proc.returncode != 0 and "mkdocs.hant.yml" in proc.stderr


def test_each_edition_and_copy_is_its_own_config():
    assert _from_config("mkdocs.hant.yml", {})["script"] == "zh-Hant"
    offline = _from_config("mkdocs.offline.yml", {})
    assert offline["script"] == "None" and offline["directory_urls"] == "False"
    hant = _from_config("mkdocs.offline.hant.yml", {})
    assert hant["script"] == "zh-Hant" and hant["directory_urls"] == "False"


def test_every_wing_says_what_it_is_for_and_is_in_the_architecture():
    architecture = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
    picture = (REPO / "ARCHITECTURE.dot").read_text(encoding="utf-8")
    found = sorted(p.parent.name for p in (REPO / "macros").glob("*/__init__.py"))
    assert found == sorted(WINGS)
    for wing in WINGS:
        doc = (REPO / "macros" / wing / "__init__.py").read_text(encoding="utf-8")
        assert doc.startswith('"""') and len(doc.splitlines()[0]) > 20, wing
        assert f"`{wing}/`" in architecture and f"{wing}/" in picture, wing


def test_the_architecture_picture_is_valid_dot():
    proc = subprocess.run(["dot", "-Tsvg", str(REPO / "ARCHITECTURE.dot")], capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert (REPO / "ARCHITECTURE.svg").is_file()


@pytest.mark.filterwarnings("ignore:pkg_resources is deprecated")  # jieba, loaded by the search plugin
def test_the_editions_site_url_is_one_folder_down(monkeypatch):
    from mkdocs.config import load_config

    from macros.site.mkdocs_hooks import settings_from

    for name in [k for k in os.environ if k.startswith("ZHIBU_")]:
        monkeypatch.delenv(name)
    url = "https://example.org/zhibu/"
    assert settings_from(load_config(str(REPO / "mkdocs.yml"), site_url=url)).site_url == url
    assert settings_from(load_config(str(REPO / "mkdocs.hant.yml"), site_url=url)).site_url == url + "zh-Hant/"
