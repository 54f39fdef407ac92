import shutil
from pathlib import Path

import pytest
from flask import Flask

from portal.data import content_store
from portal.services.content.loader import load_content, read_content
from portal.services.content.schema import ContentError
from tests.conftest import PROJECT_ROOT

CONTACTS = Path("site") / "contacts.yaml"


@pytest.fixture()
def content_dir(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", target)
    return target


@pytest.fixture()
def fresh_app(empty_app: Flask) -> Flask:
    return empty_app


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_content_is_valid() -> None:
    records = read_content(PROJECT_ROOT / "content")
    purposes = {record.data["purpose"] for record in records if record.kind == "contact"}
    assert {"emergency", "front_door", "out_of_hours", "child", "suicide", "domestic_abuse"} <= purposes


def test_loading_twice_changes_nothing(fresh_app: Flask, content_dir: Path) -> None:
    with fresh_app.app_context():
        first = load_content(content_dir)
        before = {(i.kind, i.slug, i.lang): (i.id, i.updated_at) for i in content_store.all_published()}
        second = load_content(content_dir)
        after = {(i.kind, i.slug, i.lang): (i.id, i.updated_at) for i in content_store.all_published()}
    assert first.added == len(before) > 0
    assert (second.added, second.updated, second.removed) == (0, 0, 0)
    assert second.unchanged == first.added
    assert before == after


def test_an_edit_updates_only_what_changed(fresh_app: Flask, content_dir: Path) -> None:
    with fresh_app.app_context():
        load_content(content_dir)
        edit(content_dir / CONTACTS, '"0151 606 2008"', '"0151 606 2999"')
        report = load_content(content_dir)
        front_door = [i for i in content_store.items_of_kind("contact") if i.slug == "front_door"]
        total = content_store.count_items()
    assert (report.added, report.updated, report.removed) == (0, 1, 0)
    assert front_door[0].data["phone"] == "0151 606 2999"
    assert total == report.unchanged + 1
    assert total > 100  # guides, Childhood Offer, services and translations too


def test_a_removed_file_is_removed(fresh_app: Flask, content_dir: Path) -> None:
    extra = content_dir / "services" / "temporary-service.yaml"
    shutil.copy(content_dir / "services" / "family-lives.yaml", extra)
    with fresh_app.app_context():
        load_content(content_dir)
        assert "temporary-service" in {i.slug for i in content_store.items_of_kind("service")}
        extra.unlink()
        report = load_content(content_dir)
        slugs = {i.slug for i in content_store.items_of_kind("service")}
    assert (report.added, report.updated, report.removed) == (0, 0, 1)
    assert "temporary-service" not in slugs and "family-lives" in slugs


@pytest.mark.parametrize(
    ("old", "new", "field", "problem"),
    [
        ('phone: "116 123"', 'phone: "call us"', "contacts[4].phone", "phone number"),
        ("purpose: suicide", "purpose: worries", "contacts[4].purpose", "must be one of"),
        (
            "    free: true\n    url: https://www.samaritans.org",
            "    free: maybe\n    url: https://www.samaritans.org",
            "contacts[4].free",
            "true or false",
        ),
        (
            'opens: "09:00", closes: "17:00"',
            'opens: "17:00", closes: "09:00"',
            "contacts[1].available[0].closes",
            "later than opens",
        ),
        (
            "  - slug: shout\n",
            "  - slug: shout\n    colour: blue\n",
            "contacts[5].colour",
            "not a known field",
        ),
        ("  - slug: childline\n", "  - slug: samaritans\n", "contacts[4].slug", "used twice"),
        ("contacts:\n", "contacts:\n  - [\n", "line", "not valid YAML"),
    ],
)
def test_a_malformed_file_is_rejected_naming_file_and_field(
    fresh_app: Flask, content_dir: Path, old: str, new: str, field: str, problem: str
) -> None:
    edit(content_dir / CONTACTS, old, new)
    with fresh_app.app_context():
        with pytest.raises(ContentError) as raised:
            load_content(content_dir)
        stored = content_store.count_items()
    message = str(raised.value)
    assert message.startswith("content/site/contacts.yaml: ")
    assert field in message and problem in message
    assert stored == 0, "a rejected load must write nothing"
