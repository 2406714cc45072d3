"""Two tenants, A and B, with one user per role each; factory functions for units and tokens."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from gronnkjop.core.models import Membership, Organisation, Unit
from gronnkjop.core.roles import Role
from gronnkjop.core.services import api_token_create

PASSWORD = "test-passord-123"


def make_org(name: str, orgnr: str, kind: str = "kommune") -> Organisation:
    return Organisation.objects.create(name=name, orgnr=orgnr, kind=kind)


def make_user(username: str, org: Organisation, *roles: str):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.no", password=PASSWORD
    )
    for role in roles:
        Membership.objects.create(user=user, organisation=org, role=role)
    return user


@pytest.fixture
def org_a(db) -> Organisation:
    return make_org("Dulten kommune", "940080177")


@pytest.fixture
def org_b(db) -> Organisation:
    return make_org("Nordvik kommune", "940080185")


@pytest.fixture
def users_a(org_a) -> dict[str, object]:
    return {role: make_user(f"a_{role}", org_a, role) for role in Role.values}


@pytest.fixture
def users_b(org_b) -> dict[str, object]:
    return {role: make_user(f"b_{role}", org_b, role) for role in Role.values}


@pytest.fixture
def unit_a(org_a) -> Unit:
    return Unit.objects.create(organisation=org_a, name="Dulten skole", code="2110")


@pytest.fixture
def unit_b(org_b) -> Unit:
    return Unit.objects.create(organisation=org_b, name="Nordvik skole", code="2110")


@pytest.fixture
def login(client):
    def do(user):
        client.force_login(user)
        return client

    return do


@pytest.fixture
def token_for():
    def make(org: Organisation, user=None) -> str:
        _token, raw = api_token_create(organisation=org, name="test", by=user)
        return raw

    return make
