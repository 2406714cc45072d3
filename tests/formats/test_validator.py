"""The EHF validator: verdicts on the official examples, crafted invalid documents, the schema check,
locations, messages and the API around it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from lxml import etree

from gronnkjop.formats.ehf.messages_nb import MESSAGES_NB
from gronnkjop.formats.ehf.rules import IMPLEMENTED, RULES
from gronnkjop.formats.ehf.validate import XSD_DIR_ENV, validate, validate_tree
from tests.formats.validator_fixtures.make_invoice import invoice_xml

FIXTURES = Path(__file__).parent / "validator_fixtures"


def fatal_ids(report) -> list[str]:
    return sorted({f.rule_id for f in report.fatal})


def changed(data: bytes, old: str, new: str, count: int = 1) -> bytes:
    assert data.count(old.encode()) >= count, old
    return data.replace(old.encode(), new.encode(), count)


# -- the official examples ----------------------------------------------------------------------

PEPPOL_EXAMPLES = [
    "peppol-bis3-examples/Allowance-example.xml",
    "peppol-bis3-examples/Vat-category-S.xml",
    "peppol-bis3-examples/base-creditnote-correction.xml",
    "peppol-bis3-examples/base-example.xml",
    "peppol-bis3-examples/base-negative-inv-correction.xml",
    "peppol-bis3-examples/sales-order-example.xml",
    "peppol-bis3-examples/vat-category-E.xml",
    "peppol-bis3-examples/vat-category-O.xml",
    "peppol-bis3-examples/vat-category-Z.xml",
    "ehf-norway/Norwegian-example-1.xml",
    "ehf-norway/ehf-3-faktura-1.xml",
]


@pytest.mark.parametrize("name", PEPPOL_EXAMPLES)
def test_peppol_and_norwegian_examples_are_valid_with_the_schema_check(shared_data: Path, name: str) -> None:
    report = validate(shared_data / "ehf" / name, xsd_dir=shared_data / "ehf" / "ubl-2.1-xsd")

    assert (report.valid, report.schema_checked, fatal_ids(report)) == (True, True, [])


#: What the official artefacts say about the EN 16931 examples: no EN 16931 fault, but 16 of the 17
#: are not PEPPOL BIS documents and break these PEPPOL (and national) rules.
EN16931_EXAMPLES = {
    "FT G2G_TD01 con Allegato, Bonifico e Split Payment.xml": [],
    "guide-example1.xml": [
        "NL-R-003",
        "NL-R-008",
        "R001",
        "R003",
        "R004",
        "R007",
        "R010",
        "R020",
        "R120",
    ],
    "guide-example2.xml": ["NO-R-001", "R004", "R007", "R008", "R010", "R020", "R046", "R120"],
    "guide-example3.xml": ["DK-R-005", "DK-R-014", "R001", "R003", "R004", "R007", "R010", "R020", "R120"],
    "issue116.xml": ["PEPPOL-COMMON-R049"],
    "sample-discount-price.xml": ["R003", "R004", "R005", "R007", "R010", "R020", "R054"],
    "ubl-tc434-creditnote1.xml": ["R004"],
    "ubl-tc434-example1.xml": ["NL-R-003", "R001", "R003", "R004", "R007", "R010", "R020", "R120"],
    "ubl-tc434-example10.xml": ["NL-R-003", "R001", "R003", "R004", "R007", "R010", "R020", "R120"],
    "ubl-tc434-example2.xml": ["NO-R-001", "R004", "R007", "R008", "R010", "R020", "R043", "R046", "R120"],
    "ubl-tc434-example3.xml": [
        "DK-R-005",
        "DK-R-014",
        "R001",
        "R003",
        "R004",
        "R007",
        "R010",
        "R020",
        "R120",
    ],
    "ubl-tc434-example4.xml": ["DK-R-005", "DK-R-014", "R001", "R004", "R007", "R010", "R020"],
    "ubl-tc434-example5.xml": ["CL008", "NL-R-003", "R004", "R007", "R101"],
    "ubl-tc434-example6.xml": ["DK-R-002", "R001", "R003", "R004", "R007", "R010", "R020"],
    "ubl-tc434-example7.xml": ["R001", "R004", "R007", "R010", "R020"],
    "ubl-tc434-example8.xml": ["NL-R-003", "R001", "R003", "R004", "R007", "R010", "R020"],
    "ubl-tc434-example9.xml": ["NL-R-003", "R001", "R003", "R004", "R007", "R010", "R020"],
}


def _short(rule_id: str) -> str:
    return rule_id.removeprefix("PEPPOL-EN16931-")


@pytest.mark.parametrize("name", sorted(EN16931_EXAMPLES))
def test_en16931_examples_break_only_the_peppol_rules_the_official_artefacts_name(
    shared_data: Path, name: str
) -> None:
    report = validate(shared_data / "ehf" / "en16931-ubl-examples" / name)

    assert sorted(_short(r) for r in fatal_ids(report)) == sorted(EN16931_EXAMPLES[name])
    assert [f.rule_id for f in report.fatal if RULES[f.rule_id][0] == "EN16931"] == []


def test_sixteen_of_the_seventeen_en16931_examples_are_invalid_as_peppol_documents() -> None:
    assert sum(1 for rules in EN16931_EXAMPLES.values() if rules) == 16


# -- generated and hand-written documents -------------------------------------------------------


@pytest.mark.parametrize("lines", [1, 2, 50])
def test_a_generated_invoice_is_valid(lines: int) -> None:
    report = validate(invoice_xml(lines))

    assert (report.valid, report.document, report.findings) == (True, "Invoice", ())


def test_a_hand_written_credit_note_is_valid() -> None:
    report = validate(FIXTURES / "creditnote-minimal.xml")

    assert (report.valid, report.document, report.findings) == (True, "CreditNote", ())


CRAFTED = [
    pytest.param(
        (
            '<cbc:LineExtensionAmount currencyID="NOK">200.50</cbc:LineExtensionAmount>\n    <cac:Item>',
            '<cbc:LineExtensionAmount currencyID="NOK">210.50</cbc:LineExtensionAmount>\n    <cac:Item>',
        ),
        ["BR-CO-10", "BR-S-08", "PEPPOL-EN16931-R120"],
        id="line-amount-not-quantity-times-price",
    ),
    pytest.param(
        ("<cbc:CompanyID>NO987654325MVA</cbc:CompanyID>", "<cbc:CompanyID>NO987654321MVA</cbc:CompanyID>"),
        ["NO-R-001"],
        id="norwegian-vat-number-with-bad-check-digit",
    ),
    pytest.param(
        (
            '<cbc:EndpointID schemeID="0192">964338531</cbc:EndpointID>',
            '<cbc:EndpointID schemeID="0192">964338532</cbc:EndpointID>',
        ),
        ["PEPPOL-COMMON-R041"],
        id="buyer-orgnr-with-bad-check-digit",
    ),
    pytest.param(
        (
            '<cbc:TaxInclusiveAmount currencyID="NOK">250.62</cbc:TaxInclusiveAmount>',
            '<cbc:TaxInclusiveAmount currencyID="NOK">250.63</cbc:TaxInclusiveAmount>',
        ),
        ["BR-CO-15", "BR-CO-16"],
        id="total-with-vat-one-ore-off",
    ),
    pytest.param(
        ("<cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>", ""),
        ["PEPPOL-EN16931-R001", "PEPPOL-EN16931-R007"],
        id="no-business-process",
    ),
    pytest.param(
        (
            "<cbc:BuyerReference>4025-Innkjøp</cbc:BuyerReference>",
            "<cbc:BuyerReference> </cbc:BuyerReference>",
        ),
        ["PEPPOL-EN16931-R008"],
        id="empty-element",
    ),
    pytest.param(
        ("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>", "<cbc:InvoiceTypeCode>381</cbc:InvoiceTypeCode>"),
        ["PEPPOL-EN16931-P0100"],
        id="credit-note-code-on-an-invoice",
    ),
    pytest.param(
        (
            '<cbc:InvoicedQuantity unitCode="EA">2</cbc:InvoicedQuantity>',
            '<cbc:InvoicedQuantity unitCode="QQQ">2</cbc:InvoicedQuantity>',
        ),
        ["BR-CL-23"],
        id="unknown-unit-code",
    ),
    pytest.param(
        ("<cbc:DueDate>2026-04-01</cbc:DueDate>", "<cbc:DueDate>2026-4-1</cbc:DueDate>"),
        ["PEPPOL-EN16931-F001"],
        id="date-not-yyyy-mm-dd",
    ),
    pytest.param(
        ("<cbc:Percent>25</cbc:Percent>", "<cbc:Percent>15</cbc:Percent>"),  # the breakdown's rate
        ["BR-CO-17", "BR-S-08", "BR-S-09"],
        id="breakdown-rate-differs-from-the-lines",
    ),
]


@pytest.mark.parametrize(("edit", "rules"), CRAFTED)
def test_a_crafted_invalid_invoice_is_rejected_with_the_right_rules(
    edit: tuple[str, str], rules: list[str]
) -> None:
    data = changed(invoice_xml(1), *edit)

    report = validate(data)

    assert (report.valid, fatal_ids(report)) == (False, rules)


def test_three_decimals_on_a_line_amount_break_the_decimal_rules() -> None:
    data = changed(
        invoice_xml(1),
        ">200.50</cbc:LineExtensionAmount>\n    <cac:Item>",
        ">200.500</cbc:LineExtensionAmount>\n    <cac:Item>",
    )

    report = validate(data)

    assert fatal_ids(report) == ["BR-DEC-23", "UBL-DT-01"]


def test_a_missing_foretaksregisteret_is_a_warning_only() -> None:
    data = changed(
        invoice_xml(1),
        "<cbc:CompanyID>Foretaksregisteret</cbc:CompanyID>",
        "<cbc:CompanyID>X</cbc:CompanyID>",
    )

    report = validate(data)

    assert (report.valid, [(f.rule_id, f.flag) for f in report.findings]) == (True, [("NO-R-002", "warning")])


def test_a_credit_note_line_without_quantity_is_reported_on_the_credit_note_line() -> None:
    data = changed(
        (FIXTURES / "creditnote-minimal.xml").read_bytes(),
        '<cbc:CreditedQuantity unitCode="EA">2</cbc:CreditedQuantity>',
        "",
    )

    report = validate(data)

    assert [(f.rule_id, f.location) for f in report.fatal] == [
        ("BR-22", "/CreditNote/cac:CreditNoteLine"),
        ("BR-23", "/CreditNote/cac:CreditNoteLine"),
        ("PEPPOL-EN16931-R120", "/CreditNote/cac:CreditNoteLine"),
    ]


# -- locations and messages -------------------------------------------------------------------------


def test_a_location_is_the_xpath_of_the_element_with_positions() -> None:
    data = changed(
        invoice_xml(3),
        '<cbc:InvoicedQuantity unitCode="EA">3</cbc:InvoicedQuantity>',
        '<cbc:InvoicedQuantity unitCode="QQQ">3</cbc:InvoicedQuantity>',
    )

    report = validate(data)

    assert [(f.rule_id, f.location) for f in report.findings] == [
        ("BR-CL-23", "/Invoice/cac:InvoiceLine[2]/cbc:InvoicedQuantity")
    ]


def test_every_implemented_rule_has_an_official_english_and_a_bokmal_message() -> None:
    missing = sorted(r for r in IMPLEMENTED if r not in RULES or not MESSAGES_NB.get(r))

    assert missing == []


def test_a_finding_carries_the_official_english_and_the_bokmal_message() -> None:
    report = validate(
        changed(
            invoice_xml(1), "<cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>", ""
        )
    )

    finding = report.findings[0]
    assert (finding.rule_id, finding.flag, finding.location, finding.message_en, finding.message_nb) == (
        "PEPPOL-EN16931-R001",
        "fatal",
        "/Invoice",
        "Business process MUST be provided.",
        "Forretningsprosessen (ProfileID) må oppgis.",
    )


# -- the schema check -------------------------------------------------------------------------------


def test_without_a_schema_folder_the_report_says_the_schema_check_was_skipped(monkeypatch) -> None:
    monkeypatch.delenv(XSD_DIR_ENV, raising=False)

    report = validate(invoice_xml(1))

    assert (report.valid, report.schema_checked) == (True, False)


def test_the_schema_folder_is_read_from_the_environment(shared_data: Path, monkeypatch) -> None:
    monkeypatch.setenv(XSD_DIR_ENV, str(shared_data / "ehf" / "ubl-2.1-xsd"))

    report = validate(invoice_xml(1))

    assert (report.valid, report.schema_checked) == (True, True)


def test_a_schema_error_is_reported_as_ubl_xsd_and_business_rules_still_run(shared_data: Path) -> None:
    data = changed(
        invoice_xml(1),
        "<cbc:IssueDate>2026-03-02</cbc:IssueDate>",
        "<cbc:IssueDate>2026-03-02</cbc:IssueDate><cbc:Surprise>1</cbc:Surprise>",
    )
    data = changed(data, "<cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>", "")

    report = validate(data, xsd_dir=shared_data / "ehf" / "ubl-2.1-xsd")

    assert fatal_ids(report) == ["PEPPOL-EN16931-R001", "PEPPOL-EN16931-R007", "UBL-XSD"]
    xsd = next(f for f in report.findings if f.rule_id == "UBL-XSD")
    assert xsd.message_en.startswith("Line 8: The document does not follow the UBL 2.1 schema: ")
    assert xsd.message_nb.startswith("Linje 8: Dokumentet følger ikke UBL 2.1-skjemaet: ")


def test_a_schema_folder_without_the_ubl_schemas_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"UBL-Invoice-2\.1\.xsd"):
        validate(invoice_xml(1), xsd_dir=tmp_path)


# -- input forms and unreadable input ------------------------------------------------------------------


def test_validate_accepts_a_path_bytes_and_a_binary_stream(tmp_path: Path) -> None:
    path = tmp_path / "faktura.xml"
    path.write_bytes(invoice_xml(2))

    reports = [
        validate(path),
        validate(str(path)),
        validate(invoice_xml(2)),
        validate(io.BytesIO(invoice_xml(2))),
    ]

    assert [(r.valid, r.file) for r in reports] == [
        (True, str(path)),
        (True, str(path)),
        (True, None),
        (True, None),
    ]


def test_validate_tree_takes_an_already_parsed_document() -> None:
    tree = etree.ElementTree(etree.fromstring(invoice_xml(2)))

    assert (validate_tree(tree, name="x.xml").valid, validate_tree(tree.getroot()).file) == (True, None)


@pytest.mark.parametrize(
    ("data", "rule"),
    [
        pytest.param(b"", "XML-WELL-FORMED", id="empty"),
        pytest.param(b"<Invoice><unclosed></Invoice>", "XML-WELL-FORMED", id="not-well-formed"),
        pytest.param(
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "XML-UNSAFE", id="entity"
        ),
        pytest.param(b"<Order xmlns='urn:example'/>", "UBL-ROOT", id="not-an-invoice"),
    ],
)
def test_unreadable_or_foreign_input_gives_one_fatal_finding(data: bytes, rule: str) -> None:
    report = validate(data)

    assert (report.valid, report.document, [f.rule_id for f in report.findings]) == (False, None, [rule])


@pytest.mark.parametrize(
    ("extra", "rules"),
    [
        ("", []),
        (
            "<cac:Attachment><cac:ExternalReference><cbc:URI>https://example.no/m/7</cbc:URI>"
            "</cac:ExternalReference></cac:Attachment>",
            ["UBL-CR-666"],
        ),
        ("<cbc:DocumentDescription>Måler 7</cbc:DocumentDescription>", ["UBL-CR-673"]),
    ],
)
def test_an_invoiced_object_reference_carries_neither_attachment_nor_description(extra: str, rules) -> None:
    reference = (
        '<cac:AdditionalDocumentReference><cbc:ID schemeID="AAB">M-7</cbc:ID>'
        f"<cbc:DocumentTypeCode>130</cbc:DocumentTypeCode>{extra}</cac:AdditionalDocumentReference>"
        "\n  <cac:AccountingSupplierParty>"
    )
    data = changed(invoice_xml(1), "<cac:AccountingSupplierParty>", reference)

    assert fatal_ids(validate(data)) == rules
