"""The small error hierarchy of ``gronnkjop.formats``.

Every error is a :class:`FormatError` (a ``ValueError``), so callers that only want to tell a user
"this file cannot be read" catch one class. Subclasses say what kind of problem it is and carry the
place (file, line, element, row, column) so the message can point at it.
"""

from __future__ import annotations


class FormatError(ValueError):
    """Base class: a problem with input that a user can act on."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None) -> None:
        self.reason = message
        self.file = file
        self.line = line
        super().__init__(self._compose())

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


class UnsafeXMLError(FormatError):
    """A DTD, entity declaration or other construct that is refused for security."""


class TooLargeError(FormatError):
    """The document (or an archive member, or the archive's expanded size) exceeds the size limit."""


class NotUBLError(FormatError):
    """Well-formed XML, but not a UBL 2.1 Invoice or CreditNote (wrong root or namespace)."""


class SAFTError(FormatError):
    """A SAF-T Financial file that cannot be read."""


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
        super().__init__(f"row {row}, column {column}: {reason}", file=file)

    def text(self, language: str = "en") -> str:
        """The error as one line in ``language`` (``nb`` for bokmål, else English)."""
        if language == "nb":
            return f"rad {self.row}, kolonne {self.column_nb}: {self.detail_nb}"
        return f"row {self.row}, column {self.column}: {self.detail}"


class TableError(FormatError):
    """A tabular file with one or more bad rows; ``errors`` lists every :class:`PriceListRowError`."""

    def __init__(self, errors: list[PriceListRowError], *, file: str | None = None) -> None:
        self.errors = errors
        first = "; ".join(e.reason for e in errors[:3])
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        super().__init__(f"{len(errors)} bad row(s): {first}{more}", file=file)
