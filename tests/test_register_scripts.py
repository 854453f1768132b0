"""A register CSV exported from one script edition imports in the other (CPython, each edition's checkers zip).

The 繁體 edition runs the checkers converted by OpenCC (macros/editions/script_variant.convert_zip), so its
header is Traditional; each edition's zip carries both spellings (macros/editions/register_headers.py).
Each edition runs in its own interpreter from its own unpacked zip, as the browser does.
"""

import io
import json
import pathlib
import subprocess
import sys
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.checker_page.runtime_assets import checkers_zip  # noqa: E402
from macros.editions import register_headers, script_variant  # noqa: E402

PEOPLE = [
    {"id": "a1", "label": "甲", "applied": "2021-03-01", "talked_on": "2021-03-20", "m_application": "2021-03-01",
     "reports": "2021-06-01;2021-09-01"},
    {"id": "b2", "label": "乙", "activist_on": "2022-05-01", "training_hours": "24", "m_application": "有"},
]  # fmt: skip

RUN = """
import json, sys
from checkers import _register_csv
data = json.load(sys.stdin)
print(json.dumps(_register_csv.check(data), ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """Folder of each edition's unpacked checkers zip: {"hans": …, "hant": …}."""
    plain = register_headers.with_headers(checkers_zip(ROOT))
    out = {}
    for name, data in (("hans", plain), ("hant", script_variant.convert_zip(plain))):
        folder = tmp_path_factory.mktemp(name)
        zipfile.ZipFile(io.BytesIO(data)).extractall(folder)
        out[name] = folder
    return out


def run(folder, data):
    done = subprocess.run(
        [sys.executable, "-c", RUN], cwd=folder, input=json.dumps(data), capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_the_editions_write_different_headers(editions):
    hans = run(editions["hans"], {"action": "export", "people": PEOPLE})["csv"]
    hant = run(editions["hant"], {"action": "export", "people": PEOPLE})["csv"]
    assert hans.splitlines()[0] != hant.splitlines()[0]
    assert "姓名或代号" in hans.splitlines()[0] and "姓名或代號" in hant.splitlines()[0]
    assert hans.splitlines()[1:] == hant.splitlines()[1:]  # the rows hold no script-dependent words


@pytest.mark.parametrize("source,target", [("hans", "hant"), ("hant", "hans")])
def test_a_file_from_one_edition_imports_in_the_other(editions, source, target):
    text = run(editions[source], {"action": "export", "people": PEOPLE})["csv"]
    result = run(editions[target], {"action": "import", "text": text})
    assert result["verdict"] == "pass", result
    assert result["notes"] == []  # every column known, none missing
    assert result["people"] == [{k: v for k, v in row.items()} for row in PEOPLE]


def test_both_spellings_are_made_by_the_editions_converter():
    pairs = register_headers.pairs()
    assert ["姓名或代号", "姓名或代號"] in pairs
    assert all(hant == script_variant.to_hant(hans) for hans, hant in pairs)
    assert register_headers.with_headers(checkers_zip(ROOT)) == register_headers.with_headers(checkers_zip(ROOT))
