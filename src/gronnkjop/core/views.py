"""Core pages: start page, organisation switcher, units, members, API tokens, audit log, health."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .forms import ApiTokenForm, MembershipForm, UnitForm
from .home import figures_for
from .middleware import SESSION_KEY
from .permissions import organisation_required
from .roles import CAPABILITIES, Capability, Role


def csrf_failure(request, reason: str = ""):
    """The page for a form whose security check failed (``CSRF_FAILURE_VIEW``): most often the form was
    open while the user logged out or in again, or it was sent from a page kept open for long. It says
    so in the user's language and leads back, instead of Django's technical page."""
    return render(request, "403_csrf.html", status=403)


@require_GET
def healthz(request):
    """Liveness and readiness in one: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return JsonResponse({"status": "error", "database": str(exc.__class__.__name__)}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@organisation_required()
def home(request):
    access = request.access
    organisation = access.organisation
    context = {
        "organisation": organisation,
        "roles": [Role(r).label for r in sorted(access.roles)],
        "capabilities": [Capability(c).label for c in sorted(access.capabilities)],
        "collaborations": selectors.collaboration_list(organisation=organisation),
        "partners": selectors.partner_list(organisation=organisation),
        "unit_count": selectors.unit_list(organisation=organisation, include_inactive=False).count(),
        "member_count": selectors.membership_list(organisation=organisation)
        .values("user")
        .distinct()
        .count(),
        "figures": figures_for(request),
    }
    return render(request, "core/home.html", context)


@require_POST
@organisation_required()
def organisation_switch(request):
    wanted = request.POST.get("organisation")
    mine = {str(o.pk): o for o in selectors.organisation_list_for_user(user=request.user)}
    if wanted not in mine:
        messages.error(request, _("You are not a member of that organisation."))
    else:
        request.session[SESSION_KEY] = mine[wanted].pk
        messages.success(request, _("You now act for %(name)s.") % {"name": mine[wanted].name})
    return redirect("core:home")


@organisation_required()
def unit_list(request):
    units = selectors.unit_list(organisation=request.organisation)
    return render(request, "core/unit_list.html", {"units": units})


@organisation_required()
def unit_detail(request, pk: int):
    unit = get_object_or_404(selectors.unit_list(organisation=request.organisation), pk=pk)
    members = selectors.membership_list(organisation=request.organisation).filter(unit=unit)
    return render(request, "core/unit_detail.html", {"unit": unit, "members": members})


@organisation_required(Capability.MANAGE_MEMBERS)
def unit_edit(request, pk: int | None = None):
    unit = get_object_or_404(selectors.unit_list(organisation=request.organisation), pk=pk) if pk else None
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.unit_save(organisation=request.organisation, unit=unit, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The unit “%(name)s” is saved.") % {"name": saved.name})
            return redirect("core:unit_detail", pk=saved.pk)
    return render(request, "core/unit_form.html", {"form": form, "unit": unit})


@organisation_required(Capability.MANAGE_MEMBERS)
def membership_list(request):
    organisation = request.organisation
    form = MembershipForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            grant = services.membership_grant(
                organisation=organisation,
                username=data["username"],
                email=data["email"],
                role=data["role"],
                unit=data["unit"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            membership = grant.membership
            if grant.user_created:
                services.user_invite_send(
                    user=membership.user, organisation=organisation, base_url=request.build_absolute_uri("/")
                )
            names = {"user": membership.user.username, "role": membership.get_role_display()}
            if grant.unit_changed:
                names |= {
                    "old": grant.previous_unit.name if grant.previous_unit else _("no unit"),
                    "new": membership.unit.name if membership.unit else _("no unit"),
                }
                message = _(
                    "%(user)s had the role %(role)s already; its unit is changed from %(old)s to %(new)s."
                )
            else:
                message = _("%(user)s now has the role %(role)s.")
            messages.success(request, message % names)
            return redirect("core:membership_list")
    memberships = selectors.membership_list(organisation=organisation)
    return render(
        request,
        "core/membership_list.html",
        {
            "memberships": memberships,
            "form": form,
            "matrix": [
                (Role(r).label, [Capability(c).label for c in sorted(caps)])
                for r, caps in CAPABILITIES.items()
            ],
        },
    )


@require_POST
@organisation_required(Capability.MANAGE_MEMBERS)
def membership_revoke(request, pk: int):
    membership = get_object_or_404(selectors.membership_list(organisation=request.organisation), pk=pk)
    try:
        services.membership_revoke(organisation=request.organisation, membership=membership, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The role is removed."))
    return redirect("core:membership_list")


@organisation_required(Capability.MANAGE_MEMBERS)
def api_token_list(request):
    form = ApiTokenForm(request.POST or None)
    raw_key = None
    if request.method == "POST" and form.is_valid():
        _token, raw_key = services.api_token_create(
            organisation=request.organisation, name=form.cleaned_data["name"], by=request.user
        )
        form = ApiTokenForm()
    tokens = selectors.api_token_list(organisation=request.organisation)
    return render(request, "core/api_token_list.html", {"tokens": tokens, "form": form, "raw_key": raw_key})


@require_POST
@organisation_required(Capability.MANAGE_MEMBERS)
def api_token_revoke(request, pk: int):
    token = get_object_or_404(selectors.api_token_list(organisation=request.organisation), pk=pk)
    services.api_token_revoke(organisation=request.organisation, token=token)
    messages.success(request, _("The token is revoked."))
    return redirect("core:api_token_list")


@organisation_required(Capability.MANAGE_MEMBERS)
def audit_log(request):
    entries = selectors.audit_log(organisation=request.organisation)
    return render(request, "core/audit_log.html", {"entries": entries})
