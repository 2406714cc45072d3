"""Each control rule on a positive and a negative case, on DuckDB and SQLite (the `run` fixture)."""

import datetime as dt
from decimal import Decimal

from .builders import OTHER_SUPPLIER, Builder
from .conftest import found


def base(**contract):
    return Builder().contract(**contract).price("001-001", "2752.00").price("001-002", "899.50")


def test_clean_invoice_gives_no_deviation_and_is_matched_by_reference(run):
    result = run(base().invoice(1, [{"article": "001-001", "price": "2752.00", "quantity": "3"}]))
    assert found(result) == []
    assert [(m.line_id, m.contract_id, m.how) for m in result.matches] == [(1, 1, "reference")]
    assert (result.lines_checked, result.invoices_checked) == (1, 1)


def test_price_above_agreement_reports_the_difference_times_quantity(run):
    result = run(base().invoice(1, [{"article": "001-001", "price": "2976.00", "quantity": "3"}]))
    assert found(result) == [("PRICE_ABOVE_AGREEMENT", 1, 1, 1, Decimal("672.00"))]
    assert result.deviations[0].evidence == {
        "invoiced_unit_price": Decimal("2976"),
        "agreed_unit_price": Decimal("2752"),
        "quantity": Decimal("3"),
        "tolerance_pct": Decimal("0"),
    }


def test_price_within_tolerance_is_accepted_and_just_above_is_not(run):
    builder = base(tolerance_pct="2").invoice(1, [{"article": "001-001", "price": "2807.04"}])  # exactly +2 %
    builder.invoice(2, [{"article": "001-001", "price": "2807.05"}])
    assert found(run(builder)) == [("PRICE_ABOVE_AGREEMENT", 2, 2, 1, Decimal("55.05"))]


def test_price_is_the_one_valid_on_the_invoice_date(run):
    builder = Builder().contract().price("A", "100", valid_to=dt.date(2026, 6, 30))
    builder.price("A", "110", valid_from=dt.date(2026, 7, 1))
    builder.invoice(1, [{"article": "A", "price": "110"}], date=dt.date(2026, 6, 30))
    builder.invoice(2, [{"article": "A", "price": "110"}], date=dt.date(2026, 7, 1))
    assert found(run(builder)) == [("PRICE_ABOVE_AGREEMENT", 1, 1, 1, Decimal("10.00"))]


def test_used_items_are_checked_against_the_used_price(run):
    builder = Builder().contract().price("CHAIR", "1200").price("CHAIR", "400", cond="used")
    builder.invoice(1, [{"article": "CHAIR", "price": "450", "cond": "used", "quantity": "10"}])
    builder.invoice(2, [{"article": "CHAIR", "price": "1200", "quantity": "2"}])
    assert found(run(builder)) == [("PRICE_ABOVE_AGREEMENT", 1, 1, 1, Decimal("500.00"))]


def test_a_line_without_condition_is_checked_against_the_used_price_when_only_that_is_listed(run):
    builder = Builder().contract().price("OL-2020", "450", cond="used").price("CHAIR", "1200")
    builder.price("CHAIR", "400", cond="used")
    builder.invoice(1, [{"article": "OL-2020", "price": "520", "quantity": "10"}])  # only used: 70 over
    builder.invoice(2, [{"article": "CHAIR", "price": "1200", "quantity": "2"}])  # new price applies
    assert found(run(builder)) == [("PRICE_ABOVE_AGREEMENT", 1, 1, 1, Decimal("700.00"))]


def test_article_not_in_price_list(run):
    builder = base().invoice(
        1, [{"article": "001-001", "price": "2752"}, {"article": "999-999", "price": "10", "quantity": "4"}]
    )
    assert found(run(builder)) == [("ARTICLE_NOT_IN_PRICE_LIST", 1, 2, 1, Decimal("40.00"))]


def test_contract_without_price_list_does_not_flag_articles(run):
    builder = Builder().contract().invoice(1, [{"article": "X", "price": "10"}])
    assert found(run(builder)) == []


