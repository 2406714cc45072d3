"""What the EHF validator returns: a :class:`Report` of :class:`Finding` objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Flag = Literal["fatal", "warning"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule that fired.

    ``location`` is the XPath of the element the rule is about (e.g.
    ``/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount``); ``message_nb`` and ``message_en`` say
    what is wrong in bokmål and English.
    """

    rule_id: str
    flag: Flag
    location: str
    message_en: str
    message_nb: str

    def as_dict(self, language: str = "nb") -> dict[str, str]:
        return {
            "rule": self.rule_id,
            "flag": self.flag,
            "location": self.location,
            "message": self.message_nb if language == "nb" else self.message_en,
        }


@dataclass(frozen=True, slots=True)
class Report:
    """The result of validating one document.

    ``document`` is ``"Invoice"``, ``"CreditNote"`` or ``None`` when the file was not a UBL
    document at all. ``schema_checked`` tells whether the UBL 2.1 XSD check ran (it needs
    ``GRONNKJOP_UBL_XSD_DIR``).
    """

    findings: tuple[Finding, ...] = field(default_factory=tuple)
    document: str | None = None
    schema_checked: bool = False
    file: str | None = None

    @property
    def valid(self) -> bool:
        return not any(f.flag == "fatal" for f in self.findings)

    @property
    def fatal(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.flag == "fatal")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.flag == "warning")

    def rule_ids(self) -> list[str]:
        return sorted({f.rule_id for f in self.findings})
