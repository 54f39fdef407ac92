"""Action tests use their own outbox file and start no background delivery of their own."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("ACTION_OUTBOX_DELIVERY", "off")
os.environ.setdefault("ACTION_OUTBOX_PATH", os.path.join(tempfile.mkdtemp(prefix="outbox-"), "outbox.db"))
