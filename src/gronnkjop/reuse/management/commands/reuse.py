"""``gronnkjop reuse import FILE --org ORGNR [--format json]`` and
``gronnkjop reuse savings --org ORGNR --year YYYY [--format json]``.

Exit codes: 0 done, 1 bad rows (nothing applied), 2 usage error or unknown organisation.
Amounts in JSON are strings with exact decimals (``"1400000.00"``); counts are numbers.
"""

from __future__ import annotations

import json
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gronnkjop.core.models import Organisation
from gronnkjop.core.validators import clean_orgnr
from gronnkjop.formats.errors import FormatError, TableError
from gronnkjop.reuse.importing import import_apply, import_plan_file
from gronnkjop.reuse.selectors import savings_json


class Command(BaseCommand):
    help = "Import reuse items from CSV/XLSX, or report a year's reuse savings."

    def add_arguments(self, parser: CommandParser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Register items from a CSV or XLSX inventory (all rows or none).")
        imp.add_argument("file")
        imp.add_argument("--org", required=True, help="Organisation number of the owner.")
        imp.add_argument("--format", choices=["text", "json"], default="text")
        sav = sub.add_parser("savings", help="Savings of one organisation and year.")
        sav.add_argument("--org", required=True)
        sav.add_argument("--year", type=int, required=True)
        sav.add_argument("--format", choices=["text", "json"], default="text")

    def _organisation(self, orgnr: str) -> Organisation:
        try:
            number = clean_orgnr(orgnr)
        except ValidationError:
            number = None
        organisation = Organisation.objects.filter(orgnr=number).first() if number else None
        if organisation is None:
            self.stderr.write(f"Ukjent organisasjon: {orgnr}")
            sys.exit(2)
        return organisation

    def handle(self, *args, action, **options):
        organisation = self._organisation(options["org"])
        as_json = options["format"] == "json"
        if action == "savings":
            data = savings_json(organisation=organisation, year=options["year"])
            if as_json:
                self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            else:
                self.stdout.write(
                    f"{organisation.name} {data['year']}: {data['handovers']} overleveringer, {data['units']} enheter, "
                    f"{data['value_nok']} kr, {data['co2e_kg']} kg CO2e, {data['waste_kg']} kg avfall"
                )
            return
        try:
            plan = import_plan_file(organisation=organisation, path=options["file"])
        except TableError as exc:
            errors = [{"row": e.row, "column": e.column, "error": e.detail} for e in exc.errors]
            if as_json:
                self.stdout.write(
                    json.dumps({"ok": False, "applied": 0, "errors": errors}, ensure_ascii=False, indent=2)
                )
            else:
                for e in errors:
                    self.stderr.write(f"rad {e['row']}, kolonne {e['column']}: {e['error']}")
                self.stderr.write(f"{len(errors)} feil; ingenting er importert.")
            sys.exit(1)
        except FormatError as exc:
            raise CommandError(str(exc), returncode=2) from None
        created, updated = import_apply(organisation=organisation, plan=plan, by=None)
        if as_json:
            self.stdout.write(
                json.dumps(
                    {
                        "ok": True,
                        "applied": created + updated,
                        "created": created,
                        "updated": updated,
                        "errors": [],
                    }
                )
            )
        else:
            self.stdout.write(f"{created} nye, {updated} oppdaterte gjenstander for {organisation.name}.")
