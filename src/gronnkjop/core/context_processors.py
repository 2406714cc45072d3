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
