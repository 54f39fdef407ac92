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
from datetime import date
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from portal.data import content_store
from portal.services.content.schema import (
    SLUG,
    ContentError,
    EnglishPage,
    Service,
    TranslationPage,
    check_contacts,
    check_guide,
    check_offer,
    check_service,
    check_translation,
)
from portal.taxonomy import age_bands_for_years

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
    last_reviewed: date | None = None
    next_review: date | None = None
    # English originals: `version` identifies their readable text. Translations:
    # `source_version` is the English version they were made from.
    version: str | None = None
    provenance: str | None = None
    source_version: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.slug, self.lang)

    @property
    def source_hash(self) -> str:
        payload = json.dumps(
            [
                self.title,
                self.summary,
                self.body,
                self.needs,
                self.age_bands,
                self.data,
                self.last_reviewed,
                self.next_review,
                self.version,
                self.provenance,
                self.source_version,
            ],
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


def _parse(path: Path, shown: str, parse: Any, part: str) -> Any:
    """Parse a file, turning YAML and encoding faults into errors that name the line."""
    try:
        return parse(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{part} line {mark.line + 1}".strip() if mark else part or "file"
        raise ContentError(shown, where, f"is not valid YAML ({getattr(error, 'problem', error)})") from error
    except UnicodeDecodeError as error:
        raise ContentError(shown, "file", "is not UTF-8 text") from error


def _read_yaml(path: Path, shown: str) -> Any:
    return _parse(path, shown, yaml.safe_load, "")


def read_contacts(content_dir: Path) -> list[ContentRecord]:
    path = content_dir / "site" / "contacts.yaml"
    shown = _relative(path, content_dir)
    if not path.exists():
        raise ContentError(shown, "file", "is missing: the site needs its contact numbers")
    contacts = check_contacts(shown, _read_yaml(path, shown)).contacts
    return [
        ContentRecord(
            kind="contact",
            slug=contact.slug,
            lang="en",
            title=contact.name,
            source_path=shown,
            data=contact.model_dump(exclude={"slug", "name"}),
        )
        for contact in contacts
    ]


TRANSLATED_LANGUAGES = ("pl", "ar", "uk", "ro", "zh")
READABLE_FIELDS = ("title", "summary", "sms_summary", "get_help_now", "stages", "body")
# Front matter kept in a record's `data` (the rest have columns of their own).
DATA_FIELDS = (
    "sms_summary",
    "get_help_now",
    "related_services",
    "related_guides",
    "stages",
    "element",
    "owner",
    "reviewed_by",
)


def english_version(fields: dict[str, Any]) -> str:
    """A short hash of what a translator translates: changes when the English words change."""
    readable = {name: fields.get(name) for name in READABLE_FIELDS}
    payload = json.dumps(readable, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


def page_version(page: EnglishPage) -> str:
    """The version of an English guide or Childhood Offer page (what its translations record)."""
    return english_version({**page.front_matter.model_dump(), "body": page.body})


def _load_markdown(path: Path, shown: str) -> tuple[dict[str, Any], str]:
    post = _parse(path, shown, frontmatter.loads, "front matter")
    if not post.metadata:
        raise ContentError(shown, "front matter", "is missing (the file must start with ---)")
    return dict(post.metadata), str(post.content)


def english_file_version(content_dir: Path, path: Path) -> str:
    """The version of one English guide or Childhood Offer file, checked on its own."""
    path = path.resolve()
    shown = _relative(path, content_dir.resolve())
    check = check_guide if path.parent.name == "guides" else check_offer
    meta, body = _load_markdown(path, shown)
    return page_version(check(shown, meta, body))


def _split_name(path: Path) -> tuple[str, str]:
    """'tantrums.pl.md' -> ('tantrums', 'pl'); 'tantrums.md' -> ('tantrums', 'en')."""
    stem = path.name[: -len(".md")]
    slug, dot, lang = stem.rpartition(".")
    return (slug, lang) if dot else (stem, "en")


def _read_documents(content_dir: Path, folder: str, kind: str) -> list[ContentRecord]:
    """English originals and their translations in content/<folder>/."""
    directory = content_dir / folder
    check = check_guide if kind == "guide" else check_offer
    originals: dict[str, tuple[str, EnglishPage]] = {}
    translations = []
    for path in sorted(directory.glob("*.md")) if directory.exists() else []:
        shown = _relative(path, content_dir)
        slug, lang = _split_name(path)
        if not SLUG.match(slug):
            raise ContentError(
                shown, "file name", "must be <slug>.md or <slug>.<lang>.md with a lower-case slug"
            )
        if lang != "en" and lang not in TRANSLATED_LANGUAGES:
            raise ContentError(
                shown, "file name", f"language {lang!r} is not one of {', '.join(TRANSLATED_LANGUAGES)}"
            )
        meta, body = _load_markdown(path, shown)
        if lang != "en":
            translations.append((shown, slug, lang, meta, body))
            continue
        originals[slug] = (shown, check(shown, meta, body))
    records = [_english_record(kind, slug, shown, page) for slug, (shown, page) in originals.items()]
    for shown, slug, lang, meta, body in translations:
        if slug not in originals:
            raise ContentError(shown, "file name", f"there is no English original {folder}/{slug}.md")
        original = originals[slug][1]
        translated = check_translation(shown, original, meta, body)
        records.append(_translated_record(kind, slug, lang, shown, original, translated))
    return records


def _data(front_matter: Any) -> dict[str, Any]:
    return {name: value for name in DATA_FIELDS if (value := getattr(front_matter, name, None)) is not None}


def _english_record(kind: str, slug: str, shown: str, page: EnglishPage) -> ContentRecord:
    meta = page.front_matter
    return ContentRecord(
        kind=kind,
        slug=slug,
        lang="en",
        title=meta.title,
        source_path=shown,
        summary=meta.summary,
        body=page.body,
        needs=tuple(meta.needs),
        age_bands=tuple(meta.age_bands),
        data=_data(meta),
        last_reviewed=meta.last_reviewed,
        next_review=meta.next_review,
        version=page_version(page),
    )


def _translated_record(
    kind: str, slug: str, lang: str, shown: str, original: EnglishPage, page: TranslationPage
) -> ContentRecord:
    """The English record's facts (needs, links, review dates) with the translation's words."""
    english, meta = original.front_matter, page.front_matter
    return ContentRecord(
        kind=kind,
        slug=slug,
        lang=lang,
        title=meta.title,
        source_path=shown,
        summary=meta.summary,
        body=page.body,
        needs=tuple(english.needs),
        age_bands=tuple(english.age_bands),
        data=_data(english) | _data(meta),
        last_reviewed=english.last_reviewed,
        next_review=english.next_review,
        provenance=meta.provenance,
        source_version=meta.source_version,
    )


def read_services(content_dir: Path, contact_slugs: set[str]) -> list[ContentRecord]:
    records = []
    directory = content_dir / "services"
    for path in sorted(directory.glob("*.yaml")) if directory.exists() else []:
        shown = _relative(path, content_dir)
        slug = path.stem
        if not SLUG.match(slug):
            raise ContentError(shown, "file name", "must be <slug>.yaml with a lower-case slug")
        service = check_service(shown, _read_yaml(path, shown), contact_slugs)
        records.append(
            ContentRecord(
                kind="service",
                slug=slug,
                lang="en",
                title=service.name,
                source_path=shown,
                summary=service.description.split("\n\n")[0],
                body=service.description,
                needs=tuple(service.needs),
                age_bands=tuple(age_bands_for_years(service.min_age, service.max_age)),
                data=_service_data(service),
                last_reviewed=service.last_reviewed,
                next_review=service.next_review,
                version=english_version({"title": service.name, "body": service.description}),
            )
        )
    return records


def _service_data(service: Service) -> dict[str, Any]:
    """Everything but the fields that have columns of their own."""
    data = service.model_dump(
        exclude={"name", "description", "needs", "last_reviewed", "next_review", "contact_ref", "contact"}
    )
    if service.contact_ref is not None:
        data["contact_ref"] = service.contact_ref
    data["contact"] = service.contact.as_data() if service.contact else {}
    data["locations"] = [location.as_data() for location in service.locations]
    return data


def _check_links(records: list[ContentRecord]) -> None:
    """Every related guide or service named in a page must exist."""
    existing = {(record.kind, record.slug) for record in records}
    for record in records:
        if record.lang != "en":
            continue
        for field_name, kind in (("related_services", "service"), ("related_guides", "guide")):
            for slug in record.data.get(field_name, []):
                if (kind, slug) not in existing:
                    raise ContentError(
                        record.source_path, field_name, f"{slug!r} is not a {kind} in content/"
                    )


def read_content(content_dir: Path) -> list[ContentRecord]:
    """Read and check every content file; raise ContentError for the first file with faults."""
    contacts = read_contacts(content_dir)
    guides = _read_documents(content_dir, "guides", "guide")
    offers = _read_documents(content_dir, "childhood_offer", "childhood_offer")
    services = read_services(content_dir, {record.slug for record in contacts})
    records = contacts + guides + offers + services
    _check_links(records)
    return records


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
