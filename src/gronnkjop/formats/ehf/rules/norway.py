"""Norwegian national rules of PEPPOL BIS Billing 3.0 (NO-R-001, NO-R-002).

Both apply when the PEPPOL ``$supplierCountry`` is ``NO``: the seller's VAT identifier starts with
``NO`` (else the tax representative's does, else the seller's address is in Norway).
"""

from __future__ import annotations

import re

from ._base import CAC, CBC, Doc, norm, path
from .peppol import mod11_ok

IMPLEMENTED = frozenset({"NO-R-001", "NO-R-002"})

_VAT_NUMBER = re.compile(r"[0-9]{9}MVA")


def check(doc: Doc) -> None:
    if doc.supplier_country() != "NO":
        return
    for party in doc.select(doc.root, path("cac:AccountingSupplierParty", "cac:Party")):
        schemes = doc.select(party, CAC + "PartyTaxScheme")
        vat_ids = [
            doc.findtext(s, CBC + "CompanyID") or ""
            for s in schemes
            if norm(doc.findtext(s, path("cac:TaxScheme", "cbc:ID"))) == "VAT"
        ]
        norwegian = [v for v in vat_ids if v[:2] == "NO"]
        if norwegian and not all(_VAT_NUMBER.fullmatch(v[2:]) and mod11_ok(v[2:11]) for v in norwegian):
            doc.fire("NO-R-001", party)
        registers = [
            norm(doc.findtext(s, CBC + "CompanyID"))
            for s in schemes
            if norm(doc.findtext(s, path("cac:TaxScheme", "cbc:ID"))) == "TAX"
        ]
        if "Foretaksregisteret" not in registers:
            doc.fire("NO-R-002", party)
