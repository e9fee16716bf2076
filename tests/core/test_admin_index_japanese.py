"""The admin index reads in Japanese: every app and model name, third-party apps included."""

import re

from tests.conftest import client_for

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# Abbreviations Japanese uses as they are (SDGsゴール).
ALLOWED_ASCII_WORDS = {"SDGs"}


def _index_labels(html: str) -> list[str]:
    apps = re.findall(r'<caption>\s*<a [^>]*class="section"[^>]*>(.*?)</a>', html, re.S)
    models = re.findall(r'<th scope="row"[^>]*>\s*(?:<a [^>]*>)?(.*?)(?:</a>)?\s*</th>', html, re.S)
    return [label.strip() for label in apps + models]


def test_every_app_and_model_name_on_the_admin_index_is_japanese(admin_user):
    html = client_for(admin_user).get("/admin/").content.decode()
    labels = _index_labels(html)
    assert len(labels) > 15  # the apps and their models, not an empty page
    for label in labels:
        assert JAPANESE.search(label), f"not Japanese: {label!r}"
        ascii_words = set(re.findall(r"[A-Za-z]+", label)) - ALLOWED_ASCII_WORDS
        assert not ascii_words, f"English left in {label!r}"
    # The background-task app is named, and a plural is not a counted phrase ("件の…").
    assert "バックグラウンド処理" in labels and "処理結果" in labels
    assert "ネットワーク加盟" in labels
    assert not [label for label in labels if label.startswith("件")]


def test_the_admin_greets_the_person_by_name(admin_user):
    admin_user.full_name = "古賀 健一"
    admin_user.save()
    html = client_for(admin_user).get("/admin/").content.decode()
    assert "<strong>古賀 健一</strong>" in html
