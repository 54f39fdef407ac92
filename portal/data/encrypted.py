"""Columns that hold what identifies a family (their words, contact details, children's names,
draft answers) and staff sign-in secrets, encrypted at rest with Fernet (AES-128-CBC + HMAC).

The key is DATA_ENCRYPTION_KEY, separate from SECRET_KEY; earlier keys listed in
DATA_ENCRYPTION_OLD_KEYS still decrypt, so a key is rotated by adding a new one and running
`flask records rotate-key`. A stolen database file or backup without the key shows "enc:v1:…".
Values written before encryption (no prefix) are read as they are, until rotate-key (or the
migration that brought encryption) rewrites them.
"""

from __future__ import annotations

import json
from typing import Any

from cryptography.fernet import Fernet, MultiFernet
from flask import current_app
from sqlalchemy import Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

PREFIX = "enc:v1:"


def cipher() -> MultiFernet:
    config = current_app.config
    keys = [str(config["DATA_ENCRYPTION_KEY"])] + [
        key.strip() for key in str(config.get("DATA_ENCRYPTION_OLD_KEYS") or "").split(",") if key.strip()
    ]
    return MultiFernet([Fernet(key.encode("ascii")) for key in keys])


def encrypt(plain: str) -> str:
    return PREFIX + cipher().encrypt(plain.encode("utf-8")).decode("ascii")


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored  # written before encryption: read as it is
    return cipher().decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")


class EncryptedText(TypeDecorator[str]):
    """A string, stored encrypted."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else encrypt(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else decrypt(value)


class EncryptedJSON(TypeDecorator[Any]):
    """A JSON value (dict or list), stored encrypted as text."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else encrypt(json.dumps(value, ensure_ascii=False))

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        plain = decrypt(value)
        return json.loads(plain) if plain else None
