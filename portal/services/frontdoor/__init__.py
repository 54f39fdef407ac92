"""The Early Help front door's work: the queue, decisions and notes, exports, staff sign-in with a
second factor.
"""
