"""The GSM 03.38 alphabet texts are sent in, kept once: the text sender (delivery) counts
segments by it, and the content checks hold SMS summaries to it.

A character in the basic table costs one septet; one in the extension table is sent
as an escape plus the character, so costs two. Anything else makes the whole text
UCS-2.
"""

from __future__ import annotations

BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
EXTENDED = frozenset("^{}\\[~]|€\f")


def is_gsm7(text: str) -> bool:
    return all(char in BASIC or char in EXTENDED for char in text)


def gsm7_length(text: str) -> int | None:
    """Length in GSM-7 septets, or None when the text needs UCS-2."""
    length = 0
    for char in text:
        if char in BASIC:
            length += 1
        elif char in EXTENDED:
            length += 2
        else:
            return None
    return length
