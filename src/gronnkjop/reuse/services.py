"""Every write of reuse data. Each function is one transaction and takes keyword arguments only."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from gronnkjop.core.i18n import stored_text
from gronnkjop.core.models import Organisation, Unit

from . import selectors
from .categories import LEAVES
from .factor_fixture import PER_KG
from .images import photo_process
from .models import (
    DEVICE_CATEGORY,
    ITEM_DESCRIPTIONS,
    OPEN_RESERVATION,
    STATUS_REASONS,
    Device,
    DeviceRepair,
    DeviceRequest,
    DeviceRequestStatus,
    DeviceStatus,
    EndOfLife,
    Factor,
    ItemPhoto,
    ItemStatus,
    Reservation,
    ReservationStatus,
    ReuseItem,
    ReuseSettings,
    Saving,
    SavingMethod,
    StatusChange,
    Store,
)

CENT = Decimal("0.01")
GRAM = Decimal("0.001")

#: Fields of an item that registration, editing and import set.
ITEM_FIELDS = (
    "code",
    "item_type",
    "category",
    "title",
    "description",
    "quantity",
    "condition",
    "width_cm",
    "depth_cm",
    "height_cm",
    "weight_kg",
    "store",
    "site",
    "floor",
    "room",
    "new_price",
    "unit",
    "share_after_days",
    "public",
)


# --- settings and stores ----------------------------------------------------------------------------


@transaction.atomic
def reuse_settings_save(*, organisation: Organisation, share_after_days: int) -> ReuseSettings:
    settings, _created = ReuseSettings.objects.update_or_create(
        organisation=organisation, defaults={"share_after_days": share_after_days}
    )
    return settings


@transaction.atomic
def store_save(*, organisation: Organisation, store: Store | None = None, **fields) -> Store:
    if store is not None and store.organisation_id != organisation.pk:
        raise ValidationError(_("The store belongs to another organisation."))
    store = store or Store(organisation=organisation)
    for name, value in fields.items():
        setattr(store, name, value)
    store.full_clean()
    store.save()
    return store


# --- items ------------------------------------------------------------------------------------------


def _share_from(*, item: ReuseItem, now: datetime) -> datetime:
    days = item.share_after_days
    if days is None:
        days = selectors.reuse_settings_get(organisation=item.organisation).share_after_days
    return now + timedelta(days=days)


def _reason(key: str, params: dict | None = None) -> dict:
    """The reason fields of a status change the system records: the key of :data:`STATUS_REASONS` and
    its parameters, translated when shown, and the text in the default language."""
    params = params or {}
    return {"reason_key": key, "reason_params": params, "reason": stored_text(STATUS_REASONS, key, params)}


def _record_status(
    *, item: ReuseItem, old: str, by, reason: str = "", key: str = "", params: dict | None = None
) -> None:
    """Record a change of status (if any): with ``reason`` as the user typed it, or with the system's
    reason ``key`` and its ``params``."""
    if old != item.status:
        fields = _reason(key, params) if key else {"reason": reason}
        StatusChange.objects.create(item=item, old_status=old, new_status=item.status, by=by, **fields)


def _check_item(*, organisation: Organisation, fields: dict) -> None:
    unit = fields.get("unit")
    if unit is not None and unit.organisation_id != organisation.pk:
        raise ValidationError(_("The unit belongs to another organisation."))
    store = fields.get("store")
    if store is not None and store.organisation_id != organisation.pk:
        raise ValidationError(_("The store belongs to another organisation."))
    if fields.get("category") and fields["category"] not in LEAVES:
        raise ValidationError(_("Unknown category."))
    if fields.get("item_type") and not Factor.objects.filter(item_type=fields["item_type"]).exists():
        raise ValidationError(
            _("Unknown item type “%(type)s”; use a key of the factor table.") % {"type": fields["item_type"]}
        )


def _next_code(organisation: Organisation) -> str:
    count = ReuseItem.objects.filter(organisation=organisation).count() + 1
    prefix = (organisation.orgnr or str(organisation.pk))[-3:]
    while True:
        code = f"OB-{prefix}-{count:05d}"
        if not ReuseItem.objects.filter(organisation=organisation, code=code).exists():
            return code
        count += 1


@transaction.atomic
def item_register(
    *,
    organisation: Organisation,
    by,
    photos: list[bytes] | None = None,
    now: datetime | None = None,
    description_key: str = "",
    description_params: dict | None = None,
    **fields,
) -> ReuseItem:
    """Register an available item (or many identical units) and its photos. The system describes an
    item with ``description_key`` (of :data:`ITEM_DESCRIPTIONS`) and its parameters instead of a
    ``description``, so that the description is shown in the reader's language."""
    now = now or timezone.now()
    _check_item(organisation=organisation, fields=fields)
    item = ReuseItem(organisation=organisation, created_by=by)
    for name in ITEM_FIELDS:
        if name in fields:
            setattr(item, name, fields[name])
    if description_key:
        item.description_key, item.description_params = description_key, description_params or {}
        item.description = stored_text(ITEM_DESCRIPTIONS, description_key, item.description_params)
    if not item.code:
        item.code = _next_code(organisation)
    if not item.category:
        factor = selectors.factor_current(item_type=item.item_type)
        item.category = factor.category if factor else "other.other"
    item.quantity_available = item.quantity
    item.status = ItemStatus.AVAILABLE
    item.available_since = now
    item.collaboration_from = _share_from(item=item, now=now)
    item.full_clean()
    item.save()
    StatusChange.objects.create(item=item, new_status=item.status, by=by, **_reason("registered"))
    for data in photos or []:
        _photo_save(item=item, data=data)
    return item


