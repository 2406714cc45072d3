"""Run the control: load the tables, match invoices to contracts, apply every rule.

>>> result = control_run(backend_for(duckdb.connect()), tables)      # doctest: +SKIP
>>> [(d.code, d.amount_at_stake) for d in result.deviations]        # doctest: +SKIP
[('PRICE_ABOVE_AGREEMENT', Decimal('672.00'))]

The result is sorted by (code, invoice_id, line_id) and identical on every backend.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .backends import Backend
from .rules import (
    AFTER_MATCH_INDEXES,
    FACTS_KIND,
    MATCH_INDEXES,
    MATCH_SQL,
    MATCH_TABLES,
    MATCHES_SQL,
    RULES,
)
from .tables import SCHEMA, Tables, as_rows, columns, ddl

CENT = Decimal("0.01")

#: The order deviations are reported in (also the order of the rules' documentation).
CODES = tuple(RULES)


@dataclass(frozen=True, slots=True)
class Deviation:
    code: str
    invoice_id: int
    line_id: int | None
    contract_id: int | None
    amount_at_stake: Decimal
    evidence: dict = field(default_factory=dict, compare=True, hash=False)

    @property
    def key(self) -> tuple:
        return (self.code, self.invoice_id, self.line_id)


@dataclass(frozen=True)
class Match:
    line_id: int
    invoice_id: int
    contract_id: int | None
    how: str | None  # "reference", "order", "inferred" or None


@dataclass(frozen=True)
class ControlResult:
    lines_checked: int
    invoices_checked: int
    deviations: list[Deviation]
    matches: list[Match]

    def by_code(self) -> dict[str, int]:
        counts = dict.fromkeys(CODES, 0)
        for deviation in self.deviations:
            counts[deviation.code] += 1
        return counts


def _views(backend: Backend) -> set[str]:
    return {"gk_facts"} if FACTS_KIND[backend.dialect] == "VIEW" else set()


def load_tables(backend: Backend, tables: Tables) -> None:
    """Create the engine's temporary input tables and fill them from ``tables``."""
    backend.drop([*MATCH_TABLES, *SCHEMA], views=_views(backend))
    sources = {
        "gk_invoices": tables.invoices,
        "gk_lines": tables.lines,
        "gk_contracts": tables.contracts,
        "gk_contract_suppliers": tables.contract_suppliers,
        "gk_prices": tables.prices,
        "gk_order_refs": tables.order_refs,
    }
    for name, records in sources.items():
        backend.execute(ddl(name))
        cols = columns(SCHEMA[name])
        marks = ", ".join([backend.placeholder] * len(cols))
        backend.executemany(f"INSERT INTO {name} VALUES ({marks})", as_rows(records))  # noqa: S608 - fixed names


def _kr(numerator: int, denominator: int) -> Decimal:
    return (Decimal(numerator) / Decimal(denominator)).quantize(CENT, rounding=ROUND_HALF_UP)


