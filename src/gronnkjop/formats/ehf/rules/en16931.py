"""EN 16931 core business rules on UBL: BR-01..BR-65, BR-CO-* and BR-DEC-*.

Each block names the Schematron context it mirrors; a rule fires once per context node that
breaks it. The VAT category rules (BR-S/Z/E/AE/K/G/O/AF/AG/B) are in :mod:`.vat`, the code-list
rules in :mod:`.codelists` and the UBL syntax rules (UBL-SR/UBL-DT) in :mod:`.ubl`.
"""

from __future__ import annotations

from decimal import Decimal

from ..codelists_data import COUNTRIES
from ._base import (
    CAC,
    CBC,
    ONE,
    ZERO,
    Doc,
    Element,
    Line,
    as_date,
    dec,
    dec_of,
    decimals_ok,
    norm,
    ntext,
    path,
    round2,
)

IMPLEMENTED = frozenset(
    [f"BR-{n:02d}" for n in (*range(1, 34), 36, 37, 38, *range(41, 58), 61, 62, 63, 64, 65)]
    + [f"BR-CO-{n:02d}" for n in (*range(3, 25), 26)]
    + [f"BR-DEC-{n:02d}" for n in (1, 2, 5, 6, *range(9, 21), 23, 24, 25, 27, 28)]
)

#: BR-CO-09: a VAT identifier starts with an ISO 3166-1 alpha-2 code (Greece may use EL)
VAT_PREFIXES = COUNTRIES | {"EL"}

_SUPPLIER_ADDRESS = path("cac:AccountingSupplierParty", "cac:Party", "cac:PostalAddress")
_CUSTOMER_ADDRESS = path("cac:AccountingCustomerParty", "cac:Party", "cac:PostalAddress")
_COUNTRY_CODE = path("cac:Country", "cbc:IdentificationCode")
_SUPPLIER_NAME = path(
    "cac:AccountingSupplierParty", "cac:Party", "cac:PartyLegalEntity", "cbc:RegistrationName"
)
_CUSTOMER_NAME = path(
    "cac:AccountingCustomerParty", "cac:Party", "cac:PartyLegalEntity", "cbc:RegistrationName"
)


def nonempty(doc: Doc, root: Element, where: str) -> bool:
    """``(where) != ''``: some matching element has a non-empty string value."""
    return any(el.text or (len(el) and "".join(el.itertext())) for el in doc.select(root, where))


