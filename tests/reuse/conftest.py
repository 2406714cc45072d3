"""Two neighbours in a collaboration (A = Dulten, B = Nordvik) and an outsider (C), one user per role
in A and B, and small factories for stores, items and reservations."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from PIL import Image

from gronnkjop.core.models import Unit
from gronnkjop.core.services import collaboration_ensure
from gronnkjop.reuse import services
from gronnkjop.reuse.models import ReuseItem, Store
from tests.core.conftest import (  # noqa: F401 - the tenants and users of the core tests, shared here
    login,
    make_org,
    make_user,
    org_a,
    org_b,
    token_for,
    unit_a,
    unit_b,
    users_a,
    users_b,
)


@pytest.fixture
def collaboration(org_a, org_b):
    return collaboration_ensure(name="Samarbeidet", members=[org_a, org_b])


@pytest.fixture
def org_c(db):
    return make_org("Utenfor kommune", "940080193")


@pytest.fixture
def users_c(org_c):
    return {"behovseier": make_user("c_behovseier", org_c, "behovseier")}


@pytest.fixture
def store_a(org_a) -> Store:
    return Store.objects.create(
        organisation=org_a, name="Dulten lager", latitude=Decimal("60.9"), longitude=Decimal("10.6")
    )


@pytest.fixture
def store_b(org_b) -> Store:
    return Store.objects.create(
        organisation=org_b, name="Nordvik lager", latitude=Decimal("60.95"), longitude=Decimal("10.7")
    )


def make_item(org, *, days_ago: int = 0, **fields) -> ReuseItem:
    """An available item registered ``days_ago`` days ago (defaults: 4 fixed desks of 30 kg, 4 200 kr)."""
    defaults = {
        "item_type": "fixed_desk",
        "category": "furniture.desks",
        "title": "Skrivebord 140 × 70",
        "quantity": 4,
        "condition": "good",
        "weight_kg": Decimal("30"),
        "new_price": Decimal("4200.00"),
    }
    defaults.update(fields)
    return services.item_register(
        organisation=org, by=None, now=timezone.now() - timedelta(days=days_ago), **defaults
    )


@pytest.fixture
def item_factory():
    return make_item


@pytest.fixture
def unit_for():
    def make(org, code="2110"):
        return Unit.objects.get_or_create(
            organisation=org, code=code, defaults={"name": f"Skole {org.name}"}
        )[0]

    return make


def jpeg_with_exif(*, size=(1200, 800), orientation: int = 6) -> bytes:
    """A JPEG with EXIF: orientation, camera make and a GPS block, as a phone writes them."""
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((0, 0, 255), (0, 0, size[0] // 2, 40))  # a blue band along the top-left edge
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (59.0, 54.0, 0.0), 3: "E", 4: (10.0, 45.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()
