"""The national rules of other countries in PEPPOL BIS Billing 3.0 (rules/national.py), on the
repository's own valid invoice with the seller (and buyer) moved abroad, one fault at a time."""

from __future__ import annotations

import pytest
from lxml import etree

from gronnkjop.formats.ehf.rules import national
from gronnkjop.formats.ehf.rules.national import iban_ok, is_number, luhn_check_digit_ok, number, tin_ok
from gronnkjop.formats.ehf.validate import validate

from .validator_fixtures.make_invoice import invoice_xml

NS = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
}
CBC = "{" + NS["cbc"] + "}"
CAC = "{" + NS["cac"] + "}"
SUPPLIER = "cac:AccountingSupplierParty/cac:Party"
CUSTOMER = "cac:AccountingCustomerParty/cac:Party"


class Doc:
    """The valid one-line invoice as a tree, with small edits by XPath."""

    def __init__(self) -> None:
        self.root = etree.fromstring(invoice_xml(1))

    def one(self, where: str) -> etree._Element:
        (found,) = self.root.xpath(where, namespaces=NS)
        return found

    def set(self, where: str, value: str) -> Doc:
        self.one(where).text = value
        return self

    def attr(self, where: str, name: str, value: str | None) -> Doc:
        el = self.one(where)
        if value is None:
            el.attrib.pop(name, None)
        else:
            el.set(name, value)
        return self

    def drop(self, where: str) -> Doc:
        for el in self.root.xpath(where, namespaces=NS):
            el.getparent().remove(el)
        return self

    def add(self, where: str, xml: str, *, before: str | None = None) -> Doc:
        parent = self.one(where)
        el = etree.fromstring(f'<x xmlns:cbc="{NS["cbc"]}" xmlns:cac="{NS["cac"]}">{xml}</x>')[0]
        if before is None:
            parent.append(el)
        else:
            anchor = parent.find(before)
            anchor.addprevious(el)
        return self

    def national(self) -> list[tuple[str, str]]:
        """(rule, flag) of every national rule that fired, sorted."""
        report = validate(etree.tostring(self.root))
        return sorted((f.rule_id, f.flag) for f in report.findings if f.rule_id in national.IMPLEMENTED)


def seller_in(country: str, vat_id: str | None) -> Doc:
    """The invoice with the seller's address in ``country`` and the VAT id ``vat_id`` (no Norwegian
    register statement)."""
    doc = Doc()
    doc.set(f"{SUPPLIER}/cac:PostalAddress/cac:Country/cbc:IdentificationCode", country)
    doc.drop(f"{SUPPLIER}/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='TAX']")
    if vat_id is None:
        doc.drop(f"{SUPPLIER}/cac:PartyTaxScheme")
    else:
        doc.set(f"{SUPPLIER}/cac:PartyTaxScheme/cbc:CompanyID", vat_id)
    return doc


def buyer_in(doc: Doc, country: str) -> Doc:
    return doc.set(f"{CUSTOMER}/cac:PostalAddress/cac:Country/cbc:IdentificationCode", country)


def test_a_norwegian_invoice_is_asked_no_other_country_s_rules() -> None:
    assert Doc().national() == []


# -- Sweden ------------------------------------------------------------------------------------------


def swedish() -> Doc:
    doc = seller_in("SE", "SE556036079301")
    doc.attr(f"{SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyID", "schemeID", None)
    doc.set(f"{SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyID", "5560360793")
    return doc


def test_a_correct_swedish_seller_passes() -> None:
    assert swedish().national() == []


@pytest.mark.parametrize(
    ("vat_id", "rules"),
    [
        ("SE5560360793011", [("SE-R-001", "fatal")]),
        ("SE55603607930A", [("SE-R-002", "fatal")]),
        ("SE5560360793", [("SE-R-001", "fatal")]),  # short, but what there is is numeric
    ],
)
def test_a_swedish_vat_number_has_fourteen_characters_ending_in_twelve_digits(vat_id, rules) -> None:
    assert swedish().set(f"{SUPPLIER}/cac:PartyTaxScheme/cbc:CompanyID", vat_id).national() == rules


@pytest.mark.parametrize(
    ("org_number", "rules"),
    [
        ("5560360794", [("SE-R-013", "fatal")]),
        ("556036079", [("SE-R-004", "fatal"), ("SE-R-013", "fatal")]),
        ("556036-0793", [("SE-R-003", "fatal"), ("SE-R-004", "fatal"), ("SE-R-013", "fatal")]),
    ],
)
def test_a_swedish_organisation_number_is_ten_digits_with_a_luhn_check_digit(org_number, rules) -> None:
    assert swedish().set(f"{SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyID", org_number).national() == rules