def check(doc: Doc) -> None:
    root = doc.root
    fire = doc.fire

    # -- context /ubl:Invoice | /cn:CreditNote ---------------------------------------------
    if not nonempty(doc, root, CBC + "CustomizationID"):
        fire("BR-01")
    if not nonempty(doc, root, CBC + "ID"):
        fire("BR-02")
    if not nonempty(doc, root, CBC + "IssueDate"):
        fire("BR-03")
    if not (nonempty(doc, root, CBC + "InvoiceTypeCode") or nonempty(doc, root, CBC + "CreditNoteTypeCode")):
        fire("BR-04")
    if not nonempty(doc, root, CBC + "DocumentCurrencyCode"):
        fire("BR-05")
    if not nonempty(doc, root, _SUPPLIER_NAME):
        fire("BR-06")
    if not nonempty(doc, root, _CUSTOMER_NAME):
        fire("BR-07")
    if doc.first(root, _SUPPLIER_ADDRESS) is None:
        fire("BR-08")
    if doc.first(root, _CUSTOMER_ADDRESS) is None:
        fire("BR-10")
    if not doc.lines:
        fire("BR-16")
    for tax_currency in doc.select(root, CBC + "TaxCurrencyCode"):
        wanted = tax_currency.text
        if not any(
            amount.get("currencyID") == wanted
            for total in doc.all(CAC + "TaxTotal")
            for amount in doc.kids(total).get(CBC + "TaxAmount", ())
        ):
            fire("BR-53")
            break
    if doc.first(root, CBC + "TaxPointDate") is not None and (
        doc.first(root, path("cac:InvoicePeriod", "cbc:DescriptionCode")) is not None
    ):
        fire("BR-CO-03")
    _br_co_15(doc)
    if doc.first(root, path("cac:TaxTotal", "cac:TaxSubtotal")) is None:
        fire("BR-CO-18")
    for currency, rule in ((doc.currency, "BR-DEC-13"), (doc.tax_currency, "BR-DEC-15")):
        if currency is None:
            continue
        for total in doc.tax_totals:
            amount = doc.first(total, CBC + "TaxAmount")
            if amount is not None and amount.get("currencyID") == currency and not decimals_ok(amount):
                fire(rule)
                break

    # -- parties and addresses -----------------------------------------------------------------
    for address in doc.select(root, _SUPPLIER_ADDRESS):
        if not nonempty(doc, address, _COUNTRY_CODE):
            fire("BR-09", address)
    for address in doc.select(root, _CUSTOMER_ADDRESS):
        if not nonempty(doc, address, _COUNTRY_CODE):
            fire("BR-11", address)
    for supplier in doc.select(root, CAC + "AccountingSupplierParty"):
        if (
            doc.first(supplier, path("cac:Party", "cac:PartyTaxScheme", "cbc:CompanyID")) is None
            and doc.first(supplier, path("cac:Party", "cac:PartyIdentification", "cbc:ID")) is None
            and doc.first(supplier, path("cac:Party", "cac:PartyLegalEntity", "cbc:CompanyID")) is None
        ):
            fire("BR-CO-26", supplier)
    for rule, party in (("BR-62", "cac:AccountingSupplierParty"), ("BR-63", "cac:AccountingCustomerParty")):
        for endpoint in doc.select(root, path(party, "cac:Party", "cbc:EndpointID")):
            if endpoint.get("schemeID") is None:
                fire(rule, endpoint)
    for payee in doc.select(root, CAC + "PayeeParty"):
        if not nonempty(doc, payee, path("cac:PartyName", "cbc:Name")):
            fire("BR-17", payee)
    for representative in doc.select(root, CAC + "TaxRepresentativeParty"):
        if not nonempty(doc, representative, path("cac:PartyName", "cbc:Name")):
            fire("BR-18", representative)
        if doc.first(representative, CAC + "PostalAddress") is None:
            fire("BR-19", representative)
        if not any(
            doc.category(s)[1] and doc.first(s, CBC + "CompanyID") is not None
            for s in doc.select(representative, CAC + "PartyTaxScheme")
        ):
            fire("BR-56", representative)
        for address in doc.select(representative, CAC + "PostalAddress"):
            if not nonempty(doc, address, _COUNTRY_CODE):
                fire("BR-20", address)
    for scheme in doc.all(CAC + "PartyTaxScheme"):
        if doc.category(scheme)[1]:
            company = doc.findtext(scheme, CBC + "CompanyID") or ""
            if company[:2] not in VAT_PREFIXES:
                fire("BR-CO-09", scheme)
    for address in doc.select(root, path("cac:Delivery", "cac:DeliveryLocation", "cac:Address")):
        if doc.first(address, _COUNTRY_CODE) is None:
            fire("BR-57", address)

    # -- references ----------------------------------------------------------------------------
    for reference in doc.select(root, CAC + "AdditionalDocumentReference"):
        if not nonempty(doc, reference, CBC + "ID"):
            fire("BR-52", reference)
    for reference in doc.select(root, CAC + "BillingReference"):
        if doc.first(reference, path("cac:InvoiceDocumentReference", "cbc:ID")) is None:
            fire("BR-55", reference)
    for prop in doc.all(CAC + "AdditionalItemProperty"):
        if doc.first(prop, CBC + "Name") is None or doc.first(prop, CBC + "Value") is None:
            fire("BR-54", prop)

    # -- periods ---------------------------------------------------------------------------------
    for period in doc.select(root, CAC + "InvoicePeriod"):
        _period(
            doc, period, "BR-29", "BR-CO-19" if doc.first(period, CBC + "DescriptionCode") is None else None
        )
    for info in doc.line_info():
        for period in info.kids.get(CAC + "InvoicePeriod", ()):
            _period(doc, period, "BR-30", "BR-CO-20")

    # -- payment ---------------------------------------------------------------------------------
    for means in doc.select(root, CAC + "PaymentMeans"):
        code_el = doc.first(means, CBC + "PaymentMeansCode")
        if code_el is None:
            fire("BR-49", means)
        code = ntext(code_el)
        has_account = doc.first(means, path("cac:PayeeFinancialAccount", "cbc:ID")) is not None
        if code in ("30", "58") and not has_account:
            fire("BR-61", means)
        if any(norm(c.text) in ("30", "58") for c in doc.select(means, CBC + "PaymentMeansCode")):
            for account in doc.select(means, CAC + "PayeeFinancialAccount"):
                if ntext(doc.first(account, CBC + "ID")) == "":
                    fire("BR-50", account)
        for pan in doc.select(means, path("cac:CardAccount", "cbc:PrimaryAccountNumberID")):
            if len(ntext(pan)) > 10:
                fire("BR-51", pan)

    # -- document level allowances and charges ---------------------------------------------------
    for ac in doc.doc_allowance_charges:
        indicator = doc.charge_indicator(ac)
        if indicator is None:
            continue
        has_reason = doc.first(ac, CBC + "AllowanceChargeReason") is not None or (
            doc.first(ac, CBC + "AllowanceChargeReasonCode") is not None
        )
        amount, base = doc.first(ac, CBC + "Amount"), doc.first(ac, CBC + "BaseAmount")
        if indicator:
            rules = ("BR-36", "BR-37", "BR-38", "BR-CO-22", "BR-DEC-05", "BR-DEC-06")
        else:
            rules = ("BR-31", "BR-32", "BR-33", "BR-CO-21", "BR-DEC-01", "BR-DEC-02")
        if amount is None:
            fire(rules[0], ac)
        if doc.first(ac, path("cac:TaxCategory", "cbc:ID")) is None:
            fire(rules[1], ac)
        if not has_reason:
            fire(rules[2], ac)
            fire(rules[3], ac)
        if not decimals_ok(amount):
            fire(rules[4], ac)
        if not decimals_ok(base):
            fire(rules[5], ac)

    # -- totals ------------------------------------------------------------------------------------
    for total in doc.select(root, CAC + "LegalMonetaryTotal"):
        _monetary_total(doc, total)
    for total in doc.tax_totals:
        subtotals = doc.select(total, CAC + "TaxSubtotal")
        if subtotals:
            amount = dec(doc.findtext(total, CBC + "TaxAmount"))
            parts = [dec(doc.findtext(s, CBC + "TaxAmount")) for s in subtotals]
            expected = round2(sum((p for p in parts if p is not None), ZERO))
            if amount is None or amount != expected:
                fire("BR-CO-14", total)
    for total in doc.select(root, CAC + "TaxTotal"):
        for subtotal in doc.select(total, CAC + "TaxSubtotal"):
            _tax_subtotal(doc, subtotal)

    # -- lines ---------------------------------------------------------------------------------
    for info in doc.line_info():
        if not info.clean:
            _line(doc, info)


