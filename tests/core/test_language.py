"""The UI language: Japanese by default; English by ?lang=, cookie, the user's choice or the browser."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils import translation

from tsunagu.core.middleware import LanguageMiddleware

COOKIE = settings.LANGUAGE_COOKIE_NAME


def _language_seen_by_view(request, user=None):
    """Run the middleware around a view that reports the active language."""
    request.user = user or AnonymousUser()
    middleware = LanguageMiddleware(lambda req: HttpResponse(translation.get_language()))
    return middleware(request)


@pytest.fixture
def rf():
    return RequestFactory()


def test_japanese_is_the_default(rf):
    response = _language_seen_by_view(rf.get("/"))
    assert response.content == b"ja"
    assert response["Content-Language"] == "ja"


@pytest.mark.parametrize("header", ["en", "en-US,en;q=0.9", "en-GB"])
def test_an_english_browser_gets_english(rf, header):
    response = _language_seen_by_view(rf.get("/", HTTP_ACCEPT_LANGUAGE=header))
    assert response.content == b"en"


def test_an_unsupported_browser_language_falls_back_to_japanese(rf):
    response = _language_seen_by_view(rf.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9"))
    assert response.content == b"ja"


def test_lang_parameter_switches_and_is_remembered_in_a_cookie(rf):
    response = _language_seen_by_view(rf.get("/", {"lang": "en"}, HTTP_ACCEPT_LANGUAGE="ja"))
    assert response.content == b"en"
    assert response.cookies[COOKIE].value == "en"
    assert response.cookies[COOKIE]["samesite"] == "Lax"


@pytest.mark.parametrize("value", ["english", "xx", "", "jax"])
def test_an_unknown_lang_parameter_is_ignored(rf, value):
    response = _language_seen_by_view(rf.get("/", {"lang": value}))
    assert response.content == b"ja"
    assert COOKIE not in response.cookies


def test_the_cookie_beats_the_browser(rf):
    request = rf.get("/", HTTP_ACCEPT_LANGUAGE="ja")
    request.COOKIES[COOKIE] = "en"
    assert _language_seen_by_view(request).content == b"en"


def test_a_logged_in_users_saved_language_beats_the_browser(rf, viewer):
    viewer.language = "en"
    viewer.save()
    response = _language_seen_by_view(rf.get("/", HTTP_ACCEPT_LANGUAGE="ja"), user=viewer)
    assert response.content == b"en"


def test_a_user_without_a_saved_language_follows_the_browser(rf, viewer):
    assert viewer.language == ""
    response = _language_seen_by_view(rf.get("/", HTTP_ACCEPT_LANGUAGE="en"), user=viewer)
    assert response.content == b"en"


def test_the_lang_parameter_beats_the_users_saved_language(rf, viewer):
    viewer.language = "en"
    viewer.save()
    response = _language_seen_by_view(rf.get("/", {"lang": "ja"}), user=viewer)
    assert response.content == b"ja"


def test_responses_vary_on_cookie_and_accept_language(rf):
    vary = _language_seen_by_view(rf.get("/"))["Vary"]
    assert "Accept-Language" in vary
    assert "Cookie" in vary


def test_the_language_does_not_leak_into_the_next_request(rf):
    _language_seen_by_view(rf.get("/", {"lang": "en"}))
    assert _language_seen_by_view(rf.get("/")).content == b"ja"


# --- Through the whole stack: the login page ---------------------------------


@pytest.mark.django_db
def test_the_login_page_is_in_japanese_by_default():
    response = Client().get("/login/")
    assert response.status_code == 200
    assert response["Content-Language"] == "ja"
    text = response.content.decode()
    assert '<html lang="ja">' in text
    assert "ログイン" in text
    assert "Log in</h1>" not in text


@pytest.mark.django_db
def test_the_login_page_in_english_by_lang_parameter():
    client = Client()
    response = client.get("/login/?lang=en")
    assert '<html lang="en">' in response.content.decode()
    assert "<h1>Log in</h1>" in response.content.decode()
    # The cookie keeps English on the next page without the parameter.
    assert "<h1>Log in</h1>" in client.get("/login/").content.decode()


@pytest.mark.django_db
def test_the_login_page_in_english_for_an_english_browser():
    response = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.8").get("/login/")
    assert "<h1>Log in</h1>" in response.content.decode()


# --- The language button (set_language) ---------------------------------------


def test_switching_saves_the_choice_on_the_user_and_in_a_cookie(viewer):
    client = Client()
    client.force_login(viewer)
    response = client.post("/language/", {"language": "en", "next": "/login/?page=2"})
    assert response.status_code == 302
    assert response["Location"] == "/login/?page=2"
    assert response.cookies[COOKIE].value == "en"
    viewer.refresh_from_db()
    assert viewer.language == "en"

    client.post("/language/", {"language": "ja", "next": "/"})
    viewer.refresh_from_db()
    assert viewer.language == "ja"


@pytest.mark.django_db
def test_an_anonymous_visitor_gets_only_the_cookie():
    response = Client().post("/language/", {"language": "en", "next": "/login/"})
    assert response["Location"] == "/login/"
    assert response.cookies[COOKIE].value == "en"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/path", "http://evil.example", "javascript:alert(1)", ""],
)
def test_an_off_site_next_url_is_refused(next_url):
    response = Client().post("/language/", {"language": "en", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_the_lang_parameter_is_dropped_from_the_page_to_return_to():
    # Otherwise ?lang=ja in the old address would undo the switch to English at once.
    response = Client().post("/language/", {"language": "en", "next": "/login/?lang=ja&next=/x/"})
    assert response["Location"] == "/login/?next=%2Fx%2F"


def test_an_unsupported_language_changes_nothing(viewer):
    client = Client()
    client.force_login(viewer)
    response = client.post("/language/", {"language": "fr", "next": "/login/"})
    assert response.status_code == 302
    assert COOKIE not in response.cookies
    viewer.refresh_from_db()
    assert viewer.language == ""


@pytest.mark.django_db
def test_switching_needs_a_post():
    assert Client().get("/language/?language=en").status_code == 405


@pytest.mark.django_db
def test_switching_needs_the_csrf_token():
    client = Client(enforce_csrf_checks=True)
    assert client.post("/language/", {"language": "en"}).status_code == 403
