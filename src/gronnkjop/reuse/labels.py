"""A printable A4 sheet of QR labels (3 × 8, 70 × 37 mm); each QR code opens the item's page."""

from __future__ import annotations

import io

import segno
from fpdf import FPDF

COLUMNS, ROWS = 3, 8
WIDTH, HEIGHT = 70, 37.125


def _latin(text: str) -> str:
    # The core PDF fonts are Latin-1; Norwegian letters are in it, other characters are replaced.
    return text.encode("latin-1", "replace").decode("latin-1")


def label_sheet_pdf(labels: list[tuple[str, str, str]]) -> bytes:
    """``labels`` is a list of (url, code, title); returns the PDF bytes (several pages when needed)."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title("Ombruk – etiketter")
    pdf.set_creator("Grønnkjøp")
    for index, (url, code, title) in enumerate(labels):
        slot = index % (COLUMNS * ROWS)
        if slot == 0:
            pdf.add_page()
        x = (slot % COLUMNS) * WIDTH
        y = (slot // COLUMNS) * HEIGHT
        png = io.BytesIO()
        segno.make(url, error="m").save(png, kind="png", scale=4, border=1)
        png.seek(0)
        pdf.image(png, x=x + 3, y=y + 3.5, w=30, h=30)
        pdf.set_xy(x + 35, y + 6)
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(WIDTH - 37, 6, _latin(code))
        pdf.set_xy(x + 35, y + 13)
        pdf.set_font("Helvetica", "", 8)
        pdf.multi_cell(WIDTH - 38, 3.6, _latin(title[:90]))
    return bytes(pdf.output())
