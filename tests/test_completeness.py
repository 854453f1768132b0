"""Every line of the source document is represented in some flow.

The source (`source/seed-zh-Hans.txt`) is the text of 36 diagrams as extracted from the original
images. Each line is a box label, or part of one. This test checks that every line reached a flow:
its text (normalised: NFKC, no whitespace, unified punctuation, no leading item number) must be
contained in the text of a flow drawn from that line's diagram.

Where lines and labels do not map one to one, `source/coverage.yml` records it:

- `joins`: a range of lines that together form one label (a label set vertically or wrapped);
  the joined text is looked up instead of each line.
- `splits`: one line holding several labels; each part is looked up instead of the line.
- `omissions`: lines deliberately not represented (a label drawn twice and kept once), each with
  the exact `text` of the line, a `reason`, and `same_as`: the line whose node represents it.

Self-contained on purpose: it reads the YAML itself (PyYAML) and does not import the project's
`macros` package, so a broken build does not hide a gap in the content.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source" / "seed-zh-Hans.txt"
COVERAGE = ROOT / "source" / "coverage.yml"
FLOWS = ROOT / "flows"

# A title line of a diagram: ends in 结构图 / 流程图, optionally followed by a parenthesised part
# (支部委员会换届选举工作流程图(换届准备阶段)).
TITLE_RE = re.compile(r"(结构图|流程图)(\(.*\)|（.*）)?$")

# Punctuation that the source and the flows write in different ways.
_UNIFY = {}
for chars, to in (
    ("，,、;；:：", ","),
    ("（(", "("),
    ("）)", ")"),
    ("“”„‟\"'‘’「」『』", '"'),
    ("—–－‐‑‒―─-", "-"),
    ("。．.", "."),
    ("！!", "!"),
    ("？?", "?"),
):
    for ch in chars:
        _UNIFY[ord(ch)] = to
# Leading item numbers: 1.  1、  (1)  一、  （一）
_ITEM_NUMBER = re.compile(r"^(?:\(?[0-9一二三四五六七八九十]+[).,]|\([0-9一二三四五六七八九十]+\))")
_TRAILING = re.compile(r"[.,;!?]+$")

# Keys of a flow whose string values are text taken from the source.
TEXT_KEYS = ("title", "source", "summary", "label", "note", "notes", "original")
# Keys whose content is not source text (regulations, ids, edges' targets, …).
SKIP_KEYS = (
    "basis",
    "id",
    "to",
    "shape",
    "kind",
    "category",
    "layout",
    "checker",
    "series",
    "supplement",
    "reason",
    "number",
)


def normalise(text: str) -> str:
    """NFKC, no whitespace, one form of each punctuation mark."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", "", text)
    return text.translate(_UNIFY)


def _letters(text: str) -> str:
    return re.sub(r"[^\w]", "", normalise(text))


def needle(text: str) -> str:
    """The normalised form of a source line as looked up: no item number, no final mark."""
    text = normalise(text)
    text = _ITEM_NUMBER.sub("", text)
    return _TRAILING.sub("", text)


# --------------------------------------------------------------------------------------------
# Reading the inputs


def read_source(path: Path = SOURCE) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def parse_range(value) -> list[int]:
    """`66-67` → [66, 67]; a list `[451, 474]` (lines that are not adjacent) as given."""
    if isinstance(value, int):
        return [value]
    if isinstance(value, list):
        return [int(v) for v in value]
    first, _, last = str(value).partition("-")
    return list(range(int(first), int(last or first) + 1))


def read_coverage(path: Path = COVERAGE) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {
        "joins": data.get("joins") or [],
        "splits": data.get("splits") or [],
        "omissions": data.get("omissions") or [],
    }


def _collect(node, out: list[str]) -> None:
    if isinstance(node, dict):
        is_supplement = "supplement" in node  # a node added from a regulation: not source text
        if "goal" in node:
            out.append("目标要求")  # the heading every goal box is drawn under
        for key, value in node.items():
            if key in SKIP_KEYS:
                continue
            if key in TEXT_KEYS and not (is_supplement and key == "label"):
                if isinstance(value, str):
                    out.append(value)
                elif isinstance(value, list):
                    out.extend(v for v in value if isinstance(v, str))
            _collect(value, out)
    elif isinstance(node, list):
        for item in node:
            _collect(item, out)


def flow_texts(flow: dict) -> list[str]:
    """Every source-derived text of a flow, recursively, normalised."""
    out: list[str] = []
    _collect(flow, out)
    return [normalise(t) for t in out]


def read_flows(flows_dir: Path = FLOWS) -> dict[str, dict]:
    flows = {}
    for path in sorted(flows_dir.glob("*.yml")):
        if path.name.startswith("_"):
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            flows[path.stem] = data
    return flows


# --------------------------------------------------------------------------------------------
# Sections: which flows may represent a line


