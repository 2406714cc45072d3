"""EHF 3 (PEPPOL BIS Billing 3.0, UBL 2.1) invoices and credit notes: read, write, validate.

```python
from gronnkjop.formats.ehf import read_invoice, iter_documents, write_invoice, validate

invoice = read_invoice("faktura.xml")            # Invoice (frozen dataclass, Decimal amounts)
for result in iter_documents("innboks.zip"):     # one DocumentResult per file, never stops
    ...
report = validate("faktura.xml")                 # Report of Findings
```

``validate`` is the function of :mod:`.validate` (imported eagerly). To read and validate one parsed
tree, share a :class:`TreeIndex` (see :mod:`.index`).
"""

from __future__ import annotations

from .index import TreeIndex
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
from .report import Finding, Report

# ``validate`` is the function, not the submodule of the same name: importing the submodule binds
# the package attribute to the module, and this ``from`` import then binds the function over it. A
# module already imported is not bound again, so ``import gronnkjop.formats.ehf.validate`` later
# does not change it; the module itself is ``sys.modules["gronnkjop.formats.ehf.validate"]``.
from .validate import validate, validate_tree
from .writer import LineInput, build_invoice, norwegian_party, write_invoice

__all__ = [
    "AllowanceCharge",
    "DocumentResult",
    "Finding",
    "Invoice",
    "InvoiceLine",
    "LineInput",
    "MonetaryTotal",
    "Party",
    "PaymentMeans",
    "Report",
    "TaxCategory",
    "TaxSubtotal",
    "TreeIndex",
    "build_invoice",
    "iter_documents",
    "iter_raw_documents",
    "norwegian_party",
    "read_invoice",
    "validate",
    "validate_tree",
    "write_invoice",
]
