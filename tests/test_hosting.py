"""The hosting guide, proven: real nginx and Apache started from the files docs/hosting.md includes.

Each server serves the built site at ``/`` and under ``/zhibu/`` (tests/hosting_servers.py). The
checks: MIME types of ``.mjs``/``.wasm``, Cache-Control (pages revalidated, the runtime and ``?v=``
assets for a year), gzip with ``Vary: Accept-Encoding``, revalidation answered with 304, and a
checker's verdict in Chromium. A server that is not installed or cannot start is skipped with why.
"""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from hosting_servers import REPO, ServerUnavailable, apache, nginx

from macros.checker_page import runtime_assets
from macros.theme import csp

CHECKER = "flows/election-procedure/"
YEAR = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module", params=["nginx", "apache"])
def hosted(request, built_site):
    start = {"nginx": nginx, "apache": apache}[request.param]
    try:
        cm = start(built_site)
        served = cm.__enter__()
    except ServerUnavailable as exc:
        pytest.skip(f"{request.param} cannot start here: {exc}")
    yield served
    cm.__exit__(None, None, None)


@pytest.fixture(scope="module")
def browser(chromium):
    return chromium


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def get(url, headers=None):
    """(status, headers as a lower-cased dict, body) for a GET, following no redirect."""
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with OPENER.open(req, timeout=30) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def widget_urls(html: str) -> dict[str, str]:
    """The runtime, worker, standard library and zip addresses the checker page's widget names (relative to the page)."""
    tag = re.search(r'<div class="zbc-checker[^>]*>', html).group(0)
    return {k: v.replace("&amp;", "&") for k, v in re.findall(r'data-(runtime|worker|stdlib|zip)="([^"]*)"', tag)}


@pytest.mark.parametrize("where", ["root", "subpath"])
def test_headers_as_the_guide_promises(hosted, where):
    base = getattr(hosted, where)
    status, h, body = get(base + CHECKER, {"Accept-Encoding": "gzip"})
    assert status == 200, (base, status)
    assert h["content-type"].startswith("text/html")
    assert h.get("cache-control") == "no-cache", h  # pages: revalidate every time
    assert h.get("content-security-policy") == csp.header_policy(), h  # the guide's 安全响应头
    assert h.get("x-content-type-options") == "nosniff" and h.get("referrer-policy") == "no-referrer", h
    assert h.get("content-encoding") == "gzip" and "accept-encoding" in h.get("vary", "").lower(), h
    html = gzip.decompress(body).decode("utf-8")

    # Revalidating a page costs a 304, not the page again.
    validator = {"If-None-Match": h["etag"]} if "etag" in h else {"If-Modified-Since": h["last-modified"]}
    status, h304, _ = get(base + CHECKER, {"Accept-Encoding": "gzip", **validator})
    assert status == 304, (base, status, h)

    urls = widget_urls(html)
    page_url = urllib.parse.urljoin(base, CHECKER)
    runtime = urllib.parse.urljoin(page_url, urls["runtime"])
    assert runtime.startswith(base + runtime_assets.pyodide_dir(REPO)), runtime
    expect = {
        urllib.parse.urljoin(page_url, urls["worker"]): ("text/javascript", True),
        urllib.parse.urljoin(page_url, urls["zip"]): ("application/zip", False),
        runtime + "pyodide.mjs": ("text/javascript", True),
        runtime + "pyodide.asm.mjs": ("text/javascript", True),
        runtime + "pyodide.asm.wasm": ("application/wasm", True),
        urllib.parse.urljoin(page_url, urls["stdlib"]): ("application/zip", False),
        runtime + "pyodide-lock.json": ("application/json", False),  # no package list: under gzip_min_length
    }
    for url, (mime, compressed) in expect.items():
        status, h, _ = get(url, {"Accept-Encoding": "gzip"})
        assert status == 200, (url, status)
        assert h["content-type"].split(";")[0] == mime, (url, h["content-type"])
        assert h.get("cache-control") == YEAR, (url, h.get("cache-control"))
        if compressed:
            assert h.get("content-encoding") == "gzip", (url, h)
            assert "accept-encoding" in h.get("vary", "").lower(), (url, h)

    # A file that is not there is a 404 that nobody caches for a year.
    status, h, _ = get(runtime + "missing.mjs")
    assert status == 404 and h.get("cache-control") != YEAR, (status, h)
    # The checker core the worker imports carries the worker's ?v= and is cached likewise.
    core = urllib.parse.urljoin(page_url, urls["worker"]).replace("checker-worker.mjs", "checker-core.mjs")
    status, h, _ = get(core)
    assert status == 200 and h["content-type"].startswith("text/javascript") and h.get("cache-control") == YEAR


def test_configuration_loads_without_warnings(hosted):
    assert not hosted.warnings, hosted.warnings


def test_subpath_without_slash_redirects(hosted):
    status, h, _ = get(hosted.subpath.rstrip("/"))
    assert status == 301 and h["location"].endswith("/zhibu/"), (status, h)


