"""Choose the UI language for each request.

Order: ``?lang=`` in the URL (remembered in a cookie), the cookie, the signed-in
user's saved preference, the browser's Accept-Language header, then Japanese.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

LANG_COOKIE = settings.LANGUAGE_COOKIE_NAME
SUPPORTED = {code for code, _name in settings.LANGUAGES}


def _supported(code: str | None) -> str | None:
    if not code:
        return None
    # "en", "en-US" and "en_GB" mean English; "english" or "jax" mean nothing.
    code = code.strip().lower().replace("_", "-").split("-")[0]
    return code if code in SUPPORTED else None


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from_url = _supported(request.GET.get("lang"))
        user = getattr(request, "user", None)
        language = (
            from_url
            or _supported(request.COOKIES.get(LANG_COOKIE))
            or (_supported(user.language) if user is not None and user.is_authenticated else None)
            or translation.get_language_from_request(request)
            or settings.LANGUAGE_CODE
        )
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        if from_url:
            response.set_cookie(LANG_COOKIE, from_url, max_age=365 * 24 * 3600, samesite="Lax")
        translation.deactivate()
        return response
