"""Errors say in bokmål what is wrong with a file, naming the file the user knows."""

from __future__ import annotations

from pathlib import Path

import pytest

from gronnkjop.formats import FormatError
from gronnkjop.formats.ehf import read_invoice
from gronnkjop.formats.errors import NotUBLError, NotXMLError, SAFTError, TableError, TooLargeError
from gronnkjop.formats.saft import read_saft
from gronnkjop.formats.tables import read_rows

INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"


def _error(call, *args, **kwargs) -> FormatError:
    with pytest.raises(FormatError) as caught:
        call(*args, **kwargs)
    return caught.value


def test_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "tom.xml"
    path.write_bytes(b"")
    error = _error(read_invoice, path)
    assert isinstance(error, NotXMLError)
    assert error.text("nb", file="faktura.xml") == "faktura.xml: filen er tom"
    assert error.text("en") == str(error) == f"{path}: file is empty"


def test_a_truncated_invoice_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "avkortet.xml"
    path.write_bytes(f'<Invoice xmlns="{INVOICE_NS}">\n  <ID>1</ID>\n  <Note>'.encode())
    error = _error(read_invoice, path)
    assert error.text("nb", file="avkortet.xml") == (
        "avkortet.xml, linje 3: XML-en er avkortet: filen slutter før dokumentet er ferdig"
    )


def test_xml_of_another_kind() -> None:
    error = _error(read_invoice, b"<note><to>Tove</to></note>")
    assert isinstance(error, NotUBLError)
    assert error.text("nb", file="brev.xml") == (
        "brev.xml, linje 1: filen er ikke en EHF-faktura eller -kreditnota: rotelementet er 'note'"
    )


def test_an_invoice_in_the_wrong_namespace() -> None:
    error = _error(read_invoice, b'<Invoice xmlns="urn:example"/>')
    assert error.text("nb") == (
        f"Linje 1: rotelementet Invoice har feil navnerom ('urn:example', skal være '{INVOICE_NS}')"
    )


def test_a_file_above_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRONNKJOP_MAX_DOCUMENT_BYTES", "1000000")
    path = tmp_path / "stor.xml"
    path.write_bytes(b"<a>" + b" " * 1_000_001 + b"</a>")
    error = _error(read_invoice, path)
    assert isinstance(error, TooLargeError)
    assert error.text("nb", file="stor.xml") == "stor.xml: filen er større enn grensen på 1 MB"


def test_a_broken_workbook(tmp_path: Path) -> None:
    path = tmp_path / "upload-1c28.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    error = _error(read_rows, path)
    assert (
        error.text("nb", file="priser.xlsx")
        == "priser.xlsx: filen er ikke en lesbar Excel-arbeidsbok (.xlsx)"
    )
    assert error.text("en", file="priser.xlsx").startswith("priser.xlsx: not a readable XLSX workbook: ")


def test_xml_that_is_not_saft(tmp_path: Path) -> None:
    path = tmp_path / "ledger.xml"
    path.write_bytes(b'<?xml version="1.0"?>\n<note/>')
    error = _error(read_saft, path)
    assert isinstance(error, SAFTError)
    assert error.text("nb", file="hovedbok.xml") == (
        "hovedbok.xml, linje 2: filen er ikke en SAF-T Financial-fil: rotelementet er 'note', ikke AuditFile"
    )


def test_an_error_without_its_own_bokmal_reason_says_what_kind_it_is() -> None:
    assert NotXMLError("not well-formed XML: Start tag expected", line=4).text("nb") == (
        "Linje 4: filen er ikke gyldig XML"
    )
    assert FormatError("something odd", file="a.csv").text("nb") == "a.csv: filen kan ikke leses"


def test_a_table_error_lists_its_rows_in_bokmal(tmp_path: Path) -> None:
    from gronnkjop.formats.pricelist import read_price_list

    path = tmp_path / "priser.csv"
    path.write_text(
        "kontraktsnummer;artikkelnummer;beskrivelse;enhet;enhetspris;gyldig_fra\nK-1;A-1;Stol;EA;gratis;2026-01-01\n",
        encoding="utf-8",
    )
    error = _error(read_price_list, path)
    assert isinstance(error, TableError)
    assert error.text("nb", file="priser.csv") == (
        "priser.csv: 1 rad(er) med feil: rad 2, kolonne enhetspris: 'gratis' er ikke et tall"
    )
