"""Records over their life: retention, redaction, subject access and a family's withdrawal."""