@transaction.atomic
def item_update(
    *, organisation: Organisation, item: ReuseItem, by, now: datetime | None = None, **fields
) -> ReuseItem:
    """Change an item's description, place, price or sharing. The quantity can only grow or shrink by
    units that are not reserved."""
    if item.organisation_id != organisation.pk:
        raise ValidationError(_("The item belongs to another organisation."))
    _check_item(organisation=organisation, fields=fields)
    item = ReuseItem.objects.select_for_update().get(pk=item.pk)
    if item.description_key and "description" in fields:
        fields = {**fields, "description": _description_kept(item, fields["description"])}
    held = item.quantity - item.quantity_available
    old_days = item.share_after_days
    for name in ITEM_FIELDS:
        if name in fields and name != "code":
            setattr(item, name, fields[name])
    if fields.get("code"):
        item.code = fields["code"]
    if item.quantity < held:
        raise ValidationError(
            _("%(held)s units are reserved or handed over; the quantity cannot be lower.") % {"held": held}
        )
    item.quantity_available = item.quantity - held
    if item.share_after_days != old_days and item.available_since and item.status == ItemStatus.AVAILABLE:
        item.collaboration_from = _share_from(item=item, now=item.available_since)
    old = item.status
    _sync_status(item)
    item.full_clean()
    item.save()
    _record_status(item=item, old=old, key="quantity_changed", by=by)
    return item


def _description_kept(item: ReuseItem, text: str) -> str:
    """The description to store when an item the system described is saved with ``text``: the same
    description (as stored, or as shown in the page's language) keeps the system's text, which goes on
    following the reader's language; anything else is the user's own text, kept as typed."""
    if (text or "").strip() in {item.description.strip(), item.description_display.strip()}:
        return item.description
    item.description_key, item.description_params = "", {}
    return text


def _sync_status(item: ReuseItem) -> None:
    """Available / reserved / handed over follow the units left; other statuses are set by hand."""
    if item.status not in (ItemStatus.AVAILABLE, ItemStatus.RESERVED, ItemStatus.HANDED_OVER):
        return
    if item.quantity == 0:
        item.status = ItemStatus.HANDED_OVER
    elif item.quantity_available == 0:
        item.status = ItemStatus.RESERVED
    else:
        item.status = ItemStatus.AVAILABLE


