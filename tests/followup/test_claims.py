import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gronnkjop.followup.models import Claim, ClaimStatus, Deviation, DeviationStatus, Gain
from gronnkjop.followup.services import (
    claim_create,
    claim_transition,
    control_run,
    deviation_dismiss,
    deviation_reopen,
    invoice_import,
)

from .conftest import ehf


@pytest.fixture
def deviations(dulten, write):
    """Three price deviations at two suppliers, and one small order."""
    docs = [
        ehf(number="A-1", lines=(("KP-10001", "Kopipapir", "20", "60.00"),)),  # office, +7.10 × 20
        ehf(number="A-2", lines=(("KP-10032", "Ringperm", "30", "45.00"),)),  # office, +6 × 30
        ehf(
            number="S-1",
            supplier=("920000134", "Datapartner Innlandet AS"),
            contract_ref="SAM-201",
            unit="EA",
            lines=(("DP-MUS-01", "Mus", "10", "199.00"),),
        ),  # ICT, +50 × 10
        ehf(number="SMALL-1", lines=(("KP-10020", "Kulepenn", "10", None),)),
    ]
    invoice_import(organisation=dulten, paths=[write(f"{n}.xml", d) for n, d in enumerate(docs)])
    return {d.invoice.number: d for d in Deviation.objects.select_related("invoice")}


def test_control_found_the_deviations(deviations):
    assert sorted((n, d.code, d.amount_at_stake) for n, d in deviations.items()) == [
        ("A-1", "PRICE_ABOVE_AGREEMENT", Decimal("142.00")),
        ("A-2", "PRICE_ABOVE_AGREEMENT", Decimal("180.00")),
        ("S-1", "PRICE_ABOVE_AGREEMENT", Decimal("500.00")),
        ("SMALL-1", "SMALL_ORDER", Decimal("95.00")),
    ]


def test_claims_are_made_per_supplier_and_contract(dulten, deviations, users_admin):
    claims = claim_create(organisation=dulten, deviations=list(deviations.values()), by=users_admin)
    assert [(c.number, c.supplier_orgnr, c.contract.number, c.amount, c.status) for c in claims] == [
        (f"KRAV-{dt.date.today().year}-0001", "920000134", "SAM-201", Decimal("500.00"), "draft"),
        (f"KRAV-{dt.date.today().year}-0002", "920000185", "DUL-103", Decimal("322.00"), "draft"),
    ]
    assert sorted(Deviation.objects.values_list("invoice__number", "status")) == [
        ("A-1", "claimed"),
        ("A-2", "claimed"),
        ("S-1", "claimed"),
        ("SMALL-1", "open"),
    ]


def test_a_claim_goes_from_sent_to_refunded_and_becomes_a_gain(dulten, deviations, users_admin):
    [claim] = claim_create(organisation=dulten, deviations=[deviations["S-1"]], by=users_admin)
    today = timezone.localdate()  # a step can be dated neither before the claim nor after today
    for step in (ClaimStatus.SENT, ClaimStatus.ACCEPTED):
        claim_transition(organisation=dulten, claim=claim, to=step, by=users_admin, on=today)
    claim = claim_transition(
        organisation=dulten,
        claim=claim,
        to=ClaimStatus.REFUNDED,
        by=users_admin,
        on=today,
        amount=Decimal("450.00"),
    )
    assert (claim.status, claim.sent_on, claim.refunded_amount) == ("refunded", today, Decimal("450.00"))
    gain = Gain.objects.get()
    assert (gain.kind, gain.amount, gain.year, gain.contract.number, gain.supplier_name) == (
        "refund",
        Decimal("450.00"),
        today.year,
        "SAM-201",
        "Datapartner Innlandet AS",
    )
    assert list(claim.history.order_by("history_date").values_list("status", "history_user__username")) == [
        ("draft", "avtaleforvalter"),
        ("sent", "avtaleforvalter"),
        ("accepted", "avtaleforvalter"),
        ("refunded", "avtaleforvalter"),
    ]


