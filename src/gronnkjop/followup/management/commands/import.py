"""``gronnkjop import invoices|saft|contracts|pricelist ... --org ORGNR [--format json]``.

Exit status: 0 when everything was imported or skipped as already there, 1 when a document or row was
rejected (for contracts and price lists nothing is applied then), 2 for usage errors and unreadable paths.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from gronnkjop.formats import FormatError, TableError

from ._common import dump, organisation_or_exit


class Command(BaseCommand):
    help = "Import EHF invoices, a SAF-T ledger, contracts or price lists for an organisation."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        invoices = sub.add_parser(
            "invoices", help="EHF invoices and credit notes: files, folders or ZIP archives."
        )
        invoices.add_argument("paths", nargs="+")
        saft = sub.add_parser("saft", help="General-ledger lines from a SAF-T Financial file.")
        saft.add_argument("paths", nargs=1)
        contracts = sub.add_parser(
            "contracts", help="Contracts from CSV or XLSX (updates, never duplicates)."
        )
        contracts.add_argument("paths", nargs=1)
        pricelist = sub.add_parser("pricelist", help="Price lists from CSV or XLSX (contract from each row).")
        pricelist.add_argument("paths", nargs=1)
        for p in (invoices, saft, contracts, pricelist):
            p.add_argument("--org", required=True, help="The importing organisation's organisation number.")
            p.add_argument("--format", choices=["text", "json"], default="text")
            p.add_argument("--no-control", action="store_true", help="Do not run the control afterwards.")

    def handle(self, *args, what, paths, org, format, **options):
        organisation = organisation_or_exit(self, org)
        missing = [p for p in paths if not Path(p).exists()]
        if missing:
            self.stderr.write(f"Feil: finner ikke {', '.join(missing)}")
            sys.exit(2)
        handler = getattr(self, f"_{what}")
        code = handler(organisation, paths, format == "json", not options.get("no_control"))
        if code:
            sys.exit(code)

    def _invoices(self, organisation, paths, as_json, run_control):
        from gronnkjop.followup.services import invoice_import

        result = invoice_import(organisation=organisation, paths=paths, run_control=run_control)
        if as_json:
            dump(self, result.as_json())
        else:
            self.stdout.write(
                f"Importert: {len(result.imported)}, hoppet over (fantes fra før): "
                f"{len(result.skipped)}, avvist: {len(result.rejected)}"
            )
            for rejected in result.rejected:
                self.stdout.write(f"  AVVIST {rejected['file']}")
                for error in rejected["errors"][:10]:
                    self.stdout.write(f"    [{error['rule']}] {error['message']}")
            if result.control is not None:
                run = result.control.run
                self.stdout.write(
                    f"Kontroll: {run.lines_checked} linjer, {run.deviations_found} avvik "
                    f"({run.new_deviations} nye)"
                )
        return 1 if result.rejected else 0

    def _saft(self, organisation, paths, as_json, run_control):
        from gronnkjop.followup.services import saft_import

        try:
            result = saft_import(organisation=organisation, path=paths[0])
        except FormatError as exc:
            self.stderr.write(f"Feil: {exc}")
            return 1
        if as_json:
            dump(self, result.as_json())
        else:
            self.stdout.write(
                f"Hovedbokslinjer importert: {result.imported}, fantes fra før: {result.skipped}"
            )
        return 0

    def _table_errors(self, exc: TableError, as_json: bool, more=()) -> int:
        """Report a table's bad cells in bokmål, as the rest of the command speaks; ``more`` adds
        (row, column, Norwegian heading, reason) found in the same pass, listed with the cells in row
        order. JSON keeps the columns' English names, the keys of the import format."""
        found = sorted(
            [(e.row, e.column, e.column_nb, e.detail_nb) for e in exc.errors] + list(more),
            key=lambda error: error[0],
        )
        if as_json:
            dump(self, {"errors": [{"row": r, "column": c, "message": m} for r, c, _nb, m in found]})
        else:
            self.stderr.write(f"Feil i {exc.file or 'filen'}: ingenting er importert.")
            for row, _column, heading, message in found:
                self.stderr.write(f"  rad {row}, kolonne {heading}: {message}")
        return 1

    def _contracts(self, organisation, paths, as_json, run_control):
        from gronnkjop.contracts.services import contract_import
        from gronnkjop.formats.contracts_table import read_contract_table

        try:
            rows = read_contract_table(paths[0])
        except TableError as exc:
            return self._table_errors(exc, as_json)
        except FormatError as exc:
            self.stderr.write(f"Feil: {exc}")
            return 2
        try:
            result = contract_import(organisation=organisation, rows=rows)
        except ValidationError as exc:
            if as_json:
                dump(self, {"errors": exc.messages})
            else:
                self.stderr.write("Feil: ingenting er importert.")
                for message in exc.messages:
                    self.stderr.write(f"  {message}")
            return 1
        summary = {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        if as_json:
            dump(self, summary)
        else:
            self.stdout.write(
                f"Avtaler: {result.created} nye, {result.updated} oppdatert, {result.unchanged} uendret"
            )
        return 0

    def _pricelist(self, organisation, paths, as_json, run_control):
        from gronnkjop.contracts.services import price_list_apply, price_list_file_contract_problems
        from gronnkjop.formats.pricelist import read_price_list

        try:
            rows = read_price_list(paths[0])
        except TableError as exc:
            # the contract numbers are checked in the same pass, as the import page does
            unknown = price_list_file_contract_problems(organisation=organisation, path=paths[0])
            more = [(row, "contract_number", "kontraktsnummer", reason) for row, reason in unknown]
            return self._table_errors(exc, as_json, more)
        except FormatError as exc:
            self.stderr.write(f"Feil: {exc}")
            return 2
        diff = price_list_apply(organisation=organisation, rows=rows)
        if diff.errors:
            if as_json:
                dump(self, {"errors": diff.errors})
            else:
                self.stderr.write("Feil: ingenting er importert.")
                for error in diff.errors:
                    self.stderr.write(f"  {error}")
            return 1
        summary = {
            "added": len(diff.added),
            "changed": len(diff.changed),
            "removed": len(diff.removed),
            "unchanged": diff.unchanged,
        }
        if as_json:
            dump(self, summary)
        else:
            self.stdout.write(
                f"Prisliste: {summary['added']} nye, {summary['changed']} endret, "
                f"{summary['removed']} fjernet, {summary['unchanged']} uendret"
            )
        if run_control:
            from gronnkjop.followup.services import control_run

            control_run(organisation=organisation, trigger="pricelist")
        return 0
