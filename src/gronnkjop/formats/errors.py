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


class PriceListRowError(FormatError):
    """One bad row of a price list (or another tabular import)."""

    def __init__(self, row: int, column: str, reason: str, *, file: str | None = None) -> None:
        self.row = row
        self.column = column
        self.detail = reason
        super().__init__(f"row {row}, column {column}: {reason}", file=file)


class TableError(FormatError):
    """A tabular file with one or more bad rows; ``errors`` lists every :class:`PriceListRowError`."""

    def __init__(self, errors: list[PriceListRowError], *, file: str | None = None) -> None:
        self.errors = errors
        first = "; ".join(e.reason for e in errors[:3])
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        super().__init__(f"{len(errors)} bad row(s): {first}{more}", file=file)
