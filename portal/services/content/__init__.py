"""The content families read: loading and checking content files, the catalogue of guides,
Childhood Offer pages and services, contacts and opening hours, feedback.
"""
