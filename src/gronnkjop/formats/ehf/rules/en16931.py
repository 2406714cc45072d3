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
    as_date,
    charge_indicator,
    dec,
    dec_of,
    decimals_ok,
    is_vat_scheme,
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


def nonempty(root: Element, where: str) -> bool:
    """``(where) != ''``: some matching element has a non-empty string value."""
    return any(el.text or (len(el) and "".join(el.itertext())) for el in root.iterfind(where))


def check(doc: Doc) -> None:
    root = doc.root
    fire = doc.fire

    # -- context /ubl:Invoice | /cn:CreditNote ---------------------------------------------
    if not nonempty(root, CBC + "CustomizationID"):
        fire("BR-01")
    if not nonempty(root, CBC + "ID"):
        fire("BR-02")
    if not nonempty(root, CBC + "IssueDate"):
        fire("BR-03")
    if not (nonempty(root, CBC + "InvoiceTypeCode") or nonempty(root, CBC + "CreditNoteTypeCode")):
        fire("BR-04")
    if not nonempty(root, CBC + "DocumentCurrencyCode"):
        fire("BR-05")
    if not nonempty(root, _SUPPLIER_NAME):
        fire("BR-06")
    if not nonempty(root, _CUSTOMER_NAME):
        fire("BR-07")
    if root.find(_SUPPLIER_ADDRESS) is None:
        fire("BR-08")
    if root.find(_CUSTOMER_ADDRESS) is None:
        fire("BR-10")
    if not doc.lines:
        fire("BR-16")
    for tax_currency in root.iterfind(CBC + "TaxCurrencyCode"):
        wanted = tax_currency.text
        if not any(
            amount.get("currencyID") == wanted
            for amount in root.iterfind(".//" + CAC + "TaxTotal/" + CBC + "TaxAmount")
        ):
            fire("BR-53")
            break
    if root.find(CBC + "TaxPointDate") is not None and (
        root.find(path("cac:InvoicePeriod", "cbc:DescriptionCode")) is not None
    ):
        fire("BR-CO-03")
    _br_co_15(doc)
    if root.find(path("cac:TaxTotal", "cac:TaxSubtotal")) is None:
        fire("BR-CO-18")
    for currency, rule in ((doc.currency, "BR-DEC-13"), (doc.tax_currency, "BR-DEC-15")):
        if currency is None:
            continue
        for total in doc.tax_totals:
            amount = total.find(CBC + "TaxAmount")
            if amount is not None and amount.get("currencyID") == currency and not decimals_ok(amount):
                fire(rule)
                break

    # -- parties and addresses -----------------------------------------------------------------
    for address in root.iterfind(_SUPPLIER_ADDRESS):
        if not nonempty(address, _COUNTRY_CODE):
            fire("BR-09", address)
    for address in root.iterfind(_CUSTOMER_ADDRESS):
        if not nonempty(address, _COUNTRY_CODE):
            fire("BR-11", address)
    for supplier in root.iterfind(CAC + "AccountingSupplierParty"):
        if (
            supplier.find(path("cac:Party", "cac:PartyTaxScheme", "cbc:CompanyID")) is None
            and supplier.find(path("cac:Party", "cac:PartyIdentification", "cbc:ID")) is None
            and supplier.find(path("cac:Party", "cac:PartyLegalEntity", "cbc:CompanyID")) is None
        ):
            fire("BR-CO-26", supplier)
    for rule, party in (("BR-62", "cac:AccountingSupplierParty"), ("BR-63", "cac:AccountingCustomerParty")):
        for endpoint in root.iterfind(path(party, "cac:Party", "cbc:EndpointID")):
            if endpoint.get("schemeID") is None:
                fire(rule, endpoint)
    for payee in root.iterfind(CAC + "PayeeParty"):
        if not nonempty(payee, path("cac:PartyName", "cbc:Name")):
            fire("BR-17", payee)
    for representative in root.iterfind(CAC + "TaxRepresentativeParty"):
        if not nonempty(representative, path("cac:PartyName", "cbc:Name")):
            fire("BR-18", representative)
        if representative.find(CAC + "PostalAddress") is None:
            fire("BR-19", representative)
        if not any(
            is_vat_scheme(s) and s.find(CBC + "CompanyID") is not None
            for s in representative.iterfind(CAC + "PartyTaxScheme")
        ):
            fire("BR-56", representative)
        for address in representative.iterfind(CAC + "PostalAddress"):
            if not nonempty(address, _COUNTRY_CODE):
                fire("BR-20", address)
    for scheme in doc.all(CAC + "PartyTaxScheme"):
        if is_vat_scheme(scheme):
            company = scheme.findtext(CBC + "CompanyID") or ""
            if company[:2] not in VAT_PREFIXES:
                fire("BR-CO-09", scheme)
    for address in root.iterfind(path("cac:Delivery", "cac:DeliveryLocation", "cac:Address")):
        if address.find(_COUNTRY_CODE) is None:
            fire("BR-57", address)

    # -- references ----------------------------------------------------------------------------
    for reference in root.iterfind(CAC + "AdditionalDocumentReference"):
        if not nonempty(reference, CBC + "ID"):
            fire("BR-52", reference)
    for reference in root.iterfind(CAC + "BillingReference"):
        if reference.find(path("cac:InvoiceDocumentReference", "cbc:ID")) is None:
            fire("BR-55", reference)
    for prop in doc.all(CAC + "AdditionalItemProperty"):
        if prop.find(CBC + "Name") is None or prop.find(CBC + "Value") is None:
            fire("BR-54", prop)

    # -- periods ---------------------------------------------------------------------------------
    for period in root.iterfind(CAC + "InvoicePeriod"):
        _period(doc, period, "BR-29", "BR-CO-19" if period.find(CBC + "DescriptionCode") is None else None)
    for line in doc.lines:
        for period in line.iterfind(CAC + "InvoicePeriod"):
            _period(doc, period, "BR-30", "BR-CO-20")

    # -- payment ---------------------------------------------------------------------------------
    for means in root.iterfind(CAC + "PaymentMeans"):
        code_el = means.find(CBC + "PaymentMeansCode")
        if code_el is None:
            fire("BR-49", means)
        code = ntext(code_el)
        has_account = means.find(path("cac:PayeeFinancialAccount", "cbc:ID")) is not None
        if code in ("30", "58") and not has_account:
            fire("BR-61", means)
        if any(norm(c.text) in ("30", "58") for c in means.iterfind(CBC + "PaymentMeansCode")):
            for account in means.iterfind(CAC + "PayeeFinancialAccount"):
                if ntext(account.find(CBC + "ID")) == "":
                    fire("BR-50", account)
        for pan in means.iterfind(path("cac:CardAccount", "cbc:PrimaryAccountNumberID")):
            if len(ntext(pan)) > 10:
                fire("BR-51", pan)

    # -- document level allowances and charges ---------------------------------------------------
    for ac in doc.doc_allowance_charges:
        indicator = charge_indicator(ac)
        if indicator is None:
            continue
        has_reason = ac.find(CBC + "AllowanceChargeReason") is not None or (
            ac.find(CBC + "AllowanceChargeReasonCode") is not None
        )
        amount, base = ac.find(CBC + "Amount"), ac.find(CBC + "BaseAmount")
        if indicator:
            rules = ("BR-36", "BR-37", "BR-38", "BR-CO-22", "BR-DEC-05", "BR-DEC-06")
        else:
            rules = ("BR-31", "BR-32", "BR-33", "BR-CO-21", "BR-DEC-01", "BR-DEC-02")
        if amount is None:
            fire(rules[0], ac)
        if ac.find(path("cac:TaxCategory", "cbc:ID")) is None:
            fire(rules[1], ac)
        if not has_reason:
            fire(rules[2], ac)
            fire(rules[3], ac)
        if not decimals_ok(amount):
            fire(rules[4], ac)
        if not decimals_ok(base):
            fire(rules[5], ac)

    # -- totals ------------------------------------------------------------------------------------
    for total in root.iterfind(CAC + "LegalMonetaryTotal"):
        _monetary_total(doc, total)
    for total in doc.tax_totals:
        subtotals = total.findall(CAC + "TaxSubtotal")
        if subtotals:
            amount = dec(total.findtext(CBC + "TaxAmount"))
            parts = [dec(s.findtext(CBC + "TaxAmount")) for s in subtotals]
            expected = round2(sum((p for p in parts if p is not None), ZERO))
            if amount is None or amount != expected:
                fire("BR-CO-14", total)
    for total in root.iterfind(CAC + "TaxTotal"):
        for subtotal in total.iterfind(CAC + "TaxSubtotal"):
            _tax_subtotal(doc, subtotal)

    # -- lines ---------------------------------------------------------------------------------
    for line in doc.lines:
        _line(doc, line)


