"""Files that make the site work offline after one visit: the service worker, Workbox, the manifest.

``offline_files(root)`` maps site-relative output paths to a source file or to bytes:

- ``sw.js`` at the site root (so its scope is the site's own root or sub-path, never more), from
  ``macros/offline/sw_template.js`` with its configuration filled in: the Workbox folder, the checker
  runtime's folder and every file a checker needs (with the same ``?v=`` the pages use). It changes
  when the runtime or the checker code changes, so browsers pick up a new build's worker.
- ``assets/workbox-<version>/``: the Workbox service-worker loader and the modules it uses, copied
  from ``node_modules`` (pinned in ``package.json``); never loaded from a CDN.
- ``manifest.webmanifest``: name, icons and colours for "add to home screen".
"""

from __future__ import annotations

import json
import pathlib

from macros.checker_page import runtime_assets
from macros.checker_page.checker_widget import worker_version
from macros.settings import DEFAULTS, Settings

HERE = pathlib.Path(__file__).resolve().parent
SW_TEMPLATE = HERE / "sw_template.js"
WORKBOX_MODULES = ("core", "routing", "strategies", "expiration", "cacheable-response")
SITE_NAME = "支部规范图解"
SHORT_NAME = "支部图解"
THEME_COLOUR = "#c62828"
ICONS = (("assets/images/icon-192.png", 192), ("assets/images/icon-512.png", 512))

OFFLINE_PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>离线：此页尚未保存 - 支部规范图解</title></head>
<body><main>
<h1>当前没有网络，此页还没有保存在本机</h1>
<p>本站打开过的页面（包括用过的自查工具）在没有网络时仍可使用；这一页以前没有打开过，要等网络恢复后才能打开。</p>
<p><a href="{home}">返回首页</a>（如果首页打开过）</p>
</main></body></html>
"""


def workbox_version(root: pathlib.Path) -> str:
    """The installed Workbox version; every module must equal the pin in ``package.json``."""
    root = pathlib.Path(root)
    pins = json.loads((root / "package.json").read_text(encoding="utf-8"))["dependencies"]
    version = pins.get("workbox-sw")
    for name in ["sw", *WORKBOX_MODULES]:
        manifest = root / "node_modules" / f"workbox-{name}" / "package.json"
        if not manifest.is_file():
            raise runtime_assets.RuntimeMissing(f"{manifest} is missing. Run `npm ci` in {root}.")
        installed = json.loads(manifest.read_text(encoding="utf-8"))["version"]
        if installed != version or pins.get(f"workbox-{name}") != version:
            raise runtime_assets.RuntimeMissing(
                f"workbox-{name} is {installed}, package.json pins {pins.get(f'workbox-{name}')} "
                f"(all workbox-* packages must pin workbox-sw's {version}). Run `npm ci`."
            )
    return version


def checker_runtime_urls(root: pathlib.Path, settings: Settings = DEFAULTS) -> list[str]:
    """Site-relative URLs of every file a checker page's worker loads, as the pages write them."""
    runtime = settings.runtime_from + runtime_assets.pyodide_dir(root)
    zip_v = runtime_assets.short_hash(runtime_assets.checkers_zip(root))
    urls = [runtime + name for name in runtime_assets.PYODIDE_FILES]
    urls.append(f"{runtime_assets.CHECKERS_ZIP}?v={zip_v}")
    urls.append(runtime_assets.stdlib_url(root, settings.cache_dir))
    urls += [f"{path}?v={worker_version()}" for path in runtime_assets.worker_modules()]
    return urls


def service_worker(root: pathlib.Path, settings: Settings = DEFAULTS) -> bytes:
    workbox_dir = f"assets/workbox-{workbox_version(root)}/"
    worker_config = {
        "workbox": workbox_dir,
        "runtimeDir": settings.runtime_from + runtime_assets.pyodide_dir(root),  # may be outside the scope
        "runtimeVersion": runtime_assets.pyodide_version(root),
        "runtime": checker_runtime_urls(root, settings),
        "offlinePage": OFFLINE_PAGE.format(home="__HOME__"),
    }
    text = SW_TEMPLATE.read_text(encoding="utf-8")
    text = text.replace("__CONFIG__", json.dumps(worker_config, ensure_ascii=False, indent=2), 1)
    return text.encode("utf-8")


def manifest() -> bytes:
    data = {
        "name": SITE_NAME,
        "short_name": SHORT_NAME,
        "description": "党支部工作规范的结构图和流程图：在线阅读、课堂演示、自查自算。",
        "lang": "zh-CN",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [{"src": path, "sizes": f"{n}x{n}", "type": "image/png", "purpose": "any"} for path, n in ICONS],
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def offline_files(root: pathlib.Path, settings: Settings = DEFAULTS) -> dict[str, pathlib.Path | bytes]:
    """Site-relative output path → source file or bytes."""
    root = pathlib.Path(root)
    version = workbox_version(root)
    files: dict[str, pathlib.Path | bytes] = {}
    files[f"assets/workbox-{version}/workbox-sw.js"] = root / "node_modules" / "workbox-sw" / "build" / "workbox-sw.js"
    for name in WORKBOX_MODULES:
        src = root / "node_modules" / f"workbox-{name}" / "build" / f"workbox-{name}.prod.js"
        if not src.is_file():
            raise runtime_assets.RuntimeMissing(f"{src} is missing. Run `npm ci` in {root}.")
        files[f"assets/workbox-{version}/workbox-{name}.prod.js"] = src
    files["sw.js"] = service_worker(root, settings)
    files["manifest.webmanifest"] = manifest()
    return files
