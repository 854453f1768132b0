"""Every checker in ``checkers.REGISTRY`` is in every place the "Add a checker" list of
``checkers/README.md`` names, so a checker half added fails here with the step it misses.

The registry itself is found from the modules (``checkers/__init__.py``); these are the places
that cannot be: the checker's rules file, its vectors, its page, the two lists of checkers and the
flow pages that embed it.
"""

import importlib
import sys
import types
import typing
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import checkers  # noqa: E402
from checkers import _types  # noqa: E402

STEP = "checkers/README.md, 'Add a checker', step %d: "


def test_registry_is_found_from_the_modules():
    names = sorted(path.stem for path in (ROOT / "checkers").glob("*.py") if not path.stem.startswith("_"))
    assert checkers.REGISTRY == names  # every public module is a checker; none kept by hand
    assert "reelection" in checkers.REGISTRY and "_rules" not in checkers.REGISTRY
    with pytest.raises(AttributeError):
        checkers.NOT_THERE  # noqa: B018  (the lazy attribute hook answers REGISTRY only)


@pytest.mark.parametrize("name", checkers.REGISTRY)
def test_checker_is_in_every_place_of_the_checklist(name):
    module = importlib.import_module("checkers." + name)
    for attr in ("TITLE", "FLOW", "INPUTS", "OUTPUTS", "check"):
        assert hasattr(module, attr), STEP % 1 + "checkers/%s.py defines no %s" % (name, attr)
    shape = typing.get_type_hints(module.check)["return"]
    assert typing.is_typeddict(shape), STEP % 1 + "check() returns a TypedDict, not %r" % shape
    keys = set(typing.get_type_hints(shape))
    assert set(typing.get_type_hints(_types.Result)) <= keys, STEP % 1 + "the shape is a subclass of _types.Result"
    assert set(module.OUTPUTS) <= keys, STEP % 1 + "every OUTPUTS key is in the shape"
    rules = getattr(module, "RULES", None)
    if rules:
        assert (ROOT / "checkers" / "rules" / (rules + ".toml")).is_file(), STEP % 2 + "no rules file"
    assert (ROOT / "flows" / (module.FLOW + ".yml")).is_file(), STEP % 1 + "FLOW %r is not a flow" % module.FLOW
    assert (ROOT / "tests" / "vectors" / (name + ".yml")).is_file(), STEP % 4 + "no tests/vectors/%s.yml" % name
    page = ROOT / "docs" / "checkers" / (name + ".md")
    assert page.is_file(), STEP % 5 + "no docs/checkers/%s.md" % name
    assert 'checker("%s")' % name in page.read_text("utf-8"), STEP % 5 + "the page does not embed the checker"
    index = (ROOT / "docs" / "checkers" / "index.md").read_text("utf-8")
    assert "](%s.md)" % name in index, STEP % 6 + "docs/checkers/index.md does not list it"
    home = (ROOT / "docs" / "index.md").read_text("utf-8")
    assert "](checkers/%s.md)" % name in home, STEP % 6 + "docs/index.md does not list it"
    embedded = [
        path.stem for path in (ROOT / "flows").glob("*.yml") if "\nchecker: %s\n" % name in path.read_text("utf-8")
    ]
    assert embedded, STEP % 7 + "no flows/<flow>.yml says `checker: %s`" % name


def _fits(value, hint) -> bool:
    """``value`` (from JSON-compatible output) is of the type ``hint`` names, at the top level."""
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        return value in typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_fits(value, arg) for arg in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if typing.is_typeddict(hint):
        return isinstance(value, dict)
    base = origin or hint
    if base is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, base)


@pytest.mark.parametrize("name", checkers.REGISTRY)
def test_every_vector_result_fits_the_declared_shape(name):
    """The older checkers build their results as plain dicts, which mypy cannot follow; here the
    shape each declares (``<Name>Result``) is checked against every vector's actual result."""
    module = importlib.import_module("checkers." + name)
    hints = typing.get_type_hints(typing.get_type_hints(module.check)["return"])
    cases = yaml.safe_load((ROOT / "tests" / "vectors" / (name + ".yml")).read_text("utf-8"))
    for case in cases:
        result = module.check(case["input"])
        for key, value in result.items():
            assert key in hints, "%s: %r is not in the shape" % (case["name"], key)
            assert _fits(value, hints[key]), "%s: %s = %r is not %s" % (case["name"], key, value, hints[key])