def _br_co_15(doc: Doc) -> None:
    root = doc.root
    for currency_el in doc.select(root, CBC + "DocumentCurrencyCode"):
        currency = currency_el.text
        amounts = [
            a
            for total in doc.tax_totals
            for a in doc.select(total, CBC + "TaxAmount")
            if a.get("currencyID") == currency
        ]
        ok = len(amounts) == 1
        if ok:
            tax = dec_of(amounts[0])
            inclusive = dec(doc.findtext(root, path("cac:LegalMonetaryTotal", "cbc:TaxInclusiveAmount")))
            exclusive = dec(doc.findtext(root, path("cac:LegalMonetaryTotal", "cbc:TaxExclusiveAmount")))
            ok = (
                tax is not None
                and inclusive is not None
                and exclusive is not None
                and inclusive == round2(exclusive + tax)
            )
        if not ok:
            doc.fire("BR-CO-15")
            return


def _period(doc: Doc, period: Element, order_rule: str, filled_rule: str | None) -> None:
    start, end = doc.first(period, CBC + "StartDate"), doc.first(period, CBC + "EndDate")
    if start is None and end is None and filled_rule:
        doc.fire(filled_rule, period)
    if start is not None and end is not None:
        start_date, end_date = as_date(start.text), as_date(end.text)
        if start_date is not None and end_date is not None and end_date < start_date:
            doc.fire(order_rule, period)


