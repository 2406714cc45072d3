import datetime as dt

from gronnkjop.contracts.models import CallOff, Contract, ContractOption, PriceListItem
from gronnkjop.demo import load_all


def _counts():
    return (
        Contract.objects.count(),
        PriceListItem.objects.count(),
        ContractOption.objects.count(),
        CallOff.objects.count(),
        PriceListItem.history.count(),
    )


def test_the_demo_contracts_load_twice_without_changes(db):
    load_all(only={"core", "contracts"})
    first = _counts()
    load_all(only={"core", "contracts"})
    assert _counts() == first
    assert first[:4] == (9, 163, 9, 20)


def test_the_demo_has_a_joint_agreement_a_price_change_and_incentive_terms(db):
    context = load_all(only={"core", "contracts"})
    joint = Contract.objects.get(number="SAM-201")
    assert joint.organisation == context.organisations["samarbeid"]
    prices = PriceListItem.objects.filter(contract=joint, article_number="DP-NB14-EL").order_by("valid_from")
    assert [str(p.unit_price) for p in prices] == ["6890.0000", "7150.0000"]
    assert prices[0].valid_to == prices[1].valid_from - dt.timedelta(days=1)
    crafts = Contract.objects.get(number="DUL-105")
    assert (str(crafts.markup_new_pct), str(crafts.markup_used_pct)) == ("12.00", "25.00")
    office = Contract.objects.get(number="DUL-103")
    assert (str(office.small_order_limit), str(office.small_order_fee)) == ("1000.00", "95.00")
    assert Contract.objects.get(number="DUL-104").contract_suppliers.count() == 4
    assert sorted({c.status for c in Contract.objects.all()}) == ["aktiv", "planlagt", "utlopt"]
