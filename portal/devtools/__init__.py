"""Development and test stand-ins for outside services (never used in production)."""
