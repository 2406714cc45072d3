"""Request middleware: the interface language, and ``request.access`` (organisation + roles).

The acting organisation is kept in the session and changed only through the switcher, which accepts
only organisations the user is a member of.
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

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
