"""``gronnkjop demo``: migrate, load the Dulten demo and serve. ``--load-only`` stops after loading."""

from __future__ import annotations

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand

from gronnkjop.core.demo import DEMO_PASSWORD, DEMO_USERS
from gronnkjop.demo import load_all


class Command(BaseCommand):
    help = "Migrate, load the Dulten demo (idempotent) and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--load-only", action="store_true", help="Migrate and load, do not serve.")
        parser.add_argument("--only", action="append", help="Load only this step (repeatable).")
        parser.add_argument("--host", default=os.environ.get("GRONNKJOP_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("GRONNKJOP_PORT", "8000")))

    def handle(self, *args, load_only, only, host, port, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Laster demodata for Dulten kommune …")
        load_all(only=set(only) if only else None, stdout=self.stdout)
        self.stdout.write(self.banner(host, port))
        if load_only:
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("serve", host=host, port=port)

    @staticmethod
    def banner(host: str, port: int) -> str:
        lines = [
            "",
            f"Grønnkjøp demo: http://{host}:{port}/",
            f"Demo log-ins (password for all: {DEMO_PASSWORD}; demo only):",
        ]
        lines += [
            f"  {username:16} {full_name} – {role.label}" for username, full_name, role, _ in DEMO_USERS
        ]
        lines.append(
            "  nordvik          Nora Nordvik – need owner and procurement officer in Nordvik kommune"
        )
        return "\n".join(lines) + "\n"
