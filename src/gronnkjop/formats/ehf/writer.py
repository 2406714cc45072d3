"""Write :class:`~.model.Invoice` objects as PEPPOL BIS Billing 3 UBL 2.1 XML, and build realistic
Norwegian invoices with correct totals.

:func:`write_invoice` emits elements in the order of the UBL 2.1 schema (which differs between
``Invoice`` and ``CreditNote``) and only the elements the model carries, so
``read_invoice(write_invoice(inv)) == inv`` for every invoice the reader produced.

:func:`build_invoice` computes line amounts, VAT subtotals per category and rate and the monetary
totals with ``Decimal`` rounding half-up to two decimals, the way the EN 16931 rules check them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from lxml import etree

from .model import (
    CUSTOMIZATION_ID,
    GTIN_SCHEME,
    ORGNR_SCHEME,
    PROFILE_ID,
    Address,
    AllowanceCharge,
    Classification,
    Contact,
    Delivery,
    DocumentReference,
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
from .reader import NS_CAC, NS_CBC, NS_CREDIT_NOTE, NS_INVOICE

_CAC = "{" + NS_CAC + "}"
_CBC = "{" + NS_CBC + "}"
_NSMAP_INVOICE = {None: NS_INVOICE, "cac": NS_CAC, "cbc": NS_CBC}
_NSMAP_CREDIT_NOTE = {None: NS_CREDIT_NOTE, "cac": NS_CAC, "cbc": NS_CBC}

_Sub = etree.SubElement


def _amount(value: Decimal) -> str:
    """Plain decimal notation, never an exponent."""
    return format(value, "f")


class _Writer:
    __slots__ = ("currency",)

    def __init__(self, currency: str) -> None:
        self.currency = currency

    @staticmethod
    def text(
        parent: etree._Element, tag: str, value: str | None, **attrs: str | None
    ) -> etree._Element | None:
        if value is None:
            return None
        el = _Sub(parent, tag)
        el.text = value
        for key, attr in attrs.items():
            if attr is not None:
                el.set(key, attr)
        return el

    def amount(
        self, parent: etree._Element, tag: str, value: Decimal | None, currency: str | None = None
    ) -> None:
        if value is not None:
            el = _Sub(parent, tag, currencyID=currency or self.currency)
            el.text = _amount(value)

    @staticmethod
    def number(parent: etree._Element, tag: str, value: Decimal | None, **attrs: str | None) -> None:
        if value is not None:
            el = _Sub(parent, tag)
            el.text = _amount(value)
            for key, attr in attrs.items():
                if attr is not None:
                    el.set(key, attr)

    @staticmethod
    def date(parent: etree._Element, tag: str, value: date | None) -> None:
        if value is not None:
            _Sub(parent, tag).text = value.isoformat()

    def ident(self, parent: etree._Element, tag: str, value: Identifier | None) -> None:
        if value is not None:
            self.text(parent, tag, value.value, schemeID=value.scheme)

    def wrapped_id(self, parent: etree._Element, tag: str, value: str | None) -> None:
        if value is not None:
            _Sub(_Sub(parent, tag), _CBC + "ID").text = value

    def address(self, parent: etree._Element, tag: str, address: Address | None) -> None:
        if address is None:
            return
        el = _Sub(parent, tag)
        self.text(el, _CBC + "StreetName", address.street)
        self.text(el, _CBC + "AdditionalStreetName", address.additional_street)
        self.text(el, _CBC + "CityName", address.city)
        self.text(el, _CBC + "PostalZone", address.postal_zone)
        self.text(el, _CBC + "CountrySubentity", address.country_subentity)
        if address.address_line is not None:
            _Sub(_Sub(el, _CAC + "AddressLine"), _CBC + "Line").text = address.address_line
        if address.country is not None:
            _Sub(_Sub(el, _CAC + "Country"), _CBC + "IdentificationCode").text = address.country

    def party(self, parent: etree._Element, tag: str, party: Party | None) -> None:
        if party is None:
            return
        el = _Sub(parent, tag)
        self.ident(el, _CBC + "EndpointID", party.endpoint)
        for ident in party.identifications:
            self.ident(_Sub(el, _CAC + "PartyIdentification"), _CBC + "ID", ident)
        if party.trading_name is not None:
            _Sub(_Sub(el, _CAC + "PartyName"), _CBC + "Name").text = party.trading_name
        self.address(el, _CAC + "PostalAddress", party.address)
        for reg in party.tax_registrations:
            pts = _Sub(el, _CAC + "PartyTaxScheme")
            _Sub(pts, _CBC + "CompanyID").text = reg.company_id
            _Sub(_Sub(pts, _CAC + "TaxScheme"), _CBC + "ID").text = reg.tax_scheme
        if party.legal_name is not None or party.legal_id is not None or party.legal_form is not None:
            legal = _Sub(el, _CAC + "PartyLegalEntity")
            self.text(legal, _CBC + "RegistrationName", party.legal_name)
            self.ident(legal, _CBC + "CompanyID", party.legal_id)
            self.text(legal, _CBC + "CompanyLegalForm", party.legal_form)
        if party.contact is not None:
            contact = _Sub(el, _CAC + "Contact")
            self.text(contact, _CBC + "Name", party.contact.name)
            self.text(contact, _CBC + "Telephone", party.contact.telephone)
            self.text(contact, _CBC + "ElectronicMail", party.contact.email)

    def period(self, parent: etree._Element, period: Period | None) -> None:
        if period is None:
            return
        el = _Sub(parent, _CAC + "InvoicePeriod")
        self.date(el, _CBC + "StartDate", period.start)
        self.date(el, _CBC + "EndDate", period.end)
        self.text(el, _CBC + "DescriptionCode", period.description_code)

    def document_reference(self, parent: etree._Element, tag: str, ref: DocumentReference) -> None:
        el = _Sub(parent, tag)
        self.ident(el, _CBC + "ID", ref.id)
        self.date(el, _CBC + "IssueDate", ref.issue_date)
        self.text(el, _CBC + "DocumentTypeCode", ref.type_code)
        self.text(el, _CBC + "DocumentDescription", ref.description)
        if ref.content is not None or ref.uri is not None or ref.mime_code or ref.filename:
            attachment = _Sub(el, _CAC + "Attachment")
            if ref.content is not None or ref.mime_code or ref.filename:
                self.text(
                    attachment,
                    _CBC + "EmbeddedDocumentBinaryObject",
                    ref.content or "",
                    mimeCode=ref.mime_code,
                    filename=ref.filename,
                )
            if ref.uri is not None:
                _Sub(_Sub(attachment, _CAC + "ExternalReference"), _CBC + "URI").text = ref.uri

    def tax_category(self, parent: etree._Element, tag: str, category: TaxCategory | None) -> None:
        if category is None:
            return
        el = _Sub(parent, tag)
        _Sub(el, _CBC + "ID").text = category.id
        self.number(el, _CBC + "Percent", category.percent)
        self.text(el, _CBC + "TaxExemptionReasonCode", category.exemption_reason_code)
        self.text(el, _CBC + "TaxExemptionReason", category.exemption_reason)
        _Sub(_Sub(el, _CAC + "TaxScheme"), _CBC + "ID").text = category.tax_scheme

    def allowance_charge(self, parent: etree._Element, ac: AllowanceCharge) -> None:
        el = _Sub(parent, _CAC + "AllowanceCharge")
        _Sub(el, _CBC + "ChargeIndicator").text = "true" if ac.is_charge else "false"
        self.text(el, _CBC + "AllowanceChargeReasonCode", ac.reason_code)
        self.text(el, _CBC + "AllowanceChargeReason", ac.reason)
        self.number(el, _CBC + "MultiplierFactorNumeric", ac.percentage)
        self.amount(el, _CBC + "Amount", ac.amount)
        self.amount(el, _CBC + "BaseAmount", ac.base_amount)
        self.tax_category(el, _CAC + "TaxCategory", ac.tax_category)

    def payment_means(self, parent: etree._Element, pm: PaymentMeans, due_date: date | None) -> None:
        el = _Sub(parent, _CAC + "PaymentMeans")
        self.text(el, _CBC + "PaymentMeansCode", pm.code, name=pm.code_name)
        self.date(el, _CBC + "PaymentDueDate", pm.due_date or due_date)
        self.text(el, _CBC + "PaymentID", pm.payment_id)
        if pm.card_number is not None or pm.card_network is not None:
            card = _Sub(el, _CAC + "CardAccount")
            self.text(card, _CBC + "PrimaryAccountNumberID", pm.card_number)
            self.text(card, _CBC + "NetworkID", pm.card_network)
            self.text(card, _CBC + "HolderName", pm.card_holder)
        if pm.account is not None or pm.account_name is not None or pm.bank_id is not None:
            account = _Sub(el, _CAC + "PayeeFinancialAccount")
            self.text(account, _CBC + "ID", pm.account)
            self.text(account, _CBC + "Name", pm.account_name)
            self.wrapped_id(account, _CAC + "FinancialInstitutionBranch", pm.bank_id)
        if pm.mandate_id is not None or pm.payer_account is not None:
            mandate = _Sub(el, _CAC + "PaymentMandate")
            self.text(mandate, _CBC + "ID", pm.mandate_id)
            self.wrapped_id(mandate, _CAC + "PayerFinancialAccount", pm.payer_account)

    def delivery(self, parent: etree._Element, delivery: Delivery | None) -> None:
        if delivery is None:
            return
        el = _Sub(parent, _CAC + "Delivery")
        self.date(el, _CBC + "ActualDeliveryDate", delivery.date)
        if delivery.location_id is not None or delivery.address is not None:
            location = _Sub(el, _CAC + "DeliveryLocation")
            self.ident(location, _CBC + "ID", delivery.location_id)
            self.address(location, _CAC + "Address", delivery.address)
        if delivery.party_name is not None:
            party = _Sub(el, _CAC + "DeliveryParty")
            _Sub(_Sub(party, _CAC + "PartyName"), _CBC + "Name").text = delivery.party_name

    def line(self, parent: etree._Element, line: InvoiceLine, credit: bool) -> None:
        el = _Sub(parent, _CAC + ("CreditNoteLine" if credit else "InvoiceLine"))
        _Sub(el, _CBC + "ID").text = line.id
        self.text(el, _CBC + "Note", line.note)
        self.number(
            el,
            _CBC + ("CreditedQuantity" if credit else "InvoicedQuantity"),
            line.quantity,
            unitCode=line.unit_code,
        )
        self.amount(el, _CBC + "LineExtensionAmount", line.net_amount)
        self.text(el, _CBC + "AccountingCost", line.accounting_cost)
        self.period(el, line.period)
        if line.order_line_reference is not None:
            _Sub(_Sub(el, _CAC + "OrderLineReference"), _CBC + "LineID").text = line.order_line_reference
        if line.document_reference is not None or line.document_type_code is not None:
            ref = _Sub(el, _CAC + "DocumentReference")
            self.ident(ref, _CBC + "ID", line.document_reference)
            self.text(ref, _CBC + "DocumentTypeCode", line.document_type_code)
        for ac in line.allowance_charges:
            self.allowance_charge(el, ac)
        item = _Sub(el, _CAC + "Item")
        self.text(item, _CBC + "Description", line.description)
        self.text(item, _CBC + "Name", line.name)
        self.wrapped_id(item, _CAC + "BuyersItemIdentification", line.buyers_item_id)
        self.wrapped_id(item, _CAC + "SellersItemIdentification", line.sellers_item_id)
        if line.standard_item_id is not None:
            self.ident(_Sub(item, _CAC + "StandardItemIdentification"), _CBC + "ID", line.standard_item_id)
        if line.origin_country is not None:
            _Sub(_Sub(item, _CAC + "OriginCountry"), _CBC + "IdentificationCode").text = line.origin_country
        for cls in line.classifications:
            self.text(
                _Sub(item, _CAC + "CommodityClassification"),
                _CBC + "ItemClassificationCode",
                cls.code,
                listID=cls.list_id,
                listVersionID=cls.list_version_id,
            )
        self.tax_category(item, _CAC + "ClassifiedTaxCategory", line.tax_category)
        for prop in line.properties:
            prop_el = _Sub(item, _CAC + "AdditionalItemProperty")
            _Sub(prop_el, _CBC + "Name").text = prop.name
            _Sub(prop_el, _CBC + "Value").text = prop.value
        price = _Sub(el, _CAC + "Price")
        self.amount(price, _CBC + "PriceAmount", line.price_amount)
        self.number(price, _CBC + "BaseQuantity", line.base_quantity, unitCode=line.base_quantity_unit)
        if line.price_allowance is not None or line.price_base_amount is not None:
            ac = _Sub(price, _CAC + "AllowanceCharge")
            _Sub(ac, _CBC + "ChargeIndicator").text = "false"
            self.amount(
                ac, _CBC + "Amount", line.price_allowance if line.price_allowance is not None else Decimal(0)
            )
            self.amount(ac, _CBC + "BaseAmount", line.price_base_amount)

    def document(self, inv: Invoice) -> etree._Element:
        credit = inv.document_type == "CreditNote"
        root = etree.Element(
            f"{{{NS_CREDIT_NOTE}}}CreditNote" if credit else f"{{{NS_INVOICE}}}Invoice",
            nsmap=_NSMAP_CREDIT_NOTE if credit else _NSMAP_INVOICE,
        )
        text, date_ = self.text, self.date
        text(root, _CBC + "CustomizationID", inv.customization_id)
        text(root, _CBC + "ProfileID", inv.profile_id)
        text(root, _CBC + "ID", inv.number)
        date_(root, _CBC + "IssueDate", inv.issue_date)
        if credit:
            date_(root, _CBC + "TaxPointDate", inv.tax_point_date)
            text(root, _CBC + "CreditNoteTypeCode", inv.type_code)
            for note in inv.notes:
                text(root, _CBC + "Note", note)
        else:
            date_(root, _CBC + "DueDate", inv.due_date)
            text(root, _CBC + "InvoiceTypeCode", inv.type_code)
            for note in inv.notes:
                text(root, _CBC + "Note", note)
            date_(root, _CBC + "TaxPointDate", inv.tax_point_date)
        text(root, _CBC + "DocumentCurrencyCode", inv.currency)
        text(root, _CBC + "TaxCurrencyCode", inv.tax_currency)
        text(root, _CBC + "AccountingCost", inv.accounting_cost)
        text(root, _CBC + "BuyerReference", inv.buyer_reference)
        self.period(root, inv.invoice_period)
        if inv.order_reference is not None or inv.sales_order_reference is not None:
            order = _Sub(root, _CAC + "OrderReference")
            text(order, _CBC + "ID", inv.order_reference if inv.order_reference is not None else "NA")
            text(order, _CBC + "SalesOrderID", inv.sales_order_reference)
        for ref in inv.billing_references:
            self.document_reference(
                _Sub(root, _CAC + "BillingReference"), _CAC + "InvoiceDocumentReference", ref
            )
        self.wrapped_id(root, _CAC + "DespatchDocumentReference", inv.despatch_reference)
        self.wrapped_id(root, _CAC + "ReceiptDocumentReference", inv.receipt_reference)
        if credit:
            self.wrapped_id(root, _CAC + "ContractDocumentReference", inv.contract_reference)
            if inv.project_reference is not None:
                self.document_reference(
                    root,
                    _CAC + "AdditionalDocumentReference",
                    DocumentReference(Identifier(inv.project_reference), type_code="50"),
                )
            for ref in inv.additional_documents:
                self.document_reference(root, _CAC + "AdditionalDocumentReference", ref)
            self.wrapped_id(root, _CAC + "OriginatorDocumentReference", inv.originator_reference)
        else:
            self.wrapped_id(root, _CAC + "OriginatorDocumentReference", inv.originator_reference)
            self.wrapped_id(root, _CAC + "ContractDocumentReference", inv.contract_reference)
            for ref in inv.additional_documents:
                self.document_reference(root, _CAC + "AdditionalDocumentReference", ref)
            self.wrapped_id(root, _CAC + "ProjectReference", inv.project_reference)
        self.party(_Sub(root, _CAC + "AccountingSupplierParty"), _CAC + "Party", inv.supplier)
        self.party(_Sub(root, _CAC + "AccountingCustomerParty"), _CAC + "Party", inv.buyer)
        self.party(root, _CAC + "PayeeParty", inv.payee)
        self.party(root, _CAC + "TaxRepresentativeParty", inv.tax_representative)
        self.delivery(root, inv.delivery)
        # A credit note has no cbc:DueDate: its due date goes into the first payment means.
        pending_due = inv.due_date if credit and not any(pm.due_date for pm in inv.payment_means) else None
        for pm in inv.payment_means:
            self.payment_means(root, pm, pending_due)
            pending_due = None
        if inv.payment_terms is not None:
            _Sub(_Sub(root, _CAC + "PaymentTerms"), _CBC + "Note").text = inv.payment_terms
        for ac in inv.allowance_charges:
            self.allowance_charge(root, ac)
        if inv.tax_total is not None or inv.tax_subtotals:
            tax_total = _Sub(root, _CAC + "TaxTotal")
            tax = inv.tax_total
            if tax is None:
                tax = sum((s.tax_amount for s in inv.tax_subtotals), Decimal(0))
            self.amount(tax_total, _CBC + "TaxAmount", tax)
            for sub in inv.tax_subtotals:
                sub_el = _Sub(tax_total, _CAC + "TaxSubtotal")
                self.amount(sub_el, _CBC + "TaxableAmount", sub.taxable_amount)
                self.amount(sub_el, _CBC + "TaxAmount", sub.tax_amount)
                self.tax_category(sub_el, _CAC + "TaxCategory", sub.category)
        if inv.tax_total_accounting is not None:
            self.amount(
                _Sub(root, _CAC + "TaxTotal"),
                _CBC + "TaxAmount",
                inv.tax_total_accounting,
                currency=inv.tax_currency or inv.currency,
            )
        totals = inv.totals
        lmt = _Sub(root, _CAC + "LegalMonetaryTotal")
        self.amount(lmt, _CBC + "LineExtensionAmount", totals.line_extension)
        self.amount(lmt, _CBC + "TaxExclusiveAmount", totals.tax_exclusive)
        self.amount(lmt, _CBC + "TaxInclusiveAmount", totals.tax_inclusive)
        self.amount(lmt, _CBC + "AllowanceTotalAmount", totals.allowance_total)
        self.amount(lmt, _CBC + "ChargeTotalAmount", totals.charge_total)
        self.amount(lmt, _CBC + "PrepaidAmount", totals.prepaid)
        self.amount(lmt, _CBC + "PayableRoundingAmount", totals.payable_rounding)
        self.amount(lmt, _CBC + "PayableAmount", totals.payable)
        for line in inv.lines:
            self.line(root, line, credit)
        return root


def write_invoice(invoice: Invoice, *, pretty: bool = False) -> bytes:
    """Serialise an invoice or credit note as UBL 2.1 XML (UTF-8, with XML declaration)."""
    root = _Writer(invoice.currency).document(invoice)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=pretty)


# --- building invoices -----------------------------------------------------------------------------

_CENT = Decimal("0.01")
_HUNDRED = Decimal(100)


def round_amount(value: Decimal) -> Decimal:
    """Round to two decimals, half up (as the EN 16931 rules expect)."""
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


#: Exemption reasons the builder writes for categories that require one (BR-E-10, BR-O-10, ...).
_EXEMPTION_REASONS = {
    "E": "Unntatt fra merverdiavgift",
    "O": "Utenfor merverdiavgiftsområdet",
    "AE": "Omvendt avgiftsplikt",
    "K": "Intra-community supply",
    "G": "Export outside the EU",
}


def vat_category(category: str = "S", rate: Decimal | str | int | None = 25) -> TaxCategory:
    """A VAT category for a line or allowance; category ``O`` carries no rate, and categories that
    need an exemption reason get a standard one."""
    if category == "O":
        return TaxCategory("O", None, exemption_reason=_EXEMPTION_REASONS["O"])
    percent = Decimal(0) if category in ("Z", "E", "AE", "K", "G") or rate is None else Decimal(str(rate))
    return TaxCategory(category, percent, exemption_reason=_EXEMPTION_REASONS.get(category))


def norwegian_party(
    *,
    name: str,
    orgnr: str,
    street: str | None = None,
    city: str | None = None,
    postal_zone: str | None = None,
    country: str = "NO",
    vat_registered: bool = True,
    enterprise_register: bool = True,
    contact: Contact | None = None,
    trading_name: str | None = None,
) -> Party:
    """A Norwegian supplier or buyer: endpoint and legal id under scheme 0192, VAT id
    ``NO<orgnr>MVA`` when VAT-registered and the "Foretaksregisteret" statement (NO-R-002)."""
    registrations = []
    if vat_registered:
        registrations.append(TaxRegistration(f"NO{orgnr}MVA", "VAT"))
    if enterprise_register:
        registrations.append(TaxRegistration("Foretaksregisteret", "TAX"))
    return Party(
        legal_name=name,
        endpoint=Identifier(orgnr, ORGNR_SCHEME),
        trading_name=trading_name,
        address=Address(street=street, city=city, postal_zone=postal_zone, country=country),
        tax_registrations=tuple(registrations),
        legal_id=Identifier(orgnr, ORGNR_SCHEME),
        contact=contact,
    )


@dataclass(frozen=True, slots=True)
class LineInput:
    """What :func:`build_invoice` needs to know about one line; amounts are computed from it.

    ``unit_price`` is the net price per ``base_quantity`` units; ``price_discount`` (optional) the
    discount that was taken off a gross price; ``allowance`` a line allowance amount.
    """

    name: str
    quantity: Decimal
    unit_price: Decimal
    unit_code: str = "EA"
    vat_category: str = "S"
    vat_rate: Decimal = Decimal(25)
    base_quantity: Decimal | None = None
    price_discount: Decimal | None = None
    allowance: Decimal | None = None
    allowance_reason: str = "Rabatt"
    charge_percent: Decimal | None = None  # a line charge as a percentage of the line (e.g. a markup)
    charge_reason: str = "Påslag"
    description: str | None = None
    sellers_item_id: str | None = None
    gtin: str | None = None
    classifications: tuple[Classification, ...] = ()
    origin_country: str | None = None
    accounting_cost: str | None = None
    order_line_id: str | None = None
    properties: tuple[ItemProperty, ...] = field(default_factory=tuple)


def build_line(line_id: str, spec: LineInput) -> InvoiceLine:
    """One :class:`InvoiceLine` with its net amount computed (quantity × price / base − allowance)."""
    quantity = Decimal(spec.quantity)
    price = Decimal(spec.unit_price)
    base = spec.base_quantity
    gross = quantity * price / base if base else quantity * price
    allowances: tuple[AllowanceCharge, ...] = ()
    net = round_amount(gross)
    if spec.allowance:
        allowance = round_amount(Decimal(spec.allowance))
        allowances = (AllowanceCharge(False, allowance, reason_code="95", reason=spec.allowance_reason),)
        net -= allowance
    if spec.charge_percent is not None:
        # A percentage charge on the line (UNCL 7161 code "ZZZ", mutually defined): amount = base × % / 100.
        percent = Decimal(spec.charge_percent)
        base_amount = round_amount(gross)
        charge = round_amount(base_amount * percent / 100)
        allowances += (
            AllowanceCharge(
                True,
                charge,
                reason_code="ZZZ",
                reason=spec.charge_reason,
                percentage=percent,
                base_amount=base_amount,
            ),
        )
        net += charge
    return InvoiceLine(
        id=line_id,
        quantity=quantity,
        unit_code=spec.unit_code,
        net_amount=net,
        name=spec.name,
        price_amount=price,
        tax_category=vat_category(spec.vat_category, spec.vat_rate),
        accounting_cost=spec.accounting_cost,
        order_line_reference=spec.order_line_id,
        allowance_charges=allowances,
        description=spec.description,
        sellers_item_id=spec.sellers_item_id,
        standard_item_id=Identifier(spec.gtin, GTIN_SCHEME) if spec.gtin else None,
        origin_country=spec.origin_country,
        classifications=spec.classifications,
        properties=spec.properties,
        base_quantity=base,
        base_quantity_unit=spec.unit_code if base is not None else None,
        price_allowance=spec.price_discount,
        price_base_amount=(price + spec.price_discount) if spec.price_discount is not None else None,
    )


def _category_key(category: TaxCategory) -> tuple[str, Decimal | None]:
    return (category.id, category.percent)


def compute_tax_subtotals(
    lines: Iterable[InvoiceLine], allowance_charges: Iterable[AllowanceCharge] = ()
) -> tuple[TaxSubtotal, ...]:
    """VAT breakdown per category and rate: taxable amount and tax rounded half-up per subtotal."""
    taxable: dict[tuple[str, Decimal | None], Decimal] = {}
    categories: dict[tuple[str, Decimal | None], TaxCategory] = {}
    for line in lines:
        if line.tax_category is None:
            continue
        key = _category_key(line.tax_category)
        taxable[key] = taxable.get(key, Decimal(0)) + line.net_amount
        categories.setdefault(key, line.tax_category)
    for ac in allowance_charges:
        if ac.tax_category is None:
            continue
        key = _category_key(ac.tax_category)
        taxable[key] = taxable.get(key, Decimal(0)) + (ac.amount if ac.is_charge else -ac.amount)
        categories.setdefault(key, ac.tax_category)
    subtotals = []
    for key in sorted(taxable, key=lambda k: (k[0] != "S", k[0], -(k[1] or 0))):
        amount = taxable[key]
        percent = key[1] or Decimal(0)
        category = categories[key]
        subtotals.append(
            TaxSubtotal(
                taxable_amount=round_amount(amount),
                tax_amount=round_amount(amount * percent / _HUNDRED),
                category=TaxCategory(
                    category.id, category.percent, category.exemption_reason_code, category.exemption_reason
                ),
            )
        )
    return tuple(subtotals)


def build_invoice(
    *,
    number: str,
    issue_date: date,
    supplier: Party,
    buyer: Party,
    lines: Sequence[LineInput],
    due_date: date | None = None,
    currency: str = "NOK",
    buyer_reference: str | None = None,
    order_reference: str | None = None,
    contract_reference: str | None = None,
    project_reference: str | None = None,
    accounting_cost: str | None = None,
    note: str | None = None,
    period: Period | None = None,
    delivery_date: date | None = None,
    delivery_address: Address | None = None,
    payment_means_code: str = "30",
    account: str | None = None,
    kid: str | None = None,
    allowance_charges: Sequence[AllowanceCharge] = (),
    prepaid: Decimal | None = None,
    credit_note: bool = False,
    preceding_invoice: str | None = None,
    preceding_invoice_date: date | None = None,
) -> Invoice:
    """Build a complete, consistent PEPPOL BIS 3 invoice (or credit note) with computed totals.

    Document-level ``allowance_charges`` must carry a ``tax_category``. Totals follow BR-CO-10 to
    BR-CO-16; VAT per subtotal is rounded half-up to two decimals.
    """
    built = tuple(build_line(str(i), spec) for i, spec in enumerate(lines, start=1))
    doc_acs = tuple(allowance_charges)
    subtotals = compute_tax_subtotals(built, doc_acs)
    line_extension = sum((line.net_amount for line in built), Decimal("0.00"))
    allowance_total = sum((ac.amount for ac in doc_acs if not ac.is_charge), Decimal("0.00"))
    charge_total = sum((ac.amount for ac in doc_acs if ac.is_charge), Decimal("0.00"))
    tax_exclusive = line_extension - allowance_total + charge_total
    tax = sum((s.tax_amount for s in subtotals), Decimal("0.00"))
    tax_inclusive = tax_exclusive + tax
    payable = tax_inclusive - (prepaid or Decimal(0))
    has_allowances = any(not ac.is_charge for ac in doc_acs)
    has_charges = any(ac.is_charge for ac in doc_acs)
    totals = MonetaryTotal(
        line_extension=line_extension,
        tax_exclusive=tax_exclusive,
        tax_inclusive=tax_inclusive,
        payable=payable,
        allowance_total=allowance_total if has_allowances else None,
        charge_total=charge_total if has_charges else None,
        prepaid=prepaid,
    )
    means = ()
    if account is not None or kid is not None:
        means = (PaymentMeans(payment_means_code, payment_id=kid, account=account),)
    billing = ()
    if preceding_invoice is not None:
        billing = (DocumentReference(Identifier(preceding_invoice), issue_date=preceding_invoice_date),)
    delivery = None
    if delivery_date is not None or delivery_address is not None:
        delivery = Delivery(date=delivery_date, address=delivery_address)
    return Invoice(
        document_type="CreditNote" if credit_note else "Invoice",
        number=number,
        issue_date=issue_date,
        type_code="381" if credit_note else "380",
        currency=currency,
        supplier=supplier,
        buyer=buyer,
        totals=totals,
        lines=built,
        customization_id=CUSTOMIZATION_ID,
        profile_id=PROFILE_ID,
        due_date=due_date,
        notes=(note,) if note else (),
        accounting_cost=accounting_cost,
        buyer_reference=buyer_reference,
        invoice_period=period,
        order_reference=order_reference,
        billing_references=billing,
        contract_reference=contract_reference,
        project_reference=project_reference,
        delivery=delivery,
        payment_means=means,
        allowance_charges=doc_acs,
        tax_total=tax,
        tax_subtotals=subtotals,
    )
