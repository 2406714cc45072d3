"""EN 16931 VAT category rules: BR-S, BR-Z, BR-E, BR-AE, BR-IC (K), BR-G, BR-O, BR-AF (L, IGIC),
BR-AG (M, IPSI) and BR-B (split payment).

The nine categories follow one pattern, numbered -01 to -10 (see :data:`CATEGORIES`):

01  a line, allowance or charge in the category needs a VAT breakdown in it (and vice versa)
02-04  the seller (and for some categories the buyer) identifiers a line/allowance/charge needs
05-07  the VAT rate of a line / document allowance / document charge in the category
08  the breakdown's taxable amount equals the category's line amounts + charges - allowances
09  the breakdown's tax amount
10  the exemption reason (required, or forbidden)
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ._base import (
    CAC,
    CATEGORY_RATES,
    CBC,
    ONE,
    ZERO,
    Doc,
    Element,
    dec,
    dec_of,
    norm,
    path,
    round2,
)


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    prefix: str
    exactly_one: bool  # -01: exactly one breakdown (else: at least one)
    rate: str  # -05..07: "positive", "zero", "absent" or "non-negative"
    per_rate: bool  # -08: one taxable amount per rate
    tolerance: Decimal  # -08: accepted difference (strictly less than), 0 = exact
    tax: str  # -09: "zero" or "rate"
    exemption: str  # -10: "required" or "forbidden"
    parties: str  # -02..04: which identifiers are required


CATEGORIES = (
    Category("S", "BR-S", False, "positive", True, ONE, "rate", "forbidden", "seller"),
    Category("Z", "BR-Z", True, "zero", False, ZERO, "zero", "forbidden", "seller"),
    Category("E", "BR-E", True, "zero", False, ZERO, "zero", "required", "seller"),
    Category("AE", "BR-AE", True, "zero", False, ZERO, "zero", "required", "reverse-charge"),
    Category("K", "BR-IC", True, "zero", False, ZERO, "zero", "required", "intra-community"),
    Category("G", "BR-G", True, "zero", False, ZERO, "zero", "required", "export"),
    Category("O", "BR-O", True, "absent", False, ZERO, "zero", "required", "none"),
    Category("L", "BR-AF", False, "non-negative", True, ZERO, "rate", "forbidden", "seller"),
    Category("M", "BR-AG", False, "non-negative", True, ZERO, "rate", "forbidden", "seller"),
)

assert {c.code: c.rate for c in CATEGORIES} == CATEGORY_RATES  # the fast path of Line knows them

IMPLEMENTED = frozenset(
    [f"{c.prefix}-{n:02d}" for c in CATEGORIES for n in range(1, 11)]
    + ["BR-IC-11", "BR-IC-12", "BR-O-11", "BR-O-12", "BR-O-13", "BR-O-14", "BR-B-01", "BR-B-02"]
)

_SUPPLIER_SCHEMES = path("cac:AccountingSupplierParty", "cac:Party", "cac:PartyTaxScheme")
_REPRESENTATIVE_SCHEMES = path("cac:TaxRepresentativeParty", "cac:PartyTaxScheme")
_CUSTOMER_SCHEMES = path("cac:AccountingCustomerParty", "cac:Party", "cac:PartyTaxScheme")
_CUSTOMER_LEGAL_ID = path("cac:AccountingCustomerParty", "cac:Party", "cac:PartyLegalEntity", "cbc:CompanyID")


def _has_company_id(doc: Doc, root: Element, schemes: str, *, vat: bool | None) -> bool:
    """An existing ``cbc:CompanyID`` under a PartyTaxScheme whose scheme is VAT (vat=True), is
    not VAT (vat=False) or any (None)."""
    for scheme in doc.select(root, schemes):
        if doc.first(scheme, CBC + "CompanyID") is None:
            continue
        if vat is None or doc.category(scheme)[1] is vat:
            return True
    return False


def _parties_ok(doc: Doc, rule: str) -> bool:
    root = doc.root
    seller_vat = _has_company_id(doc, root, _SUPPLIER_SCHEMES, vat=True)
    representative_vat = _has_company_id(doc, root, _REPRESENTATIVE_SCHEMES, vat=True)
    buyer_vat = _has_company_id(doc, root, _CUSTOMER_SCHEMES, vat=True)
    if rule == "seller":
        return seller_vat or representative_vat or _has_company_id(doc, root, _SUPPLIER_SCHEMES, vat=False)
    if rule == "reverse-charge":
        seller = seller_vat or representative_vat or _has_company_id(doc, root, _SUPPLIER_SCHEMES, vat=False)
        return seller and (buyer_vat or doc.first(root, _CUSTOMER_LEGAL_ID) is not None)
    if rule == "intra-community":
        return (seller_vat or representative_vat) and buyer_vat
    if rule == "export":
        return seller_vat or representative_vat
    # "none": not subject to VAT, so no VAT identifiers at all
    return not (seller_vat or representative_vat or buyer_vat)


def _in_category(doc: Doc, category: Element | None, code: str) -> bool:
    return category is not None and doc.category(category) == (code, True)


def _rate_ok(doc: Doc, category: Element, rule: str) -> bool:
    percent_el = doc.first(category, CBC + "Percent")
    if rule == "absent":
        return percent_el is None
    percent = dec_of(percent_el)
    if percent is None:
        return False
    if rule == "positive":
        return percent > 0
    if rule == "zero":
        return percent == 0
    return percent >= 0


_T_PERCENT = CBC + "Percent"
_T_TAX_CATEGORY = CAC + "TaxCategory"
_T_AMOUNT = CBC + "Amount"


def _rate_ok_value(percent_el: Element | None, rule: str, cache: dict) -> bool:
    """:func:`_rate_ok` from the category's first ``cbc:Percent`` element, cached by its text."""
    if rule == "absent":
        return percent_el is None
    if percent_el is None:
        return False
    key = (percent_el.text, rule)
    found = cache.get(key)
    if found is None:
        percent = dec(percent_el.text)
        if percent is None:
            found = False
        elif rule == "positive":
            found = percent > 0
        elif rule == "zero":
            found = percent == 0
        else:
            found = percent >= 0
        cache[key] = found
    return found


