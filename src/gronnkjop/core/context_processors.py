from django.utils.http import url_has_allowed_host_and_scheme

from .roles import Capability
from .selectors import organisation_list_for_user


def organisation(request):
    access = getattr(request, "access", None)
    user = getattr(request, "user", None)
    return {
        "access": access,
        "current_organisation": access.organisation if access else None,
        "can": {c.value: bool(access and access.can(c.value)) for c in Capability},
        "user_organisations": organisation_list_for_user(user=user) if user is not None and access else [],
    }


def navigation(request):
    from .navigation import items_for

    return {"nav_items": items_for(request)}


def own_referrer(request) -> str:
    """The page the request came from when it is one of ours, else ''."""
    referrer = request.headers.get("Referer", "")
    if referrer and url_has_allowed_host_and_scheme(referrer, allowed_hosts={request.get_host()}):
        return referrer
    return ""


def back(request) -> dict:
    """``back``: where to return after the language switch or from a page that only a form leads to.
    The address itself for a page one can open (GET); after a form was sent, the page the form was
    on (the referrer, when it is ours), since the form's own address cannot be opened again."""
    if request.method in ("GET", "HEAD"):
        return {"back": request.get_full_path()}
    return {"back": own_referrer(request) or "/"}
