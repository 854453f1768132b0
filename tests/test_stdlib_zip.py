"""The compiled, trimmed standard library the checker runtime ships (macros/checker_page/stdlib_zip.py)."""

from __future__ import annotations

import io
import pathlib
import shutil
import zipfile

import pytest
import test_vectors

from macros.checker_page import runtime_assets, stdlib_zip

REPO = pathlib.Path(__file__).resolve().parent.parent


def test_module_list_adds_packages_and_refuses_a_bad_line(tmp_path):
    """Seen to fail with the parent packages left out (asyncio.events without asyncio/__init__)."""
    (tmp_path / "checkers").mkdir()
    (tmp_path / stdlib_zip.MODULE_LIST).write_text("# comment\nasyncio.events  # why\njson\n", encoding="utf-8")
    assert stdlib_zip.module_names(tmp_path) == ["asyncio", "asyncio.events", "json"]
    (tmp_path / stdlib_zip.MODULE_LIST).write_text("json\nxml dom\n", encoding="utf-8")
    with pytest.raises(stdlib_zip.StdlibError, match=r"stdlib_modules.txt:2: 'xml dom' is not a module name"):
        stdlib_zip.module_names(tmp_path)


def test_zip_holds_sourceless_unchecked_bytecode_of_the_listed_modules():
    """Every listed module that is not built in is there as a .pyc with unchecked-hash invalidation
    (flags 0b01: hash-based, source not checked) and no source. Seen to fail with timestamp .pyc."""
    data = runtime_assets.stdlib_bytes(REPO)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        assert names == sorted(names) and all(n.endswith(".pyc") for n in names), names
        assert {"json/__init__.pyc", "json/decoder.pyc", "tomllib/_parser.pyc", "datetime.pyc"} <= set(names)
        for name in names:
            head = zf.read(name)[:8]
            assert int.from_bytes(head[4:8], "little") == 0b01, name
        assert all(
            i.date_time == (1980, 1, 1, 0, 0, 0) and i.compress_type == zipfile.ZIP_STORED for i in zf.infolist()
        )
    assert stdlib_zip.summary(data).startswith(f"{len(names)} modules, ")


def test_a_planted_import_outside_the_list_fails_naming_the_module_and_the_list(tmp_path):
    """A checker importing a module the trimmed library lacks, on a path no vector takes, is caught
    in Pyodide with the site's library, and the message names the module and the list. This test is
    the planted defect: ``import xml.dom.minidom`` inside a function of a copied checkers package."""
    root = tmp_path / "root"
    shutil.copytree(REPO / "checkers", root / "checkers", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "checkers" / "_planted.py").write_text(
        "def never_called():\n    import xml.dom.minidom\n\n    return xml.dom.minidom\n", encoding="utf-8"
    )
    assert "xml.dom.minidom" in test_vectors.checker_imports(root)
    out = test_vectors.run_in_pyodide(tmp_path, root, [])
    assert out["unimportable"] == ["xml.dom.minidom"], out["unimportable"]
    message = test_vectors.missing_module_message("xml.dom.minidom")
    assert "'xml.dom.minidom'" in message and stdlib_zip.MODULE_LIST in message
    # A vector that reaches such an import is reported with the same words before its traceback.
    error = "Traceback ...\nModuleNotFoundError: No module named 'xml'"
    assert test_vectors.pyodide_error(error).startswith(test_vectors.missing_module_message("xml"))


def test_rewriting_the_list_keeps_its_reviewed_part_once():
    """The header names "# reviewed" too: the kept part starts at the line, not at that mention."""
    import importlib.util

    path = pathlib.Path(__file__).resolve().parent.parent / "tools" / "stdlib_modules.py"
    spec = importlib.util.spec_from_file_location("_stdlib_modules_tool", path)
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    text = tool.LIST.read_text(encoding="utf-8")
    kept = tool.reviewed_part(text)
    assert kept.startswith(tool.REVIEWED + ":") and "Recorded:" not in kept
    rewritten = tool.HEADER + "csv\n\n" + kept
    assert rewritten.count(tool.HEADER) == 1 and tool.reviewed_part(rewritten) == kept
