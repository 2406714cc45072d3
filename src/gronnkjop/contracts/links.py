"""Links that other apps add to a contract's page, without contracts importing them.

An app that builds on contracts registers in its ``AppConfig.ready()``::

    register_contract_link(_("Follow-up"), "followup:contract_followup")

The URL name takes the contract's primary key as its only argument.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class ContractLink:
    label: str
    url_name: str
    capability: str = "view"


_LINKS: list[ContractLink] = []


def register_contract_link(label: str, url_name: str, capability: str = "view") -> None:
    if all(link.url_name != url_name for link in _LINKS):
        _LINKS.append(ContractLink(label, url_name, capability))


def contract_links(*, contract, access) -> list[dict]:
    return [
        {"label": link.label, "url": reverse(link.url_name, args=[contract.pk])}
        for link in _LINKS
        if access is not None and access.can(link.capability)
    ]
