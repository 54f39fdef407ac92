"""'Was this helpful?' is stored without personal data."""

import re

from flask import Flask

from portal.data.feedback_store import all_feedback


def send(client, slug: str, **fields: str):
    page = client.get(f"/guides/{slug}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client.post("/feedback", data={"csrf_token": token, "kind": "guide", "slug": slug, **fields})


def any_guide(app: Flask) -> str:
    from portal.data import content_store

    with app.app_context():
        return content_store.items_of_kind("guide", "en")[0].slug


def stored(app: Flask):
    with app.app_context():
        return [(f.slug, f.lang, f.helpful, f.comment) for f in all_feedback()]


def test_an_answer_is_stored_plainly_and_thanked(app: Flask, client) -> None:
    slug = any_guide(app)
    before = len(stored(app))
    response = send(client, slug, helpful="no", comment="<b>Too</b>   long\x00 <script>x</script>words")
    assert response.status_code == 302 and "feedback=thanks" in response.headers["Location"]
    assert stored(app)[before:] == [(slug, "en", False, "Too long x words")]
    thanked = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Thank you for your feedback" in thanked


def test_feedback_table_has_no_personal_fields(app: Flask) -> None:
    from portal.data.models import Feedback

    assert set(Feedback.__table__.columns.keys()) == {
        "id",
        "kind",
        "slug",
        "lang",
        "helpful",
        "comment",
        "created_on",
    }


def test_a_too_long_comment_is_refused_and_kept_for_editing(app: Flask, client) -> None:
    slug = any_guide(app)
    before = stored(app)
    response = send(client, slug, helpful="yes", comment="word " * 150)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "500 characters or fewer" in html and "word word" in html
    assert stored(app) == before


def test_no_answer_chosen_is_explained(app: Flask, client) -> None:
    response = send(client, any_guide(app), comment="hello")
    assert response.status_code == 400
    assert "Choose yes or no" in response.get_data(as_text=True)


def test_feedback_without_csrf_is_refused(app: Flask, client) -> None:
    before = stored(app)
    response = client.post("/feedback", data={"kind": "guide", "slug": any_guide(app), "helpful": "yes"})
    assert response.status_code == 400
    assert stored(app) == before