def title_lines(lines: list[str]) -> list[int]:
    return [n for n, text in enumerate(lines, 1) if TITLE_RE.search(text)]


def sections(lines: list[str], flows: dict[str, dict]) -> dict[int, list[str]]:
    """Title line number → ids of the flows drawn from that diagram (matched on `source`).

    Two diagrams with the same title (the two 《党费收缴使用管理规范》结构图) are matched to
    their flows in the order of the flows' `series.order`.
    """
    titles = title_lines(lines)
    by_source: dict[str, list[str]] = {}
    for flow_id, flow in flows.items():
        by_source.setdefault(normalise(str(flow.get("source", ""))), []).append(flow_id)
    result: dict[int, list[str]] = {}
    seen: dict[str, int] = {}
    for n in titles:
        key = normalise(lines[n - 1])
        candidates = sorted(
            by_source.get(key, []),
            key=lambda fid: ((flows[fid].get("series") or {}).get("order", 0), fid),
        )
        same_title = [t for t in titles if normalise(lines[t - 1]) == key]
        if len(same_title) > 1 and len(candidates) == len(same_title):
            candidates = [candidates[seen.get(key, 0)]]
        seen[key] = seen.get(key, 0) + 1
        result[n] = candidates
    return result


def section_of(n: int, titles: list[int]) -> int:
    current = titles[0]
    for t in titles:
        if t <= n:
            current = t
    return current


# --------------------------------------------------------------------------------------------
# The check


def units(lines: list[str], coverage: dict) -> list[tuple[list[int], str]]:
    """What must be found: (line numbers, text) for each line, join group or split part."""
    joined = {}
    for join in coverage["joins"]:
        numbers = parse_range(join["lines"])
        text = join.get("text") or "".join(lines[m - 1] for m in numbers)
        for n in numbers:
            joined[n] = (numbers, text)
    split = {int(s["line"]): s["parts"] for s in coverage["splits"]}
    omitted = {int(o["line"]) for o in coverage["omissions"]}
    out: list[tuple[list[int], str]] = []
    done: set[int] = set()
    for n, text in enumerate(lines, 1):
        if n in done or n in omitted or not text.strip():
            continue
        if n in joined:
            numbers, joined_text = joined[n]
            out.append((numbers, joined_text))
            done.update(numbers)
        elif n in split:
            out.extend(([n], part) for part in split[n])
        else:
            out.append(([n], text))
    return out


def find_missing(flows_dir: Path = FLOWS, source: Path = SOURCE, coverage: Path = COVERAGE) -> list[dict]:
    """Every line (join group, split part) not found in a flow of its diagram."""
    lines = read_source(source)
    cov = read_coverage(coverage)
    flows = read_flows(flows_dir)
    texts = {fid: flow_texts(flow) for fid, flow in flows.items()}
    titles = title_lines(lines)
    section_flows = sections(lines, flows)
    missing = []
    for numbers, text in units(lines, cov):
        title = section_of(numbers[0], titles)
        candidates = section_flows.get(title, [])
        wanted = needle(text)
        if not any(wanted in t for fid in candidates for t in texts[fid]):
            missing.append(
                {
                    "lines": numbers,
                    "text": text,
                    "section": title,
                    "section_title": lines[title - 1],
                    "flows": candidates,
                }
            )
    return missing


def format_missing(missing: list[dict]) -> str:
    out = [f"{len(missing)} source line(s) not represented in any flow:"]
    for m in missing:
        numbers = m["lines"]
        where = f"{numbers[0]}-{numbers[-1]}" if len(numbers) > 1 else str(numbers[0])
        flows = ", ".join(m["flows"]) or "no flow yet"
        out.append(f"  line {where}: {m['text']}    [{m['section_title']} (line {m['section']}); {flows}]")
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# Tests


def test_every_source_line_is_represented():
    missing = find_missing()
    assert not missing, format_missing(missing)


def test_the_check_reports_a_deleted_label(tmp_path):
    """The check can fail: delete one label from one flow and the line is reported."""
    target_flow, target_line = "membership-transfer", 483
    lines = read_source()
    wanted = needle(lines[target_line - 1])
    copy = tmp_path / "flows"
    shutil.copytree(FLOWS, copy)
    path = copy / f"{target_flow}.yml"
    kept, removed = [], []
    for row in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if row.strip().startswith("label:") and wanted in normalise(row):
            removed.append(row)
        else:
            kept.append(row)
    assert len(removed) == 1, "the test's target label should occur exactly once"
    path.write_text("".join(kept), encoding="utf-8")

    before = {tuple(m["lines"]) for m in find_missing(FLOWS)}
    after = {tuple(m["lines"]) for m in find_missing(copy)}
    assert (target_line,) not in before
    assert after - before == {(target_line,)}


