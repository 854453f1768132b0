"""The built site (mkdocs build --strict): every flow has its page, diagram, text and anchors."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.flows.site_loader import load_site
from macros.render.dot_writer import flow_to_dot

REPO = Path(__file__).resolve().parent.parent
SITE, _ = load_site(REPO / "flows")
FLOW_IDS = [f.id for f in SITE.flows]


class Ids(HTMLParser):
    """Collects element ids, data-node values, ordered list items and external URLs of a page."""

    def __init__(self):
        super().__init__()
        self.ids, self.nodes, self.external = set(), set(), []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if "data-node" in a:
            self.nodes.add(a["data-node"])
        for key in ("src", "href", "xlink:href"):
            url = a.get(key) or ""
            if re.match(r"^(https?:)?//", url) and tag in ("script", "link", "img", "iframe", "source"):
                self.external.append(f"<{tag} {key}={url}>")


def parse(path: Path) -> Ids:
    p = Ids()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_site_has_every_flow():
    assert len(FLOW_IDS) == 36


@pytest.mark.parametrize("flow_id", FLOW_IDS)
def test_flow_page_has_diagram_text_and_anchors(built_site, flow_id):
    flow = SITE.flow(flow_id)
    page = built_site / "flows" / flow_id / "index.html"
    html = page.read_text(encoding="utf-8")
    ids = parse(page)
    assert (built_site / "assets" / "diagrams" / f"{flow_id}.svg").is_file()
    assert f'aria-labelledby="dg-title-{flow_id}"' in html and f'id="text-{flow_id}"' in html
    for node in flow.nodes():
        if node.id:
            assert node.id in ids.ids, f"no text anchor #{node.id}"
            assert node.id in ids.nodes, f"no diagram element for {node.id}"
    assert ids.external == []


def test_member_recruitment_25_steps_in_order_under_their_stages(built_site):
    html = (built_site / "flows" / "member-recruitment" / "index.html").read_text(encoding="utf-8")
    text = html.split('id="text-member-recruitment"', 1)[1]
    stage_at = [text.index(f'id="stage-{n}"') for n in range(1, 6)]
    flow = SITE.flow("member-recruitment")
    positions = [text.index(f'<li id="{s.id}"') for s in flow.steps()]
    assert [s.number for s in flow.steps()] == list(range(1, 26))
    assert positions == sorted(positions)
    bounds = {1: (1, 2), 2: (3, 6), 3: (7, 11), 4: (12, 18), 5: (19, 25)}
    for stage, (first, last) in bounds.items():
        end = stage_at[stage] if stage < 5 else len(text)
        for n in range(first, last + 1):
            assert stage_at[stage - 1] < positions[n - 1] < end, (stage, n)
    dot = flow_to_dot(flow)
    for stage in range(1, 6):
        cluster = dot.split(f'subgraph "cluster_stage-{stage}"', 1)[1].split("\n  }", 1)[0]
        for n in range(bounds[stage][0], bounds[stage][1] + 1):
            assert f'id="dg-{flow.steps()[n - 1].id}"' in cluster, (stage, n)


def test_index_lists_every_flow_and_series_link_in_order(built_site):
    index = (built_site / "flows" / "index.html").read_text(encoding="utf-8")
    for flow in SITE.flows:
        assert f'href="../flows/{flow.id}/"' in index, flow.id
    for series in SITE.series:
        flows = series.flows
        for prev_flow, next_flow in zip(flows, flows[1:]):
            a = (built_site / "flows" / prev_flow.id / "index.html").read_text(encoding="utf-8")
            b = (built_site / "flows" / next_flow.id / "index.html").read_text(encoding="utf-8")
            assert f'rel="next" href="../{next_flow.id}/"' in a
            assert f'rel="prev" href="../{prev_flow.id}/"' in b
        assert (built_site / "series" / series.id / "index.html").is_file()


def test_search_indexes_text_not_diagram(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = [d for d in index["docs"] if d["location"].startswith("flows/election-procedure/")]
    blob = " ".join(d["text"] + d["title"] for d in docs).replace("\u200b", "")
    assert "推选监票人、计票人" in blob
    assert "点击图中的框可跳到对应的文字说明" not in blob  # the figure caption is excluded with the diagram
    assert "dg-" not in blob


def test_no_page_loads_from_another_host(built_site):
    offenders = []
    for page in built_site.rglob("*.html"):
        offenders += [f"{page.relative_to(built_site)}: {e}" for e in parse(page).external]
    assert offenders == []
    css = "".join(p.read_text(encoding="utf-8", errors="replace") for p in built_site.rglob("*.css"))
    assert "fonts.googleapis.com" not in css and "fonts.gstatic.com" not in css


def test_steps_cited_by_checkers_link_back_to_the_checker(built_site):
    from macros.checker_page.checker_citations import citations

    cites = citations()
    assert {flow for flow, _ in cites} >= {"election-procedure", "dues-collection"}
    for (flow_id, node_id), entries in cites.items():
        html = (built_site / "flows" / flow_id / "index.html").read_text(encoding="utf-8")
        after = html.split(f'id="{node_id}"', 1)[1].split("</li>", 1)[0]
        flow = SITE.flow(flow_id)
        for name, _ in entries:
            target = "#check" if flow.checker == name else f"checkers/{name}/"
            assert 'class="zb-checklink"' in after and target in after, (flow_id, node_id, name)
        if flow.checker:
            assert 'id="check"' in html and "zb-checker" in html


@pytest.mark.parametrize(
    "new,message",
    [
        ("        lable: 投票\n", "unknown key 'lable'"),
        ("        label: 投\x0b票\n", "invisible character U\\+000B \\(vertical tab\\)"),
    ],
    ids=["unknown key", "vertical tab"],
)
def test_invalid_flow_stops_the_build_with_the_validator_messages(tmp_path, new, message):
    import shutil

    from conftest import mkdocs_build

    flows = tmp_path / "flows"
    shutil.copytree(REPO / "flows", flows)
    bad = flows / "election-procedure.yml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("        label: 投票\n", new), encoding="utf-8")
    dest = tmp_path / "site"
    proc = mkdocs_build(dest, {"ZHIBU_FLOWS_DIR": str(flows), "ZHIBU_EXPORTS": "0"})
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert re.search(r"election-procedure\.yml:\d+:\d+: " + message, output), output
    assert "Traceback" not in output
    assert not (dest / "index.html").exists()  # no half-built site


def test_hand_written_page_embeds_a_diagram_and_its_text_with_macros(built_site):
    html = (built_site / "guide" / "presenting" / "index.html").read_text(encoding="utf-8")
    ids = parse(built_site / "guide" / "presenting" / "index.html")
    flow = SITE.flow("branch-setup-flow")
    assert 'id="diagram-branch-setup-flow"' in html and 'href="../../flows/branch-setup-flow/"' in html
    for step in flow.steps():
        assert step.id in ids.nodes and step.id in ids.ids, step.id
    assert 'src="../../assets/javascripts/diagram.js"' in html


@pytest.mark.parametrize("flow_id", FLOW_IDS)
def test_every_flow_has_a_poster_linked_from_its_page(built_site, flow_id):
    poster = built_site / "assets" / "posters" / f"{flow_id}.html"
    html = poster.read_text(encoding="utf-8")
    assert f'aria-labelledby="dg-title-{flow_id}"' in html and "@page" in html
    assert parse(poster).external == []
    page = (built_site / "flows" / flow_id / "index.html").read_text(encoding="utf-8")
    assert f'href="../../assets/posters/{flow_id}.html"' in page


def test_flows_are_listed_in_the_order_of_the_source_document():
    lines = (REPO / "source" / "seed-zh-Hans.txt").read_text(encoding="utf-8").splitlines()
    for _, flows in SITE.by_category():
        first_lines = [lines.index(f.source) for f in flows]
        assert first_lines == sorted(first_lines), [f.id for f in flows]


def test_navigation_groups_each_series_under_its_category():
    from macros.site.pages import nav

    entries = nav(SITE)
    organisation = next(e["组织设置与换届选举"] for e in entries if "组织设置与换届选举" in e)
    section = next(i["支部委员会换届选举"] for i in organisation if "支部委员会换届选举" in i)
    assert [list(i) for i in section] == [["换届准备阶段"], ["推荐考察阶段"], ["正式会议阶段"], ["后续工作阶段"]]
    assert {"选举程序流程图": "flows/election-procedure.md"} in organisation


def test_a_cold_build_is_byte_identical_to_the_session_build(built_site, tmp_path):
    """The same checkout built again with an empty diagram cache gives the same bytes in every
    file, and the one date MkDocs writes (the gzip header of sitemap.xml.gz) is the commit's,
    not the day of the build. Seen to fail before the fix: without the hook's SOURCE_DATE_EPOCH
    default the gzip date is the day of the build. Diagrams batched several to a dot process are
    caught, faster, by test_dot_writer's test_cold_renders_do_not_depend_on_what_else_was_rendered."""
    import gzip
    import subprocess

    from conftest import mkdocs_build

    dest = tmp_path / "site"
    proc = mkdocs_build(dest, {"ZHIBU_CACHE_DIR": str(tmp_path / "cache")})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "cache" / "svg").is_dir()  # it was cold: every diagram rendered here

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    first, second = files(built_site), files(dest)
    first = {k: v for k, v in first.items() if not k.startswith("zh-Hant/")}  # the 繁體 edition: a second build
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert not differ, differ
    commit = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=REPO, capture_output=True, text=True)
    if commit.returncode == 0:
        with gzip.open(dest / "sitemap.xml.gz") as handle:
            handle.read()
            day = int(commit.stdout) // 86400 * 86400  # MkDocs dates it by the day
            assert handle.mtime == day, "sitemap.xml.gz is dated by the build, not the commit"
