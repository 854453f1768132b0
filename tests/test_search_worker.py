"""Our patches to Material's search (query segmentation; the index loaded on demand) apply to the installed files exactly once, or say why not."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from macros.theme.search_on_demand import MARK, BundlePatchError, load_on_demand
from macros.theme.search_worker import WorkerPatchError, fix_segmenter

WORKER = next((Path(material.__file__).parent / "templates/assets/javascripts/workers").glob("search.*.min.js"))


def test_the_installed_worker_is_fixed_and_fixing_again_changes_nothing():
    js = WORKER.read_text(encoding="utf-8")
    fixed = fix_segmenter(js)
    segment = fixed[fixed.index("new Uint16Array") :][:400]
    assert len(re.findall(r"\w+<=\w+\.length;", segment)) == 1 and ".length-1&&" not in segment, segment
    assert fix_segmenter(fixed) == fixed


def test_a_worker_without_the_expected_code_stops_the_build_with_a_message():
    broken = WORKER.read_text(encoding="utf-8").replace(".length;", ".length ;")
    with pytest.raises(WorkerPatchError, match="macros/theme/search_worker.py"):
        fix_segmenter(broken)


BUNDLE = next((Path(material.__file__).parent / "templates/assets/javascripts").glob("bundle.*.min.js"))


def test_the_installed_bundle_loads_the_search_index_on_demand_and_patching_again_changes_nothing():
    js = BUNDLE.read_text(encoding="utf-8")
    patched = load_on_demand(js)
    # the index waits for the search toggle (or a ?h= link); the worker starts at its first message
    index = patched[patched.index(MARK) :][:300]
    assert 'has("h")' in index and '("search")).pipe(' in index, index
    assert "new EventTarget" in patched and patched.count("new Worker(") == js.count("new Worker(") + 1
    assert len(patched) > len(js) and load_on_demand(patched) == patched
    # what the patch rewrites is gone: no fetch of the index when the bundle runs
    assert re.search(r'namedItem\("search"\)\?\w+\(\):', patched) is None


def test_a_bundle_without_the_expected_code_stops_the_build_with_a_message():
    broken = BUNDLE.read_text(encoding="utf-8").replace('namedItem("search")?', 'namedItem("search") ?')
    with pytest.raises(BundlePatchError, match="macros/theme/search_on_demand.py"):
        load_on_demand(broken)
