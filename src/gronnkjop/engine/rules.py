"""The control rules as portable SQL over the engine tables (see :mod:`gronnkjop.engine.tables`).

Matching first materialises two helper tables:

``gk_inv_match``
    every invoice with its explicitly matched contract: by contract reference (``reference``), else by
    an order reference known to belong to a contract (``order``).
``gk_facts``
    one wide row per line: the line, its invoice, and its contract — the invoice's explicit match,
    else the one running contract of the supplier in the line's CPV category (``inferred``), else
    none — with that contract's terms. Every line rule reads this one table.

Each rule is then one SELECT returning the same columns::

    code, invoice_id, line_id, contract_id, v1, v2, v3, v4, t1

where ``v1..v4`` (integers) and ``t1`` (text) are the rule's evidence, documented per rule below and
turned into kroner and a readable dict by :mod:`gronnkjop.engine.control`.
"""

from __future__ import annotations

# Contract numbers are unique per owner, but an organisation may use its own and its collaborations'
# agreements: the lowest contract id wins a tie so the choice is stable on every backend.
MATCH_SQL = [
    """
    CREATE TEMPORARY TABLE gk_contract_by_number AS
    SELECT number, MIN(contract_id) AS contract_id FROM gk_contracts GROUP BY number
    """,
    """
    CREATE TEMPORARY TABLE gk_order_contract AS
    SELECT order_ref, MIN(contract_id) AS contract_id FROM gk_order_refs GROUP BY order_ref
    """,
    """
    CREATE TEMPORARY TABLE gk_inv_match AS
    SELECT i.invoice_id,
           COALESCE(cn.contract_id, oc.contract_id) AS contract_id,
           CASE WHEN cn.contract_id IS NOT NULL THEN 'reference'
                WHEN oc.contract_id IS NOT NULL THEN 'order' END AS how
    FROM gk_invoices i
    LEFT JOIN gk_contract_by_number cn ON cn.number = i.contract_ref
    LEFT JOIN gk_order_contract oc ON oc.order_ref = i.order_ref
    """,
    # The supplier's contracts that run on the invoice date.
    """
    CREATE TEMPORARY TABLE gk_supplier_active AS
    SELECT i.invoice_id, c.contract_id, c.cpv_prefix
    FROM gk_invoices i
    JOIN gk_contract_suppliers cs ON cs.supplier = i.supplier
    JOIN gk_contracts c ON c.contract_id = cs.contract_id
    WHERE i.issue_day >= c.start_day AND i.issue_day <= c.end_day
    """,
    # Lines of invoices without an explicit match: the one running contract of the supplier in the
    # line's CPV category (any of them when the line has no CPV), when there is exactly one.
    """
    CREATE TEMPORARY TABLE gk_inferred AS
    SELECT l.line_id, MIN(a.contract_id) AS contract_id
    FROM gk_lines l
    JOIN gk_inv_match m ON m.invoice_id = l.invoice_id AND m.contract_id IS NULL
    JOIN gk_supplier_active a ON a.invoice_id = l.invoice_id
    WHERE l.cpv IS NULL OR substr(l.cpv, 1, length(a.cpv_prefix)) = a.cpv_prefix
    GROUP BY l.line_id
    HAVING COUNT(*) = 1
    """,
    # One wide row per line: the line, its invoice, its contract match and that contract's terms.
    # A view on DuckDB (each rule then computes only the columns it reads), an indexed table on the
    # row stores; see FACTS_KIND.
    """
    CREATE TEMPORARY {facts_kind} gk_facts AS
    SELECT l.line_id, l.invoice_id, l.line_no, l.article, l.cpv, l.cond, COALESCE(l.cond, 'new') AS cond_n,
           l.quantity_e4, l.price_e4, l.amount_e2, l.markup_e4, l.markup_base_e2,
           i.supplier, i.is_credit, i.issue_day,
           COALESCE(m.contract_id, inf.contract_id) AS contract_id,
           CASE WHEN m.contract_id IS NOT NULL THEN m.how
                WHEN inf.contract_id IS NOT NULL THEN 'inferred' END AS how,
           c.tolerance_bp, c.markup_new_e4, c.markup_used_e4
    FROM gk_lines l
    JOIN gk_invoices i ON i.invoice_id = l.invoice_id
    JOIN gk_inv_match m ON m.invoice_id = l.invoice_id
    LEFT JOIN gk_inferred inf ON inf.line_id = l.line_id
    LEFT JOIN gk_contracts c ON c.contract_id = COALESCE(m.contract_id, inf.contract_id)
    """,
    """
    CREATE TEMPORARY TABLE gk_contract_articles AS
    SELECT DISTINCT contract_id, article FROM gk_prices
    """,
    # The invoice's contract for invoice-level rules: the explicit match, else the contract every
    # line was inferred to (when they agree).
    """
    CREATE TEMPORARY TABLE gk_inv_contract AS
    SELECT m.invoice_id, COALESCE(m.contract_id, agree.contract_id) AS contract_id
    FROM gk_inv_match m
    LEFT JOIN (
        SELECT f.invoice_id, MIN(f.contract_id) AS contract_id
        FROM gk_facts f
        JOIN gk_inv_match m2 ON m2.invoice_id = f.invoice_id AND m2.contract_id IS NULL
        GROUP BY f.invoice_id
        HAVING COUNT(*) = COUNT(f.contract_id) AND MIN(f.contract_id) = MAX(f.contract_id)
    ) agree ON agree.invoice_id = m.invoice_id
    """,
]

