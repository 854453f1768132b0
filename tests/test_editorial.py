"""Content the source does not have is marked: the loader reads the marks, the diagram draws them
differently and says so in words, a legend appears where (and only where) there is such content,
and the text version marks the same notes and branches."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import yaml
from flow_samples import HEADER, write

from macros.flows.flow_loader import load_flow
from macros.render.dot_writer import flow_to_dot
from macros.render.legend import legend_html, legend_keys
from macros.render.svg_render import dot_version, finish_svg, raw_svg
from macros.site.pages import diagram_html, text_md
from macros.site.poster import poster_html

REPO = Path(__file__).resolve().parent.parent

MARKED = (
    HEADER
    + """\
steps:
  - id: a
    label: 召开会议
    note: 原图自带的说明
  - id: b
    label: 清点人数
    shape: decision
    editorial_note: 本站加的说明
    next:
      - to: c
        label: 过半数
      - to: a
        label: 不足，另行召开
        editorial: true
  - id: c
    label: 依条例补充的一步
    supplement:
      cite: 《中国共产党支部工作条例（试行）》第十一条
"""
)

PLAIN = MARKED.replace("    editorial_note: 本站加的说明\n", "").replace("        editorial: true\n", "")
PLAIN = PLAIN.replace("    supplement:\n      cite: 《中国共产党支部工作条例（试行）》第十一条\n", "")


def line_of(text: str) -> int:
    """The 1-based line of MARKED that holds `text`."""
    return next(n for n, line in enumerate(MARKED.splitlines(), 1) if text in line)


def load(tmp_path: Path, text: str):
    return load_flow(write(tmp_path, text), "flows/sample.yml")


def marked(tmp_path: Path):
    flow, problems = load(tmp_path, MARKED)
    assert not problems, "\n".join(map(str, problems))
    return flow


def dot_line(dot: str, start: str) -> str:
    return next(line for line in dot.splitlines() if line.strip().startswith(start))


# ---- loader ----------------------------------------------------------------------------------


def test_loader_reads_editorial_notes_and_branches(tmp_path):
    flow = marked(tmp_path)
    a, b, c = flow.steps()
    assert a.notes == ["原图自带的说明"] and a.editorial_notes == []
    assert b.notes == [] and b.editorial_notes == ["本站加的说明"]
    assert [(e.target, e.editorial) for e in b.next] == [("c", False), ("a", True)]
    assert c.supplement == "《中国共产党支部工作条例（试行）》第十一条"


def test_editorial_that_is_not_true_or_false_is_reported_at_its_line(tmp_path):
    _, problems = load(tmp_path, MARKED.replace("editorial: true", "editorial: 是"))
    assert len(problems) == 1, problems
    assert str(problems[0]).startswith(f"flows/sample.yml:{line_of('editorial: true')}:")
    assert "'editorial'" in problems[0].message and "true or false" in problems[0].message


def test_misspelt_editorial_note_is_reported_with_a_hint(tmp_path):
    _, problems = load(tmp_path, MARKED.replace("editorial_note:", "editorial_notes:"))
    assert len(problems) == 1, problems
    assert problems[0].line == line_of("editorial_note:") and "did you mean 'editorial_note'" in problems[0].message


def test_empty_editorial_note_is_reported(tmp_path):
    _, problems = load(tmp_path, MARKED.replace("editorial_note: 本站加的说明", "editorial_note:"))
    assert len(problems) == 1 and problems[0].line == line_of("editorial_note:"), problems


# ---- diagram ---------------------------------------------------------------------------------


def test_editorial_note_is_its_own_dashed_box_that_says_whose_it_is(tmp_path):
    dot = flow_to_dot(marked(tmp_path))
    box = dot_line(dot, '"b--ednote"')
    assert 'class="zb-note zb-editorial"' in box and 'style="filled,dashed"' in box
    assert re.search(r'label="编者注：本站加的说明"', box)
    source_note = dot_line(dot, '"a--note"')
    assert 'class="zb-note"' in source_note and "dashed" not in source_note and "编者注" not in source_note


def test_editorial_branch_is_dotted_and_labelled(tmp_path):
    dot = flow_to_dot(marked(tmp_path))
    added = dot_line(dot, '"b" -> "a"')
    assert 'style="dotted"' in added and "zb-editorial" in added
    assert 'label="不足，另行召开\\n（本站补画）"' in added  # the mark on a line of its own
    kept = dot_line(dot, '"b" -> "c"')
    assert "dotted" not in kept and "zb-editorial" not in kept and "本站补画" not in kept


def test_supplement_node_has_a_dashed_outline_in_the_dot(tmp_path):
    dot = flow_to_dot(marked(tmp_path))
    assert re.search(r'style="[^"]*dashed"', dot_line(dot, '"c" ['))
    assert "dashed" not in dot_line(dot, '"a" [')


def test_svg_keeps_the_classes_dashes_and_note_owner(tmp_path):
    flow = marked(tmp_path)
    svg = finish_svg(raw_svg(flow_to_dot(flow), dot_version(), tmp_path / "cache"), flow)
    ednote = re.search(r'<g id="dg-b--ednote" class="([^"]*)" data-node="([^"]*)"', svg)
    assert ednote and "zb-editorial" in ednote.group(1) and ednote.group(2) == "b"
    body = svg[ednote.end() : svg.index("</g>", ednote.end())]
    assert "stroke-dasharray" in body and "编者注" in body
    edge = re.search(r'<g id="dg-e-b-a" class="([^"]*)"', svg)
    assert edge and "zb-editorial" in edge.group(1)
    edge_body = svg[edge.end() : svg.index("</g>", edge.end())]
    assert 'stroke-dasharray="1,5"' in edge_body and "本站补画" in edge_body


def test_a_group_note_is_drawn_beside_its_heading(tmp_path):
    path = tmp_path / "tree.yml"
    path.write_text(
        textwrap.dedent(
            """\
            id: tree
            title: 示例结构
            kind: structure
            category: organisation
            source: 示例结构图
            summary: 用来测试的结构图。
            basis:
              - title: 《中国共产党支部工作条例（试行）》
            root:
              id: root
              label: 中心
            groups:
              - id: duties
                label: 职责
                editorial_note: 原图未列内容
            """
        ),
        encoding="utf-8",
    )
    flow, problems = load_flow(path)
    assert not problems
    dot = flow_to_dot(flow)
    assert 'class="zb-note zb-editorial"' in dot_line(dot, '"duties--ednote"')
    assert dot_line(dot, '"duties" -> "duties--ednote"')


# ---- legend ----------------------------------------------------------------------------------


def test_legend_names_only_the_kinds_the_flow_has(tmp_path):
    assert legend_keys(marked(tmp_path)) == ["supplement", "editorial-note", "editorial-branch"]
    only_branch, _ = load(tmp_path, MARKED.replace("    editorial_note: 本站加的说明\n", ""))
    only_branch.stages[0].children[2].supplement = None
    assert legend_keys(only_branch) == ["editorial-branch"]
    html = legend_html(only_branch)
    assert "点线箭头" in html and "虚线框" not in html and "编者注" not in html


def test_no_legend_without_added_content(tmp_path):
    flow, problems = load(tmp_path, PLAIN)
    assert not problems
    assert legend_keys(flow) == [] and legend_html(flow) == ""
    assert 'class="zb-legend"' not in diagram_html(flow, "<svg></svg>", "../")
    assert 'class="zb-legend"' not in poster_html(flow, "<svg></svg>")


def test_diagram_and_poster_carry_the_legend(tmp_path):
    flow = marked(tmp_path)
    for html in (diagram_html(flow, "<svg></svg>", "../"), poster_html(flow, "<svg></svg>")):
        assert html.count('class="zb-legend"') == 1
        assert "本站补充" in html and "编者注" in html and "本站补画" in html


def _has_added_content(data) -> bool:
    """Read straight from the YAML: any supplement, editorial_note or editorial edge."""
    if isinstance(data, dict):
        if "supplement" in data or "editorial_note" in data or data.get("editorial") is True:
            return True
        return any(_has_added_content(v) for v in data.values())
    if isinstance(data, list):
        return any(_has_added_content(v) for v in data)
    return False


def test_every_real_flow_has_a_legend_exactly_when_it_has_added_content():
    paths = sorted(p for p in (REPO / "flows").glob("*.yml") if not p.name.startswith("_"))
    with_legend = 0
    for path in paths:
        flow, problems = load_flow(path)
        assert not problems, problems
        expected = _has_added_content(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert ("zb-legend" in diagram_html(flow, "<svg></svg>", "../")) == expected, path.name
        with_legend += expected
    assert with_legend >= 1


# ---- text version ----------------------------------------------------------------------------


def test_text_version_marks_editorial_notes_branches_and_supplements(tmp_path):
    md = text_md(marked(tmp_path))
    b = re.search(r'<li id="b"[^>]*>.*?</li></ul></div></li>', md).group(0)
    assert '<p class="zb-note zb-editorial"><span class="zb-mark">（编者注）</span>本站加的说明</p>' in b
    branches = re.findall(r"<li( class=\"zb-editorial\")?>(.*?)</li>", b)
    assert [(bool(cls), "（本站补画）" in text) for cls, text in branches] == [(False, False), (True, True)]
    a = re.search(r'<li id="a".*?</li>', md).group(0)
    assert "编者注" not in a and '<p class="zb-note">原图自带的说明</p>' in a
    c = re.search(r'<li id="c".*?</li>', md).group(0)
    assert "本站补充" in c and "第十一条" in c
