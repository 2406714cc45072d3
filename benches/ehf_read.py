"""Benchmark: read (and validate) generated EHF invoices against a bare lxml parse.

    .venv/bin/python benches/ehf_read.py [--n 10000] [--seed 42] [--repeat 3] [--chunk 250]

Generates N realistic Norwegian invoices (1-50 lines each, seeded) with the writer, then times, on
one core: a bare ``lxml.etree.fromstring`` of the same bytes, ``read_invoice`` alone, and read +
validate sharing one parse and one index of the tree (``validate_tree`` + ``invoice_from_tree``
with the same ``TreeIndex``). Not a test: it prints figures for docs/benchmarks.md. Target:
read+validate within 10x of the bare parse and above 1 000 invoices per second per core.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from lxml import etree

from gronnkjop.formats import _xml, bulk_reading
from gronnkjop.formats.ehf import LineInput, build_invoice, norwegian_party, read_invoice, write_invoice
from gronnkjop.formats.ehf.index import TreeIndex
from gronnkjop.formats.ehf.model import Classification, Contact
from gronnkjop.formats.ehf.reader import invoice_from_tree

SUPPLIERS = [
    ("Grønn Kontor AS", "921432569", "Storgata 12", "Hamar", "2317"),
    ("Ombruk Møbler AS", "987654325", "Industriveien 4", "Gjøvik", "2815"),
    ("Fjordkaffe AS", "998877660", "Bryggen 1", "Bergen", "5003"),
]
BUYERS = [("Eksempel kommune", "964338531", "Rådhusplassen 1", "Eksempelby", "2300")]
ITEMS = [
    ("Kontorstol ombrukt", "EA", "39112000", Decimal("1200.00"), Decimal(25)),
    ("Skrivebord hev/senk", "EA", "39121100", Decimal("4990.00"), Decimal(25)),
    ("Kopipapir A4", "XPK", "30197630", Decimal("49.90"), Decimal(25)),
    ("Kaffe økologisk", "KGM", "15861000", Decimal("189.00"), Decimal(15)),
    ("Rådgivning", "HUR", "79411000", Decimal("1350.00"), Decimal(25)),
    ("Bøker", "EA", "22113000", Decimal("399.00"), Decimal(0)),
]


def _mod11_kid(base: str) -> str:
    weights = [2, 3, 4, 5, 6, 7]
    total = sum(int(d) * weights[i % 6] for i, d in enumerate(reversed(base)))
    check = 11 - total % 11
    return base + ("0" if check == 11 else "-" if check == 10 else str(check))


def generate(n: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    buyer = norwegian_party(
        name=BUYERS[0][0],
        orgnr=BUYERS[0][1],
        street=BUYERS[0][2],
        city=BUYERS[0][3],
        postal_zone=BUYERS[0][4],
        vat_registered=False,
        enterprise_register=False,
    )
    suppliers = [
        norwegian_party(
            name=name,
            orgnr=orgnr,
            street=street,
            city=city,
            postal_zone=zone,
            contact=Contact(name="Kari Nordmann", email="faktura@example.no"),
        )
        for name, orgnr, street, city, zone in SUPPLIERS
    ]
    documents = []
    for i in range(n):
        issued = date(2026, 1, 1) + timedelta(days=rng.randrange(365))
        lines = []
        for _ in range(rng.randint(1, 50)):
            name, unit, cpv, price, rate = rng.choice(ITEMS)
            category = "Z" if rate == 0 else "S"
            lines.append(
                LineInput(
                    name,
                    Decimal(rng.randint(1, 40)),
                    price,
                    unit_code=unit,
                    vat_category=category,
                    vat_rate=rate,
                    sellers_item_id=f"A-{rng.randint(100, 999)}",
                    classifications=(Classification(cpv, "STI"),),
                    allowance=Decimal("10.00") if rng.random() < 0.1 else None,
                )
            )
        kid = _mod11_kid(f"{i:09d}")
        invoice = build_invoice(
            number=f"B-{i:06d}",
            issue_date=issued,
            due_date=issued + timedelta(days=30),
            supplier=rng.choice(suppliers),
            buyer=buyer,
            buyer_reference="4410",
            contract_reference="RA-2025-017",
            account="12345678903",
            kid=kid,
            lines=lines,
        )
        documents.append(write_invoice(invoice))
    return documents


def _measure(steps: dict[str, Callable[[bytes], object]], documents: list[bytes], repeat: int, chunk: int):
    """Seconds per step for all documents: the documents are timed in chunks, every step on the same
    chunk one after the other, each ``repeat`` times, and the fastest run of each (chunk, step)
    counts. The floor (the bare parse) is so measured under the same conditions as the steps, and
    a burst of load from other processes costs one run of one chunk, not the figure."""
    totals = dict.fromkeys(steps, 0.0)
    clock = time.perf_counter
    for start in range(0, len(documents), chunk):
        part = documents[start : start + chunk]
        best = dict.fromkeys(steps, float("inf"))
        for _ in range(repeat):
            for label, fn in steps.items():
                began = clock()
                for data in part:
                    fn(data)
                elapsed = clock() - began
                if elapsed < best[label]:
                    best[label] = elapsed
        for label in steps:
            totals[label] += best[label]
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=3, help="runs per chunk; the fastest counts")
    parser.add_argument("--chunk", type=int, default=250, help="invoices per timed chunk")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    documents = generate(args.n, args.seed)
    size = sum(len(d) for d in documents)
    print(
        f"{args.n} invoices, {size / 1e6:.1f} MB, generated in {time.perf_counter() - start:.1f} s; "
        f"Python {platform.python_version()}, lxml {'.'.join(map(str, etree.LXML_VERSION))}, {platform.machine()}; "
        f"best of {args.repeat} per chunk of {args.chunk}"
    )

    parse_parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    steps: dict[str, Callable[[bytes], object]] = {
        "lxml parse only": lambda d: etree.fromstring(d, parse_parser),
        "read_invoice": read_invoice,
    }
    invalid = 0
    try:
        from gronnkjop.formats.ehf.validate import validate_tree
    except ImportError as exc:
        print(f"validator not available ({exc}); read+validate skipped")
    else:

        def read_and_validate(data: bytes) -> None:
            nonlocal invalid
            tree = _xml.parse_bytes(data)
            index = TreeIndex()  # the children of each element, shared by validator and reader
            if not validate_tree(tree, index=index).valid:
                invalid += 1
            invoice_from_tree(tree, index=index)

        steps["read + validate (one parse)"] = read_and_validate

    # Every step, the floor included, runs as the importer runs them: in bulk-reading mode (fewer
    # cyclic garbage collections while a batch is read).
    with bulk_reading():
        totals = _measure(steps, documents, args.repeat, args.chunk)
    bare = totals["lxml parse only"]
    for label, elapsed in totals.items():
        print(
            f"{label:<30} {elapsed:8.3f} s  {len(documents) / elapsed:8.0f} invoices/s  {elapsed / bare:6.2f} x bare parse"
        )
    if "read + validate (one parse)" in totals:
        print(f"invalid invoices: {invalid // args.repeat}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
