"""Bulk registration from CSV/XLSX: all rows or none, per-row errors, Norwegian headers, re-import by
code, the page with preview and the command line."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from gronnkjop.formats.errors import TableError
from gronnkjop.formats.tables import read_rows
from gronnkjop.reuse.importing import import_plan
from gronnkjop.reuse.models import ReuseItem

pytestmark = pytest.mark.django_db

GOOD = """item_type;category;title;quantity;condition;location;new_price;weight_kg
office_chair;furniture.chairs;Kontorstol, svart;12;god;Rådhuset 2. etg;6 900,00;16
fixed_desk;;Skrivebord 140;4;brukbar;Rådhuset 3. etg;4200;30,5
door;building.doors;Innerdør 9 × 21;6;må repareres;Gamle skole;;28
"""

BAD = """item_type;category;title;quantity;condition;location;new_price;weight_kg
office_chair;furniture.chairs;Kontorstol;12;god;Rådhuset;6900;16
sofa_bed;furniture.sofas;Sovesofa;1;god;Rådhuset;9000;60
monitor;ict.monitors;;0;helt fin;Rådhuset;1,2,3;4
"""


def write(tmp_path, text, name="kartlegging.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_registers_every_row(org_a, tmp_path, capsys):
    call_command("reuse", "import", str(write(tmp_path, GOOD)), "--org", org_a.orgnr, "--format", "json")
    assert json.loads(capsys.readouterr().out) == {
        "ok": True,
        "applied": 3,
        "created": 3,
        "updated": 0,
        "errors": [],
    }
    rows = list(
        ReuseItem.objects.filter(organisation=org_a)
        .order_by("pk")
        .values_list(
            "item_type",
            "category",
            "quantity",
            "quantity_available",
            "condition",
            "site",
            "new_price",
            "weight_kg",
        )
    )
    assert rows == [
        (
            "office_chair",
            "furniture.chairs",
            12,
            12,
            "good",
            "Rådhuset 2. etg",
            Decimal("6900.00"),
            Decimal("16.000"),
        ),
        (
            "fixed_desk",
            "furniture.desks",
            4,
            4,
            "usable",
            "Rådhuset 3. etg",
            Decimal("4200.00"),
            Decimal("30.500"),
        ),
        ("door", "building.doors", 6, 6, "needs_repair", "Gamle skole", None, Decimal("28.000")),
    ]


def test_a_bad_file_lists_every_bad_row_exits_1_and_applies_nothing(org_a, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("reuse", "import", str(write(tmp_path, BAD)), "--org", org_a.orgnr, "--format", "json")
    out = json.loads(capsys.readouterr().out)
    assert exit_.value.code == 1
    assert (out["ok"], out["applied"]) == (False, 0)
    assert [(e["row"], e["column"]) for e in out["errors"]] == [
        (3, "item_type"),
        (4, "title"),
        (4, "quantity"),
        (4, "condition"),
        (4, "new_price"),
    ]
    assert ReuseItem.objects.count() == 0


def test_an_unknown_organisation_exits_2(tmp_path):
    with pytest.raises(SystemExit) as exit_:
        call_command("reuse", "import", str(write(tmp_path, GOOD)), "--org", "974760673")
    assert exit_.value.code == 2


def test_norwegian_headers_and_xlsx_are_accepted(org_a, tmp_path, capsys):
    book = Workbook()
    sheet = book.active
    sheet.append(
        ["Varetype", "Kategori", "Tittel", "Antall", "Tilstand", "Plassering", "Nypris", "Vekt (kg)", "Kode"]
    )
    sheet.append(["monitor", "Skjermer", "Skjerm 24", 10, "Som ny", "IT-lager", 2400, 4.2, "SK-1"])
    sheet.append(["laptop", "", "Bærbar 14", 3, "God", "IT-lager", "11 500", "1,5", "PC-1"])
    path = tmp_path / "ikt.xlsx"
    book.save(path)
    call_command("reuse", "import", str(path), "--org", org_a.orgnr)
    assert list(
        ReuseItem.objects.order_by("code").values_list(
            "code", "category", "condition", "new_price", "weight_kg"
        )
    ) == [
        ("PC-1", "ict.laptops", "good", Decimal("11500.00"), Decimal("1.500")),
        ("SK-1", "ict.monitors", "as_new", Decimal("2400.00"), Decimal("4.200")),
    ]


def test_re_importing_rows_with_codes_updates_instead_of_adding(org_a, tmp_path, capsys):
    text = "kode;varetype;tittel;antall;tilstand;plassering;nypris;vekt_kg\nA-1;office_chair;Stol;5;god;Lager;100;10\n"
    call_command("reuse", "import", str(write(tmp_path, text)), "--org", org_a.orgnr)
    call_command(
        "reuse",
        "import",
        str(write(tmp_path, text.replace(";5;", ";7;"))),
        "--org",
        org_a.orgnr,
        "--format",
        "json",
    )
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["updated"] == 1
    assert list(ReuseItem.objects.values_list("code", "quantity", "quantity_available")) == [("A-1", 7, 7)]


def test_duplicate_codes_in_one_file_are_an_error(org_a, tmp_path, capsys):
    text = "kode;varetype;tittel;antall\nA-1;office_chair;Stol;5\nA-1;office_chair;Stol;2\n"
    with pytest.raises(SystemExit):
        call_command("reuse", "import", str(write(tmp_path, text)), "--org", org_a.orgnr, "--format", "json")
    assert json.loads(capsys.readouterr().out)["errors"] == [
        {"row": 3, "column": "code", "error": "the code 'A-1' is also on row 2"}
    ]


def test_the_page_shows_a_preview_then_imports_on_confirmation(users_a, client):
    client.force_login(users_a["innkjoper"])
    upload = io.BytesIO(GOOD.encode())
    upload.name = "kartlegging.csv"
    response = client.post(reverse("reuse:item_import"), {"file": upload})
    assert (response.status_code, len(response.context["plan"].rows), ReuseItem.objects.count()) == (
        200,
        3,
        0,
    )
    response = client.post(reverse("reuse:item_import"), {"confirm": "1"})
    assert (response.status_code, ReuseItem.objects.count()) == (302, 3)


def test_the_page_lists_per_row_errors_and_imports_nothing(users_a, client):
    client.force_login(users_a["innkjoper"])
    upload = io.BytesIO(BAD.encode())
    upload.name = "kartlegging.csv"
    response = client.post(reverse("reuse:item_import"), {"file": upload})
    body = response.content.decode()
    assert [(e.row, e.column) for e in response.context["row_errors"]][:2] == [(3, "item_type"), (4, "title")]
    # shown in bokmål, under the Norwegian heading of the column
    assert "<td>varetype</td><td>&#x27;sofa_bed&#x27; er ikke en av" in body
    assert ReuseItem.objects.count() == 0
    assert client.post(reverse("reuse:item_import"), {"confirm": "1"}).status_code == 302
    assert ReuseItem.objects.count() == 0


def test_need_owners_cannot_import(users_a, client):
    client.force_login(users_a["behovseier"])
    assert client.get(reverse("reuse:item_import")).status_code == 403


def test_a_broken_workbook_gives_a_bokmal_error_on_the_file_field(users_a, client):
    client.force_login(users_a["innkjoper"])
    upload = io.BytesIO(b"PK\x03\x04 not a workbook")
    upload.name = "kartlegging.xlsx"
    response = client.post(reverse("reuse:item_import"), {"file": upload})
    assert response.context["form"].errors == {
        "file": ["kartlegging.xlsx: filen er ikke en lesbar Excel-arbeidsbok (.xlsx)"]
    }
    assert ReuseItem.objects.count() == 0


def test_item_types_may_be_given_by_name_in_bokmal_or_english(org_a, tmp_path):
    path = tmp_path / "kartlegging.csv"
    path.write_text(
        "varetype;tittel;antall\nKontorstol;Stol A;2\nskrivebord, fast høyde;Bord B;1\nOffice chair;Stol C;3\n"
        "sofa_bed;Sovesofa;1\n",
        encoding="utf-8",
    )
    with pytest.raises(TableError) as caught:
        import_plan(organisation=org_a, rows=read_rows(path), file=str(path))
    (error,) = caught.value.errors
    assert (error.row, error.column_nb) == (5, "varetype")
    assert error.detail_nb.startswith("'sofa_bed' er ikke en av Arbeidsstol; Bokhylle; Bord; Bærbar PC; ")
    assert error.detail_nb.endswith("; Trelast; Vindu; Annet")
    assert error.detail.endswith("; Timber; Window; Other")
    path.write_text(path.read_text(encoding="utf-8").rsplit("sofa_bed", 1)[0], encoding="utf-8")
    plan = import_plan(organisation=org_a, rows=read_rows(path), file=str(path))
    assert [row.values["item_type"] for row in plan.rows] == ["office_chair", "fixed_desk", "office_chair"]


def test_a_cell_longer_than_the_item_holds_is_an_error_of_its_row(org_a, tmp_path, capsys):
    text = f"kode;varetype;tittel;antall;beskrivelse\nA-1;office_chair;{'S' * 201};5;\nA-2;office_chair;Stol;2;ok\n"
    with pytest.raises(SystemExit):
        call_command("reuse", "import", str(write(tmp_path, text)), "--org", org_a.orgnr, "--format", "json")
    assert json.loads(capsys.readouterr().out)["errors"] == [
        {"row": 2, "column": "title", "error": "201 characters, at most 200 allowed"}
    ]
    assert ReuseItem.objects.count() == 0
