"""Streaming SAF-T Financial files."""

from __future__ import annotations

import types
from datetime import date
from decimal import Decimal

import pytest
from lxml import etree

from gronnkjop.formats.errors import SAFTError, UnsafeXMLError
from gronnkjop.formats.saft import Account, LedgerLine, Supplier, read_saft

EXAMPLE_888 = "ExampleFile SAF-T Financial_888888888_20180228235959.xml"
EXAMPLE_999 = "ExampleFile SAF-T Financial_999999999_20161125213512.xml"


@pytest.fixture
def saft_130(fixtures):
    return fixtures / "saft" / "saft-1.30-kommune.xml"


def test_own_130_fixture_is_valid_against_the_130_schema(shared_data, saft_130):
    schema = etree.XMLSchema(
        etree.parse(str(shared_data / "saft" / "Norwegian_SAF-T_Financial_Schema_v_1.30.xsd"))
    )

    assert schema.validate(etree.parse(str(saft_130))), str(schema.error_log.last_error)


def test_130_header_accounts_and_suppliers(saft_130):
    saft = read_saft(saft_130)

    header = saft.header
    assert (header.version, header.company_name, header.organisation_number, header.currency) == (
        "1.30",
        "Eksempel kommune",
        "964338531",
        "NOK",
    )
    assert (header.period_start, header.period_end, header.created) == (
        date(2026, 1, 1),
        date(2026, 2, 28),
        date(2026, 3, 5),
    )
    assert [(a.id, a.grouping_category, a.grouping_code) for a in saft.accounts] == [
        ("11200", "KA", "1120"),
        ("12000", "KA", "1200"),
        ("24000", "KA", "2.32"),
        ("19200", "KA", "2.13"),
    ]
    assert saft.account("24000") == Account(
        id="24000",
        description="Leverandørgjeld",
        type="GL",
        grouping_category="KA",
        grouping_code="2.32",
        opening_balance=Decimal("0.00"),
        closing_balance=Decimal("-17500.00"),
    )
    assert saft.suppliers == (
        Supplier("L100", "Grønn Kontor AS", "921432569", None, "24000"),
        Supplier("L200", "Ombruk Møbler AS", "987654325", None, "24000"),
    )


def test_130_lines_stream_with_transaction_fields(saft_130):
    saft = read_saft(saft_130)

    lines = saft.iter_lines()

    assert isinstance(lines, types.GeneratorType)
    first = next(lines)
    assert first == LedgerLine(
        transaction_id="2026-0001",
        record_id="1",
        date=date(2026, 1, 15),
        account_id="12000",
        debit=Decimal("11400.00"),
        credit=Decimal("0"),
        description="Kontorstoler ombrukt",
        tax_code="1",
        tax_percentage=Decimal("25"),
        journal_id="IF",
        period="1",
        period_year="2026",
    )
    rest = list(lines)
    assert [(line.transaction_id, line.account_id, line.supplier_id, line.amount) for line in rest] == [
        ("2026-0001", "24000", "L100", Decimal("-11400.00")),
        ("2026-0002", "11200", "L200", Decimal("6100.00")),  # supplier from the transaction level
        ("2026-0002", "24000", "L200", Decimal("-6100.00")),
        ("2026-0003", "11200", None, Decimal("7900.00")),
        ("2026-0003", "19200", None, Decimal("-7900.00")),
    ]


def test_130_summary(saft_130):
    summary = read_saft(saft_130).summary()

    assert (summary.period_start, summary.period_end, summary.accounts, summary.suppliers, summary.lines) == (
        date(2026, 1, 1),
        date(2026, 2, 28),
        4,
        2,
        6,
    )
    assert (summary.total_debit, summary.total_credit) == (Decimal("25400.00"), Decimal("25400.00"))
    assert summary.spend_by_supplier == {"L100": Decimal("11400.00"), "L200": Decimal("6100.00")}


def test_official_example_110_file_reads(shared_data):
    saft = read_saft(shared_data / "saft" / "examples" / EXAMPLE_888)
    summary = saft.summary()

    assert (saft.header.version, saft.header.company_name, saft.header.organisation_number) == (
        "1.0",
        "Tøyen Lekefabrikk AS",
        "888888888",
    )
    assert (summary.period_start, summary.period_end) == (date(2017, 1, 1), date(2017, 4, 30))
    assert (summary.accounts, summary.suppliers, summary.lines) == (22, 6, 170)
    assert (summary.total_debit, summary.total_credit) == (Decimal("9487049.35"), Decimal("9487049.35"))
    assert summary.spend_by_supplier == {
        "2000": Decimal("166250"),
        "2001": Decimal("82500.00"),
        "2002": Decimal("23373.75"),
        "2003": Decimal("50000"),
        "2004": Decimal("205190.00"),
        "2005": Decimal("82625"),
    }
    assert saft.account("1250").standard_account_id == "12"
    assert saft.supplier("2000") == Supplier(
        "2000", "Driftslokalemegleren AS", "998877665", "998877665MVA", "2400"
    )


def test_second_official_example_reads(shared_data):
    saft = read_saft(shared_data / "saft" / "examples" / EXAMPLE_999)

    summary = saft.summary()

    assert (summary.accounts, summary.suppliers, summary.lines) == (4, 1, 5)
    assert summary.spend_by_supplier == {"20000": Decimal("12500")}


def test_truncated_file_names_the_element_and_line(tmp_path, saft_130):
    text = saft_130.read_bytes()
    cut = text[: text.index(b"<Description>Faktura 5531")]
    broken = tmp_path / "broken.xml"
    broken.write_bytes(cut)
    saft = read_saft(broken)  # header and master files are intact

    with pytest.raises(SAFTError) as caught:
        list(saft.iter_lines())

    assert caught.value.line == 154
    assert "inside <GeneralLedgerEntries/Journal/Transaction>" in caught.value.reason


def test_bad_amount_names_the_element_and_line(tmp_path, saft_130):
    broken = tmp_path / "bad.xml"
    broken.write_bytes(
        saft_130.read_bytes().replace(b"<Amount>6100.00</Amount>", b"<Amount>6.100,00</Amount>", 1)
    )

    with pytest.raises(SAFTError) as caught:
        read_saft(broken).summary()

    assert (caught.value.reason, caught.value.line) == ("Amount: '6.100,00' is not a number", 163)


def test_other_xml_is_not_saft(tmp_path):
    other = tmp_path / "other.xml"
    other.write_bytes(b"<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'/>")

    with pytest.raises(SAFTError) as caught:
        read_saft(other)

    assert caught.value.reason == (
        "root element 'Invoice' in namespace 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2' is not "
        "a SAF-T Financial AuditFile (urn:StandardAuditFile-Taxation-Financial:NO)"
    )


def test_empty_file_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")

    with pytest.raises(SAFTError) as caught:
        read_saft(empty)

    assert caught.value.reason == "file is empty"


def test_doctype_is_refused(tmp_path):
    evil = tmp_path / "evil.xml"
    evil.write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE AuditFile [<!ENTITY a "aaaa">]>'
        b'<AuditFile xmlns="urn:StandardAuditFile-Taxation-Financial:NO">&a;</AuditFile>'
    )

    with pytest.raises(UnsafeXMLError):
        read_saft(evil)