def test_a_rejected_claim_releases_its_deviations(dulten, deviations, users_admin):
    [claim] = claim_create(organisation=dulten, deviations=[deviations["A-1"]], by=users_admin)
    claim_transition(organisation=dulten, claim=claim, to=ClaimStatus.SENT, by=users_admin)
    claim_transition(organisation=dulten, claim=claim, to=ClaimStatus.REJECTED, by=users_admin)
    deviation = Deviation.objects.get(invoice__number="A-1")
    assert (deviation.status, deviation.claim) == ("open", None)
    assert Gain.objects.count() == 0


def test_a_claim_cannot_skip_steps(dulten, deviations, users_admin):
    [claim] = claim_create(organisation=dulten, deviations=[deviations["A-1"]], by=users_admin)
    with pytest.raises(ValidationError) as caught:
        claim_transition(organisation=dulten, claim=claim, to=ClaimStatus.REFUNDED, by=users_admin)
    assert caught.value.messages == ["Et krav som er «Utkast», kan ikke bli «Tilbakebetalt»."]
    assert Claim.objects.get().status == "draft"


def test_small_order_is_not_claimable_from_the_supplier(dulten, deviations, users_admin):
    with pytest.raises(ValidationError):
        claim_create(organisation=dulten, deviations=[deviations["SMALL-1"]], by=users_admin)
    assert Claim.objects.count() == 0


def test_dismiss_needs_a_reason_and_survives_a_new_control_run(dulten, deviations, users_admin):
    small = deviations["SMALL-1"]
    with pytest.raises(ValidationError):
        deviation_dismiss(organisation=dulten, deviations=[small], reason="  ", by=users_admin)
    assert (
        deviation_dismiss(organisation=dulten, deviations=[small], reason="Belastet internt", by=users_admin)
        == 1
    )
    control_run(organisation=dulten)
    small.refresh_from_db()
    assert (small.status, small.dismissed_reason) == (DeviationStatus.DISMISSED, "Belastet internt")
    deviation_reopen(organisation=dulten, deviation=small, by=users_admin)
    small.refresh_from_db()
    assert small.status == DeviationStatus.OPEN


def test_a_deviation_that_is_no_longer_found_is_marked_resolved(dulten, deviations):
    from gronnkjop.contracts.models import PriceListItem

    PriceListItem.objects.filter(article_number="DP-MUS-01").update(unit_price=Decimal("199.00"))
    control_run(organisation=dulten)
    assert Deviation.objects.get(invoice__number="S-1").status == DeviationStatus.RESOLVED


def test_services_refuse_another_organisations_deviations(dulten, deviations, users_admin):
    from gronnkjop.core.models import Organisation

    nordvik = Organisation.objects.get(orgnr="940080185")
    with pytest.raises(ValidationError):
        deviation_dismiss(organisation=nordvik, deviations=[deviations["A-1"]], reason="x", by=users_admin)
    with pytest.raises(ValidationError):
        claim_create(organisation=nordvik, deviations=[deviations["A-1"]], by=users_admin)
    assert Deviation.objects.get(invoice__number="A-1").status == "open"


def test_the_control_writes_the_audit_trail_of_deviations(dulten, deviations):
    from gronnkjop.contracts.models import PriceListItem

    mouse = deviations["S-1"]
    assert [(h.history_type, h.status) for h in mouse.history.order_by("history_id")] == [("+", "open")]
    PriceListItem.objects.filter(article_number="DP-MUS-01").update(unit_price=Decimal("199.00"))
    control_run(organisation=dulten)
    assert [(h.history_type, h.status) for h in mouse.history.order_by("history_id")] == [
        ("+", "open"),
        ("~", "resolved"),
    ]


def test_a_resolved_deviation_found_again_opens_again_with_history(dulten, deviations):
    from gronnkjop.contracts.models import PriceListItem

    item = PriceListItem.objects.get(article_number="DP-MUS-01")
    agreed = item.unit_price
    PriceListItem.objects.filter(pk=item.pk).update(unit_price=Decimal("199.00"))
    control_run(organisation=dulten)
    PriceListItem.objects.filter(pk=item.pk).update(unit_price=agreed)
    control_run(organisation=dulten)
    mouse = Deviation.objects.get(invoice__number="S-1")
    assert mouse.status == DeviationStatus.OPEN
    assert [h.status for h in mouse.history.order_by("history_id")] == ["open", "resolved", "open"]
