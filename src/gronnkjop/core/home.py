"""Key figures on the start page, from whichever apps provide them.

Each app registers a provider in its ``AppConfig.ready()``: a function of the request that returns
:class:`Figure` objects (formatted, with a link to where the figure comes from). Core never imports
the apps, so the layering holds, and a figure appears only where its app is installed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    note: str = ""
    url: str = ""


Provider = Callable[[HttpRequest], list[Figure]]
_PROVIDERS: list[tuple[int, str, Provider]] = []


def register_figures(name: str, provider: Provider, *, order: int = 100) -> None:
    """Add a provider of start-page figures (registering the same name again replaces nothing)."""
    if all(existing != name for _order, existing, _p in _PROVIDERS):
        _PROVIDERS.append((order, name, provider))
        _PROVIDERS.sort(key=lambda entry: entry[0])


def figures_for(request: HttpRequest) -> list[Figure]:
    """The figures of every provider for this request, in the providers' order."""
    return [figure for _order, _name, provider in _PROVIDERS for figure in provider(request)]
