"""The command line of the benchmarks that measure a built site: --site DIR, measure, print the report."""

from __future__ import annotations

import argparse
import pathlib
from collections.abc import Callable
from typing import Any


def main(doc: str, measure: Callable[[pathlib.Path], Any], report: Callable[[Any], None], argv=None) -> Any:
    """Parse ``--site``, measure that build, print the report and return the figures (for bench/all.py)."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--site", type=pathlib.Path, required=True, help="a built site (make build writes site/)")
    args = ap.parse_args(argv)
    figures = measure(args.site)
    report(figures)
    return figures
