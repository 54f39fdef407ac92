"""Custom Rasa graph components for the Family Help assistant."""

from components import fast_action_validation  # noqa: F401  (applied wherever the model loads)
