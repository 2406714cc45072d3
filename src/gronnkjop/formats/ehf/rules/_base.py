"""Shared machinery of the rule modules: namespaces, the per-document context and small helpers.

The rules mirror the official Schematron (EN 16931 UBL binding 1.3.x and PEPPOL BIS Billing 3.0),
written as Python over lxml elements. XPath semantics that matter for the verdicts are kept:

* a missing value compared with anything is *false* (an empty sequence), so ``val(x) > 0`` on an
  absent element fails the assertion, as in the Schematron;
* ``xs:decimal`` accepts ``[+-]digits[.digits]`` only (no exponent), see :func:`dec`;
* ``round(x * 100) div 100`` rounds half towards positive infinity, see :func:`round2`;
* ``normalize-space`` collapses inner whitespace, see :func:`norm`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_FLOOR, Decimal, InvalidOperation
from functools import cache

from lxml import etree

from ..index import TreeIndex

CBC_NS = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC_NS = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
EXT_NS = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CBC = "{" + CBC_NS + "}"
CAC = "{" + CAC_NS + "}"
INVOICE_TAG = "{" + INVOICE_NS + "}Invoice"
CREDIT_NOTE_TAG = "{" + CREDIT_NOTE_NS + "}CreditNote"
NSMAP = {"cbc": CBC_NS, "cac": CAC_NS, "ext": EXT_NS}
PREFIXES = {CBC_NS: "cbc", CAC_NS: "cac", EXT_NS: "ext"}

HALF = Decimal("0.5")
HUNDRED = Decimal(100)
ZERO = Decimal(0)
ONE = Decimal(1)
_DECIMAL = re.compile(r"\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_MISSING = object()
_INDICATORS = {"true": True, "1": True, "false": False, "0": False}
_T_CHARGE_INDICATOR = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}ChargeIndicator"

Element = etree._Element


def cbc(name: str) -> str:
    return CBC + name


def cac(name: str) -> str:
    return CAC + name


@cache
def path(*steps: str) -> str:
    """An ElementPath in Clark notation from ``"cac:Party"``-style steps, e.g.
    ``path("cac:Party", "cbc:EndpointID")``."""
    out = []
    for step in steps:
        prefix, _, local = step.partition(":")
        out.append("{" + NSMAP[prefix] + "}" + local)
    return "/".join(out)


_STEPS: dict[str, tuple[str, ...]] = {}
_STEP = re.compile(r"\{[^}]*\}[^/{}\[\]]+")


def _steps(where: str) -> tuple[str, ...]:
    """The steps of a Clark-notation child path, e.g. ``{ns}Party/{ns}EndpointID``."""
    steps = tuple(_STEP.findall(where))
    if "/".join(steps) != where:
        raise ValueError(f"not a plain child path: {where!r}")
    _STEPS[where] = steps
    return steps


def norm(value: str | None) -> str:
    """XPath ``normalize-space``; None gives the empty string."""
    return " ".join(value.split()) if value else ""


def text(el: Element | None) -> str:
    """The string value of a leaf element (its text), or '' when absent."""
    if el is None:
        return ""
    value = el.text
    return value if value is not None else ""


def ntext(el: Element | None) -> str:
    """normalize-space of the element's text."""
    return norm(el.text) if el is not None else ""


_DECIMALS: dict[str, Decimal | None] = {}


def dec(value: str | None) -> Decimal | None:
    """``xs:decimal(value)``: a Decimal, or None when absent or not a plain decimal number.

    Decimals are immutable, so the values of recent texts are kept (amounts, prices and quantities
    repeat within and across invoices); the cache is bounded."""
    if value is None:
        return None
    found = _DECIMALS.get(value, _MISSING)
    if found is not _MISSING:
        return found
    if not _DECIMAL.match(value):
        found = None
    else:
        try:
            found = Decimal(value.strip())
        except InvalidOperation:  # pragma: no cover - the pattern rules this out
            found = None
    if len(_DECIMALS) >= 4096:
        _DECIMALS.clear()
    _DECIMALS[value] = found
    return found


