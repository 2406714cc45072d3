"""Readers and validators for the files Grønnkjøp receives: EHF / PEPPOL BIS Billing 3 invoices and
credit notes, SAF-T Financial ledgers and contract price lists.

A pure-Python library: it never imports Django, so it is fast to test and usable from the CLI or a
cluster job.
"""

from ._bulk import bulk_reading
from .errors import (
    FormatError,
    NotUBLError,
    NotXMLError,
    PriceListRowError,
    SAFTError,
    TableError,
    TooLargeError,
    UnsafeXMLError,
)

__all__ = [
    "FormatError",
    "NotUBLError",
    "NotXMLError",
    "PriceListRowError",
    "SAFTError",
    "TableError",
    "TooLargeError",
    "UnsafeXMLError",
    "bulk_reading",
]
