"""A user of organisation A never sees organisation B's rows: 404 in views and in the API.

``test_every_tenant_model_has_an_isolation_case`` makes every new model with an ``organisation``
field add its case to ``tests/tenancy_cases.py``, so isolation is proven for each one.
"""

from __future__ import annotations

import pytest
from django.apps import apps

from tests.tenancy_cases import CASES


def test_every_tenant_model_has_an_isolation_case():
    tenant_models = {
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label not in {"auth", "contenttypes", "sessions", "admin"}
        and not model._meta.label.split(".")[1].startswith("Historical")
        and any(f.name == "organisation" for f in model._meta.get_fields())
    }
    assert tenant_models - set(CASES) == set()


@pytest.mark.parametrize("label", sorted(CASES))
def test_views_of_other_tenants_rows_answer_404(label, org_a, org_b, users_a, users_b, client):
    case = CASES[label]
    row_b = case.make(org_b, users_b)
    row_a = case.make(org_a, users_a)
    client.force_login(users_a["administrator"])
    for method, url in case.urls(row_b):
        response = client.post(url) if method == "POST" else client.get(url)
        assert (label, method, url, response.status_code) == (label, method, url, 404)
    case.assert_unchanged(row_b)
    for method, url in case.urls(row_a):
        if method == "GET":
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("label", sorted(label for label, case in CASES.items() if case.api_urls))
def test_api_of_other_tenants_rows_answers_404_and_lists_only_own(
    label, org_a, org_b, users_a, users_b, client, token_for
):
    case = CASES[label]
    row_b = case.make(org_b, users_b)
    row_a = case.make(org_a, users_a)
    headers = {"Authorization": f"Bearer {token_for(org_a)}"}
    for url in case.api_urls(row_b):
        assert client.get(url, headers=headers).status_code == 404
    for url in case.api_urls(row_a):
        assert client.get(url, headers=headers).status_code == 200
    if case.api_list:
        body = client.get(case.api_list, headers=headers).json()
        ids = [item["id"] for item in (body["items"] if case.paginated else body)]
        assert row_a.pk in ids
        assert row_b.pk not in ids
