"""Sets ``request.access`` (organisation + roles) for logged-in users.

The acting organisation is kept in the session and changed only through the switcher, which accepts
only organisations the user is a member of.
"""

from __future__ import annotations

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
