"""/healthz reports each component; the portal keeps serving when Rasa is down."""

from flask import Flask

from portal.services.search.build import rebuild_search_index


def test_healthz_reports_each_component(app: Flask, client) -> None:
    with app.app_context():
        rebuild_search_index(app.config["SEARCH_INDEX_DIR"])
    response = client.get("/healthz")
    assert response.status_code == 200
    report = response.get_json()
    components = report["components"]
    assert set(components) == {"database", "rasa", "action_server", "search_index", "referral_handover"}
    assert components["referral_handover"] == {"status": "up", "waiting": 0, "refused_last_day": 0}
    assert components["database"]["status"] == "up"
    assert components["search_index"]["status"] == "up"
    assert components["search_index"]["documents"] > 0
    # Nothing listens where the test app looks for Rasa and the action server.
    assert components["rasa"]["status"] == "down"
    assert components["action_server"]["status"] == "down"
    assert report["status"] == "degraded"


def test_healthz_reports_a_missing_index(database_url, tmp_path) -> None:
    from tests.conftest import make_test_app

    app = make_test_app(database_url, tmp_path, SEARCH_INDEX_DIR=tmp_path / "never-built")
    report = app.test_client().get("/healthz").get_json()
    assert report["components"]["search_index"]["status"] == "down"


def test_healthz_is_503_when_the_database_is_down(tmp_path) -> None:
    from tests.conftest import make_test_app

    app = make_test_app(f"sqlite:///{tmp_path}/missing-dir/nothing.db", tmp_path)
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["components"]["database"]["status"] == "down"


def test_pages_still_work_when_the_database_is_down(tmp_path) -> None:
    from tests.conftest import make_test_app

    app = make_test_app(f"sqlite:///{tmp_path}/missing-dir/nothing.db", tmp_path)
    response = app.test_client().get("/help-now")
    # The page renders (without numbers from content) rather than an error page.
    assert response.status_code == 200
    assert "999" in response.get_data(as_text=True)


def test_the_public_sees_whether_it_is_up_but_not_what_runs(empty_app: Flask, tmp_path) -> None:
    from tests.conftest import make_test_app

    # Its own database: /healthz checks run on threads, which the per-test transaction cannot join.
    uri = empty_app.config["SQLALCHEMY_DATABASE_URI"]
    monitored = make_test_app(uri, tmp_path, HEALTH_TOKEN="t" * 32)
    client = monitored.test_client()
    outside = {"REMOTE_ADDR": "203.0.113.7"}
    public = client.get("/healthz", environ_base=outside).get_json()
    assert set(public) == {"status"}
    operator = client.get("/healthz", environ_base=outside, headers={"Authorization": "Bearer " + "t" * 32})
    assert "components" in operator.get_json()
