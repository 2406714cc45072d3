"""Writing invoices back to UBL and building Norwegian invoices with correct totals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from lxml import etree

from gronnkjop.formats.ehf import LineInput, build_invoice, norwegian_party, read_invoice, write_invoice
from gronnkjop.formats.ehf.model import AllowanceCharge, Classification, TaxCategory
from gronnkjop.formats.ehf.writer import compute_tax_subtotals, round_amount, vat_category

XSD = {"Invoice": "UBL-Invoice-2.1.xsd", "CreditNote": "UBL-CreditNote-2.1.xsd"}


def _schema(shared_data, document_type):
    return etree.XMLSchema(
        etree.parse(str(shared_data / "ehf" / "ubl-2.1-xsd" / "xsd" / "maindoc" / XSD[document_type]))
    )


def _supplier():
    return norwegian_party(
        name="Grønn Kontor AS", orgnr="921432569", street="Storgata 12", city="Hamar", postal_zone="2317"
    )


def _buyer():
    return norwegian_party(
        name="Eksempel kommune",
        orgnr="964338531",
        city="Eksempelby",
        postal_zone="2300",
        vat_registered=False,
        enterprise_register=False,
    )


def test_every_official_example_survives_a_round_trip_and_stays_schema_valid(shared_data, example_name):
    original = read_invoice(shared_data / "ehf" / example_name)

    written = write_invoice(original)

    assert read_invoice(written) == original
    schema = _schema(shared_data, original.document_type)
    assert schema.validate(etree.fromstring(written)), str(schema.error_log.last_error)


@pytest.mark.parametrize("fixture", ["invoice-no.xml", "creditnote-no.xml"])
def test_own_fixtures_survive_a_round_trip(fixtures, fixture):
    original = read_invoice(fixtures / "ehf" / fixture)

    assert read_invoice(write_invoice(original)) == original


def test_written_document_has_peppol_ids_and_declaration(invoice_xml):
    written = write_invoice(read_invoice(invoice_xml))

    assert written.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<Invoice xmlns=")
    root = etree.fromstring(written)
    ns = {"cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}
    assert root.findtext("cbc:CustomizationID", namespaces=ns) == (
        "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
    )
    assert root.findtext("cbc:ProfileID", namespaces=ns) == "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"


def test_credit_note_due_date_is_written_into_payment_means(credit_note_xml):
    note = read_invoice(credit_note_xml)

    written = write_invoice(note)

    assert b"<cbc:DueDate>" not in written
    assert b"<cbc:PaymentDueDate>2026-04-09</cbc:PaymentDueDate>" in written
    assert b"<cbc:DocumentTypeCode>50</cbc:DocumentTypeCode>" in written


def test_amounts_are_written_in_plain_notation_never_with_an_exponent():
    invoice = build_invoice(
        number="1",
        issue_date=date(2026, 1, 5),
        supplier=_supplier(),
        buyer=_buyer(),
        lines=[LineInput("Konsulenttime", Decimal("1E+2"), Decimal("1.0E+3"), unit_code="HUR")],
    )

    written = write_invoice(invoice)

    assert b"E+" not in written
    assert b'<cbc:InvoicedQuantity unitCode="HUR">100</cbc:InvoicedQuantity>' in written
    assert b'<cbc:PriceAmount currencyID="NOK">1000</cbc:PriceAmount>' in written
    assert b'<cbc:LineExtensionAmount currencyID="NOK">100000.00</cbc:LineExtensionAmount>' in written


def test_round_amount_is_half_up():
    assert [round_amount(Decimal(v)) for v in ("0.005", "0.015", "2.675", "-0.005")] == [
        Decimal("0.01"),
        Decimal("0.02"),
        Decimal("2.68"),
        Decimal("-0.01"),
    ]


def test_build_invoice_computes_lines_vat_subtotals_and_totals():
    invoice = build_invoice(
        number="GK-1",
        issue_date=date(2026, 3, 2),
        due_date=date(2026, 4, 1),
        supplier=_supplier(),
        buyer=_buyer(),
        buyer_reference="4410",
        contract_reference="RA-2025-017",
        account="12345678903",
        kid="2026004212",
        lines=[
            LineInput("Kontorstol", Decimal("3"), Decimal("333.335"), allowance=Decimal("10")),
            LineInput("Kaffe", Decimal("2.5"), Decimal("199.99"), unit_code="KGM", vat_rate=Decimal(15)),
            LineInput("Bok", Decimal("1"), Decimal("349"), vat_category="Z", vat_rate=Decimal(0)),
            LineInput(
                "Papir",
                Decimal("10"),
                Decimal("120"),
                base_quantity=Decimal("5"),
                price_discount=Decimal("15"),
            ),
        ],
        allowance_charges=[
            AllowanceCharge(True, Decimal("99.00"), reason="Frakt", tax_category=vat_category("S", 25))
        ],
    )

    assert [(line.id, line.net_amount) for line in invoice.lines] == [
        ("1", Decimal("990.01")),  # 3 × 333.335 = 1000.005 → 1000.01, minus allowance 10.00
        ("2", Decimal("499.98")),  # 2.5 × 199.99 = 499.975 → 499.98
        ("3", Decimal("349.00")),
        ("4", Decimal("240.00")),  # 10 × 120 / 5
    ]
    assert [(s.category_id, s.percent, s.taxable_amount, s.tax_amount) for s in invoice.tax_subtotals] == [
        ("S", Decimal("25"), Decimal("1329.01"), Decimal("332.25")),  # 990.01 + 240.00 + 99.00
        ("S", Decimal("15"), Decimal("499.98"), Decimal("75.00")),  # 74.997 → 75.00
        ("Z", Decimal("0"), Decimal("349.00"), Decimal("0.00")),
    ]
    totals = invoice.totals
    assert (
        totals.line_extension,
        totals.charge_total,
        totals.allowance_total,
        totals.tax_exclusive,
        totals.tax_inclusive,
        totals.payable,
    ) == (
        Decimal("2078.99"),
        Decimal("99.00"),
        None,
        Decimal("2177.99"),
        Decimal("2585.24"),
        Decimal("2585.24"),
    )
    assert invoice.tax_total == Decimal("407.25")
    assert (invoice.supplier.vat_id, invoice.supplier.organisation_number, invoice.kid, invoice.account) == (
        "NO921432569MVA",
        "921432569",
        "2026004212",
        "12345678903",
    )
    assert invoice.lines[3].price_base_amount == Decimal("135")


def test_built_invoice_survives_a_round_trip():
    invoice = build_invoice(
        number="GK-2",
        issue_date=date(2026, 3, 2),
        supplier=_supplier(),
        buyer=_buyer(),
        buyer_reference="4410",
        lines=[
            LineInput(
                "Stol",
                Decimal("2"),
                Decimal("1500"),
                gtin="7071234567891",
                classifications=(Classification("39112000", "STI"),),
            )
        ],
        account="12345678903",
    )

    assert read_invoice(write_invoice(invoice)) == invoice


def test_build_credit_note_refers_to_the_invoice():
    note = build_invoice(
        number="K-1",
        issue_date=date(2026, 3, 9),
        supplier=_supplier(),
        buyer=_buyer(),
        lines=[LineInput("Stol", Decimal("1"), Decimal("1500"))],
        credit_note=True,
        preceding_invoice="GK-2",
        preceding_invoice_date=date(2026, 3, 2),
    )

    reread = read_invoice(write_invoice(note))

    assert (reread.document_type, reread.type_code, reread.preceding_invoice, reread.sign) == (
        "CreditNote",
        "381",
        "GK-2",
        -1,
    )
    assert reread.totals.payable == Decimal("1875.00")


def test_vat_category_o_has_no_rate_and_exempt_categories_have_a_reason():
    assert vat_category("O") == TaxCategory("O", None, exemption_reason="Utenfor merverdiavgiftsområdet")
    assert vat_category("E", 25) == TaxCategory(
        "E", Decimal(0), exemption_reason="Unntatt fra merverdiavgift"
    )
    assert vat_category("S", "12") == TaxCategory("S", Decimal("12"))


def test_compute_tax_subtotals_subtracts_document_allowances_in_their_category():
    invoice = build_invoice(
        number="1",
        issue_date=date(2026, 1, 1),
        supplier=_supplier(),
        buyer=_buyer(),
        lines=[LineInput("A", Decimal("1"), Decimal("1000"))],
    )
    allowance = AllowanceCharge(False, Decimal("100"), reason="Rabatt", tax_category=vat_category("S", 25))

    subtotals = compute_tax_subtotals(invoice.lines, [allowance])

    assert [(s.taxable_amount, s.tax_amount) for s in subtotals] == [(Decimal("900.00"), Decimal("225.00"))]


def test_built_norwegian_invoices_pass_the_validator():
    validate = pytest.importorskip("gronnkjop.formats.ehf.validate").validate
    invoice = build_invoice(
        number="GK-3",
        issue_date=date(2026, 3, 2),
        due_date=date(2026, 4, 1),
        supplier=_supplier(),
        buyer=_buyer(),
        buyer_reference="4410",
        account="12345678903",
        kid="2026004212",
        lines=[
            LineInput("Kontorstol", Decimal("3"), Decimal("333.335"), allowance=Decimal("10")),
            LineInput("Kaffe", Decimal("2.5"), Decimal("199.99"), unit_code="KGM", vat_rate=Decimal(15)),
            LineInput(
                "Papir",
                Decimal("10"),
                Decimal("120"),
                base_quantity=Decimal("5"),
                price_discount=Decimal("15"),
            ),
        ],
        allowance_charges=[
            AllowanceCharge(True, Decimal("99.00"), reason="Frakt", tax_category=vat_category("S", 25))
        ],
    )

    report = validate(write_invoice(invoice))

    assert [(f.rule_id, f.flag) for f in report.findings] == []
