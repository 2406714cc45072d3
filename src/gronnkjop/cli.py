"""The ``gronnkjop`` console script.

Pure commands (``ehf``, ``saft``, ``pricelist``) run straight from :mod:`gronnkjop.formats.cli`
without starting Django, so validating a folder of invoices needs no database. Every other word is a
Django management command run with the project's settings (``gronnkjop migrate``, ``gronnkjop serve``,
``gronnkjop demo``, ``gronnkjop org add ...``).
"""

from __future__ import annotations

import os
import sys

#: First words handled by the pure formats CLI.
PURE_COMMANDS = frozenset({"ehf", "saft", "pricelist"})


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in PURE_COMMANDS:
        from gronnkjop.formats.cli import main as formats_main

        return formats_main(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gronnkjop.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gronnkjop", *argv])
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
