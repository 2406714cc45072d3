"""Generate a year of realistic EHF (PEPPOL BIS 3) invoices for the Dulten demo, with planted faults.

The invoices follow the demo contracts and price lists in the database: agreed prices valid on the
invoice date, the right supplier per article, contract and order references, ordering units as buyer
references. A known set of faults is planted, and :class:`Plan.planted` lists each one as
``(code, supplier orgnr, invoice number, line id or None)`` so a test can check that the control finds
exactly those and nothing else.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from gronnkjop.contracts.models import CallOff, Contract, PriceListItem
from gronnkjop.core.models import Organisation
from gronnkjop.formats.ehf.model import Classification, ItemProperty
from gronnkjop.formats.ehf.writer import LineInput, build_invoice, norwegian_party, write_invoice

CENT = Decimal("0.01")

#: Article prefix → supplier key (core demo) on the framework agreements.
PREFIX_SUPPLIER = {
    "IH": "interiorhuset",
    "OL": "ombrukslageret",
    "DP": "datapartner",
    "SK": "skjermsenteret",
    "VD": "vinterdrift",
    "BM": "bronn_maskin",
    "DT": "dalen_transport",
    "KP": "kontorpartner",
    "KK": "kantinekjokken",
    "LM": "lokalmat",
    "MG": "matgleden",
    "FB": "fjellbrod",
    "HV": "haandverkerne",
    "BS": "byggservice",
}

#: Suppliers outside every agreement (fictional, valid organisation numbers).
OUTSIDE_SUPPLIERS = {
    "mobelkjeden": ("920000231", "Møbelkjeden Sentrum AS"),
    "blomster": ("920000258", "Dulten Blomster og Interiør AS"),
}

#: contract number → (invoices at scale 1, units that order, quantity range, lines range, months active)
PROFILE = {
    "DUL-103": (900, ["radhuset", "dulten_skole", "helse", "biblioteket", "it"], (1, 6), (1, 3)),
    "DUL-090": (150, ["radhuset", "dulten_skole"], (2, 10), (1, 3)),
    "DUL-104": (600, ["radhuset", "helse", "dulten_skole"], (3, 10), (1, 2)),
    "DUL-102": (1700, ["vei"], (2, 12), (1, 3)),
    "SAM-201": (700, ["it", "dulten_skole", "radhuset"], (1, 2), (1, 2)),
    "DUL-101": (110, ["biblioteket", "dulten_skole"], (1, 3), (1, 3)),
    "DUL-105": (800, ["eiendom", "dulten_skole"], (2, 16), (1, 4)),
    "DUL-106": (1000, ["eiendom", "helse"], (1, 6), (1, 3)),
}
#: Regular spend stays under this share of a contract's ceiling, so only the planted invoice crosses one.
CEILING_SHARE = Decimal("0.85")


@dataclass
class Plan:
    documents: list[tuple[str, bytes]] = field(default_factory=list)
    planted: set[tuple[str, str, str, str | None]] = field(default_factory=set)


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class _Generator:
    def __init__(
        self,
        *,
        buyer: Organisation,
        units: dict[str, str],
        suppliers: dict[str, Organisation],
        today: dt.date,
        scale: float,
        seed: int,
    ) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.scale = scale
        self.buyer = norwegian_party(
            name=buyer.name,
            orgnr=buyer.orgnr,
            street="Rådhusplassen 1",
            city="Dulten",
            postal_zone="2999",
            enterprise_register=False,
        )
        self.units = units
        self.suppliers = suppliers
        self.parties = {
            key: norwegian_party(
                name=org.name, orgnr=org.orgnr, street="Industrivegen 1", city="Dulten", postal_zone="2999"
            )
            for key, org in suppliers.items()
        }
        self.numbers: dict[str, int] = defaultdict(lambda: 10000)
        self.seen_content: set[tuple] = set()
        #: Spend excl. VAT so far per contract reference (credit notes subtract).
        self.spend: dict[str, Decimal] = defaultdict(Decimal)
        self.plan = Plan()

    # -- building blocks ---------------------------------------------------------------------------
    def number(self, supplier_key: str) -> str:
        self.numbers[supplier_key] += 1
        return str(self.numbers[supplier_key])

    def line(
        self,
        item: PriceListItem,
        quantity: Decimal,
        *,
        price: Decimal | None = None,
        cpv: str | None = None,
        article: str | None = None,
        name: str | None = None,
        charge: Decimal | None = None,
    ) -> LineInput:
        props = (ItemProperty("Tilstand", "brukt"),) if item is not None and item.condition == "used" else ()
        return LineInput(
            name=name or item.description,
            quantity=quantity,
            unit_price=price if price is not None else item.unit_price,
            unit_code=item.unit_code if item is not None else "EA",
            sellers_item_id=article or item.article_number,
            classifications=(Classification(cpv, "STI"),) if cpv else (),
            properties=props,
            charge_percent=charge,
        )

    def emit(
        self,
        *,
        supplier_key: str,
        date: dt.date,
        lines: list[LineInput],
        contract_ref: str | None,
        unit_key: str,
        order_ref: str | None = None,
        number: str | None = None,
        credit_of: tuple[str, dt.date] | None = None,
    ) -> tuple[str, Decimal]:
        number = number or self.number(supplier_key)
        invoice = build_invoice(
            number=number,
            issue_date=date,
            due_date=date + dt.timedelta(days=30),
            supplier=self.parties[supplier_key],
            buyer=self.buyer,
            lines=lines,
            buyer_reference=self.units[unit_key],
            order_reference=order_ref,
            contract_reference=contract_ref,
            account="15030512345",
            payment_means_code="30",
            credit_note=credit_of is not None,
            preceding_invoice=credit_of[0] if credit_of else None,
            preceding_invoice_date=credit_of[1] if credit_of else None,
        )
        if contract_ref:
            amount = invoice.totals.tax_exclusive
            self.spend[contract_ref] += -amount if credit_of else amount
        kind = "kreditnota" if credit_of else "faktura"
        self.plan.documents.append(
            (f"{self.suppliers[supplier_key].orgnr}-{kind}-{number}.xml", write_invoice(invoice))
        )
        return number, invoice.totals.tax_exclusive

    def content_key(self, supplier_key: str, lines: list[LineInput]) -> tuple:
        return (supplier_key, tuple(sorted((ln.sellers_item_id, ln.quantity, ln.unit_price) for ln in lines)))


def _valid(items: list[PriceListItem], day: dt.date) -> list[PriceListItem]:
    return [i for i in items if i.valid_from <= day and (i.valid_to is None or day <= i.valid_to)]


def generate(
    *,
    organisation: Organisation,
    units: dict[str, str],
    supplier_orgs: dict[str, Organisation],
    today: dt.date,
    scale: float = 1.0,
    seed: int = 2026,
) -> Plan:
    """Build the documents. ``units`` maps unit keys to their codes (buyer references)."""
    gen = _Generator(
        buyer=organisation, units=units, suppliers=supplier_orgs, today=today, scale=scale, seed=seed
    )
    rng = gen.rng
    contracts = {c.number: c for c in Contract.objects.filter(number__in=PROFILE).prefetch_related("options")}
    items_by_contract: dict[str, list[PriceListItem]] = defaultdict(list)
    for item in PriceListItem.objects.filter(contract__in=contracts.values()).order_by(
        "article_number", "pk"
    ):
        items_by_contract[item.contract.number].append(item)
    call_offs = defaultdict(list)
    for call_off in CallOff.objects.filter(contract__in=contracts.values()).order_by("order_number"):
        call_offs[call_off.contract.number].append(call_off)
    window_start = today.replace(day=1) - dt.timedelta(days=365)
    window_end = today - dt.timedelta(days=8)  # the last week is kept for the planted faults
    regular_counter = 0

    for number, (count, unit_keys, (qmin, qmax), (lmin, lmax)) in PROFILE.items():
        contract = contracts[number]
        first = max(window_start, contract.start_date)
        last = min(window_end, contract.effective_end)
        if first > last:
            continue
        span = (last - first).days
        target = max(3, round(count * scale))
        by_supplier: dict[str, list[PriceListItem]] = defaultdict(list)
        for item in items_by_contract[number]:
            by_supplier[PREFIX_SUPPLIER[item.article_number.split("-")[0]]].append(item)
        made = attempts = 0
        spent = Decimal(0)
        budget = contract.ceiling * CEILING_SHARE if contract.ceiling else None
        while made < target and attempts < target * 20:
            attempts += 1
            date = first + dt.timedelta(days=rng.randint(0, span))
            if number == "DUL-102" and date.month not in (11, 12, 1, 2, 3, 4):
                continue  # snow clearing happens in winter
            supplier_key = rng.choice(sorted(by_supplier))
            choices = _valid(by_supplier[supplier_key], date)
            if not choices:
                continue
            picked = rng.sample(choices, k=min(len(choices), rng.randint(lmin, lmax)))
            lines = []
            for item in picked:
                quantity = Decimal(rng.randint(qmin, qmax))
                if item.unit_code in {"HUR", "DAY"} and number in {"DUL-102", "DUL-105", "DUL-106"}:
                    quantity = Decimal(rng.randint(2, 16)) / 2
                lines.append(gen.line(item, quantity))
            if number == "DUL-105" and rng.random() < 0.35:
                # Materials at cost plus the agreed markup (12 % new, 25 % used).
                used = rng.random() < 0.3
                lines.append(
                    LineInput(
                        name="Byggevarer, brukte (ombruk)" if used else "Byggevarer",
                        quantity=Decimal(1),
                        unit_price=Decimal(rng.randint(800, 9000)),
                        unit_code="EA",
                        sellers_item_id=f"MAT-{rng.randint(1000, 9999)}",
                        charge_percent=Decimal(25 if used else 12),
                        properties=(ItemProperty("Tilstand", "brukt"),) if used else (),
                    )
                )
            key = gen.content_key(supplier_key, lines)
            total = sum((_money(ln.quantity * ln.unit_price) for ln in lines), Decimal(0))
            total += sum(
                (
                    _money(_money(ln.quantity * ln.unit_price) * ln.charge_percent / 100)
                    for ln in lines
                    if ln.charge_percent
                ),
                Decimal(0),
            )
            if key in gen.seen_content or (number == "DUL-103" and total < 1000):
                continue  # no accidental duplicates, no accidental small orders
            if budget is not None and spent + total > budget:
                continue
            spent += total
            gen.seen_content.add(key)
            regular_counter += 1
            missing_reference = regular_counter % 40 == 0
            orders = [c for c in call_offs[number] if c.ordered_on and c.ordered_on <= date]
            order_ref = orders[-1].order_number if orders and rng.random() < 0.3 else None
            invoice_number, _amount = gen.emit(
                supplier_key=supplier_key,
                date=date,
                lines=lines,
                unit_key=rng.choice(unit_keys),
                contract_ref=None if missing_reference else number,
                order_ref=order_ref,
            )
            if missing_reference:
                gen.plan.planted.add(
                    ("MISSING_CONTRACT_REFERENCE", supplier_orgs[supplier_key].orgnr, invoice_number, None)
                )
            made += 1

    _plant(gen, contracts, items_by_contract)
    return gen.plan


def _item(items: list[PriceListItem], article: str, day: dt.date, condition: str = "new") -> PriceListItem:
    return next(i for i in _valid(items, day) if i.article_number == article and i.condition == condition)


def _plant(gen: _Generator, contracts: dict[str, Contract], items: dict[str, list[PriceListItem]]) -> None:
    """The planted faults, dated in the last week so they do not disturb the regular year."""
    today = gen.today
    orgnr = {key: org.orgnr for key, org in gen.suppliers.items()}
    planted = gen.plan.planted

    def day(n: int) -> dt.date:
        return today - dt.timedelta(days=n)

    # PRICE_ABOVE_AGREEMENT: a price 5–15 % above the agreed one, on line 1.
    for n, (contract, article, supplier, unit, pct) in enumerate(
        [
            ("SAM-201", "DP-NB14-AN", "datapartner", "it", "8"),
            ("SAM-201", "SK-27-QHD", "skjermsenteret", "it", "12"),
            ("DUL-103", "KP-10050", "kontorpartner", "radhuset", "15"),
            ("DUL-104", "KK-LUNSJ", "kantinekjokken", "helse", "6"),
            ("DUL-102", "BM-BR-HJUL", "bronn_maskin", "vei", "10"),
            ("DUL-105", "HV-TOMRER", "haandverkerne", "eiendom", "5"),
        ],
        start=1,
    ):
        if not _valid(items[contract], day(n)) or contracts[contract].effective_end < day(n):
            continue
        item = _item(items[contract], article, day(n))
        price = _money(item.unit_price * (100 + Decimal(pct)) / 100)
        number, _ = gen.emit(
            supplier_key=supplier,
            date=day(n),
            unit_key=unit,
            contract_ref=contract,
            lines=[gen.line(item, Decimal(4), price=price)],
        )
        planted.add(("PRICE_ABOVE_AGREEMENT", orgnr[supplier], number, "1"))

    # ARTICLE_NOT_IN_PRICE_LIST: an article the contract does not have, as line 2.
    for n, (contract, supplier, ok_article, odd, name) in enumerate(
        [
            ("SAM-201", "datapartner", "DP-MUS-01", "DP-NB16-PRO", 'Bærbar PC 16" pro'),
            ("DUL-103", "kontorpartner", "KP-10001", "KP-99001", "Designerperm i skinn"),
            ("DUL-104", "lokalmat", "LM-LUNSJ", "LM-CHAMP", "Musserende vin"),
            ("DUL-101", "interiorhuset", "IH-1020", "IH-9000", "Designlampe"),
            ("DUL-106", "byggservice", "BS-V-VAKTM", "BS-V-XTRA", "Tillegg uten avtalt pris"),
        ],
        start=1,
    ):
        item = _item(items[contract], ok_article, day(n))
        number, _ = gen.emit(
            supplier_key=supplier,
            date=day(n),
            unit_key="radhuset",
            contract_ref=contract,
            lines=[
                gen.line(item, Decimal(40)),
                gen.line(item, Decimal(2), article=odd, name=name, price=Decimal("1890.00")),
            ],
        )
        planted.add(("ARTICLE_NOT_IN_PRICE_LIST", orgnr[supplier], number, "2"))

    # MARKUP_ABOVE_AGREEMENT: materials with 18 % (new, allowed 12) or 30 % (used, allowed 25).
    for n, (supplier, pct, used) in enumerate(
        [
            ("haandverkerne", 18, False),
            ("byggservice", 18, False),
            ("haandverkerne", 30, True),
            ("byggservice", 30, True),
            ("haandverkerne", 15, False),
        ],
        start=1,
    ):
        labour = _item(items["DUL-105"], "HV-TOMRER" if supplier == "haandverkerne" else "BS-TOMRER", day(n))
        number, _ = gen.emit(
            supplier_key=supplier,
            date=day(n),
            unit_key="eiendom",
            contract_ref="DUL-105",
            lines=[
                gen.line(labour, Decimal("7.5")),
                LineInput(
                    name="Brukte dører (ombruk)" if used else "Gipsplater og lekter",
                    quantity=Decimal(1),
                    unit_price=Decimal("4200.00"),
                    unit_code="EA",
                    sellers_item_id=f"MAT-P{n}",
                    charge_percent=Decimal(pct),
                    properties=(ItemProperty("Tilstand", "brukt"),) if used else (),
                ),
            ],
        )
        planted.add(("MARKUP_ABOVE_AGREEMENT", orgnr[supplier], number, "2"))

    # UNKNOWN_CONTRACT_REFERENCE: a mistyped or invented reference.
    for n, (supplier, contract, ref, article) in enumerate(
        [
            ("kontorpartner", "DUL-103", "DUL-1O3", "KP-10001"),
            ("datapartner", "SAM-201", "SAM-2010", "DP-MUS-01"),
            ("lokalmat", "DUL-104", "AVTALE 104", "LM-LUNSJ"),
            ("vinterdrift", "DUL-102", "DUL-999", "VD-BR-TRAK"),
        ],
        start=1,
    ):
        item = _item(items[contract], article, day(n))
        number, _ = gen.emit(
            supplier_key=supplier,
            date=day(n),
            unit_key="radhuset",
            contract_ref=ref,
            lines=[gen.line(item, Decimal(30))],
        )
        planted.add(("UNKNOWN_CONTRACT_REFERENCE", orgnr[supplier], number, None))

    # OUTSIDE_AGREEMENT: furniture from a shop without a contract, while DUL-101 covers furniture.
    for n, (name, price, cpv) in enumerate(
        [
            ("Kontorstol, ergonomisk", "4990", "39112000"),
            ("Bokhylle, hvit", "2490", "39131000"),
            ("Sofa til personalrom", "14900", "39113000"),
            ("Lesebord", "5600", "39121000"),
            ("Barnestoler, 6 stk", "3600", "39112000"),
            ("Skap med lås", "6200", "39122000"),
        ],
        start=1,
    ):
        number, _ = gen.emit(
            supplier_key="mobelkjeden",
            date=day(n),
            unit_key="dulten_skole",
            contract_ref=None,
            lines=[
                LineInput(
                    name=name,
                    quantity=Decimal(1),
                    unit_price=Decimal(price),
                    sellers_item_id=f"MK-{n:03d}",
                    classifications=(Classification(cpv, "STI"),),
                )
            ],
        )
        planted.add(("OUTSIDE_AGREEMENT", orgnr["mobelkjeden"], number, "1"))
    # …and flowers from a shop without a contract, in a category no agreement covers: no deviation.
    for n in range(1, 4):
        gen.emit(
            supplier_key="blomster",
            date=day(n),
            unit_key="radhuset",
            contract_ref=None,
            lines=[
                LineInput(
                    name="Blomsterdekorasjon",
                    quantity=Decimal(n),
                    unit_price=Decimal("650"),
                    sellers_item_id="BL-1",
                    classifications=(Classification("03121000", "STI"),),
                )
            ],
        )

    # DUPLICATE_INVOICE: the same invoice sent again under a new number within 30 days…
    for n, (supplier, contract, article, unit) in enumerate(
        [
            ("kantinekjokken", "DUL-104", "KK-MOTE", "radhuset"),
            ("vinterdrift", "DUL-102", "VD-ST-SAND", "vei"),
            ("datapartner", "SAM-201", "DP-DOCK-C", "it"),
        ],
        start=1,
    ):
        item = _item(items[contract], article, day(n + 10))
        lines = [gen.line(item, Decimal(17 + n))]
        gen.emit(supplier_key=supplier, date=day(n + 10), unit_key=unit, contract_ref=contract, lines=lines)
        again, _ = gen.emit(
            supplier_key=supplier, date=day(n), unit_key=unit, contract_ref=contract, lines=lines
        )
        planted.add(("DUPLICATE_INVOICE", orgnr[supplier], again, None))
    # …and two different documents under one number.
    for n, (supplier, contract, article) in enumerate(
        [
            ("lokalmat", "DUL-104", "LM-FRUKT"),
            ("kontorpartner", "DUL-103", "KP-10032"),
        ],
        start=1,
    ):
        item = _item(items[contract], article, day(n + 5))
        first, _ = gen.emit(
            supplier_key=supplier,
            date=day(n + 5),
            unit_key="radhuset",
            contract_ref=contract,
            lines=[gen.line(item, Decimal(40))],
        )
        gen.emit(
            supplier_key=supplier,
            date=day(n + 2),
            unit_key="radhuset",
            contract_ref=contract,
            number=first,
            lines=[gen.line(item, Decimal(45))],
        )
        planted.add(("DUPLICATE_INVOICE", orgnr[supplier], first, None))

    # AFTER_EXPIRY: invoices quoting the old office contract after it ended.
    old = contracts["DUL-090"]
    for n in range(1, 5):
        item = _item(items["DUL-090"], "KP-10001", old.effective_end)
        number, _ = gen.emit(
            supplier_key="kontorpartner",
            date=day(n),
            unit_key="dulten_skole",
            contract_ref="DUL-090",
            lines=[gen.line(item, Decimal(30 + n))],
        )
        planted.add(("AFTER_EXPIRY", orgnr["kontorpartner"], number, None))

    # SMALL_ORDER: office orders under 1 000 kr excl. VAT.
    for n in range(1, 6):
        item = _item(items["DUL-103"], "KP-10020", day(n))
        number, _ = gen.emit(
            supplier_key="kontorpartner",
            date=day(n),
            unit_key="helse",
            contract_ref="DUL-103",
            lines=[gen.line(item, Decimal(10 * n))],
        )
        planted.add(("SMALL_ORDER", orgnr["kontorpartner"], number, None))

    # A credit note for part of an earlier invoice: no deviation.
    item = _item(items["DUL-101"], "IH-1020", day(3))
    credited, _ = gen.emit(
        supplier_key="interiorhuset",
        date=day(6),
        unit_key="biblioteket",
        contract_ref="DUL-101",
        lines=[gen.line(item, Decimal(12))],
    )
    gen.emit(
        supplier_key="interiorhuset",
        date=day(3),
        unit_key="biblioteket",
        contract_ref="DUL-101",
        lines=[gen.line(item, Decimal(2))],
        credit_of=(credited, day(6)),
    )

    # OVER_CEILING: the new library's counters take DUL-101 just past its ceiling.
    furniture = contracts["DUL-101"]
    if furniture.ceiling:
        item = _item(items["DUL-101"], "IH-1030", day(2))
        remaining = furniture.ceiling - gen.spend["DUL-101"]
        quantity = (remaining / item.unit_price).to_integral_value(rounding=ROUND_FLOOR) + 2
        number, _ = gen.emit(
            supplier_key="interiorhuset",
            date=day(2),
            unit_key="biblioteket",
            contract_ref="DUL-101",
            lines=[gen.line(item, quantity)],
        )
        planted.add(("OVER_CEILING", orgnr["interiorhuset"], number, None))