def test_materials_with_a_markup_are_not_price_list_articles_under_markup_terms(run):
    builder = Builder().contract(markup_new="12").price("TOMRER", "695")
    builder.invoice(
        1,
        [
            {"article": "TOMRER", "price": "695", "quantity": "7.5"},
            {"article": "GIPS-13", "price": "120", "quantity": "20", "markup": "12", "markup_base": "2400"},
            {"article": "SKRUE", "price": "2"},
        ],
    )
    assert found(run(builder)) == [("ARTICLE_NOT_IN_PRICE_LIST", 1, 3, 1, Decimal("2.00"))]


def test_markup_above_the_allowed_percentage_for_the_condition(run):
    builder = Builder().contract(markup_new="12", markup_used="25")
    builder.invoice(
        1,
        [
            {"article": "M1", "price": "1000", "markup": "15", "markup_base": "1000"},
            {"article": "M2", "price": "1000", "markup": "25", "markup_base": "1000", "cond": "used"},
            {"article": "M3", "price": "800", "markup": "30", "markup_base": "800", "cond": "used"},
        ],
    )
    assert found(run(builder)) == [
        ("MARKUP_ABOVE_AGREEMENT", 1, 1, 1, Decimal("30.00")),
        ("MARKUP_ABOVE_AGREEMENT", 1, 3, 1, Decimal("40.00")),
    ]


def test_missing_contract_reference_when_supplier_has_an_active_contract(run):
    builder = base().invoice(1, [{"article": "001-001", "price": "2752"}], contract_ref=None)
    result = run(builder)
    assert found(result) == [("MISSING_CONTRACT_REFERENCE", 1, None, 1, Decimal("0.00"))]
    assert [(m.contract_id, m.how) for m in result.matches] == [(1, "inferred")]


def test_order_reference_matches_the_contract_but_the_missing_reference_is_still_reported(run):
    builder = (
        base()
        .order("PO-77")
        .invoice(1, [{"article": "001-001", "price": "2752"}], contract_ref=None, order_ref="po-77")
    )
    result = run(builder)
    assert [(m.contract_id, m.how) for m in result.matches] == [(1, "order")]
    assert found(result) == [("MISSING_CONTRACT_REFERENCE", 1, None, 1, Decimal("0.00"))]


def test_unknown_contract_reference(run):
    builder = base().invoice(1, [{"article": "001-001", "price": "2752"}], contract_ref="1999-999")
    result = run(builder)
    assert found(result) == [("UNKNOWN_CONTRACT_REFERENCE", 1, None, None, Decimal("0.00"))]
    assert result.deviations[0].evidence == {"contract_reference": "1999-999"}
    assert [(m.contract_id, m.how) for m in result.matches] == [(1, "inferred")]


def test_outside_agreement_when_another_supplier_sells_in_a_covered_category(run):
    builder = base().invoice(
        1, [{"article": "S1", "price": "5000", "cpv": "39112000"}], supplier=OTHER_SUPPLIER, contract_ref=None
    )
    builder.invoice(
        2, [{"article": "S2", "price": "300", "cpv": "30192000"}], supplier=OTHER_SUPPLIER, contract_ref=None
    )
    result = run(builder)
    assert found(result) == [("OUTSIDE_AGREEMENT", 1, 1, 1, Decimal("5000.00"))]
    assert result.deviations[0].evidence["category"] == "39112000"


def test_outside_agreement_uses_the_suppliers_usual_category_when_a_line_has_none(run):
    builder = base()
    builder.invoice(
        1,
        [{"price": "100", "cpv": "39130000"}, {"price": "100", "cpv": "39130000"}],
        supplier=OTHER_SUPPLIER,
        contract_ref=None,
    )
    builder.invoice(2, [{"price": "70"}], supplier=OTHER_SUPPLIER, contract_ref=None)
    assert [d[:3] for d in found(run(builder))] == [
        ("OUTSIDE_AGREEMENT", 1, 1),
        ("OUTSIDE_AGREEMENT", 1, 2),
        ("OUTSIDE_AGREEMENT", 2, 3),
    ]


def test_duplicate_with_the_same_number_flags_the_later_one(run):
    builder = base().invoice(
        1, [{"article": "001-001", "price": "2752"}], number="1001", date=dt.date(2026, 3, 2)
    )
    builder.invoice(2, [{"article": "001-002", "price": "899.50"}], number="1001", date=dt.date(2026, 3, 5))
    result = run(builder)
    assert found(result) == [("DUPLICATE_INVOICE", 2, None, 1, Decimal("1124.38"))]
    assert result.deviations[0].evidence["duplicate_of"] == 1


