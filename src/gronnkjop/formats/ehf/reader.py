"""Read EHF 3 / PEPPOL BIS Billing 3 invoices and credit notes into :mod:`.model` data classes.

:func:`read_invoice` reads one document from a path, bytes or a binary stream;
:func:`iter_documents` reads every document of a file, a folder or a ZIP archive, one
:class:`DocumentResult` per file, without stopping at a bad one.

The reader files every element under its parent in one walk of the tree (a :class:`TreeIndex`,
shared with the validator when both read one tree) and then only looks children up by their
Clark-notation tags: no XPath, no search per value.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath

from lxml import etree

from .. import _xml
from ..errors import FormatError, NotUBLError, NotXMLError, TooLargeError, UnsafeXMLError
from .index import TreeIndex
from .model import (
    Address,
    AllowanceCharge,
    Classification,
    Contact,
    Delivery,
    DocumentReference,
    DocumentType,
    Identifier,
    Invoice,
    InvoiceLine,
    ItemProperty,
    MonetaryTotal,
    Party,
    PaymentMeans,
    Period,
    TaxCategory,
    TaxRegistration,
    TaxSubtotal,
)

NS_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
NS_CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
NS_CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
NS_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"

ROOT_INVOICE = f"{{{NS_INVOICE}}}Invoice"
ROOT_CREDIT_NOTE = f"{{{NS_CREDIT_NOTE}}}CreditNote"

_CAC = "{" + NS_CAC + "}"
_CBC = "{" + NS_CBC + "}"


_T_ID = _CBC + "ID"
_T_NOTE = _CBC + "Note"
_T_NAME = _CBC + "Name"
_T_VALUE = _CBC + "Value"
_T_DESCRIPTION = _CBC + "Description"
_T_LINE_EXTENSION = _CBC + "LineExtensionAmount"
_T_ACCOUNTING_COST = _CBC + "AccountingCost"
_T_LINE_ID = _CBC + "LineID"
_T_PRICE_AMOUNT = _CBC + "PriceAmount"
_T_BASE_QUANTITY = _CBC + "BaseQuantity"
_T_IDENTIFICATION_CODE = _CBC + "IdentificationCode"
_T_ITEM_CLASSIFICATION_CODE = _CBC + "ItemClassificationCode"
_T_ITEM = _CAC + "Item"
_T_PRICE = _CAC + "Price"
_T_ALLOWANCE_CHARGE = _CAC + "AllowanceCharge"
_T_INVOICE_PERIOD = _CAC + "InvoicePeriod"
_T_ORDER_LINE_REFERENCE = _CAC + "OrderLineReference"
_T_DOCUMENT_REFERENCE = _CAC + "DocumentReference"
_T_CLASSIFIED_TAX_CATEGORY = _CAC + "ClassifiedTaxCategory"
_T_SELLERS_ITEM = _CAC + "SellersItemIdentification"
_T_BUYERS_ITEM = _CAC + "BuyersItemIdentification"
_T_STANDARD_ITEM = _CAC + "StandardItemIdentification"
_T_COMMODITY_CLASSIFICATION = _CAC + "CommodityClassification"
_T_ORIGIN_COUNTRY = _CAC + "OriginCountry"
_T_ADDITIONAL_ITEM_PROPERTY = _CAC + "AdditionalItemProperty"

#: Shared TaxCategory objects by the texts of their element (bounded).
_TAX_CATEGORIES: dict[tuple, TaxCategory] = {}
#: Decimal values (immutable) of recently read texts: amounts, prices and quantities repeat (bounded).
_DECIMALS: dict[str, Decimal] = {}


_T_TAX_SCHEME = _CAC + "TaxScheme"
_T_PERCENT = _CBC + "Percent"
_T_EXEMPTION_CODE = _CBC + "TaxExemptionReasonCode"
_T_EXEMPTION = _CBC + "TaxExemptionReason"


def _raw(kids: dict, tag: str) -> str | None:
    """The text of the first child ``tag`` as it stands (None when absent or empty)."""
    found = kids.get(tag)
    return found[0].text if found else None


def _strip(text: str | None) -> str | None:
    if text is None:
        return None
    return text.strip() or None


def _detect(root: etree._Element, name: str | None) -> DocumentType:
    tag = root.tag
    if tag == ROOT_INVOICE:
        return "Invoice"
    if tag == ROOT_CREDIT_NOTE:
        return "CreditNote"
    if not isinstance(tag, str):
        raise NotUBLError(
            "the document has no element root",
            file=name,
            line=1,
            reason_nb="dokumentet har ikke noe rotelement",
        )
    qname = etree.QName(tag)
    if qname.localname in ("Invoice", "CreditNote"):
        expected = NS_INVOICE if qname.localname == "Invoice" else NS_CREDIT_NOTE
        raise NotUBLError(
            f"root element {qname.localname} is in namespace {qname.namespace or '(none)'!r}, "
            f"expected {expected!r}",
            file=name,
            line=root.sourceline,
            reason_nb=f"rotelementet {qname.localname} har feil navnerom "
            f"({qname.namespace or 'intet'!r}, skal være {expected!r})",
        )
    raise NotUBLError(
        f"root element {qname.localname!r} (namespace {qname.namespace or '(none)'!r}) is not a UBL "
        "Invoice or CreditNote",
        file=name,
        line=root.sourceline,
        reason_nb=f"filen er ikke en EHF-faktura eller -kreditnota: rotelementet er {qname.localname!r}",
    )


def document_type(root: etree._Element, name: str | None = None) -> DocumentType:
    """``"Invoice"`` or ``"CreditNote"`` for a parsed root element; raises :class:`NotUBLError`."""
    return _detect(root, name)


# --- small helpers ---------------------------------------------------------------------------------


class _Reader:
    """Converts elements to model objects; carries the file name for error messages."""

    __slots__ = ("children", "kids", "name")

    def __init__(self, name: str | None, index: TreeIndex | None = None) -> None:
        self.name = name
        if index is None:
            index = TreeIndex()
        #: ``kids(el)``: the children of ``el`` by tag (see :class:`TreeIndex`; comments and
        #: processing instructions sit under non-string keys, which no lookup here uses)
        self.kids = index.__getitem__
        self.children = index

    @staticmethod
    def text(kids: dict, tag: str) -> str | None:
        found = kids.get(tag)
        if not found:
            return None
        value = found[0].text
        if value is None:
            return None
        value = value.strip()
        return value or None

    def required(self, kids: dict, tag: str, parent: etree._Element) -> str:
        value = self.text(kids, tag)
        if value is None:
            raise FormatError(
                f"{_short(parent.tag)} has no {_short(tag)}",
                file=self.name,
                line=parent.sourceline,
                reason_nb=f"{_short(parent.tag)} mangler {_short(tag)}",
            )
        return value

    def decimal_el(self, el: etree._Element) -> Decimal:
        text = el.text
        value = _DECIMALS.get(text)  # type: ignore[arg-type]
        if value is not None:
            return value
        raw = (text or "").strip()
        try:
            value = Decimal(raw)
        except InvalidOperation:
            value = None
        if value is not None and value.is_finite():
            if len(_DECIMALS) >= 4096:
                _DECIMALS.clear()
            _DECIMALS[text] = value  # type: ignore[index]
            return value
        raise FormatError(
            f"{_short(el.tag)}: {raw!r} is not a number",
            file=self.name,
            line=el.sourceline,
            reason_nb=f"{_short(el.tag)}: {raw!r} er ikke et tall",
        )

    def decimal(self, kids: dict, tag: str) -> Decimal | None:
        found = kids.get(tag)
        if not found:
            return None
        if not (found[0].text or "").strip():
            return None
        return self.decimal_el(found[0])

    def required_decimal(self, kids: dict, tag: str, parent: etree._Element) -> Decimal:
        value = self.decimal(kids, tag)
        if value is None:
            raise FormatError(
                f"{_short(parent.tag)} has no {_short(tag)}",
                file=self.name,
                line=parent.sourceline,
                reason_nb=f"{_short(parent.tag)} mangler {_short(tag)}",
            )
        return value

    def date(self, kids: dict, tag: str) -> date | None:
        found = kids.get(tag)
        if not found:
            return None
        raw = (found[0].text or "").strip()
        if not raw:
            return None
        try:
            if len(raw) != 10:
                raise ValueError(raw)
            return date.fromisoformat(raw)
        except ValueError:
            raise FormatError(
                f"{_short(tag)}: {raw!r} is not a date (YYYY-MM-DD)",
                file=self.name,
                line=found[0].sourceline,
                reason_nb=f"{_short(tag)}: {raw!r} er ikke en dato (ÅÅÅÅ-MM-DD)",
            ) from None

    @staticmethod
    def ident(kids: dict, tag: str) -> Identifier | None:
        found = kids.get(tag)
        if not found:
            return None
        el = found[0]
        value = (el.text or "").strip()
        if not value:
            return None
        return Identifier(value, el.get("schemeID"))

    @staticmethod
    def first(kids: dict, tag: str) -> etree._Element | None:
        found = kids.get(tag)
        return found[0] if found else None

    # --- aggregates ---------------------------------------------------------------------------------

    def address(self, el: etree._Element | None) -> Address | None:
        if el is None:
            return None
        k = self.kids(el)
        country = self.first(k, _CAC + "Country")
        line = self.first(k, _CAC + "AddressLine")
        return Address(
            street=self.text(k, _CBC + "StreetName"),
            additional_street=self.text(k, _CBC + "AdditionalStreetName"),
            city=self.text(k, _CBC + "CityName"),
            postal_zone=self.text(k, _CBC + "PostalZone"),
            country_subentity=self.text(k, _CBC + "CountrySubentity"),
            address_line=self.text(self.kids(line), _CBC + "Line") if line is not None else None,
            country=self.text(self.kids(country), _CBC + "IdentificationCode")
            if country is not None
            else None,
        )

    def party(self, el: etree._Element | None) -> Party | None:
        if el is None:
            return None
        k = self.kids(el)
        identifications = []
        for pid in k.get(_CAC + "PartyIdentification", ()):
            ident = self.ident(self.kids(pid), _CBC + "ID")
            if ident is not None:
                identifications.append(ident)
        trading_name = None
        party_name = self.first(k, _CAC + "PartyName")
        if party_name is not None:
            trading_name = self.text(self.kids(party_name), _CBC + "Name")
        registrations = []
        for pts in k.get(_CAC + "PartyTaxScheme", ()):
            pk = self.kids(pts)
            company_id = self.text(pk, _CBC + "CompanyID")
            scheme_el = self.first(pk, _CAC + "TaxScheme")
            scheme = self.text(self.kids(scheme_el), _CBC + "ID") if scheme_el is not None else None
            if company_id is not None:
                registrations.append(TaxRegistration(company_id, scheme or "VAT"))
        legal_name = legal_id = legal_form = None
        legal = self.first(k, _CAC + "PartyLegalEntity")
        if legal is not None:
            lk = self.kids(legal)
            legal_name = self.text(lk, _CBC + "RegistrationName")
            legal_id = self.ident(lk, _CBC + "CompanyID")
            legal_form = self.text(lk, _CBC + "CompanyLegalForm")
        contact = None
        contact_el = self.first(k, _CAC + "Contact")
        if contact_el is not None:
            ck = self.kids(contact_el)
            contact = Contact(
                name=self.text(ck, _CBC + "Name"),
                telephone=self.text(ck, _CBC + "Telephone"),
                email=self.text(ck, _CBC + "ElectronicMail"),
            )
        return Party(
            legal_name=legal_name,
            endpoint=self.ident(k, _CBC + "EndpointID"),
            identifications=tuple(identifications),
            trading_name=trading_name,
            address=self.address(self.first(k, _CAC + "PostalAddress")),
            tax_registrations=tuple(registrations),
            legal_id=legal_id,
            legal_form=legal_form,
            contact=contact,
        )

    def wrapped_party(self, el: etree._Element | None) -> Party | None:
        """The ``cac:Party`` inside ``cac:AccountingSupplierParty`` / ``AccountingCustomerParty``."""
        if el is None:
            return None
        return self.party(self.first(self.kids(el), _CAC + "Party"))

    def period(self, el: etree._Element | None) -> Period | None:
        if el is None:
            return None
        k = self.kids(el)
        return Period(
            start=self.date(k, _CBC + "StartDate"),
            end=self.date(k, _CBC + "EndDate"),
            description_code=self.text(k, _CBC + "DescriptionCode"),
        )

    def reference_id(self, el: etree._Element | None) -> str | None:
        if el is None:
            return None
        return self.text(self.kids(el), _CBC + "ID")

    def document_reference(self, el: etree._Element) -> DocumentReference | None:
        k = self.kids(el)
        ident = self.ident(k, _CBC + "ID")
        if ident is None:
            return None
        mime = filename = content = uri = None
        attachment = self.first(k, _CAC + "Attachment")
        if attachment is not None:
            ak = self.kids(attachment)
            embedded = self.first(ak, _CBC + "EmbeddedDocumentBinaryObject")
            if embedded is not None:
                mime = embedded.get("mimeCode")
                filename = embedded.get("filename")
                content = (embedded.text or "").strip() or None
            external = self.first(ak, _CAC + "ExternalReference")
            if external is not None:
                uri = self.text(self.kids(external), _CBC + "URI")
        return DocumentReference(
            id=ident,
            issue_date=self.date(k, _CBC + "IssueDate"),
            type_code=self.text(k, _CBC + "DocumentTypeCode"),
            description=self.text(k, _CBC + "DocumentDescription"),
            mime_code=mime,
            filename=filename,
            content=content,
            uri=uri,
        )

    def tax_category(self, el: etree._Element | None) -> TaxCategory | None:
        if el is None:
            return None
        # Categories repeat on every line: equal inputs give one shared (immutable) object. The key
        # is the raw text of each child the category is read from (None when absent).
        k = self.kids(el)
        scheme_el = self.first(k, _T_TAX_SCHEME)
        scheme_kids = self.kids(scheme_el) if scheme_el is not None else None
        key = (
            _raw(k, _T_ID),
            _raw(k, _T_PERCENT),
            _raw(k, _T_EXEMPTION_CODE),
            _raw(k, _T_EXEMPTION),
            _raw(scheme_kids, _T_ID) if scheme_kids is not None else None,
        )
        cached = _TAX_CATEGORIES.get(key)
        if cached is not None:
            return cached
        scheme = self.text(scheme_kids, _CBC + "ID") if scheme_kids is not None else None
        category = TaxCategory(
            id=self.text(k, _CBC + "ID") or "",
            percent=self.decimal(k, _CBC + "Percent"),
            exemption_reason_code=self.text(k, _CBC + "TaxExemptionReasonCode"),
            exemption_reason=self.text(k, _CBC + "TaxExemptionReason"),
            tax_scheme=scheme or "VAT",
        )
        if len(_TAX_CATEGORIES) >= 1024:
            _TAX_CATEGORIES.clear()
        _TAX_CATEGORIES[key] = category
        return category

    def allowance_charge(self, el: etree._Element) -> AllowanceCharge:
        k = self.kids(el)
        indicator = (self.text(k, _CBC + "ChargeIndicator") or "").lower()
        if indicator not in ("true", "false", "1", "0"):
            raise FormatError(
                f"cac:AllowanceCharge: ChargeIndicator must be true or false, not {indicator!r}",
                file=self.name,
                line=el.sourceline,
                reason_nb=f"cac:AllowanceCharge: ChargeIndicator må være true eller false, ikke {indicator!r}",
            )
        return AllowanceCharge(
            is_charge=indicator in ("true", "1"),
            amount=self.required_decimal(k, _CBC + "Amount", el),
            reason_code=self.text(k, _CBC + "AllowanceChargeReasonCode"),
            reason=self.text(k, _CBC + "AllowanceChargeReason"),
            percentage=self.decimal(k, _CBC + "MultiplierFactorNumeric"),
            base_amount=self.decimal(k, _CBC + "BaseAmount"),
            tax_category=self.tax_category(self.first(k, _CAC + "TaxCategory")),
        )

    def payment_means(self, el: etree._Element) -> PaymentMeans:
        k = self.kids(el)
        code_el = self.first(k, _CBC + "PaymentMeansCode")
        account = account_name = bank_id = None
        payee_account = self.first(k, _CAC + "PayeeFinancialAccount")
        if payee_account is not None:
            fk = self.kids(payee_account)
            account = self.text(fk, _CBC + "ID")
            account_name = self.text(fk, _CBC + "Name")
            branch = self.first(fk, _CAC + "FinancialInstitutionBranch")
            if branch is not None:
                bank_id = self.text(self.kids(branch), _CBC + "ID")
        card_number = card_network = card_holder = None
        card = self.first(k, _CAC + "CardAccount")
        if card is not None:
            ck = self.kids(card)
            card_number = self.text(ck, _CBC + "PrimaryAccountNumberID")
            card_network = self.text(ck, _CBC + "NetworkID")
            card_holder = self.text(ck, _CBC + "HolderName")
        mandate_id = payer_account = None
        mandate = self.first(k, _CAC + "PaymentMandate")
        if mandate is not None:
            mk = self.kids(mandate)
            mandate_id = self.text(mk, _CBC + "ID")
            payer_account = self.reference_id(self.first(mk, _CAC + "PayerFinancialAccount"))
        return PaymentMeans(
            code=(code_el.text or "").strip() if code_el is not None else "",
            code_name=code_el.get("name") if code_el is not None else None,
            payment_id=self.text(k, _CBC + "PaymentID"),
            account=account,
            account_name=account_name,
            bank_id=bank_id,
            due_date=self.date(k, _CBC + "PaymentDueDate"),
            card_number=card_number,
            card_network=card_network,
            card_holder=card_holder,
            mandate_id=mandate_id,
            payer_account=payer_account,
        )

    def delivery(self, el: etree._Element | None) -> Delivery | None:
        if el is None:
            return None
        k = self.kids(el)
        location_id = address = party_name = None
        location = self.first(k, _CAC + "DeliveryLocation")
        if location is not None:
            lk = self.kids(location)
            location_id = self.ident(lk, _CBC + "ID")
            address = self.address(self.first(lk, _CAC + "Address"))
        party = self.first(k, _CAC + "DeliveryParty")
        if party is not None:
            name_el = self.first(self.kids(party), _CAC + "PartyName")
            if name_el is not None:
                party_name = self.text(self.kids(name_el), _CBC + "Name")
        return Delivery(
            date=self.date(k, _CBC + "ActualDeliveryDate"),
            location_id=location_id,
            address=address,
            party_name=party_name,
        )

    def totals(self, el: etree._Element | None, root: etree._Element) -> MonetaryTotal:
        if el is None:
            raise FormatError(
                "the document has no cac:LegalMonetaryTotal",
                file=self.name,
                line=root.sourceline,
                reason_nb="dokumentet mangler cac:LegalMonetaryTotal",
            )
        k = self.kids(el)
        return MonetaryTotal(
            line_extension=self.required_decimal(k, _CBC + "LineExtensionAmount", el),
            tax_exclusive=self.required_decimal(k, _CBC + "TaxExclusiveAmount", el),
            tax_inclusive=self.required_decimal(k, _CBC + "TaxInclusiveAmount", el),
            payable=self.required_decimal(k, _CBC + "PayableAmount", el),
            allowance_total=self.decimal(k, _CBC + "AllowanceTotalAmount"),
            charge_total=self.decimal(k, _CBC + "ChargeTotalAmount"),
            prepaid=self.decimal(k, _CBC + "PrepaidAmount"),
            payable_rounding=self.decimal(k, _CBC + "PayableRoundingAmount"),
        )

    def line(self, el: etree._Element, quantity_tag: str) -> InvoiceLine:
        """The hot path: the children of the line, its item and its price by tag from the index.
        Where a child repeats, the last counts."""
        kids = self.kids
        get = kids(el).get
        found = get(_T_ID)
        line_id = _strip(found[-1].text) if found else None
        if line_id is None:
            raise FormatError(
                f"{_short(el.tag)} has no cbc:ID",
                file=self.name,
                line=el.sourceline,
                reason_nb=f"{_short(el.tag)} mangler cbc:ID",
            )
        found = get(quantity_tag)
        if not found:
            raise FormatError(
                f"{_short(el.tag)} has no {_short(quantity_tag)}",
                file=self.name,
                line=el.sourceline,
                reason_nb=f"{_short(el.tag)} mangler {_short(quantity_tag)}",
            )
        quantity_el = found[-1]
        found = get(_T_LINE_EXTENSION)
        if not found:
            raise FormatError(
                f"{_short(el.tag)} has no cbc:LineExtensionAmount",
                file=self.name,
                line=el.sourceline,
                reason_nb=f"{_short(el.tag)} mangler cbc:LineExtensionAmount",
            )
        net_el = found[-1]
        found = get(_T_ITEM)
        if not found:
            raise FormatError(
                f"{_short(el.tag)} has no cac:Item",
                file=self.name,
                line=el.sourceline,
                reason_nb=f"{_short(el.tag)} mangler cac:Item",
            )
        item = found[-1]
        found = get(_T_PRICE)
        if not found:
            raise FormatError(
                f"{_short(el.tag)} has no cac:Price",
                file=self.name,
                line=el.sourceline,
                reason_nb=f"{_short(el.tag)} mangler cac:Price",
            )
        price = found[-1]
        acs = get(_T_ALLOWANCE_CHARGE)
        found = get(_T_NOTE)
        note = _strip(found[-1].text) if found else None
        found = get(_T_ACCOUNTING_COST)
        accounting_cost = _strip(found[-1].text) if found else None
        period = order_line = document_reference = document_type_code = None
        for c in get(_T_INVOICE_PERIOD, ()):
            period = self.period(c)
        found = get(_T_ORDER_LINE_REFERENCE)
        if found:
            order_line = self.text(kids(found[-1]), _T_LINE_ID)
        found = get(_T_DOCUMENT_REFERENCE)
        if found:
            dk = kids(found[-1])
            document_reference = self.ident(dk, _T_ID)
            document_type_code = self.text(dk, _CBC + "DocumentTypeCode")

        description = buyers_id = sellers_id = standard_id = origin = tax_category = None
        classifications: list[Classification] = []
        properties: list[ItemProperty] = []
        get = kids(item).get
        found = get(_T_NAME)
        name = _strip(found[-1].text) if found else None
        for c in get(_T_CLASSIFIED_TAX_CATEGORY, ()):
            tax_category = self.tax_category(c)
        found = get(_T_SELLERS_ITEM)
        if found:
            sellers_id = self.text(kids(found[-1]), _T_ID)
        for c in get(_T_COMMODITY_CLASSIFICATION, ()):
            for code_el in kids(c).get(_T_ITEM_CLASSIFICATION_CODE, ()):
                if code := _strip(code_el.text):
                    classifications.append(
                        Classification(code, code_el.get("listID"), code_el.get("listVersionID"))
                    )
        found = get(_T_DESCRIPTION)
        if found:
            description = _strip(found[-1].text)
        found = get(_T_STANDARD_ITEM)
        if found:
            standard_id = self.ident(kids(found[-1]), _T_ID)
        found = get(_T_BUYERS_ITEM)
        if found:
            buyers_id = self.text(kids(found[-1]), _T_ID)
        found = get(_T_ORIGIN_COUNTRY)
        if found:
            origin = self.text(kids(found[-1]), _T_IDENTIFICATION_CODE)
        for c in get(_T_ADDITIONAL_ITEM_PROPERTY, ()):
            pk = kids(c)
            properties.append(ItemProperty(self.text(pk, _T_NAME) or "", self.text(pk, _T_VALUE) or ""))

        get = kids(price).get
        found = get(_T_PRICE_AMOUNT)
        if not found:
            raise FormatError(
                "cac:Price has no cbc:PriceAmount",
                file=self.name,
                line=price.sourceline,
                reason_nb="cac:Price mangler cbc:PriceAmount",
            )
        price_el = found[-1]
        price_allowance = price_base_amount = base_quantity = base_quantity_unit = None
        found = get(_T_ALLOWANCE_CHARGE)
        if found:
            pak = kids(found[-1])
            price_allowance = self.decimal(pak, _CBC + "Amount")
            price_base_amount = self.decimal(pak, _CBC + "BaseAmount")
        found = get(_T_BASE_QUANTITY)
        if found:
            base_quantity_el = found[-1]
            base_quantity_unit = base_quantity_el.get("unitCode")
            if _strip(base_quantity_el.text):
                base_quantity = self.decimal_el(base_quantity_el)
        decimal_el = self.decimal_el
        # Positional, in the order of the InvoiceLine fields (a call with 25 keywords costs a third
        # more on the hot path); test_every_line_field_is_read_into_its_own_place guards the order.
        return InvoiceLine(
            line_id,  # id
            decimal_el(quantity_el),  # quantity
            quantity_el.get("unitCode"),  # unit_code
            decimal_el(net_el),  # net_amount
            name,
            decimal_el(price_el),  # price_amount
            tax_category,
            note,
            accounting_cost,
            period,
            order_line,  # order_line_reference
            document_reference,
            document_type_code,
            tuple(self.allowance_charge(ac) for ac in acs) if acs else (),  # allowance_charges
            description,
            buyers_id,  # buyers_item_id
            sellers_id,  # sellers_item_id
            standard_id,  # standard_item_id
            origin,  # origin_country
            tuple(classifications),
            tuple(properties),
            base_quantity,
            base_quantity_unit,
            price_allowance,
            price_base_amount,
        )

    # --- the document ---------------------------------------------------------------------------------

    def invoice(self, root: etree._Element, doc_type: DocumentType) -> Invoice:
        k = self.kids(root)
        credit = doc_type == "CreditNote"
        type_code = self.text(k, _CBC + ("CreditNoteTypeCode" if credit else "InvoiceTypeCode"))
        issue_date = self.date(k, _CBC + "IssueDate")
        if issue_date is None:
            raise FormatError(
                f"{doc_type} has no cbc:IssueDate",
                file=self.name,
                line=root.sourceline,
                reason_nb=f"{doc_type} mangler cbc:IssueDate",
            )
        supplier = self.wrapped_party(self.first(k, _CAC + "AccountingSupplierParty"))
        buyer = self.wrapped_party(self.first(k, _CAC + "AccountingCustomerParty"))
        if supplier is None:
            raise FormatError(
                f"{doc_type} has no supplier party",
                file=self.name,
                line=root.sourceline,
                reason_nb=f"{doc_type} mangler leverandør (AccountingSupplierParty)",
            )
        if buyer is None:
            raise FormatError(
                f"{doc_type} has no buyer party",
                file=self.name,
                line=root.sourceline,
                reason_nb=f"{doc_type} mangler kjøper (AccountingCustomerParty)",
            )
        order_ref = self.first(k, _CAC + "OrderReference")
        order_reference = sales_order_reference = None
        if order_ref is not None:
            ok = self.kids(order_ref)
            order_reference = self.text(ok, _CBC + "ID")
            sales_order_reference = self.text(ok, _CBC + "SalesOrderID")
        billing = []
        for br in k.get(_CAC + "BillingReference", ()):
            inner = self.first(self.kids(br), _CAC + "InvoiceDocumentReference")
            if inner is not None:
                ref = self.document_reference(inner)
                if ref is not None:
                    billing.append(ref)
        additional = []
        project_reference = self.reference_id(self.first(k, _CAC + "ProjectReference"))
        for adr in k.get(_CAC + "AdditionalDocumentReference", ()):
            ref = self.document_reference(adr)
            if ref is None:
                continue
            if credit and ref.type_code == "50" and project_reference is None:
                # A credit note has no cac:ProjectReference: PEPPOL carries it here with code 50.
                project_reference = ref.id.value
                continue
            additional.append(ref)
        tax_total = tax_total_accounting = None
        subtotals: list[TaxSubtotal] = []
        tax_currency = self.text(k, _CBC + "TaxCurrencyCode")
        document_currency = self.text(k, _CBC + "DocumentCurrencyCode") or ""
        for tt in k.get(_CAC + "TaxTotal", ()):
            tk = self.kids(tt)
            amount_el = self.first(tk, _CBC + "TaxAmount")
            amount = self.decimal_el(amount_el) if amount_el is not None else None
            sub_els = tk.get(_CAC + "TaxSubtotal", ())
            currency = amount_el.get("currencyID") if amount_el is not None else None
            accounting = (not sub_els and currency and currency != document_currency) or (
                not sub_els and tax_total is not None
            )
            if accounting:
                tax_total_accounting = amount
                continue
            tax_total = amount
            for st in sub_els:
                sk = self.kids(st)
                category = self.tax_category(self.first(sk, _CAC + "TaxCategory"))
                subtotals.append(
                    TaxSubtotal(
                        taxable_amount=self.required_decimal(sk, _CBC + "TaxableAmount", st),
                        tax_amount=self.required_decimal(sk, _CBC + "TaxAmount", st),
                        category=category or TaxCategory(""),
                    )
                )
        payment_means = tuple(self.payment_means(pm) for pm in k.get(_CAC + "PaymentMeans", ()))
        due_date = self.date(k, _CBC + "DueDate")
        if due_date is None and credit:
            due_date = next((pm.due_date for pm in payment_means if pm.due_date), None)
        payment_terms = None
        terms = self.first(k, _CAC + "PaymentTerms")
        if terms is not None:
            payment_terms = self.text(self.kids(terms), _CBC + "Note")
        line_tag = _CAC + ("CreditNoteLine" if credit else "InvoiceLine")
        quantity_tag = _CBC + ("CreditedQuantity" if credit else "InvoicedQuantity")
        return Invoice(
            document_type=doc_type,
            number=self.required(k, _CBC + "ID", root),
            issue_date=issue_date,
            type_code=type_code or "",
            currency=document_currency,
            supplier=supplier,
            buyer=buyer,
            totals=self.totals(self.first(k, _CAC + "LegalMonetaryTotal"), root),
            lines=tuple(self.line(line, quantity_tag) for line in k.get(line_tag, ())),
            customization_id=self.text(k, _CBC + "CustomizationID") or "",
            profile_id=self.text(k, _CBC + "ProfileID"),
            due_date=due_date,
            tax_point_date=self.date(k, _CBC + "TaxPointDate"),
            notes=tuple(n.text.strip() for n in k.get(_CBC + "Note", ()) if n.text and n.text.strip()),
            tax_currency=tax_currency,
            accounting_cost=self.text(k, _CBC + "AccountingCost"),
            buyer_reference=self.text(k, _CBC + "BuyerReference"),
            invoice_period=self.period(self.first(k, _CAC + "InvoicePeriod")),
            order_reference=order_reference,
            sales_order_reference=sales_order_reference,
            billing_references=tuple(billing),
            despatch_reference=self.reference_id(self.first(k, _CAC + "DespatchDocumentReference")),
            receipt_reference=self.reference_id(self.first(k, _CAC + "ReceiptDocumentReference")),
            originator_reference=self.reference_id(self.first(k, _CAC + "OriginatorDocumentReference")),
            contract_reference=self.reference_id(self.first(k, _CAC + "ContractDocumentReference")),
            additional_documents=tuple(additional),
            project_reference=project_reference,
            payee=self.party(self.first(k, _CAC + "PayeeParty")),
            tax_representative=self.party(self.first(k, _CAC + "TaxRepresentativeParty")),
            delivery=self.delivery(self.first(k, _CAC + "Delivery")),
            payment_means=payment_means,
            payment_terms=payment_terms,
            allowance_charges=tuple(self.allowance_charge(ac) for ac in k.get(_CAC + "AllowanceCharge", ())),
            tax_total=tax_total,
            tax_subtotals=tuple(subtotals),
            tax_total_accounting=tax_total_accounting,
        )


def _short(tag: str) -> str:
    """``{ns}Name`` as ``cbc:Name`` / ``cac:Name``."""
    if tag.startswith(_CBC):
        return "cbc:" + tag[len(_CBC) :]
    if tag.startswith(_CAC):
        return "cac:" + tag[len(_CAC) :]
    return etree.QName(tag).localname


# --- public API ------------------------------------------------------------------------------------


def invoice_from_tree(
    tree: etree._ElementTree | etree._Element, *, name: str | None = None, index: TreeIndex | None = None
) -> Invoice:
    """Build an :class:`Invoice` from an already parsed tree (lets the validator parse only once).

    ``index``: a :class:`~gronnkjop.formats.ehf.index.TreeIndex` of this tree to share with
    ``validate_tree`` (both then walk the elements once)."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    doc_type = _detect(root, name)
    if index is None:
        index = TreeIndex()
    return _Reader(name, index.fill(root)).invoice(root, doc_type)


