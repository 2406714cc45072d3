"""Small factories for the follow-up pages, API, letters and KPIs: invoices, lines, deviations and claims
made directly as rows (the control itself is tested by the services' tests).

Test modules use them with ``pytest_plugins = ["tests.followup.ui_fixtures"]`` or by importing the
factory functions.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gronnkjop.contracts.models import Contract, ContractSupplier
from gronnkjop.core.models import Organisation
from gronnkjop.followup.models import (
    Claim,
    ControlRun,
    Deviation,
    Gain,
    ImportBatch,
    Invoice,
    InvoiceLine,
    LedgerLine,
)
from tests.contracts.conftest import make_contract as contracts_make_contract
from tests.core.conftest import (  # noqa: F401 - fixtures shared with the core tests
    login,
    make_org,
    org_a,
    org_b,
    token_for,
    users_a,
    users_b,
)

D = dt.date
INVOICE_DAY = D(2026, 3, 10)
GAIN_DAY = D(2026, 5, 1)
SUPPLIER = ("920000118", "Interiørhuset Møbler AS")
OTHER = ("920000126", "Kontorpartner Nord AS")


def make_contract(org: Organisation, number: str = "K-1", supplier: Organisation | None = None, **fields):
    contract = contracts_make_contract(org, number, **fields)
    if supplier is not None:
        ContractSupplier.objects.create(contract=contract, supplier=supplier, rank=1)
    return contract


_counter = {"n": 0}


def make_invoice(
    org: Organisation,
    number: str | None = None,
    *,
    amount: str = "1000.00",
    day: dt.date = INVOICE_DAY,
    supplier: tuple[str, str] = SUPPLIER,
    credit: bool = False,
    contract_reference: str = "",
    buyer_reference: str = "",
    contract: Contract | None = None,
    lines: list[tuple] | None = None,
) -> Invoice:
    """An invoice; ``lines`` are (article, quantity, unit price, contract or None). Without ``lines`` one
    line carries the whole amount (matched to ``contract``)."""
    _counter["n"] += 1
    number = number or f"F-{_counter['n']}"
    amount_d = Decimal(amount)
    invoice = Invoice.objects.create(
        organisation=org,
        supplier_orgnr=supplier[0],
        supplier_name=supplier[1],
        is_credit=credit,
        number=number,
        issue_date=day,
        contract_reference=contract_reference,
        buyer_reference=buyer_reference,
        amount_excl_vat=amount_d,
        vat_amount=amount_d / 4,
        amount_incl_vat=amount_d * Decimal("1.25"),
        payable=amount_d * Decimal("1.25"),
        fingerprint=number,
        document_sha256=number,
        contract=contract,
    )
    for index, (article, quantity, price, line_contract) in enumerate(
        lines if lines is not None else [("A-1", "1", amount, contract)], start=1
    ):
        InvoiceLine.objects.create(
            invoice=invoice,
            line_id=str(index),
            article_number=article,
            name=f"Vare {article}",
            quantity=Decimal(quantity),
            unit_code="EA",
            net_unit_price=Decimal(price),
            net_amount=(Decimal(quantity) * Decimal(price)).quantize(Decimal("0.01")),
            contract=line_contract,
            match_how="reference" if line_contract else "",
        )
    return invoice


def make_deviation(
    invoice: Invoice,
    code: str = "PRICE_ABOVE_AGREEMENT",
    amount: str = "100.00",
    *,
    line: InvoiceLine | None = None,
    contract: Contract | None = None,
    status: str = "open",
    evidence: dict | None = None,
) -> Deviation:
    if line is None and code not in {
        "DUPLICATE_INVOICE",
        "OVER_CEILING",
        "SMALL_ORDER",
        "MISSING_CONTRACT_REFERENCE",
    }:
        line = invoice.lines.order_by("id").first()
    if evidence is None and code == "PRICE_ABOVE_AGREEMENT":
        evidence = {
            "invoiced_unit_price": format(line.net_unit_price.normalize(), "f"),
            "agreed_unit_price": format(
                (line.net_unit_price - Decimal(amount) / line.quantity).normalize(), "f"
            ),
            "quantity": format(line.quantity.normalize(), "f"),
            "tolerance_pct": "0",
        }
    return Deviation.objects.create(
        organisation=invoice.organisation,
        key=f"{code}:{invoice.pk}:{line.pk if line else '-'}",
        code=code,
        invoice=invoice,
        line=line,
        contract=contract if contract is not None else invoice.contract,
        amount_at_stake=Decimal(amount),
        evidence=evidence or {},
        status=status,
    )


def make_claim(org: Organisation, number: str = "KRAV-2026-0001", **fields) -> Claim:
    values = {
        "supplier_orgnr": SUPPLIER[0],
        "supplier_name": SUPPLIER[1],
        "amount": Decimal("100.00"),
    } | fields
    return Claim.objects.create(organisation=org, number=number, **values)


def make_gain(
    org: Organisation, amount: str = "500.00", kind: str = "refund", day: dt.date = GAIN_DAY, **fields
):
    values = {"description": "Prisavslag", "supplier_name": SUPPLIER[1]} | fields
    return Gain.objects.create(
        organisation=org, kind=kind, amount=Decimal(amount), date=day, year=day.year, **values
    )


def make_batch(org: Organisation, **fields) -> ImportBatch:
    return ImportBatch.objects.create(
        organisation=org, kind=fields.pop("kind", "ehf"), source="test.xml", **fields
    )


def make_run(org: Organisation) -> ControlRun:
    return ControlRun.objects.create(organisation=org, trigger="test")


def make_ledger_line(org: Organisation, key: str = "1", amount: str = "250.00") -> LedgerLine:
    return LedgerLine.objects.create(
        organisation=org,
        source="csv",
        source_key=key,
        date=D(2026, 2, 1),
        account="6540",
        amount=Decimal(amount),
    )


@pytest.fixture
def supplier(db) -> Organisation:
    return make_org(SUPPLIER[1], SUPPLIER[0], "leverandor")


@pytest.fixture
def contract_a(org_a, supplier) -> Contract:
    return make_contract(org_a, "K-1", supplier=supplier, price_tolerance_pct=Decimal("0"))


def ehf_document(
    number: str = "E-1", *, buyer=("940080177", "Dulten kommune"), lines=(("A-1", "2", "150.00"),)
) -> bytes:
    """A valid EHF invoice from :data:`SUPPLIER` to ``buyer`` (A's organisation number by default)."""
    from gronnkjop.formats.ehf.writer import LineInput, build_invoice, norwegian_party, write_invoice

    invoice = build_invoice(
        number=number,
        issue_date=D(2026, 3, 1),
        due_date=D(2026, 3, 31),
        supplier=norwegian_party(name=SUPPLIER[1], orgnr=SUPPLIER[0]),
        buyer=norwegian_party(name=buyer[1], orgnr=buyer[0], enterprise_register=False),
        lines=[
            LineInput(name=f"Vare {a}", quantity=Decimal(q), unit_price=Decimal(p), sellers_item_id=a)
            for a, q, p in lines
        ],
        buyer_reference="2110",
        contract_reference="K-1",
        account="15030512345",
    )
    return write_invoice(invoice)
