"""The shared table reading: headers, cell parsers, delimiter and encoding detection."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from gronnkjop.formats.contracts_table import ContractRow, read_contract_table
from gronnkjop.formats.errors import FormatError, TableError
from gronnkjop.formats.tables import (
    Column,
    normalise_header,
    parse_date,
    parse_decimal,
    parse_orgnr,
    parse_percentage,
    parse_rows,
    parse_text,
    parse_unit_code,
    read_csv_rows,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Enhetspris", "enhetspris"),
        (" Gyldig fra ", "gyldig_fra"),
        ("Leverandør orgnr", "leverandor_orgnr"),
        ("Påslag ny (%)", "paslag_ny"),
        ("Småordregebyr", "smaordregebyr"),
        ("Ærend", "aerend"),
    ],
)
def test_normalise_header(raw, expected):
    assert normalise_header(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1234.50", Decimal("1234.50")),
        ("1234,50", Decimal("1234.50")),
        ("1 234,50", Decimal("1234.50")),
        ("1\u00a0234\u00a0567,5", Decimal("1234567.5")),
        ("-12", Decimal("-12")),
        (3424.5, Decimal("3424.5")),
        (12, Decimal("12")),
    ],
)
def test_parse_decimal_accepts_point_comma_and_space_groups(raw, expected):
    assert parse_decimal(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("1.234,50", "'1.234,50' mixes a decimal point and a decimal comma"),
        ("1,234,50", "'1,234,50' is not a number (use spaces, not commas, between thousands)"),
        ("12 kr", "'12 kr' is not a number"),
        ("1e5", "'1e5' is not a number"),
    ],
)
def test_parse_decimal_rejects_ambiguous_numbers(raw, reason):
    with pytest.raises(ValueError) as caught:
        parse_decimal(raw)

    assert str(caught.value) == reason


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-01-31", date(2026, 1, 31)),
        ("31.01.2026", date(2026, 1, 31)),
        ("1.2.2026", date(2026, 2, 1)),
        (datetime(2026, 1, 31, 0, 0), date(2026, 1, 31)),
    ],
)
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("31/01/2026", "'31/01/2026' is not a date (use 2026-01-31 or 31.01.2026)"),
        ("30.02.2026", "'30.02.2026' is not a valid date"),
    ],
)
def test_parse_date_rejects(raw, reason):
    with pytest.raises(ValueError) as caught:
        parse_date(raw)

    assert str(caught.value) == reason


@pytest.mark.parametrize(("raw", "expected"), [("12,5", "12.5"), ("12.5 %", "12.5"), ("8%", "8"), (15, "15")])
def test_parse_percentage(raw, expected):
    assert parse_percentage(raw) == Decimal(expected)


def test_parse_orgnr_uses_the_mod11_check():
    assert parse_orgnr("921 432 569") == "921432569"
    with pytest.raises(ValueError) as caught:
        parse_orgnr("921432568")
    assert str(caught.value) == "'921432568' is not a valid Norwegian organisation number"


def test_csv_delimiter_and_encoding_are_detected():
    semicolon_cp1252 = "navn;beløp\r\nSkap ø;1,5\r\n".encode("cp1252")
    comma_bom = b'\xef\xbb\xbfnavn,bel\xc3\xb8p\n"Skap, \xc3\xb8",2\n'

    assert read_csv_rows(semicolon_cp1252) == [["navn", "beløp"], ["Skap ø", "1,5"]]
    assert read_csv_rows(comma_bom) == [["navn", "beløp"], ["Skap, ø", "2"]]


SPEC = (
    Column("name", parse_text, aliases=("navn",)),
    Column("amount", parse_decimal, aliases=("beløp",)),
    Column("note", parse_text, required=False, optional=True, default="-"),
)


def test_parse_rows_maps_columns_in_any_order_and_skips_blank_rows():
    rows = parse_rows([["Beløp", "Navn"], ["1,5", "A"], ["", ""], ["2", "B"]], SPEC)

    assert [(r.row, r.values) for r in rows] == [
        (2, {"name": "A", "amount": Decimal("1.5"), "note": "-"}),
        (4, {"name": "B", "amount": Decimal("2"), "note": "-"}),
    ]


def test_parse_rows_reports_a_missing_column_with_the_accepted_headers():
    with pytest.raises(TableError) as caught:
        parse_rows([["navn"], ["A"]], SPEC)

    assert [(e.row, e.column, e.detail) for e in caught.value.errors] == [
        (1, "amount", "column is missing (accepted headers: amount, beløp)")
    ]


def test_parse_rows_collects_every_bad_cell():
    with pytest.raises(TableError) as caught:
        parse_rows([["navn", "beløp"], ["", "x"], ["B", "1"], ["C", ""]], SPEC, file="t.csv")

    assert [(e.row, e.column, e.detail) for e in caught.value.errors] == [
        (2, "name", "value is missing"),
        (2, "amount", "'x' is not a number"),
        (4, "amount", "value is missing"),
    ]
    assert str(caught.value) == (
        "t.csv: 3 bad row(s): row 2, column name: value is missing; row 2, column amount: 'x' is not a number; "
        "row 4, column amount: value is missing"
    )


def test_contract_table_with_norwegian_headers(fixtures):
    rows = read_contract_table(fixtures / "tables" / "kontrakter.csv")

    assert rows == (
        ContractRow(
            row=2,
            contract_number="RA-2025-017",
            title="Kontormøbler, ombruk først",
            supplier_orgnr="921432569",
            supplier_name="Grønn Kontor AS",
            cpv="39130000-2",
            start_date=date(2025, 1, 1),
            end_date=date(2027, 12, 31),
            estimated_value=Decimal("4500000"),
            ceiling=Decimal("6000000"),
            markup_new_pct=Decimal("12.5"),
            markup_used_pct=Decimal("8"),
            small_order_limit=Decimal("2000"),
            small_order_fee=Decimal("150"),
        ),
        ContractRow(
            row=3,
            contract_number="RA-2025-018",
            title="Kaffe og te",
            supplier_orgnr="987654325",
            supplier_name="Ombruk Møbler AS",
            cpv="15860000",
            start_date=date(2025, 3, 1),
            end_date=date(2026, 2, 28),
            estimated_value=Decimal("250000.00"),
        ),
    )


def test_contract_table_errors(fixtures):
    with pytest.raises(TableError) as caught:
        read_contract_table(fixtures / "tables" / "contracts-bad.csv")

    assert [(e.row, e.column, e.detail) for e in caught.value.errors] == [
        (2, "supplier_orgnr", "'921432568' is not a valid Norwegian organisation number"),
        (2, "cpv", "'3913' is not a CPV code (eight digits, e.g. 30200000 or 30200000-1)"),
    ]


def test_contract_table_checks_dates_ceiling_and_duplicates(tmp_path):
    path = tmp_path / "k.csv"
    path.write_text(
        "contract_number;title;supplier_orgnr;supplier_name;cpv;start_date;end_date;estimated_value;ceiling\n"
        "K-1;A;921432569;A AS;39130000;2025-01-01;2024-12-31;100;50\n"
        "K-1;B;921432569;A AS;39130000;2025-01-01;2025-12-31;100;\n",
        encoding="utf-8",
    )

    with pytest.raises(TableError) as caught:
        read_contract_table(path)

    assert [(e.row, e.column, e.detail) for e in caught.value.errors] == [
        (2, "end_date", "ends before start_date"),
        (2, "ceiling", "is below estimated_value"),
        (3, "contract_number", "duplicate of row 2"),
    ]


def test_missing_file_is_a_format_error(tmp_path):
    with pytest.raises(FormatError) as caught:
        read_contract_table(tmp_path / "nope.csv")

    assert caught.value.reason == "file does not exist or is not a file"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("ea", "EA"), ("HUR", "HUR"), (" XPK ", "XPK"), ("H87", "H87")],
)
def test_unit_codes_that_ehf_accepts(raw, expected):
    assert parse_unit_code(raw) == expected


def test_a_rec_21_code_without_its_x_is_refused_with_a_hint():
    with pytest.raises(ValueError) as caught:
        parse_unit_code("BX")
    assert (
        str(caught.value)
        == "'BX' is not a UN/ECE Rec 20/21 unit code (Rec 21 codes take an X: XBX), e.g. EA, H87, KGM, HUR, XPK"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("stk", "EA"),
        ("STK", "EA"),  # «stykk», not Rec 20's «stick, cigarette»
        ("Timer", "HUR"),
        ("kvm", "MTK"),
        ("m²", "MTK"),
        ("pakke", "XPK"),
        ("PK", "XPK"),
        ("mnd", "MON"),
        ("døgn", "DAY"),
        ("liter", "LTR"),
    ],
)
def test_units_as_norwegians_write_them(raw, expected):
    assert parse_unit_code(raw) == expected
