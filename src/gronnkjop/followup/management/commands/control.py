"""``gronnkjop control run --org ORGNR [--format json]``: match and control every invoice."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from gronnkjop.followup.models import Invoice, InvoiceLine
from gronnkjop.followup.services import control_run

from ._common import dump, organisation_or_exit


class Command(BaseCommand):
    help = "Run the invoice control for an organisation and print the deviations."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run", help="Match invoices to contracts and run every control rule.")
        run.add_argument("--org", required=True)
        run.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, action, org, format, **options):
        organisation = organisation_or_exit(self, org)
        outcome = control_run(organisation=organisation, trigger="cli")
        result = outcome.result
        invoices = dict(Invoice.objects.filter(organisation=organisation).values_list("pk", "number"))
        suppliers = dict(
            Invoice.objects.filter(organisation=organisation).values_list("pk", "supplier_orgnr")
        )
        line_ids = dict(
            InvoiceLine.objects.filter(invoice__organisation=organisation).values_list("pk", "line_id")
        )
        from gronnkjop.contracts.models import Contract

        numbers = dict(
            Contract.objects.filter(
                pk__in={d.contract_id for d in result.deviations if d.contract_id}
            ).values_list("pk", "number")
        )
        deviations = [
            {
                "code": d.code,
                "supplier": suppliers[d.invoice_id],
                "invoice": invoices[d.invoice_id],
                "line": line_ids[d.line_id] if d.line_id is not None else None,
                "contract": numbers.get(d.contract_id),
                "amount_at_stake": d.amount_at_stake,
            }
            for d in result.deviations
        ]
        if format == "json":
            dump(
                self,
                {
                    "lines_checked": result.lines_checked,
                    "deviations": deviations,
                    "by_code": result.by_code(),
                },
            )
            return
        self.stdout.write(f"{result.lines_checked} fakturalinjer kontrollert, {len(deviations)} avvik")
        for code, count in result.by_code().items():
            if count:
                self.stdout.write(f"  {code:28} {count}")
