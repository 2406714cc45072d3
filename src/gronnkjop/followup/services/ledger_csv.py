"""Import general-ledger lines from a CSV or XLSX export (spend that did not arrive as EHF).

Columns, in any order, headed by the English names or their Norwegian equivalents:

| column | Norwegian | value |
| --- | --- | --- |
| ``date`` | dato, bilagsdato | ``2026-01-31`` or ``31.01.2026`` |
| ``account`` | konto, kontonummer | text (e.g. ``6540``) |
| ``amount`` | beløp | debit − credit, ``-1 234,50`` or ``-1234.50`` |
| ``supplier_orgnr`` (optional) | leverandør_orgnr, orgnr | nine digits, mod-11 checked |
| ``supplier_name`` (optional) | leverandør, leverandørnavn | text |
| ``description`` (optional) | beskrivelse, tekst | text |
| ``unit`` (optional) | ansvar, enhet | the unit's code |

The whole file is one transaction: one bad cell and nothing is imported (the ``TableError`` lists every
bad cell). Importing the same rows again changes nothing: each row is keyed by its content and its
occurrence in the file.
"""

from __future__ import annotations

import hashlib
import os
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from gronnkjop.core.models import Organisation
from gronnkjop.formats.tables import Column, parse_date, parse_decimal, parse_orgnr, parse_text, read_table

from ..models import ImportBatch, ImportKind, LedgerLine, LedgerSource
from .imports import LedgerImportResult

_CENT = Decimal("0.01")

LEDGER_COLUMNS: tuple[Column, ...] = (
    Column("date", parse_date, aliases=("dato", "bilagsdato", "posteringsdato")),
    Column("account", parse_text, aliases=("konto", "kontonummer", "kontonr")),
    Column("amount", parse_decimal, aliases=("beløp", "belop", "beløp_nok")),
    Column(
        "supplier_orgnr",
        parse_orgnr,
        aliases=("leverandør_orgnr", "leverandor_orgnr", "orgnr", "organisasjonsnummer"),
        required=False,
        optional=True,
        default="",
    ),
    Column(
        "supplier_name",
        parse_text,
        aliases=("leverandør", "leverandor", "leverandørnavn", "leverandornavn"),
        required=False,
        optional=True,
        default="",
    ),
    Column(
        "description",
        parse_text,
        aliases=("beskrivelse", "tekst", "posteringstekst"),
        required=False,
        optional=True,
        default="",
    ),
    Column(
        "unit",
        parse_text,
        aliases=("ansvar", "enhet", "ansvarssted"),
        required=False,
        optional=True,
        default="",
    ),
)


def _key(values: dict, occurrence: int) -> str:
    content = "|".join(
        [
            values["date"].isoformat(),
            values["account"],
            format(values["amount"].quantize(_CENT), "f"),
            values["supplier_orgnr"],
            values["supplier_name"],
            values["description"],
            values["unit"],
        ]
    )
    return f"{hashlib.sha256(content.encode()).hexdigest()[:40]}:{occurrence}"


def ledger_csv_import(
    *, organisation: Organisation, path: str | os.PathLike, by=None, name: str | None = None
) -> LedgerImportResult:
    """Import the ledger lines of one CSV/XLSX file; raises ``TableError`` (nothing imported) for bad
    cells. A row already imported (same content, same occurrence) is skipped."""
    rows = read_table(path, LEDGER_COLUMNS)
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            organisation=organisation,
            kind=ImportKind.LEDGER_CSV,
            source=(name or Path(path).name)[:500],
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        existing = set(
            LedgerLine.objects.filter(organisation=organisation, source=LedgerSource.CSV).values_list(
                "source_key", flat=True
            )
        )
        occurrences: dict[str, int] = {}
        new, skipped = [], 0
        for row in rows:
            values = row.values
            base = _key(values, 0)
            occurrences[base] = occurrences.get(base, 0) + 1
            key = _key(values, occurrences[base])
            if key in existing:
                skipped += 1
                continue
            new.append(
                LedgerLine(
                    organisation=organisation,
                    batch=batch,
                    source=LedgerSource.CSV,
                    source_key=key,
                    date=values["date"],
                    account=values["account"][:20],
                    supplier_orgnr=values["supplier_orgnr"],
                    supplier_name=values["supplier_name"][:300],
                    description=values["description"][:500],
                    amount=values["amount"].quantize(_CENT),
                    unit_code=values["unit"][:40],
                )
            )
        LedgerLine.objects.bulk_create(new, batch_size=2000)
        batch.imported, batch.skipped = len(new), skipped
        batch.save(update_fields=["imported", "skipped"])
    return LedgerImportResult(batch, len(new), skipped)
