"""The chat page without JavaScript: a conversation is shown again only when the person chooses."""

from __future__ import annotations

from flask.testing import FlaskClient


def _token(page: str) -> str:
    return page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


def test_a_new_visit_asks_before_showing_an_earlier_conversation(client: FlaskClient) -> None:
    token = _token(client.get("/chat").get_data(as_text=True))
    client.post("/chat", data={"csrf_token": token, "message": "/ref:start"})
    # Straight after writing, the conversation is there.
    assert "Who would you like help for?" in client.get("/chat").get_data(as_text=True)
    # A second visit (a new tab, or someone else picking up the phone) is asked first.
    later = client.get("/chat").get_data(as_text=True)
    assert "Who would you like help for?" not in later
    assert "There is a conversation from earlier in this browser" in later
    shown = client.post("/chat/resume", data={"csrf_token": token}, follow_redirects=True)
    assert "Who would you like help for?" in shown.get_data(as_text=True)


def test_starting_again_forgets_the_earlier_conversation(client: FlaskClient) -> None:
    token = _token(client.get("/chat").get_data(as_text=True))
    client.post("/chat", data={"csrf_token": token, "message": "/ref:start"})
    with client.session_transaction() as cookie:
        before = cookie["chat_id"]
    fresh = client.post("/chat/new", data={"csrf_token": token}, follow_redirects=True).get_data(as_text=True)
    assert "Who would you like help for?" not in fresh and "from earlier" not in fresh
    with client.session_transaction() as cookie:
        assert cookie.get("chat_id") != before


def test_without_javascript_the_safety_lines_the_portal_adds_are_shown(client: FlaskClient) -> None:
    """Danger the classifier only suspects gets the safety lines first; they are the portal's,
    not Rasa's, so the page after writing shows them from the turn itself."""
    from portal.services import safeguarding

    message = "the kids have not eaten since friday"
    finding = safeguarding.assess(message)
    assert finding and not finding.certain  # the case this test is about
    token = _token(client.get("/chat").get_data(as_text=True))
    client.post("/chat", data={"csrf_token": token, "message": message})
    page = client.get("/chat").get_data(as_text=True)
    log = page.split('id="chat-log"', 1)[1]
    assert "If anyone is in danger right now" in log and 'href="tel:999"' in log
