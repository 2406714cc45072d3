"""The refund claim letter: who claims what from whom, under which clause, line by line.

:func:`claim_letter` gathers the content once; the HTML page, :func:`letter_pdf` (fpdf2) and
:func:`letter_docx` (python-docx) lay it out. The letter goes to a Norwegian supplier, so its text is
bokmål whatever the UI language is.

The PDF embeds DejaVu Sans (Debian's ``fonts-dejavu-core``, or the file named by
``GRONNKJOP_PDF_FONT``) for full Unicode; without it the letter falls back to the PDF core font
Helvetica, whose Latin-1 covers Norwegian letters.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.utils import timezone, translation

from gronnkjop.core.templatetags.gk import format_number, kr
from gronnkjop.core.validators import format_orgnr

from .models import Claim, DeviationCode, Invoice
from .templatetags.followup import antall

ANSWER_DAYS = 30

CLAUSES = {
    DeviationCode.PRICE_ABOVE_AGREEMENT: (
        "Fakturerte priser skal være i samsvar med avtalt prisliste. Pris utover avtalt pris{tolerance} "
        "er ikke avtalt og kan ikke faktureres."
    ),
    DeviationCode.ARTICLE_NOT_IN_PRICE_LIST: (
        "Varer og tjenester under avtalen skal faktureres etter avtalt prisliste. Artikler som ikke står i "
        "prislisten, krever skriftlig avtalt pris før levering."
    ),
    DeviationCode.MARKUP_ABOVE_AGREEMENT: (
        "Påslag på materialer skal ikke overstige avtalt påslag{markups}. Påslag ut over dette kan ikke "
        "faktureres."
    ),
    DeviationCode.DUPLICATE_INVOICE: (
        "Hver leveranse skal faktureres én gang. Beløp som er fakturert og betalt to ganger, skal betales "
        "tilbake."
    ),
    DeviationCode.AFTER_EXPIRY: (
        "Avtalen løp ut {end}. Leveranser fakturert etter utløpet er ikke omfattet av avtalens priser og "
        "vilkår og er ikke bestilt under avtalen."
    ),
    DeviationCode.OVER_CEILING: (
        "Avtalens samlede ramme er {ceiling}. Kjøp ut over rammen er ikke omfattet av avtalen og kan ikke "
        "faktureres under den."
    ),
}


@dataclass(frozen=True)
class LetterLine:
    invoice: str
    invoice_date: dt.date
    line: str
    item: str
    deviation: str
    agreed: str
    invoiced: str
    quantity: str
    amount: Decimal


@dataclass
class ClaimLetter:
    claim: Claim
    date: dt.date
    deadline: dt.date
    sender: str
    sender_orgnr: str
    recipient: str
    recipient_orgnr: str
    subject: str
    contract: str
    intro: str
    clauses: list[str]
    lines: list[LetterLine]
    total: Decimal
    request: str
    contact: str
    signature: list[str] = field(default_factory=list)

    @property
    def file_stem(self) -> str:
        number = self.claim.number.lower()  # KRAV-2026-0007 already says what it is
        return number if number.startswith("krav-") else f"krav-{number}"


def _pct(value) -> str:
    return f"{format_number(Decimal(str(value)), 1).removesuffix(',0')} %"


def _price(value) -> str:
    return kr(Decimal(str(value)), 2)


def _line(deviation, invoice_numbers: dict[int, str]) -> LetterLine:
    invoice, line, evidence = deviation.invoice, deviation.line, deviation.evidence
    code = deviation.code
    agreed = invoiced = quantity = "–"
    if line is not None:
        quantity = antall(line.quantity)
        invoiced = _price(line.net_unit_price)
    if code == DeviationCode.PRICE_ABOVE_AGREEMENT:
        agreed, invoiced = _price(evidence["agreed_unit_price"]), _price(evidence["invoiced_unit_price"])
        quantity = antall(evidence["quantity"])
    elif code == DeviationCode.ARTICLE_NOT_IN_PRICE_LIST:
        agreed = "ikke i prislisten"
    elif code == DeviationCode.MARKUP_ABOVE_AGREEMENT:
        agreed = f"påslag {_pct(evidence['allowed_pct'])}"
        invoiced = f"påslag {_pct(evidence['markup_pct'])}"
        quantity = f"grunnlag {_price(evidence['base_amount'])}"
    elif code == DeviationCode.DUPLICATE_INVOICE:
        original = invoice_numbers.get(evidence.get("duplicate_of"), "")
        agreed = "fakturert én gang"
        invoiced = f"også faktura {original}" if original else "fakturert to ganger"
        quantity = "–"
    elif code == DeviationCode.AFTER_EXPIRY:
        agreed = f"avtalen utløp {dt.date.fromisoformat(evidence['contract_end']):%d.%m.%Y}"
        invoiced = f"fakturert {invoice.issue_date:%d.%m.%Y}"
    elif code == DeviationCode.OVER_CEILING:
        agreed = f"ramme {_price(evidence['ceiling'])}"
        invoiced = f"samlet {_price(evidence['spend_after'])}"
        quantity = "–"
    item = " ".join(p for p in [line.article_number if line else "", line.name if line else ""] if p)
    return LetterLine(
        invoice=("Kreditnota " if invoice.is_credit else "") + invoice.number,
        invoice_date=invoice.issue_date,
        line=line.line_id if line is not None else "–",
        item=item or "Hele fakturaen",
        deviation=str(DeviationCode(code).label),
        agreed=agreed,
        invoiced=invoiced,
        quantity=quantity,
        amount=deviation.amount_at_stake,
    )


def _clauses(claim: Claim, codes: list[str]) -> list[str]:
    contract = claim.contract
    texts = []
    for code in DeviationCode.values:
        if code not in codes or code not in CLAUSES:
            continue
        values = {"tolerance": "", "markups": "", "end": "", "ceiling": ""}
        if contract is not None:
            if contract.price_tolerance_pct:
                values["tolerance"] = f" (med en toleranse på {_pct(contract.price_tolerance_pct)})"
            parts = []
            if contract.markup_new_pct is not None:
                parts.append(f"{_pct(contract.markup_new_pct)} på nye")
            if contract.markup_used_pct is not None:
                parts.append(f"{_pct(contract.markup_used_pct)} på brukte materialer")
            if parts:
                values["markups"] = ": " + " og ".join(parts)
            values["end"] = f"{contract.effective_end:%d.%m.%Y}"
            values["ceiling"] = kr(contract.ceiling, 0) if contract.ceiling else "avtalt"
        texts.append(CLAUSES[code].format(**values))
    return texts


def claim_letter(*, claim: Claim, by=None, today: dt.date | None = None) -> ClaimLetter:
    """The content of ``claim``'s letter; ``by`` (the user asking) is the contact person."""
    with translation.override("nb"):
        today = today or timezone.localdate()
        date = claim.sent_on or today
        deviations = list(
            claim.deviations.select_related("invoice", "line").order_by(
                "invoice__issue_date", "invoice__number", "line__id", "code"
            )
        )
        wanted = {
            d.evidence.get("duplicate_of") for d in deviations if d.code == DeviationCode.DUPLICATE_INVOICE
        }
        numbers = dict(
            Invoice.objects.filter(
                organisation=claim.organisation, pk__in=[w for w in wanted if w]
            ).values_list("pk", "number")
        )
        lines = [_line(d, numbers) for d in deviations]
        total = sum((line.amount for line in lines), Decimal("0.00"))
        organisation = claim.organisation
        contract = claim.contract
        contract_text = f"{contract.number} {contract.title}" if contract else "uten avtale"
        deadline = date + dt.timedelta(days=ANSWER_DAYS)
        contact_user = by or claim.created_by
        contact_name = (contact_user.get_full_name() or contact_user.username) if contact_user else ""
        contact_email = contact_user.email if contact_user else ""
        under = f" under avtale {contract_text}" if contract else ""
        intro = (
            f"{organisation.name} har kontrollert fakturaer fra {claim.supplier_name}{under}. Kontrollen viser "
            f"at fakturalinjene nedenfor ikke er i samsvar med avtalen. {organisation.name} krever derfor "
            f"{kr(total)} tilbakebetalt."
        )
        request = (
            f"Vi ber om at {claim.supplier_name} innen {deadline:%d.%m.%Y} ({ANSWER_DAYS} dager) betaler "
            f"beløpet tilbake eller sender kreditnota på beløpet, merket med vår referanse {claim.number}. "
            "Mener dere at kravet ikke er riktig, ber vi om en skriftlig begrunnelse innen samme frist."
        )
        contact = "Kontaktperson: " + ", ".join(p for p in [contact_name, contact_email] if p)
        return ClaimLetter(
            claim=claim,
            date=date,
            deadline=deadline,
            sender=organisation.name,
            sender_orgnr=organisation.orgnr,
            recipient=claim.supplier_name,
            recipient_orgnr=claim.supplier_orgnr,
            subject=f"Krav om tilbakebetaling – {claim.number}",
            contract=contract_text,
            intro=intro,
            clauses=_clauses(claim, [d.code for d in deviations]),
            lines=lines,
            total=total,
            request=request,
            contact=contact,
            signature=[p for p in ["Med vennlig hilsen", contact_name, organisation.name] if p],
        )