#: How ``gk_facts`` is kept per dialect.
FACTS_KIND = {"duckdb": "VIEW", "sqlite": "TABLE", "postgresql": "TABLE"}

MATCH_TABLES = [
    "gk_contract_by_number",
    "gk_order_contract",
    "gk_inv_match",
    "gk_supplier_active",
    "gk_inferred",
    "gk_facts",
    "gk_contract_articles",
    "gk_inv_contract",
]

#: The matches the caller stores: one row per line.
MATCHES_SQL = "SELECT line_id, invoice_id, contract_id, how FROM gk_facts ORDER BY line_id"

MATCH_INDEXES = [
    "CREATE INDEX gk_lines_invoice ON gk_lines (invoice_id)",
    "CREATE INDEX gk_prices_key ON gk_prices (contract_id, article)",
    "CREATE INDEX gk_cs_supplier ON gk_contract_suppliers (supplier)",
    "CREATE INDEX gk_invoices_supplier ON gk_invoices (supplier)",
    # The two branches of DUPLICATE_INVOICE: same number, and same amount and content.
    "CREATE INDEX gk_invoices_number ON gk_invoices (supplier, number)",
    "CREATE INDEX gk_invoices_content ON gk_invoices (supplier, payable_e2, fingerprint)",
]
AFTER_MATCH_INDEXES = [
    "CREATE INDEX gk_facts_line ON gk_facts (line_id)",
    "CREATE INDEX gk_facts_invoice ON gk_facts (invoice_id)",
    "CREATE INDEX gk_facts_contract ON gk_facts (contract_id, article)",
    "CREATE INDEX gk_inv_match_inv ON gk_inv_match (invoice_id)",
    "CREATE INDEX gk_supplier_active_inv ON gk_supplier_active (invoice_id)",
    "CREATE INDEX gk_contract_articles_key ON gk_contract_articles (contract_id, article)",
]

RULES: dict[str, str] = {}

