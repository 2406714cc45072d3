"""Invoices, ledger lines, control runs, deviations, refund claims and documented gains.

Money is ``Decimal`` NOK. An invoice's amounts are stored as written in the document (positive for a
credit note too); ``is_credit`` and :meth:`Invoice.signed` give the bookkeeping sign.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from simple_history.models import HistoricalRecords

from gronnkjop.contracts.models import Contract
from gronnkjop.core.i18n import shown_text
from gronnkjop.core.models import Organisation


class ImportKind(models.TextChoices):
    EHF = "ehf", _("EHF invoices")
    SAFT = "saft", _("SAF-T ledger")
    LEDGER_CSV = "ledger_csv", _("Ledger lines (CSV/XLSX)")
    CONTRACTS = "contracts", _("Contracts")
    PRICE_LIST = "pricelist", _("Price list")


class ImportBatch(models.Model):
    """One import: who, when, from which file(s), and what came of it (the audit trail)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="import_batches")
    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    source = models.CharField(_("source"), max_length=500, help_text=_("File or folder names."))
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    imported = models.PositiveIntegerField(_("imported"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created:%d.%m.%Y %H:%M}"


class MatchHow(models.TextChoices):
    REFERENCE = "reference", _("Contract reference")
    ORDER = "order", _("Order reference")
    INFERRED = "inferred", _("Inferred from supplier and category")


class Invoice(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invoices")
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="invoices"
    )
    supplier = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supplier_invoices",
        verbose_name=_("supplier"),
    )
    supplier_orgnr = models.CharField(_("supplier's organisation number"), max_length=20, blank=True)
    supplier_name = models.CharField(_("supplier's name"), max_length=300, blank=True)
    is_credit = models.BooleanField(_("credit note"), default=False)
    number = models.CharField(_("invoice number"), max_length=100)
    issue_date = models.DateField(_("issue date"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="NOK")
    buyer_reference = models.CharField(_("buyer reference"), max_length=200, blank=True)
    order_reference = models.CharField(_("order reference"), max_length=200, blank=True)
    contract_reference = models.CharField(_("contract reference"), max_length=200, blank=True)
    accounting_cost = models.CharField(_("accounting cost"), max_length=200, blank=True)
    preceding_invoice = models.CharField(_("credited invoice"), max_length=100, blank=True)
    amount_excl_vat = models.DecimalField(_("amount excl. VAT"), max_digits=16, decimal_places=2)
    vat_amount = models.DecimalField(_("VAT"), max_digits=16, decimal_places=2, default=Decimal(0))
    amount_incl_vat = models.DecimalField(_("amount incl. VAT"), max_digits=16, decimal_places=2)
    payable = models.DecimalField(_("amount due"), max_digits=16, decimal_places=2)
    fingerprint = models.CharField(max_length=64, editable=False)
    document_sha256 = models.CharField(max_length=64, editable=False)
    file_name = models.CharField(_("file"), max_length=300, blank=True)
    xml = models.FileField(_("document"), upload_to="invoices/", blank=True)
    contract = models.ForeignKey(
        Contract,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invoices",
        verbose_name=_("contract"),
    )
    match_how = models.CharField(_("matched by"), max_length=20, choices=MatchHow.choices, blank=True)
    imported = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        ordering = ["-issue_date", "-id"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            # A re-send of the same document is skipped; this makes it impossible to store twice.
            models.UniqueConstraint(
                fields=["organisation", "supplier_orgnr", "number", "is_credit", "payable"],
                name="invoice_same_document_once",
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "issue_date"]),
            models.Index(fields=["organisation", "supplier_orgnr", "number"]),
        ]

    def __str__(self) -> str:
        kind = _("Credit note") if self.is_credit else _("Invoice")
        return f"{kind} {self.number}"

    @property
    def sign(self) -> int:
        return -1 if self.is_credit else 1

    def signed(self, amount: Decimal) -> Decimal:
        return -amount if self.is_credit else amount


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    line_id = models.CharField(_("line"), max_length=50)
    article_number = models.CharField(_("article number"), max_length=100, blank=True)
    name = models.CharField(_("item"), max_length=300, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=16, decimal_places=4)
    unit_code = models.CharField(_("unit"), max_length=10, blank=True)
    net_unit_price = models.DecimalField(_("net unit price"), max_digits=18, decimal_places=4)
    net_amount = models.DecimalField(_("net amount"), max_digits=16, decimal_places=2)
    cpv = models.CharField(_("CPV"), max_length=10, blank=True)
    condition = models.CharField(_("condition"), max_length=5, blank=True)
    markup_pct = models.DecimalField(_("markup (%)"), max_digits=8, decimal_places=4, null=True, blank=True)
    markup_base = models.DecimalField(
        _("markup base"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    accounting_cost = models.CharField(_("accounting cost"), max_length=200, blank=True)
    order_line_reference = models.CharField(_("order line"), max_length=100, blank=True)
    vat_category = models.CharField(_("VAT category"), max_length=5, blank=True)
    vat_rate = models.DecimalField(_("VAT rate"), max_digits=6, decimal_places=2, null=True, blank=True)
    contract = models.ForeignKey(
        Contract, on_delete=models.SET_NULL, null=True, blank=True, related_name="invoice_lines"
    )
    match_how = models.CharField(_("matched by"), max_length=20, choices=MatchHow.choices, blank=True)

    class Meta:
        ordering = ["invoice", "id"]
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")

    def __str__(self) -> str:
        return f"{self.invoice.number}/{self.line_id}"


class LedgerSource(models.TextChoices):
    SAFT = "saft", _("SAF-T")
    CSV = "csv", _("CSV/XLSX")


class LedgerLine(models.Model):
    """A general-ledger line (spend that did not arrive as EHF, or all spend from SAF-T)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="ledger_lines")
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="ledger_lines"
    )
    source = models.CharField(_("source"), max_length=10, choices=LedgerSource.choices)
    source_key = models.CharField(
        max_length=200, help_text=_("Identifies the line in its file, for idempotent imports.")
    )
    transaction_id = models.CharField(_("transaction"), max_length=100, blank=True)
    date = models.DateField(_("date"))
    account = models.CharField(_("account"), max_length=20)
    account_description = models.CharField(_("account description"), max_length=300, blank=True)
    grouping_code = models.CharField(_("grouping code (KOSTRA art)"), max_length=20, blank=True)
    supplier_orgnr = models.CharField(_("supplier's organisation number"), max_length=20, blank=True)
    supplier_name = models.CharField(_("supplier"), max_length=300, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)
    amount = models.DecimalField(_("amount (debit − credit)"), max_digits=16, decimal_places=2)
    tax_code = models.CharField(_("tax code"), max_length=20, blank=True)
    unit_code = models.CharField(_("unit (ansvar)"), max_length=40, blank=True)

    class Meta:
        ordering = ["-date", "id"]
        verbose_name = _("ledger line")
        verbose_name_plural = _("ledger lines")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "source", "source_key"], name="ledger_line_once"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.account} {self.amount}"


class ControlRun(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="control_runs")
    started = models.DateTimeField(_("started"), auto_now_add=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    trigger = models.CharField(_("trigger"), max_length=20, default="manual")
    lines_checked = models.PositiveIntegerField(_("lines checked"), default=0)
    invoices_checked = models.PositiveIntegerField(_("invoices checked"), default=0)
    deviations_found = models.PositiveIntegerField(_("deviations found"), default=0)
    new_deviations = models.PositiveIntegerField(_("new deviations"), default=0)

    class Meta:
        ordering = ["-started"]
        verbose_name = _("control run")
        verbose_name_plural = _("control runs")

    def __str__(self) -> str:
        return f"{self.started:%d.%m.%Y %H:%M}"


class DeviationCode(models.TextChoices):
    PRICE_ABOVE_AGREEMENT = "PRICE_ABOVE_AGREEMENT", _("Price above agreement")
    ARTICLE_NOT_IN_PRICE_LIST = "ARTICLE_NOT_IN_PRICE_LIST", _("Article not in the price list")
    MARKUP_ABOVE_AGREEMENT = "MARKUP_ABOVE_AGREEMENT", _("Markup above agreement")
    MISSING_CONTRACT_REFERENCE = "MISSING_CONTRACT_REFERENCE", _("Missing contract reference")
    UNKNOWN_CONTRACT_REFERENCE = "UNKNOWN_CONTRACT_REFERENCE", _("Unknown contract reference")
    OUTSIDE_AGREEMENT = "OUTSIDE_AGREEMENT", _("Purchase outside agreement")
    DUPLICATE_INVOICE = "DUPLICATE_INVOICE", _("Duplicate invoice")
    AFTER_EXPIRY = "AFTER_EXPIRY", _("Invoice after the contract expired")
    OVER_CEILING = "OVER_CEILING", _("Contract ceiling exceeded")
    SMALL_ORDER = "SMALL_ORDER", _("Small order (fee due)")


class DeviationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DISMISSED = "dismissed", _("Dismissed")
    CLAIMED = "claimed", _("In a claim")
    RESOLVED = "resolved", _("No longer found")


class Deviation(models.Model):
    """One finding of the control, kept across runs by its key (code, invoice, line)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="deviations")
    key = models.CharField(max_length=120, editable=False)
    code = models.CharField(_("deviation"), max_length=40, choices=DeviationCode.choices)
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="deviations")
    line = models.ForeignKey(
        InvoiceLine, on_delete=models.CASCADE, null=True, blank=True, related_name="deviations"
    )
    contract = models.ForeignKey(
        Contract, on_delete=models.SET_NULL, null=True, blank=True, related_name="deviations"
    )
    amount_at_stake = models.DecimalField(_("amount at stake"), max_digits=16, decimal_places=2)
    evidence = models.JSONField(_("evidence"), default=dict)
    status = models.CharField(
        _("status"), max_length=20, choices=DeviationStatus.choices, default=DeviationStatus.OPEN
    )
    dismissed_reason = models.TextField(_("reason for dismissal"), blank=True)
    claim = models.ForeignKey(
        "Claim", on_delete=models.SET_NULL, null=True, blank=True, related_name="deviations"
    )
    first_seen = models.ForeignKey(ControlRun, on_delete=models.SET_NULL, null=True, related_name="+")
    last_seen = models.ForeignKey(ControlRun, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(_("found"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-invoice__issue_date", "code", "id"]
        verbose_name = _("deviation")
        verbose_name_plural = _("deviations")
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="deviation_key_unique")]

    def __str__(self) -> str:
        return f"{self.get_code_display()} – {self.invoice}"


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    REFUNDED = "refunded", _("Refunded")
    CREDITED = "credited", _("Settled by credit note")


class Claim(models.Model):
    """A refund claim to one supplier under one contract, built from deviations."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="claims")
    number = models.CharField(_("claim number"), max_length=30)
    supplier = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="claims_received", null=True
    )
    supplier_orgnr = models.CharField(max_length=20, blank=True)
    supplier_name = models.CharField(_("supplier"), max_length=300, blank=True)
    contract = models.ForeignKey(
        Contract, on_delete=models.SET_NULL, null=True, blank=True, related_name="claims"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT
    )
    amount = models.DecimalField(_("amount claimed"), max_digits=16, decimal_places=2, default=Decimal(0))
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_on = models.DateField(_("sent"), null=True, blank=True)
    answered_on = models.DateField(_("answered"), null=True, blank=True)
    refunded_amount = models.DecimalField(
        _("refunded"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    refunded_on = models.DateField(_("refunded on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("refund claim")
        verbose_name_plural = _("refund claims")
        constraints = [models.UniqueConstraint(fields=["organisation", "number"], name="claim_number_unique")]

    def __str__(self) -> str:
        return f"{self.number} {self.supplier_name}"


#: The descriptions of gains the system records (from a refund claim), by key. A gain recorded by hand
#: keeps the description as typed; one of these is stored as its key and parameters and translated when
#: shown, so that every reader sees it in the language of the page (the rendering in the default
#: language, bokmål, is stored in ``description`` too, for search, the history and the admin).
GAIN_DESCRIPTIONS = {
    "refund_claim": gettext_noop("Refund claim %(number)s"),
    "credit_note_claim": gettext_noop("Credit note for claim %(number)s"),
}


class GainKind(models.TextChoices):
    REFUND = "refund", _("Refunded")
    AVOIDED = "avoided", _("Avoided cost")


class Gain(models.Model):
    """A documented gain: money back or a cost avoided, with the claim that proves it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="gains")
    kind = models.CharField(_("kind"), max_length=20, choices=GainKind.choices)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    date = models.DateField(_("date"))
    year = models.PositiveSmallIntegerField(_("year"))
    claim = models.ForeignKey(Claim, on_delete=models.SET_NULL, null=True, blank=True, related_name="gains")
    contract = models.ForeignKey(
        Contract, on_delete=models.SET_NULL, null=True, blank=True, related_name="gains"
    )
    supplier = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    supplier_name = models.CharField(_("supplier"), max_length=300, blank=True)
    description = models.CharField(_("description"), max_length=500)
    #: Set when the system recorded the gain (a key of :data:`GAIN_DESCRIPTIONS`), else "".
    description_key = models.CharField(max_length=40, blank=True, default="", editable=False)
    description_params = models.JSONField(default=dict, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("documented gain")
        verbose_name_plural = _("documented gains")

    def __str__(self) -> str:
        return self.description_display

    @property
    def description_display(self) -> str:
        """The description in the language of the page: a system text translated, a typed one as is."""
        return shown_text(GAIN_DESCRIPTIONS, self.description_key, self.description_params, self.description)
