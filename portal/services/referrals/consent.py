"""The consent wording a family sees, its version, and the history of every wording shown.

The version is a hash of the exact text, so a consent record proves what was asked. Wording
lives in content/site/consent.yaml (editors change it there); each wording is kept in the
database the first time a family is asked with it (with the English it translates), so the
front door, exports and subject access show the words agreed to after the file has changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from flask import current_app

from portal.data import consent_store
from portal.data.models import ConsentWordingKept


@dataclass(frozen=True)
class ConsentWording:
    lang: str
    front_door: str
    partners: str
    own: str

    @property
    def version(self) -> str:
        text = "\n".join((self.lang, self.front_door, self.partners, self.own))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=4)
def _read(path: Path) -> dict[str, ConsentWording]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {
        lang: ConsentWording(lang, texts["front_door"], texts["partners"], texts["own"])
        for lang, texts in (data.get("wording") or {}).items()
    }


def wording(lang: str) -> ConsentWording | None:
    """The wording in this language, or None where it is not written yet."""
    return _read(current_app.config["CONTENT_DIR"] / "site" / "consent.yaml").get(lang)


@dataclass(frozen=True)
class KeptWording:
    """The words of one version, as the family saw them, and the English beside them."""

    version: str
    lang: str
    front_door: str
    partners: str
    own: str
    english: ConsentWording | None


def keep(shown: ConsentWording) -> None:
    """Keep this wording (and the English it translates) before anyone can agree to it."""
    english = wording("en")
    for text in (english, shown):
        if text is None:
            continue
        consent_store.keep(
            ConsentWordingKept(
                version=text.version,
                lang=text.lang,
                front_door=text.front_door,
                partners=text.partners,
                own=text.own,
                english_version=english.version if english is not None else None,
            )
        )


def kept(version: str) -> KeptWording | None:
    """The words behind a consent record's version; None if it predates the history."""
    row = consent_store.find(version)
    if row is None:
        return None
    english_row = consent_store.find(row.english_version) if row.english_version else None
    english = (
        ConsentWording("en", english_row.front_door, english_row.partners, english_row.own)
        if english_row is not None and row.lang != "en"
        else None
    )
    return KeptWording(row.version, row.lang, row.front_door, row.partners, row.own, english)


def kept_as_dict(version: str) -> dict[str, Any] | None:
    """The kept words for an export or a subject access copy (None when not kept)."""
    words = kept(version)
    if words is None:
        return None
    english = words.english
    return {
        "lang": words.lang,
        "front_door": words.front_door,
        "partners": words.partners,
        "own": words.own,
        "english": None
        if english is None
        else {"front_door": english.front_door, "partners": english.partners, "own": english.own},
    }
