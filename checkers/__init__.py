"""Checkers: self-checks that run in the browser (Pyodide) and in CPython, standard library only.

One module per checker (``checkers.<name>``); modules starting with ``_`` are helpers:
``_inputs`` parses form input safely and builds results, ``_rules`` reads the dated rules in
``checkers/rules/<name>.toml``. The contract every checker follows is ``checkers/README.md``.
"""

REGISTRY = ["election", "dues", "development", "reelection", "meeting", "branch"]
