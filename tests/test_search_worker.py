"""The fix to Material's query segmentation applies to the installed worker exactly once, or says why not."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from macros.search_worker import WorkerPatchError, fix_segmenter

WORKER = next((Path(material.__file__).parent / "templates/assets/javascripts/workers").glob("search.*.min.js"))


def test_the_installed_worker_is_fixed_and_fixing_again_changes_nothing():
    js = WORKER.read_text(encoding="utf-8")
    fixed = fix_segmenter(js)
    segment = fixed[fixed.index("new Uint16Array") :][:400]
    assert len(re.findall(r"\w+<=\w+\.length;", segment)) == 1 and ".length-1&&" not in segment, segment
    assert fix_segmenter(fixed) == fixed


def test_a_worker_without_the_expected_code_stops_the_build_with_a_message():
    broken = WORKER.read_text(encoding="utf-8").replace(".length;", ".length ;")
    with pytest.raises(WorkerPatchError, match="macros/search_worker.py"):
        fix_segmenter(broken)