def _br_co_15(doc: Doc) -> None:
    root = doc.root
    for currency_el in root.iterfind(CBC + "DocumentCurrencyCode"):
        currency = currency_el.text
        amounts = [
            a
            for total in doc.tax_totals
            for a in total.iterfind(CBC + "TaxAmount")
            if a.get("currencyID") == currency
        ]
        ok = len(amounts) == 1
        if ok:
            tax = dec_of(amounts[0])
            inclusive = dec(root.findtext(path("cac:LegalMonetaryTotal", "cbc:TaxInclusiveAmount")))
            exclusive = dec(root.findtext(path("cac:LegalMonetaryTotal", "cbc:TaxExclusiveAmount")))
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
    start, end = period.find(CBC + "StartDate"), period.find(CBC + "EndDate")
    if start is None and end is None and filled_rule:
        doc.fire(filled_rule, period)
    if start is not None and end is not None:
        start_date, end_date = as_date(start.text), as_date(end.text)
        if start_date is not None and end_date is not None and end_date < start_date:
            doc.fire(order_rule, period)


def _monetary_total(doc: Doc, total: Element) -> None:
    fire = doc.fire
    root = doc.root
    line_ext = total.find(CBC + "LineExtensionAmount")
    exclusive = total.find(CBC + "TaxExclusiveAmount")
    inclusive = total.find(CBC + "TaxInclusiveAmount")
    allowances = total.find(CBC + "AllowanceTotalAmount")
    charges = total.find(CBC + "ChargeTotalAmount")
    prepaid = total.find(CBC + "PrepaidAmount")
    rounding = total.find(CBC + "PayableRoundingAmount")
    payable = total.find(CBC + "PayableAmount")
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
    doc_acs = parent.findall(CAC + "AllowanceCharge")
    for el, wanted, rule in ((allowances, False, "BR-CO-11"), (charges, True, "BR-CO-12")):
        matching = [ac for ac in doc_acs if charge_indicator(ac) is wanted]
        if el is None:
            if matching:
                fire(rule, total)
        elif dec_of(el) != round2(_sum(ac.find(CBC + "Amount") for ac in matching)):
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
    taxable_el = subtotal.find(CBC + "TaxableAmount")
    tax_el = subtotal.find(CBC + "TaxAmount")
    category = subtotal.find(CAC + "TaxCategory")
    if taxable_el is None:
        fire("BR-45", subtotal)
    if tax_el is None:
        fire("BR-46", subtotal)
    category_id = category.find(CBC + "ID") if category is not None else None
    if category_id is None:
        fire("BR-47", subtotal)
    percent_el = category.find(CBC + "Percent") if category is not None else None
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


