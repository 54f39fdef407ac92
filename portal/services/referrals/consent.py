"""The consent wording a family sees, and its version.

The version is a hash of the exact text, so a consent record proves what was
asked. Wording lives in content/site/consent.yaml (editors change it there).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from flask import current_app


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
