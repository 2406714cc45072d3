"""Every write of contract data. Each function is one transaction and takes keyword arguments only.

The import services (:func:`contract_import`, :func:`price_list_preview`, :func:`price_list_apply`)
take rows already read by ``gronnkjop.formats`` (which reports bad cells), check them against the
database and either apply everything or nothing. They are what the pages and the command
``gronnkjop import contracts|pricelist`` call.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gronnkjop.core.models import Organisation, OrganisationKind, Unit
from gronnkjop.core.selectors import collaboration_list
from gronnkjop.core.services import organisation_ensure
from gronnkjop.core.validators import clean_orgnr
from gronnkjop.formats.contracts_table import ContractRow
from gronnkjop.formats.errors import FormatError
from gronnkjop.formats.pricelist import PRICE_LIST_COLUMNS, PriceListRow
from gronnkjop.formats.tables import parse_rows, read_rows

from .models import (
    CallOff,
    Contract,
    ContractDocument,
    ContractKind,
    ContractOption,
    ContractSupplier,
    PriceListItem,
)

ONE_DAY = dt.timedelta(days=1)

#: The contract fields the edit form and :func:`contract_save` may set.
CONTRACT_FIELDS = (
    "number",
    "title",
    "kind",
    "cpv",
    "start_date",
    "end_date",
    "estimated_value",
    "ceiling",
    "manager",
    "price_tolerance_pct",
    "markup_new_pct",
    "markup_used_pct",
    "small_order_limit",
    "small_order_fee",
    "notice_months",
    "price_adjustment_date",
    "notes",
)

#: Contract fields a contract table sets; an empty optional cell keeps the current value.
IMPORTED_FIELDS = ("title", "cpv", "start_date", "end_date", "estimated_value")
IMPORTED_OPTIONAL_FIELDS = (
    "ceiling",
    "markup_new_pct",
    "markup_used_pct",
    "small_order_limit",
    "small_order_fee",
)


def _save(instance, *, by=None, **kwargs) -> None:
    """Validate and save, recording ``by`` as the author of the history record."""
    instance._history_user = by
    instance.full_clean(**kwargs)
    instance.save()


def _check_owner(contract: Contract, organisation: Organisation) -> None:
    if contract.organisation_id != organisation.pk:
        raise ValidationError(_("The contract belongs to another organisation."))


def _date(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def end_date_error(contract: Contract, end_date: dt.date) -> str | None:
    """Why ``end_date`` cannot be the contract's end date (without options), or None.

    An option extends the contract, so the end date must fall before the new end date of every
    option not yet exercised (the first of them is named). Exercised options are history: the end
    they gave is kept by :attr:`Contract.effective_end` whatever the end date says.
    """
    if contract.pk is None:
        return None
    first = (
        ContractOption.objects.filter(contract=contract, exercised=False, new_end_date__lte=end_date)
        .order_by("new_end_date")
        .first()
    )
    if first is None:
        return None
    option = _("Extends to %(date)s") % {"date": _date(first.new_end_date)}
    return _(
        "The end date must be before %(new_end)s, because the option «%(option)s» (not exercised) "
        "must extend the contract."
    ) % {"new_end": _date(first.new_end_date), "option": option}


# --- Contracts --------------------------------------------------------------------------------------


@transaction.atomic
def contract_save(
    *,
    organisation: Organisation,
    values: Mapping[str, Any],
    contract: Contract | None = None,
    by=None,
) -> Contract:
    """Create a contract for ``organisation`` or update ``contract`` (which it must own).

    ``values`` holds fields from :data:`CONTRACT_FIELDS`; others are refused.
    """
    unknown = set(values) - set(CONTRACT_FIELDS)
    if unknown:
        raise ValueError(f"not contract fields: {sorted(unknown)}")
    if contract is not None:
        _check_owner(contract, organisation)
    contract = contract or Contract(organisation=organisation)
    for name, value in values.items():
        setattr(contract, name, value.strip() if isinstance(value, str) else value)
    if "end_date" in values and (error := end_date_error(contract, contract.end_date)):
        raise ValidationError({"end_date": error})
    _save(contract, by=by)
    return contract


# --- Suppliers ----------------------------------------------------------------------------------------


def _supplier(*, orgnr: str, name: str) -> Organisation:
    """The supplier with this organisation number, created when new.

    An existing supplier keeps its name (suppliers are shared reference data, one tenant's file does
    not rename them); a number that belongs to a municipality or collaboration is refused.
    """
    number = clean_orgnr(orgnr)
    existing = Organisation.objects.filter(orgnr=number).first()
    if existing is None:
        return organisation_ensure(orgnr=number, name=name, kind=OrganisationKind.LEVERANDOR).organisation
    if existing.kind != OrganisationKind.LEVERANDOR:
        raise ValidationError(
            _("%(orgnr)s is %(name)s, not a supplier.") % {"orgnr": number, "name": existing.name}
        )
    return existing


@dataclass(frozen=True)
class SupplierAdded:
    """What :func:`contract_supplier_add` did: the link, whether the supplier is new on the contract
    (``created``), whether an existing link got a new rank (``reranked``) and whether the contract
    became a framework agreement (``made_framework``)."""

    link: ContractSupplier
    created: bool
    reranked: bool = False
    made_framework: bool = False


@transaction.atomic
def contract_supplier_add(
    *,
    organisation: Organisation,
    contract: Contract,
    orgnr: str,
    name: str = "",
    rank: int | None = None,
    by=None,
) -> SupplierAdded:
    """Put a supplier on the contract (created when its organisation number is new).

    Without ``rank`` it is ranked last. Adding a second supplier makes the contract a framework
    agreement (several suppliers on one contract is what a framework agreement is; the change is
    recorded in the contract's history by ``by``). Adding one that is already there changes only its
    rank, and nothing when no other rank is given.
    """
    _check_owner(contract, organisation)
    if not name.strip() and not Organisation.objects.filter(orgnr=clean_orgnr(orgnr)).exists():
        raise ValidationError(_("Enter the name of the new supplier."))
    supplier = _supplier(orgnr=orgnr, name=name)
    link = ContractSupplier.objects.filter(contract=contract, supplier=supplier).first()
    if link is not None:
        if rank is None or rank == link.rank:
            return SupplierAdded(link, created=False)
        link.rank = rank
        link.save(update_fields=["rank"])
        return SupplierAdded(link, created=False, reranked=True)
    last = contract.contract_suppliers.aggregate(last=Max("rank"))["last"] or 0
    link = ContractSupplier(contract=contract, supplier=supplier, rank=rank or last + 1)
    link.save()
    made_framework = (
        ContractSupplier.objects.filter(contract=contract).count() > 1
        and contract.kind != ContractKind.FRAMEWORK
    )
    if made_framework:
        contract.kind = ContractKind.FRAMEWORK
        contract._history_user = by
        contract.save(update_fields=["kind", "updated"])
    return SupplierAdded(link, created=True, made_framework=made_framework)


@transaction.atomic
def contract_supplier_rank(
    *, organisation: Organisation, contract: Contract, supplier_ids: Sequence[int]
) -> list[ContractSupplier]:
    """Rank the contract's suppliers in the order given (first = rank 1); all must be named once."""
    _check_owner(contract, organisation)
    links = {link.supplier_id: link for link in contract.contract_suppliers.all()}
    if sorted(supplier_ids) != sorted(links):
        raise ValidationError(_("Rank every supplier on the contract exactly once."))
    for rank, supplier_id in enumerate(supplier_ids, start=1):
        link = links[supplier_id]
        if link.rank != rank:
            link.rank = rank
            link.save(update_fields=["rank"])
    return [links[s] for s in supplier_ids]


@transaction.atomic
def contract_supplier_remove(*, organisation: Organisation, link: ContractSupplier) -> None:
    _check_owner(link.contract, organisation)
    link.delete()


# --- Options ------------------------------------------------------------------------------------------


@transaction.atomic
def option_add(
    *,
    organisation: Organisation,
    contract: Contract,
    new_end_date: dt.date,
    deadline: dt.date | None = None,
    by=None,
) -> ContractOption:
    """Register an option to extend the contract to ``new_end_date``, to be decided by ``deadline``."""
    _check_owner(contract, organisation)
    latest = max([contract.end_date, *(o.new_end_date for o in contract.options.all())])
    if new_end_date <= latest:
        raise ValidationError(
            {
                "new_end_date": _("An option must extend the contract beyond %(date)s.")
                % {"date": _date(latest)}
            }
        )
    if deadline is not None and deadline > latest:
        raise ValidationError(
            {"deadline": _("The deadline must fall before the contract or the previous option ends.")}
        )
    option = ContractOption(contract=contract, new_end_date=new_end_date, deadline=deadline)
    _save(option, by=by)
    return option


@transaction.atomic
def option_exercise(*, organisation: Organisation, option: ContractOption, by=None) -> ContractOption:
    """Take up an option. Options are taken up in order, so every earlier one must be taken up first;
    an option never shortens the contract, so one whose new end is not after the contract's current
    end (:attr:`Contract.effective_end`) is refused."""
    _check_owner(option.contract, organisation)
    if option.exercised:
        return option
    earlier = option.contract.options.filter(new_end_date__lt=option.new_end_date, exercised=False)
    if earlier.exists():
        raise ValidationError(_("Exercise the earlier options first."))
    current = max(
        [option.contract.end_date, *(o.new_end_date for o in option.contract.options.filter(exercised=True))]
    )
    if option.new_end_date <= current:
        raise ValidationError(
            _(
                "The option to extend to %(new_end)s cannot be exercised: the contract already runs "
                "to %(end)s."
            )
            % {"new_end": _date(option.new_end_date), "end": _date(current)}
        )
    option.exercised = True
    _save(option, by=by)
    return option


@transaction.atomic
def option_delete(*, organisation: Organisation, option: ContractOption, by=None) -> None:
    """Delete an option registered by mistake. An exercised option has extended the contract and
    is part of its history, so it is refused; the deletion is kept in the audit log."""
    _check_owner(option.contract, organisation)
    if option.exercised:
        raise ValidationError(
            _("The option to extend to %(date)s is exercised and cannot be deleted.")
            % {"date": _date(option.new_end_date)}
        )
    option._history_user = by
    option.delete()


# --- Documents and call-offs --------------------------------------------------------------------------


@transaction.atomic
def document_upload(
    *, organisation: Organisation, contract: Contract, title: str, file: UploadedFile, by=None
) -> ContractDocument:
    _check_owner(contract, organisation)
    document = ContractDocument(
        contract=contract, title=title.strip() or file.name, file=file, uploaded_by=by
    )
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def call_off_add(
    *,
    organisation: Organisation,
    contract: Contract,
    order_number: str,
    ordered_on: dt.date | None = None,
    unit: Unit | None = None,
    description: str = "",
) -> CallOff:
    """Register a call-off (avrop) with its order number. The unit must belong to ``organisation``;
    members of a collaboration register call-offs on its joint agreements for their own units.

    A call-off is an order made under the contract, so its date (when given) must fall within the
    contract's period, options taken up counted: an order before the start or after the end was not
    made under this contract. The order number is unique on the contract.
    """
    if (
        contract.organisation_id != organisation.pk
        and not contract.organisation.member_links.filter(member=organisation).exists()
    ):
        raise ValidationError(_("The contract belongs to another organisation."))
    if unit is not None and unit.organisation_id != organisation.pk:
        raise ValidationError(_("The unit belongs to another organisation."))
    order_number = order_number.strip()
    errors: dict[str, str] = {}
    if ordered_on is not None and not contract.start_date <= ordered_on <= contract.effective_end:
        errors["ordered_on"] = _(
            "A call-off must be ordered while the contract runs, from %(start)s to %(end)s."
        ) % {"start": _date(contract.start_date), "end": _date(contract.effective_end)}
    if CallOff.objects.filter(contract=contract, order_number=order_number).exists():
        errors["order_number"] = _("The contract already has a call-off with this order number.")
    if errors:
        raise ValidationError(errors)
    call_off = CallOff(
        contract=contract,
        order_number=order_number,
        ordered_on=ordered_on,
        unit=unit,
        description=description.strip(),
    )
    call_off.full_clean()
    call_off.save()
    return call_off


# --- Contract import ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContractImportResult:
    created: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class ContractChange:
    """One contract a table would update: the field names that differ and the row."""

    contract: Contract
    row: ContractRow
    fields: list[str]
    new_supplier: bool

    @property
    def labels(self) -> list[str]:
        """What changes, in words: the fields' names and "new supplier"."""
        labels = [str(Contract._meta.get_field(name).verbose_name) for name in self.fields]
        return [*labels, _("new supplier")] if self.new_supplier else labels


@dataclass(frozen=True)
class ContractImportPreview:
    created: list[ContractRow] = field(default_factory=list)
    updated: list[ContractChange] = field(default_factory=list)
    unchanged: list[ContractRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.created or self.updated)


def _row_values(row: ContractRow) -> dict[str, Any]:
    values = {name: getattr(row, name) for name in IMPORTED_FIELDS}
    values |= {
        name: getattr(row, name) for name in IMPORTED_OPTIONAL_FIELDS if getattr(row, name) is not None
    }
    return values


def contract_import_preview(
    *, organisation: Organisation, rows: Sequence[ContractRow]
) -> ContractImportPreview:
    """What :func:`contract_import` would do: the contracts created, updated (with the fields that
    change) and unchanged, matched on contract number among the organisation's own contracts."""
    preview = ContractImportPreview()
    existing = {
        c.number: c
        for c in Contract.objects.filter(
            organisation=organisation, number__in=[r.contract_number for r in rows]
        ).prefetch_related("contract_suppliers__supplier")
    }
    orgnrs = {r.supplier_orgnr for r in rows}
    others = dict(
        Organisation.objects.filter(orgnr__in=orgnrs)
        .exclude(kind=OrganisationKind.LEVERANDOR)
        .values_list("orgnr", "name")
    )
    for row in rows:
        if row.supplier_orgnr in others:
            preview.errors.append(
                _("row %(row)s: %(orgnr)s is %(name)s, not a supplier")
                % {"row": row.row, "orgnr": row.supplier_orgnr, "name": others[row.supplier_orgnr]}
            )
            continue
        contract = existing.get(row.contract_number)
        if contract is None:
            preview.created.append(row)
            continue
        changed = [name for name, value in _row_values(row).items() if getattr(contract, name) != value]
        if "end_date" in changed and (error := end_date_error(contract, row.end_date)):
            preview.errors.append(_("row %(row)s: %(error)s") % {"row": row.row, "error": error})
            continue
        new_supplier = row.supplier_orgnr not in {
            link.supplier.orgnr for link in contract.contract_suppliers.all()
        }
        if changed or new_supplier:
            preview.updated.append(ContractChange(contract, row, changed, new_supplier))
        else:
            preview.unchanged.append(row)
    return preview


@transaction.atomic
def contract_import(
    *, organisation: Organisation, rows: Sequence[ContractRow], by=None
) -> ContractImportResult:
    """Create or update the organisation's contracts from a contract table. Idempotent.

    Contracts are matched on contract number. An empty optional cell (ceiling, markups, small-order
    terms) keeps the current value. The row's supplier is created when new and added to the
    contract (ranked last) when not on it already. Any error raises ``ValidationError`` listing every
    bad row, and nothing is written.
    """
    preview = contract_import_preview(organisation=organisation, rows=rows)
    if preview.errors:
        raise ValidationError(preview.errors)
    for row in preview.created:
        contract = Contract(organisation=organisation, number=row.contract_number, **_row_values(row))
        _save(contract, by=by)
        contract_supplier_add(
            organisation=organisation, contract=contract, orgnr=row.supplier_orgnr, name=row.supplier_name
        )
    for change in preview.updated:
        contract = change.contract
        for name in change.fields:
            setattr(contract, name, getattr(change.row, name))
        if change.fields:
            _save(contract, by=by)
        if change.new_supplier:
            contract_supplier_add(
                organisation=organisation,
                contract=contract,
                orgnr=change.row.supplier_orgnr,
                name=change.row.supplier_name,
            )
    return ContractImportResult(
        created=len(preview.created), updated=len(preview.updated), unchanged=len(preview.unchanged)
    )


# --- Price lists --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PriceChange:
    """A price-list row that replaces an existing item with the same key."""

    old: PriceListItem
    new: PriceListRow
    new_end: dt.date | None = None  # the row's end after open rows are closed (see _close_open_rows)

    @property
    def ends_differ(self) -> bool:
        return self.old.valid_to != self.new_end

    def __iter__(self):  # so ``for old, new in diff.changed`` reads naturally
        return iter((self.old, self.new))


@dataclass(frozen=True)
class Removal:
    """An item no longer on the price list: ended on ``end`` (``valid_to``), or deleted when
    ``end`` is None because the new list covers its whole period."""

    item: PriceListItem
    end: dt.date | None

    @property
    def deleted(self) -> bool:
        return self.end is None


@dataclass(frozen=True)
class PriceListDiff:
    added: list[PriceListRow] = field(default_factory=list)
    changed: list[PriceChange] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    contracts: list[Contract] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def _key(contract_id: int, article: str, condition: str, valid_from: dt.date) -> tuple:
    return (contract_id, article, condition, valid_from)


def _close_open_rows(rows: Sequence[PriceListRow]) -> dict[int, dt.date | None]:
    """The effective ``valid_to`` of each row (by row number): a row without an end that is followed
    by a later row of the same article and condition ends the day before it."""
    by_article: dict[tuple, list[PriceListRow]] = defaultdict(list)
    for row in rows:
        by_article[(row.contract_number, row.article_number, row.condition)].append(row)
    ends: dict[int, dt.date | None] = {}
    for series in by_article.values():
        series.sort(key=lambda r: r.valid_from)
        for current, following in zip(series, [*series[1:], None], strict=True):
            end = current.valid_to
            if end is None and following is not None:
                end = following.valid_from - ONE_DAY
            ends[current.row] = end
    return ends


def price_list_contract_problems(
    *, organisation: Organisation, rows: Sequence[tuple[int, str]]
) -> list[tuple[int, str]]:
    """The rows of a price list, given as (row number, contract number), that name a contract the
    organisation may not import prices for, as (row number, reason) in row order.

    Only the owner edits a contract: a joint agreement of a collaboration the organisation is a member
    of is named as such (the collaboration imports its price list); any other number, another
    tenant's included, is an unknown contract number.
    """
    numbers = {number for _row, number in rows}
    own = set(
        Contract.objects.filter(organisation=organisation, number__in=numbers).values_list(
            "number", flat=True
        )
    )
    joint: dict[str, str] = {}
    for number, owner in (
        Contract.objects.filter(
            organisation_id__in=collaboration_list(organisation=organisation).values("pk"),
            number__in=numbers - own,
        )
        .order_by("organisation__name")
        .values_list("number", "organisation__name")
    ):
        joint.setdefault(number, owner)
    problems = []
    for row, number in sorted(rows):
        if number in own:
            continue
        if number in joint:
            reason = _(
                "%(number)s is a joint agreement of %(owner)s; only %(owner)s can import its price list"
            ) % {"number": number, "owner": joint[number]}
        else:
            reason = _("unknown contract number %(number)s") % {"number": number}
        problems.append((row, reason))
    return problems


def price_list_contract_errors(
    *, organisation: Organisation, rows: Sequence[tuple[int, str]]
) -> list[tuple[int, str]]:
    """:func:`price_list_contract_problems` as (row number, «row N: reason»)."""
    return [
        (row, _("row %(row)s: %(reason)s") % {"row": row, "reason": reason})
        for row, reason in price_list_contract_problems(organisation=organisation, rows=rows)
    ]


#: The contract number column of a price list alone, so that the numbers of a file with bad cells
#: elsewhere can still be checked in the same pass.
_CONTRACT_NUMBER_ONLY = tuple(
    replace(column, required=False, optional=True)
    for column in PRICE_LIST_COLUMNS
    if column.name == "contract_number"
)


def price_list_file_contract_problems(*, organisation: Organisation, path) -> list[tuple[int, str]]:
    """For a price-list file whose cells did not all read: the rows whose contract number the
    organisation may not import prices for (see :func:`price_list_contract_problems`), read from the
    contract number column alone, so that one pass reports both kinds of error. Empty when even
    that column cannot be read (the file's own error says why)."""
    try:
        rows = parse_rows(read_rows(path), _CONTRACT_NUMBER_ONLY)
    except FormatError:
        return []
    return price_list_contract_problems(
        organisation=organisation,
        rows=[(row.row, row["contract_number"]) for row in rows if row["contract_number"]],
    )


def price_list_preview(
    *, organisation: Organisation, rows: Sequence[PriceListRow], today: dt.date | None = None
) -> PriceListDiff:
    """Compare a price list with the items stored for the contracts it names.

    The file is the full price list of each contract it names. Rows are matched to items on
    (contract, article number, condition, valid from). A matched row whose description, unit, price
    or end differs is *changed*; an unmatched row is *added*; an item of those contracts that is not
    in the file is *removed* (see :class:`Removal` and ``docs/contracts.md`` for when it is ended and
    when deleted). A row naming a contract the organisation does not own is an error.
    """
    today = today or timezone.localdate()
    numbers = sorted({r.contract_number for r in rows})
    contracts = {c.number: c for c in Contract.objects.filter(organisation=organisation, number__in=numbers)}
    errors = [
        text
        for _row, text in price_list_contract_errors(
            organisation=organisation, rows=[(r.row, r.contract_number) for r in rows]
        )
    ]
    if errors:
        return PriceListDiff(errors=errors)
    ends = _close_open_rows(rows)
    items = {
        _key(i.contract_id, i.article_number, i.condition, i.valid_from): i
        for i in PriceListItem.objects.filter(contract__in=contracts.values())
    }
    added: list[PriceListRow] = []
    changed: list[PriceChange] = []
    unchanged = 0
    in_file: set[tuple] = set()
    first_in_file: dict[tuple, dt.date] = {}
    for row in rows:
        contract = contracts[row.contract_number]
        key = _key(contract.pk, row.article_number, row.condition, row.valid_from)
        in_file.add(key)
        article = (contract.pk, row.article_number, row.condition)
        first_in_file[article] = min(first_in_file.get(article, row.valid_from), row.valid_from)
        item = items.get(key)
        if item is None:
            added.append(row)
        elif (item.description, item.unit_code, item.unit_price, item.valid_to) != (
            row.description,
            row.unit_code,
            row.unit_price,
            ends[row.row],
        ):
            changed.append(PriceChange(item, row, ends[row.row]))
        else:
            unchanged += 1
    # The day the new list takes effect for articles it drops: its earliest new row, or today.
    effective: dict[int, dt.date] = {}
    for row in added:
        contract_id = contracts[row.contract_number].pk
        effective[contract_id] = min(effective.get(contract_id, row.valid_from), row.valid_from)
    removed: list[Removal] = []
    for key, item in sorted(items.items(), key=lambda kv: (kv[1].contract_id, kv[0][1:])):
        if key in in_file:
            continue
        first = first_in_file.get((item.contract_id, item.article_number, item.condition))
        if first is not None:  # the article is still on the list, from ``first``
            if item.valid_from >= first:
                removed.append(Removal(item, None))
            elif item.valid_to is None or item.valid_to >= first:
                removed.append(Removal(item, first - ONE_DAY))
        elif item.valid_to is None:  # dropped from the list and still open
            start = effective.get(item.contract_id, today)
            removed.append(Removal(item, start - ONE_DAY if item.valid_from < start else None))
    return PriceListDiff(
        added=added,
        changed=changed,
        removed=removed,
        unchanged=unchanged,
        contracts=sorted(contracts.values(), key=lambda c: c.number),
    )


@transaction.atomic
def price_list_apply(
    *, organisation: Organisation, rows: Sequence[PriceListRow], by=None, today: dt.date | None = None
) -> PriceListDiff:
    """Apply what :func:`price_list_preview` shows, in one transaction, and return that diff.

    Added rows become items, changed items take the row's values, removed items are ended (their
    ``valid_to`` set) or, when the new list covers their whole period, deleted. Every change is
    recorded in the price history. With errors nothing is written and the diff carries them.
    """
    diff = price_list_preview(organisation=organisation, rows=rows, today=today)
    if diff.errors:
        return diff
    contracts = {c.number: c for c in diff.contracts}
    ends = _close_open_rows(rows)
    for removal in diff.removed:
        item = removal.item
        item._history_user = by
        if removal.deleted:
            item.delete()
        else:
            item.valid_to = removal.end
            item.save(update_fields=["valid_to"])
    for change in diff.changed:
        old, new = change.old, change.new
        old.description, old.unit_code, old.unit_price = new.description, new.unit_code, new.unit_price
        old.valid_to = change.new_end
        _save(old, by=by)
    for row in diff.added:
        item = PriceListItem(
            contract=contracts[row.contract_number],
            article_number=row.article_number,
            description=row.description,
            unit_code=row.unit_code,
            unit_price=row.unit_price,
            valid_from=row.valid_from,
            valid_to=ends[row.row],
            condition=row.condition,
        )
        _save(item, by=by, validate_unique=False)
    return diff
