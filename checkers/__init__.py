"""Checkers: self-checks that run in the browser (Pyodide) and in CPython, standard library only.

One module per checker (``checkers.<name>``); modules starting with ``_`` are helpers:
``_inputs`` parses form input safely and builds results, ``_rules`` reads the dated rules in
``checkers/rules/<name>.toml``, ``_types`` holds the contract's shapes. The contract every
checker follows is ``checkers/README.md``.

``REGISTRY`` is the list of checker names, found rather than kept by hand: every
``checkers/<name>.py`` whose name does not start with ``_`` and that defines a callable
``check``, in alphabetical order of the name (the order nothing on the site depends on: pages
embed checkers by name, and the build only asks whether a name is in the list). It is built on
first use, not at import: the browser imports only the checkers its page shows, and listing
would import them all. The folder is read with ``os.listdir`` next to this file, which works
wherever the package is a real folder, including Pyodide's file system after the checkers zip is
unpacked (``tests/test_vectors.py`` compares the list there with CPython's).
"""

import importlib
import os

REGISTRY: list[str]  # built on first access by __getattr__ below

_HERE = os.path.dirname(os.path.abspath(__file__))
_found: list[str] = []


def discover() -> list[str]:
    """The checker names: modules of this folder not starting with ``_`` that define ``check``."""
    names = []
    for entry in sorted(os.listdir(_HERE)):
        stem, ext = os.path.splitext(entry)
        if ext != ".py" or stem.startswith("_") or not stem.isidentifier():
            continue
        module = importlib.import_module(__name__ + "." + stem)
        if callable(getattr(module, "check", None)):
            names.append(stem)
    return names


def __getattr__(name: str) -> list[str]:
    if name == "REGISTRY":
        if not _found:
            _found.extend(discover())
        return list(_found)
    raise AttributeError("module %r has no attribute %r" % (__name__, name))
