"""The shapes of the checker contract as ``TypedDict``s, so that ``mypy --strict`` checks them.

``checkers/README.md`` describes the contract in words; these are the same shapes for the type
checker: a declared input (``InputSpec``), a finding (``Finding``) and its ``rule`` (``RuleRef``),
a field error (``FieldError``), a calendar entry (``CalendarEntry``, the ``_ical.Event`` written
to the .ics file) and the result every ``check()`` returns (``Result``). A checker's own computed
values are a ``total=False`` subclass of ``Result`` in its module (``ReelectionResult`` …), so the
keys it adds are typed too.

Only ``typing`` is used (no ``typing_extensions``): the package runs unchanged in CPython 3.11 and
in Pyodide's Python 3.14. At run time a ``TypedDict`` is a plain ``dict``; the JSON the widget
receives does not change.
"""

import decimal
from typing import Literal, NotRequired, TypedDict

from checkers._ical import Event as CalendarEntry

Verdict = Literal["pass", "fail", "warn", "invalid"]
"""The result's overall answer; ``invalid`` exactly when there are errors."""

Level = str
"""A finding's level: "pass" | "fail" | "warn" | "info". A plain ``str`` rather than a ``Literal``
because the checkers pick a level into a variable before they build the finding (``level, text =
"warn", …``), which mypy would widen to ``str``; ``_inputs.finding`` checks the value at run time."""

InputType = Literal["integer", "money", "date", "choice", "boolean", "text", "rows"]

Bound = int | str | decimal.Decimal
"""A ``min``/``max`` of an ``integer`` or ``money`` input: a number or a decimal string."""


class RuleRef(TypedDict, total=False):
    """A finding's ``rule``: the flow step and/or the regulation and article (at least one pair)."""

    flow: str
    node: str
    regulation: str
    article: str


class Finding(TypedDict):
    """One line of the answer, with the rule it rests on; ``fix`` says what would mend a failure."""

    level: Level
    message: str
    rule: RuleRef
    fix: NotRequired[str]


class FieldError(TypedDict):
    """A message on one input (``field`` is the input's name; "" for the form as a whole)."""

    field: str
    message: str


class Option(TypedDict):
    """One choice of a ``choice`` input: the ASCII value sent and the Chinese label shown."""

    value: str
    label: str


class InputSpec(TypedDict):
    """One declared input of ``INPUTS`` (JSON-compatible: the widget is rendered from it)."""

    name: str
    label: str
    type: InputType
    required: NotRequired[bool]
    min: NotRequired[Bound]
    max: NotRequired[Bound]
    options: NotRequired[list[Option]]
    columns: NotRequired[list["InputSpec"]]
    default: NotRequired[str]
    help: NotRequired[str]
    step: NotRequired[str]  # the node id of the checker's flow whose date this input records


class Result(TypedDict):
    """What every ``check()`` returns; a checker's own values are added by a ``total=False`` subclass."""

    verdict: Verdict
    summary: str
    findings: list[Finding]
    errors: list[FieldError]
    verdict_label: NotRequired[str | None]  # None: the widget uses VERDICT_LABELS or its own words
    calendar: NotRequired[list[CalendarEntry] | None]
    ics: NotRequired[str | None]
    share_text: NotRequired[str | None]


__all__ = [
    "Bound",
    "CalendarEntry",
    "FieldError",
    "Finding",
    "InputSpec",
    "InputType",
    "Level",
    "Option",
    "Result",
    "RuleRef",
    "Verdict",
]
