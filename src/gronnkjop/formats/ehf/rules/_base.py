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


def dec(value: str | None) -> Decimal | None:
    """``xs:decimal(value)``: a Decimal, or None when absent or not a plain decimal number."""
    if value is None or not _DECIMAL.match(value):
        return None
    try:
        return Decimal(value.strip())
    except InvalidOperation:  # pragma: no cover - the pattern rules this out
        return None


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


_ALL_ATTRIBUTES = etree.XPath("//@*")


class Doc:
    """Everything the rules share about one document, computed once.

    The constructor walks the tree once, filing every element by tag (:meth:`all` replaces
    ``//tag`` searches) and noting the empty elements and discouraged attributes on the way.
    """

    __slots__ = (
        "_categories",
        "_country",
        "_kids",
        "_line_facts",
        "attributes",
        "by_tag",
        "credit_note_lines",
        "currency",
        "customer",
        "doc_allowance_charges",
        "empty",
        "fired",
        "invoice_lines",
        "is_invoice",
        "kind",
        "line_tag",
        "lines",
        "quantity_tag",
        "root",
        "supplier",
        "tax_currency",
        "tax_totals",
    )

    def __init__(self, root: Element) -> None:
        self.root = root
        self.is_invoice = root.tag == INVOICE_TAG
        self.kind = "Invoice" if self.is_invoice else "CreditNote"
        self.line_tag = CAC + ("InvoiceLine" if self.is_invoice else "CreditNoteLine")
        self.quantity_tag = CBC + ("InvoicedQuantity" if self.is_invoice else "CreditedQuantity")
        # //cac:InvoiceLine and //cac:CreditNoteLine: lines are children of the root in UBL.
        self.invoice_lines = root.findall(CAC + "InvoiceLine")
        self.credit_note_lines = root.findall(CAC + "CreditNoteLine")
        self.lines = self.invoice_lines + self.credit_note_lines
        self.doc_allowance_charges = root.findall(CAC + "AllowanceCharge")
        self.tax_totals = root.findall(CAC + "TaxTotal")
        self.currency = root.findtext(CBC + "DocumentCurrencyCode")
        self.tax_currency = root.findtext(CBC + "TaxCurrencyCode")
        self.supplier = root.find(path("cac:AccountingSupplierParty", "cac:Party"))
        self.customer = root.find(path("cac:AccountingCustomerParty", "cac:Party"))
        self.fired: list[tuple[str, Element]] = []
        self._country: dict[str, str] = {}
        by_tag: dict[str, list[Element]] = {}
        empty: list[Element] = []
        for el in root.iter():
            tag = el.tag
            bucket = by_tag.get(tag)
            if bucket is None:
                by_tag[tag] = [el]
            else:
                bucket.append(el)
            if not len(el):  # a leaf: empty when its text is blank (PEPPOL-EN16931-R008)
                value = el.text
                if (not value or value.isspace()) and tag.__class__ is str:
                    empty.append(el)
        self.by_tag = by_tag
        self.empty = empty
        self.attributes = [
            (attribute.attrname, attribute.getparent())
            for attribute in _ALL_ATTRIBUTES(root)
            if attribute.attrname in DISCOURAGED_ATTRIBUTES
        ]
        self._kids: dict[Element, dict[str, list[Element]]] = {}
        self._line_facts: list[tuple[Element, list[Element], Decimal | None]] | None = None
        self._categories: dict[Element, tuple[str, bool]] = {}

    def category(self, category: Element) -> tuple[str, bool]:
        """(normalized ``cbc:ID``, is the tax scheme VAT?) of a (Classified)TaxCategory, cached."""
        found = self._categories.get(category)
        if found is None:
            found = self._categories[category] = (category_id(category), is_vat_scheme(category))
        return found

    def vat_code(self, category: Element) -> str | None:
        """The category id when the category is a VAT one, else None."""
        code, vat = self.category(category)
        return code if vat else None

    def line_facts(self) -> list[tuple[Element, list[Element], Decimal | None]]:
        """For every line: (line, its item's ClassifiedTaxCategory elements, line net amount)."""
        if self._line_facts is None:
            facts = []
            for line in self.lines:
                get = self.kids(line).get
                categories = [
                    c
                    for item in get(CAC + "Item", ())
                    for c in self.kids(item).get(CAC + "ClassifiedTaxCategory", ())
                ]
                amounts = get(CBC + "LineExtensionAmount")
                facts.append((line, categories, dec_of(amounts[0]) if amounts else None))
            self._line_facts = facts
        return self._line_facts

    def kids(self, el: Element) -> dict[str, list[Element]]:
        """The children of ``el`` by tag (computed once per element)."""
        found = self._kids.get(el)
        if found is None:
            found = {}
            for child in el:
                bucket = found.get(child.tag)
                if bucket is None:
                    found[child.tag] = [child]
                else:
                    bucket.append(child)
            self._kids[el] = found
        return found

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
                self.root,
                path("cac:AccountingSupplierParty", "cac:Party", "cac:PartyTaxScheme"),
                path("cac:TaxRepresentativeParty", "cac:PartyTaxScheme"),
                path("cac:AccountingSupplierParty", "cac:Party", "cac:PostalAddress", "cac:Country"),
            )
        return self._country["supplier"]

    def customer_country(self) -> str:
        """PEPPOL ``$customerCountry``: the buyer VAT prefix, else the buyer address country."""
        if "customer" not in self._country:
            self._country["customer"] = _country_of(
                self.root,
                path("cac:AccountingCustomerParty", "cac:Party", "cac:PartyTaxScheme"),
                None,
                path("cac:AccountingCustomerParty", "cac:Party", "cac:PostalAddress", "cac:Country"),
            )
        return self._country["customer"]


def _vat_prefix(root: Element, tax_scheme_path: str) -> str | None:
    for scheme in root.iterfind(tax_scheme_path):
        if scheme.findtext(path("cac:TaxScheme", "cbc:ID")) == "VAT":
            company = scheme.findtext(CBC + "CompanyID")
            if company is not None and company[:2]:
                return norm(company[:2]).upper()
    return None


def _country_of(root: Element, party_scheme: str, representative_scheme: str | None, country: str) -> str:
    prefix = _vat_prefix(root, party_scheme)
    if prefix is None and representative_scheme is not None:
        prefix = _vat_prefix(root, representative_scheme)
    if prefix is not None:
        return prefix
    code = root.find(country + "/" + CBC + "IdentificationCode")
    if code is not None:
        return norm(code.text).upper()
    return "XX"


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
