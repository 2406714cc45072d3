"""The control engine: match invoice lines to contracts and find deviations, over tables.

A pure library (no Django): it runs the same SQL on DuckDB, SQLite and PostgreSQL and gives the same
answer on each. See :mod:`gronnkjop.engine.rules` for the rules and :mod:`gronnkjop.engine.tables`
for the input tables.
"""

from .backends import Backend, backend_for
from .control import CODES, ControlResult, Deviation, Match, control_run, load_tables
from .tables import (
    ContractRow,
    ContractSupplierRow,
    InvoiceRow,
    LineRow,
    OrderRefRow,
    PriceRow,
    Tables,
    cpv_prefix,
    day,
    fixed,
    norm_key,
)

__all__ = [
    "CODES",
    "Backend",
    "ContractRow",
    "ContractSupplierRow",
    "ControlResult",
    "Deviation",
    "InvoiceRow",
    "LineRow",
    "Match",
    "OrderRefRow",
    "PriceRow",
    "Tables",
    "backend_for",
    "control_run",
    "cpv_prefix",
    "day",
    "fixed",
    "load_tables",
    "norm_key",
]
