"""Input channels of our own (loaded by credentials.yml)."""
