"""Shared parts of the follow-up commands: finding the organisation and printing JSON."""

from __future__ import annotations

import json
import sys
from decimal import Decimal

from gronnkjop.core.models import Organisation
from gronnkjop.core.validators import clean_orgnr


def organisation_or_exit(command, orgnr: str) -> Organisation:
    from django.core.exceptions import ValidationError

    try:
        number = clean_orgnr(orgnr)
    except ValidationError as exc:
        command.stderr.write(f"Feil: {' '.join(exc.messages)}")
        sys.exit(2)
    organisation = Organisation.objects.filter(orgnr=number).first()
    if organisation is None:
        command.stderr.write(
            f"Feil: ingen organisasjon med organisasjonsnummer {number} (bruk «gronnkjop org add»)."
        )
        sys.exit(2)
    return organisation


def _default(value):
    if isinstance(value, Decimal):
        return format(value, "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"{type(value)} is not JSON serialisable")


def dump(command, payload) -> None:
    command.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=_default))