def dec_of(el: Element | None) -> Decimal | None:
    return dec(el.text) if el is not None else None


def round2(value: Decimal) -> Decimal:
    """XPath ``round(value * 10 * 10) div 100``: two decimals, halves rounded towards +infinity."""
    return (value * HUNDRED + HALF).to_integral_value(rounding=ROUND_FLOOR) / HUNDRED


def decimals_ok(el: Element | None) -> bool:
    """``string-length(substring-after(., '.')) <= 2`` on the raw text (absent passes)."""
    if el is None:
        return True
    value = el.text or ""
    dot = value.find(".")
    return dot < 0 or len(value) - dot - 1 <= 2


def as_date(value: str | None) -> date | None:
    """``xs:date`` of a plain ``YYYY-MM-DD`` string, or None."""
    if not value:
        return None
    value = value.strip()
    if not _DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def charge_indicator(ac: Element) -> bool | None:
    """``cbc:ChargeIndicator = true()/false()``: the xs:boolean value, or None if absent/invalid."""
    value = ac.findtext(CBC + "ChargeIndicator")
    if value is None:
        return None
    value = value.strip()
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    return None


def is_vat_scheme(category: Element) -> bool:
    """``cac:TaxScheme/normalize-space(upper-case(cbc:ID)) = 'VAT'``."""
    return any(norm(el.text).upper() == "VAT" for el in category.iterfind(path("cac:TaxScheme", "cbc:ID")))


def category_id(category: Element | None) -> str:
    return ntext(category.find(CBC + "ID")) if category is not None else ""


#: UBL-DT-08..28: attributes that should not be present in a document
DISCOURAGED_ATTRIBUTES = frozenset(
    {
        *("schemeName", "schemeAgencyName", "schemeDataURI", "schemeURI", "format", "unitCodeListID"),
        *("unitCodeListAgencyID", "unitCodeListAgencyName", "listAgencyName", "listName", "name"),
        *("languageID", "listURI", "listSchemeURI", "languageLocaleID", "uri", "currencyCodeListVersionID"),
        *("characterSetCode", "encodingCode", "schemeAgencyID", "listAgencyID"),
    }
)


