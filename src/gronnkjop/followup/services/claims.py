"""From deviation to money: dismiss, gather into refund claims, follow a claim to refund, and record
documented gains."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from gronnkjop.core.i18n import stored_text
from gronnkjop.core.models import Organisation
from gronnkjop.core.templatetags.gk import dato, kr

from ..models import (
    GAIN_DESCRIPTIONS,
    Claim,
    ClaimStatus,
    Deviation,
    DeviationStatus,
    Gain,
    GainKind,
)

#: Deviations whose amount is money the supplier owes back. The others (a missing reference, an
#: unknown reference, a small-order fee owed by the orderer) are followed up without a claim.
CLAIMABLE = {
    "PRICE_ABOVE_AGREEMENT",
    "ARTICLE_NOT_IN_PRICE_LIST",
    "MARKUP_ABOVE_AGREEMENT",
    "DUPLICATE_INVOICE",
    "AFTER_EXPIRY",
    "OVER_CEILING",
}

TRANSITIONS = {
    ClaimStatus.DRAFT: {ClaimStatus.SENT},
    ClaimStatus.SENT: {ClaimStatus.ACCEPTED, ClaimStatus.REJECTED},
    ClaimStatus.ACCEPTED: {ClaimStatus.REFUNDED, ClaimStatus.CREDITED},
    ClaimStatus.REJECTED: set(),
    ClaimStatus.REFUNDED: set(),
    ClaimStatus.CREDITED: set(),
}


def claim_split(deviations: list[Deviation]) -> tuple[list[Deviation], list[Deviation], list[Deviation]]:
    """``deviations`` as (those a claim can take, those no longer open, those of a kind followed up
    without a claim). :func:`claim_create` takes the first; the page says why it left out the others."""
    usable, not_open, not_claimable = [], [], []
    for deviation in deviations:
        if deviation.status != DeviationStatus.OPEN:
            not_open.append(deviation)
        elif deviation.code not in CLAIMABLE:
            not_claimable.append(deviation)
        else:
            usable.append(deviation)
    return usable, not_open, not_claimable


def step_date_error(claim: Claim, to: str, on: dt.date) -> str | None:
    """Why ``on`` cannot be the date of the step ``to`` of ``claim``, or None when it can.

    A step cannot be dated after today (Oslo time), nor before the step it follows: sending not before
    the claim was created, the answer not before it was sent, the refund or credit note not before the
    answer."""
    today = timezone.localdate()
    if on > today:
        return _("The date cannot be in the future (today is %(today)s).") % {"today": dato(today)}
    created = timezone.localdate(claim.created) if claim.created else None
    if to in {ClaimStatus.REFUNDED, ClaimStatus.CREDITED} and claim.answered_on and on < claim.answered_on:
        return _("The date cannot be before the supplier answered (%(date)s).") % {
            "date": dato(claim.answered_on)
        }
    if to != ClaimStatus.SENT and claim.sent_on and on < claim.sent_on:
        return _("The date cannot be before the claim was sent (%(date)s).") % {"date": dato(claim.sent_on)}
    if created and on < created:
        return _("The date cannot be before the claim was created (%(date)s).") % {"date": dato(created)}
    return None


def settled_amount_error(claim: Claim, amount: Decimal) -> str | None:
    """Why ``amount`` cannot be what the supplier refunded or credited on ``claim``, or None when it
    can: it must be above zero and not more than the amount claimed (more would book a gain that was
    never claimed)."""
    if amount <= 0:
        return _("The amount must be above zero.")
    if amount > claim.amount:
        return _("The amount cannot be more than the amount claimed (%(amount)s).") % {
            "amount": kr(claim.amount)
        }
    return None


#: The largest gain that can be recorded by hand. The model's ``max_digits`` (16) would take
#: 99 999 999 999 999,99 kr, which is how a typing error got in. One documented gain above
#: 1 000 000 000 kr (a billion) is more than a large municipality's whole yearly spend under most of
#: its agreements (Sirkula documented 4.4 MNOK in a full year), so it is refused as a mistake.
GAIN_CEILING = Decimal("1000000000")


def gain_errors(amount: Decimal | None, on: dt.date | None) -> dict[str, str]:
    """Why a gain recorded by hand cannot have ``amount`` or ``on``, per field (empty when it can):
    the amount above zero and not above :data:`GAIN_CEILING`, the date not after today (Oslo time)."""
    errors = {}
    if amount is not None:
        if amount <= 0:
            errors["amount"] = _("The amount must be above zero.")
        elif amount > GAIN_CEILING:
            errors["amount"] = _("The amount cannot be more than %(ceiling)s.") % {
                "ceiling": kr(GAIN_CEILING, 0)
            }
    today = timezone.localdate()
    if on is not None and on > today:
        errors["on"] = _("The date cannot be in the future (today is %(today)s).") % {"today": dato(today)}
    return errors


def _check(organisation: Organisation, deviations: list[Deviation]) -> None:
    if any(d.organisation_id != organisation.pk for d in deviations):
        raise ValidationError(_("A deviation belongs to another organisation."))


@transaction.atomic
def deviation_dismiss(
    *, organisation: Organisation, deviations: list[Deviation], reason: str, by=None
) -> int:
    """Dismiss open deviations with a reason (kept in their history). Returns how many changed."""
    _check(organisation, deviations)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason for dismissing."))
    changed = 0
    for deviation in deviations:
        if deviation.status != DeviationStatus.OPEN:
            continue
        deviation.status, deviation.dismissed_reason = DeviationStatus.DISMISSED, reason
        deviation._history_user = by
        deviation.save(update_fields=["status", "dismissed_reason"])
        changed += 1
    return changed


@transaction.atomic
def deviation_reopen(*, organisation: Organisation, deviation: Deviation, by=None) -> None:
    _check(organisation, [deviation])
    if deviation.status != DeviationStatus.DISMISSED:
        raise ValidationError(_("Only a dismissed deviation can be reopened."))
    deviation.status, deviation.dismissed_reason = DeviationStatus.OPEN, ""
    deviation._history_user = by
    deviation.save(update_fields=["status", "dismissed_reason"])


def _next_number(organisation: Organisation, year: int) -> str:
    prefix = f"KRAV-{year}-"
    last = (
        Claim.objects.select_for_update()
        .filter(organisation=organisation, number__startswith=prefix)
        .aggregate(m=Max("number"))["m"]
    )
    n = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{n:04d}"


@transaction.atomic
def claim_create(*, organisation: Organisation, deviations: list[Deviation], by=None) -> list[Claim]:
    """Gather open, claimable deviations into draft claims: one per supplier and contract."""
    _check(organisation, deviations)
    usable, _not_open, _not_claimable = claim_split(deviations)
    if not usable:
        raise ValidationError(
            _(
                "None of the chosen deviations can be claimed (open price, article, markup, "
                "duplicate, expiry or ceiling deviations can)."
            )
        )
    groups: dict[tuple, list[Deviation]] = defaultdict(list)
    for deviation in usable:
        invoice = deviation.invoice
        groups[(invoice.supplier_orgnr, deviation.contract_id)].append(deviation)
    claims = []
    year = timezone.localdate().year
    for (orgnr, contract_id), items in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
        invoice = items[0].invoice
        claim = Claim(
            organisation=organisation,
            number=_next_number(organisation, year),
            supplier=invoice.supplier,
            supplier_orgnr=orgnr,
            supplier_name=invoice.supplier_name,
            contract_id=contract_id,
            amount=sum((d.amount_at_stake for d in items), Decimal("0.00")),
            created_by=by,
        )
        claim._history_user = by
        claim.save()
        for deviation in items:
            deviation.status, deviation.claim = DeviationStatus.CLAIMED, claim
            deviation._history_user = by
            deviation.save(update_fields=["status", "claim"])
        claims.append(claim)
    return claims


@transaction.atomic
def claim_transition(
    *,
    organisation: Organisation,
    claim: Claim,
    to: str,
    by=None,
    on: dt.date | None = None,
    amount: Decimal | None = None,
    note: str = "",
) -> Claim:
    """Move a claim along draft → sent → accepted/rejected → refunded/credited.

    ``on`` (default today) cannot be after today nor before the previous step (see
    :func:`step_date_error`); a wrong date raises a ``ValidationError`` for the field ``on``.

    ``refunded`` records the amount paid back; ``credited`` means the supplier settled with a credit note
    before payment. Both become a documented gain; a rejected claim releases its deviations.
    """
    if claim.organisation_id != organisation.pk:
        raise ValidationError(_("The claim belongs to another organisation."))
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if to not in TRANSITIONS[claim.status]:
        raise ValidationError(
            _("A claim that is “%(from)s” cannot become “%(to)s”.")
            % {"from": ClaimStatus(claim.status).label, "to": ClaimStatus(to).label}
        )
    on = on or timezone.localdate()
    problem = step_date_error(claim, to, on)
    if problem:
        raise ValidationError({"on": [problem]})
    if to == ClaimStatus.SENT:
        claim.sent_on = on
    elif to in {ClaimStatus.ACCEPTED, ClaimStatus.REJECTED}:
        claim.answered_on = on
    if to in {ClaimStatus.REFUNDED, ClaimStatus.CREDITED}:
        amount = claim.amount if amount is None else Decimal(amount)
        problem = settled_amount_error(claim, amount)
        if problem:
            raise ValidationError({"amount": [problem]})
        claim.refunded_amount, claim.refunded_on = amount, on
        # the description is the system's: stored as a key, shown in the reader's language
        key = "refund_claim" if to == ClaimStatus.REFUNDED else "credit_note_claim"
        params = {"number": claim.number}
        Gain.objects.create(
            organisation=organisation,
            kind=GainKind.REFUND if to == ClaimStatus.REFUNDED else GainKind.AVOIDED,
            amount=amount,
            date=on,
            year=on.year,
            claim=claim,
            contract=claim.contract,
            supplier=claim.supplier,
            supplier_name=claim.supplier_name,
            created_by=by,
            description=stored_text(GAIN_DESCRIPTIONS, key, params),
            description_key=key,
            description_params=params,
        )
    if to == ClaimStatus.REJECTED:
        _release(claim, by)
    if note:
        claim.note = (claim.note + "\n" + note).strip()
    claim.status = to
    claim._history_user = by
    claim.save()
    return claim


def _release(claim: Claim, by) -> list[Deviation]:
    """Open the claim's deviations again (a rejected or withdrawn claim); returns them."""
    released = list(claim.deviations.all())
    for deviation in released:
        deviation.status, deviation.claim = DeviationStatus.OPEN, None
        deviation._history_user = by
        deviation.save(update_fields=["status", "claim"])
    return released