def _monetary_total(doc: Doc, total: Element) -> None:
    fire = doc.fire
    root = doc.root
    line_ext = doc.first(total, CBC + "LineExtensionAmount")
    exclusive = doc.first(total, CBC + "TaxExclusiveAmount")
    inclusive = doc.first(total, CBC + "TaxInclusiveAmount")
    allowances = doc.first(total, CBC + "AllowanceTotalAmount")
    charges = doc.first(total, CBC + "ChargeTotalAmount")
    prepaid = doc.first(total, CBC + "PrepaidAmount")
    rounding = doc.first(total, CBC + "PayableRoundingAmount")
    payable = doc.first(total, CBC + "PayableAmount")
    for el, rule in (
        (line_ext, "BR-12"),
        (exclusive, "BR-13"),
        (inclusive, "BR-14"),
        (payable, "BR-15"),
    ):
        if el is None:
            fire(rule, total)

    line_sum = round2(sum((amount for _, _, amount in doc.line_facts() if amount is not None), ZERO))
    if dec_of(line_ext) != line_sum or dec_of(line_ext) is None:
        fire("BR-CO-10", total)

    parent = total.getparent() if total.getparent() is not None else root
    doc_acs = doc.select(parent, CAC + "AllowanceCharge")
    for el, wanted, rule in ((allowances, False, "BR-CO-11"), (charges, True, "BR-CO-12")):
        matching = [ac for ac in doc_acs if doc.charge_indicator(ac) is wanted]
        if el is None:
            if matching:
                fire(rule, total)
        elif dec_of(el) != round2(_sum(doc.first(ac, CBC + "Amount") for ac in matching)):
            fire(rule, total)

    line_value, excl_value = dec_of(line_ext), dec_of(exclusive)
    allow_value, charge_value = dec_of(allowances), dec_of(charges)
    ok = False
    if line_value is not None and excl_value is not None:
        expected: Decimal | None = line_value
        if charges is not None:
            expected = None if charge_value is None else expected + charge_value
        if allowances is not None and expected is not None:
            expected = None if allow_value is None else expected - allow_value
        if expected is not None:
            if charges is None and allowances is None:
                ok = excl_value == line_value
            else:
                ok = excl_value == round2(expected)
    if not ok:
        fire("BR-CO-13", total)

    payable_value, inclusive_value = dec_of(payable), dec_of(inclusive)
    prepaid_value, rounding_value = dec_of(prepaid), dec_of(rounding)
    ok = False
    if payable_value is not None and inclusive_value is not None:
        if prepaid is not None and rounding is None:
            ok = prepaid_value is not None and payable_value == round2(inclusive_value - prepaid_value)
        elif prepaid is None and rounding is None:
            ok = payable_value == inclusive_value
        elif prepaid is not None and rounding is not None:
            ok = (
                prepaid_value is not None
                and rounding_value is not None
                and round2(payable_value - rounding_value) == round2(inclusive_value - prepaid_value)
            )
        else:
            ok = rounding_value is not None and round2(payable_value - rounding_value) == inclusive_value
    if not ok:
        fire("BR-CO-16", total)

    for el, rule in (
        (line_ext, "BR-DEC-09"),
        (allowances, "BR-DEC-10"),
        (charges, "BR-DEC-11"),
        (exclusive, "BR-DEC-12"),
        (inclusive, "BR-DEC-14"),
        (prepaid, "BR-DEC-16"),
        (rounding, "BR-DEC-17"),
        (payable, "BR-DEC-18"),
    ):
        if not decimals_ok(el):
            fire(rule, total)


def _sum(elements) -> Decimal:
    total = ZERO
    for el in elements:
        value = dec_of(el)
        if value is not None:
            total += value
    return total


def _tax_subtotal(doc: Doc, subtotal: Element) -> None:
    fire = doc.fire
    taxable_el = doc.first(subtotal, CBC + "TaxableAmount")
    tax_el = doc.first(subtotal, CBC + "TaxAmount")
    category = doc.first(subtotal, CAC + "TaxCategory")
    if taxable_el is None:
        fire("BR-45", subtotal)
    if tax_el is None:
        fire("BR-46", subtotal)
    category_id = doc.first(category, CBC + "ID") if category is not None else None
    if category_id is None:
        fire("BR-47", subtotal)
    percent_el = doc.first(category, CBC + "Percent") if category is not None else None
    if percent_el is None and ntext(category_id) != "O":
        fire("BR-48", subtotal)
    if percent_el is not None and ntext(category_id) != "O":
        # BR-CO-17: |tax| within 1 of round(|taxable| * rate / 100), exclusive bounds.
        tax, taxable, percent = dec_of(tax_el), dec_of(taxable_el), dec_of(percent_el)
        ok = False
        if tax is not None and taxable is not None and percent is not None:
            expected = round2(abs(taxable) * percent / 100)
            ok = abs(tax) - ONE < expected < abs(tax) + ONE
        if not ok:
            fire("BR-CO-17", subtotal)
    if not decimals_ok(taxable_el):
        fire("BR-DEC-19", subtotal)
    if not decimals_ok(tax_el):
        fire("BR-DEC-20", subtotal)