class Doc:
    """Everything the rules share about one document, computed once.

    The constructor walks the tree once, filing every element by tag (:meth:`all` replaces
    ``//tag`` searches) and noting the empty elements and discouraged attributes on the way.
    """

    __slots__ = (
        "_categories",
        "_country",
        "_line_facts",
        "_line_info",
        "attributes",
        "by_tag",
        "credit_note_lines",
        "currency",
        "customer",
        "doc_allowance_charges",
        "empty",
        "fired",
        "index",
        "invoice_lines",
        "is_invoice",
        "kids",
        "kind",
        "line_tag",
        "lines",
        "other_quantity_tag",
        "quantity_tag",
        "root",
        "supplier",
        "tax_currency",
        "tax_totals",
    )

    def __init__(self, root: Element, index: TreeIndex | None = None) -> None:
        self.root = root
        #: ``kids(el)``: the children of ``el`` by tag, computed once per element (shared with the
        #: reader when both are given the same :class:`TreeIndex`)
        self.index = index if index is not None else TreeIndex()
        self.kids = self.index.__getitem__
        self.is_invoice = root.tag == INVOICE_TAG
        self.kind = "Invoice" if self.is_invoice else "CreditNote"
        self.line_tag = CAC + ("InvoiceLine" if self.is_invoice else "CreditNoteLine")
        self.quantity_tag = CBC + ("InvoicedQuantity" if self.is_invoice else "CreditedQuantity")
        self.other_quantity_tag = CBC + ("CreditedQuantity" if self.is_invoice else "InvoicedQuantity")
        # One walk of the tree, in document order: every element filed by tag (:meth:`all` replaces
        # ``//tag`` searches), under its parent in the children index (when the index is new), the
        # empty leaves (PEPPOL-EN16931-R008) and the discouraged attributes (UBL-DT-08..28).
        tag = root.tag
        by_tag: dict[str, list[Element]] = {tag: [root]}
        empty: list[Element] = []
        attributes: list[tuple[str, Element]] = []
        index = self.index
        fill = not index.filled  # an index a reader filled first is used as it stands
        if fill and index:
            index.clear()  # elements indexed one by one before: filled again in this walk
        discouraged = DISCOURAGED_ATTRIBUTES
        for el in root.iter():
            if el is not root:
                tag = el.tag
                bucket = by_tag.get(tag)
                if bucket is None:
                    by_tag[tag] = [el]
                else:
                    bucket.append(el)
                if fill:  # TreeIndex.fill, inlined: a second walk of the tree costs 2 % more
                    parent = el.getparent()
                    siblings = index.get(parent)
                    if siblings is None:
                        index[parent] = {tag: [el]}
                    else:
                        bucket = siblings.get(tag)
                        if bucket is None:
                            siblings[tag] = [el]
                        else:
                            bucket.append(el)
            value = el.text
            if (not value or value.isspace()) and not len(el) and tag.__class__ is str:
                empty.append(el)  # a leaf with blank text
            names = el.keys()
            if names:
                for name in names:
                    if name in discouraged:
                        attributes.append((name, el))
        index.filled = True
        self.by_tag = by_tag
        self.empty = empty
        top = self.kids(root).get
        # //cac:InvoiceLine and //cac:CreditNoteLine: lines are children of the root in UBL.
        self.invoice_lines = list(top(CAC + "InvoiceLine", ()))
        self.credit_note_lines = list(top(CAC + "CreditNoteLine", ()))
        self.lines = self.invoice_lines + self.credit_note_lines
        self.doc_allowance_charges = list(top(CAC + "AllowanceCharge", ()))
        self.tax_totals = list(top(CAC + "TaxTotal", ()))
        self.currency = self.findtext(root, CBC + "DocumentCurrencyCode")
        self.tax_currency = self.findtext(root, CBC + "TaxCurrencyCode")
        self.supplier = self.first(root, path("cac:AccountingSupplierParty", "cac:Party"))
        self.customer = self.first(root, path("cac:AccountingCustomerParty", "cac:Party"))
        self.fired: list[tuple[str, Element]] = []
        self._country: dict[str, str] = {}
        self.attributes = attributes
        self._line_facts: list[tuple[Element, list[Element], Decimal | None]] | None = None
        self._line_info: list[Line] | None = None
        self._categories: dict[Element, tuple[str, bool]] = {}

    def category(self, category: Element) -> tuple[str, bool]:
        """(normalized ``cbc:ID``, is the tax scheme VAT?) of a (Classified)TaxCategory, cached."""
        found = self._categories.get(category)
        if found is None:
            found = self._categories[category] = _category_facts(self.kids(category), self)
        return found

    def charge_indicator(self, ac: Element) -> bool | None:
        """:func:`charge_indicator` through the children index."""
        found = self.kids(ac).get(_T_CHARGE_INDICATOR)
        if not found:
            return None
        value = found[0].text
        return _INDICATORS.get(value.strip()) if value is not None else None

    def vat_code(self, category: Element) -> str | None:
        """The category id when the category is a VAT one, else None."""
        code, vat = self.category(category)
        return code if vat else None

    def line_info(self) -> list[Line]:
        """What the rules need of every line (:class:`Line`), extracted once for all rule modules."""
        if self._line_info is None:
            self._line_info = [Line(self, line) for line in self.lines]
        return self._line_info

    def line_facts(self) -> list[tuple[Element, list[Element], Decimal | None]]:
        """For every line: (line, its item's ClassifiedTaxCategory elements, line net amount)."""
        if self._line_facts is None:
            self._line_facts = [(info.el, info.categories, info.amount) for info in self.line_info()]
        return self._line_facts

    # Child paths through the cached children maps: ``find`` and friends cost microseconds each in
    # lxml (ElementPath), a dictionary lookup costs a tenth of that. Only plain child paths in Clark
    # notation (``path("cac:Party", "cbc:EndpointID")``): no predicates, no ``//``.
    def select(self, el: Element, where: str) -> list[Element]:
        """``el.findall(where)``: the elements at the child path ``where`` below ``el``, in
        document order (do not modify the list: it may be the index's own)."""
        steps = _STEPS.get(where)
        if steps is None:
            steps = _steps(where)
        kids = self.kids
        found = kids(el).get(steps[0])
        if not found:
            return []
        for step in steps[1:]:
            found = [c for node in found for c in kids(node).get(step, ())]
            if not found:
                break
        return found

    def first(self, el: Element, where: str) -> Element | None:
        """``el.find(where)``."""
        steps = _STEPS.get(where)
        if steps is None:
            steps = _steps(where)
        kids = self.kids
        found = kids(el).get(steps[0])
        if not found:
            return None
        if len(steps) == 1:
            return found[0]
        for step in steps[1:]:
            found = [c for node in found for c in kids(node).get(step, ())]
            if not found:
                return None
        return found[0]

    def findtext(self, el: Element, where: str) -> str | None:
        """``el.findtext(where)``: the text of the first match ('' when it has none), None when
        nothing matches."""
        found = self.first(el, where)
        if found is None:
            return None
        value = found.text
        return value if value is not None else ""

    def kid(self, el: Element, tag: str) -> Element | None:
        """The first child of ``el`` named ``tag`` (like ``el.find(tag)``)."""
        found = self.kids(el).get(tag)
        return found[0] if found else None

    def all(self, *tags: str) -> list[Element]:
        """Every element with one of ``tags`` anywhere in the document (``//tag``)."""
        if len(tags) == 1:
            return self.by_tag.get(tags[0], [])
        return [el for tag in tags for el in self.by_tag.get(tag, ())]

    def fire(self, rule_id: str, el: Element | None = None) -> None:
        self.fired.append((rule_id, self.root if el is None else el))

    def fire_each(self, rule_id: str, elements: Iterable[Element]) -> None:
        for el in elements:
            self.fired.append((rule_id, el))

    # -- the PEPPOL "country" variables -------------------------------------------------------
    def supplier_country(self) -> str:
        """PEPPOL ``$supplierCountry``: the seller VAT prefix, else the tax representative's VAT
        prefix, else the seller address country, else ``XX``."""
        if "supplier" not in self._country:
            self._country["supplier"] = _country_of(
                self,
                path("cac:AccountingSupplierParty", "cac:Party", "cac:PartyTaxScheme"),
                path("cac:TaxRepresentativeParty", "cac:PartyTaxScheme"),
                path("cac:AccountingSupplierParty", "cac:Party", "cac:PostalAddress", "cac:Country"),
            )
        return self._country["supplier"]

    def customer_country(self) -> str:
        """PEPPOL ``$customerCountry``: the buyer VAT prefix, else the buyer address country."""
        if "customer" not in self._country:
            self._country["customer"] = _country_of(
                self,
                path("cac:AccountingCustomerParty", "cac:Party", "cac:PartyTaxScheme"),
                None,
                path("cac:AccountingCustomerParty", "cac:Party", "cac:PostalAddress", "cac:Country"),
            )
        return self._country["customer"]


