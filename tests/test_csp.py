"""The Content-Security-Policy on every built page, and the header lines in docs/hosting.md.

Every HTML file of the session-built site (pages, the 404 page, posters) carries one policy as a
``<meta http-equiv>`` right after ``<meta charset>`` (a policy in a <meta> covers only what
follows it); it allows no inline code but the page's own, by hash, and never 'unsafe-inline' or
'unsafe-eval'. docs/hosting.md gives the header form of the same policy for nginx, Apache and
IIS with X-Content-Type-Options and Referrer-Policy, and says what frame-ancestors needs.

Seen to fail on planted defects: without ``on_post_template`` in the hook, 404.html has no policy;
adding an inline ``<script>`` to a page after the policy was computed makes its hashes differ.
"""

from __future__ import annotations

import re
from pathlib import Path

from macros.theme import csp

REPO = Path(__file__).resolve().parent.parent
META = re.compile(r'<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy" content="([^"]*)">', re.I)


def test_every_page_carries_its_policy_first(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert any(p.name == "404.html" for p in pages) and any("posters" in p.parts for p in pages)
    problems = []
    for path in pages:
        if "pyodide" in path.parts:
            continue
        html = path.read_text(encoding="utf-8")
        name = path.relative_to(built_site).as_posix()
        found = META.search(html)
        if not found or html.count('http-equiv="Content-Security-Policy"') != 1:
            problems.append(f"{name}: no single policy right after <meta charset>")
            continue
        policy = found.group(1)
        if "'unsafe-inline'" in policy or "'unsafe-eval'" in policy:
            problems.append(f"{name}: the policy allows inline code or eval: {policy}")
        if policy != csp.policy(html.replace(found.group(0), '<meta charset="utf-8">')):
            problems.append(f"{name}: the hashes do not match the page's inline scripts and styles")
    assert not problems, "\n".join(problems[:40])


def test_policy_hashes_exactly_the_inline_code():
    page = (
        '<html><head><meta charset="utf-8"><script>var a=1</script><script src="x.js"></script>'
        '<script type="application/json">{"x": 1}</script><style>p{color:red}</style></head>'
        '<body><div style="--zb-natural:752px"></div></body></html>'
    )
    policy = csp.policy(page)
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
    style_src = next(d for d in policy.split("; ") if d.startswith("style-src "))
    assert script_src.count("'sha256-") == 1  # the JSON data block is not code
    assert style_src.count("'sha256-") == 2 and "'unsafe-hashes'" in style_src
    assert csp.with_policy(csp.with_policy(page)).count("Content-Security-Policy") == 1


def test_hosting_guide_gives_the_header_lines(built_site):
    """The server configurations the guide includes (docs/hosting/, served for real by
    tests/test_hosting.py) send the policy of ``csp.header_policy()``, nosniff and a referrer
    policy; the guide's own section explains them and frame-ancestors."""
    header = csp.header_policy()
    lines = {
        "nginx-zhibu-location.conf": [
            f'add_header Content-Security-Policy "{header}" always;',
            'add_header X-Content-Type-Options "nosniff" always;',
            'add_header Referrer-Policy "no-referrer" always;',
        ],
        "apache-zhibu.conf": [
            f'Header always set Content-Security-Policy "{header}"',
            'Header always set X-Content-Type-Options "nosniff"',
            'Header always set Referrer-Policy "no-referrer"',
        ],
        "iis-web.config": [
            f'<add name="Content-Security-Policy" value="{header}" />',
            '<add name="X-Content-Type-Options" value="nosniff" />',
            '<add name="Referrer-Policy" value="no-referrer" />',
        ],
    }
    for name, expected in lines.items():
        text = (REPO / "docs" / "hosting" / name).read_text(encoding="utf-8")
        for line in expected:
            assert line in text, f"docs/hosting/{name}: missing or differs from macros/theme/csp.py: {line}"
    guide = (REPO / "docs" / "hosting.md").read_text(encoding="utf-8")
    section = guide[guide.index("## 安全响应头") :].split("\n## ", 1)[0]
    for needed in ("X-Content-Type-Options", "Referrer-Policy", "frame-ancestors", "wasm-unsafe-eval"):
        assert needed in section, needed
    assert "安全响应头" in (built_site / "hosting" / "index.html").read_text(encoding="utf-8")
