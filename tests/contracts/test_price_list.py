import datetime as dt
from decimal import Decimal

from gronnkjop.contracts.models import PriceListItem
from gronnkjop.contracts.services import price_list_apply, price_list_preview
from gronnkjop.formats.pricelist import read_price_list

from .conftest import D, make_contract, make_item, price_row

TODAY = D(2025, 6, 15)


def _items(contract):
    return list(
        contract.price_items.order_by("article_number", "condition", "valid_from").values_list(
            "article_number", "condition", "unit_price", "valid_from", "valid_to"
        )
    )


def test_preview_lists_added_changed_and_removed_rows_exactly(org_a, contract_a):
    make_item(contract_a, "A", "100")
    make_item(contract_a, "B", "200")
    make_item(contract_a, "C", "300")
    rows = [
        price_row(2, "A", "100"),
        price_row(3, "B", "210"),
        price_row(4, "D", "400", valid_from=D(2025, 7, 1)),
    ]
    diff = price_list_preview(organisation=org_a, rows=rows, today=TODAY)
    assert [(r.article_number, r.unit_price) for r in diff.added] == [("D", Decimal("400"))]
    assert [(old.article_number, old.unit_price, new.unit_price) for old, new in diff.changed] == [
        ("B", Decimal("200.0000"), Decimal("210"))
    ]
    assert [(r.item.article_number, r.end) for r in diff.removed] == [("C", D(2025, 6, 30))]
    assert (diff.unchanged, diff.errors) == (1, [])
    assert PriceListItem.objects.count() == 3


def test_apply_adds_changes_and_ends_removed_items(org_a, contract_a, users_a):
    make_item(contract_a, "A", "100")
    make_item(contract_a, "B", "200")
    make_item(contract_a, "C", "300")
    rows = [
        price_row(2, "A", "100"),
        price_row(3, "B", "210"),
        price_row(4, "D", "400", valid_from=D(2025, 7, 1)),
    ]
    price_list_apply(organisation=org_a, rows=rows, by=users_a["avtaleforvalter"], today=TODAY)
    assert _items(contract_a) == [
        ("A", "new", Decimal("100.0000"), D(2025, 1, 1), None),
        ("B", "new", Decimal("210.0000"), D(2025, 1, 1), None),
        ("C", "new", Decimal("300.0000"), D(2025, 1, 1), D(2025, 6, 30)),
        ("D", "new", Decimal("400.0000"), D(2025, 7, 1), None),
    ]


def test_applying_the_same_list_twice_changes_nothing_the_second_time(org_a, contract_a):
    make_item(contract_a, "C", "300")
    rows = [price_row(2, "A", "100"), price_row(3, "A", "110", valid_from=D(2025, 7, 1))]
    price_list_apply(organisation=org_a, rows=rows, today=TODAY)
    history = PriceListItem.history.count()
    diff = price_list_apply(organisation=org_a, rows=rows, today=D(2025, 9, 1))
    assert (diff.added, diff.changed, diff.removed, diff.unchanged) == ([], [], [], 2)
    assert PriceListItem.history.count() == history


def test_a_new_price_from_a_later_date_ends_the_old_one_the_day_before(org_a, contract_a):
    make_item(contract_a, "A", "100")
    price_list_apply(
        organisation=org_a, rows=[price_row(2, "A", "120", valid_from=D(2025, 9, 1))], today=TODAY
    )
    assert _items(contract_a) == [
        ("A", "new", Decimal("100.0000"), D(2025, 1, 1), D(2025, 8, 31)),
        ("A", "new", Decimal("120.0000"), D(2025, 9, 1), None),
    ]


def test_an_item_whose_period_the_new_list_covers_is_deleted(org_a, contract_a):
    make_item(contract_a, "A", "100", valid_from=D(2025, 3, 1))
    diff = price_list_apply(
        organisation=org_a, rows=[price_row(2, "A", "95", valid_from=D(2025, 1, 1))], today=TODAY
    )
    assert [(r.item.valid_from, r.deleted) for r in diff.removed] == [(D(2025, 3, 1), True)]
    assert _items(contract_a) == [("A", "new", Decimal("95.0000"), D(2025, 1, 1), None)]


