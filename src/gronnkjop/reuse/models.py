"""Reusable items, their photos and status history, stores, reservations, savings, the factor table
and the ICT device life cycle."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from gronnkjop.core.i18n import shown_text
from gronnkjop.core.models import Organisation, Unit

from .categories import LEAVES, category_choices

User = settings.AUTH_USER_MODEL
MONEY = {"max_digits": 14, "decimal_places": 2}
KG = {"max_digits": 14, "decimal_places": 3}


# --- texts the system writes -------------------------------------------------------------------------
#
# A text the system writes (a status change's reason, the description of an item that comes from a
# device) is stored as a key and its parameters and translated when it is shown (``reason_display``,
# ``description_display``), so every reader sees it in the language of the page, whoever acted in which
# language. The key is stable; its English source text (the msgid, marked for the catalogue with
# ``gettext_noop``) may be reworded. The rendering in the default language (bokmål) is kept in the text
# field too, for search and the admin. A text typed by a user has no key and is shown exactly as typed.

#: The reasons of status changes the system records, by key.
STATUS_REASONS = {
    "registered": gettext_noop("Registered"),
    "quantity_changed": gettext_noop("Quantity changed"),
    "reserved_by": gettext_noop("Reserved by %(org)s"),
    "reservation_rejected": gettext_noop("Reservation rejected"),
    "reservation_cancelled": gettext_noop("Reservation cancelled"),
    "handed_over_to": gettext_noop("Handed over to %(org)s"),
    "received_from": gettext_noop("Received from %(org)s"),
}

#: The descriptions of items the system registers (an ICT device entering the reuse pool), by key.
ITEM_DESCRIPTIONS = {
    "serial_number": gettext_noop("Serial number %(serial)s"),
}


class Condition(models.TextChoices):
    AS_NEW = "as_new", _("As new")
    GOOD = "good", _("Good")
    USABLE = "usable", _("Usable")
    NEEDS_REPAIR = "needs_repair", _("Needs repair")


class ItemStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    RESERVED = "reserved", _("Reserved")
    HANDED_OVER = "handed_over", _("Handed over")
    IN_USE = "in_use", _("In use")
    REPAIR = "repair", _("For repair")
    RECYCLING = "recycling", _("For recycling")


class Factor(models.Model):
    """One version of the CO2e factor of an item type (or of the per-kg fallback, ``per_kg``).

    Versions are never changed: an edit makes a new version and marks it current, so every saving keeps
    the factor it was computed with.
    """

    item_type = models.SlugField(_("item type"), max_length=60)
    version = models.PositiveIntegerField(_("version"), default=1)
    category = models.CharField(_("category"), max_length=40, choices=category_choices())
    kg_co2e_new = models.DecimalField(_("kg CO2e of a new item"), null=True, blank=True, **KG)
    kg_co2e_saved = models.DecimalField(_("kg CO2e saved by reuse"), null=True, blank=True, **KG)
    basis = models.TextField(_("basis"), max_length=2000, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    current = models.BooleanField(_("current"), default=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["item_type", "-version"]
        verbose_name = _("factor")
        verbose_name_plural = _("factors")
        constraints = [
            models.UniqueConstraint(fields=["item_type", "version"], name="reuse_factor_version_unique"),
            models.UniqueConstraint(
                fields=["item_type"], condition=Q(current=True), name="reuse_factor_one_current"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_type} v{self.version}"

    @property
    def saved_per_unit(self) -> Decimal | None:
        """kg CO2e saved per reused unit: the published saving, else the new item's footprint."""
        return self.kg_co2e_saved if self.kg_co2e_saved is not None else self.kg_co2e_new

    @property
    def is_fallback(self) -> bool:
        from .factor_fixture import PER_KG

        return self.item_type == PER_KG