def test_a_swedish_tax_registration_must_say_godkand_for_f_skatt() -> None:
    scheme = "<cac:PartyTaxScheme><cbc:CompanyID>{}</cbc:CompanyID><cac:TaxScheme><cbc:ID>TAX</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>"
    legal = CAC + "PartyLegalEntity"
    approved = swedish().add(SUPPLIER, scheme.format("Godkänd för F-skatt"), before=legal)
    wrong = swedish().add(SUPPLIER, scheme.format("F-skatt"), before=legal)

    assert (approved.national(), wrong.national()) == ([], [("SE-R-005", "fatal")])


def test_a_swedish_seller_uses_only_the_swedish_standard_rates() -> None:
    doc = swedish().set("cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent", "15")

    assert doc.national() == [("SE-R-006", "fatal")]


def test_swedish_giro_accounts_and_payment_codes_are_warned_about() -> None:
    doc = swedish()
    doc.set("cac:PaymentMeans/cbc:PaymentMeansCode", "30")
    doc.set("cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID", "12-34567890")
    doc.add(
        "cac:PaymentMeans/cac:PayeeFinancialAccount",
        "<cac:FinancialInstitutionBranch><cbc:ID>SE:BANKGIRO</cbc:ID></cac:FinancialInstitutionBranch>",
    )
    buyer_in(doc, "SE")
    assert doc.national() == [("SE-R-008", "warning"), ("SE-R-009", "warning")]

    doc.set("cac:PaymentMeans/cbc:PaymentMeansCode", "31")
    assert doc.national() == [("SE-R-012", "warning")]


# -- Denmark -----------------------------------------------------------------------------------------


def danish() -> Doc:
    doc = seller_in("DK", "DK12345674")
    doc.attr(f"{SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyID", "schemeID", "0184")
    doc.set(f"{SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyID", "DK12345674")
    buyer_in(doc, "DK")
    doc.set("cac:PaymentMeans/cbc:PaymentMeansCode", "31")
    doc.add(
        "cac:PaymentMeans/cac:PayeeFinancialAccount",
        "<cac:FinancialInstitutionBranch><cbc:ID>1234</cbc:ID></cac:FinancialInstitutionBranch>",
    )
    return doc


def test_a_correct_danish_seller_passes() -> None:
    assert danish().national() == []


def test_a_danish_seller_states_the_cvr_number_with_scheme_0184() -> None:
    no_scheme = danish().attr(f"{SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyID", "schemeID", None)
    no_number = danish().drop(f"{SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyID")

    assert no_scheme.national() == [("DK-R-014", "fatal")]
    assert no_number.national() == [("DK-R-002", "fatal")]


def test_danish_payment_means_codes_and_accounts() -> None:
    credit_transfer = danish().set("cac:PaymentMeans/cbc:PaymentMeansCode", "30")
    no_branch = danish().drop("cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch")
    giro = danish().set("cac:PaymentMeans/cbc:PaymentMeansCode", "50")

    assert credit_transfer.national() == [("DK-R-005", "fatal")]
    assert no_branch.national() == [("DK-R-006", "fatal")]
    assert giro.national() == [("DK-R-008", "fatal")]  # no 01#/04#/15# payment id, account not 7-8 digits


def test_a_danish_giro_payment_id_carries_sixteen_digits_after_04() -> None:
    doc = danish().set("cac:PaymentMeans/cbc:PaymentMeansCode", "50")
    doc.set("cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID", "1234567")
    doc.set("cac:PaymentMeans/cbc:PaymentID", "04#123")

    assert doc.national() == [("DK-R-009", "fatal")]
    assert doc.set("cac:PaymentMeans/cbc:PaymentID", "04#1234567890123456").national() == []


# -- Germany -----------------------------------------------------------------------------------------


def german() -> Doc:
    doc = seller_in("DE", "DE123456789")
    buyer_in(doc, "DE")
    doc.add(f"{CUSTOMER}/cac:PostalAddress", "<cbc:PostalZone>10115</cbc:PostalZone>", before=CAC + "Country")
    doc.add(
        SUPPLIER,
        "<cac:Contact><cbc:Name>Anna</cbc:Name><cbc:Telephone>+49 30 1234567</cbc:Telephone>"
        "<cbc:ElectronicMail>anna@example.de</cbc:ElectronicMail></cac:Contact>",
    )
    doc.set("cac:PaymentMeans/cbc:PaymentMeansCode", "58")
    doc.set("cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID", "DE75512108001245126199")
    return doc


def test_a_correct_german_invoice_between_german_parties_passes() -> None:
    assert german().national() == []


def test_the_german_rules_ask_only_when_both_parties_are_in_germany() -> None:
    doc = german().drop(f"{SUPPLIER}/cac:Contact").drop("cac:PaymentMeans")

    assert doc.national() == [("DE-R-001", "fatal"), ("DE-R-002", "fatal")]
    assert buyer_in(doc, "NO").national() == []


