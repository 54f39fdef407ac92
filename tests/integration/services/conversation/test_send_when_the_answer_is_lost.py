"""The action server stores the referral and dies before answering: the family still gets
their reference (#15.16).

A stand-in for Rasa hands the key to the portal's internal API, as the action server does,
then answers with nothing, as when the action server or Rasa is killed mid-reply.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from portal.data import referral_store
from tests.conftest import make_test_app
from tests.support.family import Family, fill_in_up_to_consent
from tests.support.rasa_standin import StandInRasa

KEY = re.compile(r'"submission_key":"([^"]+)"')


class DiesAfterStoring(StandInRasa):
    def __init__(self) -> None:
        super().__init__()
        self.portal: Any = None  # the app's test client, set once the app exists
        self.token = ""

    def answer(self, method: str, path: str, body: Any) -> Any:
        if method == "GET":
            return {"slots": {}}
        found = KEY.search(str(body.get("message", ""))) if "/webhooks/" in path else None
        if found:  # the action server's hand-over, then silence
            self.portal.post(
                f"/internal/referral-drafts/{found.group(1)}/submit",
                headers={"Authorization": f"Bearer {self.token}"},
            )
        return [] if "/webhooks/" in path else {}


@pytest.fixture()
def rasa() -> Iterator[DiesAfterStoring]:
    server = DiesAfterStoring().start()
    yield server
    server.shutdown()


def test_the_family_is_told_the_reference_the_portal_stored(
    empty_app: Flask, rasa: DiesAfterStoring, tmp_path: Path
) -> None:
    from portal.services.content.loader import load_content

    app = make_test_app(empty_app.config["SQLALCHEMY_DATABASE_URI"], tmp_path, RASA_URL=rasa.url)
    with app.app_context():
        load_content(app.config["CONTENT_DIR"])
    rasa.portal, rasa.token = app.test_client(), app.config["SERVICE_TOKEN"]
    family = Family(app.test_client())
    fill_in_up_to_consent(family)
    family.press("Yes, I agree")
    family.press("Yes, I agree")
    said = family.press("Send my request")
    reference = re.search(r"EH-[A-Z0-9]{3}-[A-Z0-9]{3}", said)
    assert reference, said
    with app.app_context():
        assert referral_store.by_reference(reference.group(0)) is not None
