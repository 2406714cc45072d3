"""Code-list rules: EN 16931 BR-CL-* and the PEPPOL restrictions PEPPOL-EN16931-CL001..CL008.

The codes come from :mod:`..codelists_data`, generated from the PEPPOL code lists by
``scripts/generate_codelists.py``. Values are compared after ``normalize-space`` unless the
official rule compares the raw value.
"""

from __future__ import annotations

import re

from .. import codelists_data as cl
from ._base import CAC, CBC, Doc, norm

IMPLEMENTED = frozenset(
    {
        *(
            f"BR-CL-{n:02d}"
            for n in (1, 3, 4, 5, 6, 7, 8, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26)
        ),
        "PEPPOL-EN16931-CL001",
        "PEPPOL-EN16931-CL002",
        "PEPPOL-EN16931-CL003",
        "PEPPOL-EN16931-CL006",
        "PEPPOL-EN16931-CL007",
        "PEPPOL-EN16931-CL008",
    }
)

#: Elements whose currencyID the currency rules check (BR-CL-03, CL007).
AMOUNT_TAGS = tuple(
    CBC + name
    for name in (
        "Amount",
        "BaseAmount",
        "PriceAmount",
        "TaxAmount",
        "TaxableAmount",
        "LineExtensionAmount",
        "TaxExclusiveAmount",
        "TaxInclusiveAmount",
        "AllowanceTotalAmount",
        "ChargeTotalAmount",
        "PrepaidAmount",
        "PayableRoundingAmount",
        "PayableAmount",
    )
)
#: BR-CL-08: a note that starts with '#' carries a subject code, written ``#AAA#text``. The UNTDID
#: 4451 list is not among the shared code lists, so only the code's form is checked.
_NOTE_SUBJECT = re.compile(r"#[A-Z0-9]{3}#")

_AMOUNT_TAGS = frozenset(AMOUNT_TAGS)
#: Tags whose rules only concern elements carrying this attribute.
_NEEDS_ATTRIBUTE = {
    CBC + "ID": "schemeID",
    CBC + "CompanyID": "schemeID",
    CBC + "EndpointID": "schemeID",
    CBC + "ItemClassificationCode": "listID",
    CBC + "InvoicedQuantity": "unitCode",
    CBC + "BaseQuantity": "unitCode",
    CBC + "CreditedQuantity": "unitCode",
    CBC + "EmbeddedDocumentBinaryObject": "mimeCode",
}
#: Attribute code lists whose every rule holds for a value that is a code as it stands (so
#: normalize-space changes nothing): unit codes (BR-CL-23) and item classification lists
#: (BR-CL-13). Other attributes' rules also depend on the parent element or a second list.
_ATTRIBUTE_CODES = {
    CBC + "ItemClassificationCode": cl.ITEM_CLASSIFICATIONS,
    CBC + "InvoicedQuantity": cl.UNITS,
    CBC + "BaseQuantity": cl.UNITS,
    CBC + "CreditedQuantity": cl.UNITS,
}
_TAGS = (
    *AMOUNT_TAGS,
    CBC + "InvoiceTypeCode",
    CBC + "CreditNoteTypeCode",
    CBC + "DocumentCurrencyCode",
    CBC + "TaxCurrencyCode",
    CBC + "DescriptionCode",
    CBC + "ID",
    CBC + "CompanyID",
    CBC + "ItemClassificationCode",
    CBC + "IdentificationCode",
    CBC + "PaymentMeansCode",
    CBC + "AllowanceChargeReasonCode",
    CBC + "TaxExemptionReasonCode",
    CBC + "InvoicedQuantity",
    CBC + "BaseQuantity",
    CBC + "CreditedQuantity",
    CBC + "EmbeddedDocumentBinaryObject",
    CBC + "EndpointID",
)


def _code(value: str | None, codes: frozenset[str]) -> bool:
    """``contains(' A B C ', concat(' ', normalize-space(value), ' '))`` without inner spaces."""
    value = norm(value)
    return bool(value) and " " not in value and value in codes


def check(doc: Doc) -> None:
    root = doc.root
    fire = doc.fire
    by_tag = doc.by_tag
    currencies = cl.CURRENCIES
    for tag in _TAGS:  # the order of doc.all(*_TAGS)
        elements = by_tag.get(tag)
        if not elements:
            continue
        if tag in _AMOUNT_TAGS:
            for el in elements:
                currency_id = el.get("currencyID")
                if currency_id in currencies:  # a code as it stands: both rules hold
                    continue
                if not _code(currency_id, currencies):
                    fire("BR-CL-03", el)
                if currency_id is not None:
                    fire("PEPPOL-EN16931-CL007", el)
            continue
        attribute = _NEEDS_ATTRIBUTE.get(tag)
        codes = _ATTRIBUTE_CODES.get(tag)
        for el in elements:
            if attribute is not None:
                value = el.get(attribute)
                if value is None:
                    continue  # these rules only look at elements with the attribute
                if codes is not None and value in codes:
                    continue  # a code as it stands: the rules on this attribute hold
            _check_one(doc, el, tag)

    for category in doc.all(CAC + "TaxCategory", CAC + "ClassifiedTaxCategory"):
        ident = doc.first(category, CBC + "ID")
        if ident is not None and not _code(ident.text, cl.VAT_CATEGORIES):
            fire("BR-CL-17" if category.tag == CAC + "TaxCategory" else "BR-CL-18", ident)

    for note in doc.select(root, CBC + "Note"):
        value = note.text or ""
        if value.startswith("#") and not _NOTE_SUBJECT.match(value):
            fire("BR-CL-08", note)


