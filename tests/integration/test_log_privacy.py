"""A database error's traceback must not carry a family's words or number into the log."""

from __future__ import annotations

import io
import logging

from flask import Flask
from sqlalchemy.exc import IntegrityError

from portal.data.models import Referral
from portal.extensions import db
from portal.log_privacy import private_handler

WORDS = "My son Jakub Nowak stays in his room all day"
PHONE = "07700 900321"


def test_a_failing_insert_logs_the_error_but_not_the_familys_details(empty_app: Flask) -> None:
    stream = io.StringIO()
    handler = private_handler(stream)
    logger = logging.getLogger("familyhelp.test.database")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with empty_app.app_context():
            # No reference and no language: the database refuses the row, with its values bound.
            db.session.add(Referral(own_words=WORDS, contact={"method": "phone", "phone": PHONE}))
            try:
                db.session.commit()
            except IntegrityError:
                logger.exception("could not store a referral")
                db.session.rollback()
    finally:
        logger.removeHandler(handler)
    log = stream.getvalue()
    assert "could not store a referral" in log
    assert "IntegrityError" in log  # the operator still sees what failed, and where
    assert "Jakub" not in log
    assert "Nowak" not in log
    assert "900321" not in log
