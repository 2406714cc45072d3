"""The one decorator every organisation page uses."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render


def organisation_required(capability: str = "view"):
    """Require a logged-in member of an organisation who holds ``capability`` there.

    Anonymous users go to the log-in page; members without the capability get 403; users without any
    membership see a page that says so. Rows of other organisations are a 404 in the selectors.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.access is None:
                return render(request, "core/no_membership.html", status=403)
            if not request.access.can(capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
