"""Benchmark: how long the site takes to build, and what the zhibu pipeline adds to MkDocs.

Not a test; prints figures (wall-clock seconds, one run each):

- clean build: ``mkdocs build`` with an empty diagram cache;
- plain MkDocs: the same generated pages (``zhibu pages``) plus the hand-written pages, built by
  ``mkdocs build`` with no zhibu hook and no macros: what the pipeline adds is the difference;
- rebuild after one flow edit (one label changed), with the cache of the clean build;
- clean builds of 36, 360 and 1000 flows (the real ones plus synthetic copies, each copy's title
  changed so that it renders its own diagram), to show how the build grows.

    .venv/bin/python bench/build_times.py [--sizes 36,360,1000]
"""

from __future__ import annotations

import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parent.parent
BIN = REPO / ".venv" / "bin"


def run(cmd, env_extra=None, cwd=REPO) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env_extra or {}))
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return elapsed


def mkdocs_build(dest, env_extra=None, config=None, cwd=REPO) -> float:
    cmd = [str(BIN / "mkdocs"), "build", "-q", "-d", str(dest)]
    if config:
        cmd += ["-f", str(config)]
    return run(cmd, env_extra, cwd)


def synthetic_flows(dest: pathlib.Path, count: int) -> pathlib.Path:
    """A flows folder with ``count`` flows: the real ones, then renamed copies."""
    dest.mkdir(parents=True)
    real = sorted(p for p in (REPO / "flows").glob("*.yml") if not p.name.startswith("_"))
    for p in (REPO / "flows").iterdir():
        if p.is_file():
            shutil.copy2(p, dest / p.name)
    n = len(real)
    k = 0
    while n < count:
        src = real[k % len(real)]
        copy = k // len(real) + 1
        text = src.read_text(encoding="utf-8")
        text = re.sub(r"^id: (\S+)", rf"id: \1-copy{copy}", text, count=1, flags=re.M)
        text = re.sub(r"^title: (.+)$", rf"title: \1（副本{copy}）", text, count=1, flags=re.M)
        # copies join no series and hold no checker
        text = re.sub(r"^series:.*\n(  .*\n)*", "", text, flags=re.M)
        text = re.sub(r"^checker:.*\n", "", text, flags=re.M)
        (dest / f"{src.stem}-copy{copy}.yml").write_text(text, encoding="utf-8")
        n += 1
        k += 1
    return dest


def plain_mkdocs(tmp: pathlib.Path) -> float:
    """Build the generated + hand-written pages with MkDocs alone (no zhibu hook, no macros)."""
    docs = tmp / "plain-docs"
    shutil.copytree(REPO / "docs", docs)
    run([str(BIN / "zhibu"), "pages", "--out", str(docs)])
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\n  - macros:\n(    .*\n)+", "\n", config)
    config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)
    config = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", config)
    config = config.replace("docs_dir: docs", f"docs_dir: {docs}")
    config = config.replace("custom_dir: overrides", f"custom_dir: {REPO / 'overrides'}")
    config = config.replace("jieba_dict_user: jieba_user_dict.txt", f"jieba_dict_user: {REPO / 'jieba_user_dict.txt'}")
    config = config.replace("base_path: [docs/hosting]", f"base_path: [{REPO / 'docs' / 'hosting'}]")
    config = config.replace("strict: true", "strict: false")
    cfg = tmp / "plain-mkdocs.yml"
    cfg.write_text(config, encoding="utf-8")
    return mkdocs_build(tmp / "plain-site", config=cfg, cwd=tmp)


def measure(sizes=(36, 360, 1000)) -> dict:
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="zhibu-build-bench-"))
    out = {}
    try:
        cache = tmp / "cache"
        flows = tmp / "flows"
        shutil.copytree(REPO / "flows", flows)
        env = {"ZHIBU_CACHE_DIR": str(cache), "ZHIBU_FLOWS_DIR": str(flows)}
        out["clean"] = mkdocs_build(tmp / "site-clean", env)
        out["plain"] = plain_mkdocs(tmp)
        out["noop"] = mkdocs_build(tmp / "site-noop", env)
        # one flow edited: one label changes, so one diagram renders again
        target = flows / "election-procedure.yml"
        text = target.read_text(encoding="utf-8")
        target.write_text(re.sub(r"(label: )(\S)", r"\1（改）\2", text, count=1), encoding="utf-8")
        out["edit"] = mkdocs_build(tmp / "site-edit", env)
        for count in sizes:
            many = synthetic_flows(tmp / f"flows-{count}", count)
            env_n = {"ZHIBU_CACHE_DIR": str(tmp / f"cache-{count}"), "ZHIBU_FLOWS_DIR": str(many)}
            out[f"flows_{count}"] = mkdocs_build(tmp / f"site-{count}", env_n)
            shutil.rmtree(tmp / f"site-{count}", ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def report(f: dict) -> None:
    print("build times (wall clock, seconds)")
    print(f"  {'clean build (empty diagram cache)':<52} {f['clean']:7.1f} s")
    print(
        f"  {'plain mkdocs build of the same generated pages':<52} {f['plain']:7.1f} s"
        f"   pipeline adds {f['clean'] - f['plain']:+.1f} s (clean ×{f['clean'] / f['plain']:.2f})"
    )
    print(f"  {'rebuild, nothing changed':<52} {f['noop']:7.1f} s   ×{f['noop'] / f['clean']:.2f} the clean build")
    print(f"  {'rebuild after one flow edit':<52} {f['edit']:7.1f} s   ×{f['edit'] / f['clean']:.2f} the clean build")
    sizes = sorted(int(k.split("_")[1]) for k in f if k.startswith("flows_"))
    for n in sizes:
        t = f[f"flows_{n}"]
        base = f[f"flows_{sizes[0]}"]
        print(
            f"  {'clean build, ' + str(n) + ' flows':<52} {t:7.1f} s   ×{t / base:.2f} the {sizes[0]}-flow build,"
            f" {t / n * 1000:.0f} ms per flow"
        )


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="36,360,1000", help="flow counts for the growth figures")
    args = ap.parse_args(argv)
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}", file=sys.stderr)
    figures = measure(tuple(int(s) for s in args.sizes.split(",")))
    report(figures)
    return figures


if __name__ == "__main__":
    main()
