"""How typed words are read, in six languages: normalised text, numbers in words, ages, towns and
postcodes, phone numbers, the language a message is written in. Knows no product rules beyond
reading.
"""
