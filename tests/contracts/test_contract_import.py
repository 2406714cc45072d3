import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gronnkjop.contracts.models import Contract, ContractKind, ContractSupplier
from gronnkjop.contracts.services import ContractImportResult, contract_import, contract_import_preview
from gronnkjop.core.models import Organisation
from gronnkjop.formats.contracts_table import read_contract_table

from .conftest import contract_row

CSV = """kontraktsnummer;tittel;leverandor_orgnr;leverandor;cpv;startdato;sluttdato;estimert_verdi;tak;paslag_ny_pct;paslag_brukt_pct
DUL-1;Håndverkertjenester;920000215;Håndverkerne i Dulten AS;45000000;01.01.2025;31.12.2027;6 000 000;8 000 000;12;25
DUL-2;Kontorrekvisita;920000185;Kontorpartner Nord AS;30190000;01.03.2025;28.02.2027;1 200 000;;;
"""


def _snapshot(org):
    return list(
        Contract.objects.filter(organisation=org)
        .order_by("number")
        .values_list("number", "title", "end_date", "estimated_value", "ceiling", "markup_used_pct")
    )


def test_import_creates_contracts_and_their_suppliers_from_a_norwegian_csv(org_a, tmp_path):
    path = tmp_path / "avtaler.csv"
    path.write_text(CSV, encoding="utf-8")
    result = contract_import(organisation=org_a, rows=read_contract_table(path))
    assert result == ContractImportResult(created=2, updated=0, unchanged=0)
    assert _snapshot(org_a) == [
        (
            "DUL-1",
            "Håndverkertjenester",
            dt.date(2027, 12, 31),
            Decimal("6000000.00"),
            Decimal("8000000.00"),
            Decimal("25.00"),
        ),
        ("DUL-2", "Kontorrekvisita", dt.date(2027, 2, 28), Decimal("1200000.00"), None, None),
    ]
    assert list(
        ContractSupplier.objects.order_by("contract__number").values_list(
            "contract__number", "supplier__name", "rank"
        )
    ) == [("DUL-1", "Håndverkerne i Dulten AS", 1), ("DUL-2", "Kontorpartner Nord AS", 1)]
    assert Organisation.objects.get(orgnr="920000215").kind == "leverandor"


def test_importing_the_same_rows_again_changes_nothing(org_a):
    rows = [contract_row(2, "K-1"), contract_row(3, "K-2", ceiling=Decimal("900000"))]
    contract_import(organisation=org_a, rows=rows)
    before = _snapshot(org_a)
    assert contract_import(organisation=org_a, rows=rows) == ContractImportResult(
        created=0, updated=0, unchanged=2
    )
    assert _snapshot(org_a) == before
    assert Contract.history.count() == 2


def test_a_changed_row_updates_only_that_contract(org_a):
    contract_import(organisation=org_a, rows=[contract_row(2, "K-1"), contract_row(3, "K-2")])
    rows = [
        contract_row(2, "K-1"),
        contract_row(3, "K-2", end_date=dt.date(2027, 6, 30), markup_used_pct=Decimal("25")),
    ]
    preview = contract_import_preview(organisation=org_a, rows=rows)
    assert [(c.contract.number, c.fields, c.new_supplier) for c in preview.updated] == [
        ("K-2", ["end_date", "markup_used_pct"], False)
    ]
    assert contract_import(organisation=org_a, rows=rows) == ContractImportResult(
        created=0, updated=1, unchanged=1
    )
    k2 = Contract.objects.get(number="K-2")
    assert (k2.end_date, k2.markup_used_pct) == (dt.date(2027, 6, 30), Decimal("25.00"))


def test_an_empty_optional_cell_keeps_the_current_value(org_a):
    contract_import(organisation=org_a, rows=[contract_row(2, "K-1", ceiling=Decimal("700000"))])
    assert contract_import(organisation=org_a, rows=[contract_row(2, "K-1")]).unchanged == 1
    assert Contract.objects.get(number="K-1").ceiling == Decimal("700000.00")


def test_a_second_supplier_is_added_ranked_last_and_makes_a_framework_agreement(org_a):
    contract_import(organisation=org_a, rows=[contract_row(2, "K-1")])
    other = contract_row(2, "K-1", supplier_orgnr="920000126", supplier_name="Ombrukslageret AS")
    assert contract_import(organisation=org_a, rows=[other]) == ContractImportResult(
        created=0, updated=1, unchanged=0
    )
    contract = Contract.objects.get(number="K-1")
    assert [(s.supplier.orgnr, s.rank) for s in contract.contract_suppliers.all()] == [
        ("920000118", 1),
        ("920000126", 2),
    ]
    assert contract.kind == ContractKind.FRAMEWORK


def test_a_row_naming_a_municipality_as_supplier_applies_nothing(org_a, org_b):
    rows = [
        contract_row(2, "K-1"),
        contract_row(3, "K-2", supplier_orgnr=org_b.orgnr, supplier_name="Nordvik"),
    ]
    with pytest.raises(ValidationError) as error:
        contract_import(organisation=org_a, rows=rows)
    assert error.value.messages == ["rad 3: 940080185 er Nordvik kommune, ikke en leverandør"]
    assert Contract.objects.count() == 0
    assert Organisation.objects.filter(orgnr="920000118").exists() is False


def test_contracts_of_another_organisation_with_the_same_number_are_left_alone(org_a, org_b):
    contract_import(organisation=org_b, rows=[contract_row(2, "K-1", title="Nordviks avtale")])
    assert contract_import(organisation=org_a, rows=[contract_row(2, "K-1")]).created == 1
    assert sorted(Contract.objects.values_list("organisation__name", "title")) == [
        ("Dulten kommune", "Avtale K-1"),
        ("Nordvik kommune", "Nordviks avtale"),
    ]


def test_an_existing_supplier_keeps_its_registered_name(org_a, supplier):
    contract_import(organisation=org_a, rows=[contract_row(2, "K-1", supplier_name="Feilstavet navn AS")])
    supplier.refresh_from_db()
    assert supplier.name == "Interiørhuset Møbler AS"
