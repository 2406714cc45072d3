"""The rules that keep a contract consistent: options extend it, call-offs fall within it, suppliers
and managers are what they say."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from gronnkjop.contracts.models import CallOff, Contract, ContractSupplier
from gronnkjop.contracts.selectors import contract_events
from gronnkjop.contracts.services import contract_import, contract_save
from gronnkjop.core.models import Membership

from .conftest import D, add_option, contract_row, make_contract

#: The edit form of contract_a (K-1, 01.01.2025–31.12.2026) with only the end date to vary.
EDIT = {
    "number": "K-1",
    "title": "Avtale K-1",
    "kind": "kontrakt",
    "start_date": "01.01.2025",
    "end_date": "31.12.2026",
    "estimated_value": "100000",
    "price_tolerance_pct": "0",
    "notice_months": "6",
}
OPTION_ERROR = (
    "Sluttdatoen må være før 30.11.2029, fordi opsjonen «Forlenger til 30.11.2029» (ikke utløst) "
    "skal forlenge avtalen."
)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- End date and options ------------------------------------------------------------------------


def test_the_end_date_cannot_be_moved_past_an_option_not_yet_exercised(login, users_a, contract_a):
    add_option(contract_a, D(2029, 11, 30), deadline=D(2029, 5, 31))
    url = reverse("contracts:contract_edit", args=[contract_a.pk])
    response = login(users_a["avtaleforvalter"]).post(url, EDIT | {"end_date": "30.06.2030"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"end_date": [OPTION_ERROR]}
    contract_a.refresh_from_db()
    assert contract_a.end_date == D(2026, 12, 31)


def test_the_end_date_on_the_option_date_is_refused_too_and_an_earlier_one_is_saved(
    login, users_a, contract_a
):
    add_option(contract_a, D(2029, 11, 30), deadline=D(2029, 5, 31))
    client = login(users_a["avtaleforvalter"])
    url = reverse("contracts:contract_edit", args=[contract_a.pk])
    on_the_day = client.post(url, EDIT | {"end_date": "30.11.2029"})
    assert on_the_day.context["form"].errors == {"end_date": [OPTION_ERROR]}
    saved = client.post(url, EDIT | {"end_date": "31.12.2028"})
    assert saved.url == reverse("contracts:contract_detail", args=[contract_a.pk])
    contract_a.refresh_from_db()
    assert (contract_a.end_date, contract_a.effective_end) == (D(2028, 12, 31), D(2028, 12, 31))


def test_contract_save_refuses_an_end_date_past_an_open_option(org_a, contract_a):
    add_option(contract_a, D(2029, 11, 30))
    with pytest.raises(ValidationError) as refused:
        contract_save(organisation=org_a, contract=contract_a, values={"end_date": D(2030, 6, 30)})
    assert refused.value.message_dict == {"end_date": [OPTION_ERROR]}


def test_an_exercised_option_does_not_hold_the_end_date_back(org_a, contract_a):
    add_option(contract_a, D(2027, 12, 31), exercised=True)
    contract_save(organisation=org_a, contract=contract_a, values={"end_date": D(2028, 6, 30)})
    contract_a.refresh_from_db()
    assert contract_a.effective_end == D(2028, 6, 30)


def test_a_contract_import_cannot_move_the_end_past_an_open_option(org_a, contract_a):
    add_option(contract_a, D(2029, 11, 30))
    rows = [contract_row(2, "K-1", title="Avtale K-1", end_date=D(2030, 6, 30))]
    with pytest.raises(ValidationError) as refused:
        contract_import(organisation=org_a, rows=rows)
    assert refused.value.messages == [f"rad 2: {OPTION_ERROR}"]
    contract_a.refresh_from_db()
    assert contract_a.end_date == D(2026, 12, 31)


def test_an_option_that_does_not_extend_the_contract_is_a_field_error(login, users_a, contract_a):
    response = login(users_a["avtaleforvalter"]).post(
        reverse("contracts:option_add", args=[contract_a.pk]),
        {"new_end_date": "31.12.2026", "deadline": "30.06.2026"},
    )
    assert response.context["form"].errors == {
        "new_end_date": ["En opsjon må forlenge avtalen ut over 31.12.2026."]
    }
    assert contract_a.options.count() == 0


def test_an_option_deadline_after_the_end_is_a_field_error(login, users_a, contract_a):
    response = login(users_a["avtaleforvalter"]).post(
        reverse("contracts:option_add", args=[contract_a.pk]),
        {"new_end_date": "31.12.2027", "deadline": "15.01.2027"},
    )
    assert response.context["form"].errors == {
        "deadline": ["Fristen må være før avtalen eller forrige opsjon løper ut."]
    }


def test_an_option_that_would_shorten_the_contract_cannot_be_exercised(login, users_a, contract_a):
    # Data from before the rule: the end date was moved past the option.
    option = add_option(contract_a, D(2029, 11, 30), deadline=D(2029, 5, 31))
    Contract.objects.filter(pk=contract_a.pk).update(end_date=D(2030, 6, 30))
    response = login(users_a["avtaleforvalter"]).post(reverse("contracts:option_exercise", args=[option.pk]))
    assert _messages(response) == [
        "Opsjonen om forlengelse til 30.11.2029 kan ikke utløses: avtalen løper allerede til 30.06.2030."
    ]
    option.refresh_from_db()
    contract_a.refresh_from_db()
    assert (option.exercised, contract_a.effective_end) == (False, D(2030, 6, 30))
    # and its deadline is no longer in the annual cycle: the option can no longer extend anything
    assert [e.kind for e in contract_events(contract_a) if e.kind == "option_deadline"] == []


def test_exercising_an_option_says_the_new_end(login, users_a, contract_a):
    option = add_option(contract_a, D(2027, 12, 31), deadline=D(2026, 6, 30))
    response = login(users_a["avtaleforvalter"]).post(reverse("contracts:option_exercise", args=[option.pk]))
    assert _messages(response) == ["Opsjonen er utløst; avtalen løper nå til 31.12.2027."]


def test_an_option_registered_by_mistake_is_deleted_and_frees_the_end_date(login, users_a, contract_a):
    option = add_option(contract_a, D(2029, 11, 30), deadline=D(2029, 5, 31))
    client = login(users_a["avtaleforvalter"])
    response = client.post(reverse("contracts:option_delete", args=[option.pk]))
    assert response.status_code == 302
    assert _messages(response) == ["Opsjonen om forlengelse til 30.11.2029 er slettet."]
    assert list(contract_a.options.all()) == []
    # the deletion is in the history, by the user who did it
    deleted = option.history.latest()
    assert (deleted.history_type, deleted.history_user) == ("-", users_a["avtaleforvalter"])
    # and the end date may now move past where the option was
    client.post(reverse("contracts:contract_edit", args=[contract_a.pk]), EDIT | {"end_date": "30.06.2030"})
    contract_a.refresh_from_db()
    assert contract_a.end_date == D(2030, 6, 30)


def test_an_exercised_option_cannot_be_deleted(login, users_a, contract_a):
    option = add_option(contract_a, D(2027, 12, 31), exercised=True)
    response = login(users_a["avtaleforvalter"]).post(reverse("contracts:option_delete", args=[option.pk]))
    assert _messages(response) == ["Opsjonen om forlengelse til 31.12.2027 er utløst og kan ikke slettes."]
    assert list(contract_a.options.all()) == [option]


def test_an_option_is_deleted_only_by_its_own_organisation_and_an_editor(login, users_a, users_b, contract_a):
    option = add_option(contract_a, D(2029, 11, 30))
    url = reverse("contracts:option_delete", args=[option.pk])
    assert login(users_b["avtaleforvalter"]).post(url).status_code == 404
    assert login(users_a["behovseier"]).post(url).status_code == 403
    assert login(users_a["avtaleforvalter"]).get(url).status_code == 405
    assert list(contract_a.options.all()) == [option]


def test_the_contract_page_offers_delete_only_for_options_not_exercised(login, users_a, contract_a):
    open_option = add_option(contract_a, D(2028, 12, 31))
    taken = add_option(contract_a, D(2027, 12, 31), exercised=True)
    page = login(users_a["avtaleforvalter"]).get(reverse("contracts:contract_detail", args=[contract_a.pk]))
    html = page.content.decode()
    assert reverse("contracts:option_delete", args=[open_option.pk]) in html
    assert reverse("contracts:option_delete", args=[taken.pk]) not in html
    assert 'aria-label="Slett opsjonen til 31.12.2028"' in html


# --- Call-offs ------------------------------------------------------------------------------------


def test_a_call_off_cannot_be_dated_before_the_contract_starts(login, users_a, contract_a):
    response = login(users_a["avtaleforvalter"]).post(
        reverse("contracts:call_off_add", args=[contract_a.pk]),
        {"order_number": "4500000001", "ordered_on": "01.01.2020"},
    )
    assert response.context["form"].errors == {
        "ordered_on": ["Et avrop må være bestilt mens avtalen løper, fra 01.01.2025 til 31.12.2026."]
    }
    assert CallOff.objects.count() == 0


def test_a_call_off_cannot_be_dated_after_the_contract_ended(login, users_a, org_a):
    ended = make_contract(org_a, "K-0", start_date=D(2024, 1, 1), end_date=D(2024, 12, 31))
    add_option(ended, D(2025, 6, 30), exercised=True)
    client = login(users_a["avtaleforvalter"])
    url = reverse("contracts:call_off_add", args=[ended.pk])
    late = client.post(url, {"order_number": "4500000001", "ordered_on": "01.07.2025"})
    assert late.context["form"].errors == {
        "ordered_on": ["Et avrop må være bestilt mens avtalen løper, fra 01.01.2024 til 30.06.2025."]
    }
    # the last day of the exercised option is still within the contract
    client.post(url, {"order_number": "4500000002", "ordered_on": "30.06.2025"})
    assert list(CallOff.objects.values_list("order_number", "ordered_on")) == [("4500000002", D(2025, 6, 30))]


def test_a_duplicate_order_number_is_a_bokmal_error_on_the_order_number(login, users_a, contract_a):
    CallOff.objects.create(contract=contract_a, order_number="4500000001")
    response = login(users_a["avtaleforvalter"]).post(
        reverse("contracts:call_off_add", args=[contract_a.pk]),
        {"order_number": " 4500000001 ", "ordered_on": "15.03.2025"},
    )
    assert response.context["form"].errors == {
        "order_number": ["Avtalen har allerede et avrop med dette ordrenummeret."]
    }
    assert CallOff.objects.count() == 1


# --- Suppliers ------------------------------------------------------------------------------------


def test_adding_a_supplier_already_on_the_contract_says_so_and_changes_nothing(login, users_a, contract_a):
    response = login(users_a["avtaleforvalter"]).post(
        reverse("contracts:supplier_add", args=[contract_a.pk]), {"orgnr": "920000118"}
    )
    assert _messages(response) == ["Interiørhuset Møbler AS er allerede på avtalen; ingenting er endret."]
    contract_a.refresh_from_db()
    assert (contract_a.contract_suppliers.count(), contract_a.kind) == (1, "kontrakt")


def test_re_adding_a_supplier_with_another_rank_says_it_was_there(login, users_a, contract_a):
    response = login(users_a["avtaleforvalter"]).post(
        reverse("contracts:supplier_add", args=[contract_a.pk]), {"orgnr": "920000118", "rank": "3"}
    )
    assert _messages(response) == [
        "Interiørhuset Møbler AS var allerede på avtalen; den er nå rangert som nummer 3."
    ]
    assert list(contract_a.contract_suppliers.values_list("rank", flat=True)) == [3]


def test_a_second_supplier_makes_a_framework_agreement_and_the_message_says_so(login, users_a, contract_a):
    user = users_a["avtaleforvalter"]
    response = login(user).post(
        reverse("contracts:supplier_add", args=[contract_a.pk]),
        {"orgnr": "920 000 126", "name": "Ombrukslageret AS"},
    )
    assert _messages(response) == [
        "Ombrukslageret AS er lagt til på avtalen, rangert som nummer 2. En avtale med flere "
        "leverandører er en rammeavtale, så avtalen er nå registrert som rammeavtale."
    ]
    contract_a.refresh_from_db()
    assert contract_a.kind == "rammeavtale"
    assert contract_a.history.latest().history_user == user


def test_a_third_supplier_on_a_framework_agreement_is_just_added(login, users_a, contract_a):
    Contract.objects.filter(pk=contract_a.pk).update(kind="rammeavtale")
    response = login(users_a["avtaleforvalter"]).post(
        reverse("contracts:supplier_add", args=[contract_a.pk]),
        {"orgnr": "920 000 126", "name": "Ombrukslageret AS"},
    )
    assert _messages(response) == ["Ombrukslageret AS er lagt til på avtalen, rangert som nummer 2."]
    assert ContractSupplier.objects.filter(contract=contract_a).count() == 2


# --- The contract manager -------------------------------------------------------------------------


def test_only_members_who_may_edit_contracts_can_be_chosen_as_manager(login, users_a, users_b):
    form = login(users_a["avtaleforvalter"]).get(reverse("contracts:contract_create")).context["form"]
    assert [u.username for u in form.fields["manager"].queryset] == [
        "a_administrator",
        "a_avtaleforvalter",
        "a_innkjoper",
    ]


def test_a_manager_without_an_editing_role_is_refused(login, users_a, org_a):
    data = EDIT | {"number": "K-2", "manager": users_a["leder"].pk}
    response = login(users_a["avtaleforvalter"]).post(reverse("contracts:contract_create"), data)
    assert list(response.context["form"].errors) == ["manager"]
    assert not Contract.objects.filter(organisation=org_a, number="K-2").exists()


def test_the_current_manager_stays_in_the_list_after_a_change_of_role(login, users_a, org_a, contract_a):
    manager = users_a["innkjoper"]
    contract_a.manager = manager
    contract_a.save()
    Membership.objects.filter(user=manager, organisation=org_a).update(role="leder")
    client = login(users_a["avtaleforvalter"])
    url = reverse("contracts:contract_edit", args=[contract_a.pk])
    form = client.get(url).context["form"]
    assert [u.username for u in form.fields["manager"].queryset] == [
        "a_administrator",
        "a_avtaleforvalter",
        "a_innkjoper",
    ]
    # and the contract can be saved with them; a new contract cannot choose them
    assert client.post(url, EDIT | {"manager": manager.pk}).status_code == 302
    new = client.get(reverse("contracts:contract_create")).context["form"]
    assert [u.username for u in new.fields["manager"].queryset] == ["a_administrator", "a_avtaleforvalter"]


def test_the_import_columns_hold_what_the_fields_they_are_stored_in_hold():
    from gronnkjop.contracts.models import Contract, PriceListItem
    from gronnkjop.core.models import Organisation
    from gronnkjop.formats.contracts_table import CONTRACT_COLUMNS
    from gronnkjop.formats.pricelist import PRICE_LIST_COLUMNS

    def limits(columns):
        return {c.name: c.max_length for c in columns if c.max_length is not None}

    assert limits(PRICE_LIST_COLUMNS) == {
        "contract_number": Contract._meta.get_field("number").max_length,
        "article_number": PriceListItem._meta.get_field("article_number").max_length,
        "description": PriceListItem._meta.get_field("description").max_length,
    }
    assert limits(CONTRACT_COLUMNS) == {
        "contract_number": Contract._meta.get_field("number").max_length,
        "title": Contract._meta.get_field("title").max_length,
        "supplier_name": Organisation._meta.get_field("name").max_length,
    }
