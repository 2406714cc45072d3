"""``gronnkjop org add ORGNR --name NAME --kind KIND`` and ``gronnkjop org list``."""

from __future__ import annotations

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from gronnkjop.core.models import Organisation, OrganisationKind
from gronnkjop.core.services import organisation_ensure


class Command(BaseCommand):
    help = "Add or update an organisation (idempotent), or list organisations."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser(
            "add", help="Add an organisation, or update the name and kind of an existing one."
        )
        add.add_argument("orgnr", help="The 9-digit organisation number (spaces allowed).")
        add.add_argument("--name", required=True)
        add.add_argument("--kind", required=True, choices=OrganisationKind.values)
        sub.add_parser("list", help="List organisations.")

    def handle(self, *args, action, **options):
        if action == "list":
            for org in Organisation.objects.order_by("kind", "name"):
                self.stdout.write(f"{org.orgnr or '-':9}  {org.kind:13}  {org.name}")
            return
        try:
            result = organisation_ensure(orgnr=options["orgnr"], name=options["name"], kind=options["kind"])
        except ValidationError as exc:
            self.stderr.write(f"Feil: {' '.join(exc.messages)}")
            sys.exit(2)
        org = result.organisation
        state = "opprettet" if result.created else ("oppdatert" if result.changed else "uendret")
        self.stdout.write(f"{org.orgnr} {org.name} ({org.get_kind_display()}): {state}")
