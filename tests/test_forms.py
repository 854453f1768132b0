"""Blank record forms: every meeting kind has one with its own fields from its flow; the .docx says what the
PDF says; both are A4, reproducible and Chinese-fonted; bad form data is refused with file, line and fix."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import REPO
from docx import Document
from pypdf import PdfReader

from macros.editions.script_variant import HANT
from macros.exports.exports import content_date
from macros.flows.flow_loader import FlowError
from macros.forms import form_layout as lay
from macros.forms.form_data import FORMS_FILE, load_forms
from macros.forms.form_files import form_files
from macros.site.build import load_valid_site

SITE = load_valid_site(REPO / "flows")
FORMS = load_forms(REPO / "flows", SITE)
BY_ID = {f.id: f for f in FORMS}
EPOCH = "1767225600"  # 2026-01-01: a fixed date for files made outside a commit's history

# The meeting kinds the rules ask a branch to record, each with the flow that describes it and the fields
# that set its record apart from a plain meeting's (taken from that flow's steps).
KINDS = {
    "general-meeting": ("sanhui-general-meeting", {"请假党员意见", "决议草案", "落实措施"}),
    "committee-meeting": ("sanhui-committee-meeting", {"委员到会", "分工", "落实情况"}),
    "group-meeting": ("sanhui-group-meeting", {"党小组", "会前沟通", "小结和统一意见"}),
    "party-lecture": ("sanhui-party-lecture", {"党课题目", "讲课人", "补课安排"}),
    "theme-party-day": ("theme-party-day", {"活动主题", "活动形式", "离开常驻地报备"}),
    "organisational-life-meeting": ("organisational-life-meeting", {"批评与自我批评", "整改措施"}),
    "democratic-appraisal": ("democratic-appraisal", {"参评人数", "评议结果", "结果公示"}),
    "heart-to-heart-talk": ("heart-to-heart-talks", {"谈话人", "谈话对象", "指出的不足和建议"}),
    "admission-meeting": ("member-recruitment", {"发展对象", "入党介绍人", "支部大会决议"}),
    "full-membership-meeting": ("member-recruitment", {"预备党员", "预备期", "支部大会决议"}),
    "election-meeting": ("election-meeting", {"监票人", "计票人", "选票", "得票情况", "选举结果"}),
}
EVERY_FORM = {"时间", "地点", "签名"}
DECIDING = {"会议名称", "出席情况", "列席人员", "议题", "讨论情况", "表决结果", "决议"}


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, list]:
    """Every form's files in both scripts, the Simplified ones made twice in two empty caches (to compare bytes)."""
    out = {}
    for script in (None, HANT):
        runs = []
        for n in range(1 if script else 2):
            cache = tmp_path_factory.mktemp(f"forms-{script or 'hans'}-{n}")
            runs.append(form_files(FORMS, SITE, REPO / "flows", cache, script, EPOCH))
        out[script or "hans"] = runs
    return out


def test_every_meeting_kind_has_a_form_from_its_flow_with_its_own_fields():
    assert set(BY_ID) == set(KINDS)
    for form_id, (flow_id, own) in KINDS.items():
        form = BY_ID[form_id]
        assert form.flow_id == flow_id
        labels = {f.label for f in form.fields}
        assert own <= labels, (form_id, own - labels)
        assert EVERY_FORM <= labels, form_id
        if form_id != "heart-to-heart-talk":  # a talk has two people, no attendance and no minute-taker
            assert "记录人" in labels and any(f.kind == "tally" for f in form.fields), form_id
        flow = SITE.flow(flow_id)
        for field in form.fields:
            assert all(flow.node(s) is not None for s in field.sources), (form_id, field.label)
        assert flow.node(form.step) is not None
    # The decision-making meetings carry the whole minute: attendance, agenda, discussion, vote, resolution.
    for form_id in ("general-meeting", "committee-meeting"):
        labels = {f.label for f in BY_ID[form_id].fields}
        missing = [d for d in DECIDING - {"出席情况"} if not any(label.startswith(d) for label in labels)]
        assert not missing, (form_id, missing)
    vote = next(f for f in BY_ID["general-meeting"].fields if f.label == "表决结果")
    assert vote.parts == ("赞成", "反对", "弃权")


def _docx_text(data: bytes) -> str:
    """Paragraphs and table cells in reading order (a merged cell once)."""
    doc = Document(io.BytesIO(data))
    parts = []
    body = doc.element.body
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            parts.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif child.tag.endswith("}tbl"):
            for tc in child.iter():
                if tc.tag.endswith("}tc"):
                    parts.append("".join(t.text or "" for t in tc.iter() if t.tag.endswith("}t")))
    return "".join(parts)


