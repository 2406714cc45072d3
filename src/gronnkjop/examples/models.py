"""The example bank: examples with their results and sources, revisions, readers' tips, the search index.

The bank is shared public content, not tenant data: nothing here has an ``organisation``. Which
organisation's editor created an example is kept in ``created_by_organisation``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    FURNITURE = "mobler", _("Furniture and interior")
    ICT = "ikt", _("ICT")
    BUILDING = "bygg", _("Building and construction")
    WATER = "vann", _("Water and sewage")
    ROADS = "vei", _("Road and snow clearing")
    TRANSPORT = "transport", _("Transport and mobility")
    WASTE = "avfall", _("Waste and recycling")
    FOOD = "mat", _("Food and catering")
    CONSUMABLES = "forbruk", _("Consumables")
    SERVICES = "tjenester", _("Services")
    ENERGY = "energi", _("Energy")
    OTHER = "annet", _("Other")


class SuccessFactor(models.TextChoices):
    """The five success factors of DFØ-notat 2025:01."""

    DIALOGUE = "dialog", _("Dialogue with suppliers")
    SYSTEM = "system", _("The procurement as part of a larger system")
    LEADERSHIP = "ledelse", _("Strategy anchored in leadership")
    INCENTIVES = "insentiver", _("Contract incentives")
    FOLLOW_UP = "oppfolging", _("Smart contract follow-up")


class UffLevel(models.TextChoices):
    AVOID = "unnga", _("Avoid")
    SHIFT = "flytt", _("Shift")
    IMPROVE = "forbedre", _("Improve")


class Procedure(models.TextChoices):
    OPEN = "apen", _("Open competition")
    NEGOTIATION = "forhandling", _("Competition with negotiation")
    DIALOGUE = "dialog", _("Competitive dialogue")
    INNOVATION_PARTNERSHIP = "innovasjonspartnerskap", _("Innovation partnership")
    RD_EXEMPTION = "fou", _("R&D exemption")
    DESIGN_CONTEST = "plan_design", _("Plan and design contest")
    FRAMEWORK = "rammeavtale", _("Framework agreement")
    COLLABORATIVE = "samspill", _("Collaborative contract")
    OTHER = "annen", _("Other procedure")


class County(models.TextChoices):
    """Norway's counties from 2024, the whole country (state-wide agreements) and abroad."""

    AGDER = "agder", "Agder"
    AKERSHUS = "akershus", "Akershus"
    BUSKERUD = "buskerud", "Buskerud"
    FINNMARK = "finnmark", "Finnmark"
    INNLANDET = "innlandet", "Innlandet"
    MORE_OG_ROMSDAL = "more-og-romsdal", "Møre og Romsdal"
    NORDLAND = "nordland", "Nordland"
    OSLO = "oslo", "Oslo"
    ROGALAND = "rogaland", "Rogaland"
    TELEMARK = "telemark", "Telemark"
    TROMS = "troms", "Troms"
    TRONDELAG = "trondelag", "Trøndelag"
    VESTFOLD = "vestfold", "Vestfold"
    VESTLAND = "vestland", "Vestland"
    OSTFOLD = "ostfold", "Østfold"
    NATIONAL = "nasjonal", _("The whole country")
    ABROAD = "utland", _("Abroad")


class ContractStatus(models.TextChoices):
    PLANNED = "planlagt", _("Planned")
    ONGOING = "pagar", _("Ongoing")
    COMPLETED = "avsluttet", _("Completed")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


class Example(models.Model):
    """One example of a sustainable or innovative procurement."""

    slug = models.SlugField(_("address"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    lead = models.TextField(_("lead"), max_length=600, help_text=_("One or two sentences."))
    body = models.TextField(
        _("text"),
        max_length=50_000,
        help_text=_(
            "Markdown with the sections “## Om anskaffelsen”, “## Framgangsmåte” and “## Resultater”."
        ),
    )
    organisations = models.JSONField(_("buying organisations"), default=list, blank=True)
    county = models.CharField(_("county"), max_length=20, choices=County.choices, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    success_factors = models.JSONField(_("success factors"), default=list, blank=True)
    uff_level = models.CharField(_("UFF level"), max_length=10, choices=UffLevel.choices, blank=True)
    procedure = models.CharField(_("procedure"), max_length=30, choices=Procedure.choices, blank=True)
    contract_value = models.DecimalField(
        _("contract value (NOK)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    bidder_count = models.PositiveIntegerField(_("number of bidders"), null=True, blank=True)
    supplier = models.CharField(_("supplier"), max_length=200, blank=True)
    contract_status = models.CharField(
        _("contract status"), max_length=10, choices=ContractStatus.choices, blank=True
    )
    contact_name = models.CharField(_("contact"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    unpublished_reason = models.TextField(_("reason for unpublishing"), max_length=2000, blank=True)
    created = models.DateTimeField(_("created"))
    updated = models.DateTimeField(_("updated"))
    published = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by_organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-published", "slug"]
        verbose_name = _("example")
        verbose_name_plural = _("examples")
        indexes = [models.Index(fields=["status", "published"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED

    def success_factor_labels(self) -> list[str]:
        labels = dict(SuccessFactor.choices)
        return [labels[code] for code in self.success_factors if code in labels]


class ResultKind(models.TextChoices):
    KR_SAVED = "kr", _("Kroner saved")
    CO2E = "co2e", _("Tonnes CO2e avoided")
    WASTE = "avfall", _("Tonnes of waste avoided")
    PERCENT = "prosent", _("Percent")
    TEXT = "tekst", _("Free text")


class KeyResult(models.Model):
    """One key figure of an example: a number of a kind with a short explanation, or free text."""

    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="results")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=ResultKind.choices)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.CharField(_("explanation"), max_length=300)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("key result")

    def __str__(self) -> str:
        return f"{self.value} {self.text}" if self.value is not None else self.text


class Source(models.Model):
    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="sources")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), max_length=500, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("source")

    def __str__(self) -> str:
        return self.title


class Revision(models.Model):
    """A snapshot of an example's content after each change, in the bank's JSON format."""

    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("number"))
    created = models.DateTimeField(_("time"))
    author = models.CharField(_("by"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    snapshot = models.JSONField()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("revision")
        constraints = [models.UniqueConstraint(fields=["example", "number"], name="revision_number_unique")]

    def __str__(self) -> str:
        return f"{self.example_id} #{self.number}"


class TipStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    BECAME_EXAMPLE = "became_example", _("Became an example")
    REJECTED = "rejected", _("Rejected")


class Tip(models.Model):
    """A reader's tip about a procurement that could become an example."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    text = models.TextField(_("tip"), max_length=5000)
    link = models.URLField(_("link"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=TipStatus.choices, default=TipStatus.NEW)
    example = models.ForeignKey(
        Example,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tips",
        verbose_name=_("example"),
    )
    editor_note = models.TextField(_("note from the editors"), blank=True)
    created = models.DateTimeField(_("received"), auto_now_add=True)
    ip_hash = models.CharField(max_length=64, editable=False, db_index=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("tip")
        verbose_name_plural = _("tips")

    def __str__(self) -> str:
        return f"{self.name}: {self.text[:40]}"


class SearchDocument(models.Model):
    """The analysed terms of one example (see ``analysis.py``), matched by the database's full-text
    search: an FTS5 table on SQLite, a GIN-indexed tsvector expression on PostgreSQL."""

    example = models.OneToOneField(Example, on_delete=models.CASCADE, primary_key=True, related_name="search")
    terms = models.TextField()
    indexed = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.example_id}: {self.terms[:40]}"
