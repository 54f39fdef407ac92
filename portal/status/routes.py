"""Operational endpoints: /healthz."""

from __future__ import annotations

import hmac
import ipaddress
from typing import Any

from flask import Blueprint, current_app, request

from portal.services.status.health import health_report

bp = Blueprint("status", __name__)


@bp.get("/healthz")
def healthz() -> tuple[dict[str, Any], int]:
    """Status of each component. 200 while the portal can serve pages (its
    database is up), 503 otherwise: a load balancer should keep sending
    families here when only the assistant is down, because pages still work."""
    report = health_report(current_app._get_current_object())  # type: ignore[attr-defined]
    code = 200 if report["components"]["database"]["status"] == "up" else 503
    if not _operator():
        return {"status": report["status"]}, code  # the public sees up or not, never what runs
    return report, code


def _operator() -> bool:
    """The machine itself (a load balancer's or monitor's check on localhost), or whoever
    sends HEALTH_TOKEN: component names, versions and counts are for operators."""
    token = str(current_app.config.get("HEALTH_TOKEN") or "")
    given = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if token and hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
        return True
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False
