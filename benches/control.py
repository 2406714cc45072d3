"""Benchmark of the control engine on DuckDB.

    .venv/bin/python benches/control.py [--lines 1000000] [--contracts 1000]

Builds N invoice lines (1 million by default; 10 million with --lines 10000000) with price lists for
1 000 contracts and planted deviations of every kind, runs the full control (matching and every
rule), and prints lines per second and peak memory next to its floors, measured in the same run: a
bare DuckDB hash join of the same lines to the price lists, and the pandas merge an analyst would write.
It then checks that every planted deviation is found and no other; the expected set is computed
independently with pandas from how the data was planted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import time

import duckdb

from gronnkjop.engine import backend_for, control_run
from gronnkjop.engine.tables import SCHEMA, ddl

YEAR_START = dt.date(2026, 1, 1).toordinal()
ARTICLES = 50
LINES_PER_INVOICE = 10


def build(con: duckdb.DuckDBPyConnection, n_lines: int, n_contracts: int) -> None:
    n_invoices = n_lines // LINES_PER_INVOICE
    for table in SCHEMA:
        con.execute(ddl(table))
    # Contracts: one supplier each. Contract 1 ends early (invoices after it: AFTER_EXPIRY); contract 2
    # gets a ceiling at half its spend (OVER_CEILING); contract 3 a small-order limit; every 100th
    # contract allows a 12 % markup on new materials; contract 4 covers furniture (CPV 391…).
    con.execute(f"""
        INSERT INTO gk_contracts
        SELECT i, 'C-' || lpad(CAST(i AS VARCHAR), 5, '0'), CASE WHEN i = 4 THEN '391' ELSE '' END,
               {YEAR_START}, CASE WHEN i = 1 THEN {YEAR_START + 300} ELSE {YEAR_START + 364} END,
               NULL, 0, CASE WHEN i % 100 = 0 THEN 120000 END, NULL,
               CASE WHEN i = 3 THEN 0 END, CASE WHEN i = 3 THEN 9500 END
        FROM range(1, {n_contracts + 1}) t(i)""")
    con.execute(
        f"INSERT INTO gk_contract_suppliers SELECT i, 'S' || CAST(i AS VARCHAR) "
        f"FROM range(1, {n_contracts + 1}) t(i)"
    )
    con.execute(f"""
        INSERT INTO gk_prices
        SELECT c, 'A' || lpad(CAST(a AS VARCHAR), 2, '0'), 'new', {YEAR_START}, NULL,
               (1000 + (c * 7 + a * 13) % 9000) * 10000
        FROM range(1, {n_contracts + 1}) t1(c), range(0, {ARTICLES}) t2(a)""")
    # Invoices in date order of their id; planted: missing reference (id % 49999 = 17), unknown
    # reference (% 49993 = 19), same number as the invoice 1 000 before (% 49991 = 23), and a supplier
    # without a contract selling furniture (% 49987 = 29).
    con.execute(f"""
        INSERT INTO gk_invoices
        SELECT i,
               CASE WHEN i % 49987 = 29 THEN 'SX' ELSE 'S' || CAST(i % {n_contracts} + 1 AS VARCHAR) END,
               CASE WHEN i % 49991 = 23 AND i > 1000 THEN 'N' || CAST(i - 1000 AS VARCHAR)
                    ELSE 'N' || CAST(i AS VARCHAR) END,
               0, {YEAR_START} + CAST(floor(i * 364.0 / {n_invoices}) AS BIGINT),
               CASE WHEN i % 49999 = 17 OR i % 49987 = 29 THEN NULL
                    WHEN i % 49993 = 19 THEN 'NOPE'
                    ELSE 'C-' || lpad(CAST(i % {n_contracts} + 1 AS VARCHAR), 5, '0') END,
               NULL, 'U' || CAST(i % 17 AS VARCHAR), 0, 0, 'fp' || CAST(i AS VARCHAR)
        FROM range(1, {n_invoices + 1}) t(i)""")
    # Lines at the agreed price; planted: +5 % (line % 99991 = 5), an article not on the list
    # (% 99989 = 11), a 15 % markup on contracts that allow 12 % (% 1009 = 3), furniture lines on the
    # furniture invoices of the supplier without a contract.
    con.execute(f"""
        INSERT INTO gk_lines
        SELECT l, inv, CAST(l % {LINES_PER_INVOICE} + 1 AS VARCHAR),
               CASE WHEN l % 99989 = 11 THEN 'ZZ99' ELSE 'A' || lpad(CAST(art AS VARCHAR), 2, '0') END,
               CASE WHEN inv % 49987 = 29 THEN '39130000' END, NULL,
               qty * 10000,
               CASE WHEN l % 99991 = 5 THEN price * 105 / 100 ELSE price END,
               (CASE WHEN l % 99991 = 5 THEN price * 105 / 100 ELSE price END) * qty / 100,
               CASE WHEN l % 1009 = 3 AND contract % 100 = 0 THEN 150000 END,
               CASE WHEN l % 1009 = 3 AND contract % 100 = 0 THEN price * qty / 100 END
        FROM (
            SELECT l, l // {LINES_PER_INVOICE} + 1 AS inv, (l * 31) % {ARTICLES} AS art, 1 + l % 7 AS qty,
                   (l // {LINES_PER_INVOICE} + 1) % {n_contracts} + 1 AS contract,
                   (1000 + (((l // {LINES_PER_INVOICE} + 1) % {n_contracts} + 1) * 7 + ((l * 31) % {ARTICLES}) * 13)
                    % 9000) * 10000 AS price
            FROM range(0, {n_lines}) t(l)
        )""")
    con.execute("""
        UPDATE gk_invoices SET amount_e2 = s.amount, payable_e2 = s.amount * 125 / 100
        FROM (SELECT invoice_id, SUM(amount_e2) AS amount FROM gk_lines GROUP BY invoice_id) s
        WHERE s.invoice_id = gk_invoices.invoice_id""")
    # Contract 2: ceiling at half its spend. Contract 3: small-order limit at its invoices' median amount.
    con.execute("""
        UPDATE gk_contracts SET ceiling_e2 = (SELECT SUM(amount_e2) / 2 FROM gk_invoices WHERE contract_ref = 'C-00002')
        WHERE contract_id = 2""")
    con.execute("""
        UPDATE gk_contracts SET small_limit_e2 = (SELECT CAST(median(amount_e2) AS BIGINT) FROM gk_invoices
                                                  WHERE contract_ref = 'C-00003')
        WHERE contract_id = 3""")


def expected(con: duckdb.DuckDBPyConnection) -> set[tuple]:
    """The planted deviations, from the planting rules (pandas, independent of the engine's SQL)."""
    inv = con.execute("SELECT * FROM gk_invoices").df()
    lines = con.execute("SELECT line_id, invoice_id, article, markup_e4, amount_e2 FROM gk_lines").df()
    contracts = con.execute(
        "SELECT contract_id, number, end_day, ceiling_e2, small_limit_e2 FROM gk_contracts"
    ).df()
    inv["contract"] = inv["supplier"].where(inv["supplier"] != "SX").str[1:].astype("float").astype("Int64")
    out: set[tuple] = set()
    planted_price = lines[lines.line_id % 99991 == 5]
    planted_article = lines[lines.line_id % 99989 == 11]
    outside_invoices = set(inv[inv.supplier == "SX"].invoice_id)
    # A line planted with both a price and an unknown article is only an unknown article: there is no
    # agreed price to compare with.
    unknown = set(planted_article.line_id)
    out |= {
        ("PRICE_ABOVE_AGREEMENT", i, ln)
        for i, ln in zip(planted_price.invoice_id, planted_price.line_id, strict=True)
        if i not in outside_invoices and ln not in unknown
    }
    out |= {
        ("ARTICLE_NOT_IN_PRICE_LIST", i, ln)
        for i, ln in zip(planted_article.invoice_id, planted_article.line_id, strict=True)
        if i not in outside_invoices
    }
    markup = lines[lines.markup_e4.notna()]
    out |= {
        ("MARKUP_ABOVE_AGREEMENT", i, ln) for i, ln in zip(markup.invoice_id, markup.line_id, strict=True)
    }
    end_1 = int(contracts.loc[contracts.contract_id == 1, "end_day"].iloc[0])
    # Missing reference: only while the supplier has a running contract (contract 1 ends early).
    running = ~((inv.supplier == "S1") & (inv.issue_day > end_1))
    out |= {
        ("MISSING_CONTRACT_REFERENCE", i, None)
        for i in inv[inv.contract_ref.isna() & (inv.supplier != "SX") & running].invoice_id
    }
    out |= {("UNKNOWN_CONTRACT_REFERENCE", i, None) for i in inv[inv.contract_ref == "NOPE"].invoice_id}
    out |= {
        ("OUTSIDE_AGREEMENT", i, ln)
        for i, ln in zip(lines.invoice_id, lines.line_id, strict=True)
        if i in outside_invoices
    }
    out |= {
        ("DUPLICATE_INVOICE", i, None)
        for i in inv[(inv.invoice_id % 49991 == 23) & (inv.invoice_id > 1000)].invoice_id
    }
    out |= {
        ("AFTER_EXPIRY", i, None)
        for i in inv[(inv.contract_ref == "C-00001") & (inv.issue_day > end_1)].invoice_id
    }
    # Invoices without a (known) reference are inferred to the supplier's one contract, so spend and
    # small orders follow the supplier.
    c2 = inv[inv.supplier == "S2"].sort_values(["issue_day", "invoice_id"]).copy()
    c2["cum"] = c2.amount_e2.cumsum()
    ceiling = int(contracts.loc[contracts.contract_id == 2, "ceiling_e2"].iloc[0])
    crossing = c2[(c2.cum > ceiling) & (c2.cum - c2.amount_e2 <= ceiling)]
    out |= {("OVER_CEILING", i, None) for i in crossing.invoice_id}
    limit = int(contracts.loc[contracts.contract_id == 3, "small_limit_e2"].iloc[0])
    out |= {
        ("SMALL_ORDER", i, None) for i in inv[(inv.supplier == "S3") & (inv.amount_e2 < limit)].invoice_id
    }
    return {(code, int(i), None if ln is None else int(ln)) for code, i, ln in out}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--contracts", type=int, default=1_000)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    con = duckdb.connect()
    con.execute(f"SET threads = {args.threads}")
    t0 = time.perf_counter()
    build(con, args.lines, args.contracts)
    print(
        f"built {args.lines:,} lines, {args.lines // LINES_PER_INVOICE:,} invoices, {args.contracts:,} contracts "
        f"with {args.contracts * ARTICLES:,} prices in {time.perf_counter() - t0:.2f} s"
    )

    # Floor 1: a bare DuckDB hash join of the lines to the price lists.
    con.execute("""CREATE TEMP TABLE bench_lines AS SELECT l.*, CAST(substr(i.supplier, 2) AS BIGINT) AS contract_id
                   FROM gk_lines l JOIN gk_invoices i USING (invoice_id) WHERE i.supplier <> 'SX'""")
    joins = []
    for _ in range(3):
        t = time.perf_counter()
        con.execute("""SELECT COUNT(*), SUM(p.price_e4) FROM bench_lines l
                       JOIN gk_prices p ON p.contract_id = l.contract_id AND p.article = l.article""").fetchall()
        joins.append(time.perf_counter() - t)
    bare = min(joins)

    # Floor 2: the pandas merge an analyst would write.
    lines_df = con.execute("SELECT contract_id, article, price_e4 FROM bench_lines").df()
    prices_df = con.execute("SELECT contract_id, article, price_e4 AS agreed FROM gk_prices").df()
    t = time.perf_counter()
    merged = lines_df.merge(prices_df, on=["contract_id", "article"], how="left")
    (merged.price_e4 > merged.agreed).sum()
    pandas_time = time.perf_counter() - t
    del lines_df, merged

    runs = []
    result = None
    for _ in range(3):
        t = time.perf_counter()
        result = control_run(backend_for(con), with_matches=False)
        runs.append(time.perf_counter() - t)
    full = min(runs)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    found = {(d.code, d.invoice_id, d.line_id) for d in result.deviations}
    want = expected(con)
    print(f"full control:      {full:8.3f} s  {args.lines / full:14,.0f} lines/s")
    print(f"bare DuckDB join:  {bare:8.3f} s  {args.lines / bare:14,.0f} lines/s   (floor)")
    print(f"pandas merge:      {pandas_time:8.3f} s  {args.lines / pandas_time:14,.0f} lines/s")
    print(f"ratio full / bare join: {full / bare:.1f}×   full / pandas merge: {full / pandas_time:.2f}×")
    print(f"peak memory (RSS): {peak_mb:,.0f} MB")
    print(f"deviations found: {len(found)}, planted: {len(want)}, by code: {result.by_code()}")
    missing, extra = want - found, found - want
    print(f"planted and not found: {len(missing)}; found and not planted: {len(extra)}")
    if missing or extra:
        print("MISMATCH", sorted(missing)[:5], sorted(extra)[:5])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
