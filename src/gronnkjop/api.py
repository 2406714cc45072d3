"""The JSON API under ``/api/v1/`` (OpenAPI schema at ``/api/v1/openapi.json``, docs at ``/api/v1/docs``).

Authentication is a bearer token (``Authorization: Bearer gk_...``) created by an administrator on
the page "API-nøkler"; each token acts for exactly one organisation. A logged-in browser session works
too, acting for the organisation chosen in the switcher. Each app adds its router here.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.security import HttpBearer, SessionAuth

from gronnkjop.core import selectors as core_selectors
from gronnkjop.core import services as core_services


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str):
        api_token = core_selectors.api_token_resolve(raw_key=token)
        if api_token is None:
            return None
        core_services.api_token_touch(token=api_token)
        request.api_organisation = api_token.organisation
        return api_token


class OrganisationSessionAuth(SessionAuth):
    """A logged-in member acting for the organisation chosen in the switcher."""

    def authenticate(self, request: HttpRequest, key):
        user = super().authenticate(request, key)
        if user is None or getattr(request, "access", None) is None:
            return None
        request.api_organisation = request.access.organisation
        return user


#: The calendar years the API answers for (``?year=``); outside them a request gets a 422 naming the field.
YEAR_LIMITS = {"ge": 2000, "le": 2100}


def api_organisation(request: HttpRequest):
    """The organisation the API request acts for (set by the authentication classes)."""
    return request.api_organisation


api = NinjaAPI(
    title="Grønnkjøp API",
    version="1",
    description=(
        "Read and write Grønnkjøp data for one organisation. Authenticate with a bearer token created "
        "under “API-nøkler”. Every list is scoped to the token's organisation; rows of other "
        "organisations answer 404."
    ),
    auth=[TokenAuth(), OrganisationSessionAuth(csrf=True)],
    urls_namespace="api",
)

# Routers import `api_organisation` from here, so they are added after it is defined.
from gronnkjop.contracts.api import router as contracts_router  # noqa: E402
from gronnkjop.core.api import router as core_router  # noqa: E402
from gronnkjop.examples.api import router as examples_router  # noqa: E402
from gronnkjop.followup.api import router as followup_router  # noqa: E402
from gronnkjop.reuse.api import router as reuse_router  # noqa: E402

api.add_router("", core_router)
api.add_router("/examples", examples_router)
api.add_router("", contracts_router)
api.add_router("", followup_router)
api.add_router("/reuse", reuse_router)