def test_duplicate_with_a_new_number_but_same_content_within_30_days(run):
    line = [{"article": "001-001", "price": "2752"}]
    builder = base().invoice(1, line, number="1001", fingerprint="same", date=dt.date(2026, 3, 2))
    builder.invoice(2, line, number="1002", fingerprint="same", date=dt.date(2026, 4, 1))
    builder.invoice(3, line, number="1003", fingerprint="same", date=dt.date(2026, 5, 15))
    result = run(builder)
    assert [
        (d.code, d.invoice_id, d.evidence["duplicate_of"], d.evidence["kind"]) for d in result.deviations
    ] == [("DUPLICATE_INVOICE", 2, 1, "same_content")]


def test_credit_note_is_not_a_duplicate_and_reduces_spend(run):
    # 8 256 − 2 752 + 5 504 = 11 008 stays under 11 100; without the credit it would be 16 512.
    builder = base(ceiling="11100").invoice(
        1, [{"article": "001-001", "price": "2752", "quantity": "3"}], number="1001"
    )
    builder.invoice(2, [{"article": "001-001", "price": "2752", "quantity": "1"}], number="1001", credit=True)
    builder.invoice(3, [{"article": "001-001", "price": "2752", "quantity": "2"}], date=dt.date(2026, 3, 3))
    assert found(run(builder)) == []


def test_after_expiry_counts_options_taken_up_in_the_end_date(run):
    builder = base(end=dt.date(2026, 6, 30)).invoice(
        1, [{"article": "001-001", "price": "2752"}], date=dt.date(2026, 6, 30)
    )
    builder.invoice(2, [{"article": "001-001", "price": "2752"}], date=dt.date(2026, 7, 1))
    assert found(run(builder)) == [("AFTER_EXPIRY", 2, None, 1, Decimal("2752.00"))]


def test_over_ceiling_flags_the_invoice_that_crosses_it(run):
    builder = base(ceiling="6000")
    builder.invoice(1, [{"article": "001-001", "price": "2752"}], date=dt.date(2026, 3, 1))
    builder.invoice(2, [{"article": "001-001", "price": "2752"}], date=dt.date(2026, 3, 2))
    builder.invoice(3, [{"article": "001-001", "price": "2752"}], date=dt.date(2026, 3, 3))
    builder.invoice(4, [{"article": "001-001", "price": "2752"}], date=dt.date(2026, 3, 4))
    result = run(builder)
    assert found(result) == [("OVER_CEILING", 3, None, 1, Decimal("2256.00"))]
    assert result.deviations[0].evidence == {
        "spend_after": Decimal("8256.00"),
        "ceiling": Decimal("6000.00"),
        "spend_before": Decimal("5504.00"),
    }


def test_small_order_fee_is_due_below_the_limit(run):
    builder = Builder().contract(small_limit="1000", small_fee="95").price("P", "49.90")
    builder.invoice(1, [{"article": "P", "price": "49.90", "quantity": "20"}], buyer_ref="2110")  # 998.00
    builder.invoice(2, [{"article": "P", "price": "49.90", "quantity": "21"}])  # 1047.90
    result = run(builder)
    assert found(result) == [("SMALL_ORDER", 1, None, 1, Decimal("95.00"))]
    assert result.deviations[0].evidence["ordering_unit"] == "2110"


def test_inferred_match_needs_exactly_one_active_contract_in_the_category(run):
    builder = Builder().contract(1, "A", cpv="39100000").contract(2, "B", cpv="30200000")
    builder.contract(3, "C", cpv="30200000")
    builder.invoice(
        1,
        [{"price": "10", "cpv": "39112000"}, {"price": "10", "cpv": "30213000"}, {"price": "10"}],
        contract_ref=None,
    )
    result = run(builder, codes=())
    assert [(m.line_id, m.contract_id, m.how) for m in result.matches] == [
        (1, 1, "inferred"),
        (2, None, None),
        (3, None, None),
    ]


def test_joint_agreement_numbers_are_matched_case_and_space_insensitively(run):
    builder = base(number="Avtale 2026-001").invoice(
        1, [{"article": "001-001", "price": "2752"}], contract_ref="  avtale   2026-001"
    )
    assert [(m.contract_id, m.how) for m in run(builder).matches] == [(1, "reference")]