def _deviation(row: tuple) -> Deviation:
    code, invoice_id, line_id, contract_id, v1, v2, v3, v4, t1 = row
    invoice_id = int(invoice_id)
    line_id = int(line_id) if line_id is not None else None
    contract_id = int(contract_id) if contract_id is not None else None
    if code == "PRICE_ABOVE_AGREEMENT":
        stake = _kr((v1 - v2) * v3, 10**8)
        evidence = {
            "invoiced_unit_price": _kr4(v1),
            "agreed_unit_price": _kr4(v2),
            "quantity": _kr4(v3),
            "tolerance_pct": Decimal(v4) / 100,
        }
    elif code == "ARTICLE_NOT_IN_PRICE_LIST":
        stake = _kr(v1, 100)
        evidence = {"article": t1, "line_amount": _kr(v1, 100)}
    elif code == "MARKUP_ABOVE_AGREEMENT":
        stake = _kr((v1 - v2) * v3, 10**8)
        evidence = {
            "markup_pct": _kr4(v1),
            "allowed_pct": _kr4(v2),
            "base_amount": _kr(v3, 100),
            "condition": t1,
        }
    elif code == "MISSING_CONTRACT_REFERENCE":
        stake = Decimal("0.00")
        evidence = {"active_contracts": int(v1)}
    elif code == "UNKNOWN_CONTRACT_REFERENCE":
        stake = Decimal("0.00")
        evidence = {"contract_reference": t1}
    elif code == "OUTSIDE_AGREEMENT":
        stake = _kr(v1, 100)
        evidence = {"category": t1, "line_amount": _kr(v1, 100)}
    elif code == "DUPLICATE_INVOICE":
        stake = _kr(v1, 100)
        evidence = {"duplicate_of": int(v2), "kind": t1, "payable": _kr(v1, 100)}
    elif code == "AFTER_EXPIRY":
        stake = _kr(v1, 100)
        evidence = {
            "contract_end": dt.date.fromordinal(int(v2)),
            "invoice_date": dt.date.fromordinal(int(v3)),
            "matched_by": t1,
        }
    elif code == "OVER_CEILING":
        stake = _kr(v1 - v2, 100)
        evidence = {"spend_after": _kr(v1, 100), "ceiling": _kr(v2, 100), "spend_before": _kr(v3, 100)}
    elif code == "SMALL_ORDER":
        stake = _kr(v3, 100)
        evidence = {
            "amount_excl_vat": _kr(v1, 100),
            "limit": _kr(v2, 100),
            "fee": _kr(v3, 100),
            "ordering_unit": t1,
        }
    else:  # pragma: no cover - RULES and this mapping are kept together
        raise ValueError(f"unknown rule {code}")
    return Deviation(code, invoice_id, line_id, contract_id, stake, evidence)


def _kr4(value: int) -> Decimal:
    return (Decimal(value) / 10000).normalize() if value is not None else None


def control_run(
    backend: Backend,
    tables: Tables | None = None,
    *,
    codes: tuple[str, ...] = CODES,
    with_matches: bool = True,
) -> ControlResult:
    """Match and control. With ``tables`` the input is loaded first; without, the caller has created
    the ``gk_*`` tables (the benchmark fills them straight inside DuckDB)."""
    if backend.dialect == "duckdb":
        # Every result is sorted explicitly, so DuckDB need not keep insertion order in the helper
        # tables; that roughly halves the time of building them.
        backend.execute("SET preserve_insertion_order = false")
    if tables is not None:
        load_tables(backend, tables)
    else:
        backend.drop(MATCH_TABLES, views=_views(backend))
    if backend.indexes_help:
        for statement in MATCH_INDEXES:
            backend.execute(statement)
    for statement in MATCH_SQL:
        backend.execute(statement.replace("{facts_kind}", FACTS_KIND[backend.dialect]))
    if backend.indexes_help:
        for statement in AFTER_MATCH_INDEXES:
            backend.execute(statement)
    # One statement for all rules: planned once, and DuckDB runs the branches in parallel.
    union = "\nUNION ALL\n".join(f"SELECT * FROM ({RULES[code]}) r_{n}" for n, code in enumerate(codes))  # noqa: S608
    rows = backend.query(f"SELECT * FROM ({union}) all_rules") if codes else []  # noqa: S608 - constant SQL
    deviations = sorted(
        (_deviation(row) for row in rows),
        key=lambda d: (CODES.index(d.code), d.invoice_id, -1 if d.line_id is None else d.line_id),
    )
    lines_checked, invoices_checked = backend.query(
        "SELECT (SELECT COUNT(*) FROM gk_lines), (SELECT COUNT(*) FROM gk_invoices)"
    )[0]
    matches = []
    if with_matches:
        matches = [
            Match(int(r[0]), int(r[1]), int(r[2]) if r[2] is not None else None, r[3])
            for r in backend.query(MATCHES_SQL)
        ]
    return ControlResult(int(lines_checked), int(invoices_checked), deviations, matches)
