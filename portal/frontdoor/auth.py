"""Staff sign-in: password, then a one-time code; sessions with idle and absolute timeouts."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from flask import abort, current_app, g, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from portal.frontdoor import bp
from portal.services.frontdoor import staff_auth
from portal.services.frontdoor.staff_auth import StaffUser

IDLE_SECONDS = 30 * 60
ABSOLUTE_SECONDS = 12 * 60 * 60
PENDING_SECONDS = 5 * 60  # between the password and the code
MESSAGES = {
    "invalid": "The email address, password or code is not right.",
    "wait": "Too many attempts with this email address. Wait {seconds} seconds, then try again.",
}


def _problem(result: staff_auth.SignInResult) -> str:
    return MESSAGES[result.problem or "invalid"].format(seconds=result.wait_seconds)


def client_address() -> str | None:
    """This request's address as sign-in events store it: a keyed hash, never the address."""
    return staff_auth.address_key(request.remote_addr, current_app.config["SECRET_KEY"])


def _too_many_attempts(address: str | None, user: StaffUser | None = None) -> Response | None:
    """The 429 page when this address has failed too often lately, checked before any
    password or code so it says nothing about whether an account exists."""
    config = current_app.config
    minutes = int(config["SIGNIN_ADDRESS_WINDOW_MINUTES"])
    window = timedelta(minutes=minutes)
    if not staff_auth.address_limited(address, int(config["SIGNIN_ADDRESS_LIMIT"]), window, user):
        return None
    html = render_template("frontdoor/too_many_attempts.html", minutes=minutes)
    response = Response(html, status=429, mimetype="text/html")
    response.headers["Retry-After"] = str(minutes * 60)
    return response


@bp.after_request
def never_cache(response: Response) -> Response:
    """Staff pages hold families' details: never from a cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


def signed_in_user() -> Any:
    """The signed-in staff member, or None; ends sessions that are idle or too old."""
    user_id = session.get("staff_id")
    if user_id is None:
        return None
    now = time.time()
    if (
        now - session.get("staff_seen", 0) > IDLE_SECONDS
        or now - session.get("staff_since", 0) > ABSOLUTE_SECONDS
    ):
        staff_auth.record_event(staff_auth.user_by_id(user_id), "session_expired", client_address())
        session.clear()
        return None
    user = staff_auth.user_by_id(user_id)
    if user is None or not user.active or not staff_auth.session_current(user, session.get("staff_epoch")):
        session.clear()  # signed out elsewhere, a new role or password: sign in again
        return None
    session["staff_seen"] = now
    return user


def staff_required(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Only signed-in staff, and only these roles when given (403 for others)."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            user = signed_in_user()
            if user is None:
                return redirect(url_for("frontdoor.sign_in"))
            if roles and user.role not in roles:
                staff_auth.record_event(user, "refused_role", client_address())
                abort(403)
            g.staff = user
            return view(*args, **kwargs)

        return wrapped

    return decorate


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> Response:
    error = None
    if request.method == "POST":
        address = client_address()
        refused = _too_many_attempts(address)
        if refused is not None:
            return refused
        form = request.form
        result = staff_auth.check_password(form.get("email", ""), form.get("password", ""), address)
        if result.user is not None:
            session.clear()  # a new session at each sign-in
            session["staff_pending"] = result.user.id
            session["staff_pending_at"] = time.time()
            return redirect(url_for("frontdoor.enter_code"), code=303)
        error = _problem(result)
    html = render_template("frontdoor/sign_in.html", error=error)
    return Response(html, status=400 if error else 200, mimetype="text/html")


@bp.route("/sign-in/code", methods=["GET", "POST"])
def enter_code() -> Response:
    user_id = session.get("staff_pending")
    if user_id is None or time.time() - session.get("staff_pending_at", 0) > PENDING_SECONDS:
        session.clear()
        return redirect(url_for("frontdoor.sign_in"), code=303)
    user = staff_auth.user_by_id(user_id)
    error = None
    if request.method == "POST" and user is not None:
        address = client_address()
        refused = _too_many_attempts(address, user)
        if refused is not None:
            return refused
        result = staff_auth.check_code(user, request.form.get("code", ""), address=address)
        if result.user is not None:
            session.clear()
            now = time.time()
            session.update(
                staff_id=result.user.id,
                staff_since=now,
                staff_seen=now,
                staff_epoch=result.user.session_epoch or 0,
            )
            return redirect(url_for("frontdoor.home"), code=303)
        error = _problem(result)
    html = render_template("frontdoor/code.html", error=error)
    return Response(html, status=400 if error else 200, mimetype="text/html")


@bp.post("/sign-out")
def sign_out() -> Response:
    user = signed_in_user()
    if user is not None:
        staff_auth.end_all_sessions(user)  # every browser this account is signed in on
        staff_auth.record_event(user, "signed_out", client_address())
    session.clear()
    return redirect(url_for("frontdoor.sign_in"), code=303)
