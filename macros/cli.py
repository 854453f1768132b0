"""The zhibu command line: validate flows, render diagrams, write generated pages for any generator.

The command-line edge of the build: its settings come from the arguments and the ``ZHIBU_*`` variables
(``settings()``), read here and nowhere below."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from macros import config
from macros.cases.case_loader import CaseError
from macros.checker_page.runtime_assets import RuntimeMissing
from macros.flows.flow_loader import FlowError, load_flow, load_index
from macros.flows.site_loader import cross_check, flow_files
from macros.render.svg_render import RenderError
from macros.settings import Settings, SettingsError


def settings(flows: str | None = None) -> Settings:
    """Settings from the environment, as ``mkdocs.yml``'s ``extra: zhibu:`` reads it, and the arguments."""
    values = {"cache_dir": os.environ.get("ZHIBU_CACHE_DIR"), "exports": os.environ.get("ZHIBU_EXPORTS")}
    values["flows_dir"] = flows or os.environ.get("ZHIBU_FLOWS_DIR")
    return Settings.from_values(
        {k: v for k, v in values.items() if v}, base=Path.cwd(), source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH")
    )


def cmd_validate(args) -> int:
    paths = [Path(p) for p in (args.paths or [str(settings().flows_dir)])]
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        print(f"{p}:1:1: no such file or directory", file=sys.stderr)
    files = flow_files([p for p in paths if p.exists()])
    problems, flows = [], []
    for path in files:
        flow, found = load_flow(path)
        problems.extend(found)
        if flow:
            flows.append(flow)
    index = next((p / config.INDEX_FILE for p in paths if p.is_dir() and (p / config.INDEX_FILE).exists()), None) or (
        files[0].parent / config.INDEX_FILE if files else None
    )
    if index is not None and index.exists():
        cats, series, found = load_index(index)
        problems.extend(found)
        problems.extend(cross_check(flows, cats, series))
    for p in problems:
        print(p)
    if problems or missing:
        print(f"{len(problems) + len(missing)} problem(s) in {len(files)} flow file(s)", file=sys.stderr)
        return 1
    print(f"ok: {len(files)} flow file(s) valid", file=sys.stderr)
    return 0


def cmd_render(args) -> int:
    from macros.render.svg_render import render_all, standalone
    from macros.site.build import load_valid_site

    chosen = settings(args.flows)
    site = load_valid_site(chosen.flows_dir)
    start = time.perf_counter()
    svgs = render_all(site.flows, chosen)
    elapsed = time.perf_counter() - start
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for flow_id, svg in svgs.items():
        (out / f"{flow_id}.svg").write_text(standalone(svg), encoding="utf-8")
    print(f"rendered {len(svgs)} diagram(s) into {out} in {elapsed * 1000:.0f} ms", file=sys.stderr)
    return 0


def cmd_pages(args) -> int:
    """Write generated pages and assets into a docs directory, for generators without MkDocs hooks."""
    from macros.site.build import build_outputs

    outputs = build_outputs(settings(args.flows), with_runtime=not args.no_runtime)
    docs = Path(args.out)
    for rel, text in outputs.pages.items():
        _write(docs / rel, text)
    for rel, content in outputs.assets.items():
        _write(docs / rel, content)
    print(f"wrote {len(outputs.pages)} page(s) and {len(outputs.assets)} asset(s) into {docs}", file=sys.stderr)
    return 0


def _write(path: Path, content) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, Path):
        path.write_bytes(content.read_bytes())
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="zhibu", description="支部规范图解: flows → diagrams and pages")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check flow files; print path:line:column: message per problem")
    v.add_argument("paths", nargs="*", help="flow files or directories (default: flows/)")
    v.set_defaults(func=cmd_validate)
    r = sub.add_parser("render", help="render every flow to SVG")
    r.add_argument("--flows", help="the flows folder (default: $ZHIBU_FLOWS_DIR or flows/)")
    r.add_argument("--out", default="build/diagrams")
    r.set_defaults(func=cmd_render)
    p = sub.add_parser("pages", help="write generated pages and assets into a docs directory")
    p.add_argument("--flows", help="the flows folder (default: $ZHIBU_FLOWS_DIR or flows/)")
    p.add_argument("--out", required=True)
    p.add_argument("--no-runtime", action="store_true", help="skip the Pyodide runtime files")
    p.set_defaults(func=cmd_pages)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (FlowError, CaseError) as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    except (RenderError, RuntimeMissing, SettingsError, OSError) as exc:  # a clear line, not a traceback
        print(f"zhibu: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
