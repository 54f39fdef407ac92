"""A public instance can leave the action server's API out altogether (#15.14)."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from tests.conftest import make_test_app


def test_with_internal_api_off_the_internal_paths_do_not_exist(app: Flask, tmp_path: Path) -> None:
    public = make_test_app(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path, INTERNAL_API=False)
    token = public.config["SERVICE_TOKEN"]
    client = public.test_client()
    draft = "/internal/referral-drafts/key-0000000000000000/submit"
    paths = ("/internal/chat/need", "/internal/referrals", draft)
    for path in paths:
        response = client.post(path, json={}, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 404, path
    assert client.get("/").status_code == 200  # the pages families read are still served


def test_by_default_the_internal_api_answers_only_with_the_token(app: Flask) -> None:
    client = app.test_client()
    assert client.post("/internal/chat/need", json={}).status_code == 401
