"""What a blank record form is: its fields, in print order, and the flow steps each comes from."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("line", "box", "tally", "sign")


@dataclass(frozen=True)
class FormField:
    label: str
    kind: str  # one of KINDS
    lines: int = 1  # a box's writing lines
    half: bool = False  # a line field printed beside the next half field
    parts: tuple[str, ...] = ()  # a tally's counts, a sign row's signers
    unit: str = ""  # a tally's unit (人, 张, 名)
    hint: str = ""  # small text in the blank: what to write there
    sources: tuple[str, ...] = ()  # node ids of the form's flow this field comes from ("from:" in the data)


@dataclass(frozen=True)
class Form:
    id: str
    title: str
    flow_id: str
    step: str  # the flow's node that is this meeting
    fields: tuple[FormField, ...]