@pytest.mark.parametrize("where", ["root", "subpath"])
def test_checker_verdict_in_chromium(hosted, browser, where):
    base = getattr(hosted, where)
    ctx = browser.new_context()
    errors, missing = [], []
    page = ctx.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    try:
        page.goto(base + CHECKER + "?entitled=10&present=8")
        page.wait_for_function(
            "() => document.querySelector('.zbc-checker').getAttribute('data-verdict')"
            " || document.querySelector('.zbc-status').getAttribute('data-state') === 'failed'",
            timeout=120_000,
        )
        status = page.inner_text(".zbc-status")
        assert page.get_attribute(".zbc-checker", "data-verdict") == "pass", status
        assert "符合规定" in page.inner_text(".zbc-verdict")
        # The service worker claims the site's own folder (the sub-path), never more.
        page.wait_for_function("() => document.documentElement.dataset.zbOffline", timeout=120_000)
        assert page.evaluate("document.documentElement.dataset.zbOffline") == "saved"
        assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)") == base
        assert not missing, missing
        assert not errors, errors
    finally:
        ctx.close()


def test_guide_shows_every_configuration_file_verbatim(built_site):
    """Every file in docs/hosting/ is included by the guide, so what is tested is what is shown."""
    import html as html_lib

    from hosting_servers import GUIDE

    guide = (REPO / "docs" / "hosting.md").read_text(encoding="utf-8")
    page = html_lib.unescape(re.sub(r"<[^>]+>", "", (built_site / "hosting" / "index.html").read_text("utf-8")))
    files = sorted(p for p in GUIDE.iterdir() if p.is_file())
    assert len(files) >= 7
    for path in files:
        assert f'--8<-- "{path.name}"' in guide, f"docs/hosting.md does not include {path.name}"
        for line in path.read_text(encoding="utf-8").splitlines():
            assert line.strip() in page, f"{path.name}: line not on the built page: {line!r}"
        assert (built_site / "hosting" / path.name).read_bytes() == path.read_bytes()


def test_guide_commands_name_this_builds_runtime_folder(built_site):
    """The guide's curl check names the runtime folder this build has (seen to fail with the version hard-coded
    as 314.0.6 while 314.0.7 was installed)."""
    page = (built_site / "hosting" / "index.html").read_text("utf-8")
    named = set(re.findall(r"assets/pyodide/([0-9][^/\s<]*)/", page))  # not the prose placeholder <版本号>
    assert named, "the hosting guide names no runtime folder"
    assert named == {runtime_assets.pyodide_version(REPO)}, f"the guide names {named}"
    assert (built_site / runtime_assets.pyodide_dir(REPO) / "pyodide.asm.wasm").is_file()


@pytest.mark.parametrize("server", ["nginx", "nginx+brotli", "apache", "apache+rewrite"])
def test_precompressed_files_are_sent_as_built(built_site, server):
    """The build's .br and .gz files are what the guide's servers send, byte for byte, with the file's
    own type, Content-Encoding and Vary, at / and under a sub-path; a server without the modules that
    send them (nginx without brotli_static, Apache without mod_rewrite) still sends correct files.
    Seen to fail with "AddEncoding br .br" left out of apache-zhibu.conf (the .br sent as the type's
    plain bytes, no Content-Encoding) and with gzip_static off (gzip level 6 made per request)."""
    name, _, variant = server.partition("+")
    start = nginx(built_site, brotli=True) if variant == "brotli" else None
    if name == "apache":
        start = apache(built_site, rewrite=variant == "rewrite")
    elif start is None:
        start = nginx(built_site)
    try:
        served = start.__enter__()
    except ServerUnavailable as exc:
        pytest.skip(f"{server} cannot start here: {exc}")
    sends_br = variant in ("brotli", "rewrite")
    sends_gz = server != "apache"  # gzip_static, or mod_rewrite's .gz rule
    try:
        for base in (served.root, served.subpath):
            status, h, body = get(base + CHECKER)
            urls = widget_urls(gzip.decompress(body).decode() if h.get("content-encoding") == "gzip" else body.decode())
            page = urllib.parse.urljoin(base, CHECKER)
            wasm = urllib.parse.urljoin(page, urls["runtime"]) + "pyodide.asm.wasm"
            stdlib = urllib.parse.urljoin(page, urls["stdlib"])
            checkers = urllib.parse.urljoin(page, urls["zip"])
            local = {
                wasm: built_site / runtime_assets.pyodide_dir(REPO) / "pyodide.asm.wasm",
                stdlib: built_site / runtime_assets.STDLIB_ZIP,
                checkers: built_site / runtime_assets.CHECKERS_ZIP,
            }
            for url, mime in ((wasm, "application/wasm"), (stdlib, "application/zip"), (checkers, "application/zip")):
                plain = local[url].read_bytes()
                for accept, encoding in (("br, gzip", "br" if sends_br else "gzip"), ("gzip", "gzip"), ("", None)):
                    status, h, body = get(url, {"Accept-Encoding": accept} if accept else {})
                    where = (server, url, accept)
                    assert status == 200, where
                    assert h["content-type"].split(";")[0] == mime, (where, h)
                    assert h.get("cache-control") == YEAR, (where, h)
                    if encoding is None or (mime == "application/zip" and not (sends_gz or sends_br)):
                        # nothing asked, or a zip that a server without the modules sends as it is
                        assert "content-encoding" not in h and body == plain, (where, h)
                        continue
                    assert h.get("content-encoding") == encoding, (where, h)
                    assert "accept-encoding" in h.get("vary", "").lower(), (where, h)
                    built = local[url].with_name(local[url].name + "." + ("br" if encoding == "br" else "gz"))
                    if encoding == "br" or sends_gz:
                        assert body == built.read_bytes(), (where, "not the build's precompressed file")
                    else:
                        assert gzip.decompress(body) == plain, where
    finally:
        start.__exit__(None, None, None)