def _under_seller_or_payee(el) -> bool:
    for ancestor in el.iterancestors(CAC + "AccountingSupplierParty", CAC + "PayeeParty"):
        return ancestor is not None
    return False


def _check_one(doc: Doc, el, tag: str) -> None:
    fire = doc.fire
    local = tag[len(CBC) :]
    parent = el.getparent()
    parent_tag = parent.tag if parent is not None else ""
    if local in ("InvoiceTypeCode", "CreditNoteTypeCode"):
        if not _code(el.text, cl.EN16931_DOCUMENT_TYPES):
            fire("BR-CL-01", el)
    elif local == "DocumentCurrencyCode":
        if not _code(el.text, cl.CURRENCIES):
            fire("BR-CL-04", el)
    elif local == "TaxCurrencyCode":
        if not _code(el.text, cl.CURRENCIES):
            fire("BR-CL-05", el)
    elif local == "DescriptionCode":
        if parent_tag == CAC + "InvoicePeriod" and not _code(el.text, cl.VAT_DATE_CODES):
            fire("BR-CL-06", el)
            fire("PEPPOL-EN16931-CL006", el)
    elif local == "ID":
        scheme = el.get("schemeID")
        if scheme is None:
            return
        if parent_tag in (CAC + "AdditionalDocumentReference", CAC + "DocumentReference"):
            if doc.findtext(parent, CBC + "DocumentTypeCode") == "130" and not _code(
                scheme, cl.OBJECT_ID_SCHEMES
            ):
                fire("BR-CL-07", el)
        elif parent_tag == CAC + "PartyIdentification":
            if not _code(scheme, cl.ICD) and not (norm(scheme) == "SEPA" and _under_seller_or_payee(el)):
                fire("BR-CL-10", el)
        elif parent_tag == CAC + "StandardItemIdentification":
            if not _code(scheme, cl.ICD):
                fire("BR-CL-21", el)
        elif parent_tag == CAC + "DeliveryLocation" and not _code(scheme, cl.ICD):
            fire("BR-CL-26", el)
    elif local == "CompanyID":
        scheme = el.get("schemeID")
        if scheme is not None and parent_tag == CAC + "PartyLegalEntity" and not _code(scheme, cl.ICD):
            fire("BR-CL-11", el)
    elif local == "ItemClassificationCode":
        list_id = el.get("listID")
        if (
            list_id is not None
            and parent_tag == CAC + "CommodityClassification"
            and not _code(list_id, cl.ITEM_CLASSIFICATIONS)
        ):
            fire("BR-CL-13", el)
    elif local == "IdentificationCode":
        if parent_tag == CAC + "Country" and not _code(el.text, cl.COUNTRIES):
            fire("BR-CL-14", el)
        elif parent_tag == CAC + "OriginCountry" and not _code(el.text, cl.COUNTRIES):
            fire("BR-CL-15", el)
    elif local == "PaymentMeansCode":
        if parent_tag == CAC + "PaymentMeans" and not _code(el.text, cl.PAYMENT_MEANS):
            fire("BR-CL-16", el)
    elif local == "AllowanceChargeReasonCode":
        if parent_tag != CAC + "AllowanceCharge":
            return
        indicator = doc.charge_indicator(parent)
        raw_indicator = doc.findtext(parent, CBC + "ChargeIndicator")
        if indicator is False and not _code(el.text, cl.ALLOWANCE_REASONS):
            fire("BR-CL-19", el)
        if indicator is True and not _code(el.text, cl.CHARGE_REASONS):
            fire("BR-CL-20", el)
        if raw_indicator == "false" and not _code(el.text, cl.ALLOWANCE_REASONS):
            fire("PEPPOL-EN16931-CL002", el)
        if raw_indicator == "true" and not _code(el.text, cl.CHARGE_REASONS):
            fire("PEPPOL-EN16931-CL003", el)
    elif local == "TaxExemptionReasonCode":
        if not _code(el.text, cl.VATEX):
            fire("BR-CL-22", el)
    elif local in ("InvoicedQuantity", "BaseQuantity", "CreditedQuantity"):
        unit = el.get("unitCode")
        if unit is not None and not _code(unit, cl.UNITS):
            fire("BR-CL-23", el)
    elif local == "EmbeddedDocumentBinaryObject":
        mime = el.get("mimeCode")
        if mime is not None and not _code(mime, cl.MIME_CODES):
            fire("BR-CL-24", el)
        if mime is not None and mime not in cl.MIME_CODES:
            fire("PEPPOL-EN16931-CL001", el)
    elif local == "EndpointID":
        scheme = el.get("schemeID")
        if scheme is not None:
            if not _code(scheme, cl.EN16931_EAS):
                fire("BR-CL-25", el)
            if scheme not in cl.EAS:
                fire("PEPPOL-EN16931-CL008", el)
