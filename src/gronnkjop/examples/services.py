"""Every write of the example bank. Each function is one transaction and takes keyword arguments only.

Every change of an example records a :class:`Revision` (a snapshot in the bank's JSON format) and
brings the search index up to date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import search
from .models import Example, KeyResult, Revision, Source, Status, SuccessFactor, Tip, TipStatus
from .selectors import FORMAT, FORMAT_VERSION, example_snapshot

#: Words the example pages use in their own URLs, so no example may take them as its address.
RESERVED_SLUGS = frozenset({"tips", "redaksjon", "feed", "atom", "api", "ny"})
SECTIONS = ("Om anskaffelsen", "Framgangsmåte", "Resultater")

CONTENT_FIELDS = (
    "title",
    "lead",
    "body",
    "organisations",
    "county",
    "year",
    "category",
    "success_factors",
    "uff_level",
    "procedure",
    "contract_value",
    "bidder_count",
    "supplier",
    "contract_status",
    "contact_name",
    "contact_email",
)


def _author(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def slug_for(title: str, *, exclude_pk: int | None = None) -> str:
    """A unique URL address from the title: ``Brukte møbler i Asker`` → ``brukte-mobler-i-asker``."""
    base = (
        slugify(title.lower().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a"})))[:100] or "eksempel"
    )
    slug, n = base, 2
    taken = Example.objects.exclude(pk=exclude_pk)
    while slug in RESERVED_SLUGS or taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def missing_sections(body: str) -> list[str]:
    """The required section headings (``## Om anskaffelsen`` ...) the Markdown body lacks."""
    headings = {line.lstrip("#").strip().lower() for line in body.splitlines() if line.startswith("#")}
    return [s for s in SECTIONS if s.lower() not in headings]


def quoted(names: list[str]) -> str:
    """``«Framgangsmåte», «Resultater»`` in bokmål, with the quotation marks of the language."""
    return ", ".join(_("“%(name)s”") % {"name": name} for name in names)


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": value}) from None


def _apply_content(example: Example, content: dict) -> tuple[list[KeyResult], list[Source]]:
    """Set the content fields from a snapshot-shaped dict and validate them; return unsaved children."""
    for name in CONTENT_FIELDS:
        if name in content:
            setattr(example, name, content[name])
    example.organisations = [str(o).strip() for o in example.organisations or [] if str(o).strip()]
    example.contract_value = _decimal(example.contract_value)
    example.title, example.lead = example.title.strip(), example.lead.strip()
    unknown = [f for f in example.success_factors if f not in SuccessFactor.values]
    if unknown:
        raise ValidationError(_("Unknown success factor: %(codes)s.") % {"codes": ", ".join(unknown)})
    example.success_factors = [f for f in SuccessFactor.values if f in example.success_factors]
    results = [
        KeyResult(position=i, kind=r["kind"], value=_decimal(r.get("value")), text=r.get("text", "").strip())
        for i, r in enumerate(content.get("results", []))
    ]
    sources = [
        Source(position=i, title=s["title"].strip(), url=s.get("url", "").strip())
        for i, s in enumerate(content.get("sources", []))
    ]
    for child in [*results, *sources]:
        child.full_clean(exclude=["example"])
    example.full_clean(exclude=["created", "updated", "slug"])
    return results, sources


def _save_children(example: Example, results: list[KeyResult], sources: list[Source]) -> None:
    example.results.all().delete()
    example.sources.all().delete()
    for child in [*results, *sources]:
        child.example = example
    KeyResult.objects.bulk_create(results)
    Source.objects.bulk_create(sources)


def _record_revision(*, example: Example, by, note: str, force: bool = False) -> Revision | None:
    """Record the example's current content unless it equals the latest revision (and not ``force``)."""
    snapshot = example_snapshot(example)
    latest = example.revisions.order_by("-number").first()
    if latest is not None and latest.snapshot == snapshot and not force:
        return None
    return Revision.objects.create(
        example=example,
        number=(latest.number + 1) if latest else 1,
        created=timezone.now(),
        author=_author(by),
        note=note,
        snapshot=snapshot,
    )


@transaction.atomic
def example_save(
    *, content: dict, by=None, organisation=None, example: Example | None = None, note: str = ""
) -> Example:
    """Create a draft example, or change ``example``'s content; either way record a revision.

    ``content`` has the shape of :func:`selectors.example_snapshot` (results and sources included).
    """
    now = timezone.now()
    creating = example is None
    if creating:
        example = Example(
            created=now, status=Status.DRAFT, created_by=by, created_by_organisation=organisation
        )
    results, sources = _apply_content(example, content)
    if creating:
        example.slug = slug_for(example.title)
    example.updated = now
    example.save()
    _save_children(example, results, sources)
    _record_revision(example=example, by=by, note=note or (_("Created") if creating else _("Edited")))
    search.index_rebuild()
    return example


@transaction.atomic
def example_publish(*, example: Example, by=None) -> Example:
    """Make the example public. The first publication date is kept when it is published again."""
    missing = missing_sections(example.body)
    if missing:
        raise ValidationError(
            _("The text needs the sections %(sections)s before it can be published.")
            % {"sections": quoted(missing)}
        )
    now = timezone.now()
    example.status = Status.PUBLISHED
    example.published = example.published or now
    example.unpublished_reason = ""
    example.updated = now
    example.save(update_fields=["status", "published", "unpublished_reason", "updated"])
    _record_revision(example=example, by=by, note=_("Published"), force=True)
    search.index_rebuild()
    return example


@transaction.atomic
def example_unpublish(*, example: Example, reason: str, by=None) -> Example:
    """Hide a published example from the public with a reason; it stays in the bank for the editors."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason for unpublishing."))
    if example.status != Status.PUBLISHED:
        raise ValidationError(_("Only a published example can be unpublished."))
    example.status = Status.UNPUBLISHED
    example.unpublished_reason = reason
    example.updated = timezone.now()
    example.save(update_fields=["status", "unpublished_reason", "updated"])
    _record_revision(
        example=example, by=by, note=_("Unpublished: %(reason)s") % {"reason": reason}, force=True
    )
    search.index_rebuild()
    return example


@transaction.atomic
def revision_restore(*, example: Example, revision: Revision, by=None) -> Example:
    """Bring back the content of an earlier revision (as a new revision); the status does not change."""
    if revision.example_id != example.pk:
        raise ValidationError(_("The revision belongs to another example."))
    return example_save(
        example=example,
        content=revision.snapshot,
        by=by,
        note=_("Restored revision %(number)s") % {"number": revision.number},
    )


# --- Tips -------------------------------------------------------------------------------------------

TIP_SALT = "gronnkjop.examples.tip"
TIP_MIN_SECONDS = 3  # a person needs longer than this to fill in the form
TIP_MAX_AGE = 24 * 3600
TIP_LIMIT_PER_HOUR = 5


class TipRefused(ValidationError):
    """A tip that the spam protection stopped; ``code`` says why."""


def tip_form_token(*, issued_at: float | None = None) -> str:
    """A signed time stamp for the tip form, checked by :func:`tip_submit`."""
    return signing.dumps({"t": issued_at if issued_at is not None else time.time()}, salt=TIP_SALT)


def _ip_hash(ip: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()


@transaction.atomic
def tip_submit(
    *,
    name: str,
    email: str,
    text: str,
    organisation_name: str = "",
    link: str = "",
    token: str,
    honeypot: str = "",
    ip: str,
) -> Tip:
    """Store a reader's tip for the editors, unless the spam protection refuses it.

    Refused (``TipRefused`` with code): a filled-in hidden field (``honeypot``), a form sent sooner than
    ``TIP_MIN_SECONDS`` after it was shown or with a missing, forged or day-old time stamp
    (``too_fast``, ``expired``, ``invalid``), more than ``TIP_LIMIT_PER_HOUR`` tips from one address in
    an hour (``rate_limited``). Addresses are stored only as a keyed hash.
    """
    if honeypot.strip():
        raise TipRefused(_("The tip looks like spam."), code="honeypot")
    try:
        issued = float(signing.loads(token, salt=TIP_SALT)["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise TipRefused(_("The form could not be checked. Please send it again."), code="invalid") from None
    if time.time() - issued > TIP_MAX_AGE:
        raise TipRefused(_("The form is too old. Please send it again."), code="expired")
    if time.time() - issued < TIP_MIN_SECONDS:
        raise TipRefused(_("That was very fast. Please wait a few seconds and send again."), code="too_fast")
    ip_hash = _ip_hash(ip)
    recent = Tip.objects.filter(ip_hash=ip_hash, created__gte=timezone.now() - dt.timedelta(hours=1))
    if recent.count() >= TIP_LIMIT_PER_HOUR:
        raise TipRefused(
            _("We have received many tips from your network. Please try again later."), code="rate_limited"
        )
    tip = Tip(
        name=name.strip(),
        email=email.strip(),
        organisation_name=organisation_name.strip(),
        text=text.strip(),
        link=link.strip(),
        ip_hash=ip_hash,
    )
    tip.full_clean()
    tip.save()
    return tip


TIP_TRANSITIONS: dict[str, set[str]] = {
    TipStatus.NEW: {TipStatus.IN_PROGRESS, TipStatus.BECAME_EXAMPLE, TipStatus.REJECTED},
    TipStatus.IN_PROGRESS: {TipStatus.NEW, TipStatus.BECAME_EXAMPLE, TipStatus.REJECTED},
    TipStatus.BECAME_EXAMPLE: {TipStatus.IN_PROGRESS},
    TipStatus.REJECTED: {TipStatus.IN_PROGRESS},
}


@transaction.atomic
def tip_set_status(*, tip: Tip, status: str, example: Example | None = None, note: str = "") -> Tip:
    """Move a tip on: new → in progress → became an example (linked to it) or rejected."""
    if status != tip.status and status not in TIP_TRANSITIONS[tip.status]:
        raise ValidationError(
            _("A tip that is “%(old)s” cannot become “%(new)s”.")
            % {"old": tip.get_status_display(), "new": TipStatus(status).label}
        )
    if status == TipStatus.BECAME_EXAMPLE and example is None:
        raise ValidationError(_("Choose the example the tip became."))
    tip.status = status
    tip.example = example if status == TipStatus.BECAME_EXAMPLE else None
    tip.editor_note = note.strip()
    tip.save(update_fields=["status", "example", "editor_note"])
    return tip


# --- Import ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def _parse_time(value: str | None, field: str, slug: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValidationError(
            _("%(slug)s: “%(field)s” is not a time: %(value)s")
            % {"slug": slug, "field": field, "value": value}
        ) from None
    if timezone.is_naive(parsed):
        raise ValidationError(_("%(slug)s: “%(field)s” has no time zone.") % {"slug": slug, "field": field})
    return parsed


@transaction.atomic
def bank_import(*, data: dict, by=None) -> ImportResult:
    """Load a bank exported by :func:`selectors.bank_export`: each example (matched by its slug) gets
    exactly the file's content, status, dates and revisions. All or nothing.

    Raises ``ValidationError`` naming the example for anything the file gets wrong.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(
            _("This is not an example bank file (format “%(format)s”).") % {"format": FORMAT}
        )
    if data.get("version") != FORMAT_VERSION:
        raise ValidationError(_("Unsupported version %(version)s.") % {"version": data.get("version")})
    created = updated = 0
    for record in data.get("examples", []):
        slug = str(record.get("slug", ""))
        try:
            example = Example.objects.filter(slug=slug).first()
            is_new = example is None
            example = example or Example(slug=slug, created_by=by)
            results, sources = _apply_content(example, record)
            example.status = record["status"]
            example.unpublished_reason = record.get("unpublished_reason", "")
            example.created = _parse_time(record["created"], "created", slug)
            example.updated = _parse_time(record["updated"], "updated", slug)
            example.published = _parse_time(record.get("published"), "published", slug)
            example.full_clean(exclude=["created_by", "created_by_organisation"])
        except ValidationError as exc:
            raise ValidationError(f"{slug or '?'}: {' '.join(exc.messages)}") from None
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValidationError(
                _("%(slug)s: missing or wrong field %(field)s.") % {"slug": slug or "?", "field": exc}
            ) from None
        example.save()
        _save_children(example, results, sources)
        example.revisions.all().delete()
        Revision.objects.bulk_create(
            Revision(
                example=example,
                number=int(r["number"]),
                created=_parse_time(r["created"], "revisions.created", slug),
                author=r.get("author", ""),
                note=r.get("note", ""),
                snapshot=r["snapshot"],
            )
            for r in record.get("revisions", [])
        )
        created, updated = created + is_new, updated + (not is_new)
    search.index_rebuild()
    return ImportResult(created=created, updated=updated)
