"""The small error hierarchy of ``gronnkjop.formats``.

Every error is a :class:`FormatError` (a ``ValueError``), so callers that only want to tell a user
"this file cannot be read" catch one class. Subclasses say what kind of problem it is and carry the
place (file, line, element, row, column) so the message can point at it.
"""

from __future__ import annotations


class FormatError(ValueError):
    """Base class: a problem with input that a user can act on.

    ``str(error)`` is the English message with the place (``file, line 3: reason``); ``reason`` the
    English reason alone. For a bokmål interface, :meth:`text` says it in bokmål: the error's own
    ``reason_nb`` when the raiser gave one, else the class's :attr:`summary_nb` (what kind of problem
    it is; parser texts from libxml2 or openpyxl exist in English only and are left out there).
    """

    #: What kind of problem this is, in bokmål (for errors raised without a ``reason_nb``).
    summary_nb = "filen kan ikke leses"

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        reason_nb: str | None = None,
    ) -> None:
        self.reason = message
        self.reason_nb = reason_nb
        self.file = file
        self.line = line
        super().__init__(self._compose())

    def text(self, language: str = "en", *, file: str | None = None) -> str:
        """The error as one line in ``language`` (``nb`` for bokmål, else English). ``file`` names
        the file instead of the error's own ``file`` (the name a user uploaded, say, rather than
        the temporary path the server read)."""
        name = file if file is not None else self.file
        if language == "nb":
            where = [name] if name else []
            if self.line:
                where.append(f"linje {self.line}")
            reason = self.reason_nb or self.summary_nb
        else:
            where = [name] if name else []
            if self.line:
                where.append(f"line {self.line}")
            reason = self.reason
        said = f"{', '.join(where)}: {reason}" if where else reason
        return said if name else said[:1].upper() + said[1:]

    def _compose(self) -> str:
        where = []
        if self.file:
            where.append(str(self.file))
        if self.line:
            where.append(f"line {self.line}")
        return f"{': '.join([', '.join(where), self.reason]) if where else self.reason}"

    def at(self, file: str | None) -> FormatError:
        """Return the same error with the file name filled in (used by folder and ZIP readers)."""
        if file and not self.file:
            self.file = file
            self.args = (self._compose(),)
        return self


class NotXMLError(FormatError):
    """Empty, truncated, wrongly encoded or otherwise not well-formed XML."""

    summary_nb = "filen er ikke gyldig XML"


class UnsafeXMLError(FormatError):
    """A DTD, entity declaration or other construct that is refused for security."""

    summary_nb = "filen inneholder en DTD eller entiteter, som ikke godtas av sikkerhetshensyn"


class TooLargeError(FormatError):
    """The document (or an archive member, or the archive's expanded size) exceeds the size limit."""

    summary_nb = "filen er for stor"


class NotUBLError(FormatError):
    """Well-formed XML, but not a UBL 2.1 Invoice or CreditNote (wrong root or namespace)."""

    summary_nb = "filen er ikke en EHF-faktura eller -kreditnota (UBL 2.1 Invoice eller CreditNote)"


class SAFTError(FormatError):
    """A SAF-T Financial file that cannot be read."""

    summary_nb = "filen er ikke en lesbar SAF-T Financial-fil"


class CellError(ValueError):
    """A bad value in one cell of a table, said in English (``str(error)``) and in bokmål
    (``message_nb``); the parsers of :mod:`.tables` raise it (a plain ``ValueError`` works too, and
    is shown as it is in both languages)."""

    def __init__(self, message: str, message_nb: str) -> None:
        super().__init__(message)
        self.message_nb = message_nb


class PriceListRowError(FormatError):
    """One bad row of a price list (or another tabular import): ``row`` (1 is the header),
    ``column`` (the column's English name) and ``detail``, with ``column_nb`` (its Norwegian
    heading) and ``detail_nb`` (the reason in bokmål) for a bokmål interface."""

    def __init__(
        self,
        row: int,
        column: str,
        reason: str,
        *,
        file: str | None = None,
        reason_nb: str | None = None,
        column_nb: str | None = None,
    ) -> None:
        self.row = row
        self.column = column
        self.detail = reason
        self.detail_nb = reason_nb or reason
        self.column_nb = column_nb or column
        super().__init__(
            f"row {row}, column {column}: {reason}",
            file=file,
            reason_nb=f"rad {row}, kolonne {self.column_nb}: {self.detail_nb}",
        )

    def text(self, language: str = "en", *, file: str | None = None) -> str:
        """The error as one line in ``language`` (``nb`` for bokmål, else English), without the
        file (the rows of one file are listed together)."""
        if language == "nb":
            return f"rad {self.row}, kolonne {self.column_nb}: {self.detail_nb}"
        return f"row {self.row}, column {self.column}: {self.detail}"


class TableError(FormatError):
    """A tabular file with one or more bad rows; ``errors`` lists every :class:`PriceListRowError`."""

    def __init__(self, errors: list[PriceListRowError], *, file: str | None = None) -> None:
        self.errors = errors
        first = "; ".join(e.reason for e in errors[:3])
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        first_nb = "; ".join(e.text("nb") for e in errors[:3])
        more_nb = f" (og {len(errors) - 3} til)" if len(errors) > 3 else ""
        super().__init__(
            f"{len(errors)} bad row(s): {first}{more}",
            file=file,
            reason_nb=f"{len(errors)} rad(er) med feil: {first_nb}{more_nb}",
        )
