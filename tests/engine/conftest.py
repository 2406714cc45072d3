import sqlite3

import duckdb
import pytest

from gronnkjop.engine import backend_for, control_run


@pytest.fixture(params=["duckdb", "sqlite"])
def run(request):
    """Run the control on a fresh in-memory DuckDB or SQLite and return the result."""

    def do(builder, **kwargs):
        connection = duckdb.connect() if request.param == "duckdb" else sqlite3.connect(":memory:")
        try:
            return control_run(backend_for(connection), builder.tables(), **kwargs)
        finally:
            connection.close()

    return do


def found(result):
    return [(d.code, d.invoice_id, d.line_id, d.contract_id, d.amount_at_stake) for d in result.deviations]
