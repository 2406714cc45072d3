"""The pure ``gronnkjop ehf|saft|pricelist`` commands: output, exit status, never a traceback."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest

from gronnkjop.cli import main as gronnkjop
from gronnkjop.formats.cli import main


def run(argv, capsys):
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def validator():
    return pytest.importorskip("gronnkjop.formats.ehf.validate")


def test_validate_json_lists_each_file_with_its_findings(validator, fixtures, tmp_path, capsys):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<Invoice><cbc:ID>")
    other = tmp_path / "order.xml"
    other.write_bytes(b"<Order xmlns='urn:oasis:names:specification:ubl:schema:xsd:Order-2'/>")

    code, out, _err = run(
        [
            "ehf",
            "validate",
            str(fixtures / "ehf" / "invoice-no.xml"),
            str(bad),
            str(other),
            "--format",
            "json",
        ],
        capsys,
    )

    entries = json.loads(out)
    assert code == 1
    assert [(e["file"], e["valid"], e["document"]) for e in entries] == [
        (str(fixtures / "ehf" / "invoice-no.xml"), True, "Invoice"),
        (str(bad), False, None),
        (str(other), False, None),
    ]
    assert entries[0]["errors"] == []
    assert [f["rule"] for f in entries[1]["errors"]] == ["XML-WELL-FORMED"]
    assert [f["rule"] for f in entries[2]["errors"]] == ["UBL-ROOT"]
    assert set(entries[1]["errors"][0]) == {"rule", "flag", "location", "message"}


def test_validate_exit_zero_when_all_are_valid(validator, fixtures, capsys):
    code, out, _err = run(["ehf", "validate", str(fixtures / "ehf" / "invoice-no.xml")], capsys)

    assert code == 0
    assert out == f"OK       {fixtures / 'ehf' / 'invoice-no.xml'} (Invoice)\n"


def test_validate_text_shows_warnings_indented(validator, fixtures, capsys):
    code, out, _err = run(["ehf", "validate", str(fixtures / "ehf" / "creditnote-no.xml")], capsys)

    lines = out.splitlines()
    assert code == 0
    assert lines[0] == f"OK       {fixtures / 'ehf' / 'creditnote-no.xml'} (CreditNote)"
    assert lines[1].startswith("    [warning] NO-R-002 /CreditNote/cac:AccountingSupplierParty/cac:Party: ")


def test_validate_a_zip_and_a_folder(validator, fixtures, tmp_path, capsys):
    archive = tmp_path / "in.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(fixtures / "ehf" / "invoice-no.xml", "a.xml")
        zf.writestr("b.pdf", b"%PDF")
    folder = tmp_path / "folder"
    folder.mkdir()
    shutil.copy(fixtures / "ehf" / "invoice-no.xml", folder / "c.xml")
    (folder / "d.xml").write_bytes(b"")

    code, out, err = run(["ehf", "validate", str(archive), str(folder), "--format", "json"], capsys)

    entries = json.loads(out)
    assert code == 1
    assert [(e["file"], e["valid"]) for e in entries] == [
        (f"{archive}!a.xml", True),
        (str(folder / "c.xml"), True),
        (str(folder / "d.xml"), False),
    ]
    assert entries[2]["errors"][0]["rule"] == "XML-WELL-FORMED"
    assert err == f"skipped: {archive}!b.pdf (not an .xml file)\n"


def test_validate_nonexistent_path_exits_2(capsys, tmp_path):
    code, out, err = run(["ehf", "validate", str(tmp_path / "nope.xml")], capsys)

    assert (code, out) == (2, "")
    assert err == f"gronnkjop: {tmp_path / 'nope.xml'}: no such file or folder\n"


@pytest.mark.parametrize(
    "argv",
    [[], ["ehf"], ["ehf", "validate"], ["ehf", "bogus"], ["ehf", "show", "x", "--format", "yaml"], ["saft"]],
    ids=["nothing", "no-command", "no-path", "unknown-command", "bad-format", "saft-no-command"],
)
def test_usage_errors_exit_2(argv, capsys):
    code, _out, err = run(argv, capsys)

    assert code == 2
    assert "usage:" in err


def test_help_exits_0(capsys):
    code, out, _err = run(["ehf", "--help"], capsys)

    assert code == 0
    assert "validate" in out


def test_show_json_has_header_parties_totals_and_lines(fixtures, capsys):
    code, out, _err = run(
        ["ehf", "show", str(fixtures / "ehf" / "invoice-no.xml"), "--format", "json"], capsys
    )

    data = json.loads(out)
    assert code == 0
    assert (
        data["document_type"],
        data["number"],
        data["issue_date"],
        data["due_date"],
        data["is_credit"],
    ) == (
        "Invoice",
        "GK-2026-0042",
        "2026-03-02",
        "2026-04-01",
        False,
    )
    assert (data["supplier"]["organisation_number"], data["supplier"]["vat_id"], data["buyer"]["name"]) == (
        "921432569",
        "NO921432569MVA",
        "Eksempel kommune",
    )
    assert data["totals"] == {
        "line_extension": "12150.00",
        "tax_exclusive": "12650.00",
        "tax_inclusive": "15737.50",
        "payable": "15737.50",
        "allowance_total": None,
        "charge_total": "500.00",
        "prepaid": None,
        "payable_rounding": None,
    }
    assert [(s["category"]["percent"], s["tax_amount"]) for s in data["tax_subtotals"]] == [
        ("25", "2975.00"),
        ("15", "112.50"),
    ]
    assert [
        (line["id"], line["quantity"], line["net_amount"], line["net_unit_price"]) for line in data["lines"]
    ] == [
        ("1", "10", "11400.00", "1200.00"),
        ("2", "3", "750.00", "250.00"),
    ]


def test_show_never_prints_an_exponent(tmp_path, capsys):
    from datetime import date
    from decimal import Decimal

    from gronnkjop.formats.ehf import LineInput, build_invoice, norwegian_party, write_invoice

    party = norwegian_party(name="A AS", orgnr="921432569")
    invoice = build_invoice(
        number="1",
        issue_date=date(2026, 1, 1),
        supplier=party,
        buyer=party,
        lines=[LineInput("X", Decimal("1E+3"), Decimal("0.00001"))],
    )
    path = tmp_path / "x.xml"
    path.write_bytes(write_invoice(invoice))

    code, out, _err = run(["ehf", "show", str(path), "--format", "json"], capsys)

    assert code == 0
    assert "E+" not in out and "E-" not in out
    assert json.loads(out)["lines"][0]["price_amount"] == "0.00001"


def test_show_text(fixtures, capsys):
    code, out, _err = run(["ehf", "show", str(fixtures / "ehf" / "creditnote-no.xml")], capsys)

    assert code == 0
    assert out.splitlines()[0] == "CreditNote GK-2026-K007  issued 2026-03-10  due 2026-04-09"


def test_show_of_a_broken_file_is_a_clear_message_with_exit_2(tmp_path, capsys):
    path = tmp_path / "t.xml"
    path.write_bytes(
        b"<?xml version='1.0'?><Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'>"
    )

    code, out, err = run(["ehf", "show", str(path)], capsys)

    assert (code, out) == (2, "")
    assert err.startswith(f"gronnkjop: {path}, line 1: truncated XML: ")
    assert "Traceback" not in err


def test_saft_summary_json(fixtures, capsys):
    path = fixtures / "saft" / "saft-1.30-kommune.xml"

    code, out, _err = run(["saft", "summary", str(path), "--format", "json"], capsys)

    assert code == 0
    assert json.loads(out) == {
        "file": str(path),
        "version": "1.30",
        "company": "Eksempel kommune",
        "organisation_number": "964338531",
        "currency": "NOK",
        "period_start": "2026-01-01",
        "period_end": "2026-02-28",
        "accounts": 4,
        "suppliers": 2,
        "lines": 6,
        "total_debit": "25400.00",
        "total_credit": "25400.00",
        "spend_by_supplier": [
            {
                "supplier_id": "L100",
                "name": "Grønn Kontor AS",
                "organisation_number": "921432569",
                "amount": "11400.00",
            },
            {
                "supplier_id": "L200",
                "name": "Ombruk Møbler AS",
                "organisation_number": "987654325",
                "amount": "6100.00",
            },
        ],
    }


def test_saft_summary_of_a_broken_file_exits_2(tmp_path, capsys):
    path = tmp_path / "s.xml"
    path.write_bytes(b"<AuditFile xmlns='urn:StandardAuditFile-Taxation-Financial:NO'><Header>")

    code, _out, err = run(["saft", "summary", str(path)], capsys)

    assert code == 2
    assert err.startswith(f"gronnkjop: {path}, line 1: broken XML inside <AuditFile/Header>: ")


def test_pricelist_check_json_ok(fixtures, capsys):
    path = fixtures / "tables" / "pricelist-comma-utf8-bom.csv"

    code, out, _err = run(["pricelist", "check", str(path), "--format", "json"], capsys)

    data = json.loads(out)
    assert (code, data["valid"], data["rows"], data["errors"]) == (0, True, 2, [])
    assert data["items"][0] == {
        "row": 2,
        "contract_number": "K-9",
        "article_number": "A-1",
        "description": "Pult, hev/senk",
        "unit_code": "EA",
        "unit_price": "1234.50",
        "valid_from": "2026-02-01",
        "valid_to": None,
        "condition": "new",
    }


def test_pricelist_check_reports_row_errors_with_exit_1(fixtures, capsys):
    code, out, _err = run(
        ["pricelist", "check", str(fixtures / "tables" / "prisliste-feil.csv"), "--format", "json"], capsys
    )

    data = json.loads(out)
    assert (code, data["valid"]) == (1, False)
    assert data["errors"][0] == {
        "row": 3,
        "column": "unit_code",
        "reason": "'bunt' is not a UN/ECE Rec 20/21 unit code, e.g. EA, H87, KGM, HUR, XPK",
    }
    assert len(data["errors"]) == 7


def test_pricelist_check_missing_file_exits_2(tmp_path, capsys):
    code, _out, err = run(["pricelist", "check", str(tmp_path / "nope.csv")], capsys)

    assert (code, err) == (2, f"gronnkjop: {tmp_path / 'nope.csv'}: no such file\n")


def test_console_script_dispatches_pure_commands(fixtures, capsys):
    code = gronnkjop(["saft", "summary", str(fixtures / "saft" / "saft-1.30-kommune.xml")])

    assert code == 0
    assert capsys.readouterr().out.startswith("Eksempel kommune (964338531), SAF-T 1.30\n")
