"""Imports from the pages: EHF files and ZIP archives, and ledger lines from SAF-T or CSV/XLSX (the
CSV service is all-or-nothing and idempotent)."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gronnkjop.followup.models import ImportBatch, Invoice, LedgerLine
from gronnkjop.followup.services.ledger_csv import ledger_csv_import
from gronnkjop.formats.errors import TableError

from .ui_fixtures import D, ehf_document, login, org_a, org_b, users_a  # noqa: F401 - fixtures

GOOD = (
    "dato;konto;beløp;leverandør_orgnr;leverandør;beskrivelse;ansvar\n"
    "15.01.2026;6540;1 250,00;920000118;Interiørhuset Møbler AS;Stoler;2110\n"
    "16.01.2026;6540;-250,00;920000118;Interiørhuset Møbler AS;Kreditert stol;2110\n"
    "16.01.2026;6810;99,50;;;Porto;1000\n"
    "16.01.2026;6810;99,50;;;Porto;1000\n"
).encode()


@pytest.fixture
def csv_file(tmp_path):
    def make(content: bytes = GOOD, name: str = "hovedbok.csv"):
        path = tmp_path / name
        path.write_bytes(content)
        return path

    return make


def _lines(org):
    return list(
        LedgerLine.objects.filter(organisation=org)
        .order_by("date", "account", "amount")
        .values_list("date", "account", "amount", "supplier_orgnr", "description", "unit_code")
    )


def test_ledger_csv_import_reads_norwegian_headers_and_signed_amounts(org_a, csv_file):
    result = ledger_csv_import(organisation=org_a, path=csv_file())
    assert (result.imported, result.skipped, result.batch.kind) == (4, 0, "ledger_csv")
    assert _lines(org_a) == [
        (D(2026, 1, 15), "6540", Decimal("1250.00"), "920000118", "Stoler", "2110"),
        (D(2026, 1, 16), "6540", Decimal("-250.00"), "920000118", "Kreditert stol", "2110"),
        (D(2026, 1, 16), "6810", Decimal("99.50"), "", "Porto", "1000"),
        (D(2026, 1, 16), "6810", Decimal("99.50"), "", "Porto", "1000"),
    ]


def test_ledger_csv_import_twice_changes_nothing(org_a, csv_file):
    ledger_csv_import(organisation=org_a, path=csv_file())
    again = ledger_csv_import(organisation=org_a, path=csv_file())
    assert (again.imported, again.skipped, LedgerLine.objects.count()) == (0, 4, 4)


def test_ledger_csv_import_adds_only_the_new_rows_of_a_longer_export(org_a, csv_file):
    ledger_csv_import(organisation=org_a, path=csv_file())
    longer = GOOD + b"17.01.2026;6810;99,50;;;Porto;1000\n20.01.2026;6300;5000;;;Leie;1000\n"
    result = ledger_csv_import(organisation=org_a, path=csv_file(longer))
    assert (result.imported, result.skipped, LedgerLine.objects.count()) == (2, 4, 6)


def test_ledger_csv_import_with_a_bad_row_imports_nothing(org_a, csv_file):
    bad = GOOD + b"32.01.2026;6540;abc;123;X;Feil;2110\n"
    with pytest.raises(TableError) as caught:
        ledger_csv_import(organisation=org_a, path=csv_file(bad))
    assert [(e.row, e.column) for e in caught.value.errors] == [
        (6, "date"),
        (6, "amount"),
        (6, "supplier_orgnr"),
    ]
    assert (LedgerLine.objects.count(), ImportBatch.objects.count()) == (0, 0)


def test_ledger_csv_import_reads_english_headers_and_xlsx(org_a, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["date", "account", "amount", "supplier_name"])
    sheet.append([D(2026, 2, 3), "6540", 1999.5, "Kontorpartner Nord AS"])
    path = tmp_path / "ledger.xlsx"
    workbook.save(path)
    result = ledger_csv_import(organisation=org_a, path=path)
    assert result.imported == 1
    assert list(LedgerLine.objects.values_list("date", "amount", "supplier_name")) == [
        (D(2026, 2, 3), Decimal("1999.50"), "Kontorpartner Nord AS")
    ]


def test_upload_ledger_csv_shows_the_batch(users_a, org_a, login):
    client = login(users_a["avtaleforvalter"])
    upload = SimpleUploadedFile("hovedbok.csv", GOOD, content_type="text/csv")
    response = client.post(reverse("followup:import"), {"what": "ledger", "ledger-file": upload})
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("followup:import_detail", args=[batch.pk])
    assert (batch.source, batch.imported) == ("hovedbok.csv", 4)
    page = client.get(response["Location"])
    assert len(page.context["ledger_lines"]) == 4


def test_upload_bad_ledger_csv_lists_the_errors_and_imports_nothing(users_a, org_a, login):
    client = login(users_a["avtaleforvalter"])
    upload = SimpleUploadedFile("hovedbok.csv", b"dato;konto;belop\n01.01.2026;6540;x\n")
    response = client.post(reverse("followup:import"), {"what": "ledger", "ledger-file": upload})
    assert response.status_code == 200
    assert response.context["errors"] == ["rad 2, kolonne beløp: 'x' er ikke et tall"]
    assert LedgerLine.objects.count() == 0


def test_upload_ehf_files_and_a_zip_imports_validates_and_skips(users_a, org_a, login):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("e2.xml", ehf_document("E-2"))
        z.writestr("e1-igjen.xml", ehf_document("E-1"))
    files = [
        SimpleUploadedFile("e1.xml", ehf_document("E-1"), content_type="application/xml"),
        SimpleUploadedFile("annen.xml", ehf_document("E-3", buyer=("940080185", "Nordvik kommune"))),
        SimpleUploadedFile("fakturaer.zip", archive.getvalue(), content_type="application/zip"),
    ]
    client = login(users_a["avtaleforvalter"])
    response = client.post(reverse("followup:import"), {"what": "ehf", "ehf-files": files})
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("followup:import_detail", args=[batch.pk])
    assert (batch.source, batch.imported, batch.skipped, batch.rejected) == (
        "e1.xml, annen.xml, fakturaer.zip",
        2,
        1,
        1,
    )
    assert sorted(Invoice.objects.values_list("number", flat=True)) == ["E-1", "E-2"]
    page = client.get(response["Location"])
    [rejected] = page.context["rejected"]
    assert rejected["file"] == "annen.xml"  # as uploaded, not the server's temporary path
    assert [e["rule"] for e in rejected["errors"]] == ["GK-BUYER"]
    assert "Nordvik" not in str(org_a)


def test_a_finding_says_its_severity_in_words_in_both_languages(users_a, login):
    upload = SimpleUploadedFile("annen.xml", ehf_document("E-3", buyer=("940080185", "Nordvik kommune")))
    client = login(users_a["avtaleforvalter"])
    response = client.post(reverse("followup:import"), {"what": "ehf", "ehf-files": [upload]})
    row = "<tr><td>GK-BUYER</td><td>{}</td>"
    page = client.get(response["Location"]).content.decode()
    assert row.format("Feil") in page
    assert "fatal" not in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(response["Location"]).content.decode()
    assert row.format("Error") in page


def test_upload_needs_a_file(users_a, login):
    response = login(users_a["avtaleforvalter"]).post(reverse("followup:import"), {"what": "ehf"})
    assert response.status_code == 200
    assert response.context["invoice_form"].errors == {"files": ["Feltet er påkrevet."]}


def test_unreadable_uploads_are_named_as_uploaded_and_said_in_both_languages(users_a, org_a, login):
    files = [
        SimpleUploadedFile("notat.xml", b"<note><to>Tove</to></note>"),
        SimpleUploadedFile("halv.xml", b"<Invoice><ID>1</ID>"),
        SimpleUploadedFile("falsk.zip", b"this is not an archive"),
    ]
    client = login(users_a["avtaleforvalter"])
    response = client.post(reverse("followup:import"), {"what": "ehf", "ehf-files": files})
    page = client.get(response["Location"])
    found = {
        item["file"]: [(e["rule"], e["message"]) for e in item["errors"]] for item in page.context["rejected"]
    }
    assert found == {
        "notat.xml": [("UBL-ROOT", "Dokumentet er ikke en UBL 2.1 Invoice eller CreditNote: note")],
        "halv.xml": [
            ("XML", "halv.xml, linje 1: XML-en er avkortet: filen slutter før dokumentet er ferdig")
        ],
        "falsk.zip": [("FILE", "falsk.zip: filen er ikke et lesbart ZIP-arkiv")],
    }
    body = page.content.decode()
    assert "gk-ehf-" not in body and "/tmp/" not in body
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(response["Location"]).content.decode()
    assert "falsk.zip: not a readable ZIP archive: File is not a zip file" in english


def test_only_xml_and_zip_files_are_taken_as_invoices(users_a, login):
    upload = SimpleUploadedFile("hovedbok.csv", b"dato;konto;belop\n")
    response = login(users_a["avtaleforvalter"]).post(
        reverse("followup:import"), {"what": "ehf", "ehf-files": [upload]}
    )
    assert response.status_code == 200
    assert response.context["invoice_form"].errors == {
        "files": ["Bare EHF-filer (.xml) og ZIP-arkiver (.zip) kan importeres her, ikke hovedbok.csv."]
    }
    assert ImportBatch.objects.count() == 0


def test_a_ledger_xml_that_is_not_saft_is_named_as_uploaded(users_a, login):
    upload = SimpleUploadedFile("hovedbok.xml", b'<?xml version="1.0"?>\n<note/>')
    response = login(users_a["avtaleforvalter"]).post(
        reverse("followup:import"), {"what": "ledger", "ledger-file": upload}
    )
    assert response.context["errors"] == [
        "hovedbok.xml, linje 2: filen er ikke en SAF-T Financial-fil: rotelementet er 'note', ikke AuditFile"
    ]


def test_an_empty_file_is_rejected_on_its_own_by_name_and_the_others_are_imported(users_a, org_a, login):
    files = [
        SimpleUploadedFile("tom.xml", b"", content_type="application/xml"),
        SimpleUploadedFile("e1.xml", ehf_document("E-1"), content_type="application/xml"),
    ]
    client = login(users_a["avtaleforvalter"])
    response = client.post(reverse("followup:import"), {"what": "ehf", "ehf-files": files})
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("followup:import_detail", args=[batch.pk])
    assert (batch.source, batch.imported, batch.skipped, batch.rejected) == ("tom.xml, e1.xml", 1, 0, 1)
    assert list(Invoice.objects.values_list("number", flat=True)) == ["E-1"]
    page = client.get(response["Location"])
    assert [
        (item["file"], [(e["rule"], e["message"]) for e in item["errors"]])
        for item in page.context["rejected"]
    ] == [("tom.xml", [("XML", "tom.xml: filen er tom")])]
    html = page.content.decode()
    assert '<h3 class="ds-heading" data-size="xs">tom.xml</h3>' in html
    assert "<td>tom.xml: filen er tom</td>" in html