class ReuseSettings(models.Model):
    """Per-organisation sharing rules."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="reuse_settings")
    share_after_days = models.PositiveIntegerField(
        _("days before sharing with the collaboration"),
        default=14,
        help_text=_("Items no unit of ours has ordered in this many days become visible to our partners."),
    )

    class Meta:
        verbose_name = _("reuse settings")

    def __str__(self) -> str:
        return str(self.organisation)


class Store(models.Model):
    """A reuse store or a site where items are kept, with coordinates for sorting by distance."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reuse_stores")
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("store")
        verbose_name_plural = _("stores")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="reuse_store_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class ReuseItem(models.Model):
    """One record of identical units (``quantity``) owned by an organisation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reuse_items")
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reuse_items",
        verbose_name=_("unit"),
    )
    code = models.CharField(_("code"), max_length=60, help_text=_("The item's code, printed on its label."))
    item_type = models.SlugField(_("item type"), max_length=60, help_text=_("A key of the factor table."))
    category = models.CharField(_("category"), max_length=40, choices=category_choices())
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    #: Set when the system wrote the description (a key of :data:`ITEM_DESCRIPTIONS`), else "".
    description_key = models.CharField(max_length=40, blank=True, default="", editable=False)
    description_params = models.JSONField(default=dict, blank=True, editable=False)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    quantity_available = models.PositiveIntegerField(_("units available"), default=1)
    condition = models.CharField(
        _("condition"), max_length=20, choices=Condition.choices, default=Condition.GOOD
    )
    width_cm = models.DecimalField(_("width (cm)"), max_digits=8, decimal_places=1, null=True, blank=True)
    depth_cm = models.DecimalField(_("depth (cm)"), max_digits=8, decimal_places=1, null=True, blank=True)
    height_cm = models.DecimalField(_("height (cm)"), max_digits=8, decimal_places=1, null=True, blank=True)
    weight_kg = models.DecimalField(_("weight per unit (kg)"), null=True, blank=True, **KG)
    store = models.ForeignKey(
        Store, on_delete=models.SET_NULL, null=True, blank=True, related_name="items", verbose_name=_("store")
    )
    site = models.CharField(_("site or building"), max_length=200, blank=True)
    floor = models.CharField(_("floor"), max_length=40, blank=True)
    room = models.CharField(_("room"), max_length=60, blank=True)
    new_price = models.DecimalField(
        _("price of an equivalent new item (NOK per unit)"), null=True, blank=True, **MONEY
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.AVAILABLE
    )
    available_since = models.DateTimeField(_("available since"), null=True, blank=True)
    share_after_days = models.PositiveIntegerField(
        _("days before sharing with the collaboration"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the organisation's setting; 0 shares at once."),
    )
    collaboration_from = models.DateTimeField(_("shared with the collaboration from"), null=True, blank=True)
    public = models.BooleanField(
        _("show on the public page"), default=False, help_text=_("Anyone, also without log-in, can see it.")
    )
    origin = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("received from"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("reuse item")
        verbose_name_plural = _("reuse items")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="reuse_item_code_unique"),
            models.CheckConstraint(
                condition=Q(quantity_available__lte=F("quantity")), name="reuse_item_available_le_quantity"
            ),
        ]
        indexes = [models.Index(fields=["status", "category"]), models.Index(fields=["collaboration_from"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.code})"

    @property
    def category_label(self):
        return LEAVES.get(self.category, self.category)

    @property
    def location(self) -> str:
        parts = [self.store.name if self.store_id else self.site, self.floor, self.room]
        if self.store_id and self.site:
            parts.insert(1, self.site)
        return ", ".join(p for p in parts if p)

    @property
    def value_new(self) -> Decimal | None:
        return None if self.new_price is None else self.new_price * self.quantity

    @property
    def description_display(self) -> str:
        """The description in the language of the page: a system text translated, a typed one as is."""
        return shown_text(ITEM_DESCRIPTIONS, self.description_key, self.description_params, self.description)


def _photo_path(instance, filename: str) -> str:
    return f"reuse/{instance.item.organisation_id}/{uuid.uuid4().hex}.jpg"


class ItemPhoto(models.Model):
    """A photo, re-encoded as JPEG without metadata, with a thumbnail."""

    item = models.ForeignKey(ReuseItem, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to=_photo_path)
    thumbnail = models.ImageField(upload_to=_photo_path)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt = models.CharField(_("description of the photo"), max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.item} photo {self.pk}"


class StatusChange(models.Model):
    """Who changed an item's status, when and why."""

    item = models.ForeignKey(ReuseItem, on_delete=models.CASCADE, related_name="status_changes")
    old_status = models.CharField(max_length=20, choices=ItemStatus.choices, blank=True)
    new_status = models.CharField(max_length=20, choices=ItemStatus.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    #: Set when the system recorded the change (a key of :data:`STATUS_REASONS`), else "".
    reason_key = models.CharField(max_length=40, blank=True, default="", editable=False)
    reason_params = models.JSONField(default=dict, blank=True, editable=False)
    by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.old_status} → {self.new_status}"

    @property
    def reason_display(self) -> str:
        """The reason in the language of the page: a system text translated, a typed one as is."""
        return shown_text(STATUS_REASONS, self.reason_key, self.reason_params, self.reason)


class ReservationStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")
    HANDED_OVER = "handed_over", _("Handed over")
    RECEIVED = "received", _("Received")


#: Reservations that still hold units of the item.
OPEN_RESERVATION = (ReservationStatus.REQUESTED, ReservationStatus.APPROVED)


class HandoverMethod(models.TextChoices):
    PICKUP = "pickup", _("Pick-up")
    DELIVERY = "delivery", _("Delivery")