_T_ID = CBC + "ID"
_T_PERCENT = CBC + "Percent"
_T_TAX_SCHEME = CAC + "TaxScheme"
_T_ITEM = CAC + "Item"
_T_PRICE = CAC + "Price"
_T_PRICE_AMOUNT = CBC + "PriceAmount"
_T_BASE_QUANTITY = CBC + "BaseQuantity"
_T_LINE_EXTENSION = CBC + "LineExtensionAmount"
_T_CLASSIFIED = CAC + "ClassifiedTaxCategory"
_T_NOTE = CBC + "Note"
_T_NAME = CBC + "Name"
_T_DESCRIPTION = CBC + "Description"
_T_STANDARD_ITEM = CAC + "StandardItemIdentification"
_T_CLASSIFICATION = CAC + "CommodityClassification"
_T_CLASSIFICATION_CODE = CBC + "ItemClassificationCode"
_T_ALLOWANCE_CHARGE = CAC + "AllowanceCharge"
_SLACK = Decimal("0.02")
#: The VAT rate each category's -05 rule wants of a line (see :data:`.vat.CATEGORIES`).
CATEGORY_RATES = {
    "S": "positive",
    "Z": "zero",
    "E": "zero",
    "AE": "zero",
    "K": "zero",
    "G": "zero",
    "O": "absent",
    "L": "non-negative",
    "M": "non-negative",
}
#: The children a line may have and still take the fast path (see :meth:`Line._clean`).
_CLEAN_LINE_TAGS = frozenset(
    {
        _T_ID,
        _T_NOTE,
        CBC + "InvoicedQuantity",
        CBC + "CreditedQuantity",
        _T_LINE_EXTENSION,
        CBC + "AccountingCost",
        _T_ITEM,
        _T_PRICE,
    }
)


