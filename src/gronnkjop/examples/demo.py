"""Demo data for the example bank: every example the two seed documents describe, published, and two
readers' tips. Loaded through the bank's own import, so loading twice changes nothing."""

from __future__ import annotations

from decimal import Decimal

from gronnkjop.demo import DemoContext, register

from .demo_content import DFO_PUBLISHED, EXAMPLES, TIPS, WORKSHOP_PUBLISHED
from .models import Example, Tip
from .selectors import FORMAT, FORMAT_VERSION
from .services import bank_import

EMPTY = {
    "organisations": [],
    "county": "",
    "year": None,
    "success_factors": [],
    "uff_level": "",
    "procedure": "",
    "contract_value": None,
    "bidder_count": None,
    "supplier": "",
    "contract_status": "",
    "contact_name": "",
    "contact_email": "",
    "results": [],
    "sources": [],
}


def _money(value) -> str | None:
    return None if value is None else f"{Decimal(value):.2f}"


def demo_record(example: dict, *, author: str = "Randi Redaktør") -> dict:
    """One example of :mod:`.demo_content` in the bank's JSON format, published, with one revision."""
    content = {**EMPTY, **{k: v for k, v in example.items() if k != "slug"}}
    content["contract_value"] = _money(content["contract_value"])
    content["results"] = [{**r, "value": _money(r["value"])} for r in content["results"]]
    published = DFO_PUBLISHED if "DFØ-notat" in content["sources"][0]["title"] else WORKSHOP_PUBLISHED
    source = content["sources"][0]["title"].split(",")[0]
    return {
        "slug": example["slug"],
        "status": "published",
        "unpublished_reason": "",
        "created": published,
        "updated": published,
        "published": published,
        **content,
        "revisions": [
            {
                "number": 1,
                "created": published,
                "author": author,
                "note": f"Skrevet etter {source}",
                "snapshot": content,
            }
        ],
    }


def load_examples(*, by=None, organisation=None) -> None:
    author = (by.get_full_name() or by.get_username()) if by else "Randi Redaktør"
    data = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "examples": [demo_record(e, author=author) for e in EXAMPLES],
    }
    bank_import(data=data, by=by)
    Example.objects.filter(slug__in=[e["slug"] for e in EXAMPLES], created_by_organisation=None).update(
        created_by=by, created_by_organisation=organisation
    )


@register("examples", order=30)
def load(ctx: DemoContext) -> None:
    load_examples(by=ctx.users.get("redaktor"), organisation=ctx.organisations.get("dulten"))
    for tip in TIPS:
        Tip.objects.update_or_create(
            email=tip["email"],
            text=tip["text"],
            defaults={**{k: v for k, v in tip.items() if k not in {"email", "text"}}, "ip_hash": "demo"},
        )
    ctx.say(f"Eksempelbanken: {len(EXAMPLES)} eksempler og {len(TIPS)} tips")
