"""Every string a person reads is translated in every catalogue."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.conftest import LANGUAGES, PROJECT_ROOT

TRANSLATIONS = PROJECT_ROOT / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def translated(message) -> bool:
    """Every form filled in (plural entries have one per plural form)."""
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    return bool(forms) and all(forms)


def catalogue(lang: str):
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


@pytest.fixture(scope="module")
def source_ids(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The strings in the code and templates today (not the possibly stale .pot)."""
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "--no-location",
            "-F",
            "babel.cfg",
            "-k",
            "lazy_gettext",
            "-k",
            "_l",
            "-o",
            str(pot),
            ".",
        ],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        return {message.id for message in read_po(handle) if message.id}  # tuples for plural entries


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_translates_every_string_in_the_source(lang: str, source_ids: set[str]) -> None:
    messages = {message.id: message for message in catalogue(lang) if message.id}
    missing = sorted(source_ids - set(messages), key=str)
    assert not missing, f"{lang}: not in the catalogue (run `make i18n`): {missing[:5]}"
    untranslated = sorted(str(i) for i in source_ids if not translated(messages[i]))
    assert not untranslated, f"{lang}: untranslated: {untranslated[:5]}"
    fuzzy = sorted((i for i in source_ids if messages[i].fuzzy), key=str)
    assert not fuzzy, f"{lang}: fuzzy (needs a translator's check): {fuzzy[:5]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_their_placeholders(lang: str) -> None:
    for message in catalogue(lang):
        if not (message.id and translated(message)):
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(ids[-1]))
        for form in forms:
            # A plural form for "one" may spell the number out, so it may drop %(num)d.
            found = set(PLACEHOLDER.findall(form))
            assert found <= expected and expected - found <= {"num"}, (
                f"{lang}: placeholders differ in {ids[0]!r}"
            )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalogue_is_up_to_date(lang: str) -> None:
    folder = TRANSLATIONS / lang / "LC_MESSAGES"
    po, mo = folder / "messages.po", folder / "messages.mo"
    assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime, f"{lang}: run `make translations`"


def test_no_language_is_missing_a_catalogue() -> None:
    folders = {path.name for path in TRANSLATIONS.iterdir() if path.is_dir()}
    assert folders == set(LANGUAGES)


def test_catalogues_are_not_checked_in_compiled() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "translations"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert not [path for path in tracked if Path(path).suffix == ".mo"]
