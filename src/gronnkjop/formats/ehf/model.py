"""Immutable data classes for an EHF 3 / PEPPOL BIS Billing 3 invoice or credit note.

Every amount and quantity is a :class:`~decimal.Decimal`, every date a :class:`datetime.date`.
Nothing here knows about XML: :mod:`.reader` fills these classes and :mod:`.writer` turns them back
into UBL 2.1. Amounts are stored as written in the document (a credit note's amounts are positive,
as UBL writes them); :attr:`Invoice.sign` and :meth:`Invoice.signed` give them their bookkeeping sign.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

DocumentType = Literal["Invoice", "CreditNote"]

#: The PEPPOL BIS Billing 3.0 customization and profile ids the writer uses by default.
CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"

#: ICD / EAS scheme of the Norwegian organisation number (Enhetsregisteret).
ORGNR_SCHEME = "0192"
#: ICD scheme of a GTIN.
GTIN_SCHEME = "0160"


@dataclass(frozen=True, slots=True)
class Identifier:
    """An identifier with its optional scheme (``schemeID``), e.g. ``Identifier("987654325", "0192")``."""

    value: str
    scheme: str | None = None

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Address:
    street: str | None = None
    additional_street: str | None = None
    city: str | None = None
    postal_zone: str | None = None
    country_subentity: str | None = None
    address_line: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    name: str | None = None
    telephone: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class TaxRegistration:
    """A ``cac:PartyTaxScheme``: ``company_id`` under ``tax_scheme`` (``VAT``, or ``TAX`` for the
    Norwegian "Foretaksregisteret" statement)."""

    company_id: str
    tax_scheme: str = "VAT"


@dataclass(frozen=True, slots=True)
class Party:
    """A supplier, buyer, payee or tax representative. Fields a role does not use stay ``None``."""

    legal_name: str | None = None
    endpoint: Identifier | None = None
    identifications: tuple[Identifier, ...] = ()
    trading_name: str | None = None
    address: Address | None = None
    tax_registrations: tuple[TaxRegistration, ...] = ()
    legal_id: Identifier | None = None
    legal_form: str | None = None
    contact: Contact | None = None

    @property
    def name(self) -> str | None:
        """The legal name, or the trading name when there is none."""
        return self.legal_name or self.trading_name

    @property
    def vat_id(self) -> str | None:
        """The VAT identifier (``NO987654325MVA`` for a Norwegian party), if any."""
        for reg in self.tax_registrations:
            if reg.tax_scheme == "VAT":
                return reg.company_id
        return None

    @property
    def organisation_number(self) -> str | None:
        """The Norwegian organisation number: the legal id or endpoint under scheme 0192, else a
        nine-digit legal id without scheme of a Norwegian party."""
        for ident in (self.legal_id, self.endpoint, *self.identifications):
            if ident is not None and ident.scheme == ORGNR_SCHEME:
                return ident.value
        legal = self.legal_id
        if (
            legal is not None
            and legal.scheme is None
            and len(legal.value) == 9
            and legal.value.isdigit()
            and self.address is not None
            and self.address.country == "NO"
        ):
            return legal.value
        return None


@dataclass(frozen=True, slots=True)
class Period:
    start: date | None = None
    end: date | None = None
    description_code: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentReference:
    """A referenced document (``cac:AdditionalDocumentReference`` or a billing reference).

    For an attachment, ``content`` is the base64 text of ``cbc:EmbeddedDocumentBinaryObject``
    (kept as text, never decoded here) and ``uri`` the external reference.
    """

    id: Identifier
    issue_date: date | None = None
    type_code: str | None = None
    description: str | None = None
    mime_code: str | None = None
    filename: str | None = None
    content: str | None = None
    uri: str | None = None


@dataclass(frozen=True, slots=True)
class Delivery:
    date: date | None = None
    location_id: Identifier | None = None
    address: Address | None = None
    party_name: str | None = None


@dataclass(frozen=True, slots=True)
class PaymentMeans:
    """How to pay. For a Norwegian credit transfer: ``code`` 30 (or 58 for SEPA), ``account`` the
    bank account number and ``payment_id`` the KID."""

    code: str
    code_name: str | None = None
    payment_id: str | None = None
    account: str | None = None
    account_name: str | None = None
    bank_id: str | None = None
    due_date: date | None = None
    card_number: str | None = None
    card_network: str | None = None
    card_holder: str | None = None
    mandate_id: str | None = None
    payer_account: str | None = None

    @property
    def kid(self) -> str | None:
        """The Norwegian KID is carried as the payment id."""
        return self.payment_id


@dataclass(frozen=True, slots=True)
class TaxCategory:
    """A VAT category (UNCL5305 code, e.g. ``S``, ``Z``, ``E``) and its rate in percent."""

    id: str
    percent: Decimal | None = None
    exemption_reason_code: str | None = None
    exemption_reason: str | None = None
    tax_scheme: str = "VAT"


@dataclass(frozen=True, slots=True)
class AllowanceCharge:
    """A document- or line-level allowance (``is_charge`` false) or charge.

    ``percentage`` is ``cbc:MultiplierFactorNumeric`` and ``base_amount`` the amount it applies to.
    ``tax_category`` is set on document level only.
    """

    is_charge: bool
    amount: Decimal
    reason_code: str | None = None
    reason: str | None = None
    percentage: Decimal | None = None
    base_amount: Decimal | None = None
    tax_category: TaxCategory | None = None


@dataclass(frozen=True, slots=True)
class TaxSubtotal:
    taxable_amount: Decimal
    tax_amount: Decimal
    category: TaxCategory

    @property
    def category_id(self) -> str:
        return self.category.id

    @property
    def percent(self) -> Decimal | None:
        return self.category.percent


@dataclass(frozen=True, slots=True)
class MonetaryTotal:
    """``cac:LegalMonetaryTotal``."""

    line_extension: Decimal
    tax_exclusive: Decimal
    tax_inclusive: Decimal
    payable: Decimal
    allowance_total: Decimal | None = None
    charge_total: Decimal | None = None
    prepaid: Decimal | None = None
    payable_rounding: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Classification:
    """An item classification code with its list (``STI`` = CPV, ``TST`` = UNSPSC, UNCL7143)."""

    code: str
    list_id: str | None = None
    list_version_id: str | None = None


@dataclass(frozen=True, slots=True)
class ItemProperty:
    name: str
    value: str


@dataclass(frozen=True, slots=True)
class InvoiceLine:
    """One invoice or credit note line.

    ``price_amount`` is the item *net* price (BT-146); a price discount (BT-147) is
    ``price_allowance`` and the gross price it was taken from (BT-148) ``price_base_amount``.
    """

    id: str
    quantity: Decimal
    unit_code: str | None
    net_amount: Decimal
    name: str | None
    price_amount: Decimal
    tax_category: TaxCategory | None = None
    note: str | None = None
    accounting_cost: str | None = None
    period: Period | None = None
    order_line_reference: str | None = None
    document_reference: Identifier | None = None
    document_type_code: str | None = None
    allowance_charges: tuple[AllowanceCharge, ...] = ()
    description: str | None = None
    buyers_item_id: str | None = None
    sellers_item_id: str | None = None
    standard_item_id: Identifier | None = None
    origin_country: str | None = None
    classifications: tuple[Classification, ...] = ()
    properties: tuple[ItemProperty, ...] = ()
    base_quantity: Decimal | None = None
    base_quantity_unit: str | None = None
    price_allowance: Decimal | None = None
    price_base_amount: Decimal | None = None

    @property
    def vat_category(self) -> str | None:
        return self.tax_category.id if self.tax_category else None

    @property
    def vat_rate(self) -> Decimal | None:
        return self.tax_category.percent if self.tax_category else None

    @property
    def gtin(self) -> str | None:
        """The standard item id when its scheme is GTIN (0160)."""
        ident = self.standard_item_id
        return ident.value if ident is not None and ident.scheme == GTIN_SCHEME else None

    @property
    def net_unit_price(self) -> Decimal:
        """Net price per one unit of ``unit_code``: price amount / base quantity.

        UBL's ``cbc:PriceAmount`` is already net of the price discount (BT-146 = BT-148 - BT-147),
        so the discount is not subtracted again.
        """
        base = self.base_quantity
        return self.price_amount / base if base else self.price_amount

    @property
    def gross_unit_price(self) -> Decimal:
        """Gross price per unit before the price discount (falls back to the net price)."""
        gross = self.price_base_amount
        if gross is None:
            gross = self.price_amount + (self.price_allowance or Decimal(0))
        base = self.base_quantity
        return gross / base if base else gross

    def codes(self, list_id: str) -> tuple[str, ...]:
        """Classification codes of one list, e.g. ``line.codes("STI")`` for CPV codes."""
        return tuple(c.code for c in self.classifications if c.list_id == list_id)

    @property
    def cpv_codes(self) -> tuple[str, ...]:
        return self.codes("STI")


@dataclass(frozen=True, slots=True)
class Invoice:
    """An EHF invoice or credit note (``document_type``)."""

    document_type: DocumentType
    number: str
    issue_date: date
    type_code: str
    currency: str
    supplier: Party
    buyer: Party
    totals: MonetaryTotal
    lines: tuple[InvoiceLine, ...]
    customization_id: str = CUSTOMIZATION_ID
    profile_id: str | None = PROFILE_ID
    due_date: date | None = None
    tax_point_date: date | None = None
    notes: tuple[str, ...] = ()
    tax_currency: str | None = None
    accounting_cost: str | None = None
    buyer_reference: str | None = None
    invoice_period: Period | None = None
    order_reference: str | None = None
    sales_order_reference: str | None = None
    billing_references: tuple[DocumentReference, ...] = ()
    despatch_reference: str | None = None
    receipt_reference: str | None = None
    originator_reference: str | None = None
    contract_reference: str | None = None
    additional_documents: tuple[DocumentReference, ...] = ()
    project_reference: str | None = None
    payee: Party | None = None
    tax_representative: Party | None = None
    delivery: Delivery | None = None
    payment_means: tuple[PaymentMeans, ...] = ()
    payment_terms: str | None = None
    allowance_charges: tuple[AllowanceCharge, ...] = ()
    tax_total: Decimal | None = None
    tax_subtotals: tuple[TaxSubtotal, ...] = ()
    tax_total_accounting: Decimal | None = None

    @property
    def is_credit(self) -> bool:
        """True for a credit note: its amounts reduce what the buyer owes."""
        return self.document_type == "CreditNote"

    @property
    def sign(self) -> int:
        """-1 for a credit note, 1 for an invoice."""
        return -1 if self.document_type == "CreditNote" else 1

    def signed(self, amount: Decimal) -> Decimal:
        """``amount`` with the bookkeeping sign of this document (negated for a credit note)."""
        return -amount if self.document_type == "CreditNote" else amount

    @property
    def preceding_invoice(self) -> str | None:
        """The number of the invoice a credit note corrects (first billing reference)."""
        return self.billing_references[0].id.value if self.billing_references else None

    @property
    def kid(self) -> str | None:
        for means in self.payment_means:
            if means.payment_id:
                return means.payment_id
        return None

    @property
    def account(self) -> str | None:
        for means in self.payment_means:
            if means.account:
                return means.account
        return None

    @property
    def allowances(self) -> tuple[AllowanceCharge, ...]:
        return tuple(ac for ac in self.allowance_charges if not ac.is_charge)

    @property
    def charges(self) -> tuple[AllowanceCharge, ...]:
        return tuple(ac for ac in self.allowance_charges if ac.is_charge)
