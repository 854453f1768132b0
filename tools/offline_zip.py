"""Pack the offline copy (built by mkdocs.offline.yml) into one zip with a short how-to at its root.

Usage: python tools/offline_zip.py BUILT_DIR ZIP_PATH
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from macros.editions import script_variant

HOW_TO = """支部规范图解 · 离线版

1. 把整个文件夹解压到电脑上（不要只拖出其中几个文件）。
2. 双击文件夹里的 index.html，用浏览器打开即可；各页之间可以互相跳转，不需要联网。
3. 图解、文字版、全屏演示（按 → 逐步讲解）、打印海报都能离线使用。
4. 自查工具（选举、党费计算）需要通过网页服务器打开：在这个文件夹里运行
       python3 -m http.server 8000
   再用浏览器打开 http://127.0.0.1:8000/ 。直接双击打开时，自查工具会提示这一点。
5. 图片、PDF、海报和幻灯片等下载文件不在离线版里，请在联网时从网站的各图页面下载。
6. 繁体字版在 zh-Hant 文件夹里：双击 zh-Hant/index.html 打开；每页右上角的“简体/繁體”可以在两版之间切换。
"""


def pack(built: Path, dest: Path) -> int:
    if not (built / "index.html").is_file():
        print(f"{built}: no index.html; build the offline copy first (make offline)", file=sys.stderr)
        return 1
    dest.parent.mkdir(parents=True, exist_ok=True)
    root = built.name
    tmp = dest.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr(f"{root}/使用说明.txt", HOW_TO)
        if (built / script_variant.HANT / "index.html").is_file():  # make offline built the 繁體 edition too
            zf.writestr(f"{root}/使用說明（繁體）.txt", script_variant.to_hant(HOW_TO))
        for path in sorted(built.rglob("*")):
            if path.is_file():
                zf.write(path, f"{root}/{path.relative_to(built).as_posix()}")
    tmp.replace(dest)
    print(f"wrote {dest} ({dest.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(pack(Path(sys.argv[1]), Path(sys.argv[2])))