def test_german_contact_details_are_checked() -> None:
    doc = (
        german()
        .set(f"{SUPPLIER}/cac:Contact/cbc:Telephone", "12")
        .set(f"{SUPPLIER}/cac:Contact/cbc:ElectronicMail", "anna@.de")
    )

    assert doc.national() == [("DE-R-027", "warning"), ("DE-R-028", "warning")]


def test_a_german_sepa_transfer_needs_a_valid_iban() -> None:
    doc = german().set("cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID", "DE75512108001245126198")

    assert doc.national() == [("DE-R-019", "warning")]


def test_german_cash_discount_terms_follow_the_skonto_syntax() -> None:
    terms = "<cac:PaymentTerms><cbc:Note>{}</cbc:Note></cac:PaymentTerms>"
    ok = german().add(".", terms.format("#SKONTO#TAGE=14#PROZENT=2.00#\n"), before=CAC + "TaxTotal")
    no_break = german().add(".", terms.format("#SKONTO#TAGE=14#PROZENT=2.00#"), before=CAC + "TaxTotal")
    wrong = german().add(".", terms.format("#SKONTO#TAGE=14#PROZENT=2#\n"), before=CAC + "TaxTotal")

    assert ok.national() == []
    assert no_break.national() == [("DE-R-018", "fatal")]
    assert wrong.national() == [("DE-R-018", "fatal")]


# -- the Netherlands, Italy, Iceland, Greece --------------------------------------------------------


def test_a_dutch_seller_needs_a_kvk_or_oin_number_and_a_full_address() -> None:
    doc = seller_in("NL", "NL123456789B01")
    doc.drop(f"{SUPPLIER}/cac:PostalAddress/cbc:StreetName")

    assert doc.national() == [("NL-R-002", "fatal"), ("NL-R-003", "fatal")]
    doc.attr(f"{SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyID", "schemeID", "0106")
    assert doc.national() == [("NL-R-002", "fatal")]


def test_an_italian_seller_states_the_street() -> None:
    doc = seller_in("IT", "IT12345678901").drop(f"{SUPPLIER}/cac:PostalAddress/cbc:StreetName")

    assert doc.national() == [("IT-R-002", "fatal")]


def test_an_icelandic_seller_states_the_kennitala() -> None:
    doc = seller_in("IS", None)

    assert doc.national() == [("IS-R-002", "fatal")]
    doc.attr(f"{SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyID", "schemeID", "0196")
    assert doc.national() == []


def test_a_greek_invoice_number_has_six_segments_starting_with_the_sellers_tin() -> None:
    doc = seller_in("GR", "EL094014298")
    doc.attr(f"{SUPPLIER}/cbc:EndpointID", "schemeID", "9933").set(f"{SUPPLIER}/cbc:EndpointID", "094014298")
    doc.add(
        ".",
        "<cac:AdditionalDocumentReference><cbc:ID>400001234567890</cbc:ID>"
        "<cbc:DocumentDescription>##M.AR.K##</cbc:DocumentDescription></cac:AdditionalDocumentReference>",
        before=CAC + "AccountingSupplierParty",
    )
    doc.add(
        ".",
        "<cac:AdditionalDocumentReference><cbc:ID>url</cbc:ID>"
        "<cbc:DocumentDescription>##INVOICE|URL##</cbc:DocumentDescription><cac:Attachment>"
        "<cac:ExternalReference><cbc:URI>https://example.gr/i/1</cbc:URI></cac:ExternalReference>"
        "</cac:Attachment></cac:AdditionalDocumentReference>",
        before=CAC + "AccountingSupplierParty",
    )
    doc.add(
        CUSTOMER,
        "<cac:PartyName><cbc:Name>Bergen kommune</cbc:Name></cac:PartyName>",
        before=CAC + "PostalAddress",
    )

    doc.set("cbc:ID", "094014298|02/03/2026|12|1.1|A|77")
    assert doc.national() == []
    doc.set("cbc:ID", "094014299|03/03/2026|-1|9.9|A")
    assert doc.national() == [
        ("GR-R-001-1", "fatal"),
        ("GR-R-001-2", "fatal"),
        ("GR-R-001-3", "fatal"),
        ("GR-R-001-4", "fatal"),
        ("GR-R-001-5", "fatal"),
        ("GR-R-001-7", "fatal"),
    ]


# -- the XPath helpers -----------------------------------------------------------------------------


def test_number_reads_text_as_xpath_does() -> None:
    assert [number(" 12 "), number("1e3"), number("-INF"), is_number("12a"), is_number(None)] == [
        12.0,
        1000.0,
        float("-inf"),
        False,
        False,
    ]


def test_the_check_digit_helpers() -> None:
    assert [luhn_check_digit_ok("5560360793"), luhn_check_digit_ok("5560360794")] == [True, False]
    assert [tin_ok("094014298"), tin_ok("094014299"), tin_ok("09401429")] == [True, False, False]
    assert [iban_ok("DE75 5121 0800 1245 1261 99"), iban_ok("de75512108001245126199")] == [True, False]
