"""Custom Rasa graph components for the Family Help assistant."""

from components import fast_schema_validation  # noqa: F401  (applied wherever the model loads)
