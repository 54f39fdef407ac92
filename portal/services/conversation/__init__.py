"""A conversation with the assistant on any channel: the gateway every message passes, the referral
form inside a chat, re-asks and the transcript.
"""
