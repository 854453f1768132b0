"""The flow loader and validator: each kind of mistake is reported once, at its line and column."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from flow_samples import HEADER, write

from macros.flows.flow_loader import load_flow
from macros.flows.site_loader import load_site

REPO = Path(__file__).resolve().parent.parent

GOOD = (
    HEADER
    + """\
stages:
  - id: first
    label: 第一阶段
    steps:
      - id: a
        label: 第一步
      - id: b
        label: 是否通过
        shape: decision
        next:
          - to: c
            label: 通过
          - to: a
            label: 不通过
      - id: c
        label: 结束
"""
)


def problems_of(tmp_path: Path, text: str, name: str = "sample.yml") -> list:
    return load_flow(write(tmp_path, text, name), name)[1]


def only(problems: list):
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_good_flow_loads_with_edges_and_back_edge(tmp_path):
    flow, problems = load_flow(write(tmp_path, GOOD))
    assert problems == []
    assert [s.id for s in flow.steps()] == ["a", "b", "c"]
    edges = {(e.source, e.target): e for s in flow.steps() for e in s.next}
    assert set(edges) == {("a", "b"), ("b", "c"), ("b", "a")}
    assert edges[("b", "a")].back and not edges[("b", "c")].back


def test_unknown_key_reports_its_line_and_suggests(tmp_path):
    p = only(
        problems_of(tmp_path, GOOD.replace("        label: 第一步", "        lable: 第一步\n        label: 第一步"))
    )
    assert (p.line, p.column) == (14, 9)
    assert "unknown key 'lable'" in p.message and "label" in p.message


def test_wrong_type(tmp_path):
    p = only(problems_of(tmp_path, GOOD.replace("label: 结束", "label: [结束]")))
    assert p.line == 24 and "must be text" in p.message


def test_missing_required_field(tmp_path):
    p = only(problems_of(tmp_path, GOOD.replace("summary: 用来测试的流程。\n", "")))
    assert p.line == 1 and "missing required key 'summary'" in p.message


def test_duplicate_ids(tmp_path):
    p = only(problems_of(tmp_path, GOOD + "      - id: a\n        label: 重复\n"))
    assert "duplicate id 'a'" in p.message and p.line == 25


def test_duplicate_mapping_key(tmp_path):
    p = only(problems_of(tmp_path, GOOD.replace("title: 示例流程\n", "title: 示例流程\ntitle: 又一个\n")))
    assert (p.line, p.column) == (3, 1) and "duplicate key 'title'" in p.message


def test_edge_to_missing_node(tmp_path):
    p = only(problems_of(tmp_path, GOOD.replace("- to: c", "- to: cc")))
    assert p.line == 19 and "'cc'" in p.message and "did you mean 'c'" in p.message


def test_empty_label(tmp_path):
    p = only(problems_of(tmp_path, GOOD.replace("label: 第一步", 'label: "  "')))
    assert p.line == 14 and "empty" in p.message


def test_unreachable_step(tmp_path):
    text = GOOD.replace(
        "      - id: c\n        label: 结束\n",
        "      - id: c\n        label: 结束\n        next: []\n      - id: d\n        label: 孤立\n",
    )
    p = only(problems_of(tmp_path, text))
    assert p.line == 26 and "step 'd' cannot be reached" in p.message


def test_decision_needs_labelled_branches(tmp_path):
    p = only(problems_of(tmp_path, GOOD.replace("            label: 通过\n", "")))
    assert p.line == 15 and "decision 'b'" in p.message


def test_id_must_match_file_name(tmp_path):
    p = only(problems_of(tmp_path, GOOD, name="other.yml"))
    assert p.line == 1 and p.column == 5 and "file name 'other'" in p.message


def test_kind_keys_cannot_mix(tmp_path):
    p = only(problems_of(tmp_path, GOOD + "groups: []\n"))
    assert "'groups' belongs to the other kind" in p.message


def test_yaml_syntax_error_has_position(tmp_path):
    p = only(problems_of(tmp_path, GOOD.replace("title: 示例流程", "title: [示例流程")))
    assert p.line >= 2 and "YAML syntax error" in p.message


def test_three_mistakes_give_three_lines(tmp_path):
    text = (
        GOOD.replace("kind: flowchart", "kind: flowchat")
        .replace("label: 第一阶段", "label: 第一阶段\n    colour: red")
        .replace("- to: c", "- to: zz")
    )
    problems = problems_of(tmp_path, text)
    assert len(problems) == 3, "\n".join(map(str, problems))
    assert sorted(p.line for p in problems) == [3, 12, 20]


ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
        f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]"
        for i in range(8)
    ]
)


def test_alias_bomb_refused_at_its_first_anchor(tmp_path):
    p = only(problems_of(tmp_path, ALIAS_BOMB))
    assert p.line == 1 and "anchors and aliases" in p.message


def test_oversized_file_refused(tmp_path):
    p = only(problems_of(tmp_path, GOOD + "notes:\n" + "  - 很长的说明\n" * 40000))
    assert "over the" in p.message and p.line == 1


def test_structure_flow_headings_only(tmp_path):
    text = """\
    id: tree
    title: 示例结构
    kind: structure
    category: members
    source: 《示例》结构图
    summary: 只有标题。
    basis:
      - title: 《中国共产党党员权利保障条例》
    root: {id: root, label: 示例}
    groups:
      - id: g1
        label: 第一部分
      - id: g2
        label: 第二部分
        items:
          - id: i1
            label: 条目
            items:
              - {id: s1, label: 子条目}
    """
    flow, problems = load_flow(write(tmp_path, text, "tree.yml"))
    assert problems == []
    assert flow.layout == "LR" and [n.id for n in flow.nodes()] == ["root", "g1", "g2", "i1", "s1"]


def test_unknown_category_is_reported_by_site_loader(tmp_path):
    (tmp_path / "_index.yml").write_text("categories:\n  - id: organisation\n    title: 组织\n", encoding="utf-8")
    write(tmp_path, GOOD.replace("category: organisation", "category: nowhere"))
    site, problems = load_site(tmp_path)
    assert site is None and "category 'nowhere'" in only(problems).message


def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "macros.cli", *args], cwd=REPO, capture_output=True, text=True, timeout=60
    )


def test_cli_validate_repository_flows_exit_0():
    proc = run_cli("validate", "flows/")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_validate_three_mistakes(tmp_path):
    bad = write(
        tmp_path,
        GOOD.replace("kind: flowchart", "kind: flowchat")
        .replace("label: 第一阶段", "label: 第一阶段\n    colour: red")
        .replace("- to: c", "- to: zz"),
    )
    proc = run_cli("validate", str(bad))
    lines = proc.stdout.strip().splitlines()
    assert proc.returncode == 1 and len(lines) == 3
    assert all(line.startswith(f"{bad}:") and line.split(":")[1].isdigit() for line in lines)
    assert "Traceback" not in proc.stderr


def test_cli_validate_alias_bomb(tmp_path):
    bomb = write(tmp_path, ALIAS_BOMB, "bomb.yml")
    proc = run_cli("validate", str(bomb))  # walking the expanded aliases would hang: run_cli's timeout
    assert proc.returncode == 1
    assert f"{bomb}:1:" in proc.stdout and "Traceback" not in proc.stderr


@pytest.mark.parametrize("content", [b"\xff\xfe\x00garbage", b"", b"- just\n- a list\n", b"id: [unclosed\n"])
def test_cli_never_tracebacks_on_junk(tmp_path, content):
    path = tmp_path / "junk.yml"
    path.write_bytes(content)
    proc = run_cli("validate", str(path))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and proc.stdout.startswith(f"{path}:")


def test_unknown_checker(tmp_path):
    p = only(problems_of(tmp_path, GOOD.replace("category: organisation", "category: organisation\nchecker: votes")))
    assert (p.line, p.column) == (5, 10) and "checker 'votes' does not exist" in p.message and "election" in p.message


CONTROL = [("\x00", "NUL"), ("\x0b", "vertical tab"), ("\x1b", "escape")]


@pytest.mark.parametrize("char,name", CONTROL)
def test_control_character_is_reported_at_its_line_and_column(tmp_path, char, name):
    """NUL, a vertical tab (a word processor's line break in pasted text) and ESC: each one at
    its position, named, with what to do; no PyYAML traceback."""
    text = GOOD.replace("title: 示例流程", "title: 示例" + char + "流程").replace(
        "label: 结束", "label: 结" + char + "束"
    )
    problems = problems_of(tmp_path, text)
    assert [(p.line, p.column) for p in problems] == [(2, 10), (24, 17)], "\n".join(map(str, problems))
    assert all(f"U+{ord(char):04X}" in p.message and name in p.message for p in problems), problems


@pytest.mark.parametrize("char,name", CONTROL)
def test_cli_control_character_gives_path_line_column(tmp_path, char, name):
    bad = write(tmp_path, GOOD.replace("title: 示例流程", "title: 示例" + char + "流程"))
    proc = run_cli("validate", str(bad))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stdout.startswith(f"{bad}:2:10: ") and name in proc.stdout, proc.stdout


@pytest.mark.parametrize(
    "old,where",
    [
        ("label: 第一步", (14, 16)),  # a step
        ("label: 第一阶段", (11, 12)),  # a stage
        ("label: 通过", (20, 20)),  # an edge
    ],
)
def test_label_too_long_for_a_diagram_is_refused_at_its_line(tmp_path, old, where):
    """What validate accepts, the build must render: Graphviz cannot read a quoted string over
    16384 bytes, so a 200,000-character label is refused here, at its line."""
    p = only(problems_of(tmp_path, GOOD.replace(old, old.split(":")[0] + ": " + "x" * 200000)))
    assert (p.line, p.column) == where and "200000 characters" in p.message and "at most" in p.message, p


def test_notes_too_long_for_a_diagram_are_refused_at_their_line(tmp_path):
    long_notes = "label: 第一步\n        note:\n" + "".join(f"          - {'注' * 900}\n" for _ in range(3))
    p = only(problems_of(tmp_path, GOOD.replace("label: 第一步\n", long_notes)))
    assert p.line == 16 and "notes" in p.message and "2700 characters" in p.message, p


def test_texts_at_the_limits_render(tmp_path):
    """Every diagram text at its limit, in the characters that grow most on the way to DOT
    ('&' is written as '&amp;'): validate accepts it and Graphviz draws it."""
    from macros import config
    from macros.render.dot_writer import flow_to_dot
    from macros.render.svg_render import dot_version, raw_svg

    label = '"' + "&" * config.MAX_LABEL_CHARS + '"'
    note = '"' + "&" * (config.MAX_NOTES_CHARS // 2) + '"'
    text = (
        GOOD.replace("label: 第一步", f"label: {label}\n        note:\n          - {note}\n          - {note}")
        .replace("label: 第一阶段", f"label: {label}")
        .replace("label: 通过", f"label: {label}")
    )
    flow, problems = load_flow(write(tmp_path, text), "sample.yml")
    assert problems == []
    svg = raw_svg(flow_to_dot(flow), dot_version(), tmp_path / "cache")
    assert svg.rstrip().endswith("</svg>") and "&amp;" * 50 in svg
