"""PEPPOL BIS Billing 3.0 rules: PEPPOL-EN16931-R*, -P*, -F001 and the identifier checks
PEPPOL-COMMON-R040..R050. The PEPPOL code-list restrictions (CL001..CL008) are in :mod:`.codelists`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from .. import codelists_data as cl
from ._base import (
    CAC,
    CBC,
    ONE,
    ZERO,
    Doc,
    Line,
    as_date,
    dec,
    dec_of,
    norm,
    path,
    round2,
)
from .codelists import AMOUNT_TAGS

IMPLEMENTED = frozenset(
    {
        *(
            f"PEPPOL-EN16931-R{n:03d}"
            for n in (1, 2, 3, 4, 5, 7, 8, 10, 20, 40, 41, 42, 43, 44, 46, 51, 53, 54, 55, 61, 80)
        ),
        *(f"PEPPOL-EN16931-R{n}" for n in (100, 101, 110, 111, 120, 121, 130)),
        *(f"PEPPOL-EN16931-P{n:04d}" for n in (100, 101, 104, 105, 106, 107, 108, 109, 110, 111, 112)),
        "PEPPOL-EN16931-F001",
        *(f"PEPPOL-COMMON-R{n:03d}" for n in (40, 41, 42, 43, 44, 45, 46, 47, 49, 50)),
    }
)

CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
_PROFILE = re.compile(r"urn:fdc:peppol.eu:2017:poacc:billing:([0-9]{2}):1.0")
_DATE_TAGS = tuple(
    CBC + t for t in ("IssueDate", "DueDate", "TaxPointDate", "StartDate", "EndDate", "ActualDeliveryDate")
)
_SLACK = Decimal("0.02")

#: P0104..P0111: exemption reason code -> (rule, VAT category it requires)
_EXEMPTIONS = {
    "VATEX-EU-G": ("PEPPOL-EN16931-P0104", "G"),
    "VATEX-EU-O": ("PEPPOL-EN16931-P0105", "O"),
    "VATEX-EU-IC": ("PEPPOL-EN16931-P0106", "K"),
    "VATEX-EU-AE": ("PEPPOL-EN16931-P0107", "AE"),
    "VATEX-EU-D": ("PEPPOL-EN16931-P0108", "E"),
    "VATEX-EU-F": ("PEPPOL-EN16931-P0109", "E"),
    "VATEX-EU-I": ("PEPPOL-EN16931-P0110", "E"),
    "VATEX-EU-J": ("PEPPOL-EN16931-P0111", "E"),
}


def profile(doc: Doc) -> str:
    """PEPPOL ``$profile``: the process number NN of the ProfileID, or ``Unknown``."""
    value = norm(doc.findtext(doc.root, CBC + "ProfileID"))
    if value and _PROFILE.search(value):
        tokens = value.split(":")
        if len(tokens) > 6:
            return tokens[6]
    return "Unknown"


def _slack(expected: Decimal, value: Decimal, slack: Decimal) -> bool:
    """``u:slack``: ``expected - slack <= value <= expected + slack``."""
    return expected - slack <= value <= expected + slack


def check(doc: Doc) -> None:
    root = doc.root
    fire = doc.fire
    process = profile(doc)
    german = doc.supplier_country() == "DE" and doc.customer_country() == "DE"

    # -- document ----------------------------------------------------------------------------
    if doc.first(root, CBC + "ProfileID") is None:
        fire("PEPPOL-EN16931-R001")
    if process == "Unknown":
        fire("PEPPOL-EN16931-R007")
    if len(doc.select(root, CBC + "Note")) > 1 and not german:
        fire("PEPPOL-EN16931-R002")
    if (
        doc.first(root, CBC + "BuyerReference") is None
        and doc.first(root, path("cac:OrderReference", "cbc:ID")) is None
    ):
        fire("PEPPOL-EN16931-R003")
    customization = doc.first(root, CBC + "CustomizationID")
    if customization is None or not norm(customization.text).startswith(CUSTOMIZATION):
        fire("PEPPOL-EN16931-R004")
    with_subtotals = [t for t in doc.tax_totals if doc.first(t, CAC + "TaxSubtotal") is not None]
    if len(with_subtotals) != 1:
        fire("PEPPOL-EN16931-R053")
    without = len(doc.tax_totals) - len(with_subtotals)
    if without != (1 if doc.first(root, CBC + "TaxCurrencyCode") is not None else 0):
        fire("PEPPOL-EN16931-R054")
    if doc.tax_currency is not None and not _same_sign(doc):
        fire("PEPPOL-EN16931-R055")
    if not doc.is_invoice:
        project = root.findall(path("cac:AdditionalDocumentReference") + "[cbc:DocumentTypeCode='50']", _NS)
        if len(project) > 1:
            fire("PEPPOL-EN16931-R080")
    for currency in doc.select(root, CBC + "TaxCurrencyCode"):
        if norm(currency.text) == norm(doc.currency):
            fire("PEPPOL-EN16931-R005", currency)
    for party, rule in ((doc.customer, "PEPPOL-EN16931-R010"), (doc.supplier, "PEPPOL-EN16931-R020")):
        if party is not None and doc.first(party, CBC + "EndpointID") is None:
            fire(rule, party)

    # -- allowances and charges --------------------------------------------------------------
    lines = doc.line_info()
    allowance_charges = list(doc.doc_allowance_charges)
    for info in lines:
        allowance_charges += info.kids.get(_T_AC, ())
    for ac in allowance_charges:
        factor = doc.first(ac, CBC + "MultiplierFactorNumeric")
        base = doc.first(ac, CBC + "BaseAmount")
        if factor is not None and base is not None:
            amount = (
                dec(doc.findtext(ac, CBC + "Amount")) if doc.first(ac, CBC + "Amount") is not None else ZERO
            )
            base_value, factor_value = dec_of(base), dec_of(factor)
            if (
                amount is None
                or base_value is None
                or factor_value is None
                or not _slack(amount, base_value * factor_value / 100, _SLACK)
            ):
                fire("PEPPOL-EN16931-R040", ac)
        if factor is not None and base is None:
            fire("PEPPOL-EN16931-R041", ac)
        if factor is None and base is not None:
            fire("PEPPOL-EN16931-R042", ac)
        if norm(doc.findtext(ac, CBC + "ChargeIndicator")) not in ("true", "false"):
            fire("PEPPOL-EN16931-R043", ac)
    for ac in doc.all(CAC + "AllowanceCharge"):
        parent = ac.getparent()
        if parent is None or parent.tag != CAC + "Price":
            continue
        if norm(doc.findtext(ac, CBC + "ChargeIndicator")) != "false":
            fire("PEPPOL-EN16931-R044", ac)
        if doc.first(ac, CBC + "BaseAmount") is not None:
            price = dec(doc.findtext(parent, CBC + "PriceAmount"))
            base, amount = dec(doc.findtext(ac, CBC + "BaseAmount")), dec(doc.findtext(ac, CBC + "Amount"))
            if price is None or base is None or amount is None or price != base - amount:
                fire("PEPPOL-EN16931-R046", ac)

    # -- payment ---------------------------------------------------------------------------
    for means in doc.all(CAC + "PaymentMeans"):
        if norm(doc.findtext(means, CBC + "PaymentMeansCode")) in ("49", "59") and (
            doc.first(means, path("cac:PaymentMandate", "cbc:ID")) is None
        ):
            fire("PEPPOL-EN16931-R061", means)

    # -- lines -----------------------------------------------------------------------------
    period = doc.first(root, CAC + "InvoicePeriod")
    doc_start = doc_end = None
    if period is not None:
        doc_start = doc.first(period, CBC + "StartDate")
        doc_end = doc.first(period, CBC + "EndDate")
    own_tag = doc.line_tag
    for info in lines:
        if not info.clean:
            _line(doc, info)
        line = info.el
        for line_period in info.kids.get(_T_PERIOD, ()):
            for el, doc_el, rule, later in (
                (doc.first(line_period, CBC + "StartDate"), doc_start, "PEPPOL-EN16931-R110", True),
                (doc.first(line_period, CBC + "EndDate"), doc_end, "PEPPOL-EN16931-R111", False),
            ):
                if el is None or doc_el is None or line.tag != own_tag:  # R110/R111 contexts
                    continue
                value, limit = as_date(el.text), as_date(doc_el.text)
                if value is None or limit is None:
                    continue
                if (value < limit) if later else (value > limit):
                    fire(rule, el)

    # -- type codes, dates, exemption codes ---------------------------------------------------
    for code in doc.select(root, CBC + "InvoiceTypeCode"):
        value = norm(code.text)
        if process == "01" and value not in cl.INVOICE_TYPE_CODES:
            fire("PEPPOL-EN16931-P0100", code)
        if value in ("326", "384") and not german:
            fire("PEPPOL-EN16931-P0112", code)
    for code in doc.select(root, CBC + "CreditNoteTypeCode"):
        if process == "01" and norm(code.text) not in cl.CREDIT_NOTE_TYPE_CODES:
            fire("PEPPOL-EN16931-P0101", code)
    for el in doc.all(*_DATE_TAGS):
        value = el.text or ""
        if len(value) != 10 or as_date(value) is None:
            fire("PEPPOL-EN16931-F001", el)
    for category in doc.all(CAC + "TaxCategory"):
        reason = doc.findtext(category, CBC + "TaxExemptionReasonCode")
        if reason is None:
            continue
        rule = _EXEMPTIONS.get(reason.upper())
        if rule is not None and norm(doc.findtext(category, CBC + "ID")) != rule[1]:
            fire(rule[0], category)

    # -- currencies and empty elements ---------------------------------------------------------
    currency = doc.currency
    by_tag = doc.by_tag
    for tag in AMOUNT_TAGS:  # the order of doc.all(*AMOUNT_TAGS)
        for el in by_tag.get(tag, ()):
            if currency is not None and el.get("currencyID") == currency:
                continue
            if tag == _T_TAX_AMOUNT:
                parent = el.getparent()
                if parent.tag == CAC + "TaxTotal" and doc.first(parent, CAC + "TaxSubtotal") is None:
                    continue
            fire("PEPPOL-EN16931-R051", el)
    doc.fire_each("PEPPOL-EN16931-R008", doc.empty)

    _identifiers(doc)


_NS = {"cbc": CBC[1:-1], "cac": CAC[1:-1]}


def _same_sign(doc: Doc) -> bool:
    tax_currency, currency = norm(doc.tax_currency), norm(doc.currency)
    amounts = [a for t in doc.tax_totals for a in doc.select(t, CBC + "TaxAmount")]
    in_tax = [dec_of(a) for a in amounts if a.get("currencyID") == tax_currency]
    in_doc = [dec_of(a) for a in amounts if a.get("currencyID") == currency]

    def all_(values, test) -> bool:
        # XPath general comparison: true when *some* value satisfies it
        return any(v is not None and test(v) for v in values)

    return (all_(in_tax, lambda v: v <= 0) and all_(in_doc, lambda v: v <= 0)) or (
        all_(in_tax, lambda v: v >= 0) and all_(in_doc, lambda v: v >= 0)
    )


_T_AC = CAC + "AllowanceCharge"
_T_TAX_AMOUNT = CBC + "TaxAmount"
_T_PERIOD = CAC + "InvoicePeriod"
_T_PRICE = CAC + "Price"
_T_PRICE_AMOUNT = CBC + "PriceAmount"
_T_BASE_QUANTITY = CBC + "BaseQuantity"
_T_CHARGE_INDICATOR = CBC + "ChargeIndicator"
_T_AMOUNT = CBC + "Amount"


def _line(doc: Doc, info: Line) -> None:
    fire = doc.fire
    line = info.el
    get = info.kids.get
    amount = info.amount if info.amount_el is not None else ZERO
    quantities = get(doc.quantity_tag)
    quantity_el = quantities[0] if quantities else None
    quantity = dec(quantity_el.text) if quantity_el is not None else ONE
    prices = info.prices
    price_kids = prices[0] if prices else {}
    price_els = price_kids.get(_T_PRICE_AMOUNT)
    price = dec(price_els[0].text) if price_els else ZERO
    base_els = price_kids.get(_T_BASE_QUANTITY)
    base_el = base_els[0] if base_els else None
    base_value = dec(base_el.text) if base_el is not None else None
    base = base_value if base_value else ONE
    allowances = charges = ZERO
    for ac in get(_T_AC, ()):
        indicator = norm(doc.findtext(ac, _T_CHARGE_INDICATOR))
        value = dec(doc.findtext(ac, _T_AMOUNT)) or ZERO
        if indicator == "false":
            allowances += value
        elif indicator == "true":
            charges += value
    if allowances:
        allowances = round2(allowances)
    if charges:
        charges = round2(charges)
    if (
        amount is None
        or quantity is None
        or price is None
        or not _slack(amount, quantity * (price / base) + charges - allowances, _SLACK)
    ):
        fire("PEPPOL-EN16931-R120", line)
    if base_el is not None and not (base_value is not None and base_value > 0):
        fire("PEPPOL-EN16931-R121", line)
    references = get(CAC + "DocumentReference")
    if references:
        if len(references) > 1:
            fire("PEPPOL-EN16931-R100", line)
        if not any(doc.findtext(r, CBC + "DocumentTypeCode") == "130" for r in references):
            fire("PEPPOL-EN16931-R101", line)
    if (
        base_el is not None
        and base_el.get("unitCode") is not None
        and quantity_el is not None
        and base_el.get("unitCode") != quantity_el.get("unitCode")
    ):
        fire("PEPPOL-EN16931-R130", base_el)


# -- identifiers -------------------------------------------------------------------------------

_SCHEME_RULES = {
    "0088": ("PEPPOL-COMMON-R040", "gln"),
    "0192": ("PEPPOL-COMMON-R041", "no"),
    "0184": ("PEPPOL-COMMON-R042", "dk"),
    "0208": ("PEPPOL-COMMON-R043", "be"),
    "0201": ("PEPPOL-COMMON-R044", "ipa"),
    "0210": ("PEPPOL-COMMON-R045", "cf"),
    "0211": ("PEPPOL-COMMON-R047", "piva"),
    "0007": ("PEPPOL-COMMON-R049", "se"),
    "0151": ("PEPPOL-COMMON-R050", "abn"),
}


def _identifiers(doc: Doc) -> None:
    # cbc:EndpointID, cac:PartyIdentification/cbc:ID and cbc:CompanyID with a schemeID, in this order
    # (as doc.all(EndpointID, ID, CompanyID) would give them, keeping only the IDs of a party)
    identifications = [
        el for party_id in doc.all(CAC + "PartyIdentification") for el in doc.kids(party_id).get(_T_ID, ())
    ]
    for tag, elements in (
        (_T_ENDPOINT_ID, doc.all(_T_ENDPOINT_ID)),
        (_T_ID, identifications),
        (_T_COMPANY_ID, doc.all(_T_COMPANY_ID)),
    ):
        for el in elements:
            scheme = el.get("schemeID")
            if scheme is None:
                continue
            if scheme == "9907":
                if tag == _T_ENDPOINT_ID and not valid_codice_fiscale(norm(el.text)):
                    doc.fire("PEPPOL-COMMON-R046", el)
                continue
            entry = _SCHEME_RULES.get(scheme)
            if entry is None:
                continue
            rule, kind = entry
            if not _VALIDATORS[kind](el.text or ""):
                doc.fire(rule, el)


_T_ID = CBC + "ID"
_T_ENDPOINT_ID = CBC + "EndpointID"
_T_COMPANY_ID = CBC + "CompanyID"


def valid_gln(value: str) -> bool:
    """GS1 check digit (any length) on an all-digit value."""
    value = norm(value)
    if not re.fullmatch(r"[0-9]+", value):
        return False
    digits = [int(c) for c in value[:-1]][::-1]
    weighted = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(digits))
    return (10 - weighted % 10) % 10 == int(value[-1])


def valid_norwegian_orgnr(value: str) -> bool:
    """Nine digits with a valid modulus 11 check digit (weights 3 2 7 6 5 4 3 2)."""
    value = norm(value)
    if not re.fullmatch(r"[0-9]{9}", value) or int(value) == 0:
        return False
    return mod11_ok(value)


def mod11_ok(value: str) -> bool:
    """PEPPOL ``u:mod11``: weights 2..7 repeating from the right on all but the last digit."""
    digits = [int(c) for c in value[:-1]][::-1]
    weighted = sum(d * (i % 6 + 2) for i, d in enumerate(digits))
    return int(value) > 0 and (11 - weighted % 11) % 11 == int(value[-1])


def valid_danish_cvr(value: str) -> bool:
    """Eight digits, optionally prefixed with ``DK``."""
    digits = value[2:] if value[:2] == "DK" else value
    return len(digits) == 8 and digits.isdigit() and digits.isascii()


def valid_belgian(value: str) -> bool:
    value = norm(value)
    if not re.fullmatch(r"[0-9]{10}", value):
        return False
    return 97 - int(value[:8]) % 97 == int(value[8:])


def valid_ipa(value: str) -> bool:
    return re.fullmatch(r"[a-zA-Z0-9]{6}", norm(value)) is not None


_CF_ODD = dict(
    zip(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        (
            *(1, 0, 5, 7, 9, 13, 15, 17, 19, 21),  # digits 0-9
            *(1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23),
        ),
        strict=True,
    )
)
_CF_16 = re.compile(r"[A-Z]{6}[\dLMNPQRSTUV]{2}[ABCDEHLMPRST][\dLMNPQRSTUV]{2}[A-Z][\dLMNPQRSTUV]{3}[A-Z]")


def valid_codice_fiscale(value: str) -> bool:
    """Italian tax code: 16 characters with its check letter, or 11 digits."""
    if len(value) == 11:
        return value.isdigit() and value.isascii()
    if len(value) != 16:
        return False
    value = value.upper()
    if not _CF_16.fullmatch(value):
        return False
    total = 0
    for i, char in enumerate(value[:15]):
        if i % 2 == 0:
            total += _CF_ODD[char]
        else:
            total += int(char) if char.isdigit() else ord(char) - ord("A")
    return chr(ord("A") + total % 26) == value[15]


def valid_partita_iva(value: str) -> bool:
    """Italian VAT number: ``IT`` + 11 digits with a Luhn-style check digit (other prefixes pass)."""
    value = norm(value)
    if value[:2] not in ("IT", "it"):
        return True
    digits = value[2:]
    if len(digits) != 11 or not digits.isdigit():
        return False
    total = 0
    for i, char in enumerate(digits):
        d = int(char)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def valid_swedish_orgnr(value: str) -> bool:
    value = norm(value)
    if len(value) != 10 or not value.isdigit():
        return False
    total = 0
    for i, char in enumerate(value):
        d = int(char) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def valid_abn(value: str) -> bool:
    value = norm(value)
    if not re.fullmatch(r"[0-9]{11}", value):
        return False
    weights = (10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19)
    digits = [int(c) for c in value]
    digits[0] -= 1
    return sum(d * w for d, w in zip(digits, weights, strict=True)) % 89 == 0


_CHECKS = {
    "gln": valid_gln,
    "no": valid_norwegian_orgnr,
    "dk": valid_danish_cvr,
    "be": valid_belgian,
    "ipa": valid_ipa,
    "cf": lambda v: valid_codice_fiscale(norm(v)),
    "piva": valid_partita_iva,
    "se": valid_swedish_orgnr,
    "abn": valid_abn,
}
#: The check of each scheme; verdicts are kept, as the same parties recur invoice after invoice.
_VALIDATORS = {kind: lru_cache(maxsize=1024)(check) for kind, check in _CHECKS.items()}