def read_invoice(source: _xml.Source, *, name: str | None = None) -> Invoice:
    """Read one EHF invoice or credit note from a path, bytes or a binary stream.

    Raises :class:`NotXMLError`, :class:`UnsafeXMLError`, :class:`TooLargeError` (from the hardened
    parser), :class:`NotUBLError` for XML of another kind, and :class:`FormatError` for a UBL
    document with a missing or unreadable value.
    """
    try:
        tree, _data, source_name = _xml.parse(source)
        return invoice_from_tree(tree, name=name or source_name)
    except FormatError as exc:
        raise exc.at(name) from None


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """The outcome for one file of a folder or archive: an ``invoice``, an ``error``, or ``skipped``
    (a member that is not an XML file, with the reason)."""

    file: str
    invoice: Invoice | None = None
    error: FormatError | None = None
    skipped: str | None = None

    @property
    def ok(self) -> bool:
        return self.invoice is not None


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One file's bytes (or the reason it could not be read) from :func:`iter_raw_documents`."""

    file: str
    data: bytes | None = None
    error: FormatError | None = None
    skipped: str | None = None


#: Default limit for the total expanded size of one ZIP archive (``GRONNKJOP_MAX_ARCHIVE_BYTES``).
DEFAULT_MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024
#: At most this many members are read from one archive.
MAX_ARCHIVE_MEMBERS = 100_000