# v1 = invoiced net unit price e4, v2 = agreed price e4, v3 = quantity e4, v4 = tolerance bp.
# The agreed price is the one valid on the invoice date for the article and the item's condition; a
# line that does not say is compared with the new price, or with the used one when only that is
# listed. The latest valid_from wins if rows overlap. The plain join first
# keeps only lines above some valid price, so the ranking runs on a handful of candidates.
RULES["PRICE_ABOVE_AGREEMENT"] = """
SELECT 'PRICE_ABOVE_AGREEMENT' AS code, r.invoice_id, r.line_id, r.contract_id,
       r.price_e4 AS v1, r.agreed_e4 AS v2, r.quantity_e4 AS v3, r.tolerance_bp AS v4, CAST(NULL AS TEXT) AS t1
FROM (
    SELECT cand.*, p.price_e4 AS agreed_e4,
           ROW_NUMBER() OVER (PARTITION BY cand.line_id
                              ORDER BY CASE WHEN p.cond = cand.cond_n THEN 0 ELSE 1 END, p.from_day DESC,
                                       p.price_e4 DESC) AS rn
    FROM (
        SELECT DISTINCT f.line_id, f.invoice_id, f.contract_id, f.article, f.cond, f.cond_n, f.issue_day, f.price_e4,
               f.quantity_e4, f.tolerance_bp
        FROM gk_facts f
        JOIN gk_prices p ON p.contract_id = f.contract_id AND p.article = f.article
             AND (p.cond = f.cond_n OR f.cond IS NULL)
             AND p.from_day <= f.issue_day AND (p.to_day IS NULL OR f.issue_day <= p.to_day)
        WHERE f.is_credit = 0 AND f.price_e4 * 10000 > p.price_e4 * (10000 + f.tolerance_bp)
    ) cand
    JOIN gk_prices p ON p.contract_id = cand.contract_id AND p.article = cand.article
         AND (p.cond = cand.cond_n OR cand.cond IS NULL)
         AND p.from_day <= cand.issue_day AND (p.to_day IS NULL OR cand.issue_day <= p.to_day)
) r
WHERE r.rn = 1 AND r.price_e4 * 10000 > r.agreed_e4 * (10000 + r.tolerance_bp)
"""

# v1 = line net amount e2; t1 = the article number (or NULL when the line has none).
# Materials billed at cost plus a markup under a contract with markup terms are not price-list
# articles: MARKUP_ABOVE_AGREEMENT controls those lines instead.
RULES["ARTICLE_NOT_IN_PRICE_LIST"] = """
SELECT 'ARTICLE_NOT_IN_PRICE_LIST' AS code, f.invoice_id, f.line_id, f.contract_id,
       f.amount_e2 AS v1, CAST(NULL AS BIGINT) AS v2, CAST(NULL AS BIGINT) AS v3, CAST(NULL AS BIGINT) AS v4,
       f.article AS t1
FROM gk_facts f
JOIN (SELECT DISTINCT contract_id FROM gk_contract_articles) priced ON priced.contract_id = f.contract_id
LEFT JOIN gk_contract_articles ca ON ca.contract_id = f.contract_id AND ca.article = f.article
WHERE f.is_credit = 0 AND ca.contract_id IS NULL
  AND NOT (f.markup_e4 IS NOT NULL AND (f.markup_new_e4 IS NOT NULL OR f.markup_used_e4 IS NOT NULL))
"""

# v1 = charged markup e4 (percent), v2 = allowed markup e4, v3 = the charge's base amount e2;
# t1 = the condition the allowance was taken from.
RULES["MARKUP_ABOVE_AGREEMENT"] = """
SELECT 'MARKUP_ABOVE_AGREEMENT' AS code, f.invoice_id, f.line_id, f.contract_id,
       f.markup_e4 AS v1,
       CASE WHEN f.cond = 'used' THEN f.markup_used_e4 ELSE f.markup_new_e4 END AS v2,
       f.markup_base_e2 AS v3, CAST(NULL AS BIGINT) AS v4,
       CASE WHEN f.cond = 'used' THEN 'used' ELSE 'new' END AS t1
FROM gk_facts f
WHERE f.is_credit = 0
  AND f.markup_e4 IS NOT NULL
  AND (CASE WHEN f.cond = 'used' THEN f.markup_used_e4 ELSE f.markup_new_e4 END) IS NOT NULL
  AND f.markup_e4 > (CASE WHEN f.cond = 'used' THEN f.markup_used_e4 ELSE f.markup_new_e4 END)
"""
# The supplier has a contract running on the invoice date but the invoice names none.
# contract_id = that contract when there is exactly one; v1 = how many there are.
RULES["MISSING_CONTRACT_REFERENCE"] = """
SELECT 'MISSING_CONTRACT_REFERENCE' AS code, i.invoice_id, CAST(NULL AS BIGINT) AS line_id,
       CASE WHEN COUNT(DISTINCT a.contract_id) = 1 THEN MIN(a.contract_id) END AS contract_id,
       COUNT(DISTINCT a.contract_id) AS v1, CAST(NULL AS BIGINT) AS v2, CAST(NULL AS BIGINT) AS v3,
       CAST(NULL AS BIGINT) AS v4, CAST(NULL AS TEXT) AS t1
FROM gk_invoices i
JOIN gk_supplier_active a ON a.invoice_id = i.invoice_id
WHERE i.is_credit = 0 AND i.contract_ref IS NULL
GROUP BY i.invoice_id
"""

