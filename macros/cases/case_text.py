"""The words of a case that the page, present mode and the PDFs share: its step names, flows, answers."""

from __future__ import annotations

import importlib

from macros.cases.case_loader import Case, Planted
from macros.flows.model import Site

INTRO = "找错练习"
ASK = "请找出其中不合规定的地方，写出正确做法和依据。"
WRITE = "请在下面写出：哪里不合规定，正确做法是什么，依据是哪一条。"  # the handout's lines


def paragraphs(story: str) -> list[str]:
    """The story's paragraphs: a blank line parts them; a line break inside one joins Chinese lines with nothing."""
    out = []
    for block in story.split("\n\n"):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines:
            out.append("".join(lines))
    return out


def flow_title(site: Site, flow_id: str) -> str:
    flow = site.flow(flow_id)
    return flow.title if flow else flow_id


def step_label(site: Site, error: Planted) -> str:
    """The step's words as the diagram shows them (with its number in a numbered flowchart)."""
    flow = site.flow(error.flow)
    node = flow.node(error.node) if flow else None
    return node.display_label if node else error.node


def checker_title(name: str) -> str:
    return str(importlib.import_module(f"checkers.{name}").TITLE)


def seen_text(case: Case, error: Planted) -> str:
    """Whether a checker finds this error, and if not, why."""
    if error.seen_by == "none":
        return f"检查器看不出这一处：{error.why}"
    as_what = "提醒" if error.level == "warn" else "不符合规定的一项"
    return f"检查器能发现：把案例的数据填进“{checker_title(str(case.checker))}”，结论中以{as_what}列出这一处。"


def meta_line(case: Case, site: Site) -> str:
    flows = "、".join(flow_title(site, f) for f in case.flows)
    return f"{INTRO} · 难度：{case.difficulty} · 涉及：{flows}"


def answer_lines(case: Case, site: Site, index: int, error: Planted) -> tuple[str, list[str]]:
    """(the answer's heading, its lines): step, right procedure, article, who can see it."""
    head = f"第 {index} 处：{flow_title(site, error.flow)} · {step_label(site, error)}"
    return head, [f"正确做法：{error.correct}", f"依据：{error.article}", seen_text(case, error)]
