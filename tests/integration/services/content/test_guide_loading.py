"""Guides and translations: schema errors name the file and field; an English
edit flags its translations as out of date."""

import re
import shutil
from pathlib import Path

import pytest
from flask import Flask

from portal.services.content import catalogue
from portal.services.content.loader import load_content
from portal.services.content.schema import ContentError
from tests.conftest import PROJECT_ROOT


@pytest.fixture()
def content_dir(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", target)
    return target


def translated_guide(content_dir: Path, lang: str = "pl") -> str:
    return sorted(content_dir.glob(f"guides/*.{lang}.md"))[0].name.split(".")[0]


def replace_in(path: Path, old: str | re.Pattern[str], new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if isinstance(old, re.Pattern):
        assert old.search(text), f"{old.pattern!r} not in {path}"
        path.write_text(old.sub(lambda _: new, text, count=1), encoding="utf-8")
        return
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_editing_the_english_flags_translations_as_out_of_date(empty_app: Flask, content_dir: Path) -> None:
    slug = translated_guide(content_dir)
    with empty_app.app_context():
        load_content(content_dir)
        assert catalogue.get_page("guide", slug, "pl").translation in ("machine", "reviewed")
        english = content_dir / "guides" / f"{slug}.md"
        replace_in(
            english, "\n---\n", "\n---\nA new first paragraph, added after the translation was made.\n\n"
        )
        report = load_content(content_dir)
        page = catalogue.get_page("guide", slug, "pl")
    assert report.updated == 1  # only the English record changed
    assert page.translation == "outdated"
    assert page.lang == "pl"  # still shown, with a warning


def test_the_page_tells_the_reader_a_translation_is_out_of_date(empty_app: Flask, content_dir: Path) -> None:
    slug = translated_guide(content_dir, "ro")
    with empty_app.app_context():
        load_content(content_dir)
        replace_in(content_dir / "guides" / f"{slug}.md", "\ntitle: ", "\ntitle: Updated - ")
        load_content(content_dir)
    client = empty_app.test_client()
    html = client.get(f"/ro/guides/{slug}").get_data(as_text=True)
    assert "fh-translation-notice" in html and f'href="/en/guides/{slug}"' in html
    api = client.get("/api/content?kind=guide&lang=ro").get_json()
    assert {item["slug"]: item["translation"] for item in api["items"]}[slug] == "outdated"


@pytest.mark.parametrize(
    ("old", "new", "field", "problem"),
    [
        ("\ntitle: ", "\ntitel: ", "front matter.titel", "not a known field"),
        ("\nneeds: [", "\nneeds: [astrology, ", "front matter.needs", "'astrology' is not one of"),
        (
            re.compile(r"\nsms_summary: .*"),
            '\nsms_summary: "Call \u201cus\u201d now"',
            "front matter.sms_summary",
            "GSM-7",
        ),
        (
            re.compile(r"\nsms_summary: .*"),
            "\nsms_summary: " + "x" * 161,
            "front matter.sms_summary",
            "161 characters",
        ),
        ("\nlast_reviewed: 2026-11-01", "\nlast_reviewed: soon", "front matter.last_reviewed", "a date"),
        ("\n---\n", "\n---\n<script>alert(1)</script>\n", "body", "without HTML"),
        (
            re.compile(r"\nrelated_services: .*"),
            "\nrelated_services: [no-such-service]",
            "related_services",
            "not a service",
        ),
    ],
)
def test_a_malformed_guide_is_rejected_naming_file_and_field(
    empty_app: Flask, content_dir: Path, old: str | re.Pattern[str], new: str, field: str, problem: str
) -> None:
    path = sorted((content_dir / "guides").glob("*.md"))[0]
    path = path if "." not in path.stem else content_dir / "guides" / f"{path.name.split('.')[0]}.md"
    replace_in(path, old, new)
    with empty_app.app_context(), pytest.raises(ContentError) as raised:
        load_content(content_dir)
    message = str(raised.value)
    assert message.startswith(f"content/guides/{path.name}: ")
    assert field in message and problem in message


def test_a_translation_without_an_original_is_rejected(empty_app: Flask, content_dir: Path) -> None:
    source = sorted((content_dir / "guides").glob("*.pl.md"))[0]
    shutil.copy(source, content_dir / "guides" / "no-such-guide.pl.md")
    with (
        empty_app.app_context(),
        pytest.raises(ContentError, match=r"no-such-guide\.pl\.md: file name: there is no"),
    ):
        load_content(content_dir)


def test_api_content_contract(client) -> None:
    data = client.get("/api/content?kind=childhood_offer&lang=zh").get_json()
    assert len(data["items"]) == 10
    item = data["items"][0]
    assert set(item) == {
        "kind",
        "slug",
        "title",
        "url",
        "needs",
        "age_bands",
        "lang",
        "translation",
        "last_reviewed",
    }
    assert item["url"].startswith("/zh/childhood-offer/")
    assert client.get("/api/content?kind=nonsense").status_code == 400
    assert client.get("/api/content?kind=guide&lang=fr").status_code == 400