def test_normalise_unifies_punctuation_and_numbers():
    assert needle("1.党章和党内法规") == needle("党章和党内法规")
    assert needle("（一）坚持围绕中心，服务大局。") == needle("坚持围绕中心、服务大局")
    assert normalise("“三个代表”") == normalise('"三个代表"')
    assert normalise("党纪处分的决定(草稿)") == normalise("党纪处分的决定（草稿）")
    assert normalise("一 般") == normalise("一般")


def test_there_are_36_diagrams():
    assert len(title_lines(read_source())) == 36


def test_omissions_quote_the_source_exactly():
    lines = read_source()
    for o in read_coverage()["omissions"]:
        n = int(o["line"])
        assert 1 <= n <= len(lines), f"omission line {n} is outside the source"
        assert o["text"] == lines[n - 1], f"omission {n}: text {o['text']!r} is not the source line {lines[n - 1]!r}"
        assert str(o.get("reason", "")).strip(), f"omission {n} gives no reason"


def test_no_omission_is_also_represented():
    """An omitted line is not also claimed by a join or a split, and a line dropped as a
    duplicate points (`same_as`) at a line with the same text that is represented."""
    lines = read_source()
    cov = read_coverage()
    omitted = {int(o["line"]) for o in cov["omissions"]}
    joined = {n for j in cov["joins"] for n in parse_range(j["lines"])}
    split = {int(s["line"]) for s in cov["splits"]}
    missing = {n for m in find_missing() for n in m["lines"]}
    flows = read_flows()
    texts = {fid: flow_texts(flow) for fid, flow in flows.items()}
    titles = title_lines(lines)
    section_flows = sections(lines, flows)
    for o in cov["omissions"]:
        n = int(o["line"])
        assert n not in joined, f"line {n} is both omitted and part of a join"
        assert n not in split, f"line {n} is both omitted and split"
        same = o.get("same_as")
        if same is None:
            # Dropped outright: its text must not turn up in its diagram's flows.
            candidates = section_flows.get(section_of(n, titles), [])
            assert not any(needle(o["text"]) in t for fid in candidates for t in texts[fid]), (
                f"line {n} is listed as omitted but its text is in a flow"
            )
            continue
        same = int(same)
        assert same not in omitted, f"omission {n}: same_as {same} is itself omitted"
        assert same not in missing, f"omission {n}: same_as {same} is not represented"
        assert section_of(same, titles) == section_of(n, titles), f"omission {n}: same_as {same} is in another diagram"
        assert needle(lines[same - 1]) == needle(lines[n - 1]), f"omission {n}: same_as {same} has different text"


def test_coverage_records_are_consistent():
    lines = read_source()
    cov = read_coverage()
    seen: dict[int, str] = {}
    for join in cov["joins"]:
        numbers = parse_range(join["lines"])
        assert len(numbers) >= 2, f"join {join['lines']} has fewer than two lines"
        for n in numbers:
            assert 1 <= n <= len(lines), f"join line {n} is outside the source"
            assert n not in seen, f"line {n} is in two coverage records"
            seen[n] = "join"
        # Compared without punctuation: a joined label may add a mark between its parts
        # (第一阶段 + 申请入党阶段 = 第一阶段：申请入党阶段).
        joined = _letters("".join(lines[n - 1] for n in numbers))
        assert _letters(str(join.get("text", ""))) == joined, (
            f"join {join['lines']}: text {join.get('text')!r} is not the joined lines"
        )
    for s in cov["splits"]:
        n = int(s["line"])
        assert n not in seen, f"line {n} is in two coverage records"
        seen[n] = "split"
        rest = normalise(lines[n - 1])
        assert len(s["parts"]) >= 2, f"split {n} has fewer than two parts"
        for part in s["parts"]:
            p = needle(part)
            assert p and p in rest, f"split {n}: part {part!r} is not in the line"
            rest = rest.replace(p, "", 1)
        leftover = re.sub(r"[0-9一二三四五六七八九十().,;\"-]", "", rest)
        assert not leftover, f"split {n}: the parts leave {leftover!r} of the line uncovered"
    for o in cov["omissions"]:
        n = int(o["line"])
        assert n not in seen, f"line {n} is in two coverage records"
        seen[n] = "omission"
    # A record's `flow`, when given, is a flow of the diagram the line belongs to.
    flows = read_flows()
    titles = title_lines(lines)
    section_flows = sections(lines, flows)
    for record in cov["joins"] + cov["splits"] + cov["omissions"]:
        if "flow" not in record:
            continue
        first = parse_range(record["lines"])[0] if "lines" in record else int(record["line"])
        assert record["flow"] in section_flows.get(section_of(first, titles), []), (
            f"line {first}: flow {record['flow']!r} is not a flow of that diagram"
        )


if __name__ == "__main__":  # a quick report: python tests/test_completeness.py
    result = find_missing()
    print(format_missing(result) if result else "every source line is represented")