@transaction.atomic
def item_status_change(
    *, organisation: Organisation, item: ReuseItem, status: str, reason: str, by, now: datetime | None = None
) -> ReuseItem:
    """Set a status by hand (in use, for repair, for recycling, or back to available), with the reason."""
    if item.organisation_id != organisation.pk:
        raise ValidationError(_("The item belongs to another organisation."))
    if status not in ItemStatus.values:
        raise ValidationError(_("Unknown status."))
    if not reason.strip():
        raise ValidationError(_("Say why the status changes."))
    item = ReuseItem.objects.select_for_update().get(pk=item.pk)
    if item.reservations.filter(status__in=OPEN_RESERVATION).exists() and status != item.status:
        raise ValidationError(_("Decide the open reservations first."))
    if status in (ItemStatus.RESERVED, ItemStatus.HANDED_OVER):
        raise ValidationError(_("Reserved and handed over follow from reservations."))
    old = item.status
    item.status = status
    if status == ItemStatus.AVAILABLE:
        if old != ItemStatus.AVAILABLE:
            now = now or timezone.now()
            item.quantity_available = item.quantity
            item.available_since = now
            item.collaboration_from = _share_from(item=item, now=now)
    else:
        item.quantity_available = 0
        item.collaboration_from = None
        item.public = False
    item.save()
    _record_status(item=item, old=old, reason=reason.strip(), by=by)
    return item


def _photo_save(*, item: ReuseItem, data: bytes, alt: str = "") -> ItemPhoto:
    full, thumb = photo_process(data)
    with Image.open(io.BytesIO(full)) as image:
        width, height = image.size
    photo = ItemPhoto(item=item, alt=alt or item.title, width=width, height=height)
    photo.image.save("photo.jpg", ContentFile(full), save=False)
    photo.thumbnail.save("thumb.jpg", ContentFile(thumb), save=False)
    photo.save()
    return photo


@transaction.atomic
def photo_add(*, organisation: Organisation, item: ReuseItem, data: bytes, alt: str = "") -> ItemPhoto:
    """Add a photo: EXIF orientation applied, all metadata removed, resized, thumbnail made."""
    if item.organisation_id != organisation.pk:
        raise ValidationError(_("The item belongs to another organisation."))
    return _photo_save(item=item, data=data, alt=alt)


@transaction.atomic
def photo_delete(*, organisation: Organisation, photo: ItemPhoto) -> None:
    if photo.item.organisation_id != organisation.pk:
        raise ValidationError(_("The item belongs to another organisation."))
    photo.image.delete(save=False)
    photo.thumbnail.delete(save=False)
    photo.delete()


# --- reservations -----------------------------------------------------------------------------------


class NotEnoughUnits(ValidationError):
    """Raised when fewer units are left than asked for (someone else was first)."""