def test_a_dropped_article_ends_yesterday_when_nothing_is_added(org_a, contract_a):
    make_item(contract_a, "A", "100")
    make_item(contract_a, "B", "200")
    price_list_apply(organisation=org_a, rows=[price_row(2, "A", "100")], today=TODAY)
    assert _items(contract_a)[1] == ("B", "new", Decimal("200.0000"), D(2025, 1, 1), D(2025, 6, 14))


def test_new_and_used_prices_of_one_article_are_separate_items(org_a, contract_a):
    rows = [price_row(2, "A", "1690"), price_row(3, "A", "690", condition="used")]
    diff = price_list_apply(organisation=org_a, rows=rows, today=TODAY)
    assert len(diff.added) == 2
    assert _items(contract_a) == [
        ("A", "new", Decimal("1690.0000"), D(2025, 1, 1), None),
        ("A", "used", Decimal("690.0000"), D(2025, 1, 1), None),
    ]


def test_items_of_contracts_not_named_in_the_file_are_untouched(org_a, contract_a):
    other = make_contract(org_a, "K-2")
    make_item(other, "X", "50")
    price_list_apply(organisation=org_a, rows=[price_row(2, "A", "100")], today=TODAY)
    assert _items(other) == [("X", "new", Decimal("50.0000"), D(2025, 1, 1), None)]


def test_rows_naming_an_unknown_or_foreign_contract_are_errors_and_nothing_is_applied(
    org_a, contract_a, contract_b
):
    rows = [
        price_row(2, "A", "100"),
        price_row(3, "B", "1", contract="B-1"),
        price_row(4, "C", "1", contract="NOPE"),
    ]
    diff = price_list_apply(organisation=org_a, rows=rows, today=TODAY)
    assert diff.errors == ["rad 3: ukjent avtalenummer B-1", "rad 4: ukjent avtalenummer NOPE"]
    assert PriceListItem.objects.count() == 0


def test_the_history_keeps_every_price_of_an_article(org_a, contract_a, users_a):
    user = users_a["avtaleforvalter"]
    price_list_apply(organisation=org_a, rows=[price_row(2, "A", "100")], by=user, today=TODAY)
    price_list_apply(organisation=org_a, rows=[price_row(2, "A", "105")], by=user, today=TODAY)
    price_list_apply(
        organisation=org_a,
        rows=[price_row(2, "A", "105"), price_row(3, "A", "112", valid_from=D(2025, 9, 1))],
        by=user,
        today=TODAY,
    )
    records = PriceListItem.history.filter(article_number="A").order_by("history_id")
    assert [(r.history_type, r.unit_price, r.valid_from, r.valid_to, r.history_user) for r in records] == [
        ("+", Decimal("100.0000"), D(2025, 1, 1), None, user),
        ("~", Decimal("105.0000"), D(2025, 1, 1), None, user),
        ("~", Decimal("105.0000"), D(2025, 1, 1), D(2025, 8, 31), user),
        ("+", Decimal("112.0000"), D(2025, 9, 1), None, user),
    ]


def test_a_price_list_file_is_read_and_applied(org_a, contract_a, tmp_path):
    path = tmp_path / "prisliste.csv"
    path.write_text(
        "kontraktsnummer;artikkelnummer;beskrivelse;enhet;enhetspris;gyldig_fra;tilstand\n"
        "K-1;IH-1001;Bokhylle;EA;6 490,00;01.01.2025;ny\n"
        "K-1;IH-1001;Bokhylle, brukt;EA;2 400,00;01.01.2025;brukt\n",
        encoding="utf-8",
    )
    diff = price_list_apply(organisation=org_a, rows=read_price_list(path), today=TODAY)
    assert [(r.row, r.condition, r.unit_price) for r in diff.added] == [
        (2, "new", Decimal("6490.00")),
        (3, "used", Decimal("2400.00")),
    ]
    assert contract_a.price_items.get(condition="used").valid_on(dt.date(2025, 6, 1)) is True
