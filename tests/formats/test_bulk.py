import gc

import pytest

from gronnkjop.formats import bulk_reading


def test_bulk_reading_makes_young_collections_rarer_and_restores_the_settings():
    before = gc.get_threshold()
    with bulk_reading():
        assert gc.get_threshold() == (50_000, *before[1:])
    assert gc.get_threshold() == before


def test_bulk_reading_restores_the_settings_after_an_error():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), bulk_reading(threshold=10_000):
        raise RuntimeError("boom")
    assert gc.get_threshold() == before
