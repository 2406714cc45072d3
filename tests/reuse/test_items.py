"""Registration one by one (with a phone photo), photos without metadata, QR label sheets."""

from __future__ import annotations

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from gronnkjop.core.text import sort_key
from gronnkjop.reuse import services
from gronnkjop.reuse.images import photo_process
from gronnkjop.reuse.models import ItemPhoto, ReuseItem
from tests.reuse.conftest import jpeg_with_exif, make_item

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_photo_process_strips_exif_applies_orientation_and_makes_a_thumbnail():
    full, thumb = photo_process(jpeg_with_exif(size=(1200, 800), orientation=6))
    with Image.open(io.BytesIO(full)) as image:
        assert (image.format, image.size, dict(image.getexif()), image.info.get("exif")) == (
            "JPEG",
            (800, 1200),
            {},
            None,
        )
        # orientation 6 rotates 90° clockwise: the blue line along the top edge is now on the right
        assert image.getpixel((799, 10))[2] > 150
    with Image.open(io.BytesIO(thumb)) as image:
        assert (image.size, dict(image.getexif())) == ((267, 400), {})
    assert b"PhoneMaker" not in full + thumb
    assert b"Exif" not in full + thumb


def test_photo_process_refuses_what_is_not_a_photo():
    with pytest.raises(ValidationError) as error:
        photo_process(b"%PDF-1.4 not an image")
    assert error.value.messages == ["Filen er ikke et bilde som kan leses."]


def test_photo_process_refuses_other_image_formats():
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="GIF")
    with pytest.raises(ValidationError):
        photo_process(out.getvalue())


def test_registering_on_the_phone_form_with_a_photo(org_a, users_a, client):
    client.force_login(users_a["innkjoper"])
    photo = SimpleUploadedFile("IMG_0001.jpg", jpeg_with_exif(), content_type="image/jpeg")
    response = client.post(
        reverse("reuse:item_create"),
        {
            "title": "Hev-senk-skrivebord",
            "item_type": "height_adjustable_desk",
            "category": "furniture.desks",
            "quantity": "3",
            "condition": "good",
            "new_price": "8900",
            "weight_kg": "45",
            "photo": photo,
        },
    )
    item = ReuseItem.objects.get()
    assert response.status_code == 302
    assert (item.organisation, item.quantity_available, item.status, item.code) == (
        org_a,
        3,
        "available",
        "OB-177-00001",
    )
    stored = ItemPhoto.objects.get(item=item)
    data = stored.image.read()
    assert b"PhoneMaker" not in data and (stored.width, stored.height) == (800, 1200)
    assert list(item.status_changes.values_list("new_status", "by")) == [
        ("available", users_a["innkjoper"].pk)
    ]


def test_the_form_asks_for_the_camera(users_a, client):
    client.force_login(users_a["innkjoper"])
    body = client.get(reverse("reuse:item_create")).content.decode()
    assert re.search(
        r'<input[^>]*type="file"[^>]*accept="image/\*"[^>]*capture="environment"', body
    ) or re.search(r'<input[^>]*accept="image/\*"[^>]*capture="environment"[^>]*type="file"', body)


def test_photos_are_served_only_to_those_who_may_see_the_item(org_a, org_b, users_a, users_b, client):
    item = make_item(org_a)
    photo = services.photo_add(organisation=org_a, item=item, data=jpeg_with_exif())
    url = reverse("reuse:photo", args=[photo.pk, "thumb"])
    client.force_login(users_a["behovseier"])
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, "image/jpeg")
    client.force_login(users_b["behovseier"])
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404
    item.public = True
    item.save()
    assert client.get(url).status_code == 200


def test_the_label_sheet_is_a_pdf_with_one_qr_label_per_item(org_a, users_a, client):
    items = [make_item(org_a, title=f"Stol {n}") for n in range(26)]
    client.force_login(users_a["leder"])
    query = "&".join(f"id={item.pk}" for item in items)
    response = client.get(reverse("reuse:labels") + "?" + query)
    pdf = response.content
    assert (response.status_code, response["Content-Type"], pdf[:5]) == (200, "application/pdf", b"%PDF-")
    assert len(re.findall(rb"/Subtype\s*/Image", pdf)) == 26
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 2


