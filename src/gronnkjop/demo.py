"""The demo loader: Dulten kommune and its collaboration, built step by step by each app.

Each app registers a step with :func:`register`; ``gronnkjop demo --load-only`` runs them in order.
Every step must be idempotent (``update_or_create`` on natural keys), so loading twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction


@dataclass
class DemoContext:
    """Shared state between steps: the organisations and users that later steps build on."""

    organisations: dict[str, object] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)
    units: dict[str, object] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.log.append(line)


@dataclass(frozen=True)
class Step:
    name: str
    order: int
    run: Callable[[DemoContext], None]


_STEPS: list[Step] = []


def register(name: str, order: int):
    """Decorator: ``@register("core", 0)`` on a ``def load(ctx: DemoContext)`` function."""

    def decorator(function: Callable[[DemoContext], None]):
        if all(step.name != name for step in _STEPS):
            _STEPS.append(Step(name, order, function))
            _STEPS.sort(key=lambda s: s.order)
        return function

    return decorator


def steps() -> list[Step]:
    return list(_STEPS)


def load_all(*, only: set[str] | None = None, stdout=None) -> DemoContext:
    """Run every registered step (or the named ones) in order, each in its own transaction."""
    import importlib

    from django.apps import apps

    for config in apps.get_app_configs():
        if config.name.startswith("gronnkjop."):
            try:
                importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
    context = DemoContext()
    for step in _STEPS:
        if only and step.name not in only:
            continue
        with transaction.atomic():
            step.run(context)
        if stdout is not None:
            stdout.write(f"  ✓ {step.name}\n")
    return context