# t1 = the reference as written (normalised).
RULES["UNKNOWN_CONTRACT_REFERENCE"] = """
SELECT 'UNKNOWN_CONTRACT_REFERENCE' AS code, i.invoice_id, CAST(NULL AS BIGINT) AS line_id,
       CAST(NULL AS BIGINT) AS contract_id, CAST(NULL AS BIGINT) AS v1, CAST(NULL AS BIGINT) AS v2,
       CAST(NULL AS BIGINT) AS v3, CAST(NULL AS BIGINT) AS v4, i.contract_ref AS t1
FROM gk_invoices i
WHERE i.contract_ref IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM gk_contract_by_number cn WHERE cn.number = i.contract_ref)
"""

# The supplier has no contract running, the invoice is not explicitly matched, and the organisation
# has an agreement running in the line's category (the item's CPV, else the supplier's most used CPV).
# contract_id = that agreement (the lowest id if several); v1 = line amount e2; t1 = the category used.
RULES["OUTSIDE_AGREEMENT"] = """
SELECT 'OUTSIDE_AGREEMENT' AS code, x.invoice_id, x.line_id, MIN(c.contract_id) AS contract_id,
       MIN(x.amount_e2) AS v1, CAST(NULL AS BIGINT) AS v2, CAST(NULL AS BIGINT) AS v3,
       CAST(NULL AS BIGINT) AS v4, MIN(x.category) AS t1
FROM (
    SELECT f.invoice_id, f.line_id, f.amount_e2, f.issue_day, COALESCE(f.cpv, u.cpv) AS category
    FROM gk_facts f
    JOIN gk_inv_match m ON m.invoice_id = f.invoice_id
    LEFT JOIN (
        SELECT supplier, cpv FROM (
            SELECT f4.supplier, f4.cpv,
                   ROW_NUMBER() OVER (PARTITION BY f4.supplier ORDER BY COUNT(*) DESC, f4.cpv) AS rn
            FROM gk_facts f4
            WHERE f4.cpv IS NOT NULL
            GROUP BY f4.supplier, f4.cpv
        ) ranked WHERE rn = 1
    ) u ON u.supplier = f.supplier
    WHERE f.is_credit = 0 AND m.contract_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM gk_supplier_active a WHERE a.invoice_id = f.invoice_id)
) x
JOIN gk_contracts c ON x.issue_day >= c.start_day AND x.issue_day <= c.end_day
     AND x.category IS NOT NULL AND c.cpv_prefix <> ''
     AND substr(x.category, 1, length(c.cpv_prefix)) = c.cpv_prefix
GROUP BY x.invoice_id, x.line_id
"""

# v1 = payable e2, v2 = the earlier invoice's id, t1 = 'same_number' or 'same_content'.
# Same number: every invoice after the first (by issue date, then id). Same content: another number,
# the same payable amount and lines, issued within 30 days after an earlier one.
RULES["DUPLICATE_INVOICE"] = """
SELECT 'DUPLICATE_INVOICE' AS code, d.invoice_id, CAST(NULL AS BIGINT) AS line_id, ic.contract_id,
       MIN(d.payable_e2) AS v1, MIN(d.earlier_id) AS v2, CAST(NULL AS BIGINT) AS v3, CAST(NULL AS BIGINT) AS v4,
       MIN(d.kind) AS t1
FROM (
    SELECT later.invoice_id, later.payable_e2, earlier.invoice_id AS earlier_id, 'same_number' AS kind
    FROM gk_invoices later
    JOIN gk_invoices earlier ON earlier.supplier = later.supplier AND earlier.number = later.number
         AND earlier.is_credit = 0
         AND (earlier.issue_day < later.issue_day
              OR (earlier.issue_day = later.issue_day AND earlier.invoice_id < later.invoice_id))
    WHERE later.is_credit = 0
    UNION ALL
    SELECT later.invoice_id, later.payable_e2, earlier.invoice_id AS earlier_id, 'same_content' AS kind
    FROM gk_invoices later
    JOIN gk_invoices earlier ON earlier.supplier = later.supplier AND earlier.number <> later.number
         AND earlier.is_credit = 0
         AND earlier.payable_e2 = later.payable_e2 AND earlier.fingerprint = later.fingerprint
         AND later.issue_day - earlier.issue_day <= 30
         AND (earlier.issue_day < later.issue_day
              OR (earlier.issue_day = later.issue_day AND earlier.invoice_id < later.invoice_id))
    WHERE later.is_credit = 0
) d
JOIN gk_inv_contract ic ON ic.invoice_id = d.invoice_id
GROUP BY d.invoice_id, ic.contract_id
"""