def test_labels_include_only_own_items(org_a, org_b, users_a, collaboration, client):
    other = make_item(org_b, days_ago=100)
    client.force_login(users_a["leder"])
    assert client.get(reverse("reuse:labels") + f"?id={other.pk}").status_code == 404


def test_the_quantity_cannot_go_below_the_reserved_units(org_a, users_a):
    item = make_item(org_a, quantity=5)
    services.reservation_create(organisation=org_a, item=item, quantity=3, by=users_a["behovseier"])
    with pytest.raises(ValidationError):
        services.item_update(organisation=org_a, item=item, by=None, quantity=2)
    updated = services.item_update(organisation=org_a, item=item, by=None, quantity=8)
    assert (updated.quantity, updated.quantity_available) == (8, 5)


def test_the_item_type_select_names_the_types_in_alphabetical_order_with_other_last(users_a, client):
    client.force_login(users_a["innkjoper"])
    body = client.get(reverse("reuse:item_create")).content.decode()
    select = body[body.index('name="item_type"') : body.index("</select>", body.index('name="item_type"'))]
    options = re.findall(r'<option value="(\w*)"[^>]*>([^<]+)</option>', select)
    assert options[0] == ("", "Velg …")
    options = options[1:]
    names = [name for _key, name in options]
    assert ("office_chair", "Kontorstol") in options
    assert ("fixed_desk", "Skrivebord, fast høyde") in options
    assert options[-1] == ("other", "Annet")
    assert names[:-1] == sorted(names[:-1], key=sort_key)
    assert "per_kg" not in dict(options)


def test_the_item_form_refuses_no_units_and_negative_prices_and_weights(users_a, client):
    client.force_login(users_a["innkjoper"])
    form = {
        "title": "Stol",
        "item_type": "office_chair",
        "category": "furniture.chairs",
        "quantity": "0",
        "condition": "good",
        "new_price": "-5",
        "weight_kg": "-3",
        "width_cm": "-1",
    }
    response = client.post(reverse("reuse:item_create"), form)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "quantity": ["Verdien må være større enn eller lik 1."],
        "new_price": ["Verdien må være større enn eller lik 0."],
        "weight_kg": ["Verdien må være større enn eller lik 0."],
        "width_cm": ["Verdien må være større enn eller lik 0."],
    }
    assert ReuseItem.objects.count() == 0


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("kontorstoler", ["Kontorstol, svart"]),
        ("mobler", ["Møbler fra Østre skole"]),
        ("ostre", ["Møbler fra Østre skole"]),
        ("skrivebord", ["Skrivebord 140 × 70"]),
        ("OB-177-00001", ["Skrivebord 140 × 70"]),
    ],
)
def test_the_search_finds_words_with_or_without_norwegian_letters_and_in_other_forms(org_a, query, titles):
    from gronnkjop.reuse.selectors import item_list

    make_item(org_a)
    make_item(org_a, title="Kontorstol, svart", item_type="office_chair", category="furniture.chairs")
    make_item(org_a, title="Møbler fra Østre skole", item_type="table", category="furniture.tables")
    assert sorted(i.title for i in item_list(organisation=org_a, q=query)) == titles


def test_the_pages_of_the_list_link_without_an_empty_query(org_a, users_a, client):
    from gronnkjop.reuse.models import ReuseItem as Item

    item = make_item(org_a)
    Item.objects.bulk_create(
        [
            Item(
                **{
                    f.attname: getattr(item, f.attname)
                    for f in Item._meta.concrete_fields
                    if not f.primary_key
                }
                | {"code": f"OB-X-{i}"}
            )
            for i in range(50)
        ]
    )
    client.force_login(users_a["innkjoper"])
    body = client.get(reverse("reuse:item_list")).content.decode()
    assert 'href="?side=2"' in body
    body = client.get(reverse("reuse:item_list"), {"q": "skrivebord"}).content.decode()
    assert 'href="?q=skrivebord&amp;side=2"' in body


@pytest.mark.parametrize("query", ["id=99999999999999999999999", "id=abc", "id=-3"])
def test_labels_for_ids_that_cannot_be_items_are_not_found(org_a, users_a, client, query):
    make_item(org_a)  # an available item, which an empty query would print
    client.force_login(users_a["leder"])
    assert client.get(reverse("reuse:labels") + "?" + query).status_code == 404
