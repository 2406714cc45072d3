"""Request middleware: the interface language, and ``request.access`` (organisation + roles).

The acting organisation is kept in the session and changed only through the switcher, which accepts
only organisations the user is a member of.
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation

from .context_processors import own_referrer
from .selectors import access_for_user

SESSION_KEY = "gronnkjop_organisation_id"


class OrganisationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.access = None
        request.organisation = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            access = access_for_user(user=user, organisation_id=request.session.get(SESSION_KEY))
            if access is not None:
                request.access = access
                request.organisation = access.organisation
                if request.session.get(SESSION_KEY) != access.organisation.pk:
                    request.session[SESSION_KEY] = access.organisation.pk
        return self.get_response(request)


class LanguageMiddleware(LocaleMiddleware):
    """Bokmål, unless the user chose another language with the switch in the header (kept in the
    language cookie). Unlike Django's ``LocaleMiddleware`` this does not follow the browser's
    ``Accept-Language``: the service speaks bokmål to everyone (a browser set to English, or to
    nynorsk, which Django would answer in English, still gets bokmål), and English is a choice."""

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class MethodNotAllowedPage:
    """A page instead of Django's empty 405 for a browser that opens an address only a form may
    send to (a bookmarked or reloaded form result, ``/konto/utlogging/`` typed in): it says so and
    leads back. The ``Allow`` header is kept; API clients asking for JSON get the bare response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 405
            and not response.content
            and "html" in request.headers.get("Accept", "text/html")
            and not request.path.startswith("/api/")
        ):
            # ``back`` (also the language switch's target) is where the user came from, not here
            page = render(request, "405.html", {"back": own_referrer(request)}, status=405)
            if response.has_header("Allow"):
                page["Allow"] = response["Allow"]
            return page
        return response
