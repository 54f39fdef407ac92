"""The SMS channel: a text message in, the replies out, the control words a family can send."""
