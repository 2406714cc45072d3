"""Reading EHF invoices and credit notes into the data classes."""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from gronnkjop.formats.ehf import iter_documents, read_invoice
from gronnkjop.formats.ehf.model import Classification, Identifier, ItemProperty, TaxRegistration
from gronnkjop.formats.errors import FormatError, NotUBLError, NotXMLError

NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
TOTALS = {
    "line_extension": "LineExtensionAmount",
    "tax_exclusive": "TaxExclusiveAmount",
    "tax_inclusive": "TaxInclusiveAmount",
    "allowance_total": "AllowanceTotalAmount",
    "charge_total": "ChargeTotalAmount",
    "prepaid": "PrepaidAmount",
    "payable_rounding": "PayableRoundingAmount",
    "payable": "PayableAmount",
}


def _expected_by_xpath(path: Path) -> tuple[str, int, dict[str, Decimal | None]]:
    """Root name, line count and monetary totals, extracted independently with plain XPath."""
    root = etree.parse(str(path)).getroot()
    lines = root.xpath("count(cac:InvoiceLine | cac:CreditNoteLine)", namespaces=NS)
    totals = {}
    for field, tag in TOTALS.items():
        found = root.xpath(f"cac:LegalMonetaryTotal/cbc:{tag}/text()", namespaces=NS)
        totals[field] = Decimal(found[0].strip()) if found else None
    return etree.QName(root).localname, int(lines), totals


def test_every_official_example_reads_with_its_totals_and_line_count(shared_data, example_name):
    path = shared_data / "ehf" / example_name
    document, line_count, totals = _expected_by_xpath(path)

    invoice = read_invoice(path)

    assert invoice.document_type == document
    assert len(invoice.lines) == line_count
    assert {field: getattr(invoice.totals, field) for field in TOTALS} == totals


def test_base_example_fields_are_read_exactly(shared_data):
    invoice = read_invoice(shared_data / "ehf" / "peppol-bis3-examples" / "base-example.xml")

    assert (invoice.number, invoice.issue_date, invoice.due_date) == (
        "Snippet1",
        date(2017, 11, 13),
        date(2017, 12, 1),
    )
    assert (invoice.type_code, invoice.currency, invoice.buyer_reference, invoice.accounting_cost) == (
        "380",
        "EUR",
        "0150abc",
        "4025:123:4343",
    )
    assert invoice.supplier.endpoint == Identifier("9482348239847239874", "0088")
    assert invoice.supplier.legal_name == "SupplierOfficialName Ltd"
    assert invoice.supplier.vat_id == "GB1232434"
    assert invoice.buyer.legal_id == Identifier("39937423947", "0183")
    assert invoice.buyer.contact.email == "lj@buyer.se"
    assert invoice.delivery.date == date(2017, 11, 1)
    assert invoice.payment_means[0].account == "IBAN32423940"
    assert invoice.kid == "Snippet1"
    assert [(ac.is_charge, ac.amount, ac.reason) for ac in invoice.allowance_charges] == [
        (True, Decimal("25"), "Insurance")
    ]
    assert [(s.category_id, s.percent, s.taxable_amount, s.tax_amount) for s in invoice.tax_subtotals] == [
        ("S", Decimal("25.0"), Decimal("1325"), Decimal("331.25"))
    ]
    first, second = invoice.lines
    assert (first.id, first.quantity, first.unit_code, first.net_amount, first.price_amount) == (
        "1",
        Decimal("7"),
        "DAY",
        Decimal("2800"),
        Decimal("400"),
    )
    assert first.classifications == (Classification("09348023", "SRV"),)
    assert (first.order_line_reference, first.accounting_cost, first.origin_country) == (
        "123",
        "Konteringsstreng",
        "NO",
    )
    assert (second.quantity, second.net_amount, second.net_unit_price) == (
        Decimal("-3"),
        Decimal("-1500"),
        Decimal("500"),
    )


