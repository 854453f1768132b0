"""The DOT writer and label wrapping: escaping, balanced CJK lines, fonts, classes, determinism."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from macros.flows.flow_loader import load_flow
from macros.flows.site_loader import load_site
from macros.render.dot_writer import flow_to_dot, label, quote
from macros.render.svg_render import dot_version, finish_svg, raw_svg, raw_svgs
from macros.render.wrap import text_width, wrap

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "text, expected",
    [
        ('a"b', '"a\\"b"'),
        ("a\\b", '"a\\\\b"'),
        ("a\\nb", '"a\\\\nb"'),  # a literal backslash-n stays literal, not a line break
        ("<img>", '"<img>"'),
        ("a & b", '"a &amp; b"'),
        ("&lt;", '"&amp;lt;"'),  # an entity-looking text is shown as typed
        ("line1\nline2", '"line1 line2"'),  # raw newlines never break the DOT string
    ],
)
def test_quote_escapes(text, expected):
    assert quote(text) == expected


def test_label_joins_wrapped_lines_with_dot_newline():
    assert label("通过选举办法，宣布候选人名单和选举注意事项", 10).count("\\n") == 2


def test_wrap_balances_lines_without_orphans():
    lines = wrap("召开支部委员会会议，采用投票方式等额选举书记", 14)  # 22 characters
    assert len(lines) == 2
    assert all(text_width(line) >= 10 for line in lines), lines


def test_wrap_never_splits_latin_words_or_numbers():
    lines = wrap("使用Graphviz渲染SVG图形并检查12345678这个数字", 6)
    joined = "|".join(lines)
    for word in ("Graphviz", "SVG", "12345678"):
        assert any(word in line for line in lines), joined


def test_wrap_keeps_closing_punctuation_off_line_starts():
    for line in wrap("一二三四五六七，八九十一二三四五六七八九十，一二三四五", 7)[1:]:
        assert line[0] not in "，。、；：）》", line


def test_wrap_respects_width():
    for line in wrap("有选举权的党员4/5到会参加选举的方为有效，回收的选票等于或少于发出的选票", 14):
        assert text_width(line) <= 14


def load(name: str):
    flow, problems = load_flow(REPO / "flows" / f"{name}.yml")
    assert not problems
    return flow


def test_dot_sets_fonts_on_graph_node_edge_and_classes():
    dot = flow_to_dot(load("election-procedure"))
    for kind in ("graph", "node", "edge"):
        assert re.search(rf'^\s*{kind} \[.*fontname="WenQuanYi Micro Hei,Microsoft YaHei', dot, re.M), kind
    assert 'bgcolor="transparent"' in dot
    assert 'class="zb-node zb-decision"' in dot and "cluster_open" in dot
    assert 'id="dg-quorum"' in dot


def test_dot_is_deterministic():
    flow = load("member-recruitment")
    assert flow_to_dot(flow) == flow_to_dot(load("member-recruitment"))


def test_svg_carries_node_ids_and_accessible_name(tmp_path):
    flow = load("election-procedure")
    svg = finish_svg(raw_svg(flow_to_dot(flow), dot_version(), tmp_path), flow)
    assert re.search(r'<svg role="img" aria-labelledby="dg-title-election-procedure"', svg)
    assert 'aria-describedby="text-election-procedure"' in svg
    for step in flow.steps():
        assert f'data-node="{step.id}"' in svg, step.id
    assert "<?xml" not in svg and 'fill="white"' not in svg


def test_render_cache_skips_dot_when_unchanged(tmp_path, monkeypatch):
    flow = load("branch-setup")
    source, version = flow_to_dot(flow), dot_version()
    first = raw_svg(source, version, tmp_path)
    calls = []
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: calls.append(a) or (_ for _ in ()).throw(AssertionError))
    assert raw_svg(source, version, tmp_path) == first and calls == []


def test_injection_label_is_text_in_svg(tmp_path):
    flow = load("election-procedure")
    flow.steps()[0].label = '<img src=x onerror=alert(1)> & "quoted" \\N'
    svg = finish_svg(raw_svg(flow_to_dot(flow), dot_version(), tmp_path), flow)
    assert "<img" not in svg
    assert "&lt;img src=x onerror=alert(1)&gt;" in svg.replace("&#160;", " ")
    assert "\\N" in svg  # a backslash escape stays literal text, not Graphviz's node-name escape


def test_svg_is_deterministic_across_renders(tmp_path):
    flow = load("weak-branch-rectification")
    source, version = flow_to_dot(flow), dot_version()
    first = raw_svg(source, version, tmp_path / "a")
    second = raw_svg(source, version, tmp_path / "b")  # a fresh cache: dot runs again
    assert first == second and (tmp_path / "b" / "svg").is_dir()


@pytest.mark.parametrize("damage", ["truncated", "emptied", "altered"])
def test_damaged_cache_entry_is_rendered_again(tmp_path, damage):
    """A cache entry that is not what dot wrote (cut short, emptied, changed) is never used."""
    flow = load("branch-setup")
    source, version = flow_to_dot(flow), dot_version()
    first = raw_svg(source, version, tmp_path)
    [entry] = (tmp_path / "svg").glob("*.svg")
    data = entry.read_bytes()
    entry.write_bytes(
        {"truncated": data[: len(data) // 2], "emptied": b"", "altered": data.replace(b"#", b"%", 1)}[damage]
    )
    assert raw_svg(source, version, tmp_path) == first
    assert entry.read_bytes() == data  # and the entry is repaired


def test_cold_renders_do_not_depend_on_what_else_was_rendered(tmp_path):
    """Graphviz 2.42 lays clusters out in the order of their internal ids, which are the memory
    addresses of their names: a graph drawn after others in the same dot process can come out
    different. Two cold renders with a different history must agree byte for byte. Planted
    defect: send several graphs to one dot process (as the renderer once did) and this fails."""
    flows = [f for f in load_site(REPO / "flows")[0].flows if f.kind == "flowchart"]
    sources, version = [flow_to_dot(f) for f in flows], dot_version()
    together = raw_svgs(sources, version, tmp_path / "a")
    raw_svgs(sources[1::2][::-1], version, tmp_path / "b")  # another history: half of them first, reversed
    apart = raw_svgs(sources[::-1], version, tmp_path / "b")[::-1]
    differ = [f.id for f, x, y in zip(flows, together, apart) if x != y]
    assert not differ


def test_a_graphviz_failure_names_the_flow_file(tmp_path):
    """Defence in depth behind the loader's limits: dot's own error comes with the file."""
    from macros.render.svg_render import RenderError

    too_long = 'digraph g { a [label="' + "x" * 20000 + '"]; }'
    with pytest.raises(RenderError, match=r"^flows/x\.yml: dot failed: .*16384"):
        raw_svgs([too_long], dot_version(), tmp_path, ["flows/x.yml"])