def _plain(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("script", ["hans", HANT])
def test_the_docx_says_what_the_pdf_says_on_one_a4_page(made, script):
    assets, listed = made[script][0]
    assert [e.form.id for e in listed] == [f.id for f in FORMS]
    for entry in listed:
        pdf = PdfReader(assets[entry.files["pdf"]])
        assert len(pdf.pages) == 1, entry.form.id
        box = pdf.pages[0].mediabox
        assert abs(float(box.width) - lay.PAGE[0]) < 1 and abs(float(box.height) - lay.PAGE[1]) < 1
        pdf_text = _plain(pdf.pages[0].extract_text())
        docx_bytes = assets[entry.files["docx"]].read_bytes()
        assert _plain(_docx_text(docx_bytes)) == pdf_text, entry.form.id
        for field in entry.form.fields:  # every field printed, in the edition's script
            label = field.label if script == "hans" else _hant(field.label)
            assert _plain(label) in pdf_text, (entry.form.id, label)
        assert ("空白表格" if script == "hans" else "空白表格") in pdf_text
        # the date of the form data's last commit, not the build's
        assert pdf.metadata.creation_date.date().isoformat() == content_date(REPO / "flows" / FORMS_FILE, EPOCH)


def _hant(text: str) -> str:
    from macros.editions.script_variant import to_hant

    return to_hant(text)


def test_files_are_the_same_bytes_from_two_cold_caches(made):
    (first, _), (second, _) = made["hans"]
    assert sorted(first) == sorted(second)
    differ = [site for site in first if first[site].read_bytes() != second[site].read_bytes()]
    assert not differ, differ


def test_the_docx_is_a4_plain_tables_with_east_asian_fonts(made):
    assets, listed = made["hans"][0]
    data = assets[listed[0].files["docx"]].read_bytes()
    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    assert abs(section.page_width.pt - lay.PAGE[0]) < 1 and abs(section.page_height.pt - lay.PAGE[1]) < 1
    assert len(doc.tables) == 1 and not doc.tables[0]._tbl.xpath(".//w:tbl")  # one table, none nested
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        document = package.read("word/document.xml").decode("utf-8")
        styles = package.read("word/styles.xml").decode("utf-8")
        day = dt.date.fromisoformat(content_date(REPO / "flows" / FORMS_FILE, EPOCH))
        assert {info.date_time for info in package.infolist()} == {(day.year, day.month, day.day, 0, 0, 0)}
    runs = document.count("<w:r>")
    assert runs and document.count('w:eastAsia="宋体"') + document.count('w:eastAsia="仿宋"') == runs
    assert "eastAsiaTheme" not in styles and 'w:eastAsia="宋体"' in styles and 'w:eastAsia="zh-CN"' in styles
    hant_assets, hant_listed = made[HANT][0]
    with zipfile.ZipFile(hant_assets[hant_listed[0].files["docx"]]) as package:
        assert 'w:eastAsia="zh-TW"' in package.read("word/styles.xml").decode("utf-8")
    for entry in hant_listed:  # every word converted (the font names stay: 宋体 is the font's own name)
        text = _docx_text(hant_assets[entry.files["docx"]].read_bytes())
        left = {run for run in re.findall(r"[\u4e00-\u9fff]+", text) if _hant(run) != run}
        assert not left, (entry.form.id, sorted(left)[:5])


# Bad form data: (what to change in the real file, the words the message must have).
BAD = {
    "unknown flow": ("flow: election-meeting", "flow: election-meetings", ["'flow'", "not a flow", "one of:"]),
    "missing step": ("from: [announce]", "from: [announced]", ["announced", "not a step", "node ids:"]),
    "long label": ("label: 计票人", "label: 计票人计票人计票人计票人", ["has 12 characters", "'hint'"]),
    "too many lines": (
        "讨论情况, kind: box, lines: 6",
        "讨论情况, kind: box, lines: 12",
        ["general-meeting", "A4", "take 4"],
    ),
    "unknown key": ("kind: tally\n        parts: [优秀", "kinds: tally\n        parts: [优秀", ["unknown key 'kinds'"]),
    "no sign": (
        "      - label: 签名\n        kind: sign\n        parts: [谈话人",
        "      - label: 签名\n        kind: box\n        lines: 2\n        parts: [谈话人",
        ["'parts' is for"],
    ),
    "common typo": ("      - discussion\n", "      - discusion\n", ["no common field 'discusion'", "common ids:"]),
    "yaml": ("forms:\n", "forms:\n  - [\n", ["YAML syntax error"]),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_form_data_is_refused_with_file_line_what_and_fix(tmp_path, case):
    old, new, words = BAD[case]
    text = (REPO / "flows" / FORMS_FILE).read_text(encoding="utf-8")
    assert old in text, case  # the planted change still applies to the real file
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / FORMS_FILE).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(FlowError) as caught:
        load_forms(tmp_path / "flows", SITE)
    message = str(caught.value)
    assert message.startswith(f"flows/{FORMS_FILE}:") and ": " in message, message
    line = int(message.split(":")[1])
    assert line >= 1
    for word in words:
        assert word in message, (case, message)
    assert "Traceback" not in message


def test_a_bad_forms_file_stops_the_build_with_its_message(tmp_path):
    """build_outputs checks the forms even when downloads are off (the MkDocs hook reports a FlowError)."""
    import dataclasses

    from macros.settings import DEFAULTS
    from macros.site.build import build_outputs

    flows = tmp_path / "flows"
    shutil.copytree(REPO / "flows", flows)
    text = (flows / FORMS_FILE).read_text(encoding="utf-8")
    (flows / FORMS_FILE).write_text(text.replace("step: vote", "step: voting", 1), encoding="utf-8")
    settings = dataclasses.replace(DEFAULTS, flows_dir=flows, exports=False)
    with pytest.raises(FlowError, match="'step' 'voting' is not a node of flow 'election-meeting'"):
        build_outputs(settings, with_runtime=False)
    assert not list(Path(tmp_path).glob("**/assets/forms"))
