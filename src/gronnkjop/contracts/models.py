"""Contracts and framework agreements, their suppliers, options, price lists and incentive terms.

Money is ``Decimal`` (NOK, excl. VAT). Percentages are ``Decimal`` percent (``12.5`` = 12.5 %).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gronnkjop.core.models import Organisation


class ContractKind(models.TextChoices):
    CONTRACT = "kontrakt", _("Single contract")
    FRAMEWORK = "rammeavtale", _("Framework agreement")


class ContractStatus(models.TextChoices):
    PLANNED = "planlagt", _("Not started")
    ACTIVE = "aktiv", _("Active")
    EXPIRED = "utlopt", _("Expired")


class Condition(models.TextChoices):
    NEW = "new", _("New")
    USED = "used", _("Used")


class CycleEventKind(models.TextChoices):
    NOTICE = "notice", _("Prepare a new procurement")
    OPTION_DEADLINE = "option_deadline", _("Option deadline")
    EVALUATION = "evaluation", _("Yearly evaluation")
    PRICE_ADJUSTMENT = "price_adjustment", _("Price adjustment")
    EXPIRY = "expiry", _("Contract expires")


class Contract(models.Model):
    """A contract or framework agreement owned by an organisation.

    A joint agreement is owned by a collaboration (``organisation`` is the samarbeid) and may be used
    by its members. The end date including the options taken up is :attr:`effective_end`.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("owner")
    )
    number = models.CharField(_("contract number"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ContractKind.choices, default=ContractKind.CONTRACT
    )
    cpv = models.CharField(
        _("CPV code"), max_length=10, blank=True, help_text=_("E.g. 39100000 for furniture.")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), help_text=_("Without options."))
    estimated_value = models.DecimalField(
        _("estimated value"), max_digits=16, decimal_places=2, default=Decimal(0)
    )
    ceiling = models.DecimalField(_("ceiling"), max_digits=16, decimal_places=2, null=True, blank=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_contracts",
        verbose_name=_("contract manager"),
    )
    # Incentive terms
    price_tolerance_pct = models.DecimalField(
        _("price tolerance (%)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(0),
        help_text=_("Invoiced prices up to this percentage above the agreed price are accepted."),
    )
    markup_new_pct = models.DecimalField(
        _("allowed markup on new materials (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    markup_used_pct = models.DecimalField(
        _("allowed markup on used materials (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    small_order_limit = models.DecimalField(
        _("small-order limit"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Orders below this amount excl. VAT carry the small-order fee."),
    )
    small_order_fee = models.DecimalField(
        _("small-order fee"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    notice_months = models.PositiveSmallIntegerField(
        _("notice before expiry (months)"),
        default=6,
        help_text=_("When to start preparing a new procurement."),
    )
    price_adjustment_date = models.DateField(
        _("next price adjustment"),
        null=True,
        blank=True,
        help_text=_("Yearly date when prices may be indexed."),
    )
    notes = models.TextField(_("notes"), max_length=5000, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="contract_number_unique"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="contract_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def effective_end(self) -> dt.date:
        """The end date including every option that has been taken up."""
        used = [o.new_end_date for o in self.options.all() if o.exercised]
        return max([self.end_date, *used])

    def status_on(self, day: dt.date | None = None) -> str:
        day = day or timezone.localdate()
        if day < self.start_date:
            return ContractStatus.PLANNED
        if day > self.effective_end:
            return ContractStatus.EXPIRED
        return ContractStatus.ACTIVE

    @property
    def status(self) -> str:
        return self.status_on()

    def get_status_display(self) -> str:
        return ContractStatus(self.status).label

    @property
    def cpv_prefix(self) -> str:
        """The CPV code without check digit and trailing zeros: the category a line's CPV must start with."""
        code = self.cpv.split("-")[0]
        return code.rstrip("0") or code


class ContractSupplier(models.Model):
    """A supplier on a contract; a framework agreement may have several, ranked."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="contract_suppliers")
    supplier = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="supplier_contracts",
        limit_choices_to={"kind": "leverandor"},
    )
    rank = models.PositiveSmallIntegerField(_("rank"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["contract", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "supplier"], name="contract_supplier_unique")
        ]
        verbose_name = _("supplier on contract")

    def __str__(self) -> str:
        return f"{self.contract.number}: {self.supplier}"


class ContractOption(models.Model):
    """An option to extend, with the end date it gives; ``exercised`` once it is taken up."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="options")
    new_end_date = models.DateField(_("new end date"))
    deadline = models.DateField(_("deadline to exercise"), null=True, blank=True)
    exercised = models.BooleanField(_("exercised"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["contract", "new_end_date"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return f"{self.contract.number} → {self.new_end_date}"


def contract_document_path(instance: ContractDocument, filename: str) -> str:
    return f"contracts/{instance.contract.organisation_id}/{instance.contract_id}/{filename}"


class ContractDocument(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=contract_document_path)
    uploaded = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        ordering = ["-uploaded"]
        verbose_name = _("document")

    def __str__(self) -> str:
        return self.title


class PriceListItem(models.Model):
    """One agreed unit price (excl. VAT) of an article on a contract, valid in a date range.

    Changing a price is a new row with a new ``valid_from``; the history table keeps every edit.
    """

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="price_items")
    article_number = models.CharField(_("article number"), max_length=80)
    description = models.CharField(_("description"), max_length=300, blank=True)
    unit_code = models.CharField(
        _("unit"), max_length=10, default="EA", help_text=_("UN/ECE Rec 20, e.g. EA, HUR, KGM.")
    )
    unit_price = models.DecimalField(_("unit price excl. VAT"), max_digits=16, decimal_places=4)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    condition = models.CharField(
        _("condition"), max_length=5, choices=Condition.choices, default=Condition.NEW
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["contract", "article_number", "condition", "valid_from"]
        verbose_name = _("price list item")
        verbose_name_plural = _("price list items")
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "article_number", "condition", "valid_from"], name="price_item_unique"
            ),
        ]
        indexes = [models.Index(fields=["contract", "article_number"])]

    def __str__(self) -> str:
        return f"{self.article_number} {self.description}"

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class CallOff(models.Model):
    """A call-off (avrop) or purchase order under a contract: its order number lets an invoice that
    quotes the order, but not the contract, be matched to the contract."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="call_offs")
    order_number = models.CharField(_("order number"), max_length=80)
    ordered_on = models.DateField(_("ordered on"), null=True, blank=True)
    unit = models.ForeignKey(
        "core.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="call_offs",
        verbose_name=_("unit"),
    )
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        ordering = ["contract", "order_number"]
        verbose_name = _("call-off")
        verbose_name_plural = _("call-offs")
        constraints = [models.UniqueConstraint(fields=["contract", "order_number"], name="call_off_unique")]

    def __str__(self) -> str:
        return self.order_number
