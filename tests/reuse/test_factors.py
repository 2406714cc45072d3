"""The factor table: the repository fixture holds the published facts, editable with versions."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest
from django.urls import reverse

from gronnkjop.reuse.factor_fixture import ROWS
from gronnkjop.reuse.models import Factor

pytestmark = pytest.mark.django_db


def test_the_fixture_matches_the_published_table(shared_data):
    path = shared_data / "climate" / "reuse-item-factors.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter=";"))[1:]
    # The basis may itself contain a semicolon (office_chair): the source is always the last field.
    published = {
        row[0]: (
            Decimal(row[2]) if row[2] else None,
            Decimal(row[3]) if row[3] else None,
            ";".join(row[4:-1]),
            row[-1],
        )
        for row in rows
    }
    assert {key: (new, saved, basis, source) for key, _cat, new, saved, basis, source in ROWS} == published


def test_the_migration_loads_one_current_row_per_item_type_with_its_source():
    laptop = Factor.objects.get(item_type="laptop", current=True)
    assert (laptop.kg_co2e_new, laptop.kg_co2e_saved, laptop.source) == (
        Decimal("300.000"),
        Decimal("225.000"),
        "DFØ example bank, used PC equipment in Sør-Varanger",
    )
    assert Factor.objects.filter(current=True).count() == len(
        set(Factor.objects.values_list("item_type", flat=True))
    )


def test_an_administrator_changes_a_factor_as_a_new_version(users_a, client):
    client.force_login(users_a["administrator"])
    response = client.post(
        reverse("reuse:factor_edit", args=["per_kg"]),
        {"kg_co2e_saved": "1.2", "basis": "Test", "source": "Kommunens egen vurdering"},
    )
    assert response.status_code == 302
    assert list(
        Factor.objects.filter(item_type="per_kg").values_list("version", "current", "kg_co2e_saved")
    ) == [
        (2, True, Decimal("1.200")),
        (1, False, Decimal("0.000")),
    ]


def test_others_than_administrators_cannot_change_factors(users_a, client):
    client.force_login(users_a["innkjoper"])
    assert client.post(reverse("reuse:factor_edit", args=["laptop"]), {"source": "x"}).status_code == 403
    assert Factor.objects.filter(item_type="laptop").count() == 1


def test_everyone_logged_in_sees_the_table_with_sources(users_a, client):
    client.force_login(users_a["leder"])
    body = client.get(reverse("reuse:factor_list")).content.decode()
    assert "TU Berlin 2005 model, as quoted by puc.be" in body


def test_our_own_texts_of_the_table_follow_the_interface_language(users_a, client):
    client.force_login(users_a["leder"])
    body = client.get(reverse("reuse:factor_list")).content.decode()
    assert "Ingen publisert faktor per gjenstand; reserveverdien per kg brukes" in body
    assert "<td>Ikke satt ennå</td>" in body
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("reuse:factor_list")).content.decode()
    assert "No published factor per item; the per-kg fallback is used" in body
    assert "<td>Not set yet</td>" in body
    assert "Ingen publisert faktor" not in body
    assert "TU Berlin 2005 model, as quoted by puc.be" in body  # a published source as it was written


def test_every_published_basis_is_listed_for_translation_and_reads_in_bokmal(users_a, client):
    from gronnkjop.reuse.factor_fixture import ROWS
    from gronnkjop.reuse.item_types import PUBLISHED_BASES

    assert sorted(set(PUBLISHED_BASES)) == sorted({row[4] for row in ROWS})
    client.force_login(users_a["leder"])
    body = client.get(reverse("reuse:factor_list")).content.decode()
    assert "<td>ny 300 kg mot brukt 75 kg per bærbar PC</td>" in body
    assert "DFØ example bank, used PC equipment in Sør-Varanger" in body  # a source cites, as written
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("reuse:factor_list")).content.decode()
    assert "<td>new 300 kg vs used 75 kg per laptop</td>" in body


def test_a_published_english_source_is_marked_as_english_on_a_bokmal_page(users_a, client):
    client.force_login(users_a["leder"])
    source = "TU Berlin 2005 model, as quoted by puc.be"
    body = client.get(reverse("reuse:factor_list")).content.decode()
    assert f'<td><span lang="en">{source}</span></td>' in body
    assert "<td>Ikke satt ennå</td>" in body  # our own text is in the page's language: not marked
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("reuse:factor_list")).content.decode()
    assert f"<td>{source}</td>" in body