def test_norwegian_example_has_orgnr_vat_id_and_foretaksregisteret(shared_data):
    invoice = read_invoice(shared_data / "ehf" / "ehf-norway" / "ehf-3-faktura-1.xml")

    assert invoice.number == "TOSL108"
    assert invoice.supplier.organisation_number == "123456785"
    assert invoice.supplier.vat_id == "NO123456785MVA"
    assert invoice.supplier.tax_registrations == (
        TaxRegistration("NO123456785MVA", "VAT"),
        TaxRegistration("Foretaksregisteret", "TAX"),
    )
    assert invoice.buyer.organisation_number == "987654325"
    assert invoice.contract_reference == "Contract321"
    assert invoice.order_reference == "123"
    assert (invoice.invoice_period.start, invoice.invoice_period.end) == (date(2013, 6, 1), date(2013, 6, 30))
    assert invoice.payee.legal_id == Identifier("999999999", "0192")
    assert [d.id.value for d in invoice.additional_documents] == ["Doc1", "Doc2"]
    assert invoice.additional_documents[1].filename == "Hours-spent.csv"
    assert (invoice.totals.payable, invoice.tax_total, len(invoice.lines)) == (
        Decimal("802.00"),
        Decimal("365.28"),
        5,
    )


def test_official_credit_note_is_marked_as_credit(shared_data):
    invoice = read_invoice(shared_data / "ehf" / "peppol-bis3-examples" / "base-creditnote-correction.xml")

    assert (invoice.document_type, invoice.type_code, invoice.is_credit, invoice.sign) == (
        "CreditNote",
        "381",
        True,
        -1,
    )
    assert invoice.totals.payable == Decimal("1656.25")
    assert invoice.signed(invoice.totals.payable) == Decimal("-1656.25")
    assert invoice.preceding_invoice == "Snippet1"


def test_price_discount_is_read_and_net_price_is_not_reduced_twice(shared_data):
    invoice = read_invoice(shared_data / "ehf" / "peppol-bis3-examples" / "Allowance-example.xml")
    line = invoice.lines[0]

    assert (line.price_amount, line.price_allowance, line.price_base_amount, line.base_quantity) == (
        Decimal("410"),
        Decimal("40"),
        Decimal("450"),
        Decimal("1"),
    )
    assert (line.net_unit_price, line.gross_unit_price) == (Decimal("410"), Decimal("450"))
    assert invoice.lines[1].net_unit_price == Decimal("100")  # 200 per base quantity 2
    assert (invoice.tax_total, invoice.tax_currency, invoice.tax_total_accounting) == (
        Decimal("1225.00"),
        "SEK",
        Decimal("9324.00"),
    )


def test_own_norwegian_invoice_reads_every_field(fixtures):
    invoice = read_invoice(fixtures / "ehf" / "invoice-no.xml")

    assert (invoice.number, invoice.issue_date, invoice.due_date, invoice.is_credit, invoice.sign) == (
        "GK-2026-0042",
        date(2026, 3, 2),
        date(2026, 4, 1),
        False,
        1,
    )
    assert (invoice.contract_reference, invoice.project_reference, invoice.order_reference) == (
        "RA-2025-017",
        "PRJ-SKOLE-9",
        "PO-7781",
    )
    assert invoice.notes == ("Levert til Rådhuset, 2. etasje",)
    assert (invoice.supplier.organisation_number, invoice.supplier.vat_id, invoice.supplier.name) == (
        "921432569",
        "NO921432569MVA",
        "Grønn Kontor AS",
    )
    assert (invoice.buyer.organisation_number, invoice.buyer.name, invoice.buyer.vat_id) == (
        "964338531",
        "Eksempel kommune",
        None,
    )
    assert (invoice.account, invoice.kid, invoice.payment_means[0].code) == (
        "12345678903",
        "2026004212",
        "30",
    )
    assert invoice.delivery.address.street == "Skoleveien 3"
    assert [(s.percent, s.taxable_amount, s.tax_amount) for s in invoice.tax_subtotals] == [
        (Decimal("25"), Decimal("11900.00"), Decimal("2975.00")),
        (Decimal("15"), Decimal("750.00"), Decimal("112.50")),
    ]
    totals = invoice.totals
    assert (totals.line_extension, totals.charge_total, totals.tax_exclusive, totals.payable) == (
        Decimal("12150.00"),
        Decimal("500.00"),
        Decimal("12650.00"),
        Decimal("15737.50"),
    )
    chair, coffee = invoice.lines
    assert (chair.gtin, chair.sellers_item_id, chair.cpv_codes, chair.codes("TST")) == (
        "7071234567891",
        "KS-100",
        ("39112000",),
        ("56101519",),
    )
    assert chair.classifications[1] == Classification("56101519", "TST", "19.0501")
    assert chair.properties == (ItemProperty("Tilstand", "Brukt"),)
    assert [(ac.is_charge, ac.percentage, ac.base_amount, ac.amount) for ac in chair.allowance_charges] == [
        (False, Decimal("5"), Decimal("12000.00"), Decimal("600.00"))
    ]
    assert (chair.vat_category, chair.vat_rate, chair.net_amount) == ("S", Decimal("25"), Decimal("11400.00"))
    assert (coffee.quantity, coffee.unit_code, coffee.base_quantity, coffee.net_unit_price) == (
        Decimal("3"),
        "KGM",
        Decimal("2"),
        Decimal("250.00"),
    )
    assert (coffee.price_allowance, coffee.price_base_amount, coffee.gross_unit_price) == (
        Decimal("100.00"),
        Decimal("600.00"),
        Decimal("300.00"),
    )
    assert coffee.period.start == date(2026, 2, 1)