HEADERS = ("Faktura", "Dato", "Linje", "Vare", "Avvik", "Avtalt", "Fakturert", "Antall", "Beløp")


def _cells(line: LetterLine) -> list[str]:
    return [
        line.invoice,
        f"{line.invoice_date:%d.%m.%Y}",
        line.line,
        line.item,
        line.deviation,
        line.agreed,
        line.invoiced,
        line.quantity,
        kr(line.amount),
    ]


# --- PDF ------------------------------------------------------------------------------------------

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


def _font_files() -> tuple[Path, Path] | None:
    configured = os.environ.get("GRONNKJOP_PDF_FONT")
    if configured and Path(configured).is_file():
        bold = Path(configured).with_name(Path(configured).stem + "-Bold.ttf")
        return Path(configured), bold if bold.is_file() else Path(configured)
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    return None


#: The table's columns in proportion (invoice, date, line, item, deviation, agreed, invoiced, quantity,
#: amount); :func:`column_widths` widens a column whose longest word would not fit.
COLUMN_WIDTHS = (16, 19, 10, 29, 22, 19, 19, 12, 24)


def _widest_words(pdf, rows: list[list[str]]) -> list[float]:
    """Per column, the width in mm of its longest word in the current font (headings, the first row,
    in bold) plus the cell's margins left and right."""
    family, size = pdf.font_family, pdf.font_size_pt
    room = 2 * pdf.c_margin + 0.5  # the text's margins in the cell, and a little for the border
    widest = [0.0] * len(rows[0])
    for index, row in enumerate(rows):
        pdf.set_font(family, "B" if index == 0 else "", size)
        for column, value in enumerate(row):
            for word in value.split(" "):
                if word:
                    widest[column] = max(widest[column], pdf.get_string_width(word) + room)
    pdf.set_font(family, "", size)
    return widest


