"""Follow-up demo: a year of EHF invoices for Dulten, imported through the real importer (validated),
controlled, and a few deviations taken to claims and gains.

Generated once: when Dulten already has the demo batch, the step does nothing, so ``make demo`` can run
any number of times (also in a later month, when the relative dates would differ).
"""

from __future__ import annotations

import datetime as dt
import os

from django.utils import timezone

from gronnkjop.core.services import organisation_ensure
from gronnkjop.demo import DemoContext, register
from gronnkjop.formats import bulk_reading

from .demo_invoices import OUTSIDE_SUPPLIERS, PREFIX_SUPPLIER, generate
from .models import ClaimStatus, Deviation, DeviationStatus, ImportBatch, ImportKind
from .services import claim_create, claim_transition, control_run, deviation_dismiss
from .services.imports import InvoiceImportResult, import_document

DEMO_SOURCE = "Demodata: ett år med EHF-fakturaer"


def demo_scale() -> float:
    return float(os.environ.get("GRONNKJOP_DEMO_SCALE", "1"))


@register("followup", order=40)
def load(ctx: DemoContext) -> None:
    dulten = ctx.organisations["dulten"]
    if ImportBatch.objects.filter(organisation=dulten, source=DEMO_SOURCE).exists():
        return
    for key, (orgnr, name) in OUTSIDE_SUPPLIERS.items():
        ctx.organisations[key] = organisation_ensure(orgnr=orgnr, name=name, kind="leverandor").organisation
    suppliers = {key: ctx.organisations[key] for key in {*PREFIX_SUPPLIER.values(), *OUTSIDE_SUPPLIERS}}
    units = {key: unit.code for key, unit in ctx.units.items()}
    today = timezone.localdate()
    plan = generate(
        organisation=dulten, units=units, supplier_orgs=suppliers, today=today, scale=demo_scale()
    )
    officer = ctx.users["avtaleforvalter"]
    result = InvoiceImportResult(
        batch=ImportBatch.objects.create(
            organisation=dulten, kind=ImportKind.EHF, source=DEMO_SOURCE, created_by=officer
        )
    )
    with bulk_reading():
        for name, data in plan.documents:
            import_document(organisation=dulten, batch=result.batch, file=name, data=data, result=result)
    if result.rejected:
        raise RuntimeError(f"demo invoices were rejected: {result.rejected[:3]}")
    batch = result.batch
    batch.imported, batch.skipped = len(result.imported), len(result.skipped)
    batch.save(update_fields=["imported", "skipped"])
    control_run(organisation=dulten, by=officer, trigger="demo")
    _claims(dulten, officer, today)
    ctx.say(f"followup: {len(result.imported)} invoices, {len(plan.planted)} planted deviations")


def _claims(dulten, officer, today: dt.date) -> None:
    """Take the planted deviations some way: claims in every state, one dismissal."""
    open_ = Deviation.objects.filter(organisation=dulten, status=DeviationStatus.OPEN).select_related(
        "invoice"
    )
    prices = list(open_.filter(code="PRICE_ABOVE_AGREEMENT").order_by("invoice__supplier_orgnr", "pk"))
    duplicates = list(open_.filter(code="DUPLICATE_INVOICE").order_by("pk"))
    markups = list(open_.filter(code="MARKUP_ABOVE_AGREEMENT").order_by("pk"))
    claims = claim_create(organisation=dulten, deviations=prices[:3], by=officer)
    for claim in claims[:2]:
        claim_transition(organisation=dulten, claim=claim, to=ClaimStatus.SENT, by=officer, on=today)
    if claims:
        first = claims[0]
        claim_transition(organisation=dulten, claim=first, to=ClaimStatus.ACCEPTED, by=officer, on=today)
        claim_transition(organisation=dulten, claim=first, to=ClaimStatus.REFUNDED, by=officer, on=today)
    if duplicates:
        duplicate_claims = claim_create(organisation=dulten, deviations=duplicates[:1], by=officer)
        for step in (ClaimStatus.SENT, ClaimStatus.ACCEPTED, ClaimStatus.CREDITED):
            claim_transition(organisation=dulten, claim=duplicate_claims[0], to=step, by=officer, on=today)
    if markups:
        claim_create(organisation=dulten, deviations=markups[:2], by=officer)
    small = list(open_.filter(code="SMALL_ORDER").order_by("pk")[:1])
    if small:
        deviation_dismiss(
            organisation=dulten,
            deviations=small,
            by=officer,
            reason="Gebyret er belastet helse og omsorg internt; ingen sak mot leverandøren.",
        )