@transaction.atomic
def reservation_create(
    *,
    organisation: Organisation,
    item: ReuseItem,
    quantity: int,
    by,
    unit: Unit | None = None,
    note: str = "",
) -> Reservation:
    """Reserve ``quantity`` units. Of two people reserving the last units at once exactly one succeeds:
    the row is locked and the units are taken with a conditional update."""
    if quantity < 1:
        raise ValidationError(_("Reserve at least one unit."))
    if unit is not None and unit.organisation_id != organisation.pk:
        raise ValidationError(_("The unit belongs to another organisation."))
    if not selectors.item_list(organisation=organisation).filter(pk=item.pk).exists():
        raise ValidationError(_("The item is not shared with your organisation."))
    locked = ReuseItem.objects.select_for_update().get(pk=item.pk)
    if locked.status not in (ItemStatus.AVAILABLE, ItemStatus.RESERVED) or locked.quantity_available == 0:
        raise NotEnoughUnits(_("Sorry, someone else was first: no units of this item are left."))
    taken = ReuseItem.objects.filter(pk=item.pk, quantity_available__gte=quantity).update(
        quantity_available=F("quantity_available") - quantity
    )
    if taken != 1:
        if quantity > item.quantity_available:  # more than the page offered: not a race
            raise NotEnoughUnits(
                _("Only %(left)s units are available; reserve at most %(left)s.")
                % {"left": locked.quantity_available}
            )
        raise NotEnoughUnits(
            _("Sorry, only %(left)s units are left; someone else reserved the others.")
            % {"left": locked.quantity_available}
        )
    locked.refresh_from_db()
    old = locked.status
    _sync_status(locked)
    if old != locked.status:
        locked.save(update_fields=["status"])
    reservation = Reservation.objects.create(
        organisation=organisation, unit=unit, item=locked, quantity=quantity, note=note, requested_by=by
    )
    _record_status(item=locked, old=old, key="reserved_by", params={"org": organisation.name}, by=by)
    return reservation


def _lock(reservation: Reservation) -> Reservation:
    return (
        Reservation.objects.select_for_update().select_related("item", "organisation").get(pk=reservation.pk)
    )


def _release(*, reservation: Reservation, by, key: str) -> None:
    ReuseItem.objects.filter(pk=reservation.item_id).update(
        quantity_available=F("quantity_available") + reservation.quantity
    )
    item = ReuseItem.objects.select_for_update().get(pk=reservation.item_id)
    old = item.status
    _sync_status(item)
    item.save(update_fields=["status"])
    _record_status(item=item, old=old, key=key, by=by)


@transaction.atomic
def reservation_approve(*, organisation: Organisation, reservation: Reservation, by) -> Reservation:
    """The owner approves: the units stay held for the hand-over."""
    reservation = _lock(reservation)
    if reservation.item.organisation_id != organisation.pk:
        raise ValidationError(_("Only the owner can approve."))
    if reservation.status != ReservationStatus.REQUESTED:
        raise ValidationError(_("The reservation is not awaiting approval."))
    reservation.status = ReservationStatus.APPROVED
    reservation.decided_by, reservation.decided = by, timezone.now()
    reservation.save()
    return reservation


@transaction.atomic
def reservation_reject(
    *, organisation: Organisation, reservation: Reservation, by, reason: str = ""
) -> Reservation:
    """The owner says no: the units become available again."""
    reservation = _lock(reservation)
    if reservation.item.organisation_id != organisation.pk:
        raise ValidationError(_("Only the owner can reject."))
    if reservation.status not in OPEN_RESERVATION:
        raise ValidationError(_("The reservation is no longer open."))
    reservation.status = ReservationStatus.REJECTED
    reservation.decided_by, reservation.decided, reservation.reason = by, timezone.now(), reason.strip()
    reservation.save()
    _release(reservation=reservation, by=by, key="reservation_rejected")
    return reservation


@transaction.atomic
def reservation_cancel(*, organisation: Organisation, reservation: Reservation, by) -> Reservation:
    """The organisation that reserved withdraws before the hand-over."""
    reservation = _lock(reservation)
    if reservation.organisation_id != organisation.pk:
        raise ValidationError(_("Only the organisation that reserved can cancel."))
    if reservation.status not in OPEN_RESERVATION:
        raise ValidationError(_("The reservation is no longer open."))
    reservation.status = ReservationStatus.CANCELLED
    reservation.save()
    _release(reservation=reservation, by=by, key="reservation_cancelled")
    return reservation


@dataclass(frozen=True)
class SavingFigures:
    value_nok: Decimal
    co2e_kg: Decimal
    waste_kg: Decimal
    method: str
    factor: Factor


