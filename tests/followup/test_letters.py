"""The refund claim letter: its content in bokmål, and the same content as PDF and DOCX."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from gronnkjop.followup.letters import claim_letter, letter_docx, letter_pdf
from gronnkjop.followup.services import claim_create

from .ui_fixtures import (  # noqa: F401 - fixtures
    D,
    contract_a,
    login,
    make_deviation,
    make_invoice,
    org_a,
    supplier,
    users_a,
)


@pytest.fixture
def claim(org_a, users_a, contract_a):
    contract_a.markup_new_pct = Decimal("12")
    contract_a.markup_used_pct = Decimal("25")
    contract_a.save()
    users_a["avtaleforvalter"].first_name, users_a["avtaleforvalter"].last_name = "Anders", "Avtaleforvalter"
    users_a["avtaleforvalter"].save()
    priced = make_invoice(
        org_a, "10450", day=D(2026, 3, 2), contract=contract_a, lines=[("DP-14", "4", "11761.20", contract_a)]
    )
    marked = make_invoice(
        org_a, "10925", day=D(2026, 3, 9), contract=contract_a, lines=[("MAT-1", "1", "4956.00", contract_a)]
    )
    deviations = [
        make_deviation(
            priced,
            "PRICE_ABOVE_AGREEMENT",
            "3484.80",
            evidence={
                "invoiced_unit_price": "11761.2",
                "agreed_unit_price": "10890",
                "quantity": "4",
                "tolerance_pct": "0",
            },
        ),
        make_deviation(
            marked,
            "MARKUP_ABOVE_AGREEMENT",
            "252.00",
            evidence={"markup_pct": "18", "allowed_pct": "12", "base_amount": "4200.00", "condition": "new"},
        ),
    ]
    [claim] = claim_create(organisation=org_a, deviations=deviations, by=users_a["avtaleforvalter"])
    return claim


def test_letter_names_parties_clauses_lines_and_total(claim, users_a):
    letter = claim_letter(claim=claim, by=users_a["avtaleforvalter"], today=D(2026, 4, 1))
    assert letter.subject == f"Krav om tilbakebetaling – {claim.number}"
    assert (letter.sender, letter.recipient, letter.contract) == (
        "Dulten kommune",
        "Interiørhuset Møbler AS",
        "K-1 Avtale K-1",
    )
    assert letter.clauses == [
        "Fakturerte priser skal være i samsvar med avtalt prisliste. Pris utover avtalt pris er ikke avtalt "
        "og kan ikke faktureres.",
        "Påslag på materialer skal ikke overstige avtalt påslag: 12 % på nye og 25 % på brukte materialer. "
        "Påslag ut over dette kan ikke faktureres.",
    ]
    assert [
        (ln.invoice, ln.deviation, ln.agreed, ln.invoiced, ln.quantity, ln.amount) for ln in letter.lines
    ] == [
        (
            "10450",
            "Pris over avtalt pris",
            "10\xa0890,00\xa0kr",
            "11\xa0761,20\xa0kr",
            "4",
            Decimal("3484.80"),
        ),
        (
            "10925",
            "Påslag over avtalt",
            "påslag 12 %",
            "påslag 18 %",
            "grunnlag 4\xa0200,00\xa0kr",
            Decimal("252.00"),
        ),
    ]
    assert letter.total == Decimal("3736.80")
    assert (letter.date, letter.deadline) == (D(2026, 4, 1), D(2026, 5, 1))
    assert "innen 01.05.2026 (30 dager) betaler beløpet tilbake eller sender kreditnota" in letter.request
    assert letter.contact == "Kontaktperson: Anders Avtaleforvalter, a_avtaleforvalter@example.no"


def test_letter_pdf_is_a_pdf_with_the_claim_number(claim, users_a):
    pdf = letter_pdf(claim_letter(claim=claim, by=users_a["avtaleforvalter"]))
    assert pdf.startswith(b"%PDF-")
    # The document title (UTF-16 in the PDF's info dictionary) carries the claim number.
    assert claim.number.encode("utf-16-be").hex() in pdf.decode("latin-1").lower()
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        assert claim.number in text
        assert "Sum krav" in text


def test_letter_docx_has_the_lines_and_the_total(claim, users_a):
    from docx import Document

    document = Document(io.BytesIO(letter_docx(claim_letter(claim=claim, by=users_a["avtaleforvalter"]))))
    [table] = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Faktura", "Dato", "Linje", "Vare", "Avvik", "Avtalt", "Fakturert", "Antall", "Beløp"]
    assert rows[1][0] == "10450"
    assert rows[1][4:] == [
        "Pris over avtalt pris",
        "10\xa0890,00\xa0kr",
        "11\xa0761,20\xa0kr",
        "4",
        "3\xa0484,80\xa0kr",
    ]
    assert (rows[-1][0], rows[-1][-1]) == ("Sum krav", "3\xa0736,80\xa0kr")
    paragraphs = [p.text for p in document.paragraphs]
    assert f"Krav om tilbakebetaling – {claim.number}" in paragraphs


def test_letter_downloads(claim, users_a, login):
    client = login(users_a["leder"])
    pdf = client.get(reverse("followup:claim_letter_pdf", args=[claim.pk]))
    docx = client.get(reverse("followup:claim_letter_docx", args=[claim.pk]))
    page = client.get(reverse("followup:claim_letter", args=[claim.pk]))
    assert (pdf.status_code, pdf["Content-Type"], pdf.content[:5]) == (200, "application/pdf", b"%PDF-")
    assert pdf["Content-Disposition"] == f'attachment; filename="{claim.number.lower()}.pdf"'
    assert claim.number.startswith("KRAV-")  # so the file is krav-2026-0001.pdf, not krav-krav-...
    assert docx.status_code == 200
    assert docx.content[:2] == b"PK"
    assert "Fakturerte priser skal være i samsvar med avtalt prisliste." in page.content.decode()


def _pdf_text(pdf: bytes, *options: str) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed: the PDF's text cannot be read")
    command = ["pdftotext", *options, "-", "-"]
    return subprocess.run(command, input=pdf, capture_output=True, check=True).stdout.decode()


def test_the_organisation_numbers_are_formatted_in_html_pdf_and_docx(claim, users_a, login):
    from docx import Document

    page = login(users_a["avtaleforvalter"]).get(reverse("followup:claim_letter", args=[claim.pk]))
    html = page.content.decode()
    assert "<strong>Dulten kommune</strong><br>Org.nr. 940 080 177</p>" in html
    assert "Til: Interiørhuset Møbler AS<br>Org.nr. 920 000 118</p>" in html
    letter = claim_letter(claim=claim, by=users_a["avtaleforvalter"])
    document = Document(io.BytesIO(letter_docx(letter)))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Dulten kommune\nOrg.nr. 940 080 177"
    assert "Til: Interiørhuset Møbler AS\nOrg.nr. 920 000 118" in paragraphs
    text = _pdf_text(letter_pdf(letter))
    assert "Org.nr. 940 080 177" in text
    assert "Org.nr. 920 000 118" in text
    assert "940080177" not in text and "920000118" not in text


def test_a_long_invoice_number_is_not_broken_in_the_pdf_table(org_a, users_a, contract_a):
    from fpdf import FPDF

    from gronnkjop.followup.letters import COLUMN_WIDTHS, column_widths

    invoice = make_invoice(
        org_a,
        "WALK-990/01",
        day=D(2026, 3, 2),
        contract=contract_a,
        lines=[("A-1", "40", "25.00", contract_a)],
    )
    [claim] = claim_create(
        organisation=org_a,
        deviations=[make_deviation(invoice, "PRICE_ABOVE_AGREEMENT", "200.00")],
        by=users_a["avtaleforvalter"],
    )
    text = _pdf_text(letter_pdf(claim_letter(claim=claim, by=users_a["avtaleforvalter"])), "-layout")
    # the table's row as laid out: the whole number, then the date and the rest of the row
    assert re.search(r"^WALK-990/01 02\.03\.2026 +1 +A-1 Vare A-1 .* 40 +200,00 kr$", text, re.MULTILINE)
    # the columns: the invoice column is widened to the number, the others keep their words whole,
    # and together they fill the page's width
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_font("Helvetica", "", 7.5)
    rows = [["Faktura", "Dato", "Linje", "Vare", "Avvik", "Avtalt", "Fakturert", "Antall", "Beløp"]]
    rows.append(
        ["WALK-990/01", "02.03.2026", "1", "A-1 Vare A-1", "Pris over avtalt pris", "x", "x", "40", "x"]
    )
    widths = column_widths(pdf, rows, 170)
    assert round(sum(widths), 6) == 170
    assert widths[0] >= pdf.get_string_width("WALK-990/01") + 2 * pdf.c_margin
    assert widths[0] > COLUMN_WIDTHS[0]
    assert widths[3] < COLUMN_WIDTHS[3]  # the room came from the item's text, which breaks between words
