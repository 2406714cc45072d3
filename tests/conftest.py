"""Fixtures shared by every test package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def shared_data_dir() -> Path | None:
    """The reference data folder (``../shared/data`` beside the repository), or None when absent."""
    configured = os.environ.get("GRONNKJOP_SHARED_DATA")
    candidates = [Path(configured)] if configured else []
    candidates += [REPO.parent / "shared" / "data", REPO.parent.parent / "shared" / "data"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return None


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Path to ../shared/data; tests that need it skip with a clear reason when it is absent."""
    path = shared_data_dir()
    if path is None:
        pytest.skip("reference data ../shared/data is not present (set GRONNKJOP_SHARED_DATA to its path)")
    return path


@pytest.fixture(autouse=True)
def _no_language_left_active():
    """A request activates its language in the thread; the next test starts from the default
    (bokmål) again, as the next request of a real server does."""
    yield
    from django.utils import translation

    translation.deactivate()
