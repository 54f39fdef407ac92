"""Full-text search in six languages (Whoosh), building its index, and the signposts the assistant
and short links give.
"""
