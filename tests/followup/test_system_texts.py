"""The description of a gain the system records from a refund claim («Refund claim KRAV-…», «Credit note
for claim KRAV-…») is shown in the language of the page and of the API request, whichever language the
claim was settled in; a description typed for a gain recorded by hand is shown exactly as typed; gains
stored as text before the key existed get it from the data migration."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import timezone

from gronnkjop.followup.models import Gain

from .ui_fixtures import (  # noqa: F401 - fixtures
    contract_a,
    login,
    make_claim,
    make_gain,
    org_a,
    supplier,
    token_for,
    users_a,
)

pytestmark = pytest.mark.django_db

DATA_MIGRATION = "0003_gain_description_key_from_stored_text"
REFUND = {"en": "Refund claim KRAV-2026-0001", "nb": "Krav om tilbakebetaling KRAV-2026-0001"}
CREDIT = {"en": "Credit note for claim KRAV-2026-0002", "nb": "Kreditnota for krav KRAV-2026-0002"}
TYPED = "Prisavslag i oppfølgingsmøte"
OTHER = {"en": "nb", "nb": "en"}


def _speak(client, language: str):
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    return client


def _settle(client, claim, last_step: str) -> None:
    url = reverse("followup:claim_transition", args=[claim.pk])
    today = timezone.localdate().isoformat()
    for step in ("sent", "accepted", last_step):
        assert client.post(url, {"step": step, f"{step}-on": today}).status_code == 302


@pytest.fixture
def settled(org_a, contract_a, users_a, login):
    """A function that settles one claim as refunded and one as credited, and records a gain by hand,
    all through the pages in the given language; returns the client."""

    def settle(language: str):
        client = _speak(login(users_a["avtaleforvalter"]), language)
        _settle(client, make_claim(org_a, "KRAV-2026-0001", contract=contract_a), "refunded")
        _settle(client, make_claim(org_a, "KRAV-2026-0002", contract=contract_a), "credited")
        response = client.post(
            reverse("followup:gain_list"),
            {"kind": "avoided", "amount": "12 500", "on": "14.02.2026", "description": TYPED},
        )
        assert response.status_code == 302
        return client

    return settle


def _pages(client, contract) -> dict[str, str]:
    refund = Gain.objects.get(claim__number="KRAV-2026-0001")
    urls = {
        "gains": reverse("followup:gain_list"),
        "gain": reverse("followup:gain_detail", args=[refund.pk]),
        "claim": reverse("followup:claim_detail", args=[refund.claim_id]),
        "contract": reverse("followup:contract_followup", args=[contract.pk]),
    }
    return {name: client.get(url).content.decode() for name, url in urls.items()}


@pytest.mark.parametrize(("acted", "shown"), [("nb", "en"), ("en", "nb"), ("nb", "nb"), ("en", "en")])
def test_a_gain_from_a_claim_is_described_in_the_language_of_the_page(acted, shown, settled, contract_a):
    client = settled(acted)
    pages = _pages(_speak(client, shown), contract_a)
    for text in (REFUND[shown], CREDIT[shown], TYPED):
        assert f">{text}</a></td>" in pages["gains"]
    for text in (REFUND[shown], CREDIT[shown]):  # the gain recorded by hand is under no contract
        assert f">{text}</a>: " in pages["contract"]
    assert f'<h1 class="ds-heading" data-size="lg">{REFUND[shown]}</h1>' in pages["gain"]
    assert f">{REFUND[shown]}</a>: " in pages["claim"]
    for page in pages.values():
        assert REFUND[OTHER[shown]] not in page
        assert CREDIT[OTHER[shown]] not in page
    # the text kept beside the key is bokmål, whoever settled the claim in which language
    assert sorted(Gain.objects.values_list("description", "description_key", "description_params")) == [
        ("Krav om tilbakebetaling KRAV-2026-0001", "refund_claim", {"number": "KRAV-2026-0001"}),
        ("Kreditnota for krav KRAV-2026-0002", "credit_note_claim", {"number": "KRAV-2026-0002"}),
        (TYPED, "", {}),
    ]


@pytest.mark.parametrize("shown", ["nb", "en"])
def test_a_gain_recorded_by_hand_keeps_its_description_as_typed(shown, settled):
    client = _speak(settled("en" if shown == "nb" else "nb"), shown)
    gain = Gain.objects.get(claim__isnull=True)
    page = client.get(reverse("followup:gain_detail", args=[gain.pk])).content.decode()
    assert f'<h1 class="ds-heading" data-size="lg">{TYPED}</h1>' in page
    page = client.get(reverse("followup:gain_delete", args=[gain.pk])).content.decode()
    assert f"<dd>{TYPED}</dd>" in page


def test_the_api_gives_the_description_in_the_language_of_the_request(settled, org_a, token_for):
    client = settled("nb")
    headers = {"Authorization": f"Bearer {token_for(org_a)}"}
    for language in ("en", "nb"):
        items = _speak(client, language).get("/api/v1/gains", headers=headers).json()["items"]
        assert sorted(
            (g["description"], g["description_key"], g["description_params"]) for g in items
        ) == sorted(
            [
                (REFUND[language], "refund_claim", {"number": "KRAV-2026-0001"}),
                (CREDIT[language], "credit_note_claim", {"number": "KRAV-2026-0002"}),
                (TYPED, "", {}),
            ]
        )


def _migrate_old_rows():
    """Run the data migration's step with the models as the migration saw them."""
    state = MigrationLoader(connection).project_state(("followup", DATA_MIGRATION))
    import_module(f"gronnkjop.followup.migrations.{DATA_MIGRATION}").forward(state.apps, None)


def test_the_data_migration_gives_old_claim_gains_their_key_and_leaves_typed_ones(
    org_a, contract_a, users_a, login
):
    one = make_claim(org_a, "KRAV-2026-0001", contract=contract_a)
    two = make_claim(org_a, "KRAV-2026-0002", contract=contract_a)
    three = make_claim(org_a, "KRAV-2026-0003", contract=contract_a)
    # as they were stored before the key: text only, in bokmål or (an English user's) in English
    old_bokmal = make_gain(org_a, kind="refund", claim=one, description=REFUND["nb"])
    old_english = make_gain(org_a, kind="avoided", claim=two, description=CREDIT["en"])
    by_hand = make_gain(org_a, kind="refund", description=REFUND["nb"])  # no claim: typed by a user
    other_number = make_gain(org_a, kind="refund", claim=three, description=REFUND["nb"])

    _migrate_old_rows()

    rows = {
        gain.pk: (gain.description, gain.description_key, gain.description_params)
        for gain in Gain.objects.all()
    }
    assert rows == {
        old_bokmal.pk: (REFUND["nb"], "refund_claim", {"number": "KRAV-2026-0001"}),
        old_english.pk: (CREDIT["nb"], "credit_note_claim", {"number": "KRAV-2026-0002"}),
        by_hand.pk: (REFUND["nb"], "", {}),
        other_number.pk: (REFUND["nb"], "", {}),
    }
    client = _speak(login(users_a["avtaleforvalter"]), "en")
    page = client.get(reverse("followup:gain_detail", args=[old_bokmal.pk])).content.decode()
    assert f'<h1 class="ds-heading" data-size="lg">{REFUND["en"]}</h1>' in page
    page = client.get(reverse("followup:gain_detail", args=[by_hand.pk])).content.decode()
    assert f'<h1 class="ds-heading" data-size="lg">{REFUND["nb"]}</h1>' in page
    _migrate_old_rows()  # again: nothing changes
    assert {
        g.pk: (g.description, g.description_key, g.description_params) for g in Gain.objects.all()
    } == rows
