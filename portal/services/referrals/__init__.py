"""A referral to the Early Help front door: the form's questions, reading answers, consent, and
storing a referral with its notifications.
"""
