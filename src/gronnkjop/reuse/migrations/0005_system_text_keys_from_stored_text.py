"""Give the system texts stored before 0004 their keys, so that they are shown in the reader's language.

Until 0004 a reason of a status change and the description of an item that came from an ICT device were
stored as text, translated when the action was taken (in bokmål, or in English for a user who had chosen
English). A row whose text is one of those renderings, in a place where the system writes it, gets the
key and its parameters; its text is set to the bokmål rendering, as new rows have it. Anything else
(every reason and description a user typed) is left exactly as it is.

The renderings are frozen here as they were when these rows were written: the English source texts and
their bokmål translations of ``reuse/locale/nb/LC_MESSAGES/django.po``.
"""

import re

from django.db import migrations
from django.db.models import Q

#: key → (bokmål, English), with ``%(name)s`` for a parameter
STATUS_REASONS = {
    "registered": ("Registrert", "Registered"),
    "quantity_changed": ("Antall endret", "Quantity changed"),
    "reserved_by": ("Reservert av %(org)s", "Reserved by %(org)s"),
    "reservation_rejected": ("Reservasjonen ble avslått", "Reservation rejected"),
    "reservation_cancelled": ("Reservasjonen ble trukket", "Reservation cancelled"),
    "handed_over_to": ("Overlevert til %(org)s", "Handed over to %(org)s"),
    "received_from": ("Mottatt fra %(org)s", "Received from %(org)s"),
}
SERIAL_NUMBER = ("Serienummer %(serial)s", "Serial number %(serial)s")

#: Where the system records each reason: (old status, new status). An old status "" is the first record
#: of an item (registered or received); None is any status but none. A new status None is any.
REASON_PLACES = {
    "registered": ("", "available"),
    "received_from": ("", "in_use"),
    "quantity_changed": (None, None),
    "reserved_by": (None, "reserved"),
    "reservation_rejected": (None, "available"),
    "reservation_cancelled": (None, "available"),
    "handed_over_to": (None, None),
}

BATCH = 500


def _pattern(template: str) -> re.Pattern:
    """``Reservert av %(org)s`` → a pattern that matches the whole text and captures ``org``."""
    parts = re.split(r"%\((\w+)\)s", template)
    regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+)" for i, part in enumerate(parts))
    return re.compile(regex, re.DOTALL)


def _match(text: str, templates) -> dict | None:
    """The parameters when ``text`` is one of ``templates`` (bokmål or English) filled in, else None."""
    for template in templates:
        found = _pattern(template).fullmatch(text)
        if found:
            return found.groupdict()
    return None


def _reason_key(change) -> tuple[str, dict] | None:
    for key, templates in STATUS_REASONS.items():
        params = _match(change.reason, templates)
        if params is None:
            continue
        old, new = REASON_PLACES[key]
        if old is not None and change.old_status != old:
            continue
        if old is None and not change.old_status:
            continue
        if new is not None and change.new_status != new:
            continue
        return key, params
    return None


def forward(apps, schema_editor):
    StatusChange = apps.get_model("reuse", "StatusChange")
    ReuseItem = apps.get_model("reuse", "ReuseItem")
    Device = apps.get_model("reuse", "Device")

    changed = []
    for change in StatusChange.objects.filter(reason_key="").exclude(reason="").iterator(chunk_size=BATCH):
        found = _reason_key(change)
        if found is None:
            continue
        key, params = found
        change.reason_key, change.reason_params = key, params
        change.reason = STATUS_REASONS[key][0] % params
        changed.append(change)
    StatusChange.objects.bulk_update(changed, ["reason", "reason_key", "reason_params"], batch_size=BATCH)

    # An item's description is the system's when the item entered the pool from a device with that
    # serial number, or was received (through ``origin``, perhaps more than once) from such an item.
    serials = {}
    for item_id, serial in Device.objects.filter(reuse_item__isnull=False).values_list(
        "reuse_item_id", "serial_number"
    ):
        serials.setdefault(item_id, set()).add(serial)
    origins = dict(ReuseItem.objects.filter(origin__isnull=False).values_list("pk", "origin_id"))
    items = []
    candidates = ReuseItem.objects.filter(description_key="").filter(
        Q(description__startswith="Serienummer ") | Q(description__startswith="Serial number ")
    )
    for item in candidates.iterator(chunk_size=BATCH):
        params = _match(item.description, SERIAL_NUMBER)
        if params is None:
            continue
        chain, seen = item.pk, set()
        while chain is not None and chain not in seen:
            seen.add(chain)
            if params["serial"] in serials.get(chain, ()):
                break
            chain = origins.get(chain)
        else:
            continue  # no device with that serial number behind the item: the text is a user's
        item.description_key, item.description_params = "serial_number", params
        item.description = SERIAL_NUMBER[0] % params
        items.append(item)
    ReuseItem.objects.bulk_update(
        items, ["description", "description_key", "description_params"], batch_size=BATCH
    )


class Migration(migrations.Migration):
    dependencies = [("reuse", "0004_system_text_keys")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
