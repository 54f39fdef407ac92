"""What leaves the portal: the outbox of notifications to the front door (email, webhook), texts to
families and their GSM-7 segments.
"""