_T_ID = CBC + "ID"
_T_INVOICED = CBC + "InvoicedQuantity"
_T_CREDITED = CBC + "CreditedQuantity"
_T_NAME = CBC + "Name"
_T_PRICE_AMOUNT = CBC + "PriceAmount"
_T_AC = CAC + "AllowanceCharge"
_T_BASE_AMOUNT = CBC + "BaseAmount"
_T_STANDARD = CAC + "StandardItemIdentification"
_T_CLASSIFICATION = CAC + "CommodityClassification"
_T_CLASSIFICATION_CODE = CBC + "ItemClassificationCode"


def _any_text(elements: list[Element]) -> bool:
    return any(el.text for el in elements)


def _line(doc: Doc, info: Line) -> None:
    fire = doc.fire
    line = info.el
    get = info.kids.get
    ids = get(_T_ID)
    if not ids or not _any_text(ids):
        fire("BR-21", line)
    quantities = get(_T_INVOICED) or get(_T_CREDITED)
    if not quantities:
        fire("BR-22", line)
    if not quantities or quantities[0].get("unitCode") is None:
        fire("BR-23", line)
    amount_el = info.amount_el
    if amount_el is None:
        fire("BR-24", line)
    else:
        value = amount_el.text
        if value:
            dot = value.find(".")
            if dot >= 0 and len(value) - dot - 1 > 2:
                fire("BR-DEC-23", line)
    item_kids = info.items
    named = False
    for ik in item_kids:
        names = ik.get(_T_NAME)
        if names and _any_text(names):
            named = True
            break
    if not named:
        fire("BR-25", line)
    price_kids = info.prices
    prices = None
    discounted = False
    for pk in price_kids:
        found = pk.get(_T_PRICE_AMOUNT)
        if found:
            prices = found if prices is None else prices + found
        if _T_AC in pk:
            discounted = True
    if not prices:
        fire("BR-26", line)
        fire("BR-27", line)
    else:
        for p in prices:
            v = dec(p.text)
            if v is not None and v >= 0:
                break
        else:
            fire("BR-27", line)
    if discounted:
        bases = [
            base for pk in price_kids for ac in pk.get(_T_AC, ()) for base in doc.select(ac, _T_BASE_AMOUNT)
        ]
        if bases and not any((v := dec_of(b)) is not None and v >= 0 for b in bases):
            fire("BR-28", line)
    for _code, vat, _percents, has_id in info.cat_facts:
        if vat and has_id:
            break
    else:
        fire("BR-CO-04", line)
    for ik in item_kids:
        if _T_STANDARD in ik:
            for standard in ik[_T_STANDARD]:
                for ident in doc.select(standard, _T_ID):
                    if ident.get("schemeID") is None:
                        fire("BR-64", ident)
        if _T_CLASSIFICATION in ik:
            for classification in ik[_T_CLASSIFICATION]:
                for code in doc.select(classification, _T_CLASSIFICATION_CODE):
                    if code.get("listID") is None:
                        fire("BR-65", code)
    for ac in get(_T_AC, ()):
        indicator = doc.charge_indicator(ac)
        if indicator is None:
            continue
        if indicator:
            rules = ("BR-43", "BR-44", "BR-CO-24", "BR-DEC-27", "BR-DEC-28")
        else:
            rules = ("BR-41", "BR-42", "BR-CO-23", "BR-DEC-24", "BR-DEC-25")
        amount_el = doc.first(ac, CBC + "Amount")
        if amount_el is None:
            fire(rules[0], ac)
        if (
            doc.first(ac, CBC + "AllowanceChargeReason") is None
            and doc.first(ac, CBC + "AllowanceChargeReasonCode") is None
        ):
            fire(rules[1], ac)
            fire(rules[2], ac)
        if not decimals_ok(amount_el):
            fire(rules[3], ac)
        if not decimals_ok(doc.first(ac, CBC + "BaseAmount")):
            fire(rules[4], ac)
