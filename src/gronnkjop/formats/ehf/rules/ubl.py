"""UBL syntax rules of the EN 16931 binding: UBL-SR-* (cardinalities the UBL schema allows but the
standard restricts) and UBL-DT-* (data types and attributes).

The UBL-CR-* warnings ("element should not be used") are not implemented; the two fatal UBL-CR
rules are: an invoiced object reference (``cbc:DocumentTypeCode`` 130) carries neither an
attachment (UBL-CR-666) nor a description (UBL-CR-673).
"""

from __future__ import annotations

from ._base import CAC, CBC, Doc, norm, path

IMPLEMENTED = frozenset(
    [f"UBL-SR-{n:02d}" for n in (*range(1, 38), 39, 40, 42, 43, 44, 45, 46, 47, 48, 49, *range(50, 57))]
    + ["UBL-DT-01", "UBL-DT-06", "UBL-DT-07"]
    + [f"UBL-DT-{n:02d}" for n in range(8, 29)]
    + ["UBL-CR-666", "UBL-CR-673"]
)

#: count(<path from the root>) <= 1
_ROOT_AT_MOST_ONCE = (
    ("UBL-SR-01", path("cac:ContractDocumentReference", "cbc:ID")),
    ("UBL-SR-02", path("cac:ReceiptDocumentReference", "cbc:ID")),
    ("UBL-SR-03", path("cac:DespatchDocumentReference", "cbc:ID")),
    ("UBL-SR-05", path("cac:PaymentTerms", "cbc:Note")),
    ("UBL-SR-08", path("cac:InvoicePeriod")),
    (
        "UBL-SR-09",
        path("cac:AccountingSupplierParty", "cac:Party", "cac:PartyLegalEntity", "cbc:RegistrationName"),
    ),
    ("UBL-SR-10", path("cac:AccountingSupplierParty", "cac:Party", "cac:PartyName", "cbc:Name")),
    ("UBL-SR-11", path("cac:AccountingSupplierParty", "cac:Party", "cac:PartyLegalEntity", "cbc:CompanyID")),
    (
        "UBL-SR-14",
        path("cac:AccountingSupplierParty", "cac:Party", "cac:PartyLegalEntity", "cbc:CompanyLegalForm"),
    ),
    (
        "UBL-SR-15",
        path("cac:AccountingCustomerParty", "cac:Party", "cac:PartyLegalEntity", "cbc:RegistrationName"),
    ),
    ("UBL-SR-16", path("cac:AccountingCustomerParty", "cac:Party", "cac:PartyIdentification", "cbc:ID")),
    ("UBL-SR-17", path("cac:AccountingCustomerParty", "cac:Party", "cac:PartyLegalEntity", "cbc:CompanyID")),
    ("UBL-SR-18", path("cac:AccountingCustomerParty", "cac:Party", "cac:PartyTaxScheme", "cbc:CompanyID")),
    ("UBL-SR-24", path("cac:Delivery")),
    ("UBL-SR-39", path("cac:ProjectReference", "cbc:ID")),
    ("UBL-SR-40", path("cac:AccountingCustomerParty", "cac:Party", "cac:PartyName", "cbc:Name")),
    ("UBL-SR-45", path("cac:PaymentMeans", "cbc:PaymentDueDate")),
    ("UBL-SR-49", path("cac:InvoicePeriod", "cbc:DescriptionCode")),
    ("UBL-SR-56", path("cac:OriginatorDocumentReference", "cbc:ID")),
)

_ITEM_DESCRIPTION = CBC + "Description"
_PRICE_DISCOUNT = CAC + "AllowanceCharge"
#: count(<path from the line>) <= 1 for every invoice / credit note line
_LINE_AT_MOST_ONCE = (
    ("UBL-SR-34", CBC + "Note", None),
    ("UBL-SR-35", CAC + "OrderLineReference", CBC + "LineID"),
    ("UBL-SR-36", CAC + "InvoicePeriod", None),
    ("UBL-SR-37", CAC + "Price", _PRICE_DISCOUNT),
    ("UBL-SR-50", CAC + "Item", _ITEM_DESCRIPTION),
    ("UBL-SR-52", CAC + "DocumentReference", None),
)

