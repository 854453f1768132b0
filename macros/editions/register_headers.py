"""The register CSV's column names in both scripts, as a JSON member the build adds to the checkers zip."""

from __future__ import annotations

import io
import json
import zipfile

from checkers import _register_csv

from .script_variant import to_hant

MEMBER = "checkers/rules/" + _register_csv.SCRIPTS_FILE
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # as the checkers zip's own members: same input, same bytes


def pairs() -> list[list[str]]:
    """[Simplified, Traditional] for every column name, the Traditional one made by the edition's converter."""
    return [[name, to_hant(name)] for name in _register_csv.header_names()]


def with_headers(data: bytes) -> bytes:
    """The checkers zip with ``MEMBER`` added in its sorted place: a .json, which convert_zip leaves alone,
    so both editions carry both spellings and each reads a CSV exported by the other."""
    body = json.dumps({"pairs": pairs()}, ensure_ascii=False, indent=0, sort_keys=True).encode("utf-8")
    src, buf = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    info = zipfile.ZipInfo(MEMBER, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    info.create_system = 3
    members = {item.filename: (item, src.read(item)) for item in src.infolist()}
    members[MEMBER] = (info, body)
    with src, zipfile.ZipFile(buf, "w") as out:
        for name in sorted(members):
            out.writestr(*members[name])
    return buf.getvalue()
