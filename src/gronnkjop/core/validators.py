"""Validation of Norwegian identifiers with python-stdnum, with messages a user can act on."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.no import orgnr as stdnum_orgnr


def clean_orgnr(value: str) -> str:
    """Return the compact 9-digit organisation number or raise ``ValidationError`` saying why not.

    Accepts spaces and an ``NO``/``MVA`` decoration (``NO 974 760 673 MVA``) since people paste VAT ids.
    """
    raw = (value or "").strip()
    compact = raw.upper().replace(" ", "").replace("\xa0", "").replace("-", "").replace(".", "")
    if compact.startswith("NO"):
        compact = compact[2:]
    if compact.endswith("MVA"):
        compact = compact[:-3]
    if not compact:
        raise ValidationError(_("Enter an organisation number."), code="required")
    if not compact.isdigit():
        raise ValidationError(
            _("The organisation number “%(value)s” may only contain digits.") % {"value": raw},
            code="invalid_format",
        )
    if len(compact) != 9:
        raise ValidationError(
            _("The organisation number must have 9 digits; “%(value)s” has %(count)d.")
            % {"value": raw, "count": len(compact)},
            code="invalid_length",
        )
    try:
        return stdnum_orgnr.validate(compact)
    except stdnum_exceptions.InvalidChecksum:
        raise ValidationError(
            _("The organisation number “%(value)s” has a wrong check digit (modulus 11).") % {"value": raw},
            code="invalid_checksum",
        ) from None
    except stdnum_exceptions.ValidationError as exc:  # pragma: no cover - covered by the checks above
        raise ValidationError(str(exc), code="invalid") from None


def validate_orgnr(value: str) -> None:
    clean_orgnr(value)


def format_orgnr(value: str) -> str:
    """``974760673`` → ``974 760 673`` (the way Brønnøysundregistrene shows it)."""
    return stdnum_orgnr.format(value) if value else ""