def column_widths(pdf, rows: list[list[str]], width: float) -> list[float]:
    """The table's column widths in mm, together ``width``: :data:`COLUMN_WIDTHS` scaled, but wide
    enough for each column's longest word in the current font, so that an invoice number such as
    ``WALK-990/01`` or an amount is not broken in the middle. The room taken comes from the columns
    with room to spare (the item and deviation texts, which break between words)."""
    scale = width / sum(COLUMN_WIDTHS)
    needed = _widest_words(pdf, rows)
    widths = [max(w * scale, n) for w, n in zip(COLUMN_WIDTHS, needed, strict=True)]
    over = sum(widths) - width
    spare = [max(0.0, w - n) for w, n in zip(widths, needed, strict=True)]
    if over > 0 and sum(spare) > 0:
        share = min(1.0, over / sum(spare))
        widths = [w - s * share for w, s in zip(widths, spare, strict=True)]
    total = sum(widths)
    return [w * width / total for w in widths]  # exactly ``width``, even when nothing could give


def letter_pdf(letter: ClaimLetter) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(unit="mm", format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(letter.subject)
    pdf.set_author(letter.sender)
    pdf.set_creator("Grønnkjøp")
    fonts = _font_files()
    if fonts:
        pdf.add_font("Letter", "", str(fonts[0]))
        pdf.add_font("Letter", "B", str(fonts[1]))
        family = "Letter"

        def text(value: str) -> str:
            return value

    else:
        family = "Helvetica"

        def text(value: str) -> str:
            value = value.replace("−", "-").replace("–", "-").replace("«", '"').replace("»", '"')
            return value.encode("latin-1", "replace").decode("latin-1")

    pdf.add_page()
    width = pdf.epw

    def paragraph(value: str, size: float = 10, style: str = "", gap: float = 2) -> None:
        pdf.set_font(family, style, size)
        pdf.multi_cell(width, size * 0.5, text(value), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    pdf.set_font(family, "B", 12)
    pdf.cell(width / 2, 6, text(letter.sender))
    pdf.set_font(family, "", 10)
    pdf.cell(width / 2, 6, text(f"{letter.date:%d.%m.%Y}"), align="R", new_x="LMARGIN", new_y="NEXT")
    paragraph(f"Org.nr. {format_orgnr(letter.sender_orgnr)}", gap=6)
    paragraph(f"Til: {letter.recipient}", gap=0)
    paragraph(f"Org.nr. {format_orgnr(letter.recipient_orgnr)}", gap=4)
    paragraph(f"Vår referanse: {letter.claim.number}    Avtale: {letter.contract}", gap=6)
    paragraph(letter.subject, size=14, style="B", gap=3)
    paragraph(letter.intro, gap=3)
    if letter.clauses:
        paragraph("Avtalen sier:", style="B", gap=1)
        for clause in letter.clauses:
            paragraph(f"•  {clause}", gap=1)
        pdf.ln(2)
    pdf.set_font(family, "", 7.5)
    rows = [
        [text(h) for h in HEADERS],
        *([text(c) for c in _cells(line)] for line in letter.lines),
        [text("Sum krav"), "", "", "", "", "", "", "", text(kr(letter.total))],
    ]
    with pdf.table(
        col_widths=column_widths(pdf, rows, width),
        text_align=("LEFT", "LEFT", "LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
        headings_style=FontFace(emphasis="BOLD"),
        line_height=3.6,
        width=width,
    ) as table:
        for row in rows:
            table.row(row)
    pdf.ln(4)
    paragraph(letter.request, gap=3)
    paragraph(letter.contact, gap=6)
    for line in letter.signature:
        paragraph(line, gap=0)
    return bytes(pdf.output())


# --- DOCX -----------------------------------------------------------------------------------------


def letter_docx(letter: ClaimLetter) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    document.core_properties.title = letter.subject
    document.core_properties.author = letter.sender
    style = document.styles["Normal"]
    style.font.size = Pt(10)
    header = document.add_paragraph()
    header.add_run(letter.sender).bold = True
    header.add_run(f"\nOrg.nr. {format_orgnr(letter.sender_orgnr)}")
    date = document.add_paragraph(f"{letter.date:%d.%m.%Y}")
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph(f"Til: {letter.recipient}\nOrg.nr. {format_orgnr(letter.recipient_orgnr)}")
    document.add_paragraph(f"Vår referanse: {letter.claim.number}\nAvtale: {letter.contract}")
    document.add_heading(letter.subject, level=1)
    document.add_paragraph(letter.intro)
    if letter.clauses:
        document.add_paragraph().add_run("Avtalen sier:").bold = True
        for clause in letter.clauses:
            document.add_paragraph(clause, style="List Bullet")
    table = document.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, HEADERS, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(heading).bold = True
    for line in letter.lines:
        for cell, value in zip(table.add_row().cells, _cells(line), strict=True):
            cell.text = value
    total = table.add_row().cells
    total[0].text = ""
    total[0].paragraphs[0].add_run("Sum krav").bold = True
    total[-1].text = ""
    total[-1].paragraphs[0].add_run(kr(letter.total)).bold = True
    for row in table.rows:
        for index in range(5, len(HEADERS)):
            row.cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph()
    document.add_paragraph(letter.request)
    document.add_paragraph(letter.contact)
    document.add_paragraph("\n".join(letter.signature))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
