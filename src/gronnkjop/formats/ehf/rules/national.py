"""The national rules of PEPPOL BIS Billing 3.0 for sellers outside Norway: Denmark (DK-R-*),
Germany (DE-R-*), Greece (GR-R-*, GR-S-*), Iceland (IS-R-*), Italy (IT-R-*), the Netherlands
(NL-R-*) and Sweden (SE-R-*). The Norwegian rules are in :mod:`.norway`.

A Norwegian municipality receives invoices from Swedish, Danish and German suppliers over PEPPOL;
the access points check these rules, so the validator gives the same verdict.

Each country decides *whether* its rules apply in its own way, and the official rules are followed
to the letter here, as they differ:

* Denmark and Iceland: the seller's (and buyer's) address country, compared as written;
* Germany and the Netherlands: the address country, trimmed and in capitals;
* Sweden: a seller party whose address country is ``SE`` (and, for some rules, whose VAT
  identifier starts with ``SE``);
* Italy and Greece: PEPPOL's ``$supplierCountry`` (VAT prefix first, then address), Greece also
  ``$customerCountry`` and, for the seller's endpoint, the VAT prefix or address of the seller alone.

XPath details that decide verdicts are kept: a general comparison (``cbc:PaymentMeansCode = '31'``)
is true when any of the values equals the text exactly, untrimmed; ``number()`` gives NaN for text
that is not a number; a missing element compared with anything is false.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from ._base import CAC, CBC, Doc, Element, norm, path

IMPLEMENTED = frozenset(
    {
        *(f"DK-R-{n:03d}" for n in (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 16)),
        *(f"DE-R-{n:03d}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 19, 20)),
        *(f"DE-R-{n:03d}" for n in (22, 26, 27, 28, 30, 31)),
        *("DE-R-023-1", "DE-R-023-2", "DE-R-024-1", "DE-R-024-2", "DE-R-025-1", "DE-R-025-2"),
        *(f"GR-R-001-{n}" for n in range(1, 8)),
        *("GR-R-002", "GR-R-003", "GR-R-004-1", "GR-R-004-2", "GR-R-005", "GR-R-006"),
        *("GR-R-008-2", "GR-R-008-3", "GR-R-009", "GR-R-010", "GR-S-008-1", "GR-S-011"),
        *(f"IS-R-{n:03d}" for n in range(1, 11)),
        *(f"IT-R-{n:03d}" for n in range(1, 5)),
        *(f"NL-R-{n:03d}" for n in range(1, 10)),
        *(f"SE-R-{n:03d}" for n in range(1, 14)),
    }
)

_SUPPLIER_PARTY = path("cac:AccountingSupplierParty", "cac:Party")
_CUSTOMER_PARTY = path("cac:AccountingCustomerParty", "cac:Party")
_ADDRESS_COUNTRY = path("cac:PostalAddress", "cac:Country", "cbc:IdentificationCode")
_VAT_SCHEME_ID = path("cac:TaxScheme", "cbc:ID")
_LEGAL_ID = path("cac:PartyLegalEntity", "cbc:CompanyID")
_PAYEE_ACCOUNT_ID = path("cac:PayeeFinancialAccount", "cbc:ID")
_T_ID = CBC + "ID"
_T_CODE = CBC + "PaymentMeansCode"
_T_PAYMENT_ID = CBC + "PaymentID"
_T_STREET = CBC + "StreetName"
_T_CITY = CBC + "CityName"
_T_POSTAL_ZONE = CBC + "PostalZone"
_T_COMPANY_ID = CBC + "CompanyID"
_T_DESCRIPTION = CBC + "DocumentDescription"
_T_ADR = CAC + "AdditionalDocumentReference"
_T_PAYMENT_MEANS = CAC + "PaymentMeans"
_T_PAYMENT_MANDATE = CAC + "PaymentMandate"
_T_PAYEE_ACCOUNT = CAC + "PayeeFinancialAccount"
_T_CARD_ACCOUNT = CAC + "CardAccount"
_T_ALLOWANCE_CHARGE = CAC + "AllowanceCharge"
_T_TAX_CATEGORY = CAC + "TaxCategory"
_T_CLASSIFIED = CAC + "ClassifiedTaxCategory"
_T_PARTY_TAX_SCHEME = CAC + "PartyTaxScheme"

#: ``xs:double`` as ``number()`` reads it (surrounding blanks allowed)
_DOUBLE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN")


def number(value: str | None) -> float:
    """XPath ``number()``: the value as a double, NaN when absent or not a number."""
    if value is None:
        return math.nan
    value = value.strip(" \t\r\n")
    if not _DOUBLE.fullmatch(value):
        return math.nan
    return float(value.replace("INF", "inf"))


def is_number(value: str | None) -> bool:
    """``string(number(value)) != 'NaN'``."""
    return not math.isnan(number(value))


def _texts(doc: Doc, el: Element | None, where: str) -> list[str]:
    """The string values of the elements at ``where`` below ``el`` ('' for an element without text)."""
    if el is None:
        return []
    return [found.text or "" for found in doc.select(el, where)]


def _first(doc: Doc, el: Element | None, where: str) -> str | None:
    """The string value of the first element at ``where`` below ``el``; None when there is none."""
    if el is None:
        return None
    return doc.findtext(el, where)


def _nonblank(doc: Doc, el: Element, where: str) -> bool:
    """``where[boolean(normalize-space(.))]``: some element at ``where`` has non-blank text."""
    return any(norm(value) for value in _texts(doc, el, where))


def _has(doc: Doc, el: Element, where: str) -> bool:
    return bool(doc.select(el, where))


def _vat_schemes(doc: Doc, party: Element, *, normalized: bool) -> list[Element]:
    """``cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']`` (``normalize-space`` of the id when
    ``normalized``)."""
    out = []
    for scheme in doc.select(party, CAC + "PartyTaxScheme"):
        ids = _texts(doc, scheme, _VAT_SCHEME_ID)
        if any((norm(v) if normalized else v) == "VAT" for v in ids):
            out.append(scheme)
    return out


def _address_countries(doc: Doc, party_path: str) -> tuple[str, ...]:
    """The address country codes of the party at ``party_path``, as written; computed once per
    document (every country asks)."""
    key = "address " + party_path
    found = doc._country.get(key)
    if found is None:
        found = tuple(_texts(doc, doc.root, party_path + "/" + _ADDRESS_COUNTRY))
        doc._country[key] = found  # type: ignore[assignment]
    return found  # type: ignore[return-value]


def _address_country(doc: Doc, party_path: str) -> str:
    """The first address country code of the party at ``party_path``, as written ('' when none)."""
    found = _address_countries(doc, party_path)
    return found[0] if found else ""


def _codes(doc: Doc, means: Element) -> list[str]:
    return _texts(doc, means, _T_CODE)


def _numeric_code(doc: Doc, means: Element, codes: Iterable[int]) -> bool:
    """``cbc:PaymentMeansCode = (30, 58)``: a code that reads as one of the numbers."""
    wanted = set(codes)
    return any(number(code) in wanted for code in _codes(doc, means))


def check(doc: Doc) -> None:
    _denmark(doc)
    _germany(doc)
    _greece(doc)
    _iceland(doc)
    _italy(doc)
    _netherlands(doc)
    _sweden(doc)


# -- Denmark ---------------------------------------------------------------------------------------

_DK_MEANS = " 1 10 31 42 48 49 50 58 59 93 97 "
_DK_GIRO_ACCOUNT = re.compile(r"[0-9]{7,8}\Z")
_DK_UNSPSC_VERSIONS = frozenset({"19.05.01", "19.0501", "26.08.01", "26.0801"})


def _denmark(doc: Doc) -> None:
    if _address_country(doc, _SUPPLIER_PARTY) != "DK":
        return
    root, fire = doc.root, doc.fire
    both = _address_country(doc, _CUSTOMER_PARTY) == "DK"
    supplier = doc.first(root, _SUPPLIER_PARTY)

    legal_ids = doc.select(supplier, _LEGAL_ID) if supplier is not None else []
    if not (legal_ids and norm(legal_ids[0].text)):
        fire("DK-R-002")
    if legal_ids and norm(legal_ids[0].get("schemeID")) != "0184":
        fire("DK-R-014")
    payable = _first(doc, root, path("cac:LegalMonetaryTotal", "cbc:PayableAmount"))
    if not doc.is_invoice and both and number(payable) < 0:
        fire("DK-R-016")
    if not both:
        return

    for party_path in (_SUPPLIER_PARTY, _CUSTOMER_PARTY):
        for identification in doc.select(root, party_path + "/" + CAC + "PartyIdentification"):
            ids = doc.select(identification, _T_ID)
            if ids and not norm(ids[0].get("schemeID")):
                fire("DK-R-013", identification)

    if doc.is_invoice:
        for means in doc.kids(root).get(_T_PAYMENT_MEANS, ()):
            _danish_payment(doc, means)

    for line in doc.lines:
        codes = doc.select(
            line, path("cac:Item", "cac:CommodityClassification", "cbc:ItemClassificationCode")
        )
        if any(c.get("listID") == "TST" for c in codes) and not any(
            c.get("listVersionID") in _DK_UNSPSC_VERSIONS for c in codes
        ):
            fire("DK-R-003", line)

    for ac in doc.all(_T_ALLOWANCE_CHARGE):
        if "ZZZ" not in _texts(doc, ac, CBC + "AllowanceChargeReasonCode"):
            continue
        reason = _first(doc, ac, CBC + "AllowanceChargeReason")
        four_digits = reason is not None and len(norm(reason)) == 4 and 0 <= number(reason) <= 9999
        hashed = bool(reason) and "#" in reason and not reason.startswith("#") and not reason.endswith("#")
        if not (four_digits or hashed):
            fire("DK-R-004", ac)


def _danish_payment(doc: Doc, means: Element) -> None:
    fire = doc.fire
    codes = _codes(doc, means)
    first_code = codes[0] if codes else ""
    if f" {first_code} " not in _DK_MEANS:
        fire("DK-R-005", means)
    payment_id = _first(doc, means, _T_PAYMENT_ID) or ""
    prefix = payment_id[:3]
    account = _first(doc, means, _PAYEE_ACCOUNT_ID)
    if ("31" in codes or "42" in codes) and not (
        norm(account)
        and norm(
            _first(doc, means, path("cac:PayeeFinancialAccount", "cac:FinancialInstitutionBranch", "cbc:ID"))
        )
    ):
        fire("DK-R-006", means)
    if "49" in codes and not (
        norm(_first(doc, means, path("cac:PaymentMandate", "cbc:ID")))
        and norm(_first(doc, means, path("cac:PaymentMandate", "cac:PayerFinancialAccount", "cbc:ID")))
    ):
        fire("DK-R-007", means)
    if "50" in codes:
        if not (prefix in ("01#", "04#", "15#") and account is not None and _DK_GIRO_ACCOUNT.match(account)):
            fire("DK-R-008", means)
        if prefix in ("04#", "15#") and len(payment_id) != 19:
            fire("DK-R-009", means)
    if "93" in codes:
        if not (prefix in ("71#", "73#", "75#") and account is not None and len(account) == 8):
            fire("DK-R-010", means)
        if prefix in ("71#", "75#") and len(payment_id) not in (18, 19):
            fire("DK-R-011", means)


# -- Germany ---------------------------------------------------------------------------------------

_DE_VAT_CODES = frozenset({"S", "Z", "E", "AE", "K", "G", "L", "M"})
_DE_TYPE_CODES = frozenset({"326", "380", "384", "389", "381", "875", "876", "877"})
_DE_SKONTO = re.compile(
    r"#(SKONTO)#TAGE=([0-9]+#PROZENT=[0-9]+\.[0-9]{2})(#BASISBETRAG=-?[0-9]+\.[0-9]{2})?#\Z"
)
_DE_SKONTO_SEGMENT = re.compile(r"#[^\n\r]+#")
_DE_LINE_BREAK = re.compile(r"\r?\n")
_DE_ENDS_WITH_BREAK = re.compile(r"[ \t\n\r]*\n")
_DE_TELEPHONE = re.compile(r"[^\n\r]*([0-9][^\n\r]*){3,}[^\n\r]*")
_DE_EMAIL = re.compile(
    r"[a-zA-Z0-9!#$%&\"*+/=?^_`{|}~-]+(\.[a-zA-Z0-9!#$%&\"*+/=?^_`{|}~-]+)*"
    r"@([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?\.)+[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?\Z"
)
_IBAN = re.compile(r"[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{0,30}\Z")
_BLANKS = re.compile(r"[ \n\r\t]")


def iban_ok(value: str | None) -> bool:
    """The German rules' IBAN test: blanks removed, two capitals, two digits and up to 30 letters
    or digits, and the ISO 7064 mod 97 check on the letters read as ``code point - 55`` (so a small
    letter reads as another number than its capital, as in the official rule)."""
    if value is None:
        return False
    compact = _BLANKS.sub("", value)
    if not _IBAN.match(compact):
        return False
    moved = compact[4:] + compact[:2].upper() + compact[2:4]
    digits = "".join(str(ord(c) - 55) if ord(c) > 64 else str(ord(c) - 48) for c in moved)
    return int(digits) % 97 == 1


def _skonto_ok(note: str | None) -> bool:
    """DE-R-018: every line of the payment terms that starts with ``#`` is a cash discount term
    (``#SKONTO#TAGE=14#PROZENT=2.00#``), and the text after the last ``#...#`` starts with a line
    break."""
    if note is None:
        return True
    lines = [line for line in _DE_LINE_BREAK.split(note) if norm(line).startswith("#")]
    if not lines:
        return True
    tail = _DE_SKONTO_SEGMENT.split(note)[-1]
    tail_ok = bool(_DE_ENDS_WITH_BREAK.match(tail))
    return all(_DE_SKONTO.search(norm(line)) and tail_ok for line in lines)


def _germany(doc: Doc) -> None:
    if norm(_address_country(doc, _SUPPLIER_PARTY)).upper() != "DE":
        return
    if norm(_address_country(doc, _CUSTOMER_PARTY)).upper() != "DE":
        return
    root, fire = doc.root, doc.fire
    top = doc.kids(root)
    means_list = top.get(_T_PAYMENT_MEANS, ())
    if not means_list:
        fire("DE-R-001")
    if not _nonblank(doc, root, CBC + "BuyerReference"):
        fire("DE-R-015")

    # DE-R-016: a VAT category of the list is used, but neither a VAT or tax number of the seller
    # nor a tax representative is given.
    used: set[str] = set()
    for ac in top.get(_T_ALLOWANCE_CHARGE, ()):
        indicators = _texts(doc, ac, CBC + "ChargeIndicator")
        for category in doc.kids(ac).get(_T_TAX_CATEGORY, ()):
            for ident in doc.kids(category).get(_T_ID, ()):
                if "true" in indicators or (
                    "false" in indicators and (not doc.is_invoice or _vat_after(ident))
                ):
                    used.add(ident.text or "")
    for line in doc.lines:
        used.update(_texts(doc, line, path("cac:Item", "cac:ClassifiedTaxCategory", "cbc:ID")))
    if used & _DE_VAT_CODES and not (
        CAC + "TaxRepresentativeParty" in top
        or _nonblank(doc, root, _SUPPLIER_PARTY + "/" + path("cac:PartyTaxScheme", "cbc:CompanyID"))
    ):
        fire("DE-R-016")

    type_codes = _texts(doc, root, CBC + ("InvoiceTypeCode" if doc.is_invoice else "CreditNoteTypeCode"))
    if not set(type_codes) & _DE_TYPE_CODES:
        fire("DE-R-017")
    notes = [_first(doc, terms, CBC + "Note") for terms in top.get(CAC + "PaymentTerms", ())]
    notes = [n for n in notes if n is not None]
    if not _skonto_ok(notes[0] if notes else None):
        fire("DE-R-018")
    filenames = [
        el.get("filename")
        for el in doc.select(
            root,
            path("cac:AdditionalDocumentReference", "cac:Attachment", "cbc:EmbeddedDocumentBinaryObject"),
        )
        if el.get("filename") is not None
    ]
    if len(filenames) != len({name.lower() for name in filenames}):
        fire("DE-R-022")
    if any(number(code) == 384 for code in type_codes) and not _has(
        doc, root, path("cac:BillingReference", "cac:InvoiceDocumentReference")
    ):
        fire("DE-R-026")
    mandates = [m for means in means_list for m in doc.kids(means).get(_T_PAYMENT_MANDATE, ())]
    if mandates:
        creditor = [
            el
            for where in (
                path("cac:PayeeParty", "cac:PartyIdentification", "cbc:ID"),
                _SUPPLIER_PARTY + "/" + path("cac:PartyIdentification", "cbc:ID"),
            )
            for el in doc.select(root, where)
            if el.get("schemeID") == "SEPA"
        ]
        if not creditor:
            fire("DE-R-030")
        if not any(_has(doc, m, path("cac:PayerFinancialAccount", "cbc:ID")) for m in mandates):
            fire("DE-R-031")

    for supplier in top.get(CAC + "AccountingSupplierParty", ()):
        if not _has(doc, supplier, path("cac:Party", "cac:Contact")):
            fire("DE-R-002", supplier)
    for address in doc.select(root, _SUPPLIER_PARTY + "/" + CAC + "PostalAddress"):
        _city_and_zone(doc, address, "DE-R-003", "DE-R-004")
    for contact in doc.select(root, _SUPPLIER_PARTY + "/" + CAC + "Contact"):
        if not _nonblank(doc, contact, CBC + "Name"):
            fire("DE-R-005", contact)
        if not _nonblank(doc, contact, CBC + "Telephone"):
            fire("DE-R-006", contact)
        if not _nonblank(doc, contact, CBC + "ElectronicMail"):
            fire("DE-R-007", contact)
        if not _DE_TELEPHONE.match(norm(_first(doc, contact, CBC + "Telephone"))):
            fire("DE-R-027", contact)
        if not _DE_EMAIL.match(norm(_first(doc, contact, CBC + "ElectronicMail"))):
            fire("DE-R-028", contact)
    for address in doc.select(root, _CUSTOMER_PARTY + "/" + CAC + "PostalAddress"):
        _city_and_zone(doc, address, "DE-R-008", "DE-R-009")
    for address in doc.select(root, path("cac:Delivery", "cac:DeliveryLocation", "cac:Address")):
        _city_and_zone(doc, address, "DE-R-010", "DE-R-011")
    for subtotal in doc.select(root, path("cac:TaxTotal", "cac:TaxSubtotal")):
        if not _nonblank(doc, subtotal, path("cac:TaxCategory", "cbc:Percent")):
            fire("DE-R-014", subtotal)

    for means in means_list:
        kids = doc.kids(means)
        payee, card, mandate = _T_PAYEE_ACCOUNT in kids, _T_CARD_ACCOUNT in kids, _T_PAYMENT_MANDATE in kids
        if _numeric_code(doc, means, (30, 58)):
            if "58" in map(norm, _codes(doc, means)) and not iban_ok(_first(doc, means, _PAYEE_ACCOUNT_ID)):
                fire("DE-R-019", means)
            if not payee:
                fire("DE-R-023-1", means)
            if card or mandate:
                fire("DE-R-023-2", means)
        if _numeric_code(doc, means, (48, 54, 55)):
            if not card:
                fire("DE-R-024-1", means)
            if payee or mandate:
                fire("DE-R-024-2", means)
        if _numeric_code(doc, means, (59,)):
            debited = _first(doc, means, path("cac:PaymentMandate", "cac:PayerFinancialAccount", "cbc:ID"))
            if "59" in map(norm, _codes(doc, means)) and not iban_ok(debited):
                fire("DE-R-020", means)
            if not mandate:
                fire("DE-R-025-1", means)
            if payee or card:
                fire("DE-R-025-2", means)


def _vat_after(ident: Element) -> bool:
    """``following-sibling::cac:TaxScheme/cbc:ID = 'VAT'`` of a tax category's ``cbc:ID``."""
    return any(
        child.tag == _T_ID and child.text == "VAT"
        for scheme in ident.itersiblings(CAC + "TaxScheme")
        for child in scheme
    )


def _city_and_zone(doc: Doc, address: Element, city_rule: str, zone_rule: str) -> None:
    if not _nonblank(doc, address, _T_CITY):
        doc.fire(city_rule, address)
    if not _nonblank(doc, address, _T_POSTAL_ZONE):
        doc.fire(zone_rule, address)


# -- Greece ----------------------------------------------------------------------------------------

_GR_DATE = re.compile(r"(0?[1-9]|[12][0-9]|3[01])[-\\/ ]?(0?[1-9]|1[0-2])[-\\/ ]?(19|20)[0-9]{2}")
_GR_DOCUMENT_TYPES = frozenset({"1.1", "1.6", "2.1", "2.4", "5.1", "5.2"})
_GR_INTEGER = re.compile(r"[+-]?[0-9]+")
_GR_MARK = re.compile(r"[1-9]")


def tin_ok(value: str | None) -> bool:
    """The Greek rules' ``u:TinVerification``: the ninth character is the check digit of the first
    eight (weights 256 down to 2, mod 11, mod 10)."""
    if value is None or len(value) < 9 or not value[:9].isascii() or not value[:9].isdigit():
        return False
    checksum = sum(int(value[i]) * 2 ** (8 - i) for i in range(8))
    return checksum % 11 % 10 == int(value[8])


def _greek_vat(doc: Doc, party: Element) -> bool:
    """GR-S-011 and GR-R-006: exactly one VAT identifier, ``EL`` and a valid TIN."""
    ids = [v for s in _vat_schemes(doc, party, normalized=True) for v in _texts(doc, s, CBC + "CompanyID")]
    return len(ids) == 1 and ids[0][:2] == "EL" and tin_ok(ids[0][2:])


def _greece(doc: Doc) -> None:
    root, fire = doc.root, doc.fire
    greek = ("GR", "EL")
    sender = doc.supplier_country() in greek
    receiver = doc.customer_country() in greek
    if sender:
        _greek_invoice_id(doc)
        for party in doc.select(root, _SUPPLIER_PARTY):
            names = _texts(doc, party, path("cac:PartyName", "cbc:Name"))
            if not (names and names[0]):
                fire("GR-R-002", party)
            if not _greek_vat(doc, party):
                fire("GR-S-011", party)
            for scheme in _vat_schemes(doc, party, normalized=True):
                for company in doc.kids(scheme).get(_T_COMPANY_ID, ()):
                    value = company.text or ""
                    if not (value[:2] == "EL" and tin_ok(value[2:])):
                        fire("GR-R-003", company)
        references = doc.kids(root).get(_T_ADR, ())
        address_greek = "GR" in _texts(doc, root, _SUPPLIER_PARTY + "/" + _ADDRESS_COUNTRY)
        if address_greek:
            marks = [r for r in references if "##M.AR.K##" in _texts(doc, r, _T_DESCRIPTION)]
            urls = [r for r in references if "##INVOICE|URL##" in _texts(doc, r, _T_DESCRIPTION)]
            if len(marks) != 1:
                fire("GR-R-004-1")
            if len(urls) != 1:
                fire("GR-S-008-1")
            if len(urls) > 1:
                fire("GR-R-008-2")
        for reference in doc.all(_T_ADR):
            descriptions = _texts(doc, reference, _T_DESCRIPTION)
            if address_greek and "##M.AR.K##" in descriptions:
                for ident in doc.kids(reference).get(_T_ID, ()):
                    if not _GR_MARK.match(ident.text or ""):
                        fire("GR-R-004-2", ident)
            if "##INVOICE|URL##" in descriptions and not _nonblank(
                doc, reference, path("cac:Attachment", "cac:ExternalReference", "cbc:URI")
            ):
                fire("GR-R-008-3", reference)
        for party in doc.select(root, _CUSTOMER_PARTY):
            names = _texts(doc, party, path("cac:PartyName", "cbc:Name"))
            if not (names and names[0]):
                fire("GR-R-005", party)
            if receiver and not _greek_vat(doc, party):
                fire("GR-R-006", party)
            if receiver:
                for endpoint in doc.kids(party).get(CBC + "EndpointID", ()):
                    if not (endpoint.get("schemeID") == "9933" and tin_ok(endpoint.text)):
                        fire("GR-R-010", endpoint)
    if (
        sender or norm(_address_country(doc, _SUPPLIER_PARTY)).upper() in greek
    ) and _accounting_supplier_country(
        doc
    ) in greek:  # the seller's own VAT prefix, else its address: Greek only if one of the two is
        for endpoint in doc.select(root, _SUPPLIER_PARTY + "/" + CBC + "EndpointID"):
            if not (endpoint.get("schemeID") == "9933" and tin_ok(endpoint.text)):
                fire("GR-R-009", endpoint)


def _accounting_supplier_country(doc: Doc) -> str:
    """The Greek rules' ``$accountingSupplierCountry``: the seller's VAT prefix, else the seller's
    address country (a tax representative is not asked), else ``XX``."""
    for scheme in doc.select(doc.root, _SUPPLIER_PARTY + "/" + _T_PARTY_TAX_SCHEME):
        if "VAT" in _texts(doc, scheme, _VAT_SCHEME_ID):
            company = _first(doc, scheme, CBC + "CompanyID")
            if company:
                return norm(company[:2]).upper()
    country = _first(doc, doc.root, _SUPPLIER_PARTY + "/" + _ADDRESS_COUNTRY)
    return norm(country).upper() if country is not None else "XX"


def _greek_invoice_id(doc: Doc) -> None:
    """GR-R-001-1..7 on the document number: six segments ``TIN|date|number|type|series|...``."""
    root, fire = doc.root, doc.fire
    for ident in doc.kids(root).get(_T_ID, ()):
        value = ident.text or ""
        segments = value.split("|") if value else []
        seg = segments + [None] * (6 - len(segments)) if len(segments) < 6 else segments

        if len(segments) != 6:
            fire("GR-R-001-1", ident)
        tin = seg[0]
        vat_suffixes = [
            v[2:11]
            for where in (_SUPPLIER_PARTY, CAC + "TaxRepresentativeParty")
            for scheme in doc.select(root, where + "/" + _T_PARTY_TAX_SCHEME)
            if "VAT" in _texts(doc, scheme, _VAT_SCHEME_ID)
            for v in _texts(doc, scheme, CBC + "CompanyID")
        ]
        if not (tin is not None and len(norm(tin)) == 9 and tin_ok(tin) and tin in vat_suffixes):
            fire("GR-R-001-2", ident)
        when = seg[1]
        issue = (_first(doc, root, CBC + "IssueDate") or "").split("-")
        if not (
            when is not None and norm(when) and _GR_DATE.match(when) and _same_date(when.split("/"), issue)
        ):
            fire("GR-R-001-3", ident)
        serial = seg[2]
        if not (
            serial is not None
            and norm(serial)
            and is_number(serial)
            and _GR_INTEGER.fullmatch(norm(serial))
            and int(norm(serial)) >= 0
        ):
            fire("GR-R-001-4", ident)
        kind = seg[3]
        if not (kind is not None and norm(kind) and kind in _GR_DOCUMENT_TYPES):
            fire("GR-R-001-5", ident)
        if not seg[4]:
            fire("GR-R-001-6", ident)
        if not seg[5]:
            fire("GR-R-001-7", ident)


def _same_date(day_month_year: list[str], year_month_day: list[str]) -> bool:
    if len(day_month_year) < 3 or len(year_month_day) < 3:
        return False
    return (
        day_month_year[0] == year_month_day[2]
        and day_month_year[1] == year_month_day[1]
        and day_month_year[2] == year_month_day[0]
    )


# -- Iceland ---------------------------------------------------------------------------------------

_IS_TYPES = frozenset({"380", "381"})
_ISO_DATE = re.compile(r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?")


def _castable_as_date(value: str) -> bool:
    from ._base import as_date

    value = value.strip()
    return bool(_ISO_DATE.fullmatch(value)) and as_date(value[:10]) is not None


def _iceland(doc: Doc) -> None:
    if _address_country(doc, _SUPPLIER_PARTY) != "IS":
        return
    root, fire = doc.root, doc.fire
    top = doc.kids(root)
    code = norm(_first(doc, root, CBC + ("InvoiceTypeCode" if doc.is_invoice else "CreditNoteTypeCode")))
    if code not in _IS_TYPES:
        fire("IS-R-001")
    legal = doc.select(root, _SUPPLIER_PARTY + "/" + _LEGAL_ID)
    if not (legal and any(el.get("schemeID") == "0196" for el in legal)):
        fire("IS-R-002")
    if not (
        _has(doc, root, _SUPPLIER_PARTY + "/" + path("cac:PostalAddress", "cbc:StreetName"))
        and _has(doc, root, _SUPPLIER_PARTY + "/" + path("cac:PostalAddress", "cbc:PostalZone"))
    ):
        fire("IS-R-003")
    for means_code, rule in (("9", "IS-R-006"), ("42", "IS-R-007")):
        means = [m for m in top.get(_T_PAYMENT_MEANS, ()) if means_code in _codes(doc, m)]
        accounts = [a for m in means for a in _texts(doc, m, _PAYEE_ACCOUNT_ID)]
        if means and not (accounts and len(norm(accounts[0])) == 12):
            fire(rule)
    due = [r for r in top.get(_T_ADR, ()) if "EINDAGI" in _texts(doc, r, _T_DESCRIPTION)]
    if due:
        ids = [v for r in due for v in _texts(doc, r, _T_ID)]
        first_id = ids[0] if ids else ""
        if not (len(first_id) == 10 and _castable_as_date(first_id)):
            fire("IS-R-008")
        due_dates = _texts(doc, root, CBC + "DueDate")
        if not due_dates:
            fire("IS-R-009")
        if not any(d <= i for d in due_dates for i in ids):
            fire("IS-R-010")
    if _address_country(doc, _CUSTOMER_PARTY) == "IS":
        for customer in top.get(CAC + "AccountingCustomerParty", ()):
            legal = doc.select(customer, path("cac:Party", "cac:PartyLegalEntity", "cbc:CompanyID"))
            if not (legal and any(el.get("schemeID") == "0196" for el in legal)):
                fire("IS-R-004", customer)
            if not (
                _has(doc, customer, path("cac:Party", "cac:PostalAddress", "cbc:StreetName"))
                and _has(doc, customer, path("cac:Party", "cac:PostalAddress", "cbc:PostalZone"))
            ):
                fire("IS-R-005", customer)


# -- Italy -----------------------------------------------------------------------------------------

_IT_TAX_NUMBER = re.compile(r"[A-Z0-9]{11,16}")


def _italy(doc: Doc) -> None:
    if doc.supplier_country() != "IT":
        return
    fire = doc.fire
    for party in doc.select(doc.root, _SUPPLIER_PARTY):
        for scheme in doc.kids(party).get(_T_PARTY_TAX_SCHEME, ()):
            if norm(_first(doc, scheme, _VAT_SCHEME_ID)) != "VAT" and not _IT_TAX_NUMBER.fullmatch(
                norm(_first(doc, scheme, CBC + "CompanyID"))
            ):
                fire("IT-R-001", scheme)
        for tag, rule in ((_T_STREET, "IT-R-002"), (_T_CITY, "IT-R-003"), (_T_POSTAL_ZONE, "IT-R-004")):
            if not _has(doc, party, CAC + "PostalAddress/" + tag):
                fire(rule, party)


# -- the Netherlands -------------------------------------------------------------------------------

_NL_MEANS = frozenset({"30", "48", "49", "57", "58", "59"})


def _dutch(doc: Doc, party_path: str) -> bool:
    return norm(_first(doc, doc.root, party_path)).upper() == "NL"


def _address_complete(doc: Doc, address: Element) -> bool:
    kids = doc.kids(address)
    return _T_STREET in kids and _T_CITY in kids and _T_POSTAL_ZONE in kids


def _kvk_or_oin(company: Element) -> bool:
    scheme = f" {company.get('schemeID') or ''} "
    return (" 0106 " in scheme or " 0190 " in scheme) and bool(norm(company.text))


def _dutch_party(doc: Doc, party_path: str, address_rule: str, legal_rule: str) -> None:
    """A full address (street, city, post code) and a KVK or OIN legal identifier."""
    for address in doc.select(doc.root, party_path + "/" + CAC + "PostalAddress"):
        if not _address_complete(doc, address):
            doc.fire(address_rule, address)
    for company in doc.select(doc.root, party_path + "/" + _LEGAL_ID):
        if not _kvk_or_oin(company):
            doc.fire(legal_rule, company)


def _netherlands(doc: Doc) -> None:
    if norm(_address_country(doc, _SUPPLIER_PARTY)).upper() != "NL":
        return
    root, fire = doc.root, doc.fire
    customer_nl = norm(_address_country(doc, _CUSTOMER_PARTY)).upper() == "NL"
    representative_nl = _dutch(
        doc, path("cac:TaxRepresentativeParty", "cac:PostalAddress", "cac:Country", "cbc:IdentificationCode")
    )
    for code in doc.all(CBC + "CreditNoteTypeCode"):
        if not _has(doc, root, path("cac:BillingReference", "cac:InvoiceDocumentReference", "cbc:ID")):
            fire("NL-R-001", code)
    _dutch_party(doc, _SUPPLIER_PARTY, "NL-R-002", "NL-R-003")
    if customer_nl:
        _dutch_party(doc, _CUSTOMER_PARTY, "NL-R-004", "NL-R-005")
        for means in doc.all(_T_PAYMENT_MEANS):
            if norm(_first(doc, means, _T_CODE)) not in _NL_MEANS:
                fire("NL-R-008", means)
    if representative_nl:
        for address in doc.select(root, path("cac:TaxRepresentativeParty", "cac:PostalAddress")):
            if not _address_complete(doc, address):
                fire("NL-R-006", address)
    has_means = bool(doc.all(_T_PAYMENT_MEANS))
    for total in doc.kids(root).get(CAC + "LegalMonetaryTotal", ()):
        payable = number(_first(doc, total, CBC + "PayableAmount"))
        nothing_to_pay = payable <= 0 if doc.is_invoice else payable >= 0
        if not (nothing_to_pay or has_means):
            fire("NL-R-007", total)
    order = _has(doc, root, path("cac:OrderReference", "cbc:ID"))
    if not order:
        for line_id in doc.all(CBC + "LineID"):
            parent = line_id.getparent()
            if parent is not None and parent.tag == CAC + "OrderLineReference":
                fire("NL-R-009", line_id)


# -- Sweden ----------------------------------------------------------------------------------------

_SE_RATES = (25.0, 12.0, 6.0)


def luhn_check_digit_ok(value: str) -> bool:
    """``u:checkSEOrgnr``: digits only, and the tenth digit is the Luhn check digit of the first nine."""
    if not value or not value.isascii() or not value.isdigit():
        return False
    main, check_digit = value[:9], value[9:10]
    total = 0
    for position, char in enumerate(reversed(main), start=1):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            digit = digit % 10 + digit // 10
        total += digit
    return bool(check_digit) and (10 - total % 10) % 10 == int(check_digit)


def _swedish_vat(doc: Doc, party: Element) -> bool:
    """``cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/substring(cbc:CompanyID, 1, 2) = 'SE'``."""
    return any(
        (_first(doc, scheme, CBC + "CompanyID") or "")[:2] == "SE"
        for scheme in _vat_schemes(doc, party, normalized=False)
    )


def _sweden(doc: Doc) -> None:
    root, fire = doc.root, doc.fire
    if "SE" not in _address_countries(doc, _SUPPLIER_PARTY):
        return
    suppliers = doc.select(root, _SUPPLIER_PARTY)
    swedish = [p for p in suppliers if "SE" in _texts(doc, p, _ADDRESS_COUNTRY)]
    if not swedish:
        return
    registered = [p for p in swedish if _swedish_vat(doc, p)]
    for party in registered:
        vat_ids = [
            v for s in _vat_schemes(doc, party, normalized=False) for v in _texts(doc, s, CBC + "CompanyID")
        ]
        vat_id = vat_ids[0] if vat_ids else ""
        if len(norm(vat_id)) != 14:
            fire("SE-R-001", party)
        if not is_number(vat_id[2:14]):
            fire("SE-R-002", party)
    for party in swedish:
        for entity in doc.kids(party).get(CAC + "PartyLegalEntity", ()):
            companies = _texts(doc, entity, CBC + "CompanyID")
            if not companies:
                continue
            company = companies[0]
            if not is_number(company):
                fire("SE-R-003", entity)
            if len(norm(company)) != 10:
                fire("SE-R-004", entity)
            if not luhn_check_digit_ok(norm(company)):
                fire("SE-R-013", entity)
        if _has(doc, party, _LEGAL_ID):
            for scheme in doc.kids(party).get(_T_PARTY_TAX_SCHEME, ()):
                if norm(_first(doc, scheme, _VAT_SCHEME_ID)).upper() == "VAT":
                    continue
                for company in doc.kids(scheme).get(_T_COMPANY_ID, ()):
                    if norm((company.text or "").upper()) != "GODKÄND FÖR F-SKATT":
                        fire("SE-R-005", company)
    if registered:
        for category in doc.all(_T_TAX_CATEGORY, _T_CLASSIFIED):
            if (
                "S" in _texts(doc, category, _T_ID)
                and number(_first(doc, category, CBC + "Percent")) not in _SE_RATES
            ):
                fire("SE-R-006", category)
    customer_se = any("SE" in _texts(doc, p, _ADDRESS_COUNTRY) for p in doc.select(root, _CUSTOMER_PARTY))
    for means in doc.all(_T_PAYMENT_MEANS):
        codes = _codes(doc, means)
        if norm(codes[0] if codes else "") == "30":
            branch = norm(
                _first(
                    doc, means, path("cac:PayeeFinancialAccount", "cac:FinancialInstitutionBranch", "cbc:ID")
                )
            )
            for account in doc.select(means, _PAYEE_ACCOUNT_ID):
                value = norm(account.text)
                if branch == "SE:PLUSGIRO":
                    if not is_number(value):
                        fire("SE-R-007", account)
                    if not 2 <= len(value) <= 8:
                        fire("SE-R-010", account)
                elif branch == "SE:BANKGIRO":
                    if not is_number(value):
                        fire("SE-R-008", account)
                    if len(value) not in (7, 8):
                        fire("SE-R-009", account)
        if "50" in codes or "56" in codes:
            fire("SE-R-011", means)
        if customer_se and "31" in codes:
            fire("SE-R-012", means)
