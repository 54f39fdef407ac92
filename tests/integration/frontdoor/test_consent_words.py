"""The words a family agreed to are kept, whatever consent.yaml says later (#23)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from flask import Flask

from portal.data import chat_store, draft_store
from portal.services.referrals import consent
from tests.conftest import make_test_app
from tests.support.family import Family, fill_in_up_to_consent
from tests.support.staff import new_account, sign_in


def _export(client, reference: str) -> dict:  # type: ignore[no-untyped-def]
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/frontdoor/").get_data(as_text=True))
    assert token
    response = client.post(
        f"/frontdoor/referrals/{reference}/export.json", data={"csrf_token": token.group(1)}
    )
    return json.loads(response.get_data(as_text=True))


def test_the_front_door_shows_the_words_agreed_to_after_the_file_changes(app: Flask, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(app.config["CONTENT_DIR"], content)
    portal = make_test_app(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path, CONTENT_DIR=content)
    consent._read.cache_clear()
    family = Family(portal.test_client())
    fill_in_up_to_consent(family)
    family.press("Yes, I agree")
    family.press("Yes, I agree")
    with portal.app_context():
        agreed = consent.wording("en")
        assert agreed is not None
    with portal.app_context():  # Send: handed to the action server (whose part the next request plays)
        draft = draft_store.for_conversation(chat_store.conversation_key(family.session))
        assert draft is not None
        draft_store.mark_submitted(draft)
        key = draft.submission_key
    answer = portal.test_client().post(
        f"/internal/referral-drafts/{key}/submit",
        headers={"Authorization": f"Bearer {portal.config['SERVICE_TOKEN']}"},
    )
    assert answer.status_code == 201, answer.get_data(as_text=True)
    reference = answer.json["reference"]

    # An editor changes the wording afterwards.
    path = content / "site" / "consent.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("is your choice.", "is always your choice."),
        encoding="utf-8",
    )
    consent._read.cache_clear()
    with portal.app_context():
        changed = consent.wording("en")
        assert changed is not None and changed.version != agreed.version

    manager = new_account(portal, "manager")
    client = portal.test_client()
    assert sign_in(client, manager).status_code == 303
    page = client.get(f"/frontdoor/referrals/{reference}").get_data(as_text=True)
    assert "The words the family agreed to" in page
    assert "Early Help is your choice." in page and "always your choice" not in page
    words = _export(client, reference)["consent"]["words"]
    assert words["front_door"] == agreed.front_door and words["partners"] == agreed.partners
    consent._read.cache_clear()