def _category_facts(kids: dict[str, list[Element]], doc: Doc) -> tuple[str, bool]:
    """(normalized first ``cbc:ID``, any ``cac:TaxScheme/cbc:ID`` is VAT) from a category's
    children by tag (see :func:`category_id`, :func:`is_vat_scheme`)."""
    ids = kids.get(_T_ID)
    code = norm(ids[0].text) if ids else ""
    for scheme in kids.get(_T_TAX_SCHEME, ()):
        for el in scheme:
            if el.tag == _T_ID:
                value = el.text
                if value == "VAT" or (value and norm(value).upper() == "VAT"):
                    return code, True
    return code, False


class Line:
    """One invoice or credit note line as the rules see it, extracted in one pass over the line,
    its items and prices (children by tag), with the values several rule modules need decoded once.

    ``categories`` are the ``cac:Item/cac:ClassifiedTaxCategory`` elements in document order;
    ``cat_facts`` their (code, is VAT, ``cbc:Percent`` elements, has a ``cbc:ID``); ``amount`` the first
    ``cbc:LineExtensionAmount`` as ``xs:decimal`` (None when absent or not a number).
    """

    __slots__ = ("amount", "amount_el", "cat_facts", "categories", "clean", "el", "items", "kids", "prices")

    def __init__(self, doc: Doc, line: Element) -> None:
        self.el = line
        kids = self.kids = doc.kids(line)
        get = kids.get
        doc_kids = doc.kids
        self.items = items = [doc_kids(item) for item in get(_T_ITEM, ())]
        self.prices = [doc_kids(price) for price in get(_T_PRICE, ())]
        categories = [c for ik in items for c in ik.get(_T_CLASSIFIED, ())]
        self.categories = categories
        facts = []
        known = doc._categories
        for c in categories:
            ck = doc_kids(c)
            found = known.get(c)
            if found is None:
                found = known[c] = _category_facts(ck, doc)
            facts.append((found[0], found[1], ck.get(_T_PERCENT, ()), _T_ID in ck))
        self.cat_facts = facts
        amounts = get(_T_LINE_EXTENSION)
        self.amount_el = amount_el = amounts[0] if amounts else None
        self.amount = dec(amount_el.text) if amount_el is not None else None
        self.clean = self._clean(doc)

    def _clean(self, doc: Doc) -> bool:
        """True when none of the per-line rules can fire for this line (the common case), so the
        rule modules skip it: EN 16931 BR-21..28, BR-30, BR-41..44, BR-64/65, BR-CO-04/20/23/24,
        BR-DEC-23..28; UBL-SR-34..37/48/50/52; PEPPOL-EN16931-R040..43 (line allowances),
        R100/R101, R110/R111, R120/R121/R130; the -05 rate rules of the VAT categories.
        Conservative: anything unusual gives False and the full checks run. (Rules over all
        elements of a kind, e.g. the code lists, still see the line.)"""
        kids = self.kids
        if not kids.keys() <= _CLEAN_LINE_TAGS:
            return False  # allowances, periods, references, ...: the full checks
        notes = kids.get(_T_NOTE)
        if notes is not None and len(notes) > 1:
            return False
        ids = kids.get(_T_ID)
        if not ids or not ids[0].text:
            return False
        quantities = kids.get(doc.quantity_tag)
        if not quantities or doc.other_quantity_tag in kids:
            return False
        quantity_el = quantities[0]
        unit = quantity_el.get("unitCode")
        if unit is None:
            return False
        amount = self.amount
        if amount is None or not decimals_ok(self.amount_el):
            return False
        items, prices = self.items, self.prices
        if len(items) != 1 or len(prices) != 1 or len(self.cat_facts) != 1:
            return False
        item = items[0]
        names = item.get(_T_NAME)
        if not names or not names[0].text or _T_STANDARD_ITEM in item:
            return False
        descriptions = item.get(_T_DESCRIPTION)
        if descriptions is not None and len(descriptions) > 1:
            return False
        for classification in item.get(_T_CLASSIFICATION, ()):
            for code in doc.kids(classification).get(_T_CLASSIFICATION_CODE, ()):
                if code.get("listID") is None:
                    return False
        code, vat, percents, has_id = self.cat_facts[0]
        if not (vat and has_id):
            return False
        rate = CATEGORY_RATES.get(code)  # BR-S-05, BR-Z-05, ...: the rate of the line's category
        if rate is not None:
            if rate == "absent":
                if percents:
                    return False
            else:
                percent = dec(percents[0].text) if percents else None
                if percent is None:
                    return False
                if rate == "positive":
                    if not percent > 0:
                        return False
                elif rate == "zero":
                    if percent != 0:
                        return False
                elif percent < 0:  # non-negative
                    return False
        price = prices[0]
        if _T_ALLOWANCE_CHARGE in price:
            return False
        price_els = price.get(_T_PRICE_AMOUNT)
        if not price_els:
            return False
        price_value = dec(price_els[0].text)
        if price_value is None or price_value < 0:
            return False
        base = ONE
        base_els = price.get(_T_BASE_QUANTITY)
        if base_els:
            base_el = base_els[0]
            base_value = dec(base_el.text)
            if base_value is None or base_value <= 0:
                return False
            base_unit = base_el.get("unitCode")
            if base_unit is not None and base_unit != unit:
                return False
            base = base_value
        quantity = dec(quantity_el.text)
        if quantity is None:
            return False
        # PEPPOL-EN16931-R120 without line allowances or charges
        expected = quantity * (price_value / base)
        return amount - _SLACK <= expected <= amount + _SLACK


