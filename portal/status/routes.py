"""Operational endpoints: /healthz."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app

from portal.services.status.health import health_report

bp = Blueprint("status", __name__)


@bp.get("/healthz")
def healthz() -> tuple[dict[str, Any], int]:
    """Status of each component. 200 while the portal can serve pages (its
    database is up), 503 otherwise: a load balancer should keep sending
    families here when only the assistant is down, because pages still work."""
    report = health_report(current_app._get_current_object())  # type: ignore[attr-defined]
    code = 200 if report["components"]["database"]["status"] == "up" else 503
    return report, code
