import datetime as dt
import zipfile
from decimal import Decimal

import pytest

from gronnkjop.followup.models import Deviation, ImportBatch, Invoice, InvoiceLine
from gronnkjop.followup.services import invoice_import

from .conftest import ehf


def test_an_invoice_is_imported_with_its_lines_matched_and_controlled(dulten, write):
    path = write(
        "f1.xml", ehf(lines=(("KP-10001", "Kopipapir", "20", None), ("KP-10020", "Kulepenn", "30", None)))
    )
    result = invoice_import(organisation=dulten, paths=[path])
    assert result.as_json() == {"imported": 1, "skipped": 0, "rejected": []}
    invoice = Invoice.objects.get()
    assert (invoice.number, invoice.supplier_orgnr, invoice.contract.number, invoice.match_how) == (
        "F-1",
        "920000185",
        "DUL-103",
        "reference",
    )
    assert [
        (ln.article_number, ln.quantity, ln.contract.number) for ln in invoice.lines.order_by("line_id")
    ] == [("KP-10001", Decimal("20.0000"), "DUL-103"), ("KP-10020", Decimal("30.0000"), "DUL-103")]
    assert invoice.xml.read().startswith(b"<?xml")
    assert result.control.run.lines_checked == 2
    assert Deviation.objects.count() == 0


def test_a_resend_of_the_same_document_is_skipped(dulten, write):
    path = write("f1.xml", ehf())
    invoice_import(organisation=dulten, paths=[path])
    again = invoice_import(organisation=dulten, paths=[path])
    assert again.as_json() == {"imported": 0, "skipped": 1, "rejected": []}
    assert again.skipped == [{"file": str(path), "number": "F-1", "reason": "already imported"}]
    assert (Invoice.objects.count(), InvoiceLine.objects.count()) == (1, 1)


def test_a_different_document_with_the_same_number_is_imported_and_flagged_duplicate(dulten, write):
    first = write("a.xml", ehf(number="77", lines=(("KP-10001", "Kopipapir", "20", None),)))
    second = write(
        "b.xml",
        ehf(
            number="77",
            lines=(("KP-10001", "Kopipapir", "25", None),),
            date=dt.date.today() - dt.timedelta(days=10),
        ),
    )
    result = invoice_import(organisation=dulten, paths=[first, second])
    assert result.as_json()["imported"] == 2
    later = Invoice.objects.get(number="77", amount_excl_vat=Decimal("1322.50"))
    assert list(Deviation.objects.values_list("code", "invoice_id")) == [("DUPLICATE_INVOICE", later.pk)]


def test_a_bad_file_is_rejected_with_the_validators_findings_and_the_rest_goes_on(dulten, write, tmp_path):
    broken = ehf(number="B-1").replace(b"<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>", b"")
    folder = tmp_path / "innboks"
    folder.mkdir()
    (folder / "1-ok.xml").write_bytes(ehf(number="OK-1"))
    (folder / "2-broken.xml").write_bytes(broken)
    (folder / "3-not-xml.xml").write_bytes(b"this is not XML")
    result = invoice_import(organisation=dulten, paths=[folder])
    assert result.as_json()["imported"] == 1
    assert [
        (r["file"].rsplit("/", 1)[1], sorted({e["rule"] for e in r["errors"]})) for r in result.rejected
    ] == [
        ("2-broken.xml", ["BR-04"]),
        ("3-not-xml.xml", ["XML"]),
    ]
    assert list(Invoice.objects.values_list("number", flat=True)) == ["OK-1"]
    batch = ImportBatch.objects.get()
    assert (batch.imported, batch.skipped, batch.rejected) == (1, 0, 2)


def test_an_invoice_addressed_to_another_organisation_is_rejected(dulten, write):
    path = write("x.xml", ehf(buyer=("940080185", "Nordvik kommune")))
    result = invoice_import(organisation=dulten, paths=[path])
    assert [e["rule"] for e in result.rejected[0]["errors"]] == ["GK-BUYER"]
    assert Invoice.objects.count() == 0


def test_a_zip_of_invoices_is_imported(dulten, tmp_path):
    archive = tmp_path / "fakturaer.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for n in range(1, 4):
            z.writestr(f"f{n}.xml", ehf(number=f"Z-{n}"))
        z.writestr("les-meg.txt", "not an invoice")
    result = invoice_import(organisation=dulten, paths=[archive])
    assert result.as_json() == {"imported": 3, "skipped": 0, "rejected": []}


def test_credit_note_is_stored_as_credit(dulten, write):
    invoice_import(organisation=dulten, paths=[write("f.xml", ehf(number="C-1"))])
    invoice_import(organisation=dulten, paths=[write("k.xml", ehf(number="K-1", credit_of="C-1"))])
    credit = Invoice.objects.get(number="K-1")
    assert (credit.is_credit, credit.preceding_invoice, credit.signed(credit.amount_excl_vat)) == (
        True,
        "C-1",
        Decimal("-1058.00"),
    )  # 20 × 52.90 (the price since the mid-year change)
    assert Deviation.objects.count() == 0


def test_missing_path_is_an_error(dulten, tmp_path):
    with pytest.raises(FileNotFoundError):
        invoice_import(organisation=dulten, paths=[tmp_path / "finnes-ikke"])
    assert ImportBatch.objects.count() == 0
