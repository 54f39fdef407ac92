"""What the front door does with a referral: assign it, note, decide with a reason.

Each change is written to the referral's history and its audit in the same
commit. Decisions always carry a reason, because the family is told why.
"""

from __future__ import annotations

from portal.data import referral_store
from portal.data.models import Referral, StaffUser
from portal.services.delivery import notifications

DECISIONS = {
    "signpost": "Signpost to self-help or an open service",
    "early_help": "Offer early help (an assessment and support)",
    "step_up_mash": "Step up to children's social care through the MASH",
    "no_further_action": "No further action",
}
# Only managers make the decision: the council's front door has a manager decide within 24 hours.
DECIDERS = ("manager", "admin")
MAX_TEXT = 4000


class WorkError(ValueError):
    """Why the change was not made."""


def assign_to_me(referral: Referral, user: StaffUser) -> None:
    referral.assigned_to = user.id
    if referral.status == "new":
        referral.status = "assigned"
    referral_store.add_entry(referral, user, "assigned", f"Assigned to {user.name}")


def add_note(referral: Referral, user: StaffUser, text: str) -> None:
    text = text.strip()
    if not text:
        raise WorkError("Write the note before saving it.")
    referral_store.add_entry(referral, user, "note", text[:MAX_TEXT])


def decide(referral: Referral, user: StaffUser, decision: str, reason: str) -> None:
    if user.role not in DECIDERS:
        raise WorkError("Only a manager can record the decision.")
    if referral.status == "withdrawn":
        # The family took it back: a decision would overwrite that, and text them about it.
        raise WorkError(
            "The family withdrew this request, so there is nothing to decide. Notes can still be added."
        )
    if decision not in DECISIONS:
        raise WorkError("Choose a decision.")
    reason = reason.strip()
    if not reason:
        raise WorkError("Give the reason for the decision, in words the family can be told.")
    referral.decision = decision
    referral.decision_reason = reason[:MAX_TEXT]
    referral.status = "decided"
    notifications.queue_for(referral, "decided")  # a text to the family, if they said it is safe
    referral_store.add_entry(referral, user, "decision", f"{DECISIONS[decision]}: {reason[:MAX_TEXT]}")
