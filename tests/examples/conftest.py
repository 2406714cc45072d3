"""An editor, a reader without the editor role, a factory for examples and the seeded demo bank."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from gronnkjop.core.models import Membership, Organisation
from gronnkjop.examples import search, services
from gronnkjop.examples.demo import load_examples
from gronnkjop.examples.models import Example

BODY = "## Om anskaffelsen\n\nOm.\n\n## Framgangsmåte\n\nSlik.\n\n## Resultater\n\nDette.\n"


@pytest.fixture(autouse=True)
def _fresh_corpus_cache():
    search._corpus_cache.clear()
    yield
    search._corpus_cache.clear()


@pytest.fixture
def organisation(db) -> Organisation:
    return Organisation.objects.create(name="Dulten kommune", orgnr="940080177", kind="kommune")


def _user(username: str, organisation: Organisation, role: str):
    user = get_user_model().objects.create_user(username=username, password="test-passord-123")
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def editor(organisation):
    return _user("redaktor", organisation, "redaktor")


@pytest.fixture
def buyer(organisation):
    return _user("innkjoper", organisation, "innkjoper")


@pytest.fixture
def make_example(db):
    def make(title: str = "Brukte møbler i Dulten", *, publish: bool = True, by=None, **content):
        data = {"title": title, "lead": "Kort ingress.", "body": BODY, "category": "mobler", **content}
        example = services.example_save(content=data, by=by)
        if publish:
            services.example_publish(example=example, by=by)
        return example

    return make


@pytest.fixture
def bank(db):
    """Every example of the two seed documents, published, as in the demo."""
    load_examples()


@pytest.fixture(scope="module")
def seeded_bank(django_db_setup, django_db_blocker):
    """The seeded bank once for a whole module of read-only tests, removed again afterwards."""
    with django_db_blocker.unblock():
        load_examples()
    yield
    with django_db_blocker.unblock():
        Example.objects.all().delete()
        search.index_rebuild()


@pytest.fixture
def _reads(seeded_bank, db):
    """Read the module's seeded bank inside the test's own transaction."""