def check(doc: Doc) -> None:
    root = doc.root
    code_of = doc.vat_code
    lines = doc.line_info()
    all_classified = doc.all(CAC + "ClassifiedTaxCategory")
    all_ac_categories: list[tuple[Element, bool | None, Element]] = [
        (ac, doc.charge_indicator(ac), c)
        for ac in doc.all(CAC + "AllowanceCharge")
        for c in doc.kids(ac).get(_T_TAX_CATEGORY, ())
    ]
    breakdown: list[tuple[Element, Element]] = [
        (subtotal, c)
        for total in doc.tax_totals
        for subtotal in doc.select(total, CAC + "TaxSubtotal")
        for c in doc.select(subtotal, _T_TAX_CATEGORY)
    ]
    in_lines = {code_of(c) for c in all_classified}
    in_allowances = {code_of(c) for _, ind, c in all_ac_categories if ind is False}
    in_charges = {code_of(c) for _, ind, c in all_ac_categories if ind is True}
    in_any_ac = {code_of(c) for _, _, c in all_ac_categories}
    breakdown_codes = {code_of(c) for _, c in breakdown}
    rate_cache: dict = {}
    totals: _Totals | None = None

    for cat in CATEGORIES:
        code, prefix = cat.code, cat.prefix
        used = code in in_lines or code in in_any_ac
        if not used and code not in breakdown_codes:
            continue
        breakdowns = [(s, c) for s, c in breakdown if code_of(c) == code]
        # -01
        wanted = (len(breakdowns) == 1 if cat.exactly_one else bool(breakdowns)) if used else not breakdowns
        if not wanted:
            doc.fire(f"{prefix}-01")
        # -02..-04
        for present, number in ((in_lines, "02"), (in_allowances, "03"), (in_charges, "04")):
            if code in present and not _parties_ok(doc, cat.parties):
                doc.fire(f"{prefix}-{number}")
        # -05
        rule = cat.rate
        for info in lines:
            if info.clean:  # its category's rate is right (see Line._clean)
                continue
            for c, (c_code, vat, percents, _has_id) in zip(info.categories, info.cat_facts, strict=True):
                if (
                    vat
                    and c_code == code
                    and not _rate_ok_value(percents[0] if percents else None, rule, rate_cache)
                ):
                    doc.fire(f"{prefix}-05", c)
        # -06 / -07
        for _, indicator, c in all_ac_categories:
            if indicator is None or code_of(c) != code:
                continue
            if not _rate_ok(doc, c, cat.rate):
                doc.fire(f"{prefix}-07" if indicator else f"{prefix}-06", c)
        # -08..-10
        for subtotal, c in breakdowns:
            if subtotal.getparent() is None or subtotal.getparent().getparent() is not root:
                continue
            if totals is None:
                totals = _Totals(doc)
            if not _taxable_ok(doc, totals, cat, subtotal, c):
                doc.fire(f"{prefix}-08", c)
            if not _tax_ok(doc, cat, subtotal, c):
                doc.fire(f"{prefix}-09", c)
            has_exemption = (
                doc.first(c, CBC + "TaxExemptionReason") is not None
                or doc.first(c, CBC + "TaxExemptionReasonCode") is not None
            )
            if has_exemption != (cat.exemption == "required"):
                doc.fire(f"{prefix}-10", c)

    if "K" in breakdown_codes:
        _intra_community(doc, breakdown)
    if "O" in breakdown_codes:
        _not_subject(doc, breakdown, all_classified, all_ac_categories)
    _split_payment(doc, all_classified, all_ac_categories)


