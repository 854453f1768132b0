"""Safe YAML reading that keeps line/column positions and refuses aliases, duplicates and huge files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent

from macros import config


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class Mapping(dict):
    """A dict that remembers where it and each of its keys and values stand in the file."""

    pos: tuple[int, int] = (1, 1)
    key_pos: dict
    value_pos: dict


class Sequence(list):
    """A list that remembers where it and each of its items stand in the file."""

    pos: tuple[int, int] = (1, 1)
    item_pos: list


class YamlError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


# What PyYAML's reader refuses (its Reader.NON_PRINTABLE): C0 controls except tab and line
# breaks, DEL and C1 controls except NEL, surrogates, U+FFFE and U+FFFF.
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")  # line breaks as PyYAML counts them
_CONTROL_NAMES = {
    0x00: "NUL",
    0x08: "backspace",
    0x0B: "vertical tab",
    0x0C: "form feed",
    0x1B: "escape",
    0x7F: "delete",
}
MAX_REPORTED = 20  # control characters reported per file; the rest are counted


def _control_characters(text: str, shown: str) -> list[Problem]:
    """Every character YAML cannot hold, at its line and column, with how to fix it."""
    found = list(_NOT_PRINTABLE.finditer(text))
    problems = []
    for match in found[:MAX_REPORTED]:
        start = match.start()
        line_starts = [m.end() for m in _BREAKS.finditer(text, 0, start)]
        line = len(line_starts) + 1
        column = start - (line_starts[-1] if line_starts else 0) + 1
        code = ord(match.group())
        name = _CONTROL_NAMES.get(code, "control character")
        problems.append(
            Problem(
                shown,
                line,
                column,
                f"invisible character U+{code:04X} ({name}) is not allowed; it usually comes with text pasted from "
                "a word processor or a terminal: delete it (retype a line break or a space if one was meant)",
            )
        )
    if len(found) > MAX_REPORTED:
        last = problems[-1]
        problems[-1] = Problem(
            last.path, last.line, last.column, f"{last.message} ({len(found) - MAX_REPORTED} more after this one)"
        )
    return problems


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that stops at the first anchor or alias (the 'billion laughs' guard)."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent) or (
            isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.anchor is not None
        ):
            raise _AliasRefused(event.start_mark)
        return super().compose_node(parent, index)


class _AliasRefused(Exception):
    def __init__(self, mark):
        self.mark = mark


def load(path: Path, display: str | None = None, problems: list | None = None):
    """Read one YAML file into Mapping/Sequence/scalars, or raise YamlError with a position.

    Recoverable problems (duplicate keys) are appended to `problems` and reading goes on.
    """
    problems = [] if problems is None else problems
    shown = display or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise YamlError(Problem(shown, 1, 1, f"cannot read file: {exc.strerror}")) from None
    if size > config.MAX_FILE_BYTES:
        raise YamlError(
            Problem(
                shown,
                1,
                1,
                f"file is {size} bytes, over the {config.MAX_FILE_BYTES}-byte limit "
                "for a flow; split the diagram or remove pasted content",
            )
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(Problem(shown, 1, 1, f"not UTF-8 text (byte {exc.start}); save the file as UTF-8")) from None
    controls = _control_characters(text, shown)
    if controls:
        problems.extend(controls[:-1])
        raise YamlError(controls[-1])
    loader = None
    try:
        loader = _NoAliasLoader(text)
        node = loader.get_single_node()
        if node is None:
            raise YamlError(Problem(shown, 1, 1, "file is empty; a flow needs at least id, title and kind"))
        return _convert(node, loader, shown, 0, problems)
    except _AliasRefused as exc:
        line, col = _pos(exc.mark)
        raise YamlError(
            Problem(
                shown,
                line,
                col,
                "YAML anchors and aliases (& and *) are not allowed in flows; write the text out in full",
            )
        ) from None
    except yaml.MarkedYAMLError as exc:
        line, col = _pos(exc.problem_mark or exc.context_mark)
        what = (exc.problem or exc.context or "invalid YAML").strip()
        raise YamlError(Problem(shown, line, col, f"YAML syntax error: {what}")) from None
    except yaml.YAMLError as exc:
        raise YamlError(Problem(shown, 1, 1, f"YAML error: {exc}")) from None
    except RecursionError:
        raise YamlError(Problem(shown, 1, 1, "nesting is too deep")) from None
    finally:
        if loader is not None:
            loader.dispose()


def _convert(node, loader, shown: str, depth: int, problems: list):
    if depth > config.MAX_DEPTH:
        line, col = _pos(node.start_mark)
        raise YamlError(Problem(shown, line, col, f"nesting deeper than {config.MAX_DEPTH} levels"))
    if isinstance(node, yaml.MappingNode):
        result = Mapping()
        result.pos = _pos(node.start_mark)
        result.key_pos, result.value_pos = {}, {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = _pos(key_node.start_mark)
                raise YamlError(Problem(shown, line, col, "a key must be plain text"))
            key = loader.construct_object(key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                line, col = _pos(key_node.start_mark)
                first = result.key_pos[key][0]
                problems.append(
                    Problem(shown, line, col, f"duplicate key '{key}' (first on line {first}); remove one of them")
                )
                continue
            result[key] = _convert(value_node, loader, shown, depth + 1, problems)
            result.key_pos[key] = _pos(key_node.start_mark)
            result.value_pos[key] = _pos(value_node.start_mark)
        return result
    if isinstance(node, yaml.SequenceNode):
        result = Sequence()
        result.pos = _pos(node.start_mark)
        result.item_pos = []
        for item in node.value:
            result.append(_convert(item, loader, shown, depth + 1, problems))
            result.item_pos.append(_pos(item.start_mark))
        return result
    return loader.construct_object(node)
