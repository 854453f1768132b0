"""Gate: every change to the rules data is recorded in checkers/rules/CHANGELOG.yml.

The changelog says what changed, under which regulation and article, in force from when, and
records the SHA-256 of each rules file after the change. A rules file whose content differs from
the hash of the last entry naming it was changed without an entry: this test fails and prints
the hash and an entry to fill in.

Seen to fail on a planted defect: changing ``up_to = 3000`` to ``3500`` in dues.toml fails
``test_every_rules_file_change_has_an_entry`` naming dues.toml and its new hash; deleting an
entry's ``article`` fails ``test_entries_say_what_which_article_and_from_when``.
"""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

import pytest
import yaml

RULES = Path(__file__).resolve().parent.parent / "checkers" / "rules"
CHANGELOG = RULES / "CHANGELOG.yml"
CHANGE_KEYS = ("file", "parameter", "what", "regulation", "article", "in_force_from")


def content_hash(path: Path) -> str:
    """SHA-256 of a file's content with LF line endings (a checkout with CRLF hashes the same)."""
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def entries() -> list[dict]:
    data = yaml.safe_load(CHANGELOG.read_text(encoding="utf-8"))
    assert isinstance(data, list) and data, f"{CHANGELOG}: expected a list of entries"
    return data


def recorded_hashes() -> dict[str, str | None]:
    """Each file's hash as the last entry naming it recorded it (None: recorded as removed)."""
    last: dict[str, str | None] = {}
    for entry in entries():
        last.update(entry.get("sha256") or {})
    return last


def test_entries_say_what_which_article_and_from_when():
    previous = datetime.date.min
    for number, entry in enumerate(entries(), start=1):
        where = f"{CHANGELOG.name} entry {number}"
        assert isinstance(entry.get("recorded"), datetime.date), f"{where}: 'recorded' must be a date (YYYY-MM-DD)"
        assert entry["recorded"] >= previous, f"{where}: entries go oldest first"
        previous = entry["recorded"]
        assert str(entry.get("summary") or "").strip(), f"{where}: 'summary' is missing"
        changes, hashes = entry.get("changes"), entry.get("sha256")
        assert isinstance(changes, list) and changes, f"{where}: 'changes' must list what changed"
        assert isinstance(hashes, dict) and hashes, f"{where}: 'sha256' must give each touched file's hash"
        for change in changes:
            missing = [key for key in CHANGE_KEYS if not str(change.get(key) or "").strip()]
            assert not missing, f"{where}: a change is missing {', '.join(missing)}: {change}"
            assert isinstance(change["in_force_from"], datetime.date), f"{where}: 'in_force_from' must be a date"
            assert change["file"] in hashes, f"{where}: {change['file']} changed but its sha256 is not recorded"
        for name, value in hashes.items():
            assert value is None or (isinstance(value, str) and len(value) == 64), f"{where}: sha256 of {name}"


@pytest.mark.parametrize("path", sorted(RULES.glob("*.toml")), ids=lambda p: p.name)
def test_every_rules_file_change_has_an_entry(path):
    recorded = recorded_hashes().get(path.name)
    actual = content_hash(path)
    template = (
        f"- recorded: {datetime.date.today().isoformat()}\n  summary: …\n  changes:\n"
        f"    - {{file: {path.name}, parameter: …, what: …, regulation: …, article: …, in_force_from: YYYY-MM-DD}}\n"
        f"  sha256:\n    {path.name}: {actual}"
    )
    assert recorded == actual, (
        f"checkers/rules/{path.name} changed without an entry in checkers/rules/CHANGELOG.yml "
        f"(recorded {recorded}, now {actual}). Append:\n{template}"
    )


def test_removed_rules_files_are_recorded_as_removed():
    present = {path.name for path in RULES.glob("*.toml")}
    gone = [name for name, value in recorded_hashes().items() if value is not None and name not in present]
    assert not gone, f"removed without an entry (record 'sha256: {{name: null}}'): {gone}"