def _vat_prefix(doc: Doc, tax_scheme_path: str) -> str | None:
    for scheme in doc.select(doc.root, tax_scheme_path):
        if doc.findtext(scheme, _SCHEME_ID) == "VAT":
            company = doc.findtext(scheme, CBC + "CompanyID")
            if company is not None and company[:2]:
                return norm(company[:2]).upper()
    return None


def _country_of(doc: Doc, party_scheme: str, representative_scheme: str | None, country: str) -> str:
    prefix = _vat_prefix(doc, party_scheme)
    if prefix is None and representative_scheme is not None:
        prefix = _vat_prefix(doc, representative_scheme)
    if prefix is not None:
        return prefix
    code = doc.first(doc.root, country + "/" + CBC + "IdentificationCode")
    if code is not None:
        return norm(code.text).upper()
    return "XX"


_SCHEME_ID = path("cac:TaxScheme", "cbc:ID")


def element_path(el: Element) -> str:
    """The XPath of ``el`` with ``cac:``/``cbc:`` prefixes and 1-based positions among same-named
    siblings, e.g. ``/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount``. The root has no prefix."""
    steps = []
    node: Element | None = el
    while node is not None:
        parent = node.getparent()
        qname = etree.QName(node)
        if parent is None:
            steps.append(qname.localname)
            break
        prefix = PREFIXES.get(qname.namespace or "") or node.prefix
        name = f"{prefix}:{qname.localname}" if prefix else qname.localname
        if isinstance(node.tag, str):
            same = [sibling for sibling in parent.iterchildren(node.tag)]
            if len(same) > 1:
                name += f"[{same.index(node) + 1}]"
        steps.append(name)
        node = parent
    return "/" + "/".join(reversed(steps))
