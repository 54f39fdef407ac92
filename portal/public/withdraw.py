"""Withdrawing a referral: /withdraw (the link the family is given with their reference)."""

from __future__ import annotations

from flask import current_app, render_template, request
from flask_babel import gettext
from sqlalchemy.exc import SQLAlchemyError

from portal.public import bp
from portal.services.records import withdrawal


def _page(problem: str | None = None, reference: str = "", done: object = None) -> str:
    return render_template("public/withdraw.html", problem=problem, reference=reference, done=done)


@bp.get("/withdraw")
def withdraw_form() -> str:
    return _page()


@bp.post("/withdraw")
def withdraw() -> tuple[str, int]:
    reference = request.form.get("reference", "").strip()[:40]
    check = request.form.get("check", "").strip()[:254]
    problem = None
    if not reference or not check:
        problem = gettext("Enter your reference and the phone number or email address you gave us.")
    else:
        try:
            done = withdrawal.withdraw(reference, check)
        except withdrawal.NotFound:
            problem = gettext(
                "We could not find a request with that reference and those details. Check them and try again."
            )
        except SQLAlchemyError:
            current_app.logger.error("withdraw: database error")
            problem = gettext("Sorry, something went wrong and nothing was changed. Please try again later.")
            return render_template(
                "public/withdraw.html", problem=problem, reference=reference, done=None
            ), 503
        else:
            return render_template("public/withdraw.html", problem=None, reference="", done=done), 200
    return render_template("public/withdraw.html", problem=problem, reference=reference, done=None), 400