# v1 = amount excl. VAT e2, v2 = the contract's end day (options included), v3 = the invoice day.
RULES["AFTER_EXPIRY"] = """
SELECT 'AFTER_EXPIRY' AS code, i.invoice_id, CAST(NULL AS BIGINT) AS line_id, m.contract_id,
       i.amount_e2 AS v1, c.end_day AS v2, i.issue_day AS v3, CAST(NULL AS BIGINT) AS v4, m.how AS t1
FROM gk_invoices i
JOIN gk_inv_match m ON m.invoice_id = i.invoice_id
JOIN gk_contracts c ON c.contract_id = m.contract_id
WHERE i.is_credit = 0 AND i.issue_day > c.end_day
"""

# Spend per contract accumulates over matched lines (credit notes subtract), in order of issue date and
# invoice id; the invoice that takes the total past the ceiling is flagged.
# v1 = spend after this invoice e2, v2 = ceiling e2, v3 = spend before it e2.
RULES["OVER_CEILING"] = """
SELECT 'OVER_CEILING' AS code, s.invoice_id, CAST(NULL AS BIGINT) AS line_id, s.contract_id,
       s.cum_after AS v1, s.ceiling_e2 AS v2, s.cum_after - s.spend AS v3, CAST(NULL AS BIGINT) AS v4,
       CAST(NULL AS TEXT) AS t1
FROM (
    SELECT per.invoice_id, per.contract_id, per.spend, c.ceiling_e2,
           SUM(per.spend) OVER (PARTITION BY per.contract_id ORDER BY per.issue_day, per.invoice_id
                                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum_after
    FROM (
        SELECT f.invoice_id, f.contract_id, f.issue_day,
               SUM(CASE WHEN f.is_credit = 1 THEN -f.amount_e2 ELSE f.amount_e2 END) AS spend
        FROM gk_facts f
        JOIN gk_contracts cc ON cc.contract_id = f.contract_id AND cc.ceiling_e2 IS NOT NULL
        GROUP BY f.invoice_id, f.contract_id, f.issue_day
    ) per
    JOIN gk_contracts c ON c.contract_id = per.contract_id
    WHERE c.ceiling_e2 IS NOT NULL
) s
WHERE s.cum_after > s.ceiling_e2 AND s.cum_after - s.spend <= s.ceiling_e2
"""

# v1 = amount excl. VAT e2, v2 = the limit e2, v3 = the fee e2; t1 = the ordering unit (buyer reference).
RULES["SMALL_ORDER"] = """
SELECT 'SMALL_ORDER' AS code, i.invoice_id, CAST(NULL AS BIGINT) AS line_id, ic.contract_id,
       i.amount_e2 AS v1, c.small_limit_e2 AS v2, c.small_fee_e2 AS v3, CAST(NULL AS BIGINT) AS v4,
       i.buyer_ref AS t1
FROM gk_invoices i
JOIN gk_inv_contract ic ON ic.invoice_id = i.invoice_id
JOIN gk_contracts c ON c.contract_id = ic.contract_id
WHERE i.is_credit = 0 AND c.small_limit_e2 IS NOT NULL AND i.amount_e2 < c.small_limit_e2
"""
