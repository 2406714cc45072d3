"""``gronnkjop serve``: the production WSGI server (gunicorn) with static files through WhiteNoise."""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand, CommandError


def unapplied_migrations() -> list[str]:
    """``app.migration`` names not yet applied to the default database (empty when up to date)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def run_gunicorn(*, host: str, port: int, workers: int, threads: int, access_log: bool) -> None:
    from gunicorn.app.base import BaseApplication

    from gronnkjop.wsgi import application

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", threads)
            self.cfg.set("timeout", 120)
            self.cfg.set("graceful_timeout", 10)
            # A RAM-backed heartbeat dir avoids worker stalls on slow disks.
            self.cfg.set("worker_tmp_dir", "/dev/shm" if os.path.isdir("/dev/shm") else None)  # noqa: S108
            if access_log:
                self.cfg.set("accesslog", "-")

        def load(self):
            return application

    Server().run()


class Command(BaseCommand):
    help = "Serve Grønnkjøp with gunicorn (bound to 127.0.0.1:8000 unless told otherwise)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("GRONNKJOP_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("GRONNKJOP_PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("GRONNKJOP_WORKERS", "2")))
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument("--access-log", action="store_true")

    def handle(self, *args, host, port, workers, threads, access_log, **options):
        pending = unapplied_migrations()
        if pending:
            raise CommandError(
                f"the database has {len(pending)} unapplied migration(s), e.g. {pending[0]}: "
                "run `gronnkjop migrate` first (or `make demo`, which also loads the demo data)"
            )
        self.stdout.write(f"Grønnkjøp serves at http://{host}:{port}/  (Ctrl+C stops)")
        self.stdout.flush()
        run_gunicorn(host=host, port=port, workers=workers, threads=threads, access_log=access_log)
