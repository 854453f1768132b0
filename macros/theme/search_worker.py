"""Fix the query-side Chinese segmentation in Material's search worker (an off-by-one), on the built file.

The index is segmented by jieba at build time. In the browser, Material's worker splits a typed Han run
into terms of the index (``segment()`` in ``integrations/search/query/segment``): for each start ``i`` it
looks for the longest term ``query.slice(i, j)``, but with ``j < query.length`` — a term that ends at the
last character of the query is never considered. So 党课 becomes 党* (every word starting with 党) and
不合格党员 becomes 不* 合格* 党*; a two-character query always matches on its first character alone.
The fix is ``j <= query.length`` (and continuing at the last character, ``q < query.length``).
"""

from __future__ import annotations

import re
from pathlib import Path

# for(let o=s+1;o<t.length;o++)t.slice(s,o)in e   (the minifier's names vary between releases)
_CUTS = re.compile(r"for\(let (\w+)=(\w+)\+1;\1<(\w+)\.length;\1\+\+\)\3\.slice\(\2,\1\)in ")
# n[a]&&a<t.length-1&&(i[s++]=a)
_CONTINUE = re.compile(r"(\w+)\[(\w+)\]&&\2<(\w+)\.length-1&&\(")
# the same two places once fixed (a rebuild into the same folder may find the file already patched)
_CUTS_FIXED = re.compile(r"for\(let (\w+)=(\w+)\+1;\1<=(\w+)\.length;\1\+\+\)\3\.slice\(\2,\1\)in ")
_CONTINUE_FIXED = re.compile(r"(\w+)\[(\w+)\]&&\2<(\w+)\.length&&\(\w+\[")


class WorkerPatchError(Exception):
    """The worker does not contain the code this fix expects (Material changed): say so, never ship it unfixed."""


def fix_segmenter(js: str) -> str:
    """The worker's source with the segmentation fixed; raises WorkerPatchError if the code is not found once."""
    cuts = _CUTS.findall(js)
    cont = _CONTINUE.findall(js)
    if not cuts and not cont and len(_CUTS_FIXED.findall(js)) == 1 and len(_CONTINUE_FIXED.findall(js)) == 1:
        return js
    if len(cuts) != 1 or len(cont) != 1:
        raise WorkerPatchError(
            "Material's search worker no longer contains the query segmentation this site fixes "
            f"(found {len(cuts)} and {len(cont)} matches, expected 1 and 1). Check whether Material fixed "
            "segment() (query/segment/index.ts: 'j < query.length' should be '<='), then update or remove "
            "macros/theme/search_worker.py."
        )
    js = _CUTS.sub(lambda m: m.group(0).replace(f"{m.group(1)}<", f"{m.group(1)}<=", 1), js)
    return _CONTINUE.sub(lambda m: m.group(0).replace(".length-1&&", ".length&&"), js)


def fix_site(site_dir: Path) -> Path:
    """Patch the built worker in place; returns its path."""
    workers = sorted((Path(site_dir) / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if len(workers) != 1:
        raise WorkerPatchError(
            f"expected one search worker in {site_dir}/assets/javascripts/workers, found {len(workers)}"
        )
    path = workers[0]
    path.write_text(fix_segmenter(path.read_text(encoding="utf-8")), encoding="utf-8")
    return path