@transaction.atomic
def claim_withdraw(*, organisation: Organisation, claim: Claim, by=None) -> list[Deviation]:
    """Withdraw a draft claim (made by mistake, or to be built again): its deviations are open again
    and the draft is deleted; its history keeps the record. A claim that was sent cannot be withdrawn
    (mark it rejected instead). Returns the released deviations."""
    if claim.organisation_id != organisation.pk:
        raise ValidationError(_("The claim belongs to another organisation."))
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if claim.status != ClaimStatus.DRAFT:
        raise ValidationError(_("Only a draft can be withdrawn; a sent claim can be marked as rejected."))
    released = _release(claim, by)
    claim._history_user = by
    claim.delete()
    return released


@transaction.atomic
def gain_record(
    *,
    organisation: Organisation,
    kind: str,
    amount: Decimal,
    on: dt.date,
    description: str,
    contract=None,
    supplier=None,
    by=None,
) -> Gain:
    """Record a gain documented outside a claim (e.g. a price cut won in a follow-up meeting)."""
    if contract is not None and contract.organisation_id not in _usable(organisation):
        raise ValidationError(_("The contract belongs to another organisation."))
    problems = gain_errors(Decimal(amount), on)
    if problems:
        raise ValidationError({field: [problem] for field, problem in problems.items()})
    return Gain.objects.create(
        organisation=organisation,
        kind=kind,
        amount=Decimal(amount),
        date=on,
        year=on.year,
        contract=contract,
        supplier=supplier,
        supplier_name=supplier.name if supplier else "",
        description=description,
        created_by=by,
    )


@transaction.atomic
def gain_delete(*, organisation: Organisation, gain: Gain, by=None) -> None:
    """Delete a gain recorded by hand (a mistake); the gain's history keeps it, with who deleted it.
    A gain that came from a refund claim is the claim's refund or credit note and cannot be deleted:
    it is corrected through the claim."""
    if gain.organisation_id != organisation.pk:
        raise ValidationError(_("The gain belongs to another organisation."))
    if gain.claim_id is not None:
        raise ValidationError(
            _("A gain from a refund claim cannot be deleted; it is corrected through the claim.")
        )
    gain._history_user = by
    gain.delete()


def _usable(organisation: Organisation) -> list[int]:
    from gronnkjop.contracts.selectors import usable_owner_ids

    return usable_owner_ids(organisation=organisation)


def claim_total(claim: Claim) -> Decimal:
    return claim.deviations.aggregate(s=Sum("amount_at_stake"))["s"] or Decimal("0.00")
