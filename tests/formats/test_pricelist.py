"""Reading contract price lists from CSV and XLSX."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from gronnkjop.formats.errors import FormatError, TableError, TooLargeError
from gronnkjop.formats.pricelist import PriceListRow, read_price_list, write_price_list


def test_semicolon_windows_1252_norwegian_headers(fixtures):
    rows = read_price_list(fixtures / "tables" / "prisliste-semikolon-cp1252.csv")

    assert rows == (
        PriceListRow(
            2,
            "RA-2025-017",
            "KS-100",
            "Kontorstol, ombrukt",
            "EA",
            Decimal("1200.00"),
            date(2026, 1, 1),
            date(2026, 12, 31),
            "used",
        ),
        PriceListRow(
            3,
            "RA-2025-017",
            "KS-200",
            "Kontorstol, ny",
            "EA",
            Decimal("3424.50"),
            date(2026, 1, 1),
            None,
            "new",
        ),
        PriceListRow(
            4, "RA-2025-017", "KAF-3", "Kaffe økologisk", "KGM", Decimal("250"), date(2026, 1, 1), None, "new"
        ),
    )


def test_comma_utf8_bom_english_headers_in_another_order(fixtures):
    rows = read_price_list(fixtures / "tables" / "pricelist-comma-utf8-bom.csv")

    assert [
        (r.row, r.article_number, r.description, r.unit_price, r.condition, r.valid_to) for r in rows
    ] == [
        (2, "A-1", "Pult, hev/senk", Decimal("1234.50"), "new", None),
        (3, "A-2", "Skap ø60", Decimal("12000.75"), "new", None),
    ]


def test_every_bad_row_is_reported_and_nothing_is_returned(fixtures):
    with pytest.raises(TableError) as caught:
        read_price_list(fixtures / "tables" / "prisliste-feil.csv")

    assert [(e.row, e.column, e.detail) for e in caught.value.errors] == [
        (3, "unit_code", "'bunt' is not a UN/ECE Rec 20/21 unit code, e.g. EA, H87, KGM, HUR, XPK"),
        (3, "unit_price", "'1.200,00' mixes a decimal point and a decimal comma"),
        (3, "valid_from", "'31.02.2026' is not a valid date"),
        (4, "article_number", "value is missing"),
        (4, "unit_price", "'-5' is negative"),
        (4, "condition", "'gammel' is not one of new, ny, nytt, used, brukt"),
        (5, "article_number", "duplicate of row 2 (same contract, article, condition and valid_from)"),
    ]


def test_valid_to_before_valid_from_is_an_error(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(
        "kontraktsnummer;artikkelnummer;beskrivelse;enhet;enhetspris;gyldig_fra;gyldig_til\n"
        "K;A;Stol;EA;10;01.02.2026;31.01.2026\n",
        encoding="utf-8",
    )

    with pytest.raises(TableError) as caught:
        read_price_list(path)

    assert [(e.row, e.column, e.detail) for e in caught.value.errors] == [
        (2, "valid_to", "ends before valid_from")
    ]


def test_xlsx_with_typed_cells(write_xlsx):
    path = write_xlsx(
        [
            [
                "Artikkelnummer",
                "Kontraktsnummer",
                "Beskrivelse",
                "Enhet",
                "Enhetspris",
                "Gyldig fra",
                "Tilstand",
            ],
            ["KS-100", "RA-2025-017", "Kontorstol", "EA", 3424.5, datetime(2026, 1, 1), "Brukt"],
            ["KS-200", "RA-2025-017", "Pult", "EA", "1 200,00", "31.01.2026", None],
            [None, None, None, None, None, None, None],
        ]
    )

    rows = read_price_list(path)

    assert rows == (
        PriceListRow(
            2, "RA-2025-017", "KS-100", "Kontorstol", "EA", Decimal("3424.5"), date(2026, 1, 1), None, "used"
        ),
        PriceListRow(
            3, "RA-2025-017", "KS-200", "Pult", "EA", Decimal("1200.00"), date(2026, 1, 31), None, "new"
        ),
    )


def test_xlsx_errors_give_row_and_column(write_xlsx):
    path = write_xlsx(
        [
            ["contract_number", "article_number", "description", "unit_code", "unit_price", "valid_from"],
            ["K", "A", "Stol", "EA", "gratis", "i morgen"],
        ]
    )

    with pytest.raises(TableError) as caught:
        read_price_list(path)

    assert [(e.row, e.column) for e in caught.value.errors] == [(2, "unit_price"), (2, "valid_from")]


def test_a_file_that_is_not_a_workbook_is_a_clear_error(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")

    with pytest.raises(FormatError) as caught:
        read_price_list(path)

    assert caught.value.reason.startswith("not a readable XLSX workbook")


def test_the_size_limit_applies(tmp_path, monkeypatch, fixtures):
    monkeypatch.setenv("GRONNKJOP_MAX_DOCUMENT_BYTES", "100")

    with pytest.raises(TooLargeError):
        read_price_list(fixtures / "tables" / "prisliste-semikolon-cp1252.csv")


ROWS = (
    PriceListRow(
        2, "RA-2025-017", "KS-100", "Kontorstol; ombrukt «Ærø»", "EA", Decimal("1200.5"), date(2026, 1, 1)
    ),
    PriceListRow(
        3,
        "RA-2025-017",
        "KS-100",
        "Kontorstol",
        "EA",
        Decimal("950.1234"),
        date(2026, 1, 1),
        condition="used",
    ),
    PriceListRow(
        4,
        "RA-2025-017",
        "KAF-7",
        "Kaffe, økologisk",
        "KGM",
        Decimal("189"),
        date(2025, 1, 1),
        date(2025, 12, 31),
    ),
    PriceListRow(
        5, "RA-2025-018", "T-1", "Timepris rådgiver", "HUR", Decimal("1234567.89"), date(2026, 3, 1)
    ),
    # more digits than a spreadsheet number holds: written as text, read back exactly
    PriceListRow(
        6, "RA-2025-018", "T-2", "Stort beløp", "EA", Decimal("12345678901234.5678"), date(2026, 3, 1)
    ),
    PriceListRow(7, "RA-2025-018", "T-3", "", "EA", Decimal("0.5"), date(2026, 3, 1)),  # no description
)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_written_price_list_reads_back_to_the_same_rows(tmp_path, file_format):
    path = tmp_path / f"prisliste.{file_format}"
    path.write_bytes(write_price_list(ROWS, file_format=file_format))
    assert read_price_list(path) == ROWS


def test_the_csv_is_for_norwegian_spreadsheets():
    text = write_price_list(ROWS[:3]).decode("utf-8")
    assert text.splitlines() == [
        "\ufeffkontraktsnummer;artikkelnummer;beskrivelse;enhet;enhetspris;gyldig_fra;gyldig_til;tilstand",
        'RA-2025-017;KS-100;"Kontorstol; ombrukt «Ærø»";EA;1200,50;01.01.2026;;ny',
        "RA-2025-017;KS-100;Kontorstol;EA;950,1234;01.01.2026;;brukt",
        "RA-2025-017;KAF-7;Kaffe, økologisk;KGM;189,00;01.01.2025;31.12.2025;ny",
    ]


def test_the_xlsx_has_numbers_and_dates_with_norwegian_formats():
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(write_price_list(ROWS, file_format="xlsx"))).active
    assert (sheet.title, sheet.freeze_panes, sheet["A1"].font.b) == ("Prisliste", "A2", True)
    price, valid_from, valid_to = sheet["E4"], sheet["F4"], sheet["G4"]
    assert (price.value, price.number_format) == (189, "#,##0.00##")
    assert (valid_from.value, valid_from.number_format) == (datetime(2025, 1, 1), "DD.MM.YYYY")
    assert valid_to.value == datetime(2025, 12, 31)
    assert sheet["G2"].value is None


def test_an_unknown_file_format_is_refused():
    with pytest.raises(ValueError, match="unknown file format 'ods'"):
        write_price_list(ROWS, file_format="ods")


def test_every_error_is_also_said_in_bokmaal_under_the_norwegian_heading(fixtures):
    with pytest.raises(TableError) as caught:
        read_price_list(fixtures / "tables" / "prisliste-feil.csv")

    assert [e.text("nb") for e in caught.value.errors] == [
        "rad 3, kolonne enhet: 'bunt' er ikke en enhetskode fra UN/ECE Rec 20/21, f.eks. EA, H87, KGM, HUR, XPK",
        "rad 3, kolonne enhetspris: '1.200,00' blander desimalpunktum og desimalkomma",
        "rad 3, kolonne gyldig_fra: '31.02.2026' er ikke en gyldig dato",
        "rad 4, kolonne artikkelnummer: verdien mangler",
        "rad 4, kolonne enhetspris: '-5' er negativt",
        "rad 4, kolonne tilstand: 'gammel' er ikke en av new, ny, nytt, used, brukt",
        "rad 5, kolonne artikkelnummer: samme som rad 2 (samme kontrakt, artikkel, tilstand og gyldig_fra)",
    ]
    assert caught.value.errors[0].text("en") == (
        "row 3, column unit_code: 'bunt' is not a UN/ECE Rec 20/21 unit code, e.g. EA, H87, KGM, HUR, XPK"
    )


def test_a_cell_longer_than_its_field_holds_is_named_with_its_row(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(
        "kontraktsnummer;artikkelnummer;beskrivelse;enhet;enhetspris;gyldig_fra\n"
        f"K;{'A' * 80};Stol;EA;10;01.02.2026\n"
        f"K;{'A' * 81};{'lang ' * 61};EA;10;01.02.2026\n",
        encoding="utf-8",
    )

    with pytest.raises(TableError) as caught:
        read_price_list(path)

    assert [(e.row, e.column, e.detail, e.column_nb, e.detail_nb) for e in caught.value.errors] == [
        (
            3,
            "article_number",
            "81 characters, at most 80 allowed",
            "artikkelnummer",
            "81 tegn, høyst 80 er tillatt",
        ),
        (
            3,
            "description",
            "304 characters, at most 300 allowed",
            "beskrivelse",
            "304 tegn, høyst 300 er tillatt",
        ),
    ]