def max_archive_bytes() -> int:
    value = os.environ.get("GRONNKJOP_MAX_ARCHIVE_BYTES")
    return int(value) if value and value.isdigit() else DEFAULT_MAX_ARCHIVE_BYTES


def _is_xml_name(name: str) -> bool:
    return name.lower().endswith(".xml")


def _unsafe_member(name: str) -> bool:
    if name.startswith(("/", "\\")) or "\\" in name or (len(name) > 1 and name[1] == ":"):
        return True
    return any(part == ".." for part in PurePosixPath(name).parts)


def _iter_zip(path: Path) -> Iterator[RawDocument]:
    label = str(path)
    per_member = _xml.max_document_bytes()
    total_limit = max_archive_bytes()
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        yield RawDocument(
            label,
            error=NotXMLError(
                f"not a readable ZIP archive: {exc}",
                file=label,
                reason_nb="filen er ikke et lesbart ZIP-arkiv",
            ),
        )
        return
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ARCHIVE_MEMBERS:
            yield RawDocument(
                label,
                error=TooLargeError(
                    f"archive has {len(members)} members, above the limit of {MAX_ARCHIVE_MEMBERS}",
                    file=label,
                    reason_nb=f"arkivet har {len(members)} filer, over grensen på {MAX_ARCHIVE_MEMBERS}",
                ),
            )
            return
        total = 0
        for info in members:
            if info.is_dir():
                continue
            member = f"{label}!{info.filename}"
            if _unsafe_member(info.filename):
                yield RawDocument(
                    member,
                    error=UnsafeXMLError(
                        "refused: the member path leaves the archive",
                        file=member,
                        reason_nb="avvist: filstien peker ut av arkivet",
                    ),
                )
                continue
            if not _is_xml_name(info.filename):
                yield RawDocument(member, skipped="not an .xml file")
                continue
            if info.flag_bits & 0x1:
                yield RawDocument(
                    member,
                    error=NotXMLError(
                        "encrypted archive member", file=member, reason_nb="filen i arkivet er kryptert"
                    ),
                )
                continue
            if info.file_size > per_member:
                yield RawDocument(
                    member,
                    error=TooLargeError(
                        f"member expands to {info.file_size} bytes, above the limit of {per_member} bytes",
                        file=member,
                        reason_nb=f"filen pakkes ut til mer enn grensen på {_xml._megabytes(per_member)}",
                    ),
                )
                continue
            if total + info.file_size > total_limit:
                yield RawDocument(
                    member,
                    error=TooLargeError(
                        f"archive expands to more than the limit of {total_limit} bytes",
                        file=member,
                        reason_nb=f"arkivet pakkes ut til mer enn grensen på {_xml._megabytes(total_limit)}",
                    ),
                )
                return
            try:
                with archive.open(info) as stream:
                    # Never trust the declared size: read at most one byte beyond the limit.
                    data = stream.read(min(per_member, total_limit - total) + 1)
            except Exception as exc:  # BadZipFile, OSError, EOFError, zlib.error...: no common base class
                yield RawDocument(
                    member,
                    error=NotXMLError(
                        f"cannot extract member: {exc}",
                        file=member,
                        reason_nb="filen i arkivet kan ikke pakkes ut",
                    ),
                )
                continue
            if len(data) > per_member:
                yield RawDocument(
                    member,
                    error=TooLargeError(
                        f"member expands beyond the limit of {per_member} bytes",
                        file=member,
                        reason_nb=f"filen pakkes ut til mer enn grensen på {_xml._megabytes(per_member)}",
                    ),
                )
                continue
            total += len(data)
            if total > total_limit:
                yield RawDocument(
                    member,
                    error=TooLargeError(
                        f"archive expands beyond the limit of {total_limit} bytes", file=member
                    ),
                )
                return
            yield RawDocument(member, data=data)