def saving_compute(
    *,
    units: int,
    new_price_each: Decimal | None,
    cost: Decimal,
    weight_kg_each: Decimal | None,
    factor: Factor | None,
    fallback: Factor,
) -> SavingFigures:
    """Money = new price × units − cost; CO2e = factor per unit × units, or, for an item type without
    a factor, the per-kg fallback × weight × units; waste = weight × units. Exact decimals."""
    value = ((new_price_each or Decimal("0")) * units - cost).quantize(CENT)
    weight = weight_kg_each or Decimal("0")
    waste = (weight * units).quantize(GRAM)
    if factor is not None and factor.saved_per_unit is not None:
        co2e, method, used = factor.saved_per_unit * units, SavingMethod.PER_UNIT, factor
    else:
        co2e, method, used = (
            (fallback.kg_co2e_saved or Decimal("0")) * weight * units,
            SavingMethod.PER_KG,
            fallback,
        )
    return SavingFigures(value, co2e.quantize(GRAM), waste, method, used)


@transaction.atomic
def reservation_hand_over(
    *,
    organisation: Organisation,
    reservation: Reservation,
    by,
    method: str,
    handover_date: date,
    cost: Decimal = Decimal("0.00"),
) -> Saving:
    """The owner hands the units over (pick-up or delivery, on a date): they leave the item, the
    receiver gets an item in use, and the saving is recorded with the factor version it used.

    A requested reservation may be handed over at once (handing over approves it). The date is the
    day the units changed hands, and the saving is counted in its year: not after today (Oslo time).
    An earlier date is allowed, also before the reservation was made, so that a hand-over can be
    recorded after the fact."""
    reservation = _lock(reservation)
    if reservation.item.organisation_id != organisation.pk:
        raise ValidationError(_("Only the owner can hand over."))
    if reservation.status not in OPEN_RESERVATION:
        raise ValidationError(_("The reservation is no longer open."))
    if cost < 0:
        raise ValidationError({"cost": _("The cost cannot be negative.")})
    if handover_date > timezone.localdate():
        raise ValidationError({"handover_date": _("The hand-over cannot be dated in the future.")})
    item = ReuseItem.objects.select_for_update().get(pk=reservation.item_id)
    reservation.status = ReservationStatus.HANDED_OVER
    reservation.method, reservation.handover_date, reservation.cost = method, handover_date, cost
    reservation.handed_over_by = by
    if reservation.decided is None:
        reservation.decided_by, reservation.decided = by, timezone.now()
    reservation.save()
    old = item.status
    item.quantity -= reservation.quantity
    _sync_status(item)
    item.save(update_fields=["quantity", "status"])
    _record_status(
        item=item, old=old, key="handed_over_to", params={"org": reservation.organisation.name}, by=by
    )
    received = ReuseItem.objects.create(
        organisation=reservation.organisation,
        unit=reservation.unit,
        code=f"{item.code}-R{reservation.pk}",
        item_type=item.item_type,
        category=item.category,
        title=item.title,
        description=item.description,
        description_key=item.description_key,
        description_params=item.description_params,
        quantity=reservation.quantity,
        quantity_available=0,
        condition=item.condition,
        width_cm=item.width_cm,
        depth_cm=item.depth_cm,
        height_cm=item.height_cm,
        weight_kg=item.weight_kg,
        new_price=item.new_price,
        status=ItemStatus.IN_USE,
        origin=item,
        created_by=by,
    )
    StatusChange.objects.create(
        item=received,
        new_status=ItemStatus.IN_USE,
        by=by,
        **_reason("received_from", {"org": item.organisation.name}),
    )
    figures = saving_compute(
        units=reservation.quantity,
        new_price_each=item.new_price,
        cost=cost,
        weight_kg_each=item.weight_kg,
        factor=selectors.factor_current(item_type=item.item_type),
        fallback=selectors.factor_fallback(),
    )
    return Saving.objects.create(
        organisation=reservation.organisation,
        owner_organisation=item.organisation,
        reservation=reservation,
        item_type=item.item_type,
        category=item.category,
        date=handover_date,
        units=reservation.quantity,
        new_price_each=item.new_price or Decimal("0.00"),
        cost=cost,
        value_nok=figures.value_nok,
        weight_kg_each=item.weight_kg or Decimal("0"),
        waste_kg=figures.waste_kg,
        co2e_kg=figures.co2e_kg,
        method=figures.method,
        factor=figures.factor,
    )


