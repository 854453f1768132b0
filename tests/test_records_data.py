"""Build-time data for self-check records: which diagrams get records, the content hash, the JSON shape."""

from __future__ import annotations

import hashlib
import html
import json
import re

import pytest
from flow_samples import HEADER, write

from macros.checker_page.checker_citations import citations
from macros.flows.flow_loader import load_flow
from macros.flows.site_loader import load_site
from macros.site.pages import diagram_html
from macros.site.records_data import content_hash, flow_record_data, has_records, records_index

STRUCTURE = """\
id: tree
title: 示例职责
kind: structure
category: members
source: 《示例》结构图
summary: 示例。
basis:
  - title: 《中国共产党支部工作条例（试行）》
root: {id: root, label: 示例}
groups:
  - id: heading
    label: 只有标题
  - id: duties
    label: 主要职责
    items:
      - {id: d1, number: 1, label: 召开支部党员大会, note: 每季度至少一次}
      - id: d2
        label: 主要方式
        items:
          - {id: d2a, label: 谈心谈话}
          - {id: d2b, label: 承诺践诺}
"""


@pytest.fixture(scope="module")
def site():
    site, problems = load_site()
    assert problems == []
    return site


def sample(tmp_path, text=STRUCTURE, name="tree.yml"):
    flow, problems = load_flow(write(tmp_path, text, name))
    assert problems == [], problems
    return flow


def test_every_flowchart_and_every_structure_diagram_with_items_gets_records(site):
    """Fails when a structure diagram that lists duties is left out, or one with nothing to mark is let in."""
    index = json.loads(records_index(site))["flows"]
    structures = [f for f in site.flows if f.kind == "structure"]
    assert {f.id for f in site.flows if f.kind == "flowchart"} <= set(index)
    # member-rights: four headings and no item under them — nothing to mark
    assert "member-rights" not in index and not has_records(site.flow("member-rights"))
    for flow_id in ("branch-setup", "member-education", "secretary-reporting", "dues-collection", "mass-work"):
        assert index[flow_id]["kind"] == "structure"
    assert len([f for f in structures if f.id in index]) == len(structures) - 1


def test_a_flow_or_a_group_can_opt_out_and_a_wrong_flag_is_reported(tmp_path):
    flow = sample(tmp_path)
    assert has_records(flow)
    assert not has_records(sample(tmp_path, STRUCTURE + "self_check: false\n"))
    # a group that says what is not the branch's to carry out (who assesses it, a statement of purpose)
    opted = STRUCTURE.replace("    label: 主要职责\n", "    label: 主要职责\n    self_check: false\n")
    assert opted != STRUCTURE and not has_records(sample(tmp_path, opted))  # its only group with items
    more = opted + "  - id: more\n    label: 其他要求\n    items:\n      - {id: m1, label: 做好记录}\n"
    data = flow_record_data(sample(tmp_path, more))
    assert [g["id"] for g in data["groups"]] == ["more"]
    _, problems = load_flow(
        write(tmp_path, STRUCTURE.replace("label: 谈心谈话}", "label: 谈心谈话, self_check: false}"), "tree.yml")
    )
    assert len(problems) == 1 and "unknown key 'self_check'" in problems[0].message  # groups only, not items
    assert not has_records(
        sample(tmp_path, HEADER + "self_check: false\nsteps:\n  - {id: a, label: 第一步}\n", "sample.yml")
    )
    _, problems = load_flow(write(tmp_path, STRUCTURE + "self_check: 否\n", "tree.yml"))
    assert len(problems) == 1 and "'self_check'" in problems[0].message and "true or false" in problems[0].message


def test_structure_data_lists_the_leaves_of_each_group_with_their_context(tmp_path):
    data = flow_record_data(sample(tmp_path))
    assert data["kind"] == "structure" and "stages" not in data and data["url"] == "flows/tree/"
    assert data["groups"] == [
        {
            "id": "duties",
            "label": "主要职责",
            "items": [
                ["d1", "1. 召开支部党员大会", ""],
                ["d2a", "谈心谈话", "主要方式"],
                ["d2b", "承诺践诺", "主要方式"],
            ],
        }
    ]