class _Totals:
    """The line and allowance/charge facts the -08 rules sum, gathered once per document."""

    __slots__ = ("acs", "lines")

    def __init__(self, doc: Doc) -> None:
        decimals: dict[str | None, Decimal | None] = {}

        def percent(percents: list[Element]) -> Decimal | None:
            # _percent(c): the first cbc:Percent as xs:decimal
            if not percents:
                return None
            value = percents[0].text
            if value not in decimals:
                decimals[value] = dec(value)
            return decimals[value]

        #: per line: (category codes, first-Percent values, line amount)
        self.lines = [
            (
                [code for code, _vat, _percents, _has_id in info.cat_facts],
                [percent(percents) for _code, _vat, percents, _has_id in info.cat_facts],
                info.amount,
            )
            for info in doc.line_info()
        ]
        #: per allowance/charge with a cac:TaxCategory: ((category id, first Percent) of each,
        #: on the document level?, amount, indicator)
        acs = []
        root = doc.root
        for ac in doc.all(CAC + "AllowanceCharge"):
            kids = doc.kids(ac)
            cats = kids.get(_T_TAX_CATEGORY)
            if not cats:
                continue
            facts = [(doc.category(c)[0], percent(doc.kids(c).get(_T_PERCENT, ()))) for c in cats]
            on_root = ac.getparent() is root
            amount = dec_of(doc.first(ac, _T_AMOUNT)) if on_root else None
            acs.append((facts, on_root, amount, doc.charge_indicator(ac) if on_root else None))
        self.acs = acs


def _taxable_ok(doc: Doc, totals: _Totals, cat: Category, subtotal: Element, category: Element) -> bool:
    taxable = dec_of(doc.first(subtotal, CBC + "TaxableAmount"))
    code = cat.code
    if cat.per_rate:
        percents = doc.select(category, _T_PERCENT)
        rates = [dec_of(p) for p in percents]
        for rate in rates:
            if rate is None:
                return False
            line_sum = ZERO
            found = False
            for codes, line_rates, amount in totals.lines:
                if code in codes and rate in line_rates:
                    found = True
                    line_sum += amount or ZERO
            ac_sum = ZERO
            for facts, on_root, value, indicator in totals.acs:
                if any(c_code == code for c_code, _ in facts) and any(p == rate for _, p in facts):
                    found = True
                    if on_root:
                        value = value or ZERO
                        if indicator is True:
                            ac_sum += value
                        elif indicator is False:
                            ac_sum -= value
            if not found or not doc.lines or taxable is None:
                return False
            expected = line_sum + ac_sum
            if cat.tolerance:
                if not (taxable - cat.tolerance < expected < taxable + cat.tolerance):
                    return False
            elif taxable != expected:
                return False
        return True
    if not doc.lines or taxable is None:
        return False
    total = ZERO
    for codes, _rates, amount in totals.lines:
        if code in codes:
            total += amount or ZERO
    for ac in doc.doc_allowance_charges:
        if any(doc.category(c)[0] == code for c in doc.select(ac, _T_TAX_CATEGORY)):
            value = dec_of(doc.first(ac, _T_AMOUNT)) or ZERO
            indicator = doc.charge_indicator(ac)
            if indicator is True:
                total += value
            elif indicator is False:
                total -= value
    return taxable == total


