"""The patches to Material's built JavaScript fit one release: the build says so when another is installed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from macros.theme import material_pin

REPO = Path(__file__).resolve().parent.parent


def test_the_pin_is_the_same_in_requirements_pyproject_and_the_theme_wing():
    req = re.search(r"^mkdocs-material==(\S+)$", (REPO / "requirements.txt").read_text(encoding="utf-8"), re.M)
    deps = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert req and req.group(1) == material_pin.PATCHED_FOR
    assert f"mkdocs-material=={material_pin.PATCHED_FOR}" in deps
    assert material_pin.installed() == material_pin.PATCHED_FOR  # what `make setup` installed
    material_pin.check()


def test_another_version_is_refused_with_what_to_do():
    with pytest.raises(material_pin.MaterialVersionError) as info:
        material_pin.check("9.9.0")
    message = str(info.value)
    assert (
        "mkdocs-material 9.9.0 is installed" in message and f"fit mkdocs-material {material_pin.PATCHED_FOR}" in message
    )
    assert "make setup" in message


def test_the_build_stops_on_another_version(tmp_path):
    """A build with a stand-in distribution of another version in front of the real one fails at once."""
    dist = tmp_path / "mkdocs_material-9.9.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: mkdocs-material\nVersion: 9.9.0\n", encoding="utf-8")
    real = metadata.distribution("mkdocs-material")  # its theme and plugins, so MkDocs still finds them
    (dist / "entry_points.txt").write_text(real.read_text("entry_points.txt") or "", encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ZHIBU_EXPORTS="0", PYTHONPATH=str(tmp_path))
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode != 0
    assert "mkdocs-material 9.9.0 is installed" in proc.stdout + proc.stderr