class Reservation(models.Model):
    """A need owner's reservation of some units of an item; ``organisation`` is the one that reserves."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="reuse_reservations"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("for unit")
    )
    item = models.ForeignKey(ReuseItem, on_delete=models.PROTECT, related_name="reservations")
    quantity = models.PositiveIntegerField(_("number of units"))
    note = models.TextField(_("note to the owner"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReservationStatus.choices, default=ReservationStatus.REQUESTED
    )
    requested_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(_("reserved"), auto_now_add=True)
    decided_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    method = models.CharField(_("hand-over"), max_length=20, choices=HandoverMethod.choices, blank=True)
    handover_date = models.DateField(_("hand-over date"), null=True, blank=True)
    cost = models.DecimalField(_("cost (transport, repair)"), default=Decimal("0.00"), **MONEY)
    handed_over_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    received = models.DateTimeField(_("received"), null=True, blank=True)
    received_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="reuse_reservation_quantity_positive")
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.item.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_RESERVATION


class SavingMethod(models.TextChoices):
    PER_UNIT = "per_unit", _("Factor per unit")
    PER_KG = "per_kg", _("Per-kg fallback")


class Saving(models.Model):
    """What one completed hand-over saved, counted for the receiving ``organisation``."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reuse_savings")
    owner_organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    reservation = models.OneToOneField(Reservation, on_delete=models.CASCADE, related_name="saving")
    item_type = models.SlugField(max_length=60)
    category = models.CharField(max_length=40)
    date = models.DateField(_("date"))
    units = models.PositiveIntegerField(_("units"))
    new_price_each = models.DecimalField(default=Decimal("0.00"), **MONEY)
    cost = models.DecimalField(default=Decimal("0.00"), **MONEY)
    value_nok = models.DecimalField(_("money saved"), **MONEY)
    weight_kg_each = models.DecimalField(default=Decimal("0"), **KG)
    waste_kg = models.DecimalField(_("waste avoided (kg)"), **KG)
    co2e_kg = models.DecimalField(_("kg CO2e saved"), **KG)
    method = models.CharField(max_length=20, choices=SavingMethod.choices)
    factor = models.ForeignKey(Factor, on_delete=models.PROTECT, related_name="savings")

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("saving")
        verbose_name_plural = _("savings")

    def __str__(self) -> str:
        return f"{self.units} × {self.item_type} {self.date}"


# --- ICT device life cycle ---------------------------------------------------------------------------


class DeviceKind(models.TextChoices):
    LAPTOP = "laptop", _("Laptop")
    DESKTOP = "desktop", _("Desktop computer")
    MONITOR = "monitor", _("Monitor")
    PHONE = "phone", _("Mobile phone")
    TABLET = "tablet", _("Tablet")
    DOCKING = "docking", _("Docking station")


#: The reuse category and factor item type of each device kind.
DEVICE_CATEGORY = {
    "laptop": ("ict.laptops", "laptop"),
    "desktop": ("ict.desktops", "desktop_pc"),
    "monitor": ("ict.monitors", "monitor"),
    "phone": ("ict.phones", "smartphone"),
    "tablet": ("ict.tablets", "tablet"),
    "docking": ("ict.docking", "docking_station"),
}


class DeviceStatus(models.TextChoices):
    IN_USE = "in_use", _("In use")
    IN_STORE = "in_store", _("In store")
    REPAIR = "repair", _("At repair")
    RETURNED = "returned", _("Returned")
    END_OF_LIFE = "end_of_life", _("End of life")


class EndOfLife(models.TextChoices):
    REUSE = "reuse", _("Reuse")
    RESALE = "resale", _("Resale")
    RECYCLING = "recycling", _("Recycling")


class Device(models.Model):
    """One ICT device with serial number, through its life."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="devices")
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("assigned unit")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DeviceKind.choices)
    serial_number = models.CharField(_("serial number"), max_length=100)
    model = models.CharField(_("model"), max_length=200)
    purchase_date = models.DateField(_("purchase date"), null=True, blank=True)
    battery_health = models.PositiveSmallIntegerField(
        _("battery health (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DeviceStatus.choices, default=DeviceStatus.IN_USE
    )
    end_of_life = models.CharField(_("end of life"), max_length=20, choices=EndOfLife.choices, blank=True)
    end_of_life_date = models.DateField(_("end of life date"), null=True, blank=True)
    erasure_certificate = models.CharField(
        _("data erasure certificate"),
        max_length=200,
        blank=True,
        help_text=_("Number or reference of the certificate that the data was erased."),
    )
    reuse_item = models.ForeignKey(
        ReuseItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="devices"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "serial_number"]
        verbose_name = _("device")
        verbose_name_plural = _("devices")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "serial_number"], name="reuse_device_serial_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.model} ({self.serial_number})"


class DeviceRepair(models.Model):
    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="repairs")
    date = models.DateField(_("date"))
    description = models.CharField(_("what was repaired"), max_length=300)
    cost = models.DecimalField(_("cost"), default=Decimal("0.00"), **MONEY)
    by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.device} {self.date}"


class DeviceRequestStatus(models.TextChoices):
    APPROVED = "approved", _("Approved: old device returned")
    AWAITING_EXCEPTION = "awaiting_exception", _("Awaiting decision on exception")
    EXCEPTION_APPROVED = "exception_approved", _("Approved as exception")
    REJECTED = "rejected", _("Rejected")


class DeviceRequest(models.Model):
    """A request for a new device: approved when the old one is returned, or as a recorded exception."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="device_requests")
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=20, choices=DeviceKind.choices)
    returned_device = models.OneToOneField(
        Device,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="return_for",
        verbose_name=_("returned device"),
    )
    exception_reason = models.TextField(_("why no device is returned"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=30, choices=DeviceRequestStatus.choices)
    requested_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("device request")
        verbose_name_plural = _("device requests")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created:%Y-%m-%d}"
