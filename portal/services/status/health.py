"""Is each part of Family Help working? Used by /healthz and operators."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from flask import Flask, current_app
from sqlalchemy import text

from portal.clients.action_server import action_server_healthy
from portal.clients.rasa import RasaClient, RasaUnavailable
from portal.extensions import db
from portal.services.referrals import handover
from portal.services.search import index as search_index

Check = Callable[[], dict[str, Any]]


def check_database() -> dict[str, Any]:
    try:
        db.session.execute(text("SELECT 1"))
        return {"status": "up", "engine": db.engine.dialect.name}
    except Exception as error:  # any driver error means "down"; the reason is logged, not shown
        db.session.rollback()
        current_app.logger.warning("database health check failed: %s", type(error).__name__)
        return {"status": "down", "engine": db.engine.dialect.name}


def check_rasa() -> dict[str, Any]:
    config = current_app.config
    client = RasaClient(config["RASA_URL"], config["RASA_TOKEN"], config["HEALTH_CHECK_TIMEOUT"])
    try:
        status = client.status()
    except RasaUnavailable:
        return {"status": "down"}
    if not status.get("model_file"):
        return {"status": "down", "detail": "no model loaded"}
    return {"status": "up", "model": str(status.get("model_id") or status.get("model_file"))}


def check_action_server() -> dict[str, Any]:
    config = current_app.config
    up = action_server_healthy(config["ACTION_SERVER_URL"], config["HEALTH_CHECK_TIMEOUT"])
    return {"status": "up" if up else "down"}


def check_search_index() -> dict[str, Any]:
    return search_index.index_status(current_app.config["SEARCH_INDEX_DIR"])


def check_referral_handover() -> dict[str, Any]:
    """Referrals families sent that have not arrived within minutes (a stuck outbox)."""
    try:
        stuck = handover.stuck_count()
    except Exception as error:  # the database check reports the outage itself
        db.session.rollback()
        current_app.logger.warning("hand-over check failed: %s", type(error).__name__)
        return {"status": "unknown"}
    refused = handover.refused_lately()  # not a fault of ours (a forged key, say): shown, not "down"
    if stuck:
        return {"status": "stuck", "waiting": stuck, "refused_last_day": refused}
    return {"status": "up", "waiting": 0, "refused_last_day": refused}


CHECKS: dict[str, Check] = {
    "database": check_database,
    "rasa": check_rasa,
    "action_server": check_action_server,
    "search_index": check_search_index,
    "referral_handover": check_referral_handover,
}


# Checks that wait on another server run at once, each on its own thread, so a dead service
# costs one timeout, not four; the database checks are quick and run on the request's own thread
# (and its own database session).
LOCAL_CHECKS = ("database", "referral_handover")


def health_report(app: Flask) -> dict[str, Any]:
    def run(check: Check) -> dict[str, Any]:
        with app.app_context():
            return check()

    remote = {name: check for name, check in CHECKS.items() if name not in LOCAL_CHECKS}
    with ThreadPoolExecutor(max_workers=len(remote)) as pool:
        futures = {name: pool.submit(run, check) for name, check in remote.items()}
        local = {name: CHECKS[name]() for name in LOCAL_CHECKS}
        components = {**local, **{name: future.result() for name, future in futures.items()}}
    components = {name: components[name] for name in CHECKS}  # the order they are listed in
    all_up = all(component["status"] == "up" for component in components.values())
    return {"status": "ok" if all_up else "degraded", "components": components}
