"""Two people reserving the last units at the same time: exactly one succeeds, the other is told why.

Real threads with their own database connections and real transactions. On PostgreSQL the second
``SELECT … FOR UPDATE`` waits for the first transaction; on SQLite ``BEGIN IMMEDIATE`` queues the second
writer. Either way the second sees the units gone and gets a clear message.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from gronnkjop.reuse import services
from gronnkjop.reuse.services import NotEnoughUnits
from tests.reuse.conftest import make_item

pytestmark = pytest.mark.django_db(transaction=True)


def _skip_on_in_memory_sqlite():
    services.factor_table_ensure()  # a transactional test before this one flushed the migration's rows
    if connection.vendor == "sqlite" and connection.settings_dict["TEST"].get("NAME") in (
        None,
        "",
        ":memory:",
    ):
        pytest.skip(
            "in-memory SQLite uses a shared cache whose table locks fail at once instead of queueing; "
            "set GRONNKJOP_TEST_SQLITE_NAME to a file to run this on SQLite (PostgreSQL runs it always)"
        )


def _reserve(item, org, user, results, key, *, before=None, hold=None):
    try:
        if before is not None:
            before.wait(timeout=10)
        with transaction.atomic():
            reservation = services.reservation_create(organisation=org, item=item, quantity=2, by=user)
            if hold is not None:
                hold()
        results[key] = ("ok", reservation.pk)
    except NotEnoughUnits as exc:
        results[key] = ("refused", exc.messages[0])
    except Exception as exc:  # pragma: no cover - shown in the assertion
        results[key] = ("error", repr(exc))
    finally:
        connection.close()


def test_the_second_of_two_overlapping_reservations_of_the_last_units_is_refused(
    org_a, org_b, users_a, collaboration
):
    _skip_on_in_memory_sqlite()
    item = make_item(org_b, days_ago=100, quantity=2)
    results: dict = {}
    first_has_lock = threading.Event()

    def hold():
        first_has_lock.set()
        time.sleep(0.5)  # the second reservation starts while this transaction still holds the row

    first = threading.Thread(
        target=_reserve, args=(item, org_a, users_a["behovseier"], results, "first"), kwargs={"hold": hold}
    )
    second = threading.Thread(
        target=_reserve,
        args=(item, org_a, users_a["innkjoper"], results, "second"),
        kwargs={"before": first_has_lock},
    )
    first.start()
    second.start()
    first.join(30)
    second.join(30)
    item.refresh_from_db()
    assert results["first"][0] == "ok"
    assert results["second"] == (
        "refused",
        "Beklager, noen andre var først: ingen enheter av denne gjenstanden er igjen.",
    )
    assert (item.quantity_available, item.status, item.reservations.count()) == (0, "reserved", 1)


def test_of_two_simultaneous_reservations_of_the_last_units_exactly_one_succeeds(
    org_a, org_b, users_a, collaboration
):
    _skip_on_in_memory_sqlite()
    item = make_item(org_b, days_ago=100, quantity=2)
    results: dict = {}
    start = threading.Barrier(2)
    threads = [
        threading.Thread(
            target=_reserve, args=(item, org_a, users_a[role], results, role), kwargs={"before": start}
        )
        for role in ("behovseier", "innkjoper")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    item.refresh_from_db()
    assert sorted(outcome for outcome, _detail in results.values()) == ["ok", "refused"]
    assert (item.quantity_available, item.reservations.count()) == (0, 1)