@transaction.atomic
def reservation_receive(*, organisation: Organisation, reservation: Reservation, by) -> Reservation:
    """The organisation that reserved confirms it has received the units."""
    reservation = _lock(reservation)
    if reservation.organisation_id != organisation.pk:
        raise ValidationError(_("Only the organisation that reserved can confirm receipt."))
    if reservation.status != ReservationStatus.HANDED_OVER:
        raise ValidationError(_("The units have not been handed over yet."))
    reservation.status = ReservationStatus.RECEIVED
    reservation.received, reservation.received_by = timezone.now(), by
    reservation.save()
    return reservation


# --- factor table -----------------------------------------------------------------------------------


@transaction.atomic
def factor_table_ensure() -> int:
    """Load the repository fixture's rows for item types that have no factor at all (the migration
    does this once; a database emptied by a flush gets them back). Returns how many were added."""
    from .factor_fixture import all_rows

    known = set(Factor.objects.values_list("item_type", flat=True))
    rows = [
        Factor(
            item_type=key,
            version=1,
            category=cat,
            kg_co2e_new=new,
            kg_co2e_saved=saved,
            basis=basis,
            source=source,
        )
        for key, cat, new, saved, basis, source in all_rows()
        if key not in known
    ]
    Factor.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def factor_update(
    *,
    item_type: str,
    by,
    kg_co2e_new: Decimal | None,
    kg_co2e_saved: Decimal | None,
    basis: str,
    source: str,
    category: str | None = None,
) -> Factor:
    """Make a new current version of an item type's factor (or add a new item type). Old versions stay,
    so savings keep the factor they were computed with."""
    if not source.strip():
        raise ValidationError(_("Name the source of the factor."))
    if item_type == PER_KG and kg_co2e_saved is None:
        raise ValidationError(_("The per-kg fallback needs a value."))
    current = Factor.objects.select_for_update().filter(item_type=item_type, current=True).first()
    if current is None and not category:
        raise ValidationError(_("Choose a category for a new item type."))
    version = (
        Factor.objects.filter(item_type=item_type)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
        or 0
    ) + 1
    if current is not None:
        current.current = False
        current.save(update_fields=["current"])
    factor = Factor(
        item_type=item_type,
        version=version,
        category=category or current.category,
        kg_co2e_new=kg_co2e_new,
        kg_co2e_saved=kg_co2e_saved,
        basis=basis.strip(),
        source=source.strip(),
        current=True,
        created_by=by,
    )
    factor.full_clean()
    factor.save()
    return factor


# --- devices ----------------------------------------------------------------------------------------


@transaction.atomic
def device_save(*, organisation: Organisation, device: Device | None = None, **fields) -> Device:
    if device is not None and device.organisation_id != organisation.pk:
        raise ValidationError(_("The device belongs to another organisation."))
    unit = fields.get("unit")
    if unit is not None and unit.organisation_id != organisation.pk:
        raise ValidationError(_("The unit belongs to another organisation."))
    device = device or Device(organisation=organisation)
    for name, value in fields.items():
        setattr(device, name, value)
    device.full_clean()
    device.save()
    return device


@transaction.atomic
def device_repair_add(
    *, organisation: Organisation, device: Device, by, date: date, description: str, cost: Decimal
) -> DeviceRepair:
    if device.organisation_id != organisation.pk:
        raise ValidationError(_("The device belongs to another organisation."))
    return DeviceRepair.objects.create(
        device=device, date=date, description=description.strip(), cost=cost, by=by
    )


