"""EHF 3 (PEPPOL BIS Billing 3.0, UBL 2.1) invoices and credit notes: read, write, validate.

```python
from gronnkjop.formats.ehf import read_invoice, iter_documents, write_invoice, validate

invoice = read_invoice("faktura.xml")            # Invoice (frozen dataclass, Decimal amounts)
for result in iter_documents("innboks.zip"):     # one DocumentResult per file, never stops
    ...
report = validate("faktura.xml")                 # Report of Findings
```
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import (
    AllowanceCharge,
    Invoice,
    InvoiceLine,
    MonetaryTotal,
    Party,
    PaymentMeans,
    TaxCategory,
    TaxSubtotal,
)
from .reader import DocumentResult, iter_documents, iter_raw_documents, read_invoice
from .writer import LineInput, build_invoice, norwegian_party, write_invoice

if TYPE_CHECKING:
    from .report import Report

__all__ = [
    "AllowanceCharge",
    "DocumentResult",
    "Invoice",
    "InvoiceLine",
    "LineInput",
    "MonetaryTotal",
    "Party",
    "PaymentMeans",
    "TaxCategory",
    "TaxSubtotal",
    "build_invoice",
    "iter_documents",
    "iter_raw_documents",
    "norwegian_party",
    "read_invoice",
    "validate",
    "write_invoice",
]


def validate(source: Any, *args: Any, **kwargs: Any) -> Report:
    """Validate one EHF document (see :mod:`.validate`); imported lazily so that reading and writing
    work even where the validator is not installed."""
    from .validate import validate as _validate

    return _validate(source, *args, **kwargs)
