"""Custom Rasa graph components for the Family Help assistant."""
