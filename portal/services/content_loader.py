"""Load shipped content from files in content/ into the database.

Loading is idempotent: each record carries a hash of what it was made from,
so a second load with unchanged files writes nothing, an edited file updates
only its own records, and a record whose file section is gone is removed.
Every file is checked before anything is written: one bad file stops the
whole load and nothing is half-applied.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from portal.data import content_store
from portal.services.content_schema import ContentError, check_contact

SHIPPED_SOURCE_PREFIX = "content/"


@dataclass(frozen=True)
class ContentRecord:
    kind: str
    slug: str
    lang: str
    title: str
    source_path: str
    summary: str = ""
    body: str = ""
    needs: tuple[str, ...] = ()
    age_bands: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.slug, self.lang)

    @property
    def source_hash(self) -> str:
        payload = json.dumps(
            [self.title, self.summary, self.body, self.needs, self.age_bands, self.data],
            sort_keys=True,
            ensure_ascii=False,
            default=str,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass
class LoadReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    def __str__(self) -> str:
        return (
            f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, {self.removed} removed"
        )


def _relative(path: Path, content_dir: Path) -> str:
    return SHIPPED_SOURCE_PREFIX + path.relative_to(content_dir).as_posix()


def _read_yaml(path: Path, shown: str) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "file"
        raise ContentError(shown, where, f"is not valid YAML ({getattr(error, 'problem', error)})") from error
    except UnicodeDecodeError as error:
        raise ContentError(shown, "file", "is not UTF-8 text") from error


def read_contacts(content_dir: Path) -> list[ContentRecord]:
    path = content_dir / "site" / "contacts.yaml"
    shown = _relative(path, content_dir)
    if not path.exists():
        raise ContentError(shown, "file", "is missing: the site needs its contact numbers")
    document = _read_yaml(path, shown)
    if not isinstance(document, dict) or not isinstance(document.get("contacts"), list):
        raise ContentError(shown, "contacts", "must be a list of contacts")
    records, seen = [], set()
    for index, raw in enumerate(document["contacts"]):
        contact = check_contact(shown, index, raw)
        if contact["slug"] in seen:
            raise ContentError(shown, f"contacts[{index}].slug", f"{contact['slug']!r} is used twice")
        seen.add(contact["slug"])
        records.append(
            ContentRecord(
                kind="contact",
                slug=contact["slug"],
                lang="en",
                title=contact["name"],
                source_path=shown,
                data={k: v for k, v in contact.items() if k not in {"slug", "name"}},
            )
        )
    purposes = {record.data["purpose"] for record in records}
    for required in ("emergency", "front_door", "out_of_hours"):
        if required not in purposes:
            raise ContentError(shown, "contacts", f"needs a contact with purpose {required}")
    return records


def read_content(content_dir: Path) -> list[ContentRecord]:
    """Read and check every content file; raise ContentError on the first fault."""
    return read_contacts(content_dir)


def load_content(content_dir: Path) -> LoadReport:
    """Bring the database in line with the files, in one transaction."""
    records = read_content(content_dir)
    report = LoadReport()
    existing = content_store.shipped_items(SHIPPED_SOURCE_PREFIX)
    try:
        _apply_records(records, existing, report)
    except Exception:
        content_store.rollback()
        raise
    content_store.commit()
    return report


def _apply_records(records: list[ContentRecord], existing: dict[Any, Any], report: LoadReport) -> None:
    wanted = {record.key for record in records}
    for record in records:
        item = existing.get(record.key)
        if item is None:
            content_store.add_item(record)
            report.added += 1
        elif item.source_hash != record.source_hash or item.source_path != record.source_path:
            content_store.update_item(item, record)
            report.updated += 1
        else:
            report.unchanged += 1
    for key, item in existing.items():
        if key not in wanted:
            content_store.remove_item(item)
            report.removed += 1