def _line(doc: Doc, line: Element) -> None:
    fire = doc.fire
    kids = doc.kids(line)
    get = kids.get
    if not any(el.text for el in get(CBC + "ID", ())):
        fire("BR-21", line)
    quantities = get(CBC + "InvoicedQuantity") or get(CBC + "CreditedQuantity")
    if not quantities:
        fire("BR-22", line)
    if not quantities or quantities[0].get("unitCode") is None:
        fire("BR-23", line)
    amounts = get(CBC + "LineExtensionAmount")
    if not amounts:
        fire("BR-24", line)
    elif not decimals_ok(amounts[0]):
        fire("BR-DEC-23", line)
    items = get(CAC + "Item", ())
    item_kids = [doc.kids(item) for item in items]
    if not any(el.text for ik in item_kids for el in ik.get(CBC + "Name", ())):
        fire("BR-25", line)
    price_kids = [doc.kids(price) for price in get(CAC + "Price", ())]
    prices = [el for pk in price_kids for el in pk.get(CBC + "PriceAmount", ())]
    if not prices:
        fire("BR-26", line)
    if not any((v := dec_of(p)) is not None and v >= 0 for p in prices):
        fire("BR-27", line)
    bases = [
        base
        for pk in price_kids
        for ac in pk.get(CAC + "AllowanceCharge", ())
        for base in ac.iterfind(CBC + "BaseAmount")
    ]
    if bases and not any((v := dec_of(b)) is not None and v >= 0 for b in bases):
        fire("BR-28", line)
    if not any(
        doc.category(c)[1] and c.find(CBC + "ID") is not None
        for ik in item_kids
        for c in ik.get(CAC + "ClassifiedTaxCategory", ())
    ):
        fire("BR-CO-04", line)
    for ik in item_kids:
        for standard in ik.get(CAC + "StandardItemIdentification", ()):
            for ident in standard.iterfind(CBC + "ID"):
                if ident.get("schemeID") is None:
                    fire("BR-64", ident)
        for classification in ik.get(CAC + "CommodityClassification", ()):
            for code in classification.iterfind(CBC + "ItemClassificationCode"):
                if code.get("listID") is None:
                    fire("BR-65", code)
    for ac in get(CAC + "AllowanceCharge", ()):
        indicator = charge_indicator(ac)
        if indicator is None:
            continue
        if indicator:
            rules = ("BR-43", "BR-44", "BR-CO-24", "BR-DEC-27", "BR-DEC-28")
        else:
            rules = ("BR-41", "BR-42", "BR-CO-23", "BR-DEC-24", "BR-DEC-25")
        amount_el = ac.find(CBC + "Amount")
        if amount_el is None:
            fire(rules[0], ac)
        if (
            ac.find(CBC + "AllowanceChargeReason") is None
            and ac.find(CBC + "AllowanceChargeReasonCode") is None
        ):
            fire(rules[1], ac)
            fire(rules[2], ac)
        if not decimals_ok(amount_el):
            fire(rules[3], ac)
        if not decimals_ok(ac.find(CBC + "BaseAmount")):
            fire(rules[4], ac)