def test_structure_hash_follows_what_a_record_marks_and_nothing_else(tmp_path):
    base = content_hash(sample(tmp_path))
    assert re.fullmatch(r"[0-9a-f]{16}", base)
    same = [
        STRUCTURE.replace("每季度至少一次", "每月一次"),  # a note is not marked
        STRUCTURE + "notes: [编者的话]\n",
        STRUCTURE.replace("summary: 示例。", "summary: 另一句。"),
    ]
    changed = [
        STRUCTURE.replace("label: 谈心谈话", "label: 个别谈话"),  # an item's label
        STRUCTURE.replace("label: 主要方式", "label: 工作方式"),  # an item's context
        STRUCTURE.replace("label: 主要职责", "label: 基本职责"),  # a group's label
        STRUCTURE.replace("number: 1, ", ""),
        STRUCTURE + "      - {id: d3, label: 新增职责}\n",
        STRUCTURE.replace("title: 示例职责", "title: 示例"),
    ]
    assert [content_hash(sample(tmp_path, t)) for t in same] == [base] * len(same)
    hashes = [content_hash(sample(tmp_path, t)) for t in changed]
    assert base not in hashes and len(set(hashes)) == len(hashes)


def test_flowchart_hash_is_still_the_one_records_were_first_made_with(site):
    """Records saved before structure records existed must not read as 'the diagram changed'."""
    for flow in (f for f in site.flows if f.kind == "flowchart"):
        shape = {
            "id": flow.id,
            "title": flow.title,
            "stages": [
                [st.id or "", st.label or "", [[s.id, s.number, s.label] for s in st.children]] for st in flow.stages
            ],
        }
        text = json.dumps(shape, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        assert content_hash(flow) == hashlib.sha256(text.encode("utf-8")).hexdigest()[:16], flow.id


def test_index_shape_and_page_attribute_agree(site):
    cites = citations()
    index = json.loads(records_index(site, cites))["flows"]
    for flow_id, data in index.items():
        flow = site.flow(flow_id)
        key = "groups" if flow.kind == "structure" else "stages"
        assert set(data) == {"id", "kind", "title", "url", "hash", "basis", key, "checkers"}, flow_id
        ids = [i[0] for g in data.get("groups", []) for i in g["items"]] or [
            s[0] for st in data["stages"] for s in st["steps"]
        ]
        assert len(ids) == len(set(ids)) and ids, flow_id
        assert all(node in ids for node in data["checkers"]), flow_id  # a checker cites a markable item
        page = diagram_html(flow, '<svg width="100pt"></svg>', "../../", cites)
        attr = re.search(r'data-record="([^"]*)"', page)
        assert attr and json.loads(html.unescape(attr.group(1))) == data, flow_id
    mass = {i[0]: i for g in index["mass-work"]["groups"] for i in g["items"]}
    assert mass["broaden-participation"] == ["broaden-participation", "扩大群众参与", "主要内容"]
    assert "organise-content" not in mass  # an item with sub-items is a heading, not marked
    setup = index["branch-setup"]["checkers"]
    assert setup["regular-branch"][0]["checker"] == "branch"
    # a rule on a group (支部委员会的设立) or a heading item is offered on each item under it
    assert all(
        "设立支部委员会" in [c["title"] for c in setup[i[0]]] for i in index["branch-setup"]["groups"][2]["items"]
    )
    assert "rate-salaried" in index["dues-collection"]["checkers"]
    # groups that say who assesses or what supervision is for are left out by their flow files
    assert "assessor" not in [g["id"] for g in index["branch-assessment"]["groups"]]
    assert "task" not in [g["id"] for g in index["inner-party-supervision"]["groups"]]
    # a diagram without records has neither the data nor the button
    page = diagram_html(site.flow("member-rights"), '<svg width="100pt"></svg>', "../../", cites)
    assert "data-record" not in page and 'data-zb="checklist"' not in page
