"""The kinds of harm that interrupt the assistant (docs/safeguarding-taxonomy.md).

One list for the patterns, the classifier, the replies and the evaluation
sets, most urgent first: when a message holds several kinds, the reply
speaks to each in this order.
"""

from __future__ import annotations

KINDS: tuple[str, ...] = (
    "medical_emergency",
    "suicide_self_harm",
    "danger_now",
    "domestic_abuse",
    "missing_child",
    "physical_abuse",
    "sexual_abuse",
    "neglect",
    "parent_may_harm",
    "sexual_exploitation",
    "criminal_exploitation",
    "trafficking",
    "fgm",
    "forced_marriage",
)
# Danger found by a layer that cannot name its kind (the assistant's NLU).
UNSPECIFIED = "unspecified"


def by_urgency(kinds: list[str]) -> list[str]:
    """The kinds without repeats, most urgent first; unknown ones last."""
    order = {kind: index for index, kind in enumerate(KINDS)}
    return sorted(dict.fromkeys(kinds), key=lambda kind: order.get(kind, len(KINDS)))
