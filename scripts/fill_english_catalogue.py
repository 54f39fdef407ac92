"""Make the English catalogue complete: English text is its own translation.

Run by `make i18n`, so the "no untranslated entries" test holds for en too.
"""

from pathlib import Path

from babel.messages.pofile import read_po, write_po

path = Path(__file__).resolve().parent.parent / "translations" / "en" / "LC_MESSAGES" / "messages.po"
with path.open("rb") as handle:
    catalog = read_po(handle, locale="en")
for message in catalog:
    if isinstance(message.id, tuple):
        if not all(message.string):
            message.string = message.id  # singular and plural forms
    elif message.id and not message.string:
        message.string = message.id
    message.flags.discard("fuzzy")
with path.open("wb") as handle:
    write_po(handle, catalog, sort_by_file=True, omit_header=False, width=100)