def _tax_ok(doc: Doc, cat: Category, subtotal: Element, category: Element) -> bool:
    tax = dec_of(doc.first(subtotal, CBC + "TaxAmount"))
    if cat.tax == "zero":
        return tax is not None and tax == 0
    taxable = dec_of(doc.first(subtotal, CBC + "TaxableAmount"))
    percent = dec_of(doc.first(category, CBC + "Percent"))
    if tax is None or taxable is None or percent is None:
        return False
    if cat.code == "S":
        expected = round2(abs(taxable) * percent / 100)
        return abs(tax) - ONE < expected < abs(tax) + ONE
    return tax == round2(taxable * percent / 100)


def _intra_community(doc: Doc, breakdown: list[tuple[Element, Element]]) -> None:
    root = doc.root
    if not any(_in_category(doc, c, "K") for s, c in breakdown if s.getparent().getparent() is root):
        return
    delivery_date = doc.findtext(root, path("cac:Delivery", "cbc:ActualDeliveryDate")) or ""
    period = doc.first(root, CAC + "InvoicePeriod")
    if not (len(delivery_date) > 1 or (period is not None and len(period))):
        doc.fire("BR-IC-11")
    country = (
        doc.findtext(
            root,
            path(
                "cac:Delivery", "cac:DeliveryLocation", "cac:Address", "cac:Country", "cbc:IdentificationCode"
            ),
        )
        or ""
    )
    if not len(country) > 1:
        doc.fire("BR-IC-12")


def _not_subject(
    doc: Doc,
    breakdown: list[tuple[Element, Element]],
    classified: list[Element],
    ac_categories: list[tuple[Element, bool | None, Element]],
) -> None:
    root = doc.root
    if not any(_in_category(doc, c, "O") for s, c in breakdown if s.getparent().getparent() is root):
        return
    doc_breakdown = [c for s, c in breakdown if s.getparent().getparent() is root]
    if any(doc.category(c)[0] != "O" for c in doc_breakdown if doc.first(c, CBC + "ID") is not None):
        doc.fire("BR-O-11")
    if any(doc.category(c)[0] != "O" for c in classified if doc.first(c, CBC + "ID") is not None):
        doc.fire("BR-O-12")
    for indicator, rule in ((False, "BR-O-13"), (True, "BR-O-14")):
        if any(
            ind is indicator and doc.first(c, CBC + "ID") is not None and doc.category(c)[0] != "O"
            for _, ind, c in ac_categories
        ):
            doc.fire(rule)


def _split_payment(
    doc: Doc, classified: list[Element], ac_categories: list[tuple[Element, bool | None, Element]]
) -> None:
    root = doc.root
    categories = [*classified, *(c for _, _, c in ac_categories)]
    categories += list(doc.select(root, path("cac:TaxTotal", "cac:TaxSubtotal", "cac:TaxCategory")))
    if not any(doc.category(c)[0] == "B" for c in categories):
        return
    countries = [
        norm(el.text) for el in doc.all(CBC + "IdentificationCode") if el.getparent().tag == CAC + "Country"
    ]
    if any(country != "IT" for country in countries):
        doc.fire("BR-B-01")
    if any(doc.category(c)[0] == "S" for c in categories):
        doc.fire("BR-B-02")
