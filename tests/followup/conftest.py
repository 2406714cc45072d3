"""Fixtures for the follow-up services: the core and contracts demo (Dulten, suppliers, contracts with
price lists) and small EHF documents built with the formats library."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from gronnkjop.core.models import Organisation
from gronnkjop.demo import load_all
from gronnkjop.formats.ehf.writer import LineInput, build_invoice, norwegian_party, write_invoice


@pytest.fixture
def demo_base(db):
    """Core and contracts demo data: Dulten, its collaboration, suppliers, contracts, price lists."""
    return load_all(only={"core", "contracts"})


@pytest.fixture
def dulten(demo_base) -> Organisation:
    return demo_base.organisations["dulten"]


def ehf(
    *,
    number="F-1",
    supplier=("920000185", "Kontorpartner Nord AS"),
    buyer=("940080177", "Dulten kommune"),
    lines=(("KP-10001", "Kopipapir", "20", None),),
    date: dt.date | None = None,
    contract_ref="DUL-103",
    order_ref=None,
    buyer_ref="1000",
    credit_of=None,
    unit="XPK",
) -> bytes:
    """One EHF document; ``lines`` are (article, name, quantity, unit price or None for the agreed price)."""
    from gronnkjop.contracts.models import PriceListItem

    date = date or timezone.localdate() - dt.timedelta(days=20)
    built = []
    for article, name, quantity, price in lines:
        if price is None:
            item = (
                PriceListItem.objects.filter(article_number=article, condition="new", valid_from__lte=date)
                .order_by("-valid_from")
                .first()
            )
            price = item.unit_price
        built.append(
            LineInput(
                name=name,
                quantity=Decimal(quantity),
                unit_price=Decimal(price),
                unit_code=unit,
                sellers_item_id=article,
            )
        )
    invoice = build_invoice(
        number=number,
        issue_date=date,
        due_date=date + dt.timedelta(days=30),
        supplier=norwegian_party(name=supplier[1], orgnr=supplier[0]),
        buyer=norwegian_party(name=buyer[1], orgnr=buyer[0], enterprise_register=False),
        lines=built,
        buyer_reference=buyer_ref,
        contract_reference=contract_ref,
        order_reference=order_ref,
        account="15030512345",
        credit_note=credit_of is not None,
        preceding_invoice=credit_of,
        preceding_invoice_date=date if credit_of else None,
    )
    return write_invoice(invoice)


@pytest.fixture
def write(tmp_path):
    """Write documents to files: ``write("a.xml", data)`` → path."""

    def do(name: str, data: bytes):
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return do


@pytest.fixture
def users_admin(demo_base):
    return demo_base.users["avtaleforvalter"]
