from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from tsunagu.core import dashboard
from tsunagu.core.middleware import LANG_COOKIE

SUPPORTED_LANGUAGES = {code for code, _name in settings.LANGUAGES}


@login_required
def home(request):
    """The start page: the widgets other apps registered in ``core.dashboard``."""
    rendered = []
    for widget in dashboard.widgets():
        context = widget.context(request)
        if context is None:
            continue
        html = render_to_string(widget.template, {**context, "widget": widget}, request=request)
        rendered.append({"key": widget.key, "html": html})
    return render(request, "home.html", {"widgets": rendered})


@require_POST
def set_language(request):
    """Switch the UI language; remembered in a cookie and on the user's profile."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    next_url = _without_lang_parameter(next_url)
    response = HttpResponseRedirect(next_url)
    if language in SUPPORTED_LANGUAGES:
        response.set_cookie(LANG_COOKIE, language, max_age=365 * 24 * 3600, samesite="Lax")
        if request.user.is_authenticated and request.user.language != language:
            request.user.language = language
            request.user.save(update_fields=["language"])
    return response


def _without_lang_parameter(url: str) -> str:
    """Drop ``?lang=`` from the page to return to: it would override the choice just made."""
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key != "lang"]
    return urlunsplit(parts._replace(query=urlencode(query)))


def permission_denied(request, exception=None):
    """The 403 page: a refusal to show something says why (``reason``); else the rule on changes."""
    reason = getattr(exception, "reason", None)
    return render(request, "403.html", {"reason": reason}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