#: UBL-DT-08..28: attributes that should not be present (warnings, once per document)
_ATTRIBUTES = {
    "schemeName": "UBL-DT-08",
    "schemeAgencyName": "UBL-DT-09",
    "schemeDataURI": "UBL-DT-10",
    "schemeURI": "UBL-DT-11",
    "format": "UBL-DT-12",
    "unitCodeListID": "UBL-DT-13",
    "unitCodeListAgencyID": "UBL-DT-14",
    "unitCodeListAgencyName": "UBL-DT-15",
    "listAgencyName": "UBL-DT-16",
    "listName": "UBL-DT-17",
    "name": "UBL-DT-18",
    "languageID": "UBL-DT-19",
    "listURI": "UBL-DT-20",
    "listSchemeURI": "UBL-DT-21",
    "languageLocaleID": "UBL-DT-22",
    "uri": "UBL-DT-23",
    "currencyCodeListVersionID": "UBL-DT-24",
    "characterSetCode": "UBL-DT-25",
    "encodingCode": "UBL-DT-26",
    "schemeAgencyID": "UBL-DT-27",
    "listAgencyID": "UBL-DT-28",
}


def check(doc: Doc) -> None:
    root = doc.root
    fire = doc.fire
    # count(/*/<path>) <= 1, through the children index
    for rule, where in _ROOT_AT_MOST_ONCE:
        if len(doc.select(root, where)) > 1:
            fire(rule)
    means_codes = doc.select(root, path("cac:PaymentMeans", "cbc:PaymentMeansCode"))
    if sum(1 for code in means_codes if code.get("name") is not None) > 1:
        fire("UBL-SR-46")
    invoiced_objects = [
        reference
        for reference in doc.select(root, CAC + "AdditionalDocumentReference")
        if any(code.text == "130" for code in doc.select(reference, CBC + "DocumentTypeCode"))
    ]
    if len(invoiced_objects) > 1:
        fire("UBL-SR-04")
    if any(doc.select(reference, CAC + "Attachment") for reference in invoiced_objects):
        fire("UBL-CR-666")
    if any(doc.select(reference, CBC + "DocumentDescription") for reference in invoiced_objects):
        fire("UBL-CR-673")
    supplier_schemes = doc.select(
        root, path("cac:AccountingSupplierParty", "cac:Party", "cac:PartyTaxScheme")
    )
    vat_ids = [s for s in supplier_schemes if doc.findtext(s, path("cac:TaxScheme", "cbc:ID")) == "VAT"]
    if sum(len(doc.select(s, CBC + "CompanyID")) for s in vat_ids) > 1:
        fire("UBL-SR-12")
    other_ids = [s for s in supplier_schemes if doc.findtext(s, path("cac:TaxScheme", "cbc:ID")) != "VAT"]
    if sum(len(doc.select(s, CBC + "CompanyID")) for s in other_ids) > 1:
        fire("UBL-SR-13")
    sepa = [
        el
        for identification in doc.all(CAC + "PartyIdentification")
        for el in doc.select(identification, CBC + "ID")
        if (el.get("schemeID") or "").upper() == "SEPA"
    ]
    if len(sepa) > 1:
        fire("UBL-SR-29")
    if len({el.text for el in doc.all(CBC + "PaymentID")}) > 1:
        fire("UBL-SR-44")
    if len({el.text for el in doc.all(CBC + "PaymentMeansCode")}) > 1:
        fire("UBL-SR-47")
    if len(list(doc.all(CAC + "CardAccount"))) > 1:
        fire("UBL-SR-54")
    if len(list(doc.all(CAC + "PaymentMandate"))) > 1:
        fire("UBL-SR-55")

    for reference in doc.select(root, CAC + "BillingReference"):
        documents = doc.select(reference, CAC + "InvoiceDocumentReference")
        if len(documents) > 1:
            fire("UBL-SR-06", reference)
        if documents and not any(norm(doc.findtext(d, CBC + "ID")) for d in documents):
            fire("UBL-SR-07", reference)
    supplier_party = doc.supplier
    for payee in doc.select(root, CAC + "PayeeParty"):
        for rule, where, seller_where in (
            ("UBL-SR-19", path("cac:PartyName", "cbc:Name"), path("cac:PartyName", "cbc:Name")),
            (
                "UBL-SR-20",
                path("cac:PartyIdentification", "cbc:ID"),
                path("cac:PartyIdentification", "cbc:ID"),
            ),
            ("UBL-SR-21", path("cac:PartyLegalEntity", "cbc:CompanyID"), None),
        ):
            values = doc.select(payee, where)
            same_as_seller = False
            if seller_where and supplier_party is not None and len(values) == 1:
                seller_values = {el.text for el in doc.select(supplier_party, seller_where)}
                same_as_seller = values[0].text in seller_values
            if len(values) > 1 or same_as_seller:
                fire(rule, payee)
    for representative in doc.select(root, CAC + "TaxRepresentativeParty"):
        if len(doc.select(representative, path("cac:PartyName", "cbc:Name"))) > 1:
            fire("UBL-SR-22", representative)
        if len(doc.select(representative, path("cac:PartyTaxScheme", "cbc:CompanyID"))) > 1:
            fire("UBL-SR-23", representative)
    for delivery in doc.select(root, CAC + "Delivery"):
        if len(doc.select(delivery, path("cac:DeliveryParty", "cac:PartyName", "cbc:Name"))) > 1:
            fire("UBL-SR-25", delivery)
    for means in doc.select(root, CAC + "PaymentMeans"):
        for rule, where in (
            ("UBL-SR-26", CBC + "PaymentID"),
            ("UBL-SR-27", CBC + "InstructionNote"),
            ("UBL-SR-28", path("cac:PaymentMandate", "cbc:ID")),
        ):
            if len(doc.select(means, where)) > 1:
                fire(rule, means)
    for ac in doc.all(CAC + "AllowanceCharge"):
        indicator = doc.charge_indicator(ac)
        if indicator is not None and len(doc.select(ac, CBC + "AllowanceChargeReason")) > 1:
            fire("UBL-SR-31" if indicator else "UBL-SR-30", ac)
    for subtotal in doc.all(CAC + "TaxSubtotal"):
        if len(doc.select(subtotal, path("cac:TaxCategory", "cbc:TaxExemptionReason"))) > 1:
            fire("UBL-SR-32", subtotal)
    for reference in doc.all(CAC + "AdditionalDocumentReference"):
        if len(doc.select(reference, CBC + "DocumentDescription")) > 1:
            fire("UBL-SR-33", reference)
        type_code = doc.findtext(reference, CBC + "DocumentTypeCode")
        has_scheme = any(el.get("schemeID") is not None for el in doc.select(reference, CBC + "ID"))
        if has_scheme and not (type_code == "130" or (not doc.is_invoice and type_code == "50")):
            fire("UBL-SR-43", reference)
    for party in doc.select(root, path("cac:AccountingSupplierParty", "cac:Party")):
        if len(doc.select(party, CAC + "PartyTaxScheme")) > 2:
            fire("UBL-SR-42", party)
    for address in doc.all(CAC + "PostalAddress", CAC + "Address"):
        if len(doc.select(address, CAC + "AddressLine")) > 1:
            fire("UBL-SR-51", address)
    for scheme in doc.all(CAC + "PartyTaxScheme"):
        if doc.first(scheme, CBC + "CompanyID") is None:
            fire("UBL-SR-53", scheme)
    kids = doc.kids
    for info in doc.line_info():
        if info.clean:
            continue
        line = info.el
        get = info.kids.get
        for rule, tag, child in _LINE_AT_MOST_ONCE:
            found = get(tag)
            if not found:
                continue
            if child is not None:
                if child is _ITEM_DESCRIPTION:
                    found = [el for ik in info.items for el in ik.get(child, ())]
                elif child is _PRICE_DISCOUNT:
                    found = [el for pk in info.prices for el in pk.get(child, ())]
                else:
                    found = [el for parent in found for el in kids(parent).get(child, ())]
            if len(found) > 1:
                fire(rule, line)
        if len(info.categories) != 1:
            fire("UBL-SR-48", line)

    # -- data types ------------------------------------------------------------------------------
    for tag, elements in doc.by_tag.items():
        if tag.__class__ is not str:  # comments and processing instructions
            continue
        if tag.endswith("Amount") and not tag.endswith("PriceAmount"):
            for amount in elements:
                value = amount.text or ""
                dot = value.find(".")
                if dot >= 0 and len(value) - dot - 1 > 2 and not _in_price_discount(amount):
                    fire("UBL-DT-01", amount)
        elif tag.endswith("BinaryObject"):
            for binary in elements:
                if binary.get("mimeCode") is None:
                    fire("UBL-DT-06", binary)
                if binary.get("filename") is None:
                    fire("UBL-DT-07", binary)
    seen: set[str] = set()
    for name, element in doc.attributes:
        rule = _ATTRIBUTES[name]
        if rule in seen or (name == "name" and element.tag == CBC + "PaymentMeansCode"):
            continue
        seen.add(rule)
        fire(rule, element)


def _in_price_discount(el) -> bool:
    """``ancestor::cac:Price/cac:AllowanceCharge``: inside a price that has a discount."""
    return any(price.find(CAC + "AllowanceCharge") is not None for price in el.iterancestors(CAC + "Price"))
