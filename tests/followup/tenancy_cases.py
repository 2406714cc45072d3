"""Isolation cases of the follow-up models: another organisation's invoices, deviations, claims, gains,
imports, control runs and ledger lines are a 404 in the pages and the API."""

from __future__ import annotations

from django.urls import reverse

from tests.tenancy_cases import Case

from .ui_fixtures import (
    make_batch,
    make_claim,
    make_deviation,
    make_gain,
    make_invoice,
    make_ledger_line,
    make_run,
)


def _invoice(org, users):
    return make_invoice(org, f"T-{org.pk}")


def _deviation(org, users):
    return make_deviation(make_invoice(org, f"TD-{org.pk}"), "PRICE_ABOVE_AGREEMENT", "50.00")


def _deviation_unchanged(row):
    row.refresh_from_db()
    assert (row.status, row.claim_id) == ("open", None)


def _claim(org, users):
    claim = make_claim(org, f"KRAV-2026-{org.pk:04d}")
    deviation = _deviation(org, users)
    deviation.status, deviation.claim = "claimed", claim
    deviation.save()
    return claim


def _claim_unchanged(row):
    row.refresh_from_db()
    assert (row.status, row.sent_on) == ("draft", None)


def _claim_urls(row):
    return [
        ("GET", reverse("followup:claim_detail", args=[row.pk])),
        ("GET", reverse("followup:claim_letter", args=[row.pk])),
        ("GET", reverse("followup:claim_letter_pdf", args=[row.pk])),
        ("GET", reverse("followup:claim_letter_docx", args=[row.pk])),
        ("POST", reverse("followup:claim_transition", args=[row.pk])),
    ]


CASES: dict[str, Case] = {
    "followup.ImportBatch": Case(
        make=lambda org, users: make_batch(org),
        urls=lambda row: [("GET", reverse("followup:import_detail", args=[row.pk]))],
    ),
    "followup.Invoice": Case(
        make=_invoice,
        urls=lambda row: [("GET", reverse("followup:invoice_detail", args=[row.pk]))],
        api_urls=lambda row: [f"/api/v1/invoices/{row.pk}"],
        api_list="/api/v1/invoices",
        paginated=True,
    ),
    "followup.LedgerLine": Case(
        make=lambda org, users: make_ledger_line(org),
        urls=lambda row: [],
        api_urls=lambda row: [f"/api/v1/ledger-lines/{row.pk}"],
        api_list="/api/v1/ledger-lines",
        paginated=True,
    ),
    "followup.ControlRun": Case(
        make=lambda org, users: make_run(org),
        urls=lambda row: [("GET", reverse("followup:control_run_detail", args=[row.pk]))],
    ),
    "followup.Deviation": Case(
        make=_deviation,
        urls=lambda row: [
            ("GET", reverse("followup:deviation_detail", args=[row.pk])),
            ("POST", reverse("followup:deviation_reopen", args=[row.pk])),
        ],
        assert_unchanged=_deviation_unchanged,
        api_urls=lambda row: [f"/api/v1/deviations/{row.pk}"],
        api_list="/api/v1/deviations",
        paginated=True,
    ),
    "followup.Claim": Case(
        make=_claim,
        urls=_claim_urls,
        assert_unchanged=_claim_unchanged,
        api_urls=lambda row: [f"/api/v1/claims/{row.pk}"],
        api_list="/api/v1/claims",
        paginated=True,
    ),
    "followup.Gain": Case(
        make=lambda org, users: make_gain(org),
        urls=lambda row: [("GET", reverse("followup:gain_detail", args=[row.pk]))],
        api_urls=lambda row: [f"/api/v1/gains/{row.pk}"],
        api_list="/api/v1/gains",
        paginated=True,
    ),
}
