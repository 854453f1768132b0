"""The flow model: what a validated flow file means, independent of YAML and of any renderer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

KIND_LABELS = {"structure": "结构图", "flowchart": "流程图"}


@dataclass
class Erratum:
    original: str
    reason: str


@dataclass
class Edge:
    source: str
    target: str
    label: str = ""
    back: bool = False  # drawn as a loop back to an earlier step
    editorial: bool = False  # a branch the site added: not in the source, drawn and told as such


@dataclass
class Node:
    id: str
    label: str
    role: str  # root | goal | group | item | stage | step
    line: int = 0
    number: int | None = None
    notes: list[str] = field(default_factory=list)
    editorial_notes: list[str] = field(default_factory=list)  # the site's own notes, not the source's
    errata: list[Erratum] = field(default_factory=list)
    supplement: str | None = None  # citation when the text comes from a regulation, not the source
    shape: str = "step"  # steps: step | decision | start | end
    self_check: bool = True  # groups: False leaves the group's items out of self-check records
    children: list[Node] = field(default_factory=list)
    next: list[Edge] = field(default_factory=list)

    @property
    def display_label(self) -> str:
        return f"{self.number}. {self.label}" if self.number is not None else self.label

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Basis:
    title: str
    year: int | None = None
    articles: str = ""
    note: str = ""


@dataclass
class Flow:
    id: str
    title: str
    kind: str
    category: str
    source: str
    summary: str
    path: str
    layout: str = "TB"
    checker: str | None = None
    series: str | None = None
    series_order: int | None = None
    basis: list[Basis] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    self_check: bool = True  # False: no self-check records for this diagram (see records_data.has_records)
    root: Node | None = None  # structure
    goal: Node | None = None  # structure
    groups: list[Node] = field(default_factory=list)  # structure
    stages: list[Node] = field(default_factory=list)  # flowchart; a stage with id "" is implicit

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    def nodes(self) -> Iterator[Node]:
        """Every node in reading order."""
        if self.kind == "structure":
            if self.root is not None:
                yield self.root
            if self.goal:
                yield self.goal
            for group in self.groups:
                yield from group.walk()
        else:
            for stage in self.stages:
                if stage.id:
                    yield stage
                yield from stage.children

    def edges(self) -> list[Edge]:
        return [edge for step in self.steps() for edge in step.next]

    def steps(self) -> list[Node]:
        return [step for stage in self.stages for step in stage.children]

    def node(self, node_id: str) -> Node | None:
        return next((n for n in self.nodes() if n.id == node_id), None)


@dataclass
class Category:
    id: str
    title: str


@dataclass
class Series:
    id: str
    title: str
    summary: str = ""
    flows: list[Flow] = field(default_factory=list)


@dataclass
class Site:
    flows: list[Flow]
    categories: list[Category]
    series: list[Series]

    def flow(self, flow_id: str) -> Flow | None:
        return next((f for f in self.flows if f.id == flow_id), None)

    def by_category(self) -> Iterator[tuple[Category, list[Flow]]]:
        for cat in self.categories:
            yield cat, [f for f in self.flows if f.category == cat.id]

    def series_neighbours(self, flow: Flow) -> tuple[Flow | None, Flow | None]:
        """(previous, next) flow in the flow's series, or (None, None)."""
        for s in self.series:
            if s.id == flow.series:
                i = s.flows.index(flow)
                prev_flow = s.flows[i - 1] if i > 0 else None
                next_flow = s.flows[i + 1] if i + 1 < len(s.flows) else None
                return prev_flow, next_flow
        return None, None