def test_own_credit_note_takes_due_date_and_project_from_their_credit_note_places(fixtures):
    note = read_invoice(fixtures / "ehf" / "creditnote-no.xml")

    assert (note.document_type, note.is_credit, note.sign) == ("CreditNote", True, -1)
    assert note.due_date == date(2026, 4, 9)
    assert note.project_reference == "PRJ-SKOLE-9"
    assert note.additional_documents == ()
    assert (note.preceding_invoice, note.billing_references[0].issue_date) == (
        "GK-2026-0042",
        date(2026, 3, 2),
    )
    assert note.signed(note.totals.payable) == Decimal("-2850.00")
    assert [(line.quantity, line.net_amount) for line in note.lines] == [(Decimal("2"), Decimal("2280.00"))]


def test_invoice_reads_from_bytes_and_from_a_binary_stream(invoice_xml):
    from_bytes = read_invoice(invoice_xml)
    from_stream = read_invoice(io.BytesIO(invoice_xml))

    assert from_bytes == from_stream
    assert from_bytes.number == "GK-2026-0042"


def test_invoice_is_immutable(invoice_xml):
    invoice = read_invoice(invoice_xml)

    with pytest.raises(AttributeError):
        invoice.number = "X"  # type: ignore[misc]


def test_a_bad_date_names_the_element_and_line(invoice_xml):
    broken = invoice_xml.replace(b"<cbc:IssueDate>2026-03-02<", b"<cbc:IssueDate>2026-13-02<")

    with pytest.raises(FormatError) as caught:
        read_invoice(broken, name="faktura.xml")

    assert str(caught.value) == "faktura.xml, line 9: cbc:IssueDate: '2026-13-02' is not a date (YYYY-MM-DD)"


def test_a_bad_amount_names_the_element(invoice_xml):
    broken = invoice_xml.replace(b">15737.50</cbc:PayableAmount>", b">15 737,50</cbc:PayableAmount>")

    with pytest.raises(FormatError) as caught:
        read_invoice(broken)

    assert caught.value.reason == "cbc:PayableAmount: '15 737,50' is not a number"


def test_other_xml_is_not_ubl(invoice_xml):
    with pytest.raises(NotUBLError) as caught:
        read_invoice(b"<Order xmlns='urn:oasis:names:specification:ubl:schema:xsd:Order-2'/>")

    assert caught.value.reason == (
        "root element 'Order' (namespace 'urn:oasis:names:specification:ubl:schema:xsd:Order-2') "
        "is not a UBL Invoice or CreditNote"
    )