def _read_file(path: Path) -> RawDocument:
    label = str(path)
    try:
        data, _name = _xml.read_source(path)
    except FormatError as exc:
        return RawDocument(label, error=exc)
    return RawDocument(label, data=data)


def iter_raw_documents(path: str | os.PathLike) -> Iterator[RawDocument]:
    """Yield the bytes of every document under ``path``: a file, a folder (recursively, ``*.xml``
    files and ``*.zip`` archives in name order) or a ZIP archive. Never raises for one bad file;
    raises :class:`FileNotFoundError` when ``path`` does not exist."""
    root = Path(path)
    if not root.exists():
        raise FileNotFoundError(str(root))
    if root.is_dir():
        for file in sorted(p for p in root.rglob("*") if p.is_file()):
            if any(part.startswith(".") for part in file.relative_to(root).parts):
                continue
            if file.suffix.lower() == ".zip":
                yield from _iter_zip(file)
            elif _is_xml_name(file.name):
                yield _read_file(file)
            else:
                yield RawDocument(str(file), skipped="not an .xml file")
        return
    if root.suffix.lower() == ".zip" or zipfile.is_zipfile(root):
        yield from _iter_zip(root)  # a .zip that is no archive is said to be so, not bad XML
        return
    yield _read_file(root)


def iter_documents(path: str | os.PathLike) -> Iterator[DocumentResult]:
    """Read every invoice under ``path`` (file, folder or ZIP), lazily, one result per file."""
    for raw in iter_raw_documents(path):
        if raw.data is None:
            yield DocumentResult(raw.file, error=raw.error, skipped=raw.skipped)
            continue
        try:
            invoice = read_invoice(raw.data, name=raw.file)
        except FormatError as exc:
            yield DocumentResult(raw.file, error=exc.at(raw.file))
            continue
        yield DocumentResult(raw.file, invoice=invoice)
