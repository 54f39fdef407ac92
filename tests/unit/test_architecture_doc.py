"""docs/architecture.md's folder table is how a newcomer finds their way: it must match the tree."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"


def _folders_named() -> set[str]:
    """Every folder in the first column of the table under "### Folders"."""
    text = DOC.read_text(encoding="utf-8")
    table = text.split("### Folders", 1)[1].split("\n\n", 2)[1]
    named: set[str] = set()
    for line in table.splitlines():
        if not line.startswith("| `"):
            continue
        first_cell = line.split("|")[1]
        named.update(name.rstrip("/") for name in re.findall(r"`([^`]+/)`", first_cell))
    return named


def test_the_table_names_folders() -> None:
    assert {"portal", "portal/services", "tests/unit", "tests/support"} <= _folders_named()


def test_every_folder_the_table_names_exists() -> None:
    missing = sorted(name for name in _folders_named() if not (ROOT / name).is_dir())
    assert missing == []


def test_every_package_under_portal_is_named() -> None:
    packages = {
        str(init.parent.relative_to(ROOT))
        for init in (ROOT / "portal").rglob("__init__.py")
        if "migrations" not in init.parts
    }
    assert sorted(packages - _folders_named()) == []
