"""Small factories for engine tables: one contract with a price list and the invoices a test needs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from gronnkjop.engine import (
    ContractRow,
    ContractSupplierRow,
    InvoiceRow,
    LineRow,
    OrderRefRow,
    PriceRow,
    Tables,
    cpv_prefix,
    day,
    fixed,
    norm_key,
)

SUPPLIER = "920000118"
OTHER_SUPPLIER = "920000126"


@dataclass
class Builder:
    invoices: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    contracts: list = field(default_factory=list)
    contract_suppliers: list = field(default_factory=list)
    prices: list = field(default_factory=list)
    order_refs: list = field(default_factory=list)
    _line_id: int = 0

    def contract(
        self,
        contract_id=1,
        number="2026-001",
        supplier=SUPPLIER,
        cpv="39100000",
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 12, 31),
        ceiling=None,
        tolerance_pct="0",
        markup_new=None,
        markup_used=None,
        small_limit=None,
        small_fee=None,
    ):
        self.contracts.append(
            ContractRow(
                contract_id,
                norm_key(number),
                cpv_prefix(cpv),
                day(start),
                day(end),
                fixed(ceiling, 2),
                fixed(tolerance_pct, 2),
                fixed(markup_new, 4),
                fixed(markup_used, 4),
                fixed(small_limit, 2),
                fixed(small_fee, 2),
            )
        )
        suppliers = supplier if isinstance(supplier, list | tuple) else [supplier]
        for s in suppliers:
            self.contract_suppliers.append(ContractSupplierRow(contract_id, s))
        return self

    def price(self, article, price, contract_id=1, cond="new", valid_from=dt.date(2026, 1, 1), valid_to=None):
        self.prices.append(
            PriceRow(contract_id, norm_key(article), cond, day(valid_from), day(valid_to), fixed(price, 4))
        )
        return self

    def order(self, order_ref, contract_id=1):
        self.order_refs.append(OrderRefRow(norm_key(order_ref), contract_id))
        return self

    def invoice(
        self,
        invoice_id,
        lines,
        *,
        supplier=SUPPLIER,
        number=None,
        credit=False,
        date=dt.date(2026, 3, 2),
        contract_ref="2026-001",
        order_ref=None,
        buyer_ref="2110",
        payable=None,
        fingerprint=None,
    ):
        """``lines``: dicts with article, price, quantity, and optionally cpv, cond, markup, markup_base."""
        total = Decimal(0)
        for n, spec in enumerate(lines, start=1):
            self._line_id += 1
            quantity = Decimal(spec.get("quantity", "1"))
            price = Decimal(spec["price"])
            amount = (price * quantity).quantize(Decimal("0.01"))
            if spec.get("markup") is not None:
                amount += (Decimal(spec["markup_base"]) * Decimal(spec["markup"]) / 100).quantize(
                    Decimal("0.01")
                )
            total += amount
            self.lines.append(
                LineRow(
                    self._line_id,
                    invoice_id,
                    str(n),
                    norm_key(spec.get("article")),
                    spec.get("cpv"),
                    spec.get("cond"),
                    fixed(quantity, 4),
                    fixed(price, 4),
                    fixed(amount, 2),
                    fixed(spec.get("markup"), 4),
                    fixed(spec.get("markup_base"), 2),
                )
            )
        payable = Decimal(payable) if payable is not None else total * Decimal("1.25")
        self.invoices.append(
            InvoiceRow(
                invoice_id,
                supplier,
                norm_key(number or f"F-{invoice_id}"),
                1 if credit else 0,
                day(date),
                norm_key(contract_ref),
                norm_key(order_ref),
                buyer_ref,
                fixed(total, 2),
                fixed(payable, 2),
                fingerprint or f"fp-{invoice_id}",
            )
        )
        return self

    def tables(self) -> Tables:
        return Tables(
            self.invoices, self.lines, self.contracts, self.contract_suppliers, self.prices, self.order_refs
        )
