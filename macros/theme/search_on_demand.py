"""Load the search index only when the reader uses search, by a patch to Material's built bundle.

Material fetches ``search/search_index.json`` (640 KB raw) on every page as soon as its bundle runs,
and its search worker (started at once too, ``setupSearchWorker``) then builds the index, competing
with the page for the CPU even for a reader who never searches; a checker page's Python runtime
starts at the same time.
Material already has the gate this needs: opened from ``file://`` it sends the index to its worker
only once the search toggle (``__search``) turns on — focusing the search box, its icon, the
``s``/``f``/``/`` keys, a ``?q=`` link. This patch puts the same gate on the index itself (the
bundle's ``index$``), so that nothing fetches it before then; a page opened from a search result
(``?h=`` to highlight the words) fetches it at once, as before. Offline search is unaffected: the
page asks the service worker to keep the index and the worker's script (docs/assets/javascripts/offline.mjs).

In the minified bundle (names vary between releases):
``let r=Mn(e);`` in ``setupSearchWorker`` becomes ``let r=Mn(e,<a stand-in that starts the worker at
its first message>);`` and ``zi=document.forms.namedItem("search")?ks():tt`` becomes
``zi=document.forms.namedItem("search")?L($(<?h= in the URL>),Je("search")).pipe(Re(o=>o),b(()=>ks()),Z(1)):tt``
with ``L``/``$``/``Je``/``Re``/``b`` (merge/of/watchToggle/first/switchMap) read from Material's own
gate in ``setupSearchWorker`` and ``Z`` (shareReplay) from its index fetch.
"""

from __future__ import annotations

import re
from pathlib import Path

# function ks(){return location.protocol==="file:"?_t(`...search/search_index.js`).pipe(m(()=>__index),Z(1)):ze(...)}
_FETCH = re.compile(
    r"function ([\w$]+)\(\)\{return location\.protocol===\"file:\"\?[\w$]+\(`[^`]*search/search_index\.js[^`]*`\)"
    r"\.pipe\([\w$]+\(\(\)=>__index\),([\w$]+)\(1\)\)"
)
# function Ei(e,t){let r=Mn(e);return L($(location.protocol!=="file:"),Je("search")).pipe(Re(o=>o),b(()=>t))
_GATE = re.compile(
    r"function [\w$]+\(([\w$]+),[\w$]+\)\{let [\w$]+=([\w$]+)\(\1\);return "
    r"([\w$]+)\(([\w$]+)\(location\.protocol!==\"file:\"\),([\w$]+)\(\"search\"\)\)"
    r"\.pipe\(([\w$]+)\(([\w$]+)=>\7\),([\w$]+)\(\(\)=>[\w$]+\)\)"
)
# A stand-in for the worker that starts the real one at the first message (the index, once loaded).
_LAZY_WORKER = (
    "(()=>{{let w,t=new EventTarget;t.postMessage=m=>{{if(!w){{w=new Worker({url});"
    'w.onmessage=v=>t.dispatchEvent(new MessageEvent("message",{{data:v.data}}))}}w.postMessage(m)}};return t}})()'
)
# =document.forms.namedItem("search")?ks():
_INDEX = r"=document\.forms\.namedItem\(\"search\"\)\?{fetch}\(\):"
MARK = "/*zhibu:search-on-demand*/"


class BundlePatchError(Exception):
    """The bundle does not contain the code this patch expects (Material changed): say so, never ship it unpatched."""


def _one(pattern: re.Pattern, js: str, what: str) -> re.Match:
    found = list(pattern.finditer(js))
    if len(found) != 1:
        raise BundlePatchError(
            f"Material's bundle no longer contains {what} as macros/theme/search_on_demand.py expects "
            f"(found {len(found)} matches, expected 1). Check bundle.ts and integrations/search/worker/_/index.ts "
            "in the new Material release, then update or remove this patch."
        )
    return found[0]


def load_on_demand(js: str) -> str:
    """The bundle's source with the search index fetched only once search is used; idempotent."""
    if MARK in js:
        return js
    fetch = _one(_FETCH, js, "the search index fetch (fetchSearchIndex)")
    gate = _one(_GATE, js, "the search worker's gate (setupSearchWorker)")
    url, watch_worker, merge, of, toggle, first, _, switch_map = gate.groups()
    share_replay = fetch.group(2)
    # the worker itself: started when it is sent the index, not when the page loads
    call = f"={watch_worker}({url});return "
    lazy = f"={watch_worker}({url},{_LAZY_WORKER.format(url=url)});return "
    js = js[: gate.start()] + gate.group(0).replace(call, lazy, 1) + js[gate.end() :]
    index = _one(re.compile(_INDEX.format(fetch=re.escape(fetch.group(1)))), js, "the search index (index$)")
    gated = (
        f'={MARK}document.forms.namedItem("search")?'
        f'{merge}({of}(new URLSearchParams(location.search).has("h")),{toggle}("search"))'
        f".pipe({first}(on=>on),{switch_map}(()=>{fetch.group(1)}()),{share_replay}(1)):"
    )
    return js[: index.start()] + gated + js[index.end() :]


def patch_site(site_dir: Path) -> Path:
    """Patch the built bundle in place; returns its path."""
    bundles = sorted((Path(site_dir) / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise BundlePatchError(f"expected one Material bundle in {site_dir}/assets/javascripts, found {len(bundles)}")
    path = bundles[0]
    path.write_text(load_on_demand(path.read_text(encoding="utf-8")), encoding="utf-8")
    return path
