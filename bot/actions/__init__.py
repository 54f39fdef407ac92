"""Custom actions for the Family Help assistant.

Each action is a thin adapter that calls the portal's internal API; the
assistant's triage, signposting and referral actions are added here.
"""
