"""Error pages are in the user's language and never show a stack trace."""

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from tsunagu.core import views


@pytest.fixture
def production(settings):
    settings.DEBUG = False


@pytest.mark.django_db
def test_an_unknown_address_gets_a_japanese_404_page(production):
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Language"] == "ja"
    text = response.content.decode()
    assert "ページが見つかりません" in text
    assert "Page not found" not in text
    assert "Traceback" not in text
    assert "URLconf" not in text


@pytest.mark.django_db
def test_an_english_user_gets_the_404_page_in_english(production):
    response = Client().get("/no-such-page/?lang=en")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_the_500_page_is_in_japanese_and_self_contained():
    request = RequestFactory().get("/")
    with translation.override("ja"):
        response = views.server_error(request)
    assert response.status_code == 500
    text = response.content.decode()
    assert "サーバー" in text
    assert "Server error" not in text


@pytest.mark.django_db
def test_the_403_page_explains_who_may_change_what():
    request = RequestFactory().get("/")
    with translation.override("ja"):
        response = views.permission_denied(request)
    assert response.status_code == 403
    assert "権限" in response.content.decode()


def test_a_logged_in_user_gets_the_404_page_with_the_full_header(production, as_water_editor):
    response = as_water_editor.get("/no-such-page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "ページが見つかりません" in text
    assert "ログアウト" in text


@pytest.mark.django_db
def test_the_start_page_sends_strangers_to_the_login_page():
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/"
