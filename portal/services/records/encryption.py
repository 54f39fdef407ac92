"""Re-encrypting every encrypted column under the current DATA_ENCRYPTION_KEY.

Rotating the key: set the new key as DATA_ENCRYPTION_KEY, move the old one to
DATA_ENCRYPTION_OLD_KEYS, run `flask records rotate-key`, then drop the old key. Rows are
rewritten in batches, each batch in one commit, so a run can be stopped and started again.
"""

from __future__ import annotations

from collections.abc import Callable

from portal.data import encryption_store


def rotate_all(progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Rows rewritten per table."""
    done: dict[str, int] = {}
    for table in encryption_store.ENCRYPTED:
        done[table] = encryption_store.rewrite(table, progress)
    return done