@transaction.atomic
def device_end_of_life(
    *, organisation: Organisation, device: Device, by, outcome: str, on: date, certificate: str = ""
) -> Device:
    """End a device's life here: reuse (it enters the reuse pool), resale or recycling. Resale and
    recycling need the data erasure certificate."""
    if device.organisation_id != organisation.pk:
        raise ValidationError(_("The device belongs to another organisation."))
    device = Device.objects.select_for_update().get(pk=device.pk)
    if device.status == DeviceStatus.END_OF_LIFE:
        raise ValidationError(_("The device has already reached its end of life."))
    if outcome not in EndOfLife.values:
        raise ValidationError(_("Unknown end of life."))
    if outcome in (EndOfLife.RESALE, EndOfLife.RECYCLING) and not certificate.strip():
        raise ValidationError(_("Resale and recycling need the data erasure certificate."))
    device.status, device.end_of_life, device.end_of_life_date = DeviceStatus.END_OF_LIFE, outcome, on
    device.erasure_certificate = certificate.strip()
    if outcome == EndOfLife.REUSE:
        category, item_type = DEVICE_CATEGORY[device.kind]
        device.reuse_item = item_register(
            organisation=organisation,
            by=by,
            code=f"IKT-{device.serial_number}"[:60],
            item_type=item_type,
            category=category,
            title=device.model,
            description_key="serial_number",
            description_params={"serial": device.serial_number},
            quantity=1,
        )
    device.save()
    return device


@transaction.atomic
def device_request_create(
    *,
    organisation: Organisation,
    kind: str,
    by,
    unit: Unit | None = None,
    returned_device: Device | None = None,
    exception_reason: str = "",
) -> DeviceRequest:
    """No new device without returning the old one: a request names the device handed back (same kind,
    still in use) and is approved at once; without one it needs a reason and waits for a recorded
    exception."""
    if unit is not None and unit.organisation_id != organisation.pk:
        raise ValidationError(_("The unit belongs to another organisation."))
    request = DeviceRequest(organisation=organisation, unit=unit, kind=kind, requested_by=by)
    if returned_device is not None:
        device = (
            Device.objects.select_for_update()
            .filter(pk=returned_device.pk, organisation=organisation)
            .first()
        )
        if device is None:
            raise ValidationError(_("The returned device belongs to another organisation."))
        if device.kind != kind:
            raise ValidationError(_("Return a device of the same kind as the one you ask for."))
        if device.status not in (DeviceStatus.IN_USE, DeviceStatus.REPAIR):
            raise ValidationError(_("That device has already been returned."))
        device.status = DeviceStatus.RETURNED
        device.save(update_fields=["status"])
        request.returned_device = device
        request.status = DeviceRequestStatus.APPROVED
    elif exception_reason.strip():
        request.exception_reason = exception_reason.strip()
        request.status = DeviceRequestStatus.AWAITING_EXCEPTION
    else:
        raise ValidationError(
            _(
                "No new device without returning the old one: choose the device you return, or explain why there is none."
            )
        )
    request.save()
    return request


@transaction.atomic
def device_request_decide(
    *, organisation: Organisation, request: DeviceRequest, approve: bool, by, note: str = ""
) -> DeviceRequest:
    """Record the decision on an exception to the return rule: who, when and why."""
    if request.organisation_id != organisation.pk:
        raise ValidationError(_("The request belongs to another organisation."))
    request = DeviceRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != DeviceRequestStatus.AWAITING_EXCEPTION:
        raise ValidationError(_("The request is not awaiting a decision."))
    if not note.strip():  # either way: the one who asked is told why
        raise ValidationError(
            _("Record why the exception is granted.")
            if approve
            else _("Record why the exception is refused.")
        )
    request.status = DeviceRequestStatus.EXCEPTION_APPROVED if approve else DeviceRequestStatus.REJECTED
    request.decided_by, request.decided, request.decision_note = by, timezone.now(), note.strip()
    request.save()
    return request