def test_folder_gives_one_result_per_file_and_does_not_stop_at_a_bad_one(tmp_path, fixtures):
    shutil.copy(fixtures / "ehf" / "invoice-no.xml", tmp_path / "a.xml")
    (tmp_path / "b.xml").write_bytes(b"<Invoice><unclosed></Invoice>")
    (tmp_path / "c.txt").write_text("not an invoice")
    (tmp_path / "sub").mkdir()
    shutil.copy(fixtures / "ehf" / "creditnote-no.xml", tmp_path / "sub" / "d.XML")

    results = list(iter_documents(tmp_path))

    assert [
        (Path(r.file).name, r.ok, type(r.error).__name__ if r.error else None, r.skipped) for r in results
    ] == [
        ("a.xml", True, None, None),
        ("b.xml", False, "NotXMLError", None),
        ("c.txt", False, None, "not an .xml file"),
        ("d.XML", True, None, None),
    ]
    assert results[3].invoice.document_type == "CreditNote"
    assert results[1].error.file == str(tmp_path / "b.xml")


def test_zip_archive_gives_one_result_per_member(tmp_path, invoice_xml, credit_note_xml):
    archive = tmp_path / "innboks.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("2026/faktura.xml", invoice_xml)
        zf.writestr("2026/kreditnota.xml", credit_note_xml)
        zf.writestr("vedlegg.pdf", b"%PDF-1.4")
        zf.writestr("tom.xml", b"")

    results = list(iter_documents(archive))

    assert [(r.file, r.ok, r.skipped) for r in results] == [
        (f"{archive}!2026/faktura.xml", True, None),
        (f"{archive}!2026/kreditnota.xml", True, None),
        (f"{archive}!vedlegg.pdf", False, "not an .xml file"),
        (f"{archive}!tom.xml", False, None),
    ]
    assert isinstance(results[3].error, NotXMLError)
    assert results[3].error.reason == "file is empty"


def test_iter_documents_is_lazy(tmp_path, invoice_xml):
    for i in range(3):
        (tmp_path / f"{i}.xml").write_bytes(invoice_xml)

    results = iter_documents(tmp_path)

    assert next(results).ok is True
    assert next(results).ok is True


def test_missing_path_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        list(iter_documents(tmp_path / "nope"))


def test_every_line_field_is_read_into_its_own_place(invoice_xml):
    # The reader builds lines positionally: a line with every field set to a value of its own,
    # written and read back, must come back field for field.
    from dataclasses import fields, replace

    from gronnkjop.formats.ehf import write_invoice
    from gronnkjop.formats.ehf.model import AllowanceCharge, Period, TaxCategory

    invoice = read_invoice(invoice_xml)
    line = replace(
        invoice.lines[0],
        id="L-7",
        quantity=Decimal("3"),
        unit_code="KGM",
        net_amount=Decimal("150.00"),
        name="Kaffe",
        price_amount=Decimal("100.00"),
        tax_category=TaxCategory("S", Decimal("15")),
        note="Linjenotat",
        accounting_cost="4410-12",
        period=Period(date(2026, 2, 1), date(2026, 2, 28)),
        order_line_reference="OL-9",
        document_reference=Identifier("DOC-3", "ABZ"),
        document_type_code="130",
        allowance_charges=(AllowanceCharge(False, Decimal("50.00"), "95", "Rabatt"),),
        description="Økologisk kaffe",
        buyers_item_id="B-11",
        sellers_item_id="S-12",
        standard_item_id=Identifier("7071234567891", "0160"),
        origin_country="CO",
        classifications=(Classification("15861000", "STI"),),
        properties=(ItemProperty("Sertifisering", "Fairtrade"),),
        base_quantity=Decimal("2"),
        base_quantity_unit="KGM",
        price_allowance=Decimal("10.00"),
        price_base_amount=Decimal("110.00"),
    )
    assert all(getattr(line, f.name) != f.default for f in fields(line))  # every field is set
    read = read_invoice(write_invoice(replace(invoice, lines=(line,)))).lines[0]
    assert {f.name: getattr(read, f.name) for f in fields(read)} == {
        f.name: getattr(line, f.name) for f in fields(line)
    }
