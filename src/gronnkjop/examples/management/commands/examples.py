"""``gronnkjop examples search "QUERY" [--format json]``, ``examples export FILE``, ``examples import FILE``
and ``examples reindex``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gronnkjop.examples import search, selectors, services


class Command(BaseCommand):
    help = "Search, export, import and re-index the example bank."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        find = sub.add_parser("search", help="Ranked published examples for a query (ids and titles).")
        find.add_argument("query")
        find.add_argument("--format", choices=["text", "json"], default="text")
        find.add_argument("--limit", type=int, default=20)
        export = sub.add_parser("export", help="Write the whole bank as JSON (- for standard output).")
        export.add_argument("file")
        load = sub.add_parser("import", help="Load a bank file written by export (matched by slug).")
        load.add_argument("file")
        sub.add_parser("reindex", help="Rebuild the search index.")

    def handle(self, *args, action, **options):
        getattr(self, f"do_{action}")(**options)

    def do_search(self, *, query, format, limit, **_options):
        outcome = search.search(query)
        titles = dict(
            selectors.example_list()
            .filter(pk__in=[h.example_id for h in outcome.hits])
            .values_list("pk", "title")
        )
        rows = [
            {"id": h.example_id, "slug": h.slug, "title": titles[h.example_id], "score": h.score}
            for h in outcome.hits[:limit]
        ]
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        for typed, searched in outcome.corrections:
            self.stdout.write(f"(søkte etter «{searched}» for «{typed}»)")
        for row in rows:
            self.stdout.write(f"{row['id']:>5}  {row['score']:8.3f}  {row['title']}")
        if not rows:
            self.stdout.write("Ingen treff.")

    def do_export(self, *, file, **_options):
        text = json.dumps(selectors.bank_export(), ensure_ascii=False, indent=2) + "\n"
        if file == "-":
            self.stdout.write(text, ending="")
        else:
            Path(file).write_text(text, encoding="utf-8")
            self.stderr.write(f"Skrev {len(json.loads(text)['examples'])} eksempler til {file}")

    def do_import(self, *, file, **_options):
        try:
            data = json.loads(sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8"))
            result = services.bank_import(data=data)
        except (OSError, ValueError) as exc:
            raise CommandError(f"Kan ikke lese {file}: {exc}") from None
        except ValidationError as exc:
            raise CommandError(f"Feil: {' '.join(exc.messages)}") from None
        self.stdout.write(f"Importerte {result.created} nye og oppdaterte {result.updated} eksempler.")

    def do_reindex(self, **_options):
        self.stdout.write(f"Oppdaterte {search.index_rebuild()} søkedokumenter.")
